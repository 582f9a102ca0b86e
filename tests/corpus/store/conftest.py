"""Corpus URLs for the store tests: a SQLite file, and PostgreSQL when it is reachable.

PostgreSQL: ``CLAIMGRAPH_TEST_POSTGRES_URL`` (``.ci/run`` sets
``postgresql+psycopg://postgres@127.0.0.1:5432/test``). Each test gets its own
schema (through ``search_path``), dropped afterwards, so runs never collide.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

POSTGRES_ENV = "CLAIMGRAPH_TEST_POSTGRES_URL"


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(
            f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty corpus URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = _postgres_admin_url()
    schema = f"cg_test_{uuid.uuid4().hex[:12]}"
    try:
        engine = create_engine(admin)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        pytest.skip(f"PostgreSQL at {admin} is not reachable: {exc.orig}")
    sep = "&" if "?" in admin else "?"
    yield f"{admin}{sep}options={quote(f'-csearch_path={schema}')}"
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()
