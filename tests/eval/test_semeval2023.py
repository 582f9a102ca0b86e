"""The SemEval-2023 paragraph reader and scorer (on a tiny hand-made folder)."""

from __future__ import annotations

import pytest

from claimgraph.errors import DataError
from claimgraph.eval.semeval2023 import article_folds, micro_f1, paragraph_pairs, read_semeval


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "articles").mkdir()
    text = "A title\n\nFirst paragraph, quite loaded.\nSecond one."
    (tmp_path / "articles" / "article7.txt").write_text(text, encoding="utf-8")
    rows = ["7\t1\t", "7\t3\tLoaded_Language,Appeal_to_Values,Straw_Man", "7\t4\tFlag_Waving"]
    (tmp_path / "paragraph-labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def test_read_maps_labels_and_lines(folder):
    [art] = read_semeval(folder)
    assert art.id == "7"
    assert art.labels == {
        1: set(),
        3: {"Loaded_Language", "Whataboutism,Straw_Men,Red_Herring"},  # Appeal_to_Values has no PTC label
        4: {"Flag-Waving"},
    }
    a, b = art.lines[3]
    assert art.text[a:b] == "First paragraph, quite loaded."
    assert art.gold() == {
        ("7", 3, "Loaded_Language"),
        ("7", 3, "Whataboutism,Straw_Men,Red_Herring"),
        ("7", 4, "Flag-Waving"),
    }


def test_spans_overlapping_paragraphs_and_micro_f1(folder):
    [art] = read_semeval(folder)
    loaded = art.text.index("loaded")
    # one span inside line 3, one across lines 3 and 4
    pred = paragraph_pairs(art, [("Loaded_Language", loaded, loaded + 6), ("Doubt", loaded, len(art.text))])
    assert pred == {("7", 3, "Loaded_Language"), ("7", 3, "Doubt"), ("7", 4, "Doubt")}
    p, r, f1 = micro_f1(pred, art.gold())
    assert (p, r) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert f1 == pytest.approx(1 / 3)
    assert micro_f1(set(), art.gold()) == (0.0, 0.0, 0.0)


def test_folds_and_missing_folder(tmp_path):
    assert article_folds([object()] * 7, k=5) == [0, 1, 2, 3, 4, 0, 1]  # type: ignore[list-item]
    with pytest.raises(DataError):
        read_semeval(tmp_path)
