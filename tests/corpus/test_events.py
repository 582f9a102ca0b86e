"""Event clusters: the rule two mentions share a cluster by, and the in-memory index."""

from __future__ import annotations

import datetime as dt

import numpy as np

from claimgraph.corpus.events import (
    DEFAULT_CLUSTER_PARAMS,
    ClusterParams,
    EventIndex,
    EventMention,
    TermWeights,
    centring_size,
    cluster_mentions,
    compatible,
    date_range,
    resolved_date,
    sentence_terms,
)
from claimgraph.record import DocumentInfo, Event, Record, Span


def _m(**kw) -> EventMention:
    base = {
        "root": "04",
        "plover": "CONSULT",
        "mode": "asserted",
        "source": "RUS",
        "target": "CHN",
        "date_value": "2024-03-05",
        "date_precision": "day",
        "text": "",
    }
    return EventMention(**{**base, **kw})


def _day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def test_date_ranges():
    assert date_range("2024-03-05", "day", "asserted") == (_day("2024-03-05"),) * 2
    assert date_range("2024-02", "month", "asserted") == (_day("2024-02-01"), _day("2024-02-29"))
    assert date_range("2024", "year", "asserted") == (_day("2024-01-01"), _day("2024-12-31"))
    # a document date: the days before publication (after it for a plan)
    assert date_range("2024-03-05", "document", "asserted") == (_day("2024-03-02"), _day("2024-03-05"))
    assert date_range("2024-03-05", "document", "intended") == (_day("2024-03-05"), _day("2024-03-08"))
    assert date_range(None, None, "asserted") is None
    assert date_range("March", "month", "asserted") is None


def test_type_mode_dyad_and_date_rules():
    a = _m()
    assert compatible(a, _m(date_value="2024-03-08"))
    assert not compatible(a, _m(date_value="2024-03-12"))  # a week later: another meeting
    assert compatible(a, _m(date_value="2024-03", date_precision="month"))
    assert compatible(a, _m(date_value="2024-03-07", date_precision="document"))
    assert compatible(a, _m(root="03"))  # same PLOVER type, another root
    assert not compatible(a, _m(plover="SANCTION", root="16"))
    assert compatible(_m(plover=None), _m(plover=None, root="04")) and not compatible(
        _m(plover=None), _m(plover=None, root="05")
    )
    assert compatible(a, _m(target=None)) and compatible(a, _m(source=None, target=None))
    assert not compatible(a, _m(target="USA"))
    assert compatible(a, _m(source="CHN", target="RUS"))  # "Wang met Lavrov": a meeting is mutual
    assert not compatible(
        _m(root="19", plover="ASSAULT"), _m(root="19", plover="ASSAULT", source="CHN", target="RUS")
    )
    assert compatible(a, _m(mode="intended"))  # a plan and its report
    assert not compatible(a, _m(mode="negated")) and not compatible(a, _m(mode="hypothetical"))
    assert compatible(_m(mode="negated"), _m(mode="negated"))
    assert compatible(a, _m(date_value=None, date_precision=None))  # the text decides, more strictly


def test_clustering_in_order_with_the_undated_threshold():
    rng = np.random.default_rng(0)
    base = rng.normal(size=16).astype(np.float32)
    near = base + 0.2 * rng.normal(size=16).astype(np.float32)
    far = rng.normal(size=16).astype(np.float32)
    vectors = np.vstack([base, near, far, near])
    mentions = [_m(), _m(), _m(), _m(date_value="2024-03-12")]
    assert cluster_mentions(mentions, vectors, mean=np.zeros(16, np.float32)) == [0, 0, 1, 2]
    cos = float(base @ near / np.linalg.norm(base) / np.linalg.norm(near))
    similarity = cos / 2  # no words: the mean of the embedding cosine and a word cosine of 0
    undated = [_m(), _m(date_value=None, date_precision=None)]
    strict = ClusterParams(undated_margin=similarity - DEFAULT_CLUSTER_PARAMS.threshold + 0.01)
    lenient = ClusterParams(undated_margin=similarity - DEFAULT_CLUSTER_PARAMS.threshold - 0.01)
    zero = np.zeros(16, np.float32)
    assert cluster_mentions(undated, vectors[:2], strict, mean=zero) == [0, 1]
    assert cluster_mentions(undated, vectors[:2], lenient, mean=zero) == [0, 0]


def test_complete_link_on_dates():
    """A cluster never spans more than the window: a mention compatible with one member only founds."""
    v = np.ones((3, 4), np.float32)
    dates = ["2024-03-05", "2024-03-08", "2024-03-11"]
    mentions = [_m(date_value=d) for d in dates]
    assert cluster_mentions(mentions, v, mean=np.zeros(4, np.float32)) == [0, 0, 1]


def test_centring_is_the_same_whatever_the_history():
    rng = np.random.default_rng(1)
    rows = rng.normal(size=(300, 8)).astype(np.float32)
    grown, loaded = EventIndex(), EventIndex()
    for n, row in enumerate(rows):
        grown.add(n, n, _m(), row)
        grown.recentre()
    for n, row in enumerate(rows):
        loaded.add(n, n, _m(), row)
    loaded.recentre()
    assert grown.mean is not None and loaded.mean is not None
    assert np.allclose(grown.mean, loaded.mean)
    assert centring_size(300) <= 300 < int(centring_size(300) * 1.1) + 2
    grown.remove({5, 6})
    fresh = EventIndex()
    for n, row in enumerate(rows):
        if n not in (5, 6):
            fresh.add(n, n, _m(), row)
    fresh.recentre()
    assert np.allclose(grown.mean, fresh.mean) and grown.members == fresh.members


def test_relabel_replaces_provisional_ids():
    index = EventIndex()
    v = np.ones(4, np.float32)
    index.add(7, 3, _m(), v)
    index.add(-1, -1, _m(), v)
    index.add(-2, 3, _m(), v)
    index.relabel({-1: 9}, {-1: 8, -2: 10})
    assert index.mention_ids == [7, 8, 10]
    assert index.cluster_ids == [3, 9, 3]
    assert index.members == {3: [0, 2], 9: [1]}


def test_resolved_date_falls_back_on_publication():
    text = "Lavrov met Wang Yi."
    ev = Event(
        id="E1", cameo="040", root="04", trigger=Span.of(text, 7, 10), sentence=Span.of(text, 0, len(text))
    )
    record = Record(document=DocumentInfo(id="d", text=text, published="2024-03-05T10:00:00Z"), events=[ev])
    assert resolved_date(record, ev) == ("2024-03-05", "document")
    undated = record.model_copy(update={"document": DocumentInfo(id="d", text=text)})
    assert resolved_date(undated, ev) == (None, None)


def test_default_thresholds_are_similarities():
    assert 0.0 < DEFAULT_CLUSTER_PARAMS.threshold < 1.0
    assert 0.0 <= DEFAULT_CLUSTER_PARAMS.undated_margin < 1.0 - DEFAULT_CLUSTER_PARAMS.threshold


def test_same_root_or_same_plover_type():
    """Either coding agreeing is enough: one attack coded a siege (191, COERCE) by one outlet
    and an attack (190, ASSAULT) by another; a beheading (1823) and a killing (190) are ASSAULT."""
    siege, attack = _m(root="19", plover="COERCE"), _m(root="19", plover="ASSAULT")
    assert compatible(siege, attack)
    assert compatible(_m(root="18", plover="ASSAULT"), attack)
    assert not compatible(_m(root="17", plover="COERCE"), attack)  # neither agrees
    assert not compatible(_m(root="17", plover=None), attack)


def test_word_weights_favour_rare_shared_words():
    background = [
        "Officials said the video was released on Tuesday.",
        "The group released a video on Sunday.",
        "The militants said they would release another video.",
        "Officials said the group killed the hostage.",
    ]
    a = sentence_terms("Militants released a video of the killing of aid worker Tomas Varga.")
    b = sentence_terms("The video shows the killing of aid worker Tomas Varga.")
    c = sentence_terms("The video shows the killing of the journalist Lena Ostrova.")
    weights = TermWeights.of([*map(sentence_terms, background), a, b, c])
    assert weights.cosine(a, b) > 0.5 > weights.cosine(b, c) > 0.0
    assert weights.weight("varga") > weights.weight("video")
    assert weights.cosine(a, frozenset()) == 0.0
    assert sentence_terms("U.S. strikes, 300 soldiers") == {"u", "s", "strikes", "300", "soldiers"}


def test_shared_rare_words_join_reports_of_one_occasion():
    """Same type, dyad and date range, embeddings equally far apart: the words say which two
    report one beheading and which tells of another hostage's."""
    texts = [
        "Militants beheaded the aid worker Tomas Varga in a video released on Sunday.",
        "A video shows the beheading of aid worker Tomas Varga, officials said.",
        "The militants have beheaded the journalist Lena Ostrova, her family said.",
    ]
    mentions = [_m(root="18", plover="ASSAULT", date_precision="document", text=t) for t in texts]
    vectors = np.eye(3, dtype=np.float32) + 0.1  # pairwise cosines 0.19: the embedding alone joins none
    zero = np.zeros(3, np.float32)
    background = [
        "Officials said the video was released on Sunday.",
        "The group said it killed the hostage.",
        "The militants said the journalist was held in the town.",
    ]
    weights = TermWeights.of(sentence_terms(t) for t in [*texts, *background])
    assert cluster_mentions(mentions, vectors, mean=zero, weights=weights) == [0, 0, 1]


def test_average_link_does_not_chain():
    """c is near b and b near a, but c is far from a: c does not join a's cluster through b."""
    a, b, c = [1.0, 0.0, 0.0], [0.7071, 0.7071, 0.0], [0.0, 1.0, 0.0]
    vectors = np.array([a, b, c], np.float32)
    told = _m(date_precision="document")  # a stated day would lower the threshold (below)
    assert cluster_mentions([told] * 3, vectors, mean=np.zeros(3, np.float32)) == [0, 0, 1]


def test_an_event_side_country_prefers_the_events_own() -> None:
    from claimgraph.corpus.events import side_country
    from claimgraph.record import Actor

    text = "Islamic State fighters attacked Iraqi soldiers in Mosul."
    group = Actor(
        id="A1", name="Islamic State", kind="organisation", code="IMGMUSISI", mentions=[Span.of(text, 0, 13)]
    )
    iraq = Actor(id="A2", name="Iraq", kind="state", country="IRQ", mentions=[Span.of(text, 31, 36)])
    ev = Event(
        id="E1",
        source="A1",
        target="A2",
        cameo="190",
        root="19",
        trigger=Span.of(text, 23, 31),
        sentence=Span.of(text, 0, len(text)),
    )
    record = Record(document=DocumentInfo(id="d", text=text), actors=[group, iraq], events=[ev])
    assert (side_country(record, ev, "source"), side_country(record, ev, "target")) == ("IMG", "IRQ")
    placed = ev.model_copy(update={"source_country": "IRQ", "target_country": "IRQ"})
    assert side_country(record, placed, "source") == "IRQ"


def test_a_day_both_texts_state_lowers_the_text_threshold():
    """Same type, dyad and stated day: the wording need only be more alike than unrelated."""
    zero = np.zeros(2, np.float32)
    vectors = np.array([[1.0, 0.0], [0.2, 0.98]], np.float32)  # cosine 0.2, under the threshold
    stated = [_m(), _m(date_value="2024-03-06")]
    assert cluster_mentions(stated, vectors, mean=zero) == [0, 0]
    told = [_m(date_precision="document"), _m(date_value="2024-03-06", date_precision="document")]
    assert cluster_mentions(told, vectors, mean=zero) == [0, 1]  # publication dates say less
    opposite = np.array([[1.0, 0.0], [-0.2, 0.98]], np.float32)
    assert cluster_mentions(stated, opposite, mean=zero) == [0, 1]
