"""The HTTP API: every endpoint, its errors, the body limit and the bounded analysis pool."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from claimgraph.web import WebConfig, create_app

from .conftest import SHELLS, FakeAnalyzer


def test_analyze_returns_the_record(client, fake):
    r = client.post("/api/analyze", json={"text": "The Kremlin called it baseless.", "source": "Wire"})
    assert r.status_code == 200
    record = r.json()
    assert record["schema"] == "claimgraph.record/1"
    assert record["document"]["source"] == "Wire"
    assert [a["name"] for a in record["actors"]] == ["Kremlin"]
    assert fake.calls == 1


def test_analyze_html_extracts_the_main_text(client):
    html = (
        "<html><body><article><p>"
        + "Tehran rejected the baseless claims again. " * 5
        + "</p></article></body></html>"
    )
    r = client.post("/api/analyze", json={"html": html, "id": "page"})
    assert r.status_code == 200
    assert "Tehran rejected" in r.json()["document"]["text"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"text": "a", "html": "<p>a</p>"}, 422),
        ({"text": "a", "surprise": 1}, 422),
        ({"text": 5}, 422),
        ([1, 2], 422),
    ],
)
def test_bad_bodies_are_json_errors(client, body, status):
    r = client.post("/api/analyze", json=body)
    assert r.status_code == status
    assert isinstance(r.json()["error"], str) and r.json()["error"]


def test_invalid_json_is_400(client, fake):
    r = client.post(
        "/api/analyze", content=b'{"text": "unterminated', headers={"content-type": "application/json"}
    )
    assert r.status_code == 400
    assert "JSON" in r.json()["error"]
    assert fake.calls == 0


def test_body_over_the_limit_is_413_before_analysis(stored_corpus, fake):
    app = create_app(WebConfig(db_url=stored_corpus, max_body=1000), analyzer=lambda: fake)
    with TestClient(app) as c:
        r = c.post("/api/analyze", json={"text": "x" * 2000})
        assert r.status_code == 413
        assert "limit" in r.json()["error"]

        def chunks():  # no Content-Length: counted as it streams
            yield b'{"text": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'

        r = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
    assert fake.calls == 0


def test_fetch_is_off_by_default(client, fake):
    r = client.post("/api/analyze", json={"fetch": "http://127.0.0.1/"})
    assert r.status_code == 403
    assert "--allow-fetch" in r.json()["error"]
    assert fake.calls == 0


def test_fetch_refuses_private_addresses_when_allowed(stored_corpus, fake):
    app = create_app(WebConfig(db_url=stored_corpus, allow_fetch=True), analyzer=lambda: fake)
    with TestClient(app) as c:
        for url in (
            "http://127.0.0.1:9/",
            "http://localhost/",
            "http://169.254.169.254/latest",
            "file:///etc/passwd",
        ):
            r = c.post("/api/analyze", json={"fetch": url})
            assert r.status_code == 400, url
            assert r.json()["error"]
    assert fake.calls == 0  # refused before any analysis


def test_busy_pool_answers_503_with_retry_after(stored_corpus):
    gate = threading.Event()
    slow = FakeAnalyzer(gate=gate)
    app = create_app(
        WebConfig(db_url=stored_corpus, analysis_queue=0, retry_after_s=7),
        analyzer=lambda: slow,
    )
    with TestClient(app) as c:
        first: dict[str, int] = {}
        t = threading.Thread(
            target=lambda: first.setdefault(
                "status", c.post("/api/analyze", json={"text": "Kremlin"}).status_code
            )
        )
        t.start()
        assert slow.started.wait(5)
        r = c.post("/api/analyze", json={"text": "Tehran"})
        assert r.status_code == 503
        assert r.headers["retry-after"] == "7"
        assert "busy" in r.json()["error"]
        gate.set()
        t.join(10)
    assert first["status"] == 200


def test_documents_store_list_and_get(empty_client):
    body = {
        "text": "Tehran called the report baseless.",
        "id": "t1",
        "source": "Wire",
        "published": "2024-02-01",
    }
    r = empty_client.post("/api/documents", json=body)
    assert r.status_code == 201
    stored = r.json()
    assert stored["status"] == "added" and stored["id"] == "t1"
    again = empty_client.post("/api/documents", json=body)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    listing = empty_client.get("/api/documents").json()
    assert listing["total"] == 1 and listing["documents"][0]["id"] == "t1"
    record = empty_client.get(stored["url"]).json()
    assert record["document"]["text"] == body["text"]
    assert empty_client.get("/api/documents/t1").status_code == 200
    missing = empty_client.get("/api/documents/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["error"]


def test_claims_full_text_search(client):
    everything = client.get("/api/claims").json()
    assert everything["count"] == 2
    stemmed = client.get("/api/claims", params={"q": "ships shell"}).json()  # shipped … shells
    assert [c["text"] for c in stemmed["claims"]] == [SHELLS]
    assert client.get("/api/claims", params={"q": "SHELLS pyongyang"}).json()["count"] == 1
    assert client.get("/api/claims", params={"q": "submarine"}).json()["count"] == 0
    for syntax in ('"NEAR(a', "shells OR", "*", "a AND NOT b", "\x00"):
        r = client.get("/api/claims", params={"q": syntax})
        assert r.status_code == 200, syntax


def test_contested_claims(client):
    contested = client.get("/api/claims", params={"contested": "true"}).json()["claims"]
    assert [c["text"] for c in contested] == [SHELLS]
    assert contested[0]["contested"] is True
    assert {p["name"] for p in contested[0]["denied_by"]} == {"Kremlin"}


def test_claim_detail_and_404(client):
    claim_id = client.get("/api/claims", params={"q": "artillery"}).json()["claims"][0]["id"]
    detail = client.get(f"/api/claims/{claim_id}").json()
    assert detail["text"] == SHELLS
    assert {q["outlet"] for q in detail["quotes"]} == {"Example News", "Other Wire"}
    assert {o["outlet"] for o in detail["by_outlet"]} == {"Example News", "Other Wire"}
    assert [m["month"] for m in detail["by_month"]] == ["2024-04", "2024-05"]
    assert client.get("/api/claims/999999").status_code == 404
    assert client.get("/api/claims/abc").status_code == 422


def test_events_by_dyad_and_month(client):
    r = client.get("/api/events", params={"dyad": "IRN,RUS", "by": "month"}).json()
    assert r["dyad"] == ["IRN", "RUS"]
    assert [(s["period"], s["events"]) for s in r["series"]] == [("2024-04", 1), ("2024-05", 1)]
    assert r["series"][1]["material_cooperation"] == 1
    both = client.get("/api/events", params={"by": "year"}).json()["series"]
    assert sum(s["events"] for s in both) == 3
    assert client.get("/api/events", params={"dyad": "IRN"}).status_code == 422
    assert client.get("/api/events", params={"by": "fortnight"}).status_code == 422
    assert client.get("/api/events", params={"mode": "imagined"}).status_code == 422


def test_actor(client):
    kremlin = client.get("/api/actors/kremlin").json()
    assert kremlin["name"] == "Kremlin" and kremlin["countries"] == ["RUS"]
    assert kremlin["statements"] == {"deny": 2}
    assert any(c["stance"] == "deny" for c in kremlin["claims"])
    tehran = client.get("/api/actors/Tehran").json()
    assert {e["role"] for e in tehran["events"]} == {"source"}
    assert client.get("/api/actors/Nobody%20Here").status_code == 404


def test_openapi_and_offline_docs(client):
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/analyze",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/claims",
        "/api/claims/{claim_id}",
        "/api/events",
        "/api/actors/{name}",
    ):
        assert path in schema["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/analyze" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text


def test_real_analyzer_through_the_api(stored_corpus, analyzer):
    app = create_app(WebConfig(db_url=stored_corpus), analyzer=lambda: analyzer)
    with TestClient(app) as c:
        text = (
            "Kremlin spokesman Dmitry Peskov denied that Russia had received artillery shells from "
            "North Korea. The U.S. State Department said Pyongyang shipped the shells in March."
        )
        record = c.post("/api/analyze", json={"text": text, "id": "real"}).json()
        assert record["document"]["id"] == "real"
        assert any(a["country"] == "RUS" for a in record["actors"])
        assert any(s["stance"] == "deny" for s in record["statements"])
        empty = c.post("/api/analyze", json={"text": "   "})
        assert empty.status_code == 422 and "no text" in empty.json()["error"]
