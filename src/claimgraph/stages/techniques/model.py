"""The two trained models behind :func:`claimgraph.stages.techniques.techniques`.

- :class:`SpanTagger`: a linear-chain CRF (python-crfsuite) that tags tokens
  ``B-<label>`` / ``I-<label>`` / ``O``; a token inside several gold spans is
  tagged with the shortest, and a long span interrupted by a short one is
  joined again when decoding (:func:`decode`).
- :class:`TechniqueClassifier`: multinomial logistic regression over hashed
  span features (:meth:`DocFeatures.span_features`) that labels a given span;
  it is what the PTC technique-classification (TC) score measures.
- The *candidate* classifier: the same model learnt from the CRF's own
  out-of-fold candidate spans as well as the gold spans, with one more label,
  :data:`NONE_LABEL`, for candidates that overlap no gold span.

Both are saved beside the package (``claimgraph/models/``) and loaded once.
Training lives in :mod:`claimgraph.stages.techniques.train`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph import models
from claimgraph.embeddings.static import embed, embedding_fingerprint
from claimgraph.errors import ModelError
from claimgraph.ml.hashing import StringHasher
from claimgraph.record import TECHNIQUE_LABELS
from claimgraph.stages.techniques.calibration import CALIBRATION_FILE, Calibration
from claimgraph.stages.techniques.features import DocFeatures

__all__ = [
    "NONE_LABEL",
    "SpanInputs",
    "SpanTagger",
    "TaggedSpan",
    "TechniqueClassifier",
    "TechniqueModels",
    "decode",
    "load_models",
    "span_inputs",
]

TAGGER_FILE = "techniques-crf.crfsuite"
CLASSIFIER_FILE = "techniques-tc.npz"
CANDIDATE_FILE = "techniques-candidates.npz"
#: The candidate classifier's label for a proposed span that is no technique.
NONE_LABEL = "none"
META_FILE = "techniques.json"


@dataclass(frozen=True)
class TaggedSpan:
    """A token range ``[start, end)`` with a label and the mean marginal of its tags."""

    label: str
    start: int
    end: int
    score: float
    #: label → share of the span's marginal mass (empty when not computed)
    mass: dict[str, float] = field(default_factory=dict, compare=False)


def decode(tags: list[str], probs: list[float] | None = None) -> list[TaggedSpan]:
    """Spans from BIO tags; ``I-X`` after an interrupting span resumes the last ``X`` span.

    >>> [(s.label, s.start, s.end) for s in decode(["B-A", "I-A", "B-B", "I-A", "O"])]
    [('A', 0, 4), ('B', 2, 3)]
    """
    probs = probs or [1.0] * len(tags)
    spans: list[list] = []  # [label, start, end, score_sum]
    open_: list | None = None
    last_by_label: dict[str, list] = {}
    for i, tag in enumerate(tags):
        if tag == "O":
            open_ = None
            last_by_label.clear()
            continue
        kind, label = tag[0], tag[2:]
        if kind == "I" and open_ is not None and open_[0] == label:
            open_[2] = i + 1
            open_[3] += probs[i]
            continue
        resumed = last_by_label.get(label) if kind == "I" else None
        if resumed is not None:
            resumed[2] = i + 1
            resumed[3] += probs[i]
            open_ = resumed
            continue
        open_ = [label, i, i + 1, probs[i]]
        spans.append(open_)
        last_by_label[label] = open_
    return sorted(
        (TaggedSpan(lab, s, e, sc / (e - s)) for lab, s, e, sc in spans), key=lambda t: (t.start, t.end)
    )


class SpanTagger:
    """CRF tagger over :meth:`DocFeatures.token_features`."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        self.path = path
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        self.labels = sorted({t[2:] for t in self.tagger.labels() if t != "O"})
        #: each label with its B and I tag names (formatted once, read for every span)
        self._tags = [(lab, (f"B-{lab}", f"I-{lab}")) for lab in self.labels]

    def tag(self, feats: DocFeatures, threshold: float | None = None) -> list[TaggedSpan]:
        """Labelled token spans (doc token indices) found in the document.

        With ``threshold``, runs of tokens whose probability of being inside a
        span reaches it are added where the Viterbi path left them out (more
        recall); their label is the one with the most marginal mass.
        """
        out: list[TaggedSpan] = []
        for seq in feats.sequences:
            if not seq:
                continue
            tags = self.tagger.tag(feats.token_features(seq))
            probs = [self.tagger.marginal(t, j) for j, t in enumerate(tags)]
            spans = decode(tags, probs)
            if threshold is not None:
                spans += self._runs(tags, threshold, probs)
            out += [
                TaggedSpan(
                    sp.label, seq[sp.start], seq[sp.end - 1] + 1, sp.score, self._mass(sp.start, sp.end)
                )
                for sp in spans
            ]
        return out

    def _runs(self, tags: list[str], threshold: float, probs: list[float] | None = None) -> list[TaggedSpan]:
        """Runs of O-tagged tokens with P(inside a span) >= threshold (tagger already set;
        ``probs``: each token's marginal of its own tag, when already read)."""
        if probs is None:
            probs = [self.tagger.marginal(t, j) for j, t in enumerate(tags)]
        # an O-tagged token's own marginal is P(O) there
        p_in = [1.0 - p if t == "O" else 0.0 for t, p in zip(tags, probs, strict=True)]
        runs: list[TaggedSpan] = []
        j = 0
        while j < len(tags):
            if p_in[j] < threshold:
                j += 1
                continue
            k = j
            while k < len(tags) and p_in[k] >= threshold:
                k += 1
            mass = self._mass(j, k)
            runs.append(TaggedSpan(max(mass, key=mass.__getitem__), j, k, sum(p_in[j:k]) / (k - j)))
            j = k
        return runs

    def _mass(self, j: int, k: int) -> dict[str, float]:
        """Each label's share of the B/I marginals over tokens ``[j, k)`` (tagger already set).

        Read at the first, middle and last token only: each marginal is a call into
        crfsuite, and reading them all costs more than the tagging itself.
        """
        at = sorted({j, (j + k - 1) // 2, k - 1})
        marginal = self.tagger.marginal
        mass = {lab: sum([marginal(t, i) for i in at for t in bi]) for lab, bi in self._tags}
        total = sum(mass.values()) or 1.0
        return {lab: m / total for lab, m in mass.items()}


class TechniqueClassifier:
    """Label a span with a PTC technique: hashed features (and the span's static embedding,
    times :attr:`emb_scale`) → softmax over the labels.

    The embedding block (:attr:`emb_coef`) only fits the static model it was trained
    with (:attr:`fingerprint`); with another model, or none installed, the classifier
    scores from the hashed features alone (a documented, slightly weaker result).
    """

    def __init__(
        self,
        coef: np.ndarray,
        intercept: np.ndarray,
        labels: list[str],
        n_features: int,
        emb_coef: np.ndarray | None = None,
        emb_scale: float = 0.0,
        fingerprint: str | None = None,
        ctx_coef: np.ndarray | None = None,
        ctx_scale: float = 0.0,
    ) -> None:
        self.coef = coef
        self.intercept = intercept.astype(np.float32)
        self.labels = labels
        self.hasher = StringHasher(n_features)
        self.emb_coef = emb_coef.astype(np.float32) if emb_coef is not None and emb_coef.size else None
        self.emb_scale = emb_scale
        self.fingerprint = fingerprint
        #: weights of the span's sentence's static embedding (times :attr:`ctx_scale`); None:
        #: a classifier trained without it (the sentence is not read)
        self.ctx_coef = ctx_coef.astype(np.float32) if ctx_coef is not None and ctx_coef.size else None
        self.ctx_scale = ctx_scale

    @classmethod
    def load(cls, path: Path) -> TechniqueClassifier:
        with np.load(path, allow_pickle=False) as data:
            has_emb = "emb_coef" in data.files
            has_ctx = "ctx_coef" in data.files
            return cls(
                data["coef"],
                data["intercept"],
                [str(x) for x in data["labels"]],
                int(data["n_features"]),
                emb_coef=data["emb_coef"] if has_emb else None,
                emb_scale=float(data["emb_scale"]) if has_emb else 0.0,
                fingerprint=str(data["fingerprint"]) if has_emb else None,
                ctx_coef=data["ctx_coef"] if has_ctx else None,
                ctx_scale=float(data["ctx_scale"]) if has_ctx else 0.0,
            )

    @property
    def coef(self) -> np.ndarray:
        """The hashed block's weights (labels × features); assign a new array to change them
        (the transposed copy used for prediction is made on assignment)."""
        return self._coef

    @coef.setter
    def coef(self, value: np.ndarray) -> None:
        self._coef = value.astype(np.float32)
        # features × labels, row-major and in the hashed matrix's float64: the sparse product
        # then reads it in place (a float32 operand was copied and cast on every call)
        self.coef_t = np.ascontiguousarray(self._coef.T, dtype=np.float64)

    def save(self, path: Path) -> None:
        extra: dict[str, Any] = {}
        if self.emb_coef is not None:
            extra = {
                "emb_coef": self.emb_coef.astype(np.float16),
                "emb_scale": np.float32(self.emb_scale),
                "fingerprint": np.array(self.fingerprint or ""),
            }
            if self.ctx_coef is not None:
                extra["ctx_coef"] = self.ctx_coef.astype(np.float16)
                extra["ctx_scale"] = np.float32(self.ctx_scale)
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float16),
            intercept=self.intercept,
            labels=np.array(self.labels),
            n_features=self.hasher.n_features,
            **extra,
        )

    def matrix(self, feature_lists: list[list[str]]):  # type: ignore[no-untyped-def]
        """The hashed, binary feature matrix of the feature lists (training and prediction)."""
        return SpanInputs(feature_lists).hashed(self.hasher)

    @property
    def uses_embedding(self) -> bool:
        """Whether the embedding block applies (trained with the installed static model)."""
        return self.emb_coef is not None and self.fingerprint == embedding_fingerprint()

    def embedding(self, texts: list[str]) -> np.ndarray:
        """The scaled static embeddings of the span texts (the dense feature block)."""
        return self.dense_block(SpanInputs([], texts))

    def context_embedding(self, contexts: list[str]) -> np.ndarray:
        """The scaled static embeddings of the spans' sentences (the context block)."""
        return self.context_block(SpanInputs([], None, contexts))

    def dense_block(self, inputs: SpanInputs) -> np.ndarray:
        """The dense feature block: the spans' (shared) static embeddings, scaled."""
        return inputs.embedded() * self.emb_scale

    def context_block(self, inputs: SpanInputs) -> np.ndarray:
        """The dense block of the spans' sentences: their (shared) static embeddings, scaled."""
        return inputs.embedded_contexts() * self.ctx_scale

    def proba(
        self,
        feature_lists: list[list[str]],
        texts: list[str] | None = None,
        contexts: list[str] | None = None,
    ) -> np.ndarray:
        """Class probabilities, one row per feature list (columns: :attr:`labels`); ``texts``
        (the spans' words) add the embedding block when the classifier has one, ``contexts``
        (the spans' sentences) the context block."""
        return self.proba_of(SpanInputs(feature_lists, texts, contexts))

    def proba_of(self, inputs: SpanInputs) -> np.ndarray:
        """:meth:`proba` for inputs whose hashed matrix and embeddings may be shared."""
        if not inputs.features:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        z = np.asarray(inputs.hashed(self.hasher) @ self.coef_t) + self.intercept
        if inputs.texts is not None and self.emb_coef is not None and self.uses_embedding:
            z += self.dense_block(inputs) @ self.emb_coef.T
            if inputs.contexts is not None and self.ctx_coef is not None:
                z += self.context_block(inputs) @ self.ctx_coef.T
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def classify(self, feats: DocFeatures, spans: list[tuple[int, int]]) -> np.ndarray:
        """Probabilities for character spans of the document."""
        return self.proba_of(span_inputs(feats, spans))

    def candidate_proba(self, inputs: SpanInputs, labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """For a classifier that knows :data:`NONE_LABEL`: each span's distribution over
        ``labels`` (renormalised without ``none``) and its probability of being no technique."""
        proba = self.proba_of(inputs)
        cols = [self.labels.index(lab) for lab in labels]
        none = proba[:, self.labels.index(NONE_LABEL)]
        dist = proba[:, cols]
        return dist / np.maximum(dist.sum(axis=1, keepdims=True), 1e-9), none


@dataclass
class SpanInputs:
    """The classifiers' inputs for some spans: feature lists and the spans' texts.

    The hashed feature matrix and the static embeddings are computed on first use and
    kept, so the gold-span and candidate classifiers share them.
    """

    features: list[list[str]]
    texts: list[str] | None = None
    #: each span's sentence (:meth:`DocFeatures.span_sentence`)
    contexts: list[str] | None = None
    _hashed: dict[int, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    _embedded: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)
    _contexts: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    def hashed(self, hasher: StringHasher):  # type: ignore[no-untyped-def]
        """The binary hashed matrix for a hasher's width (one per width)."""
        x = self._hashed.get(hasher.n_features)
        if x is None:
            x = hasher.transform(self.features)
            x.data[:] = 1.0
            self._hashed[hasher.n_features] = x
        return x

    def embedded(self) -> np.ndarray:
        """The spans' (unscaled) static embeddings."""
        if self._embedded is None:
            self._embedded = embed(self.texts or [])
        return self._embedded

    def embedded_contexts(self) -> np.ndarray:
        """The (unscaled) static embeddings of the spans' sentences; a sentence holding several
        spans is embedded once."""
        if self._contexts is None:
            unique = sorted(set(self.contexts or []))
            rows = embed(unique)
            at = {c: k for k, c in enumerate(unique)}
            self._contexts = rows[[at[c] for c in self.contexts or []]] if unique else rows
        return self._contexts


def span_inputs(feats: DocFeatures, spans: list[tuple[int, int]]) -> SpanInputs:
    """The classifiers' inputs for character spans of the document."""
    return SpanInputs(
        [feats.span_features(s, e) for s, e in spans],
        [feats.text[s:e] for s, e in spans],
        [feats.span_sentence(s, e) for s, e in spans],
    )


@dataclass
class TechniqueModels:
    tagger: SpanTagger
    classifier: TechniqueClassifier
    meta: dict
    #: the candidate classifier (labels: the classifier's and :data:`NONE_LABEL`); None: the
    #: gold-span classifier labels alone and nothing is vetoed
    candidates: TechniqueClassifier | None = None
    #: maps the combined span score to a calibrated probability (:mod:`.calibration`); None
    #: (a model folder without the file, e.g. a held-out fold's): scores stay uncalibrated
    calibration: Calibration | None = None


@cache
def load_models(model_dir: str | None = None) -> TechniqueModels:
    """Load the shipped (or given) technique models once per process."""
    root = Path(model_dir) if model_dir else models.path()
    paths = [root / TAGGER_FILE, root / CLASSIFIER_FILE, root / META_FILE, root / CANDIDATE_FILE]
    missing = [p.name for p in paths if not p.exists()]
    if missing:
        raise ModelError(
            f"technique model files missing from {root}: {', '.join(missing)}; "
            "reinstall claimgraph or run `claimgraph train techniques`"
        )
    meta = json.loads(paths[2].read_text(encoding="utf-8"))
    classifier = TechniqueClassifier.load(paths[1])
    candidates = TechniqueClassifier.load(paths[3])
    unknown = set(classifier.labels) - set(TECHNIQUE_LABELS)
    if unknown or set(candidates.labels) != {*classifier.labels, NONE_LABEL}:
        raise ModelError(
            f"technique classifiers' labels do not fit PTC's: {sorted(classifier.labels)}, "
            f"{sorted(candidates.labels)}; run `claimgraph train techniques`"
        )
    calibration_path = root / CALIBRATION_FILE
    calibration = Calibration.load(calibration_path) if calibration_path.exists() else None
    return TechniqueModels(SpanTagger(paths[0]), classifier, meta, candidates, calibration)
