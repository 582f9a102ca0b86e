"""Cross-document statement matching on hand-labelled pairs (``claimgraph eval statement-pairs``).

``benchmarks/data/statement_pairs.tsv`` pairs statements of two different articles (FNC-1
bodies, PolNeAR) labelled ``same`` proposition of one story or ``different`` (``hard``:
same topic and kind of proposition, another story or occasion; ``easy``: another
proposition). Only offsets are stored; the texts are read from the research corpora
(:class:`~claimgraph.eval.corpora.CorpusTexts`). Split ``dev`` is for tuning, ``check``
(about a fifth, whole stories) is kept for the final figure.

Each labelled content becomes a corpus matching unit
(:class:`~claimgraph.corpus.matching.MatchUnit`): its words, the countries of the actors
and the CAMEO roots of the events inside it (its document analysed by the actors and
events stages), its document's publication date (PolNeAR; FNC-1 has none). A pair is
predicted ``same`` when the corpus would join the two units: the centred cosine of their
static embeddings, less the constraint penalties, reaches the threshold
(:func:`~claimgraph.corpus.matching.match_score`), and they keep to one story
(:func:`~claimgraph.corpus.matching.compatible`). Pairwise precision and recall of ``same``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

from claimgraph.corpus.matching import (
    DEFAULT_PARAMS,
    MatchParams,
    anchors,
    centre,
    compatible,
    match_score,
    shared_anchors,
)
from claimgraph.embeddings.static import embed, unit_rows
from claimgraph.errors import DataError
from claimgraph.eval import labelled_rows, prf
from claimgraph.eval.corpora import CorpusTexts

__all__ = ["LabelledPair", "Side", "read_pairs", "score_pairs", "sides", "sweep"]


@dataclass(frozen=True)
class Side:
    """One labelled statement: its article and content span."""

    corpus: str
    path: str
    content: tuple[int, int]

    @property
    def document(self) -> tuple[str, str]:
        return self.corpus, self.path


@dataclass(frozen=True)
class LabelledPair:
    pair: str
    split: str
    label: str  #: "same" | "different"
    kind: str  #: "same" | "hard" | "easy"
    a: Side
    b: Side
    story: str


def read_pairs(path: Path) -> list[LabelledPair]:
    """The labelled pairs of ``path`` (comment lines start with ``#``)."""
    try:
        rows = labelled_rows(path)
        return [
            LabelledPair(
                r["pair"],
                r["split"],
                r["label"],
                r["kind"],
                Side(r["a_corpus"], r["a_path"], (int(r["a_content_start"]), int(r["a_content_end"]))),
                Side(r["b_corpus"], r["b_path"], (int(r["b_content_start"]), int(r["b_content_end"]))),
                r["story"],
            )
            for r in rows
        ]
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"cannot read the statement pairs {path}: {exc}") from None


@dataclass(frozen=True)
class Unit:
    """A labelled content as the corpus sees it."""

    text: str
    countries: frozenset[str]
    roots: frozenset[str]
    published: date | None


def sides(pairs: Sequence[LabelledPair], data: Path) -> dict[Side, Unit]:
    """Every labelled content as a matching unit (its documents analysed by the actors and
    events stages, once each)."""
    from claimgraph.analyzer import Analyzer
    from claimgraph.record import DocumentInfo, Record
    from claimgraph.settings import Settings

    texts = CorpusTexts(data)
    wanted = sorted({s for p in pairs for s in (p.a, p.b)}, key=lambda s: (s.corpus, s.path, s.content))
    documents = sorted({s.document for s in wanted})
    try:
        infos = [DocumentInfo(id=f"{c}/{p}", text=texts.text(c, p)) for c, p in documents]
        dates = {d: _date(texts.published(*d)) for d in documents}
    except (OSError, KeyError) as exc:
        raise DataError(f"cannot read a labelled article from {data}: {exc}") from None
    analyzer = Analyzer(Settings(stages=("actors", "events")))
    records = dict(zip(documents, analyzer.pipe(infos, errors="yield"), strict=True))
    out: dict[Side, Unit] = {}
    for side in wanted:
        record = records[side.document]
        text = texts.text(*side.document)[side.content[0] : side.content[1]]
        countries: frozenset[str] = frozenset()
        roots: frozenset[str] = frozenset()
        if isinstance(record, Record):
            s, e = side.content
            countries = frozenset(
                code
                for actor in record.actors
                if any(s <= m.start and m.end <= e for m in actor.mentions)
                for code in ([actor.country] if actor.country else list(actor.members))
            )
            roots = frozenset(
                ev.root for ev in record.events if s <= ev.trigger.start and ev.trigger.end <= e
            )
        out[side] = Unit(text, countries, roots, dates[side.document])
    return out


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None


def _vectors(units: dict[Side, Unit]) -> dict[Side, np.ndarray]:
    keys = list(units)
    raw = embed([units[k].text for k in keys])
    return dict(zip(keys, unit_rows(raw - centre(raw)), strict=True))


def predictions(
    pairs: Sequence[LabelledPair],
    units: dict[Side, Unit],
    params: MatchParams = DEFAULT_PARAMS,
    vectors: dict[Side, np.ndarray] | None = None,
) -> list[bool]:
    """Whether the corpus would join each pair's two statements."""
    vectors = vectors or _vectors(units)
    out = []
    for p in pairs:
        a, b = units[p.a], units[p.b]
        cos = float(vectors[p.a] @ vectors[p.b])
        anchors_a, anchors_b = anchors(a.text, a.published), anchors(b.text, b.published)
        shared = shared_anchors(anchors_a, anchors_b)
        score = match_score(cos, a.countries, b.countries, a.roots, b.roots, params, shared)
        fits = compatible(anchors_a, anchors_b, params)
        out.append(score >= params.threshold and fits)
    return out


def score_pairs(
    pairs: Sequence[LabelledPair],
    units: dict[Side, Unit],
    params: MatchParams = DEFAULT_PARAMS,
    vectors: dict[Side, np.ndarray] | None = None,
) -> dict[str, dict[str, float]]:
    """Pairwise P/R/F1 of ``same`` per split (and on the hard different pairs: the share kept apart)."""
    vectors = vectors or _vectors(units)
    result: dict[str, dict[str, float]] = {}
    for split in sorted({p.split for p in pairs}):
        subset = [p for p in pairs if p.split == split]
        pred = predictions(subset, units, params, vectors)
        tp = sum(1 for p, y in zip(subset, pred, strict=True) if y and p.label == "same")
        fp = sum(1 for p, y in zip(subset, pred, strict=True) if y and p.label != "same")
        fn = sum(1 for p, y in zip(subset, pred, strict=True) if not y and p.label == "same")
        hard = [y for p, y in zip(subset, pred, strict=True) if p.kind == "hard"]
        pr, rc, f1 = prf(tp, fp, fn)
        result[split] = {
            "pairs": len(subset),
            "precision": round(pr, 4),
            "recall": round(rc, 4),
            "f1": round(f1, 4),
            "hard_joined": sum(hard),
            "hard": len(hard),
        }
    return result


def sweep(
    pairs: Sequence[LabelledPair],
    units: dict[Side, Unit],
    params: MatchParams = DEFAULT_PARAMS,
    thresholds: Sequence[float] = tuple(np.round(np.arange(0.30, 0.81, 0.05), 2)),
    split: str = "dev",
) -> list[tuple[float, dict[str, float]]]:
    """The scores of one split at each threshold (for choosing one on dev)."""
    vectors = _vectors(units)
    subset = [p for p in pairs if p.split == split]
    return [
        (float(t), score_pairs(subset, units, replace(params, threshold=float(t)), vectors)[split])
        for t in thresholds
    ]
