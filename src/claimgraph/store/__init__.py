"""The corpus database: analysed documents, their parts, and claims matched across them.

SQLite by default (``sqlite:///claimgraph.db``), PostgreSQL by URL
(``postgresql+psycopg://user@host/db``); the schema is versioned with Alembic
(``store/migrations``) and upgraded when a corpus is opened.
"""

from __future__ import annotations

from claimgraph.store.corpus import AddResult, AddStatus, Corpus, content_hash
from claimgraph.store.engine import DEFAULT_URL
from claimgraph.store.queries import ClaimSummary, EventCount

__all__ = ["DEFAULT_URL", "AddResult", "AddStatus", "ClaimSummary", "Corpus", "EventCount", "content_hash"]
