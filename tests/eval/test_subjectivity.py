"""CheckThat! subjectivity scoring: the metric, the reader, and the benchmark on dev."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import DataError
from claimgraph.eval.subjectivity import binary_scores, load_subjectivity, score_subjectivity


def test_binary_scores_by_hand() -> None:
    # gold: S S S O O ; pred: S S O S O
    gold = [True, True, True, False, False]
    pred = [True, True, False, True, False]
    s = binary_scores(gold, pred)
    # SUBJ: tp 2, fp 1, fn 1 -> P 2/3 R 2/3 F1 2/3 ; OBJ: tp 1, fp 1, fn 1 -> 1/2
    assert s["SUBJ_f1"] == pytest.approx(2 / 3)
    assert s["OBJ_precision"] == pytest.approx(0.5)
    assert s["OBJ_f1"] == pytest.approx(0.5)
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0.5) / 2)
    assert s["accuracy"] == pytest.approx(3 / 5)


def test_binary_scores_with_no_predicted_subj() -> None:
    s = binary_scores([True, False], [False, False])
    assert s["SUBJ_f1"] == 0.0
    assert s["OBJ_f1"] == pytest.approx(2 / 3)


def test_reader_undoes_csv_quoting(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text(
        'sentence_id\tsentence\tlabel\na\t"""I was just drowning."""\tOBJ\nb\tThis is absurd.\tSUBJ\n',
        encoding="utf-8",
    )
    items = load_subjectivity(path)
    assert [i.text for i in items] == ['"I was just drowning."', "This is absurd."]
    assert [i.label for i in items] == ["OBJ", "SUBJ"]


def test_reader_rejects_bad_labels(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("sentence_id\tsentence\tlabel\na\tText.\tMAYBE\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_subjectivity(path)


def test_score_on_a_few_sentences(nlp) -> None:
    from claimgraph.eval.subjectivity import SubjectivityItem

    items = [
        SubjectivityItem("1", "The accusations are false.", "SUBJ"),
        SubjectivityItem("2", "The ministry published the trade figures on Tuesday.", "OBJ"),
    ]
    result = score_subjectivity(nlp, items, cache=False)
    assert result.n == 2
    assert result.parse_seconds is not None
    assert 0.0 <= result.scores["macro_f1"] <= 1.0


@pytest.mark.slow
@pytest.mark.data
def test_dev_macro_f1(nlp, shared_data) -> None:
    items = load_subjectivity(shared_data / "subjectivity" / "dev_en.tsv")
    result = score_subjectivity(nlp, items, cache_key="subjectivity-dev_en")
    assert result.scores["macro_f1"] >= 0.65
