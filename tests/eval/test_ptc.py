"""PTC reader and metrics, checked on hand-computed cases."""

from __future__ import annotations

import json

import pytest

from claimgraph.errors import DataError
from claimgraph.eval.ptc import (
    PtcSpan,
    labelled_scores,
    merge_spans,
    read_ptc,
    si_scores,
    split_articles,
    tc_scores,
)


def spans(*items: tuple) -> list[PtcSpan]:
    """(start, end) or (start, end, label) or (article, start, end, label) tuples → spans of article "a"."""
    out = []
    for it in items:
        if len(it) == 2:
            out.append(PtcSpan("a", it[0], it[1]))
        elif len(it) == 3:
            out.append(PtcSpan("a", it[0], it[1], it[2]))
        else:
            out.append(PtcSpan(*it))
    return out


@pytest.mark.parametrize(
    ("given", "merged"),
    [
        ([(5, 8), (0, 3), (2, 4), (8, 9)], [(0, 4), (5, 8), (8, 9)]),  # touching spans stay apart
        ([(0, 10), (2, 3)], [(0, 10)]),
        ([(3, 3), (1, 2)], [(1, 2)]),  # empty spans are dropped
        ([], []),
    ],
)
def test_merge_spans(given, merged):
    assert merge_spans(given) == merged


@pytest.mark.parametrize(
    ("pred", "gold", "p", "r"),
    [
        # half of the prediction is gold, half of the gold is found
        ([(5, 15)], [(0, 10)], 0.5, 0.5),
        # gold spans are merged: (0,10)+(5,20) → (0,20), of which 10 chars are found
        ([(0, 10)], [(0, 10, "A"), (5, 20, "B")], 1.0, 0.5),
        # a prediction with no overlap still counts in the precision's denominator
        ([(0, 5), (20, 30)], [(0, 10)], 0.5, 0.5),
        # one prediction over two gold spans: 8 of its 10 chars are gold; both golds are whole
        ([(0, 10)], [(0, 4), (6, 10)], 0.8, 1.0),
        # overlapping predictions are merged too: (0,6)+(4,10) → (0,10)
        ([(0, 6), (4, 10)], [(0, 10)], 1.0, 1.0),
        ([], [(0, 10)], 0.0, 0.0),
    ],
)
def test_si_partial_credit(pred, gold, p, r):
    s = si_scores(spans(*pred), spans(*gold))
    assert s.precision == pytest.approx(p)
    assert s.recall == pytest.approx(r)
    assert s.f1 == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def test_si_no_credit_across_articles():
    s = si_scores([PtcSpan("a", 0, 10)], [PtcSpan("b", 0, 10)])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert (s.n_pred, s.n_gold) == (1, 1)


def test_si_f1_hand_computed():
    # P = 0.8, R = 1.0 → F1 = 1.6 / 1.8
    s = si_scores(spans((0, 10)), spans((0, 4), (6, 10)))
    assert s.f1 == pytest.approx(1.6 / 1.8)


def test_labelled_scores_per_label_and_micro():
    gold = spans((0, 10, "A"), (0, 10, "B"))
    pred = spans((0, 5, "A"))
    scores = labelled_scores(pred, gold)
    assert scores["A"].precision == pytest.approx(1.0)
    assert scores["A"].recall == pytest.approx(0.5)
    assert scores["B"].precision == 0.0 and scores["B"].recall == 0.0
    # micro: precision credit 1 over 1 prediction; recall credit 0.5 + 0 over 2 gold spans
    assert scores["micro"].precision == pytest.approx(1.0)
    assert scores["micro"].recall == pytest.approx(0.25)
    assert scores["micro"].f1 == pytest.approx(0.4)


def test_labelled_scores_need_the_right_label():
    gold = spans((0, 10, "A"), (20, 30, "B"))
    pred = spans((20, 30, "A"), (0, 10, "B"))
    assert labelled_scores(pred, gold)["micro"].f1 == 0.0
    assert si_scores(pred, gold).f1 == pytest.approx(1.0)


def test_tc_multiset_matching():
    gold = spans((0, 10, "A"), (0, 10, "B"), (20, 30, "C"))
    assert tc_scores(gold, ["B", "A", "C"])["micro"].f1 == pytest.approx(1.0)
    s = tc_scores(gold, ["A", "A", "C"])
    assert s["micro"].f1 == pytest.approx(2 / 3)
    assert s["A"].precision == pytest.approx(0.5) and s["A"].recall == pytest.approx(1.0)
    assert s["B"].recall == 0.0
    with pytest.raises(ValueError):
        tc_scores(gold, ["A"])


def test_split_articles_is_fixed_and_by_article():
    ids = [f"{i:03d}" for i in range(10)]
    train, held = split_articles(reversed(ids))
    assert held == ["000", "005"]
    assert not set(train) & set(held) and len(train) == 8
    assert split_articles(ids, k=5, fold=1)[1] == ["001", "006"]


def test_read_ptc(tmp_path):
    (tmp_path / "train-articles").mkdir()
    (tmp_path / "train-articles" / "article42.txt").write_text("Title\n\nEnd of story.\n", encoding="utf-8")
    tc = tmp_path / "train-labels-task2-technique-classification"
    tc.mkdir()
    (tc / "article42.task2-TC.labels").write_text(
        "42\tThought-terminating_Cliches\t7\t19\n42\tLoaded_Language\t0\t5\n", encoding="utf-8"
    )
    [article] = read_ptc(tmp_path)
    assert article.id == "42"
    assert [(s.label, article.text[s.start : s.end]) for s in article.spans] == [
        ("Loaded_Language", "Title"),
        ("Thought-terminating_Cliches", "End of story"),
    ]


def test_read_ptc_rejects_bad_offsets(tmp_path):
    (tmp_path / "train-articles").mkdir()
    (tmp_path / "train-articles" / "article1.txt").write_text("short", encoding="utf-8")
    si = tmp_path / "train-labels-task1-span-identification"
    si.mkdir()
    (si / "article1.task1-SI.labels").write_text("1\t0\t99\n", encoding="utf-8")
    with pytest.raises(DataError, match="outside the article"):
        read_ptc(tmp_path)


def test_read_ptc_empty_folder(tmp_path):
    with pytest.raises(DataError, match="no PTC articles"):
        read_ptc(tmp_path)


@pytest.mark.data
def test_shared_ptc_offsets(shared_data):
    articles = read_ptc(shared_data / "ptc")
    assert len(articles) == 371
    n = sum(len(a.spans) for a in articles)
    assert n == 6129
    for a in articles[:50]:
        for s in a.spans:
            assert a.text[s.start : s.end].strip()


def test_eval_ptc_command(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from claimgraph.cli import app

    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(tmp_path / "cache"))
    (tmp_path / "dev-articles").mkdir()
    text = "Outrageous lies\n\nThe corrupt regime spreads outrageous lies. End of story.\n"
    (tmp_path / "dev-articles" / "article999000001.txt").write_text(text, encoding="utf-8")
    labels = tmp_path / "dev-labels-task2-technique-classification"
    labels.mkdir()
    start = text.index("outrageous lies")
    (labels / "article999000001.task2-TC.labels").write_text(
        f"999000001\tLoaded_Language\t{start}\t{start + 15}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["eval", "ptc", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout[result.stdout.index("{") :])
    assert scores["articles"] == 1
    assert scores["tc"]["micro"]["n_gold"] == 1
    assert 0.0 <= scores["si"]["f1"] <= 1.0
