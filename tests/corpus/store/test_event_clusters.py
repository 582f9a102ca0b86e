"""Event clusters in the corpus: reports of one real event counted once, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from claimgraph.corpus.store import Corpus
from claimgraph.corpus.store.models import DocumentEvent, EventCluster

from .records import Report, event_record

MEETING = [
    Report(
        "Lavrov met Wang Yi in Beijing on Tuesday to discuss the war in Ukraine and trade.",
        "Lavrov",
        "Wang Yi",
        "met",
        date=("2024-03-05", "day"),
        location="CHN",
    ),
    Report(
        "Russian Foreign Minister Lavrov held talks with Wang Yi in Beijing on Tuesday about Ukraine.",
        "Lavrov",
        "Wang Yi",
        "held talks",
        date=("2024-03-05", "day"),
    ),
    Report(
        "Wang Yi met Lavrov in the Chinese capital, where the two discussed Ukraine and trade.",
        "Wang Yi",
        "Lavrov",
        "met",
        date=("2024-03-06", "document"),
    ),
]
NEXT_WEEK = Report(
    "Lavrov met Wang Yi in Beijing on Tuesday to discuss the war in Ukraine and energy.",
    "Lavrov",
    "Wang Yi",
    "met",
    date=("2024-03-12", "day"),
)
SANCTIONS = Report(
    "Blinken announced new sanctions against Moscow over the war in Ukraine.",
    "Blinken",
    "Moscow",
    "sanctions",
    cameo="163",
    plover="SANCTION",
    goldstein=-8.0,
    quad=4,
    date=("2024-03-05", "day"),
)


@pytest.fixture
def corpus(db_url):
    with Corpus(db_url) as c:
        yield c


def _three_outlets(corpus: Corpus) -> None:
    for n, (outlet, report) in enumerate(zip(("Wire A", "Wire B", "Wire C"), MEETING, strict=True)):
        corpus.add(event_record(f"m{n}", [report], source=outlet, published=f"2024-03-0{5 + (n == 2)}"))


def _membership(corpus: Corpus) -> list[list[tuple[str, str]]]:
    """Each cluster's mentions as sorted (doc id, event id) pairs, clusters sorted: independent of ids."""
    with corpus.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT e.cluster_id, d.doc_id, e.local_id FROM events e "
                "JOIN documents d ON d.id = e.document_pk ORDER BY e.id"
            )
        ).all()
    clusters: dict[int, list[tuple[str, str]]] = {}
    for cluster_id, doc_id, local_id in rows:
        clusters.setdefault(cluster_id, []).append((doc_id, local_id))
    return sorted(sorted(v) for v in clusters.values())


def test_one_event_from_three_outlets_is_one_cluster(corpus):
    _three_outlets(corpus)
    [cluster] = corpus.event_clusters()
    assert (cluster.mentions, cluster.documents, cluster.outlets) == (3, 3, 3)
    assert cluster.outlet_names == ["Wire A", "Wire B", "Wire C"]
    assert (cluster.source_country, cluster.target_country) == ("RUS", "CHN")
    assert (cluster.date_value, cluster.date_precision, cluster.day.isoformat()) == (
        "2024-03-05",
        "day",
        "2024-03-05",
    )
    assert corpus.stats()["event_clusters"] == 1


def test_two_meetings_a_week_apart_are_two_clusters(corpus):
    corpus.add(event_record("m0", [MEETING[0]], source="Wire A"))
    corpus.add(event_record("n0", [NEXT_WEEK], source="Wire B", published="2024-03-12"))
    clusters = corpus.event_clusters()
    assert sorted(c.date_value for c in clusters) == ["2024-03-05", "2024-03-12"]
    # another type on the same day, between other countries, is another event too
    corpus.add(event_record("s0", [SANCTIONS], source="Wire C"))
    assert len(corpus.event_clusters()) == 3


def test_reingest_is_idempotent_and_a_replaced_document_leaves_its_cluster(corpus):
    _three_outlets(corpus)
    before = _membership(corpus)
    for n, (outlet, report) in enumerate(zip(("Wire A", "Wire B", "Wire C"), MEETING, strict=True)):
        record = event_record(f"m{n}", [report], source=outlet, published=f"2024-03-0{5 + (n == 2)}")
        assert corpus.add(record).status == "unchanged"
    assert _membership(corpus) == before
    # a newer analysis of m1 that finds no event: its mention leaves the meeting's cluster
    newer = event_record("m1", [MEETING[1]], source="Wire B", version="0.2.0")
    newer = newer.model_copy(update={"events": []})
    assert corpus.add(newer).status == "replaced"
    [cluster] = corpus.event_clusters()
    assert (cluster.documents, cluster.outlet_names) == (2, ["Wire A", "Wire C"])
    # an analysis that finds it again: the mention rejoins the cluster
    corpus.add(event_record("m1", [MEETING[1]], source="Wire B", version="0.3.0"))
    assert [c.documents for c in corpus.event_clusters()] == [3]
    # the same analysis stored again (--replace): the same clusters
    before = _membership(corpus)
    record = event_record("m1", [MEETING[1]], source="Wire B", version="0.3.0")
    assert corpus.add(record, replace=True).status == "replaced"
    assert _membership(corpus) == before
    # the only mention of a cluster leaves: the empty cluster goes
    corpus.add(event_record("n0", [NEXT_WEEK], source="Wire D", published="2024-03-12"))
    assert corpus.stats()["event_clusters"] == 2
    gone = event_record("n0", [NEXT_WEEK], source="Wire D", published="2024-03-12", version="0.4.0")
    corpus.add(gone.model_copy(update={"events": []}))
    assert corpus.stats()["event_clusters"] == 1
    with corpus.engine.connect() as conn:
        orphans = conn.execute(
            select(func.count())
            .select_from(EventCluster)
            .where(
                ~EventCluster.id.in_(
                    select(DocumentEvent.cluster_id).where(DocumentEvent.cluster_id.is_not(None))
                )
            )
        ).scalar_one()
    assert orphans == 0


def test_a_writer_sees_what_another_replaced(db_url):
    """Two corpus objects (as two processes): one replaces a document, the other clusters after it."""
    with Corpus(db_url) as first, Corpus(db_url) as second:
        first.add(event_record("m0", [MEETING[0]], source="Wire A"))
        first.add(event_record("s0", [SANCTIONS], source="Wire A"))
        second.add(event_record("m0", [MEETING[0]], source="Wire A", version="0.2.0"))  # new event ids
        first.add(event_record("m1", [MEETING[1]], source="Wire B"))
        assert sorted(c.documents for c in first.event_clusters()) == [1, 2]
        with first.engine.connect() as conn:
            stored = set(conn.execute(select(DocumentEvent.id)).scalars())
        # the first writer's index dropped the replaced mention and read the new one
        assert first._events is not None and set(first._events.mention_ids) == stored
        assert first._index is not None


def test_event_counts_by_cluster_or_by_mention(corpus):
    _three_outlets(corpus)
    corpus.add(event_record("s0", [SANCTIONS], source="Wire A"))
    by_cluster = {(r.source, r.target): r for r in corpus.event_counts(by="month")}
    assert by_cluster[("RUS", "CHN")].events == 1
    assert by_cluster[("RUS", "CHN")].mentions == 3
    assert by_cluster[("RUS", "CHN")].goldstein_sum == 1.0
    assert by_cluster[("USA", "RUS")].goldstein_sum == -8.0
    assert by_cluster[("USA", "RUS")].material_conflict == 1
    by_mention = {(r.source, r.target): r for r in corpus.event_counts(by="month", mentions=True)}
    # mentions keep their own dyad: "Wang Yi met Lavrov" is CHN -> RUS
    assert by_mention[("RUS", "CHN")].events == 2
    assert by_mention[("CHN", "RUS")].events == 1
    assert by_mention[("RUS", "CHN")].goldstein_sum == 2.0
    assert [r.events for r in corpus.event_counts(dyad=("CHN", "RUS"), by="year")] == [1]
    assert sum(r.events for r in corpus.event_counts(dyad=("CHN", "RUS"), by="year", mentions=True)) == 3


def test_mode_filter(corpus):
    planned = Report(
        "Blinken will visit Beijing next week for talks.",
        "Blinken",
        "Beijing",
        "visit",
        cameo="042",
        date=("2024-03-12", "day"),
        mode="intended",
    )
    denied = Report(
        "Moscow did not attack Kyiv's power plants, Lavrov said.",
        "Moscow",
        None,
        "attack",
        cameo="190",
        plover="ASSAULT",
        goldstein=-10.0,
        quad=4,
        mode="negated",
        date=("2024-03-05", "document"),
    )
    corpus.add(event_record("a", [MEETING[0], planned, denied]))
    assert sum(r.events for r in corpus.event_counts()) == 1
    assert sum(r.events for r in corpus.event_counts(mode="all")) == 3
    [negated] = corpus.event_counts(mode="negated")
    assert (negated.source, negated.goldstein_sum) == ("RUS", -10.0)
    assert [r.target for r in corpus.event_counts(mode="intended", mentions=True)] == ["CHN"]
    with pytest.raises(Exception, match="unknown event mode"):
        corpus.event_counts(mode="rumoured")


def test_export_event_rows_stand_alone(corpus, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    _three_outlets(corpus)
    corpus.export(tmp_path / "pq", "parquet")
    rows = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    wanted = {
        "source_name",
        "target_name",
        "source_country",
        "target_country",
        "date",
        "date_value",
        "date_precision",
        "mode",
        "location",
        "reported_by",
        "cluster_id",
        "doc_id",
        "outlet",
        "published_date",
    }
    assert wanted <= set(rows[0])
    assert "embedding" not in rows[0]
    first = rows[0]
    assert (first["source_name"], first["source_country"], first["target_name"], first["target_country"]) == (
        "Lavrov",
        "RUS",
        "Wang Yi",
        "CHN",
    )
    assert (first["date"].isoformat(), first["date_precision"], first["mode"], first["location"]) == (
        "2024-03-05",
        "day",
        "asserted",
        "CHN",
    )
    assert len({r["cluster_id"] for r in rows}) == 1 and rows[2]["date"].isoformat() == "2024-03-06"
    [cluster] = pq.read_table(tmp_path / "pq" / "event_clusters.parquet").to_pylist()
    assert (cluster["id"], cluster["documents"], cluster["outlets"]) == (rows[0]["cluster_id"], 3, 3)
    corpus.export(tmp_path / "jl", "jsonl")
    lines = (tmp_path / "jl" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert wanted <= set(events[0]) and events[0]["date"] == "2024-03-05"
    clusters = (tmp_path / "jl" / "event_clusters.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(clusters[0])["outlet_names"] == ["Wire A", "Wire B", "Wire C"]


@pytest.mark.parametrize("stage", ["event_clusters", "events"])
def test_a_document_failing_mid_clustering_leaves_no_cluster(corpus, stage):
    corpus.add(event_record("m0", [MEETING[0]], source="Wire A"))

    def fault(at: str) -> None:
        if at == stage:
            raise RuntimeError("simulated failure while clustering")

    corpus.fault = fault
    failing = [event_record("s0", [SANCTIONS, MEETING[1]], source="Wire B")]
    [error] = list(corpus.add_many(failing))
    assert isinstance(error, Exception) and "s0" in str(error)
    assert (corpus.stats()["event_clusters"], corpus.stats()["events"]) == (1, 1)
    corpus.fault = None
    assert corpus.add(failing[0]).status == "added"
    assert sorted(c.documents for c in corpus.event_clusters()) == [1, 2]


def test_a_writer_that_loads_the_index_weighs_the_stored_sentences_words(db_url):
    """A second writer reads the stored mentions back (sentences included: the word similarity
    needs them) and decides as the first would have."""
    with Corpus(db_url) as first:
        for n in range(2):
            first.add(event_record(f"m{n}", [MEETING[n]], source=f"Wire {n}", published="2024-03-05"))
    with Corpus(db_url) as second:
        second.add(event_record("m2", [MEETING[2]], source="Wire 2", published="2024-03-06"))
        [cluster] = second.event_clusters()
        assert cluster.mentions == 3
        index = second._events
        assert index is not None and all(index.terms)
