"""Reading a corpus: the query side of :class:`~claimgraph.corpus.store.Corpus`.

A :class:`CorpusReader` opens the database and answers the queries (claims, contested
claims, event counts and clusters, technique profiles, stored records, export); it imports
no NLP, no numpy and no record models until a method needs them, so the query commands
start in a fraction of a second. :class:`~claimgraph.corpus.store.Corpus` adds writing.

``CorpusReader(url, read_only=True)`` (the query commands) opens a SQLite file read-only:
a read-only file is queried all the same, and a query never writes. Every database error
while reading (a corrupt page, a file that is not a database) is one
:class:`~claimgraph.errors.StoreError` naming the database.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from claimgraph.corpus.store.engine import (
    DEFAULT_URL,
    current_revision,
    display_url,
    head_revision,
    known_revisions,
    make_engine,
    upgrade,
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
    EventCluster,
)
from claimgraph.errors import ClaimgraphError, StoreError

if TYPE_CHECKING:
    from claimgraph.record import Record

__all__ = ["CorpusReader"]

F = TypeVar("F", bound=Callable[..., Any])


def _reading(method: F) -> F:
    """A database error while reading becomes one :class:`StoreError` naming the database."""

    @functools.wraps(method)
    def wrapper(self: CorpusReader, *args: Any, **kwargs: Any) -> Any:
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


class CorpusReader:
    """A corpus database opened for queries (SQLite file by default, or PostgreSQL by URL)."""

    def __init__(self, url: str = DEFAULT_URL, *, migrate: bool = True, read_only: bool = False) -> None:
        self.url = url
        self.display_url = display_url(url)
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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
            "event_clusters": EventCluster,
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
        from claimgraph.record import Record

        return Record.model_validate(data) if data is not None else None

    @_reading
    def claims(self, search: str | None = None, *, limit: int | None = None) -> list[Any]:
        """Corpus claims (most documents first), with who asserts and denies them; see :mod:`.queries`."""
        from claimgraph.corpus.store.queries import corpus_claims

        return corpus_claims(self.engine, search=search, limit=limit)

    @_reading
    def contested(self, search: str | None = None, *, limit: int | None = None) -> list[Any]:
        """Corpus claims asserted by one side and denied by another, with the quotes per outlet."""
        from claimgraph.corpus.store.queries import contested_claims

        return contested_claims(self.engine, search=search, limit=limit)

    @_reading
    def technique_profiles(self, by: str = "outlet", min_score: float = 0.0) -> list[Any]:
        """Technique use per outlet or document: rate per 1,000 words, author vs speakers, top
        labels (spans scored at least ``min_score``); see :mod:`.profiles`."""
        from claimgraph.corpus.store.profiles import technique_profiles

        return technique_profiles(self.engine, by=by, min_score=min_score)

    @_reading
    def event_counts(
        self,
        dyad: Sequence[str] | None = None,
        by: str = "month",
        *,
        directed: bool = False,
        mode: str = "asserted",
        mentions: bool = False,
    ) -> list[Any]:
        """Event counts (clusters, or ``mentions``) and Goldstein sums by period and dyad (.queries)."""
        from claimgraph.corpus.store.queries import event_counts

        return event_counts(self.engine, dyad=dyad, by=by, directed=directed, mode=mode, mentions=mentions)

    @_reading
    def event_clusters(
        self, dyad: Sequence[str] | None = None, *, directed: bool = False, mode: str = "asserted"
    ) -> list[Any]:
        """Event clusters with their mentions, documents and outlets; see :mod:`.queries`."""
        from claimgraph.corpus.store.queries import event_clusters

        return event_clusters(self.engine, dyad=dyad, directed=directed, mode=mode)

    @_reading
    def export(self, directory: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write every table (and the claims view) to ``directory`` as Parquet or JSON lines."""
        from claimgraph.corpus.store.export import export_tables

        return export_tables(self, Path(directory), fmt)
