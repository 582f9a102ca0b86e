"""The API and pages over a PostgreSQL corpus (full-text search by tsvector); skipped without
``CLAIMGRAPH_TEST_POSTGRES_URL``. Each run uses its own schema, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from claimgraph.corpus.store import Corpus
from claimgraph.web import WebConfig, create_app

from .conftest import SHELLS, FakeAnalyzer, corpus_records

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_client():
    admin = os.environ.get("CLAIMGRAPH_TEST_POSTGRES_URL")
    if not admin:
        pytest.skip("PostgreSQL tests need CLAIMGRAPH_TEST_POSTGRES_URL")
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    schema = f"cg_web_{uuid.uuid4().hex[:12]}"
    try:
        engine = create_engine(admin)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        pytest.skip(f"PostgreSQL at {admin} is not reachable: {exc.orig}")
    url = f"{admin}{'&' if '?' in admin else '?'}options={quote(f'-csearch_path={schema}')}"
    try:
        with Corpus(url) as corpus:
            for record in corpus_records():
                corpus.add(record)
        app = create_app(WebConfig(db_url=url), analyzer=FakeAnalyzer)
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def test_search_and_claims_on_postgres(pg_client):
    found = pg_client.get("/api/claims", params={"q": "ships shell"}).json()["claims"]
    assert [c["text"] for c in found] == [SHELLS]
    assert pg_client.get("/api/claims", params={"q": "submarine"}).json()["count"] == 0
    assert pg_client.get("/api/claims", params={"q": "\x00 ' OR 1=1 --"}).status_code == 200
    detail = pg_client.get(f"/api/claims/{found[0]['id']}").json()
    assert {q["outlet"] for q in detail["quotes"]} == {"Example News", "Other Wire"}
    contested = pg_client.get("/api/claims", params={"contested": "true"}).json()["claims"]
    assert [c["text"] for c in contested] == [SHELLS]


def test_events_actors_documents_and_pages_on_postgres(pg_client):
    series = pg_client.get("/api/events", params={"dyad": "IRN,RUS"}).json()["series"]
    assert [(s["period"], s["events"]) for s in series] == [("2024-04", 1), ("2024-05", 1)]
    assert pg_client.get("/api/actors/kremlin").json()["statements"] == {"deny": 2}
    assert pg_client.get("/api/documents").json()["total"] == 3
    for path in ("/claims?q=artillery", "/dyads/IRN-RUS", "/outlets/Other%20Wire", "/documents/hostile"):
        assert pg_client.get(path).status_code == 200, path
