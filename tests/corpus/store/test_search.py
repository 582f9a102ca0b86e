"""Full-text claim search and the browsing queries, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

from claimgraph.corpus.store import Corpus
from claimgraph.corpus.store.browse import actor_detail, claim_detail, document_list, outlet_detail
from claimgraph.corpus.store.search import search_claim_ids

from .records import Said, make_record

SHELLS = "Pyongyang shipped artillery shells to Moscow"


def _corpus(url: str) -> Corpus:
    corpus = Corpus(url)
    corpus.add(
        make_record(
            "a", [Said("Kremlin", SHELLS, "deny"), Said("White House", SHELLS, "assert")], claim_text=SHELLS
        )
    )
    corpus.add(
        make_record("b", [Said("Beijing", "Seoul imposed sanctions on Tehran", "assert")], source="Wire")
    )
    return corpus


def test_search_is_stemmed_ranked_and_literal(db_url):
    with _corpus(db_url) as corpus:
        shells = search_claim_ids(corpus.engine, "ships shell")
        assert shells == [c.id for c in corpus.claims() if c.text == SHELLS]
        assert search_claim_ids(corpus.engine, "sanction") != shells
        assert search_claim_ids(corpus.engine, "submarine") == []
        for syntax in ('"NEAR(a', "shells OR", "*", "-", "\x00", "a:b", "'); DROP TABLE x; --"):
            assert isinstance(search_claim_ids(corpus.engine, syntax), list)
        # a new document is found without rebuilding anything by hand
        corpus.add(make_record("c", [Said("Lavrov", "Moscow received drones from Tehran", "assert")]))
        assert len(search_claim_ids(corpus.engine, "drones")) == 1


def test_browsing_queries(db_url):
    with _corpus(db_url) as corpus:
        docs = document_list(corpus.engine)
        assert docs["total"] == 2 and {d["id"] for d in docs["documents"]} == {"a", "b"}
        claim_id = search_claim_ids(corpus.engine, "artillery")[0]
        detail = claim_detail(corpus.engine, claim_id)
        assert detail is not None and detail["contested"] is True and len(detail["quotes"]) >= 1
        assert claim_detail(corpus.engine, 10**6) is None
        kremlin = actor_detail(corpus.engine, "KREMLIN")
        assert kremlin is not None and kremlin["statements"] == {"deny": 1}
        assert actor_detail(corpus.engine, "nobody") is None
        wire = outlet_detail(corpus.engine, "Wire")
        assert wire is not None and wire["documents"] == 1 and len(wire["techniques"]) == 14
        from claimgraph.corpus.store.profiles import technique_profiles

        (listed,) = [p.to_dict() for p in technique_profiles(corpus.engine) if p.name == "Wire"]
        assert wire["words"] == listed["words"]  # the page and `claimgraph techniques` agree
        assert (wire["author"], wire["speakers"]) == (listed["author"], listed["speakers"])
        assert sum(t["spans"] for t in wire["techniques"]) == listed["techniques"]
        assert outlet_detail(corpus.engine, "Nowhere") is None
