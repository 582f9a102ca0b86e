"""Browsing the corpus: documents, one claim with its quotes, an actor, an outlet.

The queries behind the web app's pages (:mod:`claimgraph.web`); each returns plain
JSON-ready dicts and lists. Actors are stored per document; across documents an actor
is known by its name (compared without case), as the claims list shows it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from claimgraph.corpus.store.models import (
    ClaimMember,
    ClaimStance,
    CorpusClaim,
    Document,
    DocumentActor,
    DocumentEvent,
    DocumentStatement,
)
from claimgraph.corpus.store.profiles import profile_rows
from claimgraph.corpus.store.queries import corpus_claims
from claimgraph.vocabulary import TECHNIQUE_LABELS

__all__ = [
    "actor_detail",
    "claim_detail",
    "document_list",
    "outlet_detail",
    "outlet_list",
]


#: The columns a document is listed with on every page (its link, title, outlet and day).
_LISTED = (
    Document.doc_id,
    Document.content_hash,
    Document.title,
    Document.source,
    Document.published_date,
    Document.ingested_at,
)


def _day(published: date | None, ingested: Any) -> str:
    return (published or ingested.date()).isoformat()


def document_list(
    engine: Engine, *, limit: int = 100, offset: int = 0, outlet: str | None = None
) -> dict[str, Any]:
    """Stored documents, newest first: ``{"total": N, "documents": [...]}``."""
    where = [] if outlet is None else [Document.source == outlet]
    query = (
        select(Document.id, *_LISTED, Document.url, Document.published)
        .where(*where)
        .order_by(Document.published_date.desc().nulls_last(), Document.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(Document).where(*where)).scalar_one()
        rows = conn.execute(query).all()
        pks = [r.id for r in rows]
        counts: dict[str, dict[int, int]] = {}
        for name, table in (
            ("actors", DocumentActor),
            ("statements", DocumentStatement),
            ("events", DocumentEvent),
        ):
            counts[name] = (
                dict(
                    conn.execute(
                        select(table.document_pk, func.count())
                        .where(table.document_pk.in_(pks))
                        .group_by(table.document_pk)
                    ).all()
                )
                if pks
                else {}
            )
    documents = [
        {
            "id": r.doc_id,
            "content_hash": r.content_hash,
            "title": r.title,
            "outlet": r.source,
            "url": r.url,
            "published": r.published,
            "date": _day(r.published_date, r.ingested_at),
            **{name: counts[name].get(r.id, 0) for name in counts},
        }
        for r in rows
    ]
    return {"total": total, "documents": documents}


def claim_detail(engine: Engine, claim_id: int) -> dict[str, Any] | None:
    """One corpus claim: its summary, every member with its quote, outlet and date, and who
    takes which side by outlet and by month. None when there is no such claim."""
    found = corpus_claims(engine, ids=[claim_id])
    if not found:
        return None
    summary = found[0]
    with engine.connect() as conn:
        members = conn.execute(
            select(
                ClaimMember.id,
                ClaimMember.kind,
                ClaimMember.local_id,
                ClaimMember.text,
                ClaimMember.similarity,
                *_LISTED,
            )
            .join(Document, Document.id == ClaimMember.document_pk)
            .where(ClaimMember.corpus_claim_id == claim_id)
            .order_by(Document.published_date, ClaimMember.id)
        ).all()
        stances = conn.execute(
            select(ClaimStance.member_id, ClaimStance.stance, DocumentActor.name, DocumentActor.country)
            .join(DocumentActor, DocumentActor.id == ClaimStance.actor_pk)
            .join(ClaimMember, ClaimMember.id == ClaimStance.member_id)
            .where(ClaimMember.corpus_claim_id == claim_id)
            .order_by(ClaimStance.id)
        ).all()
    sides: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for member_id, stance, name, country in stances:
        sides[member_id].append({"name": name, "country": country, "stance": stance})
    quotes = []
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    by_month: dict[str, Counter[str]] = defaultdict(Counter)
    for m in members:
        day = _day(m.published_date, m.ingested_at)
        quotes.append(
            {
                "document": m.doc_id,
                "content_hash": m.content_hash,
                "title": m.title,
                "outlet": m.source,
                "date": day,
                "kind": m.kind,
                "local_id": m.local_id,
                "text": m.text,
                "similarity": m.similarity,
                "actors": sides.get(m.id, []),
            }
        )
        for side in sides.get(m.id, []):
            by_outlet[m.source or "(no outlet)"][side["stance"]] += 1
            by_month[day[:7]][side["stance"]] += 1
    return {
        **summary.to_dict(),
        "quotes": quotes,
        "by_outlet": [{"outlet": k, **v} for k, v in sorted(by_outlet.items())],
        "by_month": [{"month": k, **v} for k, v in sorted(by_month.items())],
    }


def actor_detail(engine: Engine, name: str, *, limit: int = 200) -> dict[str, Any] | None:
    """Everything stored about the actors called ``name`` (any case) across documents: their
    codes, documents, statements by stance, claims they take a side on, and events. None when
    no document has such an actor."""
    key = name.strip().lower()
    with engine.connect() as conn:
        actors = conn.execute(
            select(
                DocumentActor.id,
                DocumentActor.document_pk,
                DocumentActor.local_id,
                DocumentActor.name,
                DocumentActor.kind,
                DocumentActor.country,
                DocumentActor.code,
            ).where(func.lower(DocumentActor.name) == key)
        ).all()
        if not actors:
            return None
        pks = [a.id for a in actors]
        local = {(a.document_pk, a.local_id) for a in actors}
        doc_pks = sorted({a.document_pk for a in actors})
        docs = {r.id: r for r in conn.execute(select(Document.id, *_LISTED).where(Document.id.in_(doc_pks)))}
        statements = conn.execute(
            select(DocumentStatement.document_pk, DocumentStatement.speaker, DocumentStatement.stance).where(
                DocumentStatement.document_pk.in_(doc_pks)
            )
        ).all()
        claims = conn.execute(
            select(CorpusClaim.id, CorpusClaim.text, ClaimStance.stance, func.count())
            .join(ClaimMember, ClaimMember.corpus_claim_id == CorpusClaim.id)
            .join(ClaimStance, ClaimStance.member_id == ClaimMember.id)
            .where(ClaimStance.actor_pk.in_(pks))
            .group_by(CorpusClaim.id, CorpusClaim.text, ClaimStance.stance)
            .order_by(func.count().desc(), CorpusClaim.id)
            .limit(limit)
        ).all()
        events = conn.execute(
            select(
                DocumentEvent.document_pk,
                DocumentEvent.source,
                DocumentEvent.target,
                DocumentEvent.source_country,
                DocumentEvent.target_country,
                DocumentEvent.cameo,
                DocumentEvent.plover,
                DocumentEvent.goldstein,
                DocumentEvent.quad_class,
                DocumentEvent.mode,
                DocumentEvent.trigger,
                DocumentEvent.sentence,
            )
            .where(DocumentEvent.document_pk.in_(doc_pks))
            .order_by(DocumentEvent.id)
        ).all()
    stance_counts = Counter(s.stance for s in statements if (s.document_pk, s.speaker) in local)
    event_rows = []
    for e in events:
        as_source = (e.document_pk, e.source) in local
        as_target = (e.document_pk, e.target) in local
        if not (as_source or as_target):
            continue
        doc = docs[e.document_pk]
        event_rows.append(
            {
                "role": "source" if as_source else "target",
                "document": doc.doc_id,
                "date": _day(doc.published_date, doc.ingested_at),
                "source_country": e.source_country,
                "target_country": e.target_country,
                "cameo": e.cameo,
                "plover": e.plover,
                "goldstein": e.goldstein,
                "quad_class": e.quad_class,
                "mode": e.mode,
                "trigger": e.trigger,
                "sentence": e.sentence,
            }
        )
    return {
        "name": actors[0].name,
        "kinds": sorted({a.kind for a in actors}),
        "countries": sorted({a.country for a in actors if a.country}),
        "codes": sorted({a.code for a in actors if a.code}),
        "documents": [
            {
                "id": d.doc_id,
                "content_hash": d.content_hash,
                "title": d.title,
                "outlet": d.source,
                "date": _day(d.published_date, d.ingested_at),
            }
            for d in sorted(docs.values(), key=lambda d: (_day(d.published_date, d.ingested_at), d.id))
        ],
        "statements": dict(sorted(stance_counts.items())),
        "claims": [{"id": c[0], "text": c[1], "stance": c[2], "members": c[3]} for c in claims],
        "events": event_rows[:limit],
    }


def outlet_list(engine: Engine) -> list[dict[str, Any]]:
    """Outlets (document sources) with their number of documents, most first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Document.source, func.count())
            .where(Document.source.is_not(None))
            .group_by(Document.source)
            .order_by(func.count().desc(), Document.source)
        ).all()
    return [{"outlet": source, "documents": n} for source, n in rows]


def outlet_detail(
    engine: Engine, outlet: str, *, max_documents: int = 1000, min_score: float = 0.0
) -> dict[str, Any] | None:
    """An outlet's documents and technique profile: technique spans scored at least
    ``min_score`` per label (counts, share of documents using it, per 1,000 words), the
    author's own and the quoted speakers' (:func:`~claimgraph.corpus.store.profiles.profile_rows`,
    what ``claimgraph techniques`` lists), author's-voice sentences, statements by stance.
    Read from its ``max_documents`` newest documents. None when no document has this outlet."""
    with engine.connect() as conn:
        total = conn.execute(
            select(func.count()).select_from(Document).where(Document.source == outlet)
        ).scalar_one()
        if not total:
            return None
        rows = conn.execute(
            select(Document.doc_id, Document.record)
            .where(Document.source == outlet)
            .order_by(Document.published_date.desc().nulls_last(), Document.id.desc())
            .limit(max_documents)
        ).all()
        stances = Counter(
            dict(
                conn.execute(
                    select(DocumentStatement.stance, func.count())
                    .join(Document, Document.id == DocumentStatement.document_pk)
                    .where(Document.source == outlet)
                    .group_by(DocumentStatement.stance)
                ).all()
            )
        )
    (summary,) = profile_rows(((doc_id, outlet, record) for doc_id, record in rows), "outlet", min_score)
    voice = sum(len(record.get("voice") or []) for _, record in rows)
    n = len(rows)
    using = summary.label_documents
    profile = [
        {
            "label": label,
            "spans": summary.labels[label],
            "documents": using[label],
            "share_of_documents": round(using[label] / n, 3) if n else 0.0,
            "per_1000_words": summary.per_1000_words(summary.labels[label]),
        }
        for label in TECHNIQUE_LABELS
    ]
    return {
        "outlet": outlet,
        "documents": total,
        "profiled_documents": n,
        "words": summary.words,
        "min_score": min_score,
        "author": summary.author,
        "author_per_1000_words": summary.per_1000_words(summary.author),
        "speakers": summary.speakers,
        "speakers_per_1000_words": summary.per_1000_words(summary.speakers),
        "techniques": profile,
        "voice_sentences": voice,
        "statements": dict(sorted(stances.items())),
        "recent": document_list(engine, limit=50, outlet=outlet)["documents"],
    }
