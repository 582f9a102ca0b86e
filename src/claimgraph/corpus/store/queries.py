"""Analyst queries over the corpus: claims with their sides, and event time series."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, cast

from sqlalchemy import ColumnElement, Engine, and_, exists, func, or_, select

from claimgraph.corpus.store.models import (
    ClaimMember,
    ClaimStance,
    CorpusClaim,
    Document,
    DocumentActor,
    DocumentEvent,
)
from claimgraph.errors import StoreError

__all__ = ["PERIODS", "ClaimSummary", "EventCount", "corpus_claims", "event_counts", "period_of"]

Period = Literal["day", "week", "month", "year"]
PERIODS: tuple[str, ...] = ("day", "week", "month", "year")


@dataclass
class ClaimSummary:
    """A corpus claim as analysts read it."""

    id: int
    text: str
    documents: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    asserted_by: list[dict[str, str | None]] = field(default_factory=list)
    denied_by: list[dict[str, str | None]] = field(default_factory=list)
    doubted_by: list[dict[str, str | None]] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    statements: int = 0

    @property
    def contested(self) -> bool:
        return bool(self.asserted_by and self.denied_by)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "contested": self.contested}


@dataclass(frozen=True)
class EventCount:
    """Events of one directed country pair in one period (negated events left out)."""

    period: str | None
    source: str | None
    target: str | None
    events: int
    goldstein_sum: float
    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def corpus_claims(
    engine: Engine, *, search: str | None = None, limit: int | None = None
) -> list[ClaimSummary]:
    """Corpus claims, most documents first; ``search`` is a case-insensitive substring of any member.

    ``first_seen`` / ``last_seen`` are the earliest and latest ``published`` dates of
    its documents (the ingestion date for a document without one).
    """
    n_docs = func.count(func.distinct(ClaimMember.document_pk))
    query = (
        select(CorpusClaim.id, CorpusClaim.text)
        .join(ClaimMember, ClaimMember.corpus_claim_id == CorpusClaim.id)
        .group_by(CorpusClaim.id, CorpusClaim.text)
        .order_by(n_docs.desc(), CorpusClaim.id)
    )
    if search and "\x00" in search and engine.dialect.name == "postgresql":
        return []  # PostgreSQL text never holds NUL: nothing contains it
    if search:
        other = ClaimMember.__table__.alias("other")
        hit = exists().where(
            and_(other.c.corpus_claim_id == CorpusClaim.id, _contains(engine, other.c.text, search))
        )
        query = query.where(or_(_contains(engine, CorpusClaim.text, search), hit))
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        heads = conn.execute(query).all()
        ids = [h.id for h in heads]
        summaries = {h.id: ClaimSummary(id=h.id, text=h.text) for h in heads}
        if not ids:
            return []
        seen: dict[int, list[date]] = defaultdict(list)
        for chunk in _chunks(ids, 500):
            members = conn.execute(
                select(
                    ClaimMember.corpus_claim_id,
                    Document.doc_id,
                    Document.source,
                    Document.published_date,
                    Document.ingested_at,
                )
                .join(Document, Document.id == ClaimMember.document_pk)
                .where(ClaimMember.corpus_claim_id.in_(chunk))
                .order_by(ClaimMember.id)
            )
            for claim_id, doc_id, source, published, ingested in members:
                summary = summaries[claim_id]
                summary.statements += 1
                if doc_id not in summary.documents:
                    summary.documents.append(doc_id)
                if source and source not in summary.outlets:
                    summary.outlets.append(source)
                seen[claim_id].append(published or ingested.date())
            stances = conn.execute(
                select(
                    ClaimMember.corpus_claim_id, DocumentActor.name, DocumentActor.country, ClaimStance.stance
                )
                .join(ClaimStance, ClaimStance.member_id == ClaimMember.id)
                .join(DocumentActor, DocumentActor.id == ClaimStance.actor_pk)
                .where(ClaimMember.corpus_claim_id.in_(chunk))
                .order_by(ClaimStance.id)
            )
            for claim_id, name, country, stance in stances:
                side = {"assert": "asserted_by", "deny": "denied_by"}.get(stance, "doubted_by")
                people = getattr(summaries[claim_id], side)
                entry = {"name": name, "country": country}
                if entry not in people:
                    people.append(entry)
    for claim_id, dates in seen.items():
        summaries[claim_id].first_seen = min(dates).isoformat()
        summaries[claim_id].last_seen = max(dates).isoformat()
    return [summaries[i] for i in ids]


def _contains(engine: Engine, column: Any, search: str) -> ColumnElement[bool]:
    """``column`` contains ``search``, ignoring case; the text is a literal, never a pattern.

    SQLite: ``instr(lower(column), lower(search))``, the same match as ``LIKE``
    (whose case folding is ASCII only) without its pattern-length limit (a
    100,000-character search would be "LIKE or GLOB pattern too complex").
    PostgreSQL: ``ILIKE`` with ``%`` and ``_`` escaped (no length limit).
    """
    if engine.dialect.name == "sqlite":
        return func.instr(func.lower(column), func.lower(search)) > 0
    return cast("ColumnElement[bool]", column.icontains(search, autoescape=True))


def period_of(day: date | None, by: str) -> str | None:
    """The period label of a date: ``2024-03-05``, ``2024-W10``, ``2024-03`` or ``2024``."""
    if day is None:
        return None
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    if by == "year":
        return str(day.year)
    raise StoreError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")


def event_counts(
    engine: Engine,
    *,
    dyad: Sequence[str] | None = None,
    by: str = "month",
    directed: bool = False,
) -> list[EventCount]:
    """Non-negated events per period and (source country, target country), with Goldstein sums.

    ``dyad=("IRN", "RUS")`` keeps events between the two countries, both ways
    unless ``directed``. The date is the document's ``published`` date; events of
    undated documents have period None.
    """
    period_of(date(2000, 1, 1), by)  # validates ``by``
    query = (
        select(
            Document.published_date,
            DocumentEvent.source_country,
            DocumentEvent.target_country,
            DocumentEvent.quad_class,
            func.count(),
            func.coalesce(func.sum(DocumentEvent.goldstein), 0.0),
        )
        .join(Document, Document.id == DocumentEvent.document_pk)
        .where(DocumentEvent.negated.is_(False))
        .group_by(
            Document.published_date,
            DocumentEvent.source_country,
            DocumentEvent.target_country,
            DocumentEvent.quad_class,
        )
    )
    if dyad:
        if len(dyad) != 2:
            raise StoreError(f"a dyad is two country codes, like IRN,RUS (got {','.join(dyad)!r})")
        a, b = (c.strip().upper() for c in dyad)
        pair = and_(DocumentEvent.source_country == a, DocumentEvent.target_country == b)
        if not directed:
            pair = or_(pair, and_(DocumentEvent.source_country == b, DocumentEvent.target_country == a))
        query = query.where(pair)
    totals: dict[tuple[str | None, str | None, str | None], list[float]] = defaultdict(
        lambda: [0, 0.0, 0, 0, 0, 0]
    )
    with engine.connect() as conn:
        for day, source, target, quad, count, goldstein in conn.execute(query):
            row = totals[(period_of(day, by), source, target)]
            row[0] += count
            row[1] += float(goldstein or 0.0)
            if quad in (1, 2, 3, 4):
                row[1 + quad] += count
    ordered = sorted(totals.items(), key=lambda kv: tuple("" if k is None else k for k in kv[0]))
    return [
        EventCount(p, s, t, int(v[0]), round(v[1], 3), int(v[2]), int(v[3]), int(v[4]), int(v[5]))
        for (p, s, t), v in ordered
    ]


def _chunks(items: list[int], n: int) -> list[list[int]]:
    return [items[i : i + n] for i in range(0, len(items), n)]
