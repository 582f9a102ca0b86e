"""Hostile text leaving claimgraph: CSV cells are never formulas, terminals never get escape sequences."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from pydantic import BaseModel
from rich.console import Console

from claimgraph.record import DocumentInfo, Record
from claimgraph.render import render_terminal
from claimgraph.render.events_csv import events_csv
from claimgraph.sanitize import csv_cell, json_text, terminal_text

#: What an article can carry to a terminal: clear screen, cursor home, window title, 8-bit CSI,
#: bell, backspace, carriage return, DEL, NUL, a bidi override and isolate.
HOSTILE = "\x1b[2J\x1b[H\x1b]0;owned\x07\x9b31m\x07\x08\r\x7f\x00\u202e\u2066"
FORBIDDEN = set("\x1b\x9b\x07\x08\r\x7f\x00\u202e\u2066\x85")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd", "'-2+3+cmd"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("-inf", "'-inf"),
        ("- 2", "'- 2"),
        ("-2.0", "-2.0"),  # a Goldstein weight as text: a number, data
        ("+3", "+3"),
        ("-1e5", "-1e5"),
        ("-.5", "-.5"),
        (-2.0, -2.0),
        (-7, -7),
        (True, True),
        (None, ""),
        ("Moscow denied it", "Moscow denied it"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_cell_prefixes_formulas_and_keeps_numbers(value: Any, cell: Any) -> None:
    assert csv_cell(value) == cell


def test_terminal_text_removes_escapes_and_controls_but_keeps_newlines_and_tabs() -> None:
    assert terminal_text(f"a{HOSTILE}b\tc\nd") == "ab\tc\nd"
    assert terminal_text("\x1b[31mred\x1b[0m \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\") == "red link"
    assert terminal_text("x\x1b]no terminator, the text stays") == "xno terminator, the text stays"
    assert terminal_text("one\ntwo\r\n\tthree", one_line=True) == "one two three"
    assert terminal_text("Пекин 北京 — “quoted” [bold]") == "Пекин 北京 — “quoted” [bold]"


def test_json_text_escapes_c1_and_bidi_and_parses_to_the_same_data() -> None:
    data = {"title": "x\u202ey\x9b2J\x85z\u2028"}
    shown = json_text(json.dumps(data, ensure_ascii=False))
    assert not FORBIDDEN & set(shown) and "\u2028" not in shown
    assert json.loads(shown) == data


def test_events_csv_cells_are_never_formulas(sample: Record) -> None:
    ev = sample.events[0]
    source = sample.actor(ev.source)
    assert source is not None
    hostile_actor = source.model_copy(update={"name": '=HYPERLINK("http://evil","click")'})
    record = sample.model_copy(
        update={
            "document": sample.document.model_copy(update={"id": "@doc", "published": "+1 day"}),
            "actors": [hostile_actor if a.id == source.id else a for a in sample.actors],
            "events": [
                ev.model_copy(
                    update={"goldstein": -4.0, "trigger": ev.trigger.model_copy(update={"text": "-cmd"})}
                )
            ],
        }
    )
    out = io.StringIO()
    events_csv([record], out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["document_id"] == "'@doc" and row["date"] == "'+1 day"
    assert row["source_name"] == '\'=HYPERLINK("http://evil","click")'
    assert row["trigger"] == "'-cmd"
    assert row["goldstein"] == "-4.0"  # a number stays a number
    for value in row.values():
        assert not value.startswith(("=", "+", "@", "\t", "\r")), value
        assert not value.startswith("-") or value == "-4.0"


def _poisoned(value: Any) -> Any:
    """``value`` with HOSTILE in every free-text string (not the enumerations the report styles by)."""
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            if name in {"kind", "stance", "label", "author_stance", "mode", "precision", "schema_"}:
                continue
            if isinstance(value, DocumentInfo) and name == "text":
                continue
            updates[name] = _poisoned(getattr(value, name))
        return value.model_copy(update=updates)
    if isinstance(value, str):
        return f"{value}{HOSTILE}[bold]x[/bold]"
    if isinstance(value, list):
        return [_poisoned(v) for v in value]
    return value


def test_terminal_report_sends_no_escape_sequence_or_control_character(sample: Record) -> None:
    hostile = _poisoned(sample)
    hostile.document.warnings.append(f"warning {HOSTILE}")
    buffer = io.StringIO()
    render_terminal(hostile, Console(file=buffer, width=200, color_system=None))
    shown = buffer.getvalue()
    assert not FORBIDDEN & set(shown), sorted(FORBIDDEN & set(shown))
    assert "[bold]x[/bold]" in shown  # markup in record text is shown as written
    assert "Dmitry Peskov" in shown  # and the text around what was removed is kept
    assert sample.document.id in shown
