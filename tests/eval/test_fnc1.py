"""The FNC-1 score, per-class F1 and the held-out split by body."""

from __future__ import annotations

import pytest

from claimgraph.eval.fnc1 import fnc_score, load, score_labels, split_bodies


def test_weighted_score_by_hand():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    # agree right: 0.25 + 0.75; disagree→discuss: 0.25; discuss→unrelated: 0; unrelated right: 0.25; wrong: 0
    assert fnc_score(gold, pred) == (1.5, 3.5)  # maximum: 1 + 1 + 1 + 0.25 + 0.25
    scores = score_labels(gold, pred)
    assert scores.relative == pytest.approx(1.5 / 3.5)
    assert scores.f1["agree"] == pytest.approx(2 / 3)  # tp 1, fp 1, fn 0
    assert scores.f1["disagree"] == 0.0
    assert scores.f1["unrelated"] == pytest.approx(0.5)  # tp 1, fp 1, fn 1
    assert scores.confusion["discuss"]["unrelated"] == 1


def test_majority_baseline_is_about_0_39_when_three_quarters_unrelated():
    gold = ["unrelated"] * 73 + ["discuss"] * 18 + ["agree"] * 7 + ["disagree"] * 2
    scores = score_labels(gold, ["unrelated"] * 100)
    assert scores.relative == pytest.approx(18.25 / 45.25)


def test_split_by_body_is_fixed_and_disjoint():
    ids = [str(i) for i in range(100)] * 3
    held = split_bodies(ids)
    assert len(held) == 20
    assert held == split_bodies(list(reversed(ids)))


@pytest.mark.data
def test_fnc1_train_split_loads(shared_data):
    data = load(shared_data / "fnc1")
    assert len(data.headlines) == 49972
    assert set(data.labels) == {"agree", "disagree", "discuss", "unrelated"}
