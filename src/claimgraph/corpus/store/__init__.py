"""The corpus database: analysed documents, their parts, and claims matched across them.

SQLite by default (``sqlite:///claimgraph.db``), PostgreSQL by URL
(``postgresql+psycopg://user@host/db``); the schema is versioned with Alembic
(``store/migrations``) and upgraded when a corpus is opened.

Names are imported when first used: ``CorpusReader`` (the queries) loads no numpy and no
record models; ``Corpus`` (reading and adding) loads what matching needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.lazy import lazy_exports

if TYPE_CHECKING:
    from claimgraph.corpus.store.corpus import AddResult, AddStatus, Corpus, content_hash
    from claimgraph.corpus.store.engine import DEFAULT_URL
    from claimgraph.corpus.store.queries import ClaimSummary, EventClusterSummary, EventCount
    from claimgraph.corpus.store.reader import CorpusReader

__all__ = [
    "DEFAULT_URL",
    "AddResult",
    "AddStatus",
    "ClaimSummary",
    "Corpus",
    "CorpusReader",
    "EventClusterSummary",
    "EventCount",
    "content_hash",
]

_HOMES = {
    "AddResult": "corpus",
    "AddStatus": "corpus",
    "Corpus": "corpus",
    "content_hash": "corpus",
    "CorpusReader": "reader",
    "DEFAULT_URL": "engine",
    "ClaimSummary": "queries",
    "EventClusterSummary": "queries",
    "EventCount": "queries",
}


__getattr__, __dir__ = lazy_exports(__name__, {name: f"{__name__}.{home}" for name, home in _HOMES.items()})
