"""The corpus: analysed documents in a database, with claims matched across them.

>>> from claimgraph.corpus.store import Corpus
>>> with Corpus("sqlite:///news.db") as corpus:
...     corpus.add(record).status            # "added", "replaced" or "unchanged"
...     corpus.claims(search="artillery")    # corpus claims, who asserts and who denies
...     corpus.event_counts(dyad=("IRN", "RUS"), by="month")   # each real event once
...     corpus.event_clusters()              # real events, their reports and outlets

Documents are identified by the SHA-256 of their text. Adding the same text
again changes nothing; adding it as analysed by a newer claimgraph replaces
the stored analysis (document, parts, claim memberships, event mentions) in one
transaction. Event mentions join event clusters (:mod:`claimgraph.corpus.events`) as
claims join corpus claims: against the mentions stored before, in one write
transaction at a time, so two processes ingesting at once cluster as one would;
a replaced document's mentions leave their clusters, and clusters left empty go.
Each document is written in its own transaction: a failure leaves the
documents before it stored and nothing of the failing one.

The queries are :class:`~claimgraph.corpus.store.reader.CorpusReader`'s, which ``Corpus``
extends: the query commands open a reader, which imports none of what adding needs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

import numpy as np
from packaging.version import InvalidVersion, Version
from sqlalchemy import Connection, delete, exists, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from claimgraph import __version__
from claimgraph.corpus.events import (
    DEFAULT_CLUSTER_PARAMS,
    ClusterParams,
    EventIndex,
    EventMention,
    event_mode,
    mention_of,
    resolved_date,
    side_country,
)
from claimgraph.corpus.matching import (
    DEFAULT_PARAMS,
    ClaimIndex,
    MatchParams,
    MatchUnit,
    anchors,
    units_from_record,
)
from claimgraph.corpus.store.engine import DEFAULT_URL, retrying, write_transaction
from claimgraph.corpus.store.models import (
    ClaimMember,
    ClaimStance,
    CorpusClaim,
    CorpusState,
    DocClaim,
    Document,
    DocumentActor,
    DocumentEvent,
    DocumentStatement,
    EventCluster,
)
from claimgraph.corpus.store.reader import CorpusReader
from claimgraph.embeddings.static import embed
from claimgraph.errors import ClaimgraphError, StoreError
from claimgraph.record import Record

__all__ = ["AddResult", "AddStatus", "Corpus", "content_hash"]

AddStatus = Literal["added", "replaced", "unchanged"]


def content_hash(text: str) -> str:
    """The document key: SHA-256 of its text (UTF-8), hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Corpus.add` did with one record."""

    status: AddStatus
    doc_id: str
    content_hash: str
    document_pk: int
    joined: int = 0  #: units that joined an existing corpus claim
    founded: int = 0  #: units that founded a new corpus claim
    events_joined: int = 0  #: event mentions that joined an existing event cluster
    events_founded: int = 0  #: event mentions that founded a new event cluster


def _analyser_version(record: Record) -> str:
    """The claimgraph version that analysed the record (this one when it does not say)."""
    return str(record.generator.get("claimgraph") or __version__)


def _version(text: str | None) -> Version:
    try:
        return Version(text or "0")
    except InvalidVersion:
        return Version("0")


def _published_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


class Corpus(CorpusReader):
    """A corpus database (SQLite file by default, or PostgreSQL by URL), upgraded on open: reading
    (:class:`~claimgraph.corpus.store.reader.CorpusReader`) and adding analysed documents."""

    def __init__(
        self,
        url: str = DEFAULT_URL,
        *,
        params: MatchParams | None = None,
        event_params: ClusterParams | None = None,
        model_dir: str | None = None,
        migrate: bool = True,
        read_only: bool = False,
    ) -> None:
        super().__init__(url, migrate=migrate, read_only=read_only)
        self.params = params if params is not None else DEFAULT_PARAMS
        self.event_params = event_params if event_params is not None else DEFAULT_CLUSTER_PARAMS
        self.model_dir = model_dir
        self._index: ClaimIndex | None = None
        self._last_member = 0
        self._events: EventIndex | None = None
        self._last_event = 0
        #: the ``deletions`` counter the indexes are up to date with (None: unknown)
        self._deletions: int | None = None
        #: Test hook: called with a stage name while a document is being written.
        self.fault: Callable[[str], None] | None = None

    # -- adding -----------------------------------------------------------------------
    def add(self, record: Record, *, replace: bool = False) -> AddResult:
        """Store one analysed document (see the module docstring for the rules).

        ``replace=True`` replaces a stored analysis of the same text whatever its version.
        Raises :class:`StoreError` when the database refuses the document.
        """
        digest = content_hash(record.document.text)
        if not replace and (same := self.unchanged(record.document.id, digest, _analyser_version(record))):
            return same
        units = units_from_record(record)
        mentions = [mention_of(record, ev) for ev in record.events]
        texts = [u.text for u in units] + [m.text for m in mentions]  # one call: the model's overhead once
        every = embed(texts, self.model_dir) if texts else np.zeros((0, 0), np.float32)
        vectors, event_vectors = every[: len(units)], every[len(units) :]

        def attempt() -> AddResult:
            try:
                with write_transaction(self.engine) as conn:
                    return self._write(conn, record, digest, units, vectors, replace, mentions, event_vectors)
            except BaseException:
                self._index = None  # they may hold rows of the rolled-back transaction
                self._events = None
                self._deletions = None
                raise

        try:
            return retrying(attempt)
        except DBAPIError as exc:
            raise StoreError(f"{record.document.id}: the database refused the document: {exc.orig}") from exc

    def unchanged(self, doc_id: str, digest: str, version: str = __version__) -> AddResult | None:
        """What :meth:`add` would say, without the record: ``"unchanged"`` when a document of this
        content hash (:func:`content_hash` of its text) is stored as analysed by ``version`` or a
        newer claimgraph, else None. ``ingest`` asks this before analysing a document."""
        stored = self._stored_version(digest)
        if stored is not None and _version(version) <= _version(stored[1]):
            return AddResult("unchanged", doc_id, digest, stored[0])
        return None

    def _stored_version(self, digest: str) -> tuple[int, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(Document.id, Document.analyser_version).where(Document.content_hash == digest)
            ).first()
        return (row.id, row.analyser_version) if row is not None else None

    def add_many(
        self, items: Iterable[Record | ClaimgraphError], *, replace: bool = False
    ) -> Iterator[AddResult | ClaimgraphError]:
        """Add each record in its own transaction; errors are yielded in place, the batch goes on."""
        for item in items:
            if isinstance(item, ClaimgraphError):
                yield item
                continue
            try:
                yield self.add(item, replace=replace)
            except ClaimgraphError as exc:
                yield exc
            except Exception as exc:  # a bad record: report it, keep the batch going
                yield StoreError(f"{item.document.id}: not stored: {type(exc).__name__}: {exc}")

    def _write(
        self,
        conn: Connection,
        record: Record,
        digest: str,
        units: list[MatchUnit],
        vectors: np.ndarray,
        replace: bool,
        mentions: list[EventMention],
        event_vectors: np.ndarray,
    ) -> AddResult:
        version = _analyser_version(record)
        doc = record.document
        old = conn.execute(
            select(Document.id, Document.analyser_version).where(Document.content_hash == digest)
        ).first()
        status: AddStatus = "added"
        if old is not None and not replace and _version(version) <= _version(old.analyser_version):
            return AddResult("unchanged", doc.id, digest, old.id)
        self._check_deletions(conn)
        if old is not None:
            self._delete_document(conn, old.id)
            status = "replaced"
        index = self._refresh_index(conn)
        events_index = self._refresh_events(conn)
        self._checkpoint("document")
        values = {
            "content_hash": digest,
            "doc_id": doc.id,
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "published": doc.published,
            "published_date": _published_date(doc.published),
            "language": doc.language,
            "analyser_version": version,
            "generator": record.generator,
            "ingested_at": datetime.now(UTC),
            "record": record.to_dict(),
        }
        upsert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        stmt = upsert(Document).values(**values).on_conflict_do_nothing(index_elements=["content_hash"])
        document_pk = conn.execute(stmt.returning(Document.id)).scalar()
        if document_pk is None:  # a concurrent writer stored the same text first
            raise IntegrityError("documents.content_hash", None, Exception("duplicate content hash"))
        actor_pks = self._write_parts(conn, record, document_pk)
        self._checkpoint("parts")
        joined, founded = self._write_members(conn, index, document_pk, units, vectors, actor_pks)
        ev_joined, ev_founded = self._write_events(
            conn, events_index, record, document_pk, mentions, event_vectors
        )
        return AddResult(status, doc.id, digest, document_pk, joined, founded, ev_joined, ev_founded)

    def _checkpoint(self, stage: str) -> None:
        if self.fault is not None:
            self.fault(stage)

    def _write_members(
        self,
        conn: Connection,
        index: ClaimIndex,
        document_pk: int,
        units: list[MatchUnit],
        vectors: np.ndarray,
        actor_pks: dict[str, int],
    ) -> tuple[int, int]:
        """Match each unit (against the corpus and the document's earlier units) and store it.

        New corpus claims get provisional negative ids while matching; three
        multi-row inserts then store claims, members and stances.
        """
        targets: list[tuple[int, float | None]] = []
        founders: list[MatchUnit] = []
        for n, (unit, vector) in enumerate(zip(units, vectors, strict=True)):
            specific = unit.specific
            best = index.best(vector, unit.countries, unit.roots, unit.anchors) if specific else None
            if best is None:
                founders.append(unit)
                targets.append((-len(founders), None))
                if specific:  # only founders are matched against: no chaining through members
                    index.add(-(n + 1), -len(founders), vector, unit.countries, unit.roots, unit.anchors)
            else:
                targets.append(best)
        claim_ids: dict[int, int] = {}
        if founders:
            now = datetime.now(UTC)
            rows = conn.execute(
                insert(CorpusClaim).returning(CorpusClaim.id, sort_by_parameter_order=True),
                [{"text": u.text, "created_at": now} for u in founders],
            )
            claim_ids = {-(k + 1): claim_id for k, (claim_id,) in enumerate(rows)}
        self._checkpoint("claims")
        member_rows = [
            {
                "corpus_claim_id": claim_ids.get(target, target),
                "document_pk": document_pk,
                "kind": unit.kind,
                "local_id": unit.local_id,
                "text": unit.text,
                "similarity": similarity,
                "founder": similarity is None and unit.specific,
                "countries": ",".join(sorted(unit.countries)),
                "roots": ",".join(sorted(unit.roots)),
                "embedding": vector.astype(np.float16).tobytes(),
            }
            for unit, vector, (target, similarity) in zip(units, vectors, targets, strict=True)
        ]
        member_ids: list[int] = []
        if member_rows:
            result = conn.execute(
                insert(ClaimMember).returning(ClaimMember.id, sort_by_parameter_order=True), member_rows
            )
            member_ids = [member_id for (member_id,) in result]
        index.relabel(claim_ids, {-(n + 1): m for n, m in enumerate(member_ids)})
        if member_ids:
            self._last_member = max(self._last_member, max(member_ids))
        stances = [
            {"member_id": member_id, "actor_pk": actor_pks[a], "stance": st}
            for unit, member_id in zip(units, member_ids, strict=True)
            for a, st in dict.fromkeys(unit.positions)
            if a in actor_pks
        ]
        if stances:
            conn.execute(insert(ClaimStance), stances)
        self._checkpoint("stances")
        return len(units) - len(founders), len(founders)

    def _write_parts(self, conn: Connection, record: Record, document_pk: int) -> dict[str, int]:
        actor_pks: dict[str, int] = {}
        if record.actors:
            rows = conn.execute(
                insert(DocumentActor).returning(
                    DocumentActor.id, DocumentActor.local_id, sort_by_parameter_order=True
                ),
                [
                    {
                        "document_pk": document_pk,
                        "local_id": a.id,
                        "name": a.name,
                        "kind": a.kind,
                        "country": a.country,
                        "sector": a.sector,
                        "code": a.code,
                    }
                    for a in record.actors
                ],
            )
            actor_pks = {local: pk for pk, local in rows}
        if record.statements:
            conn.execute(
                insert(DocumentStatement),
                [
                    {
                        "document_pk": document_pk,
                        "local_id": s.id,
                        "speaker": s.speaker,
                        "cue": s.cue.text if s.cue else None,
                        "content": s.content.text,
                        "start": s.content.start,
                        "end": s.content.end,
                        "kind": s.kind,
                        "stance": s.stance,
                        "hedged": s.hedged,
                        "cue_class": s.cue_class,
                        "claim": s.claim,
                    }
                    for s in record.statements
                ],
            )
        if record.claims:
            conn.execute(
                insert(DocClaim),
                [
                    {
                        "document_pk": document_pk,
                        "local_id": c.id,
                        "text": c.text,
                        "asserted_by": list(c.asserted_by),
                        "denied_by": list(c.denied_by),
                        "author_stance": c.author_stance,
                        "evidence_cited": c.evidence_cited,
                        "contested": c.contested,
                        "check_worthiness": c.check_worthiness,
                    }
                    for c in record.claims
                ],
            )
        return actor_pks

    def _write_events(
        self,
        conn: Connection,
        index: EventIndex,
        record: Record,
        document_pk: int,
        mentions: list[EventMention],
        vectors: np.ndarray,
    ) -> tuple[int, int]:
        """Cluster each event mention (against the corpus and the document's earlier ones) and store it.

        New clusters get provisional negative ids while clustering; two multi-row
        inserts then store the clusters and the mentions.
        """
        if not record.events:
            return 0, 0
        targets: list[tuple[int, float | None]] = []
        founders: list[EventMention] = []
        for n, (mention, vector) in enumerate(zip(mentions, vectors, strict=True)):
            best = index.best(mention, vector)
            if best is None:
                founders.append(mention)
                target: tuple[int, float | None] = (-len(founders), None)
            else:
                target = best
            targets.append(target)
            index.add(-(n + 1), target[0], mention, vector)
        cluster_ids: dict[int, int] = {}
        if founders:
            now = datetime.now(UTC)
            rows = conn.execute(
                insert(EventCluster).returning(EventCluster.id, sort_by_parameter_order=True),
                [{"root": m.root, "plover": m.plover, "created_at": now} for m in founders],
            )
            cluster_ids = {-(k + 1): cluster_id for k, (cluster_id,) in enumerate(rows)}
        self._checkpoint("event_clusters")
        result = conn.execute(
            insert(DocumentEvent).returning(DocumentEvent.id, sort_by_parameter_order=True),
            [
                {
                    **_event_row(record, document_pk, event),
                    "cluster_id": cluster_ids.get(target, target),
                    "similarity": similarity,
                    "embedding": vector.astype(np.float16).tobytes(),
                }
                for event, vector, (target, similarity) in zip(record.events, vectors, targets, strict=True)
            ],
        )
        event_ids = [event_id for (event_id,) in result]
        index.relabel(cluster_ids, {-(n + 1): e for n, e in enumerate(event_ids)})
        self._last_event = max(self._last_event, *event_ids)
        self._checkpoint("events")
        return len(mentions) - len(founders), len(founders)

    def _check_deletions(self, conn: Connection) -> None:
        """Forget the in-memory indexes when another writer deleted rows since they were read.

        Indexes are brought up to date by reading the rows added since (ids above the last
        seen); rows deleted by another writer (a replaced document) are noticed here, by the
        ``deletions`` counter every deletion increments.
        """
        deletions = conn.execute(select(CorpusState.value).where(CorpusState.name == "deletions")).scalar()
        if deletions is None or deletions != self._deletions:
            self._index = None
            self._events = None
        self._deletions = deletions

    def _delete_document(self, conn: Connection, document_pk: int) -> None:
        members = conn.execute(
            select(ClaimMember.id, ClaimMember.corpus_claim_id).where(ClaimMember.document_pk == document_pk)
        ).all()
        mentions = conn.execute(
            select(DocumentEvent.id, DocumentEvent.cluster_id).where(DocumentEvent.document_pk == document_pk)
        ).all()
        # children first: SQLite cascades only with foreign_keys on, so do not rely on it
        conn.execute(delete(ClaimStance).where(ClaimStance.member_id.in_([m.id for m in members])))
        for part in (ClaimMember, DocClaim, DocumentEvent, DocumentStatement, DocumentActor):
            conn.execute(delete(part).where(part.document_pk == document_pk))
        conn.execute(delete(Document).where(Document.id == document_pk))
        touched = {m.corpus_claim_id for m in members}
        if touched:
            orphan = ~exists().where(ClaimMember.corpus_claim_id == CorpusClaim.id)
            conn.execute(delete(CorpusClaim).where(CorpusClaim.id.in_(touched), orphan))
        if self._index is not None:
            self._index.remove_members({m.id for m in members})
        clusters = {m.cluster_id for m in mentions if m.cluster_id is not None}
        if clusters:  # its mentions left their clusters: the clusters left empty go
            empty = ~exists().where(DocumentEvent.cluster_id == EventCluster.id)
            conn.execute(delete(EventCluster).where(EventCluster.id.in_(clusters), empty))
        if self._events is not None:
            self._events.remove({m.id for m in mentions if m.cluster_id is not None})
        conn.execute(
            update(CorpusState).where(CorpusState.name == "deletions").values(value=CorpusState.value + 1)
        )
        if self._deletions is not None:
            self._deletions += 1  # this writer's own deletion: its indexes already know

    def _refresh_index(self, conn: Connection) -> ClaimIndex:
        """The member index, brought up to date with what other writers committed."""
        if self._index is None:
            self._index = ClaimIndex(params=self.params)
            self._last_member = 0
        rows = conn.execute(
            select(
                ClaimMember.id,
                ClaimMember.corpus_claim_id,
                ClaimMember.embedding,
                ClaimMember.countries,
                ClaimMember.roots,
                ClaimMember.text,
                Document.published_date,
            )
            .join(Document, Document.id == ClaimMember.document_pk)
            .where(ClaimMember.id > self._last_member, ClaimMember.founder.is_(True))
            .order_by(ClaimMember.id)
        )
        for member_id, claim_id, blob, countries, roots, text, published in rows:
            vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
            self._index.add(
                member_id,
                claim_id,
                vector,
                frozenset(filter(None, countries.split(","))),
                frozenset(filter(None, roots.split(","))),
                anchors(text, published),
            )
            self._last_member = member_id
        self._index.recentre()
        return self._index

    def _refresh_events(self, conn: Connection) -> EventIndex:
        """The event-mention index, brought up to date with what other writers committed.

        Event ids are never reused (AUTOINCREMENT on SQLite), so the mentions committed
        since are those above the last id seen (deletions: :meth:`_check_deletions`).
        Mentions stored before migration 0003 have no cluster and are not indexed.
        """
        if self._events is None:
            self._events = EventIndex(self.event_params)
            self._last_event = 0
        rows = conn.execute(
            select(
                DocumentEvent.id,
                DocumentEvent.cluster_id,
                DocumentEvent.root,
                DocumentEvent.plover,
                DocumentEvent.mode,
                DocumentEvent.source_country,
                DocumentEvent.target_country,
                DocumentEvent.date_value,
                DocumentEvent.date_precision,
                DocumentEvent.sentence,
                DocumentEvent.embedding,
            )
            .where(DocumentEvent.cluster_id.is_not(None), DocumentEvent.id > self._last_event)
            .order_by(DocumentEvent.id)
        )
        for row in rows:
            if row.embedding is None:
                continue
            mention = EventMention(
                root=row.root,
                plover=row.plover,
                mode=row.mode,
                source=row.source_country,
                target=row.target_country,
                date_value=row.date_value,
                date_precision=row.date_precision,
                text=" ".join((row.sentence or "").split()),
            )
            vector = np.frombuffer(row.embedding, dtype=np.float16).astype(np.float32)
            self._events.add(row.id, row.cluster_id, mention, vector)
            self._last_event = row.id
        self._events.recentre()
        return self._events


def _event_row(record: Record, document_pk: int, event: Any) -> dict[str, Any]:
    date_value, date_precision = resolved_date(record, event)
    return {
        "document_pk": document_pk,
        "local_id": event.id,
        "source": event.source,
        "target": event.target,
        "source_country": side_country(record, event, "source"),
        "target_country": side_country(record, event, "target"),
        "cameo": event.cameo,
        "root": event.root,
        "plover": event.plover,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "negated": event.negated,
        "trigger": event.trigger.text,
        "sentence": event.sentence.text,
        "mode": event_mode(event),
        "date_value": date_value,
        "date_precision": date_precision,
        "location": event.location.country if event.location is not None else None,
        "reported_by": event.reported_by,
    }
