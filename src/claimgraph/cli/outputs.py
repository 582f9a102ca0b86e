"""What ``claimgraph analyze`` writes: one or several formats from one pass, and ``--resume``.

Each format is a sink that takes records one at a time: JSON lines, the events CSV and
the terminal report stream; JSON and HTML hold the records until the end (one document
each). With ``--format jsonl,html,events-csv --output-dir DIR`` every record goes to
every sink, so a document is analysed once whatever the number of formats.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console

from claimgraph.errors import InputError, OutputError
from claimgraph.sanitize import json_text

if TYPE_CHECKING:
    from claimgraph.record import Record

__all__ = [
    "FILE_NAMES",
    "OutputFormat",
    "Sink",
    "done_ids",
    "parse_formats",
    "sink",
    "write_records",
]


class OutputFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    events_csv = "events-csv"


#: The file each format writes under ``--output-dir``.
FILE_NAMES = {
    OutputFormat.terminal: "report.txt",
    OutputFormat.json: "records.json",
    OutputFormat.jsonl: "records.jsonl",
    OutputFormat.html: "report.html",
    OutputFormat.events_csv: "events.csv",
}


def parse_formats(text: str) -> list[OutputFormat]:
    """``"jsonl,html"`` → the formats, in order, each once; an :class:`InputError` naming the
    known ones for anything else."""
    formats: list[OutputFormat] = []
    for name in (part.strip().lower() for part in text.split(",")):
        try:
            fmt = OutputFormat(name)
        except ValueError:
            known = ", ".join(f.value for f in OutputFormat)
            raise InputError(f"unknown output format {name!r}: use one or more of {known}") from None
        if fmt not in formats:
            formats.append(fmt)
    return formats


class Sink:
    """One output format on one open file: :meth:`add` each record, then :meth:`close`."""

    def __init__(self, fmt: OutputFormat, out: IO[str], *, to_terminal: bool, flush: bool = False) -> None:
        self.fmt = fmt
        self.out = out
        # JSON shown on a terminal: C1 and bidi controls as \u escapes (the same data, inert on screen)
        self.shown = json_text if to_terminal else str
        self.flush = flush  # after each record: an interrupted run leaves whole lines
        self.held: list[Record] = []
        self.csv: Any = None
        self.console: Console | None = None
        if fmt is OutputFormat.terminal:
            self.console = Console(
                file=out, force_terminal=to_terminal or None, width=None if to_terminal else 110
            )
        elif fmt is OutputFormat.events_csv:
            from claimgraph.render.events_csv import EventsCsv

            self.csv = EventsCsv(out)

    def add(self, record: Record) -> None:
        if self.fmt is OutputFormat.jsonl:
            self.out.write(self.shown(record.to_json(indent=None)) + "\n")
        elif self.fmt is OutputFormat.events_csv:
            self.csv.add(record)
        elif self.console is not None:
            from claimgraph.render import render_terminal

            render_terminal(record, self.console)
        else:
            self.held.append(record)
        if self.flush:
            self.out.flush()

    def close(self) -> None:
        if self.fmt is OutputFormat.json:
            if len(self.held) == 1:
                self.out.write(self.shown(self.held[0].to_json()) + "\n")
            else:
                items = [r.to_dict() for r in self.held]
                self.out.write(self.shown(json.dumps(items, indent=2, ensure_ascii=False)) + "\n")
        elif self.fmt is OutputFormat.html:
            from claimgraph.render import render_html

            self.out.write(render_html(self.held))
        self.held = []


def sink(fmt: OutputFormat, out: IO[str], *, to_terminal: bool = False, flush: bool = False) -> Sink:
    """A :class:`Sink` of ``fmt`` writing to ``out``."""
    return Sink(fmt, out, to_terminal=to_terminal, flush=flush)


def write_records(records: Iterable[Record], sinks: list[Sink]) -> int:
    """Every record to every sink, then each sink closed; the number of records."""
    n = 0
    for record in records:
        for each in sinks:
            each.add(record)
        n += 1
    for each in sinks:
        each.close()
    return n


def done_ids(path: Path) -> set[str]:
    """The document ids of the records in a JSON lines output file (``--resume``).

    A last line cut short (a run interrupted while writing it) is removed from the file, so
    appending goes on from the last whole record; a missing file has none. Any other line
    that is not a record is an :class:`OutputError`: the file is not ours to append to.
    """
    path = Path(path)
    if not path.exists():
        return set()
    ids: set[str] = set()
    keep = 0  # bytes of whole records
    try:
        with open(path, "rb+") as fh:
            for line in fh:
                if not line.endswith(b"\n"):
                    break  # the half-written last line: dropped below
                if line.strip():
                    ids.add(_record_id(line, path))
                keep += len(line)
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise OutputError(f"{path}: cannot resume: {exc.strerror or exc}") from exc
    return ids


def _record_id(line: bytes, path: Path) -> str:
    try:
        value = json.loads(line)
        doc_id = value["document"]["id"]
    except (ValueError, KeyError, TypeError):
        raise OutputError(
            f"{path}: a line is not a claimgraph record: --resume appends only to a JSON lines "
            "file that claimgraph analyze wrote"
        ) from None
    return str(doc_id)
