"""Engines, write transactions and migrations for the corpus database.

SQLite (the default, a file) and PostgreSQL (``postgresql+psycopg://…``) are
supported. Writers never interleave:

- SQLite runs in WAL mode (readers do not block the writer) with a busy
  timeout, and a write transaction starts with ``BEGIN IMMEDIATE`` so that two
  processes queue for the write lock instead of failing when they upgrade a
  read lock (https://www.sqlite.org/lang_transaction.html).
- PostgreSQL takes a transaction-level advisory lock at the start of each
  write transaction, so claim matching in one process sees every member the
  other committed; unique constraints (content hash) and ``ON CONFLICT`` guard
  the rest.

Transient failures (``database is locked``, deadlocks, serialization errors,
a concurrent insert of the same document) are retried by :func:`retrying`.
The schema is created and upgraded by Alembic when a corpus is opened.

Readers (``claims``, ``events``, ``export``) open a SQLite file read-only
(``make_engine(url, read_only=True)``: ``mode=ro``, ``PRAGMA query_only``), so a
file they may not write (a read-only file or folder, a corpus on read-only media)
is queried all the same, and a query never creates or changes a file. When SQLite
cannot share the WAL index of a read-only folder, the file is read as immutable.
URLs are shown with their password masked (:func:`display_url`).
"""

from __future__ import annotations

import contextlib
import functools
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from claimgraph.errors import StoreError
from claimgraph.settings import DEFAULT_DB_URL

__all__ = [
    "DEFAULT_URL",
    "current_revision",
    "display_url",
    "head_revision",
    "known_revisions",
    "make_engine",
    "migrations_dir",
    "retrying",
    "upgrade",
    "write_transaction",
]

#: The corpus URL when none is given: a SQLite file in the working directory.
DEFAULT_URL = DEFAULT_DB_URL
#: Key of the PostgreSQL advisory lock that serialises writers ("claimgra" in ASCII).
ADVISORY_LOCK_KEY = 0x636C61696D677261
_WRITE = "claimgraph_write"
T = TypeVar("T")


_PASSWORD = re.compile(r"(?<=://)([^:/@\s]*):[^@\s]*@")


def display_url(url: object) -> str:
    """``url`` with its password replaced by ``***`` (as SQLAlchemy shows it), for messages."""
    text = str(url)
    try:
        return make_url(text).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy parses: mask what looks like user:password@
        return _PASSWORD.sub(r"\1:***@", text)


def make_engine(url: str = DEFAULT_URL, *, busy_timeout_s: float = 60.0, read_only: bool = False) -> Engine:
    """An engine for ``url`` (SQLite with WAL and busy timeout, or PostgreSQL).

    ``read_only=True`` opens a SQLite file read-only (see the module docstring); the
    file must exist. PostgreSQL engines are the same either way.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"not a database URL: {display_url(url)!r} "
            "(use sqlite:///FILE.db or postgresql+psycopg://user@host/db)"
        ) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        memory = not parsed.database or parsed.database == ":memory:"
        if not memory:
            assert parsed.database is not None
            folder = Path(parsed.database).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"cannot open {url}: folder {folder} does not exist")
        if read_only and not memory:
            assert parsed.database is not None
            engine = _read_only_sqlite(Path(parsed.database).expanduser().resolve(), busy_timeout_s)
        else:
            engine = create_engine(parsed, connect_args={"timeout": busy_timeout_s})
        _configure_sqlite(engine, busy_timeout_s, read_only=read_only and not memory)
        return engine
    if backend == "postgresql":
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except ModuleNotFoundError as exc:
            raise StoreError(f"no driver for {display_url(url)}: use postgresql+psycopg://… ({exc})") from exc
    raise StoreError(f"unsupported database {backend!r}: use sqlite:///FILE.db or postgresql+psycopg://…")


def _read_only_sqlite(path: Path, busy_timeout_s: float) -> Engine:
    if not path.is_file():
        what = "a folder" if path.is_dir() else "no such file"
        raise StoreError(f"cannot open sqlite:///{path}: {what} (create a corpus with `claimgraph ingest`)")
    uri = f"file:{quote(str(path))}"
    # read-write when the file allows it (closing removes the WAL files, as a writer's does;
    # PRAGMA query_only forbids every write), else read-only, else immutable: a WAL database
    # in a folder we may not write has no shared WAL index to open
    targets = (f"{uri}?mode=rw", f"{uri}?mode=ro", f"{uri}?mode=ro&immutable=1")

    def connect() -> sqlite3.Connection:
        for n, target in enumerate(targets):
            conn = sqlite3.connect(target, uri=True, timeout=busy_timeout_s, check_same_thread=False)
            try:
                conn.execute("PRAGMA query_only = ON")
                conn.execute("PRAGMA schema_version").fetchone()
                return conn
            except sqlite3.OperationalError as exc:
                conn.close()
                message = str(exc).lower()
                if n == len(targets) - 1 or not ("readonly" in message or "unable to open" in message):
                    raise
        raise AssertionError("unreachable")

    return create_engine(f"sqlite:///{path}", creator=connect)  # the URL names the file in messages


def _configure_sqlite(engine: Engine, busy_timeout_s: float, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction, exclusive among claimgraph writers; commits on success."""
    with engine.execution_options(**{_WRITE: True}).begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        yield conn


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, IntegrityError):
        return True  # a concurrent writer inserted the same row first: look again
    if isinstance(exc, OperationalError):
        message = str(exc.orig).lower()
        return any(w in message for w in ("locked", "busy", "deadlock", "could not serialize"))
    if isinstance(exc, DBAPIError):
        code = getattr(exc.orig, "sqlstate", None) or ""
        return code in ("40001", "40P01")
    return False


def retrying(
    operation: Callable[[], T],
    *,
    attempts: int = 5,
    on_retry: Callable[[BaseException], None] | None = None,
) -> T:
    """Run ``operation``; retry it with jittered backoff while it fails transiently."""
    for attempt in range(1, attempts + 1):
        try:
            return operation()
        except DBAPIError as exc:
            if attempt == attempts or not _transient(exc):
                raise
            if on_retry is not None:
                on_retry(exc)
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


# -- migrations ----------------------------------------------------------------------
def migrations_dir() -> Path:
    return Path(str(files("claimgraph.corpus.store") / "migrations"))


def _alembic_config():  # -> alembic.config.Config
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


_REVISION = re.compile(r'^(down_revision|revision)\b[^=]*=\s*(?:"([^"]*)"|None)', re.MULTILINE)


@functools.cache
def _revision_graph() -> dict[str, str | None]:
    """Each migration's revision → the revision it follows, read from the migration files'
    ``revision`` and ``down_revision`` lines (without importing Alembic: the query commands
    check the schema at every start)."""
    graph: dict[str, str | None] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        found = {m[1]: m[2] or None for m in _REVISION.finditer(path.read_text(encoding="utf-8"))}
        if found.get("revision"):
            graph[str(found["revision"])] = found.get("down_revision")
    return graph


def head_revision() -> str | None:
    """The newest migration this claimgraph knows (the one no other follows)."""
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    return heads.pop() if len(heads) == 1 else None


def known_revisions() -> set[str]:
    """Every migration this claimgraph knows."""
    return set(_revision_graph())


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database (None: no claimgraph schema), read from Alembic's
    ``alembic_version`` table."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError as exc:
        raise StoreError(f"cannot open the corpus database {display_url(engine.url)}: {exc.orig}") from exc
    return str(rows[0]) if len(rows) == 1 else None


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there)."""
    from alembic import command

    config = _alembic_config()
    head = head_revision()
    current = current_revision(engine)
    try:
        if current == head:
            return

        def run() -> None:
            with write_transaction(engine) as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")

        retrying(run)
    except DBAPIError as exc:
        raise StoreError(f"cannot open the corpus database {display_url(engine.url)}: {exc.orig}") from exc
    except Exception as exc:
        if type(exc).__name__ in ("CommandError", "ResolutionError"):
            raise StoreError(
                f"the corpus database {display_url(engine.url)} has schema revision {current!r}, unknown "
                "to this claimgraph: it was written by a newer version; upgrade claimgraph"
            ) from exc
        raise
