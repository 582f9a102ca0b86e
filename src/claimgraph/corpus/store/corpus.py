"""The corpus: analysed documents in a database, with claims matched across them.

>>> from claimgraph.corpus.store import Corpus
>>> with Corpus("sqlite:///news.db") as corpus:
...     corpus.add(record).status            # "added", "replaced" or "unchanged"
...     corpus.claims(search="artillery")    # corpus claims, who asserts and who denies
...     corpus.event_counts(dyad=("IRN", "RUS"), by="month")

Documents are identified by the SHA-256 of their text. Adding the same text
again changes nothing; adding it as analysed by a newer claimgraph replaces
the stored analysis (document, parts, claim memberships) in one transaction.
Each document is written in its own transaction: a failure leaves the
documents before it stored and nothing of the failing one.

``Corpus(url, read_only=True)`` (the query commands) opens a SQLite file
read-only: a read-only file is queried all the same, and a query never writes.
Every database error while reading (a corrupt page, a file that is not a
database) is one :class:`~claimgraph.errors.StoreError` naming the database.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import numpy as np
from packaging.version import InvalidVersion, Version
from sqlalchemy import Connection, delete, exists, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from claimgraph import __version__
from claimgraph.corpus.matching import DEFAULT_PARAMS, ClaimIndex, MatchParams, MatchUnit, units_from_record
from claimgraph.corpus.store.engine import (
    DEFAULT_URL,
    current_revision,
    display_url,
    head_revision,
    known_revisions,
    make_engine,
    retrying,
    upgrade,
    write_transaction,
)
from claimgraph.corpus.store.models import (
    ClaimMember,
    ClaimStance,
    CorpusClaim,
    DocClaim,
    Document,
    DocumentActor,
    DocumentEvent,
    DocumentStatement,
)
from claimgraph.embeddings.static import embed
from claimgraph.errors import ClaimgraphError, StoreError
from claimgraph.record import Record

__all__ = ["AddResult", "AddStatus", "Corpus", "content_hash"]

AddStatus = Literal["added", "replaced", "unchanged"]
F = TypeVar("F", bound=Callable[..., Any])


def _reading(method: F) -> F:
    """A database error while reading becomes one :class:`StoreError` naming the database."""

    @functools.wraps(method)
    def wrapper(self: Corpus, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except DBAPIError as exc:
            raise StoreError(f"cannot read the corpus database {self.display_url}: {exc.orig}") from exc
        except (UnicodeDecodeError, ValueError) as exc:  # a damaged JSON or date value
            if isinstance(exc, ClaimgraphError):
                raise
            raise StoreError(
                f"cannot read the corpus database {self.display_url}: a stored value is damaged ({exc})"
            ) from exc

    return wrapper  # type: ignore[return-value]


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


class Corpus:
    """A corpus database (SQLite file by default, or PostgreSQL by URL); upgraded on open."""

    def __init__(
        self,
        url: str = DEFAULT_URL,
        *,
        params: MatchParams = DEFAULT_PARAMS,
        model_dir: str | None = None,
        migrate: bool = True,
        read_only: bool = False,
    ) -> None:
        self.url = url
        self.display_url = display_url(url)
        self.params = params
        self.model_dir = model_dir
        self.read_only = read_only
        if read_only:
            self.engine = make_engine(url, read_only=True)
            try:
                self._check_readable(migrate)
            except BaseException:
                self.engine.dispose()
                raise
        else:
            self.engine = make_engine(url)
            if migrate:
                upgrade(self.engine)
        self._index: ClaimIndex | None = None
        self._last_member = 0
        #: Test hook: called with a stage name while a document is being written.
        self.fault: Callable[[str], None] | None = None

    def _check_readable(self, migrate: bool) -> None:
        """A read-only corpus has a claimgraph schema; an older one is upgraded when the file allows it."""
        current = current_revision(self.engine)
        if current == head_revision():
            return
        if current is None:
            raise StoreError(
                f"{self.display_url} is not a claimgraph corpus (no schema): "
                "create one with `claimgraph ingest`"
            )
        if current not in known_revisions():
            raise StoreError(
                f"the corpus database {self.display_url} has schema revision {current!r}, unknown to this "
                "claimgraph: it was written by a newer version; upgrade claimgraph"
            )
        if migrate:
            writer = make_engine(self.url)
            try:
                upgrade(writer)
            except StoreError:
                pass  # a read-only file of an older schema: read it as it is
            finally:
                writer.dispose()

    # -- lifecycle ------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- adding -----------------------------------------------------------------------
    def add(self, record: Record, *, replace: bool = False) -> AddResult:
        """Store one analysed document (see the module docstring for the rules).

        ``replace=True`` replaces a stored analysis of the same text whatever its version.
        Raises :class:`StoreError` when the database refuses the document.
        """
        digest = content_hash(record.document.text)
        if not replace:
            stored = self._stored_version(digest)
            if stored is not None and self._version_of(record) <= _version(stored[1]):
                return AddResult("unchanged", record.document.id, digest, stored[0])
        units = units_from_record(record)
        vectors = embed([u.text for u in units], self.model_dir) if units else np.zeros((0, 0), np.float32)

        def attempt() -> AddResult:
            try:
                with write_transaction(self.engine) as conn:
                    return self._write(conn, record, digest, units, vectors, replace)
            except BaseException:
                self._index = None  # it may hold rows of the rolled-back transaction
                raise

        try:
            return retrying(attempt)
        except DBAPIError as exc:
            raise StoreError(f"{record.document.id}: the database refused the document: {exc.orig}") from exc

    @staticmethod
    def _version_of(record: Record) -> Version:
        return _version(_analyser_version(record))

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
    ) -> AddResult:
        version = _analyser_version(record)
        doc = record.document
        old = conn.execute(
            select(Document.id, Document.analyser_version).where(Document.content_hash == digest)
        ).first()
        status: AddStatus = "added"
        if old is not None:
            if not replace and _version(version) <= _version(old.analyser_version):
                return AddResult("unchanged", doc.id, digest, old.id)
            self._delete_document(conn, old.id)
            status = "replaced"
        index = self._refresh_index(conn)
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
        return AddResult(status, doc.id, digest, document_pk, joined, founded)

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
            best = index.best(vector, unit.countries, unit.roots) if specific else None
            if best is None:
                founders.append(unit)
                targets.append((-len(founders), None))
                if specific:  # only founders are matched against: no chaining through members
                    index.add(-(n + 1), -len(founders), vector, unit.countries, unit.roots)
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
        if record.events:
            conn.execute(insert(DocumentEvent), [_event_row(record, document_pk, e) for e in record.events])
        return actor_pks

    def _delete_document(self, conn: Connection, document_pk: int) -> None:
        members = conn.execute(
            select(ClaimMember.id, ClaimMember.corpus_claim_id).where(ClaimMember.document_pk == document_pk)
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
            )
            .where(ClaimMember.id > self._last_member, ClaimMember.founder.is_(True))
            .order_by(ClaimMember.id)
        )
        for member_id, claim_id, blob, countries, roots in rows:
            vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
            self._index.add(
                member_id,
                claim_id,
                vector,
                frozenset(filter(None, countries.split(","))),
                frozenset(filter(None, roots.split(","))),
            )
            self._last_member = member_id
        self._index.recentre()
        return self._index

    # -- reading ----------------------------------------------------------------------
    @_reading
    def stats(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = {
            "documents": Document,
            "actors": DocumentActor,
            "statements": DocumentStatement,
            "doc_claims": DocClaim,
            "events": DocumentEvent,
            "corpus_claims": CorpusClaim,
            "claim_members": ClaimMember,
            "claim_stances": ClaimStance,
        }
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for name, t in tables.items()
            }

    @_reading
    def record(self, content_hash_or_doc_id: str) -> Record | None:
        """The stored record with this content hash (or document id), or None."""
        with self.engine.connect() as conn:
            data = conn.execute(
                select(Document.record)
                .where(
                    (Document.content_hash == content_hash_or_doc_id)
                    | (Document.doc_id == content_hash_or_doc_id)
                )
                .limit(1)
            ).scalar()
        return Record.model_validate(data) if data is not None else None

    @_reading
    def claims(self, search: str | None = None, *, limit: int | None = None) -> list[Any]:
        """Corpus claims (most documents first), with who asserts and denies them; see :mod:`.queries`."""
        from claimgraph.corpus.store.queries import corpus_claims

        return corpus_claims(self.engine, search=search, limit=limit)

    @_reading
    def event_counts(
        self,
        dyad: Sequence[str] | None = None,
        by: str = "month",
        *,
        directed: bool = False,
    ) -> list[Any]:
        """Event counts and Goldstein sums per period and country dyad; see :mod:`.queries`."""
        from claimgraph.corpus.store.queries import event_counts

        return event_counts(self.engine, dyad=dyad, by=by, directed=directed)

    @_reading
    def export(self, directory: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write every table (and the claims view) to ``directory`` as Parquet or JSON lines."""
        from claimgraph.corpus.store.export import export_tables

        return export_tables(self, Path(directory), fmt)


def _event_row(record: Record, document_pk: int, event: Any) -> dict[str, Any]:
    def country(actor_id: str | None) -> str | None:
        actor = record.actor(actor_id)
        if actor is None:
            return None
        return actor.country or (actor.code[:3] if actor.code else None)

    return {
        "document_pk": document_pk,
        "local_id": event.id,
        "source": event.source,
        "target": event.target,
        "source_country": country(event.source),
        "target_country": country(event.target),
        "cameo": event.cameo,
        "root": event.root,
        "plover": event.plover,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "negated": event.negated,
        "trigger": event.trigger.text,
        "sentence": event.sentence.text,
    }
