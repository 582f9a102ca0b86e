"""The corpus tables (SQLAlchemy 2 declarative models).

One row per document (``documents``) keeps the whole record as JSON and the
metadata analysts filter on; the record's parts are normalised into
``actors``, ``statements``, ``doc_claims`` and ``events`` (all deleted with
their document). Each event mention belongs to an ``event_clusters`` row, the
real event it reports (:mod:`claimgraph.corpus.events`; migration 0003).
Cross-article claims live in ``corpus_claims``; each
within-document claim or statement that joined one is a ``claim_members``
row (with its embedding, for matching later documents), and each actor that
asserts or denies it through that member is a ``claim_stances`` row.

The schema is created and upgraded by the Alembic migrations in
``store/migrations`` (never by ``metadata.create_all``).

No length limit on any text (migration 0002): the same input gives the same
corpus on SQLite and PostgreSQL. Every string column but the content hash is
:func:`unbounded`: ``TEXT`` on PostgreSQL (which enforced ``VARCHAR(n)`` and
rejected a long document id, source or date that SQLite stored), and on SQLite
the ``VARCHAR(n)`` of migration 0001, which SQLite never enforced (its type
affinity is TEXT; any length is stored). The document id and source indexes
are hash indexes on PostgreSQL, whose B-tree entries cannot exceed 2,704 bytes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

__all__ = [
    "Base",
    "ClaimMember",
    "ClaimStance",
    "CorpusClaim",
    "CorpusState",
    "DocClaim",
    "Document",
    "DocumentActor",
    "DocumentEvent",
    "DocumentStatement",
    "EventCluster",
    "unbounded",
]

#: Constraint names that are the same on every backend (Alembic needs names).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONType = JSON().with_variant(JSONB(), "postgresql")


def unbounded(sqlite_length: int) -> TypeEngine[str]:
    """Text of any length: ``TEXT`` on PostgreSQL, the (unenforced) ``VARCHAR(n)`` of 0001 on SQLite."""
    return Text().with_variant(String(sqlite_length), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _document_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class Document(Base):
    """One analysed document; ``content_hash`` (SHA-256 of its text) is unique."""

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_doc_id", "doc_id", postgresql_using="hash"),
        Index("ix_documents_source", "source", postgresql_using="hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    doc_id: Mapped[str] = mapped_column(unbounded(1000))
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(unbounded(500))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(unbounded(64))
    published_date: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(unbounded(16))
    analyser_version: Mapped[str] = mapped_column(unbounded(64))
    generator: Mapped[dict] = mapped_column(JSONType)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    record: Mapped[dict] = mapped_column(JSONType)


class DocumentActor(Base):
    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("document_pk", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(unbounded(64))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(unbounded(32))
    country: Mapped[str | None] = mapped_column(unbounded(8), index=True)
    sector: Mapped[str | None] = mapped_column(unbounded(16))
    code: Mapped[str | None] = mapped_column(unbounded(32))


class DocumentStatement(Base):
    __tablename__ = "statements"
    __table_args__ = (UniqueConstraint("document_pk", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(unbounded(64))
    speaker: Mapped[str | None] = mapped_column(unbounded(64))
    cue: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(unbounded(32))
    stance: Mapped[str] = mapped_column(unbounded(16))
    hedged: Mapped[bool] = mapped_column(Boolean)
    cue_class: Mapped[str | None] = mapped_column(unbounded(32))
    claim: Mapped[str | None] = mapped_column(unbounded(64))


class DocClaim(Base):
    """A claim within one document (``record.claims``)."""

    __tablename__ = "doc_claims"
    __table_args__ = (UniqueConstraint("document_pk", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(unbounded(64))
    text: Mapped[str] = mapped_column(Text)
    asserted_by: Mapped[list] = mapped_column(JSONType)
    denied_by: Mapped[list] = mapped_column(JSONType)
    author_stance: Mapped[str] = mapped_column(unbounded(16))
    evidence_cited: Mapped[bool] = mapped_column(Boolean)
    contested: Mapped[bool] = mapped_column(Boolean)
    check_worthiness: Mapped[float | None] = mapped_column(Float)


class CorpusState(Base):
    """Counters every writer reads at the start of its transaction (migration 0003).

    ``deletions`` grows by one each time a document's parts are deleted (a document
    replaced): a writer that sees it changed reads its in-memory claim and event
    indexes again from the database, since rows it had indexed are gone.
    """

    __tablename__ = "corpus_state"

    name: Mapped[str] = mapped_column(unbounded(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class EventCluster(Base):
    """One real event, reported by one or more event mentions (``events`` rows); migration 0003."""

    __tablename__ = "event_clusters"
    #: ids are never reused (SQLite AUTOINCREMENT; PostgreSQL sequences never reuse)
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: CAMEO root and PLOVER type of the mention that founded it
    root: Mapped[str] = mapped_column(unbounded(4))
    plover: Mapped[str | None] = mapped_column(unbounded(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DocumentEvent(Base):
    """An event mention of one document; ``cluster_id`` is the real event it reports.

    Rows stored before migration 0003 have ``mode`` from ``negated`` and no date,
    location, statement, embedding or cluster (each is its own event until its
    document is analysed again).
    """

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("document_pk", "local_id"),
        Index("ix_events_dyad", "source_country", "target_country"),
        # ids never reused: a writer brings its clustering index up to date by reading ids
        # above the last it saw, and notices deletions by count (corpus._refresh_events)
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_pk: Mapped[int] = _document_fk()
    local_id: Mapped[str] = mapped_column(unbounded(64))
    source: Mapped[str | None] = mapped_column(unbounded(64))
    target: Mapped[str | None] = mapped_column(unbounded(64))
    source_country: Mapped[str | None] = mapped_column(unbounded(8))
    target_country: Mapped[str | None] = mapped_column(unbounded(8))
    cameo: Mapped[str] = mapped_column(unbounded(8))
    root: Mapped[str] = mapped_column(unbounded(4))
    plover: Mapped[str | None] = mapped_column(unbounded(32))
    goldstein: Mapped[float | None] = mapped_column(Float)
    quad_class: Mapped[int | None] = mapped_column(Integer)
    negated: Mapped[bool] = mapped_column(Boolean)
    trigger: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    mode: Mapped[str] = mapped_column(unbounded(16), server_default="asserted", index=True)
    date_value: Mapped[str | None] = mapped_column(unbounded(16))
    date_precision: Mapped[str | None] = mapped_column(unbounded(16))
    location: Mapped[str | None] = mapped_column(unbounded(8))
    reported_by: Mapped[str | None] = mapped_column(unbounded(64))
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_clusters.id", ondelete="SET NULL"), index=True
    )
    #: centred cosine with the mention it joined by (None: it founded its cluster)
    similarity: Mapped[float | None] = mapped_column(Float)
    #: float16 static embedding of the trigger sentence (for clustering later documents)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)


class CorpusClaim(Base):
    """A proposition found in one or more documents."""

    __tablename__ = "corpus_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClaimMember(Base):
    """A document's claim (``kind="claim"``) or statement that joined a corpus claim."""

    __tablename__ = "claim_members"
    __table_args__ = (UniqueConstraint("document_pk", "kind", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    corpus_claim_id: Mapped[int] = mapped_column(
        ForeignKey("corpus_claims.id", ondelete="CASCADE"), index=True
    )
    document_pk: Mapped[int] = _document_fk()
    kind: Mapped[str] = mapped_column(unbounded(16))
    local_id: Mapped[str] = mapped_column(unbounded(64))
    text: Mapped[str] = mapped_column(Text)
    similarity: Mapped[float | None] = mapped_column(Float)
    #: True for the member that founded its claim (only founders are matched against)
    founder: Mapped[bool] = mapped_column(Boolean)
    countries: Mapped[str] = mapped_column(unbounded(200), default="")
    roots: Mapped[str] = mapped_column(unbounded(200), default="")
    embedding: Mapped[bytes] = mapped_column(LargeBinary)


class ClaimStance(Base):
    """An actor's position on a corpus claim, through one member."""

    __tablename__ = "claim_stances"
    __table_args__ = (UniqueConstraint("member_id", "actor_pk", "stance"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("claim_members.id", ondelete="CASCADE"), index=True)
    actor_pk: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    stance: Mapped[str] = mapped_column(unbounded(16))
