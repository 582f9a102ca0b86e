"""The stance benchmark's scorer: matching by content overlap, per-class figures, non-statements."""

from __future__ import annotations

from claimgraph.eval.stances import GoldStatement, StanceArticle, best_match, score
from claimgraph.record import DocumentInfo, Record, Span, Statement

TEXT = "Moscow denied that it sent troops. Kyiv said Russia sent troops. The ministry did not comment."


def _statement(sid: str, start: int, end: int, stance: str) -> Statement:
    return Statement(
        id=sid,
        content=Span.of(TEXT, start, end),
        cue=None,
        kind="indirect",
        stance=stance,  # type: ignore[arg-type]
    )


def test_stances_are_scored_over_matched_statements():
    gold = StanceArticle(
        "ptc",
        "x",
        "dev",
        TEXT,
        [GoldStatement((19, 33), "deny"), GoldStatement((45, 63), "assert"), GoldStatement((64, 95), "none")],
    )
    record = Record(
        document=DocumentInfo(id="x", text=TEXT),
        statements=[
            _statement("S1", 14, 33, "assert"),
            _statement("S2", 45, 63, "assert"),
            _statement("S3", 64, 94, "deny"),
        ],
    )
    result = score([gold], [record]).as_dict()
    assert (result["gold_statements"], result["matched"]) == (2, 2)
    assert result["confusion"] == {"assert>assert": 1, "deny>assert": 1}
    assert result["per_class"]["assert"]["precision"] == 0.5 and result["per_class"]["deny"]["recall"] == 0.0
    assert (result["none_passages"], result["none_read_as_statements"]) == (1, 1)


def test_of_equally_overlapping_contents_the_one_with_least_extra_text_matches():
    # gold "Russia sent troops" (45, 63): a content "Kyiv said Russia sent troops" (34, 63) and
    # the clause itself overlap it equally; the clause is the match, whichever comes first
    assert best_match((45, 63), [(34, 63), (45, 63)]) == 1
    assert best_match((45, 63), [(45, 63), (34, 63)]) == 0
    # more overlap still wins over less extra text
    assert best_match((45, 63), [(50, 63), (34, 63)]) == 1
    # under half of the shorter of the two: no match
    assert best_match((45, 63), [(60, 90)]) is None
