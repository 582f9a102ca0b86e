"""Technique spans with their raw scores, contexts and how right they are, on held-out PTC.

What the calibration is fitted on (:func:`claimgraph.stages.techniques.train.fit_calibration`)
and what the reliability benchmark (``benchmarks/techniques_reliability.py``) reports: a
held-out model (``claimgraph train techniques --holdout --fold K --out DIR``) is run on the
PTC articles it was not trained on, after the actors, statements and voice stages (whose
output tells whose words a span is in), and each span it proposes is paired with its
*target*: the share of its characters inside a gold span of the same label.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from spacy.tokens import Doc

from claimgraph.eval.ptc import PtcArticle, PtcSpan
from claimgraph.nlp.intervals import Intervals
from claimgraph.record import DocumentInfo, Record
from claimgraph.stages import run_stages
from claimgraph.stages.techniques import Owners, span_context, technique_spans
from claimgraph.stages.techniques.calibration import SpanContext, document_context
from claimgraph.stages.techniques.model import TechniqueModels

__all__ = [
    "CONTEXT_STAGES",
    "ScoredSpan",
    "calibration_error",
    "context_record",
    "reliability",
    "scored_spans",
    "split_by_article",
]

#: The stages run before the technique spans are read (the voice stage needs the first two).
CONTEXT_STAGES: tuple[str, ...] = ("actors", "statements", "voice")


def context_record(doc: Doc, doc_id: str, text: str, cache: Path | None = None) -> Record:
    """The record of the :data:`CONTEXT_STAGES` (what tells whose words a span is in).

    ``cache``: a folder keeping each record as JSON, named by a hash of the text (benchmarks
    that run several models over the same articles); delete it when those stages change."""
    path = None
    if cache is not None:
        path = cache / f"{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}.json"
        if path.exists():
            return Record.model_validate_json(path.read_text(encoding="utf-8"))
    record = run_stages(doc, Record(document=DocumentInfo(id=doc_id, text=text)), CONTEXT_STAGES)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record.to_json(indent=None), encoding="utf-8")
    return record


@dataclass(frozen=True)
class ScoredSpan:
    """One proposed span on a held-out article."""

    article: str
    label: str
    start: int
    end: int
    raw: float
    context: SpanContext
    #: share of the span's characters inside a gold span of its label (0–1)
    target: float

    @property
    def ptc(self) -> PtcSpan:
        return PtcSpan(self.article, self.start, self.end, self.label)


def scored_spans(
    articles: Sequence[PtcArticle],
    docs: Sequence,
    indices: Iterable[int],
    models: TechniqueModels,
    cache: Path | None = None,
) -> list[ScoredSpan]:
    """The model's spans (raw scores) on the articles ``indices``, with context and target
    (``cache``: see :func:`context_record`)."""
    out = []
    for i in indices:
        art, doc = articles[i], docs[i]
        record = context_record(doc, art.id, art.text, cache)
        covered: dict[str, set[int]] = defaultdict(set)
        for sp in art.spans:
            if sp.label is not None:
                covered[sp.label].update(range(sp.start, sp.end))
        owners = Owners(art.text, record.statements)
        voiced = Intervals([(v.start, v.end, v) for v in record.voice])
        found = technique_spans(doc, models)
        document = document_context(len(art.text), [(v.start, v.end) for v in record.voice], len(found))
        for label, s, e, raw in found:
            statement = owners.statement(s, e)
            hit = len(covered[label].intersection(range(s, e)))
            ctx = span_context(doc, s, e, statement, voiced, document)
            out.append(ScoredSpan(art.id, label, s, e, raw, ctx, hit / max(1, e - s)))
    return out


def split_by_article(spans: Sequence[ScoredSpan]) -> tuple[list[ScoredSpan], list[ScoredSpan]]:
    """Two halves by article (sorted ids, alternating): no article's spans in both."""
    ids = sorted({s.article for s in spans})
    first = set(ids[0::2])
    return [s for s in spans if s.article in first], [s for s in spans if s.article not in first]


def reliability(
    spans: Sequence[ScoredSpan], scores: Sequence[float], bins: Sequence[float]
) -> list[tuple[float, float, int, float, float]]:
    """Per score bin ``[lo, hi)``: (lo, hi, spans, mean score, mean target)."""
    rows = []
    for lo, hi in pairwise(bins):
        inside = [(sp, sc) for sp, sc in zip(spans, scores, strict=True) if lo <= sc < hi]
        n = len(inside)
        mean = sum(sc for _, sc in inside) / n if n else 0.0
        hit = sum(sp.target for sp, _ in inside) / n if n else 0.0
        rows.append((lo, hi, n, mean, hit))
    return rows


def calibration_error(spans: Sequence[ScoredSpan], scores: Sequence[float]) -> tuple[float, float]:
    """Expected calibration error (ten equal-width bins, weighted by spans) and Brier score."""
    if not spans:
        return 0.0, 0.0
    rows = reliability(spans, scores, [k / 10 for k in range(10)] + [1.0001])
    ece = sum(n * abs(mean - hit) for _, _, n, mean, hit in rows) / len(spans)
    brier = sum((sc - sp.target) ** 2 for sp, sc in zip(spans, scores, strict=True)) / len(spans)
    return ece, brier
