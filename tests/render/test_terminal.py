"""The Rich terminal report."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from claimgraph.record import Actor, DocumentInfo, Record, Span, Statement
from claimgraph.render import render_terminal
from claimgraph.render.summary import technique_summary
from claimgraph.render.terminal import MAX_ROWS

SECTIONS = ("Actors", "Statements", "Claims", "Events", "Persuasion techniques", "Author's voice")


def text_of(record: Record, width: int = 140, **console: object) -> str:
    out = Console(file=io.StringIO(), width=width, record=True, **console)  # type: ignore[arg-type]
    render_terminal(record, out)
    return out.export_text()


def test_full_record_shows_every_section(sample: Record) -> None:
    text = text_of(sample)
    for heading in SECTIONS:
        assert heading in text
    assert "none found" not in text
    expected = [
        "Moscow rejects “baseless” claims over shells",  # header
        "sample/shells.html",
        "Dmitry Peskov",  # actors
        "Kremlin spokesman",
        "CHNGOV",
        "Russia (RUS) → denied →",  # statements: speaker → cue → content
        "according_to",
        "hedged",
        "CONTESTED",  # claims ledger
        "Antony Blinken (USA)",
        "Russia (RUS), Dmitry Peskov (RUS)",
        "0.93",
        "016 Deny responsibility",  # events
        "SANCTION",
        "-8.0",
        "material conflict",
        "Loaded_Language",  # techniques
        "Carried by:",
        "End of story.",
        "evaluation",  # voice
    ]
    for needle in expected:
        assert needle in text, needle
    share = f"{technique_summary(sample).share * 100:.1f}%"
    assert f"Techniques cover {share} of the text (7 spans)" in text


def test_empty_record_says_none_found(empty: Record) -> None:
    text = text_of(empty)
    assert "empty.txt" in text
    assert text.count("none found") == len(SECTIONS)


def test_only_the_parts_the_record_has() -> None:
    doc = "Pyongyang denied it."
    rec = Record(
        document=DocumentInfo(id="one.txt", text=doc),
        actors=[
            Actor(id="A1", name="North Korea", kind="state", country="PRK", mentions=[Span.of(doc, 0, 9)])
        ],
    )
    text = text_of(rec)
    assert "North Korea" in text and "PRK" in text
    assert text.count("none found") == len(SECTIONS) - 1


def test_record_text_is_never_rich_markup() -> None:
    doc = "[bold red]loud[/bold red] and [/] and [link=http://x]y[/link]"
    rec = Record(
        document=DocumentInfo(id="[/]", title="[red]Title[/red]", source="[/source]", text=doc),
        actors=[Actor(id="A1", name="[/]", kind="person", mentions=[Span.of(doc, 0, 4)])],
        statements=[Statement(id="S1", speaker="A1", content=Span.of(doc, 0, len(doc)), kind="direct")],
    )
    text = text_of(rec, width=200)
    assert "[red]Title[/red]" in text
    assert "[bold red]loud[/bold red] and [/] and [link=http://x]y[/link]" in text


def test_stances_are_coloured(sample: Record) -> None:
    out = Console(file=io.StringIO(), width=160, force_terminal=True, color_system="standard")
    render_terminal(sample, out)
    ansi = out.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;31mdeny" in ansi  # red
    assert "\x1b[1;32massert" in ansi  # green
    assert "\x1b[1;33mdoubt" in ansi  # yellow
    assert "\x1b[1;34mquestion" in ansi  # blue


def test_long_texts_are_truncated() -> None:
    doc = " ".join(f"word{i}" for i in range(400))
    rec = Record(
        document=DocumentInfo(id="long", title="T " * 200, text=doc),
        statements=[Statement(id="S1", content=Span.of(doc, 0, len(doc)), kind="direct")],
    )
    text = text_of(rec, width=120)
    assert "…" in text
    assert "word399" not in text


@pytest.mark.parametrize("width", [40, 80])
def test_narrow_terminals_do_not_break(sample: Record, width: int) -> None:
    assert "Dmitry" in text_of(sample, width=width)


def test_long_tables_are_capped() -> None:
    doc = "x" * 1000
    rec = Record(
        document=DocumentInfo(id="many", text=doc),
        statements=[Statement(id=f"S{i}", content=Span.of(doc, i, i + 1), kind="direct") for i in range(250)],
    )
    text = text_of(rec, width=120)
    assert "S199" in text and "S200" not in text
    assert f"… and {250 - MAX_ROWS} more" in text
