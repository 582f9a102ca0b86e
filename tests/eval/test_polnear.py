"""PolNeAR reader and scorer: brat parsing, fragment trimming, the three measures."""

from __future__ import annotations

import pytest

from claimgraph.eval.polnear import Attribution, load_split, read_ann, score

TEXT = 'Officials said "the talks failed," he added. Moscow denied it.'
ANN = (
    "T1\tSource 0 9\tOfficials\n"
    "T2\tCue 10 14\tsaid\n"
    'T3\tContent 15 33;45 50\t"the talks failed," Mosco\n'
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "#1\tAnnotatorNotes T3\ta note\n"
    "a stray continuation line of a multi-line span\n"
    "E2\tAttribution-no-source:T9 \n"
)


def test_read_ann_fragments(tmp_path):
    path = tmp_path / "x.ann"
    path.write_text(ANN, encoding="utf-8")
    atts = read_ann(path)
    assert len(atts) == 1
    assert atts[0].source == [(0, 9)]
    assert atts[0].content == [(15, 33), (45, 50)]


def _article(tmp_path):
    root = tmp_path / "data"
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\ndev\tdoc1\t1\tab12|cd34\n", encoding="utf-8"
    )
    (root / "dev" / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "doc1_ab12.ann").write_text(ANN, encoding="utf-8")
    (root / "dev" / "attributions" / "doc1_cd34.ann").write_text("", encoding="utf-8")
    return root


def test_load_split_uses_first_annotator(tmp_path):
    arts = load_split(_article(tmp_path), "dev")
    assert [a.annotator for a in arts] == ["ab12"]
    assert len(arts[0].attributions) == 1


def test_scores_exact_overlap_and_attribution(tmp_path):
    art = load_split(_article(tmp_path), "dev")[0]
    perfect = score([art], [art.attributions]).as_dict()
    assert perfect["exact"]["content"]["f1"] == 1.0
    assert perfect["attribution"]["f1"] == 1.0
    # quote marks and commas are trimmed before exact matching; a short cue overlaps only
    pred = Attribution(source=[(0, 9)], cue=[(10, 13)], content=[(14, 34)])
    got = score([art], [[pred]]).as_dict()
    assert got["exact"]["source"]["f1"] == 1.0
    assert got["exact"]["cue"]["f1"] == 0.0
    assert got["overlap"]["cue"]["f1"] == 1.0
    assert got["exact"]["content"]["recall"] == 0.5  # one of two fragments
    assert got["attribution"]["f1"] == 1.0  # 16 of 21 characters: over half the union


def test_score_needs_one_list_per_article(tmp_path):
    art = load_split(_article(tmp_path), "dev")[0]
    with pytest.raises(ValueError):
        score([art], [])


@pytest.mark.data
def test_dev_split_reads_and_self_scores(shared_data):
    arts = load_split(shared_data / "polnear" / "data", "dev")
    assert len(arts) == 84
    for art in arts[:10]:
        for att in art.attributions:
            for s, e in att.content + att.cue + att.source:
                assert 0 <= s < e <= len(art.text)
    got = score(arts, [a.attributions for a in arts]).as_dict()
    assert got["exact"]["content"]["f1"] == 1.0


@pytest.mark.data
def test_eval_command_on_three_articles(shared_data):
    from claimgraph.eval.polnear import evaluate

    result = evaluate(shared_data / "polnear" / "data", "dev", limit=3)
    assert result["articles"] == 3
    assert result["attribution"]["f1"] > 0.3
