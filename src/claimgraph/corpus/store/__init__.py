"""The corpus database: analysed documents, their parts, and claims matched across them.

SQLite by default (``sqlite:///claimgraph.db``), PostgreSQL by URL
(``postgresql+psycopg://user@host/db``); the schema is versioned with Alembic
(``store/migrations``) and upgraded when a corpus is opened.
"""

from __future__ import annotations

from claimgraph.corpus.store.corpus import AddResult, AddStatus, Corpus, content_hash
from claimgraph.corpus.store.engine import DEFAULT_URL
from claimgraph.corpus.store.queries import ClaimSummary, EventClusterSummary, EventCount

__all__ = [
    "DEFAULT_URL",
    "AddResult",
    "AddStatus",
    "ClaimSummary",
    "Corpus",
    "EventClusterSummary",
    "EventCount",
    "content_hash",
]
