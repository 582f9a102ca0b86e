"""The stance benchmark's scorer: matching by content overlap, per-class figures, non-statements."""

from __future__ import annotations

from claimgraph.eval.stances import GoldStatement, StanceArticle, score
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
