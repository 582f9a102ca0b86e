"""The shipped author-voice classifier: one joint linear model (and a fallback), numpy only.

``models/voice.npz`` holds the weights that ``claimgraph train voice``
writes (see :mod:`claimgraph.stages.voice.train`):

* the **joint** model: one L2-regularised logistic regression over the
  concatenation of three blocks (each scaled by a block weight chosen by
  cross-validation, and folded into the stored weights):

  - the cue-category counts and sentence patterns of
    :func:`~claimgraph.stages.voice.features.sentence_features` (a few
    hundred named features, hashed into a small table);
  - the sentence's static embedding (the Model2Vec model shipped for claim
    matching, ``claimgraph.corpus.matching``);
  - tf-idf of character 3–5-grams inside word boundaries (sublinear tf,
    L2-normalised; the "char_wb" analyser of scikit-learn, re-implemented in
    :func:`char_ngrams` so that training and run time share it). Character
    n-grams are the strongest bag-of-text baseline for short-text
    subjectivity and sentiment (Wang & Manning 2012; Kanaris et al. 2007).

  Concatenating the blocks in one model scored better in cross-validation on
  train than stacking separate models (macro-F1 0.745 vs 0.737, mean of three
  5-fold splits).
* the **cue** model alone (logistic regression over the cue features), with
  its own threshold: it decides when the embedding model is not installed.

The shipped joint model is *distilled* (:mod:`~claimgraph.stages.voice.distill`,
``claimgraph train voice --distill``): fitted to the transformer model's
probabilities over ~67,000 unlabelled news sentences instead of to the 830
CheckThat! labels, with the block scales that cross-validation chose on those
labels and the transformer model's threshold. Without ``--distill`` the same
command fits it to the labels directly.

Scoring is a handful of table look-ups per feature and one 256-d dot
product: no scikit-learn at run time.

``models/voice-minilm.npz`` is the same model trained on all-MiniLM-L6-v2
sentence embeddings (384-d) instead of the static ones
(``claimgraph train voice --encoder transformer``); it is used when the
``transformer`` extra is installed (:func:`voice_encoder`), and ranks
sentences better at a much higher cost (:mod:`claimgraph.embeddings.transformer`).
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from claimgraph import models
from claimgraph.errors import ModelError
from claimgraph.ml.ngrams import padded_word_ngrams
from claimgraph.settings import Settings

__all__ = [
    "ENCODERS",
    "MODEL_FILE",
    "TRANSFORMER_MODEL_FILE",
    "JointModel",
    "VoiceModel",
    "char_ngrams",
    "hash_index",
    "load_voice_model",
    "model_path",
    "transformer_problem",
    "voice_encoder",
    "word_ngrams",
]

MODEL_FILE = "voice.npz"
#: The model trained on the transformer extra's embeddings (all-MiniLM-L6-v2).
TRANSFORMER_MODEL_FILE = "voice-minilm.npz"
#: Sentence encoders a joint model can be trained on (``meta["encoder"]``).
ENCODERS: tuple[str, ...] = ("static", "transformer")
CUE_BITS = 12
CHAR_RANGE = (3, 5)


def hash_index(name: str, bits: int) -> int:
    """A stable hash of a feature name into ``2**bits`` slots (CRC-32, as in training)."""
    return zlib.crc32(name.encode("utf-8")) & ((1 << bits) - 1)


def word_ngrams(word: str) -> list[str]:
    """Character n-grams (3–5) of one lower-cased word padded with a space on each side."""
    return padded_word_ngrams(word, *CHAR_RANGE)


def char_ngrams(text: str) -> list[str]:
    """Character n-grams (3–5) of each lower-cased, space-padded word of ``text``.

    The same n-grams as scikit-learn's ``analyzer="char_wb"``.
    """
    grams: list[str] = []
    for word in text.lower().split():
        grams += word_ngrams(word)
    return grams


#: Words whose in-vocabulary n-grams are remembered (the cache is emptied when full).
WORD_CACHE_SIZE = 100_000


def model_path(encoder: str = "static") -> Path:
    """Where the shipped model for an encoder lives (``claimgraph/models/voice.npz``, or
    ``voice-minilm.npz`` for the transformer extra's)."""
    name = TRANSFORMER_MODEL_FILE if encoder == "transformer" else MODEL_FILE
    return models.path(name)


def voice_encoder() -> str:
    """The sentence encoder the voice stage uses: ``transformer`` or ``static``.

    ``CLAIMGRAPH_VOICE_ENCODER`` chooses. ``auto`` (the default) takes the transformer
    when it can run: the ``transformer`` extra installed, its model file there and trained
    on the installed weights. ``transformer`` insists, and says why it cannot run.
    """
    wanted = Settings.from_env().voice_encoder
    if wanted not in (*ENCODERS, "auto"):
        raise ModelError(f"CLAIMGRAPH_VOICE_ENCODER={wanted!r}: expected auto, static or transformer")
    if wanted == "static":
        return "static"
    problem = transformer_problem()
    if problem is None:
        return "transformer"
    if wanted == "auto":
        return "static"
    raise ModelError(f"CLAIMGRAPH_VOICE_ENCODER=transformer: {problem}")


def transformer_problem() -> str | None:
    """Why the transformer voice model cannot run here (None: it can)."""
    from claimgraph.embeddings.transformer import transformer_available, transformer_fingerprint

    if not transformer_available():
        return 'it needs the transformer extra: pip install torch==2.13.0, then "claimgraph[transformer]"'
    path = model_path("transformer")
    if not path.is_file():
        return f"{path} is missing: run `claimgraph train voice --encoder transformer`"
    model = load_voice_model(str(path))
    trained_on = model.meta.get("embedding_fingerprint") if model is not None else None
    if trained_on != transformer_fingerprint():
        return (
            f"{path.name} was trained on {trained_on}, the installed encoder is "
            f"{transformer_fingerprint()}: run `claimgraph train voice --encoder transformer`"
        )
    return None


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


#: Cue feature name → its weight's slot (the names are few: tags, categories, patterns).
_CUE_SLOTS: dict[str, int] = {}


def _cue_slot(name: str) -> int:
    slot = _CUE_SLOTS.get(name)
    if slot is None:
        if len(_CUE_SLOTS) >= 100_000:  # never on the stage's own names; a guard for odd callers
            _CUE_SLOTS.clear()
        slot = _CUE_SLOTS[name] = hash_index(name, CUE_BITS)
    return slot


def _cue_dot(weights: np.ndarray, features: Mapping[str, float]) -> float:
    # one gather of the weights, then the same sum in the same order as feature by feature
    looked_up = weights[[_cue_slot(name) for name in features]].tolist()
    total = 0.0
    for weight, value in zip(looked_up, features.values(), strict=True):
        total += weight * value
    return total


@dataclass(frozen=True)
class JointModel:
    """Cue, embedding and character n-gram weights of one logistic regression (scales folded in)."""

    cue_weights: np.ndarray
    emb_weights: np.ndarray
    char_vocab: tuple[str, ...]
    char_idf: np.ndarray
    char_weights: np.ndarray
    bias: float
    threshold: float

    @property
    def _char_rows(self) -> dict[str, int]:
        """Each vocabulary n-gram's row in :attr:`char_idf` and :attr:`char_weights`."""
        rows = self.__dict__.get("_rows")
        if rows is None:
            # built by a C-level zip: a comprehension over 158,000 n-grams took 0.15 s of start-up
            rows = dict(zip(self.char_vocab, range(len(self.char_vocab)), strict=True))
            object.__setattr__(self, "_rows", rows)
            object.__setattr__(self, "_idf64", self.char_idf.astype(np.float64))
            object.__setattr__(self, "_weights64", self.char_weights.astype(np.float64))
        return rows

    def _known_ngrams(self, word: str) -> np.ndarray:
        """The rows of the n-grams of ``word`` that are in the vocabulary (remembered per word)."""
        cache: dict[str, np.ndarray] | None = self.__dict__.get("_words")
        if cache is None or len(cache) >= WORD_CACHE_SIZE:
            cache = {}
            object.__setattr__(self, "_words", cache)
        known = cache.get(word)
        if known is None:
            rows = self._char_rows
            known = np.fromiter(
                (r for r in map(rows.get, word_ngrams(word)) if r is not None), dtype=np.int64
            )
            cache[word] = known
        return known

    def char_logit(self, text: str) -> float:
        """Dot product of the sentence's normalised char n-gram tf-idf vector with the weights.

        tf-idf as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` over the training
        vocabulary: (1 + ln tf) · idf, L2-normalised over the known n-grams.
        """
        self._char_rows  # noqa: B018 - builds the row table and the float64 weights once
        words = [self._known_ngrams(word) for word in text.lower().split()]
        if not words:
            return 0.0
        rows, tf = np.unique(np.concatenate(words), return_counts=True)
        if not rows.size:
            return 0.0
        idf = self.__dict__["_idf64"][rows]
        values = np.where(tf > 1, (1.0 + np.log(tf)) * idf, idf)
        norm = float(values @ values)
        dot = float(values @ self.__dict__["_weights64"][rows])
        return dot / math.sqrt(norm) if norm > 0 else 0.0

    def logit(self, features: Mapping[str, float], embedding: np.ndarray, text: str) -> float:
        return (
            self.bias
            + _cue_dot(self.cue_weights, features)
            + float(embedding @ self.emb_weights)
            + self.char_logit(text)
        )


@dataclass(frozen=True)
class VoiceModel:
    """The joint model (None: not trained with embeddings) and the cue-only fallback."""

    cue_weights: np.ndarray
    cue_bias: float
    threshold_cues: float
    joint: JointModel | None
    meta: Mapping[str, object]

    @property
    def encoder(self) -> str:
        """The sentence encoder the joint model was trained on (see :data:`ENCODERS`)."""
        return str(self.meta.get("encoder") or "static")

    @property
    def embedding_dim(self) -> int | None:
        return None if self.joint is None else int(self.joint.emb_weights.shape[0])

    @property
    def threshold(self) -> float:
        return self.joint.threshold if self.joint is not None else self.threshold_cues

    def cue_logit(self, features: Mapping[str, float]) -> float:
        """The fallback ``cues`` logit of one feature dict."""
        return self.cue_bias + _cue_dot(self.cue_weights, features)

    def decision_threshold(self, with_embedding: bool) -> float:
        return self.threshold if with_embedding and self.joint is not None else self.threshold_cues

    def probabilities(
        self,
        features: Sequence[Mapping[str, float]],
        embeddings: np.ndarray | None,
        texts: Sequence[str] | None = None,
    ) -> list[float]:
        """Probabilities for many sentences.

        ``embeddings`` (one row per sentence) and ``texts`` (the sentences) select the
        joint model; without embeddings the cue model decides alone.
        """
        if embeddings is None or self.joint is None:
            return [_sigmoid(self.cue_logit(f)) for f in features]
        if texts is None or len(texts) != len(features):
            raise ValueError("the joint voice model needs the sentence texts")
        joint = self.joint
        return [_sigmoid(joint.logit(f, embeddings[i], texts[i])) for i, f in enumerate(features)]

    # -- persistence -------------------------------------------------------------
    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {
            "cue_weights": self.cue_weights.astype(np.float32),
            "scalars": np.array([self.cue_bias, self.threshold_cues]),
            "meta": np.array(json.dumps(dict(self.meta))),
        }
        if self.joint is not None:
            j = self.joint
            arrays.update(
                joint_cue_weights=j.cue_weights.astype(np.float32),
                joint_emb_weights=j.emb_weights.astype(np.float32),
                char_vocab=np.array(j.char_vocab, dtype=str),
                char_idf=j.char_idf.astype(np.float32),
                char_weights=j.char_weights.astype(np.float32),
                joint_scalars=np.array([j.bias, j.threshold]),
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> VoiceModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                scalars = data["scalars"]
                joint = None
                if "joint_scalars" in data.files:
                    js = data["joint_scalars"]
                    joint = JointModel(
                        cue_weights=data["joint_cue_weights"],
                        emb_weights=data["joint_emb_weights"],
                        char_vocab=tuple(data["char_vocab"].tolist()),
                        char_idf=data["char_idf"],
                        char_weights=data["char_weights"],
                        bias=float(js[0]),
                        threshold=float(js[1]),
                    )
                return cls(
                    cue_weights=data["cue_weights"],
                    cue_bias=float(scalars[0]),
                    threshold_cues=float(scalars[1]),
                    joint=joint,
                    meta=json.loads(str(data["meta"])),
                )
        except (OSError, KeyError, ValueError, IndexError) as exc:
            raise ModelError(
                f"cannot load the voice model {path}: reinstall claimgraph or rebuild it with "
                "`claimgraph train voice`"
            ) from exc


@cache
def load_voice_model(path: str | None = None) -> VoiceModel | None:
    """The given model, or the shipped one for :func:`voice_encoder` (None when it has not
    been trained yet)."""
    where = Path(path) if path else model_path(voice_encoder())
    if not where.is_file():
        return None
    return VoiceModel.load(where)
