"""The corpus store: idempotent ingest, re-analysis, queries and exports, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from claimgraph.corpus.store import Corpus

from .records import Said, make_record

SHELLS = Said(
    "White House",
    "Pyongyang shipped artillery shells to Moscow",
    event=("Pyongyang", "Moscow", "070", 7.0, 2),
)
SHELLS_DENIED = Said("Kremlin", "Pyongyang shipped no artillery shells to Moscow", "deny")
DRONES = Said("Seoul", "Tehran delivered attack drones to Moscow", event=("Tehran", "Moscow", "070", 7.0, 2))


@pytest.fixture
def corpus(db_url):
    with Corpus(db_url) as c:
        yield c


def test_same_document_twice_is_stored_once(corpus):
    record = make_record("a1", [SHELLS, SHELLS_DENIED])
    first = corpus.add(record)
    second = corpus.add(record)
    assert (first.status, second.status) == ("added", "unchanged")
    assert second.document_pk == first.document_pk
    stats = corpus.stats()
    assert stats["documents"] == 1
    assert stats["statements"] == 2
    assert stats["claim_members"] == 2


def test_newer_analysis_replaces_the_document_cleanly(corpus):
    corpus.add(make_record("a1", [SHELLS, SHELLS_DENIED], version="0.1.0"))
    newer = make_record("a1", [SHELLS, SHELLS_DENIED], version="0.2.0")
    newer = newer.model_copy(update={"statements": newer.statements[:1]})
    result = corpus.add(newer)
    assert result.status == "replaced"
    stats = corpus.stats()
    assert stats["documents"] == 1
    assert stats["statements"] == 1
    assert stats["claim_members"] == 1
    assert stats["corpus_claims"] == 1  # the orphaned claim went with its only member
    assert corpus.record(result.content_hash).generator["claimgraph"] == "0.2.0"
    # an older analysis does not overwrite a newer one
    assert corpus.add(make_record("a1", [SHELLS, SHELLS_DENIED], version="0.1.0")).status == "unchanged"


def test_claims_join_across_documents_with_both_sides(corpus):
    corpus.add(make_record("a1", [SHELLS], source="Wire A", published="2024-03-05"))
    corpus.add(make_record("b1", [SHELLS_DENIED], source="Wire B", published="2024-03-20"))
    corpus.add(make_record("c1", [DRONES], source="Wire C", published="2024-03-21"))
    claims = corpus.claims(search="shells")
    assert len(claims) == 1
    claim = claims[0]
    assert claim.documents == ["a1", "b1"]
    assert claim.outlets == ["Wire A", "Wire B"]
    assert claim.asserted_by == [{"name": "White House", "country": "USA"}]
    assert claim.denied_by == [{"name": "Kremlin", "country": "RUS"}]
    assert (claim.first_seen, claim.last_seen) == ("2024-03-05", "2024-03-20")
    assert claim.contested
    assert len(corpus.claims()) == 2
    assert corpus.claims(search="no such words") == []


def test_the_same_words_months_later_are_another_story(corpus):
    corpus.add(make_record("a1", [SHELLS], source="Wire A", published="2024-03-05"))
    corpus.add(make_record("b1", [SHELLS_DENIED], source="Wire B", published="2024-09-20"))
    assert [c.documents for c in corpus.claims(search="shells")] == [["a1"], ["b1"]]


def test_claims_prefer_document_claims_over_their_statements(corpus):
    record = make_record(
        "a1", [SHELLS, SHELLS_DENIED], claim_text="North Korea shipped artillery shells to Russia"
    )
    corpus.add(record)
    [claim] = corpus.claims()
    assert claim.text == "North Korea shipped artillery shells to Russia"
    assert claim.statements == 1
    assert claim.denied_by == [{"name": "Kremlin", "country": "RUS"}]


def test_event_counts_by_period_and_dyad(corpus):
    corpus.add(make_record("a1", [SHELLS], published="2024-03-05"))
    corpus.add(make_record("a2", [SHELLS, DRONES], published="2024-03-28"))
    corpus.add(make_record("a3", [DRONES], published="2024-04-02"))
    corpus.add(make_record("a4", [DRONES], published=None))
    corpus.add(make_record("a5", [DRONES], published="2024-04-03", negated_event=True))
    rows = corpus.event_counts(dyad=("IRN", "RUS"), by="month", mentions=True)
    assert [(r.period, r.source, r.target, r.events, r.goldstein_sum) for r in rows] == [
        (None, "IRN", "RUS", 1, 7.0),
        ("2024-03", "IRN", "RUS", 1, 7.0),
        ("2024-04", "IRN", "RUS", 1, 7.0),
    ]
    assert rows[1].material_cooperation == 1
    assert corpus.event_counts(dyad=("RUS", "IRN"), directed=True) == []
    by_year = corpus.event_counts(by="year", mentions=True)
    assert {(r.period, r.source, r.events) for r in by_year} == {
        (None, "IRN", 1),
        ("2024", "PRK", 2),
        ("2024", "IRN", 2),
    }
    assert corpus.event_counts(dyad=("PRK", "RUS"), by="week", mentions=True)[0].period == "2024-W10"
    # each real event once: the drones of a2 and a3 (no date in the text: the three days before
    # publications five days apart) are one event; a4 (undated) joins by its identical sentence
    clustered = corpus.event_counts(dyad=("IRN", "RUS"), by="month")
    assert [(r.period, r.events, r.mentions) for r in clustered] == [("2024-03", 1, 3)]


def test_export_parquet_and_jsonl(corpus, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    corpus.add(make_record("a1", [SHELLS, SHELLS_DENIED]))
    corpus.add(make_record("b1", [DRONES]))
    files = corpus.export(tmp_path / "pq", "parquet")
    names = {p.name for p in files}
    assert {"documents.parquet", "events.parquet", "corpus_claims.parquet", "claim_members.parquet"} <= names
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet").to_pylist()
    assert sorted(d["doc_id"] for d in docs) == ["a1", "b1"]
    claims = pq.read_table(tmp_path / "pq" / "corpus_claims.parquet").to_pylist()
    assert any(c["denied_by"] == [{"name": "Kremlin", "country": "RUS"}] for c in claims)
    files = corpus.export(tmp_path / "jl", "jsonl")
    records = [json.loads(line) for line in (tmp_path / "jl" / "records.jsonl").read_text().splitlines()]
    assert [r["document"]["id"] for r in records] == ["a1", "b1"]
    events = [json.loads(line) for line in (tmp_path / "jl" / "events.jsonl").read_text().splitlines()]
    assert {e["source_country"] for e in events} == {"PRK", "IRN"}
    assert not list((tmp_path / "jl").glob(".*.tmp"))


def test_vague_statements_never_join_or_attract_claims(corpus):
    corpus.add(make_record("a1", [Said("Kremlin", "it is not true", "deny")]))
    corpus.add(make_record("b1", [Said("Seoul", "it is not true", "deny")]))
    assert corpus.stats()["corpus_claims"] == 2
    assert all(len(c.documents) == 1 for c in corpus.claims())


def test_contested_claims_carry_each_sides_quote_per_outlet(corpus):
    corpus.add(make_record("a1", [SHELLS], source="Wire A", published="2024-03-05"))
    corpus.add(make_record("b1", [SHELLS_DENIED], source="Wire B", published="2024-03-06"))
    corpus.add(make_record("c1", [DRONES], source="Wire C", published="2024-03-06"))
    [claim] = corpus.contested()
    assert (claim.asserted_by, claim.denied_by) == (["White House"], ["Kremlin"])
    assert sorted(claim.sides) == ["Wire A", "Wire B"]
    [denial] = claim.sides["Wire B"]
    assert denial["quote"] == SHELLS_DENIED.content and denial["stance"] == "deny"
    assert corpus.contested(search="drones") == []
