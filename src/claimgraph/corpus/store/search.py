"""Full-text search over corpus claims: PostgreSQL ``tsvector``, SQLite FTS5.

A claim is found when its own text or the text of any of its members (the documents'
claims and statements that joined it) matches. Words are stemmed (English), so
"shipped shells" finds "ships a shell"; every word must occur (AND); results are
ranked by relevance (``ts_rank`` on PostgreSQL, ``bm25`` on SQLite), best first.

- PostgreSQL: ``to_tsvector('english', text) @@ websearch_to_tsquery('english', q)``,
  so quoted phrases, ``or`` and ``-word`` work as in a web search box.
- SQLite: an FTS5 table (``porter unicode61`` tokenizer) in memory, built from the
  corpus on the first search and built again when the corpus has changed (a new
  member, claim or deletion); the query's words are quoted, so no text is ever read
  as FTS5 syntax. Nothing is written to the corpus file (a read-only corpus is
  searched all the same).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from typing import Any

from sqlalchemy import Engine, func, select, text

from claimgraph.corpus.store.models import ClaimMember, CorpusClaim, CorpusState

__all__ = ["search_claim_ids"]

_WORD = re.compile(r"\w+", re.UNICODE)


def search_claim_ids(engine: Engine, query: str, *, limit: int | None = None) -> list[int]:
    """Ids of the corpus claims matching ``query``, most relevant first (empty: no word in it)."""
    if not _WORD.search(query):
        return []
    if engine.dialect.name == "postgresql":
        ids = _postgres(engine, query.replace("\x00", " "))
    else:
        ids = _sqlite_index(engine).search(engine, query)
    return ids[:limit] if limit else ids


def _postgres(engine: Engine, query: str) -> list[int]:
    sql = text(
        """
        WITH q AS (SELECT websearch_to_tsquery('english', :q) AS tsq),
        hits AS (
            SELECT c.id AS claim_id, ts_rank(to_tsvector('english', c.text), q.tsq) AS rank
            FROM corpus_claims c, q WHERE to_tsvector('english', c.text) @@ q.tsq
            UNION ALL
            SELECT m.corpus_claim_id, ts_rank(to_tsvector('english', m.text), q.tsq)
            FROM claim_members m, q WHERE to_tsvector('english', m.text) @@ q.tsq
        )
        SELECT claim_id FROM hits GROUP BY claim_id ORDER BY max(rank) DESC, claim_id
        """
    )
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(sql, {"q": query})]


class _MemoryIndex:
    """An in-memory FTS5 index of one SQLite corpus, rebuilt when the corpus changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._version: tuple[Any, ...] | None = None

    def _corpus_version(self, engine: Engine) -> tuple[Any, ...]:
        with engine.connect() as conn:
            members = conn.execute(select(func.count(), func.max(ClaimMember.id))).one()
            claims = conn.execute(select(func.count(), func.max(CorpusClaim.id))).one()
            deletions = conn.execute(select(func.max(CorpusState.value))).scalar()
        return (*members, *claims, deletions)

    def _build(self, engine: Engine) -> sqlite3.Connection:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.execute(
            "CREATE VIRTUAL TABLE claims USING fts5(text, claim_id UNINDEXED, tokenize='porter unicode61')"
        )
        with engine.connect() as conn:
            rows = [*conn.execute(select(CorpusClaim.text, CorpusClaim.id))]
            rows += [*conn.execute(select(ClaimMember.text, ClaimMember.corpus_claim_id))]
        db.executemany("INSERT INTO claims(text, claim_id) VALUES (?, ?)", [(t, i) for t, i in rows])
        db.commit()
        return db

    def search(self, engine: Engine, query: str) -> list[int]:
        words = _WORD.findall(query.lower())
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        current = self._corpus_version(engine)
        with self._lock:
            if self._db is None or self._version != current:
                if self._db is not None:
                    self._db.close()
                self._db = self._build(engine)
                self._version = current
            rows = self._db.execute(
                "SELECT claim_id FROM claims WHERE claims MATCH ? ORDER BY rank, claim_id", (match,)
            ).fetchall()
        return list(dict.fromkeys(int(r[0]) for r in rows))  # each claim at its best-ranked text


_INDEXES: dict[str, _MemoryIndex] = {}
_INDEXES_LOCK = threading.Lock()


def _sqlite_index(engine: Engine) -> _MemoryIndex:
    key = f"{id(engine)}:{engine.url}"
    with _INDEXES_LOCK:
        return _INDEXES.setdefault(key, _MemoryIndex())
