"""The quote share of a character range and the nearest-cue feature of the attribution CRF."""

from __future__ import annotations

import pytest

from claimgraph.stages.statements.features import _nearest_cue
from claimgraph.stages.statements.group import quoted_share


@pytest.mark.parametrize(
    ("text", "share"),
    [
        # the final full stop is trimmed; "We will respond," (14 characters) of 20 inside
        ("“We will respond,” he said.", 14 / 20),
        ("He said “we will respond.”", 14 / 20),
        ('He said "we will" respond.', 6 / 19),  # straight quotes toggle
        ("No quotes in this one.", 0.0),
        ("“Open and never closed", 1.0),
        ("\u00abGuillemets\u00bb too", 10 / 13),
    ],
)
def test_quoted_share_of_a_whole_text(text: str, share: float) -> None:
    assert quoted_share(text, 0, len(text)) == pytest.approx(share)


def test_quote_state_is_read_from_the_start_of_the_paragraph() -> None:
    text = "First paragraph “closed”.\n“An open quote, then the range, which is inside it"
    start = text.index("which")
    assert quoted_share(text, start, len(text)) == 1.0
    # a quote opened in an earlier paragraph does not leak
    text = "“Unclosed in paragraph one\nPlain words here"
    assert quoted_share(text, text.index("Plain"), len(text)) == 0.0


def test_empty_and_punctuation_only_ranges() -> None:
    assert quoted_share("...", 0, 3) == 0.0  # trimmed away
    assert quoted_share("“...”", 0, 5) == 1.0
    assert quoted_share("abc", 2, 2) == 0.0


@pytest.mark.parametrize(
    ("k", "cues", "feature"),
    [
        (3, [], "nc=none"),
        (3, [3], "nc=01"),
        (5, [3], "nc=R3"),  # two tokens after the cue
        (1, [3], "nc=L3"),
        (5, [3, 7], "nc=R3"),  # equally near: the cue before wins
        (6, [3, 7], "nc=L1"),
        (30, [3], "nc=Rfar"),
        (0, [9, 12], "nc=L20"),
    ],
)
def test_nearest_cue_feature(k: int, cues: list[int], feature: str) -> None:
    assert _nearest_cue(k, cues) == feature
