"""Cutting text at span boundaries so overlapping findings can all be highlighted."""

from __future__ import annotations

from claimgraph.render.segments import Mark, segments


def m(start: int, end: int, ref: str, technique: int | None = None) -> Mark:
    return Mark(start, end, (f"c-{ref}",), ref, f"note {ref}", technique)


def cut(text: str, *marks: Mark) -> list[tuple[str, str]]:
    return [(s.text, s.refs) for s in segments(text, list(marks))]


def test_no_marks_is_one_plain_segment() -> None:
    assert cut("plain text") == [("plain text", "")]
    assert cut("") == []


def test_overlapping_marks_split_into_three() -> None:
    #        0123456789012345
    text = "a cynical smear campaign"
    assert cut(text, m(0, 15, "t1"), m(2, 24, "t2")) == [
        ("a ", "t1"),
        ("cynical smear", "t1 t2"),
        (" campaign", "t2"),
    ]


def test_nested_and_identical_marks() -> None:
    text = "Peskov denied it"
    assert cut(text, m(0, 16, "s0"), m(0, 6, "a1"), m(0, 6, "sp")) == [
        ("Peskov", "s0 a1 sp"),
        (" denied it", "s0"),
    ]


def test_marks_are_clipped_and_empty_ones_ignored() -> None:
    assert cut("abc", m(1, 99, "x"), m(2, 2, "empty"), m(-5, 1, "y")) == [("a", "y"), ("bc", "x")]


def test_segments_cover_the_text_exactly() -> None:
    text = "one two three four five six"
    marks = [m(0, 7, "a"), m(4, 13, "b"), m(8, 27, "c"), m(14, 18, "d")]
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    assert all(text[s.start : s.end] == s.text for s in segs)
    assert [s.start for s in segs] == [0, 4, 7, 8, 13, 14, 18]


def test_segment_classes_notes_and_techniques() -> None:
    seg = segments(
        "xy", [m(0, 2, "t1", technique=8), m(0, 2, "t2", technique=3), m(0, 2, "t3", technique=8)]
    )[0]
    assert seg.classes == ["c-t1", "c-t2", "c-t3"]
    assert seg.techniques == [3, 8]
    assert seg.note == "note t1\nnote t2\nnote t3"
