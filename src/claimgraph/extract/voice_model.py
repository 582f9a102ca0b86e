"""The shipped author-voice classifier: two linear models and a stacker, numpy only.

``models/voice.npz`` holds the weights that ``claimgraph train voice``
writes (see :mod:`claimgraph.extract.voice_training`):

* ``cues``: logistic regression over the cue-category counts and sentence
  patterns of :func:`~claimgraph.extract.voice_features.sentence_features`
  (a few hundred named features, hashed into a small table);
* ``embedding``: logistic regression over the sentence's static embedding
  (the Model2Vec model shipped for claim matching, ``claimgraph.matching``),
  used when that model is installed;
* a stacker (logistic regression over the two logits, fitted on
  cross-validated predictions; Wolpert 1992) and the decision threshold chosen
  by cross-validation on the training split. When the embedding model is
  missing the ``cues`` model decides alone, with its own threshold.

A third model over hashed words and bigrams was tried and dropped: it added
nothing in cross-validation (stacked CV macro-F1 0.732 with or without it) and
scored lower on dev (0.63 alone).

Scoring is a handful of table look-ups per feature: no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from claimgraph.errors import ModelError

__all__ = [
    "MODEL_FILE",
    "VoiceModel",
    "embedding_fingerprint",
    "hash_index",
    "load_voice_model",
    "model_path",
]

MODEL_FILE = "voice.npz"
CUE_BITS = 12


def hash_index(name: str, bits: int) -> int:
    """A stable hash of a feature name into ``2**bits`` slots (CRC-32, as in training)."""
    return zlib.crc32(name.encode("utf-8")) & ((1 << bits) - 1)


def model_path() -> Path:
    """Where the shipped model lives (``claimgraph/models/voice.npz``)."""
    return Path(str(files("claimgraph") / "models" / MODEL_FILE))


@cache
def embedding_fingerprint() -> str | None:
    """Identity of the installed static embedding model (size of its weights + its config).

    The embedding weights of the voice model only fit the embedding model they were
    trained with; when this changes, the cue model decides alone until retrained.
    """
    import hashlib

    from claimgraph.matching import model_path as embedding_path

    folder = embedding_path()
    weights, config = folder / "model.safetensors", folder / "config.json"
    if not weights.is_file() or not config.is_file():
        return None
    digest = hashlib.sha1(config.read_bytes())
    digest.update(str(weights.stat().st_size).encode())
    return digest.hexdigest()[:16]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True)
class VoiceModel:
    """Weights of the two linear models, the stacker and the thresholds."""

    cue_weights: np.ndarray
    cue_bias: float
    emb_weights: np.ndarray | None
    emb_bias: float
    stack: np.ndarray  # [w_cues, w_emb, bias]
    threshold: float
    threshold_cues: float
    meta: Mapping[str, object]

    def cue_logit(self, features: Mapping[str, float]) -> float:
        """The ``cues`` logit of one feature dict."""
        cue = self.cue_bias
        cw = self.cue_weights
        for name, value in features.items():
            cue += float(cw[hash_index(name, CUE_BITS)]) * value
        return cue

    def emb_logits(self, embeddings: np.ndarray) -> np.ndarray:
        assert self.emb_weights is not None
        return embeddings @ self.emb_weights + self.emb_bias

    def probability(self, cue: float, emb: float | None) -> float:
        """Stacked probability that the sentence is in the author's own voice."""
        if emb is None or self.emb_weights is None:
            return _sigmoid(cue)
        a, b, c = self.stack
        return _sigmoid(a * cue + b * emb + c)

    def decision_threshold(self, with_embedding: bool) -> float:
        return self.threshold if with_embedding and self.emb_weights is not None else self.threshold_cues

    def probabilities(
        self, features: Sequence[Mapping[str, float]], embeddings: np.ndarray | None
    ) -> list[float]:
        """Probabilities for many sentences (``embeddings``: one row each, or None)."""
        embs = (
            self.emb_logits(embeddings) if embeddings is not None and self.emb_weights is not None else None
        )
        out = []
        for i, f in enumerate(features):
            out.append(self.probability(self.cue_logit(f), None if embs is None else float(embs[i])))
        return out

    # -- persistence -------------------------------------------------------------
    def save(self, path: Path) -> None:
        arrays = {
            "cue_weights": self.cue_weights.astype(np.float32),
            "stack": self.stack.astype(np.float64),
            "scalars": np.array([self.cue_bias, self.emb_bias, self.threshold, self.threshold_cues]),
            "meta": np.array(json.dumps(dict(self.meta))),
        }
        if self.emb_weights is not None:
            arrays["emb_weights"] = self.emb_weights.astype(np.float32)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> VoiceModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                scalars = data["scalars"]
                return cls(
                    cue_weights=data["cue_weights"],
                    cue_bias=float(scalars[0]),
                    emb_weights=data["emb_weights"] if "emb_weights" in data.files else None,
                    emb_bias=float(scalars[1]),
                    stack=data["stack"],
                    threshold=float(scalars[2]),
                    threshold_cues=float(scalars[3]),
                    meta=json.loads(str(data["meta"])),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(
                f"cannot load the voice model {path}: reinstall claimgraph or rebuild it with "
                "`claimgraph train voice`"
            ) from exc


@cache
def load_voice_model(path: str | None = None) -> VoiceModel | None:
    """The shipped model (None when it has not been trained yet)."""
    where = Path(path) if path else model_path()
    if not where.is_file():
        return None
    return VoiceModel.load(where)
