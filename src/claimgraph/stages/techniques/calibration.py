"""Calibrated technique scores: what share of a span a reader can expect to be right.

The span models' combined score (:func:`~claimgraph.stages.techniques.technique_spans`) ranks
spans but over-promises (on held-out PTC articles spans scored 0.8–1.0 were 44 % inside a gold
span of their label). :class:`Calibration` maps it to a probability with a small logistic model
fitted on *out-of-fold* spans, those a model trained on four fifths of PTC found in the fifth
it did not see (:func:`claimgraph.stages.techniques.train.fit_calibration`). Its inputs:

- ``logit(raw score)``;
- the technique label (one intercept per label: Loaded_Language spans are right more often than
  Doubt spans of the same raw score);
- whose words they are (:class:`SpanContext`): the author's own (outside every statement), and
  among those the *plain* ones: the author's words in a sentence the voice model does not find
  evaluative (no voice span overlaps the span) and with no evaluative cue of
  :mod:`claimgraph.knowledge.subjectivity` in the span. Plain reporting vocabulary ("was
  charged with murder", "the war in Ukraine") in a neutral sentence is what this term learns
  to discount.
- the *document* the span is in (:class:`SpanContext`'s ``doc_voice`` and ``doc_density``): the
  share of the text that the voice stage finds in the author's own evaluating voice, and how
  many spans the model proposes per 1,000 characters of it (log). A technique is likelier in an
  article that editorialises and is dense with candidates than in plain news copy, where the
  same phrase is more often colour or reporting.

The target of the fit is each span's share of characters inside a gold span of the same
label (PTC's own credit rule), so a calibrated score of 0.3 means "about 30 % of such spans
is a technique of this label". The file is ``models/techniques-calibration.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph.errors import ModelError

__all__ = [
    "CALIBRATION_FILE",
    "CONTEXT_TERMS",
    "Calibration",
    "SpanContext",
    "calibration_inputs",
    "document_context",
]

CALIBRATION_FILE = "techniques-calibration.json"
#: Raw scores are clipped to [EPS, 1 - EPS] before the logit.
EPS = 1e-3
#: The context terms, in the order of :meth:`SpanContext.vector` (the file names them).
CONTEXT_TERMS: tuple[str, ...] = ("author", "plain_author", "doc_voice", "doc_density")
#: Terms a calibration file may lack (one written before they existed): weight 0.
OPTIONAL_TERMS: frozenset[str] = frozenset({"doc_voice", "doc_density"})
#: :func:`document_context` counts spans per 1,000 characters of at least this many characters
#: (a one-sentence input is not a document dense with techniques).
MIN_DOC_CHARS = 1000


@dataclass(frozen=True)
class SpanContext:
    """Whose words a technique span is in, as the calibration reads it."""

    #: outside every statement's content (the author is charged with it)
    author: bool
    #: the author's, in a sentence the voice model finds neutral, with no evaluative cue
    plain: bool = False
    #: share of the document's characters in the author's voice (:func:`document_context`)
    doc_voice: float = 0.0
    #: log(1 + the model's spans per 1,000 characters of the document)
    doc_density: float = 0.0

    def vector(self) -> list[float]:
        return [float(self.author), float(self.author and self.plain), self.doc_voice, self.doc_density]


def document_context(chars: int, voiced: Sequence[tuple[int, int]], spans: int) -> tuple[float, float]:
    """``(doc_voice, doc_density)`` of a document of ``chars`` characters with the voice spans
    ``voiced`` (``[start, end)``, possibly overlapping) and ``spans`` proposed technique spans."""
    covered = 0
    last = 0
    for start, end in sorted(voiced):
        start = max(start, last)
        if end > start:
            covered += end - start
            last = end
    share = covered / chars if chars > 0 else 0.0
    return min(1.0, share), math.log1p(1000.0 * spans / max(chars, MIN_DOC_CHARS))


def _logit(p: float) -> float:
    p = min(1.0 - EPS, max(EPS, p))
    return math.log(p / (1.0 - p))


def calibration_inputs(
    raw: Sequence[float], labels: Sequence[str], contexts: Sequence[SpanContext], label_set: Sequence[str]
) -> np.ndarray:
    """The calibration model's input matrix: logit(raw), one column per label, the context terms."""
    index = {lab: k for k, lab in enumerate(label_set)}
    x = np.zeros((len(raw), 1 + len(label_set) + len(CONTEXT_TERMS)), dtype=np.float64)
    for i, (r, lab, ctx) in enumerate(zip(raw, labels, contexts, strict=True)):
        x[i, 0] = _logit(r)
        if lab in index:
            x[i, 1 + index[lab]] = 1.0
        x[i, 1 + len(label_set) :] = ctx.vector()
    return x


@dataclass
class Calibration:
    """A logistic map from (raw score, label, context) to a calibrated probability."""

    labels: list[str]
    weights: np.ndarray  # 1 + len(labels) + len(CONTEXT_TERMS)
    bias: float
    info: dict

    def probabilities(
        self, raw: Sequence[float], labels: Sequence[str], contexts: Sequence[SpanContext]
    ) -> np.ndarray:
        """Calibrated probability of each span (an empty array for no spans)."""
        if not raw:
            return np.zeros(0)
        z = calibration_inputs(raw, labels, contexts, self.labels) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def save(self, path: Path) -> None:
        names = ["logit_raw", *(f"label={lab}" for lab in self.labels), *CONTEXT_TERMS]
        data = {
            "labels": self.labels,
            "weights": dict(zip(names, (round(float(w), 6) for w in self.weights), strict=True)),
            "bias": round(self.bias, 6),
            "info": self.info,
        }
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Calibration:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            labels = [str(x) for x in data["labels"]]
            names = ["logit_raw", *(f"label={lab}" for lab in labels), *CONTEXT_TERMS]
            given = data["weights"]
            weights = np.array(
                [float(given[n]) if n in given or n not in OPTIONAL_TERMS else 0.0 for n in names]
            )
            return cls(labels, weights, float(data["bias"]), dict(data.get("info", {})))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(
                f"technique calibration {path} unreadable ({exc}); "
                "run `claimgraph train techniques-calibration`"
            ) from exc
