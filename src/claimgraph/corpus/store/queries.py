"""Analyst queries over the corpus: claims with their sides, event clusters and event time series."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, cast

from sqlalchemy import ColumnElement, Engine, and_, exists, func, or_, select

from claimgraph.corpus.event_dates import date_range
from claimgraph.corpus.store.models import (
    ClaimMember,
    ClaimStance,
    CorpusClaim,
    Document,
    DocumentActor,
    DocumentEvent,
    DocumentStatement,
)
from claimgraph.errors import StoreError
from claimgraph.vocabulary import EVENT_MODES

__all__ = [
    "MODES",
    "PERIODS",
    "ClaimSummary",
    "ContestedClaim",
    "EventClusterSummary",
    "EventCount",
    "contested_claims",
    "corpus_claims",
    "event_clusters",
    "event_counts",
    "period_of",
]

Period = Literal["day", "week", "month", "year"]
PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
#: Event modes ``--mode`` filters on (``all``: every mode).
MODES: tuple[str, ...] = (*EVENT_MODES, "all")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "document": 3}


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
    """Events of one directed country pair in one period, of one mode (asserted by default).

    ``events`` counts event clusters (each real event once) or, for ``mentions=True``,
    event mentions; ``mentions`` is the number of mentions behind them.
    """

    period: str | None
    source: str | None
    target: str | None
    events: int
    goldstein_sum: float
    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EventClusterSummary:
    """One real event: its mentions, documents and outlets (GDELT's NumMentions,
    NumArticles and NumSources) and the values it is counted with.

    ``id`` is the cluster id, or ``-(event id)`` for a mention stored before event
    clusters (migration 0003), which counts as its own event. The code (CAMEO, root,
    PLOVER, Goldstein, quad class) is the most common among its mentions (ties: the
    earliest mention); the dyad is that of the mention with the most known sides; the
    date (``date_value``, ``date_precision``) is the most precise one (day, then month, year,
    document), and ``day`` its first day (the earliest publication date for an event
    without one).
    """

    id: int
    cameo: str
    root: str
    plover: str | None
    goldstein: float | None
    quad_class: int | None
    source_country: str | None
    target_country: str | None
    date_value: str | None
    date_precision: str | None
    day: date | None
    first_seen: str | None
    last_seen: str | None
    mentions: int
    documents: int
    outlets: int
    outlet_names: list[str]
    modes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def corpus_claims(
    engine: Engine,
    *,
    search: str | None = None,
    limit: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[ClaimSummary]:
    """Corpus claims, most documents first; ``search`` is a case-insensitive substring of any member;
    ``ids`` keeps only those claims (in the order given).

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
    if ids is not None:
        wanted = list(dict.fromkeys(ids))[:limit] if limit else list(dict.fromkeys(ids))
        if not wanted:
            return []
        query = query.where(CorpusClaim.id.in_(wanted))
    elif limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        heads = list(conn.execute(query).all())
        if ids is not None:
            rank = {claim_id: n for n, claim_id in enumerate(wanted)}
            heads.sort(key=lambda h: rank[h.id])
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


def _mode_filter(mode: str) -> ColumnElement[bool] | None:
    if mode not in MODES:
        raise StoreError(f"unknown event mode {mode!r}: use one of {', '.join(MODES)}")
    return None if mode == "all" else DocumentEvent.mode == mode


def _dyad_filter(dyad: Sequence[str] | None, directed: bool) -> ColumnElement[bool] | None:
    if not dyad:
        return None
    if len(dyad) != 2:
        raise StoreError(f"a dyad is two country codes, like IRN,RUS (got {','.join(dyad)!r})")
    a, b = (c.strip().upper() for c in dyad)
    pair = and_(DocumentEvent.source_country == a, DocumentEvent.target_country == b)
    if not directed:
        pair = or_(pair, and_(DocumentEvent.source_country == b, DocumentEvent.target_country == a))
    return pair


def _first_day(value: str | None, precision: str | None, mode: str) -> date | None:
    span = date_range(value, "day" if precision == "document" else precision, mode)
    return date.fromordinal(span[0]) if span is not None else None


def event_clusters(
    engine: Engine,
    *,
    dyad: Sequence[str] | None = None,
    directed: bool = False,
    mode: str = "asserted",
) -> list[EventClusterSummary]:
    """Event clusters (most documents first), from their mentions of ``mode`` in ``dyad``.

    A cluster is described by the mentions that pass the filters (see
    :class:`EventClusterSummary`); a cluster none of whose mentions pass is left out.
    """
    query = (
        select(
            DocumentEvent.id,
            DocumentEvent.cluster_id,
            DocumentEvent.cameo,
            DocumentEvent.root,
            DocumentEvent.plover,
            DocumentEvent.goldstein,
            DocumentEvent.quad_class,
            DocumentEvent.source_country,
            DocumentEvent.target_country,
            DocumentEvent.date_value,
            DocumentEvent.date_precision,
            DocumentEvent.mode,
            DocumentEvent.document_pk,
            Document.source.label("outlet"),
            Document.published_date,
            Document.ingested_at,
        )
        .join(Document, Document.id == DocumentEvent.document_pk)
        .order_by(DocumentEvent.id)
    )
    for condition in (_mode_filter(mode), _dyad_filter(dyad, directed)):
        if condition is not None:
            query = query.where(condition)
    groups: dict[int, list[Any]] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            key = row.cluster_id if row.cluster_id is not None else -row.id
            groups.setdefault(key, []).append(row)
    summaries = [_summary(key, rows) for key, rows in groups.items()]
    summaries.sort(key=lambda c: (-c.documents, -c.mentions, c.first_seen or "", c.id))
    return summaries


def _summary(key: int, rows: list[Any]) -> EventClusterSummary:
    """One cluster from its mentions (in id order)."""
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r.cameo] += 1
    top = max(counts.values())
    coded = next(r for r in rows if counts[r.cameo] == top)
    sided = max(rows, key=lambda r: ((r.source_country is not None) + (r.target_country is not None), -r.id))
    dated = [r for r in rows if r.date_value and r.date_precision in _PRECISION_RANK]
    when = min(dated, key=lambda r: (_PRECISION_RANK[r.date_precision], r.id)) if dated else None
    seen = sorted(r.published_date or r.ingested_at.date() for r in rows)
    day = _first_day(when.date_value, when.date_precision, when.mode) if when is not None else None
    if day is None:
        published = [r.published_date for r in rows if r.published_date is not None]
        day = min(published) if published else None
    outlets = list(dict.fromkeys(r.outlet for r in rows if r.outlet))
    return EventClusterSummary(
        id=key,
        cameo=coded.cameo,
        root=coded.root,
        plover=coded.plover,
        goldstein=coded.goldstein,
        quad_class=coded.quad_class,
        source_country=sided.source_country,
        target_country=sided.target_country,
        date_value=when.date_value if when is not None else None,
        date_precision=when.date_precision if when is not None else None,
        day=day,
        first_seen=seen[0].isoformat() if seen else None,
        last_seen=seen[-1].isoformat() if seen else None,
        mentions=len(rows),
        documents=len({r.document_pk for r in rows}),
        outlets=len(outlets),
        outlet_names=outlets,
        modes=sorted({r.mode for r in rows}),
    )


def event_counts(
    engine: Engine,
    *,
    dyad: Sequence[str] | None = None,
    by: str = "month",
    directed: bool = False,
    mode: str = "asserted",
    mentions: bool = False,
) -> list[EventCount]:
    """Events of ``mode`` per period and (source country, target country), with Goldstein sums.

    By default each event cluster (one real event, however many reports) counts once,
    with its code, dyad and date (:class:`EventClusterSummary`); ``mentions=True``
    counts every event mention, dated by its document's publication date, as before
    event clusters. ``dyad=("IRN", "RUS")`` keeps events between the two countries, both
    ways unless ``directed``. ``mode="all"`` keeps every mode. Events without any date
    have period None.
    """
    period_of(date(2000, 1, 1), by)  # validates ``by``
    totals: dict[tuple[str | None, str | None, str | None], list[float]] = defaultdict(
        lambda: [0, 0.0, 0, 0, 0, 0, 0]
    )

    def tally(key: tuple[str | None, str | None, str | None], n: int, g: float, quad: Any, m: int) -> None:
        row = totals[key]
        row[0] += n
        row[1] += g
        if quad in (1, 2, 3, 4):
            row[1 + quad] += n
        row[6] += m

    if mentions:
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
            .group_by(
                Document.published_date,
                DocumentEvent.source_country,
                DocumentEvent.target_country,
                DocumentEvent.quad_class,
            )
        )
        for condition in (_mode_filter(mode), _dyad_filter(dyad, directed)):
            if condition is not None:
                query = query.where(condition)
        with engine.connect() as conn:
            for day, source, target, quad, count, goldstein in conn.execute(query):
                tally((period_of(day, by), source, target), count, float(goldstein or 0.0), quad, count)
    else:
        for c in event_clusters(engine, dyad=dyad, directed=directed, mode=mode):
            key = (period_of(c.day, by), c.source_country, c.target_country)
            tally(key, 1, float(c.goldstein or 0.0), c.quad_class, c.mentions)
    ordered = sorted(totals.items(), key=lambda kv: tuple("" if k is None else k for k in kv[0]))
    return [
        EventCount(p, s, t, int(v[0]), round(v[1], 3), int(v[2]), int(v[3]), int(v[4]), int(v[5]), int(v[6]))
        for (p, s, t), v in ordered
    ]


@dataclass
class ContestedClaim:
    """A corpus claim asserted by one side and denied by another, with the quotes that show it.

    ``sides`` maps each outlet (the document's source; ``""`` when unknown) to its positions:
    ``{"stance", "actor", "country", "document", "quote"}``, the quote being the speaker's own
    statement in that document (``None`` when the store kept none).
    """

    id: int
    text: str
    sides: dict[str, list[dict[str, str | None]]] = field(default_factory=dict)

    @property
    def asserted_by(self) -> list[str]:
        return _actors(self, "assert")

    @property
    def denied_by(self) -> list[str]:
        return _actors(self, "deny")

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "asserted_by": self.asserted_by, "denied_by": self.denied_by}


def _actors(claim: ContestedClaim, stance: str) -> list[str]:
    names = (p["actor"] for side in claim.sides.values() for p in side if p["stance"] == stance)
    return list(dict.fromkeys(n for n in names if n))


def contested_claims(
    engine: Engine, *, search: str | None = None, limit: int | None = None
) -> list[ContestedClaim]:
    """Corpus claims that one actor asserts and another denies (most documents first), with
    each position's quote, grouped by outlet."""

    out: list[ContestedClaim] = []
    with engine.connect() as conn:
        for claim in corpus_claims(engine, search=search):
            if not claim.contested:
                continue
            contested = ContestedClaim(claim.id, claim.text)
            rows = conn.execute(
                select(
                    Document.source,
                    Document.doc_id,
                    ClaimMember.document_pk,
                    ClaimMember.kind,
                    ClaimMember.local_id,
                    DocumentActor.local_id,
                    DocumentActor.name,
                    DocumentActor.country,
                    ClaimStance.stance,
                )
                .join(Document, Document.id == ClaimMember.document_pk)
                .join(ClaimStance, ClaimStance.member_id == ClaimMember.id)
                .join(DocumentActor, DocumentActor.id == ClaimStance.actor_pk)
                .where(ClaimMember.corpus_claim_id == claim.id)
                .order_by(ClaimMember.id, ClaimStance.id)
            ).all()
            said = _statements(conn, {r.document_pk for r in rows})
            for source, doc_id, doc_pk, kind, local_id, speaker, name, country, stance in rows:
                quote = _quote(said.get(doc_pk, []), kind, local_id, speaker, stance)
                contested.sides.setdefault(source or "", []).append(
                    {"stance": stance, "actor": name, "country": country, "document": doc_id, "quote": quote}
                )
            asserting, denying = set(contested.asserted_by), set(contested.denied_by)
            if asserting - denying and denying - asserting:  # two sides, not one actor of two minds
                out.append(contested)
            if limit and len(out) >= limit:
                break
    return out


def _statements(conn: Any, document_pks: set[int]) -> dict[int, list[Any]]:
    """The stored statements of some documents, in text order."""
    out: dict[int, list[Any]] = defaultdict(list)
    for chunk in _chunks(sorted(document_pks), 500):
        for row in conn.execute(
            select(
                DocumentStatement.document_pk,
                DocumentStatement.local_id,
                DocumentStatement.speaker,
                DocumentStatement.claim,
                DocumentStatement.stance,
                DocumentStatement.content,
            )
            .where(DocumentStatement.document_pk.in_(chunk))
            .order_by(DocumentStatement.document_pk, DocumentStatement.start)
        ):
            out[row.document_pk].append(row)
    return out


def _quote(statements: list[Any], kind: str, local_id: str, speaker: str, stance: str) -> str | None:
    """The speaker's statement behind a member: the statement itself, or among the document
    claim's statements the speaker's one with that stance (else the speaker's first)."""
    own = [
        s
        for s in statements
        if s.speaker == speaker and (s.local_id == local_id if kind == "statement" else s.claim == local_id)
    ]
    own.sort(key=lambda s: s.stance != stance)
    return own[0].content if own else None


def _chunks(items: list[int], n: int) -> list[list[int]]:
    return [items[i : i + n] for i in range(0, len(items), n)]
