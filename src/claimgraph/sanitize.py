"""Text that leaves claimgraph for a spreadsheet or a terminal: the one place it is made safe.

Articles are hostile input. Two outputs can turn their text into actions:

**Spreadsheets** (:func:`csv_cell`, :func:`csv_row`). A CSV cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets ("CSV injection", OWASP). Every CSV writer of
claimgraph passes its cells through :func:`csv_cell`, which prefixes such a cell
with a single quote (``'``), as OWASP recommends; the spreadsheet then shows the
text as written. The rule for numbers: real numbers are data, not formulas, so

- an ``int`` or ``float`` value (a Goldstein weight ``-2.0``, a count) is written
  as it is, and so is ``bool``;
- a string that is entirely one decimal number (``-2.0``, ``+3``, ``-1e5``, ``.5``;
  no spaces, no other characters) is written as it is;
- every other string that starts with one of the six characters is prefixed with
  ``'`` (``-`` alone, ``-inf``, ``-2+3``, ``=SUM(A1)``, ``@cmd``, ``\\tx``);
- ``None`` is the empty cell.

The prefix changes the cell's text: a reader of the CSV that wants the original
string back removes one leading ``'`` before one of the six characters.

**Terminals** (:func:`terminal_text`). Escape sequences (ESC …, C1 controls such
as CSI ``\\x9b``) in a title or a quote could move the cursor, rewrite earlier
lines, change the window title or hide text; bidirectional overrides (U+202A–E,
U+2066–9, …) can reverse what is shown. :func:`terminal_text` removes whole
escape sequences (an unterminated string sequence loses only its
introducer, never the text after it), every other C0 control except newline and
tab, DEL, the C1 controls and the bidirectional controls. Everything claimgraph prints to a
terminal (reports, tables, progress and error lines) passes through it. It
never touches the record or the files written: only what is shown.

**JSON** (:func:`json_text`) needs no removal: ``json.dumps`` escapes C0 controls,
and :func:`json_text` also writes DEL, the C1 and the bidirectional controls as
``\\uXXXX`` escapes, so JSON printed to a terminal is inert and parses to the
same data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["FORMULA_STARTS", "csv_cell", "csv_row", "json_text", "terminal_text"]

#: Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(value: Any) -> Any:
    """``value`` as a safe CSV cell (see the module docstring for the rule)."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float)):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`csv_cell`."""
    return [csv_cell(v) for v in values]


# -- terminals ---------------------------------------------------------------------
#: Bidirectional controls: LRM, RLM, ALM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
_BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                     # CSI: colours, cursor moves, erase
  | \x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)  # OSC, DCS, SOS, PM, APC with their terminator
  | \x1b[ -/]*[0-~]                             # other ESC sequences (charset, keypad, …)
  | \x9b[0-?]*[ -/]*[@-~]                       # 8-bit CSI
  | [\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)  # 8-bit OSC, DCS, SOS, PM, APC
    """,
    re.VERBOSE,
)
_CONTROLS = {
    **{c: None for c in range(0x20) if c not in (0x09, 0x0A)},
    **{c: None for c in range(0x7F, 0xA0)},
    **{ord(c): None for c in _BIDI},
}
_BLANKS = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]+")


def terminal_text(text: object, *, one_line: bool = False) -> str:
    """``text`` without escape sequences, control characters (but newline and tab) or bidi controls.

    ``one_line=True`` also turns each run of line breaks and tabs into one space.
    """
    value = str(text)
    if one_line:
        value = _BLANKS.sub(" ", value)
    if value.isprintable():
        return value
    return _ESCAPE_SEQUENCE.sub("", value).translate(_CONTROLS)


_JSON_UNSAFE = re.compile("[\x7f-\x9f" + _BIDI + "\u2028\u2029]")


def json_text(serialized: str) -> str:
    """JSON text with DEL, C1, bidi controls and line/paragraph separators as ``\\uXXXX`` escapes.

    Those characters can only occur inside JSON strings, where the escape means the
    same character: the JSON parses to the same data.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", serialized)
