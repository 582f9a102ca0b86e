"""Events as CSV for analysts: one row per event, in the column order of event datasets.

>>> events_csv(records, sys.stdout)

Columns: document id, date (``document.published``), event id, source actor
(name, country, sector, code), CAMEO code and label, root, quad class, Goldstein
weight, PLOVER type, target actor (name, country, sector, code), negated, trigger
text and sentence text; then the event's mode (asserted, negated, intended,
hypothetical, demanded), its resolved date (``event_date``: YYYY-MM-DD, YYYY-MM or
YYYY) and ``date_precision`` (day, month, year, or document: the text names no date
and the date is the publication date), ``location`` (ISO 3166 alpha-3) and
``reported_by`` (the id of the statement that reports it). Empty cells where a value
is unknown. New columns are only ever added at the end.

Every cell passes through :func:`claimgraph.sanitize.csv_cell`: a cell that a
spreadsheet would read as a formula (``=…``, ``+…``, ``-…``, ``@…``, a leading tab
or carriage return) is prefixed with ``'``; numbers (a Goldstein weight ``-4.0``)
are written as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from claimgraph.record import Actor, Record
from claimgraph.sanitize import csv_row

__all__ = ["EVENTS_CSV_COLUMNS", "EventsCsv", "events_csv"]

EVENTS_CSV_COLUMNS: tuple[str, ...] = (
    "document_id",
    "date",
    "event_id",
    "source_name",
    "source_country",
    "source_sector",
    "source_code",
    "cameo",
    "label",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "target_name",
    "target_country",
    "target_sector",
    "target_code",
    "negated",
    "trigger",
    "sentence",
    "mode",
    "event_date",
    "date_precision",
    "location",
    "reported_by",
)


def _actor_cells(actor: Actor | None, placed: str | None = None) -> list[str]:
    """Name, country, sector and code of an event side; ``placed``: the country the event gives
    the side (a group placed where the event happens), used when the actor has none."""
    if actor is None:
        return ["", placed or "", "", ""]
    return [actor.name, actor.country or placed or "", actor.sector or "", actor.code or ""]


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def events_csv(records: Iterable[Record], out: IO[str]) -> None:
    """Write a header row and one row per event of every record to ``out``."""
    writer = EventsCsv(out)
    for record in records:
        writer.add(record)


class EventsCsv:
    """The events CSV written as records come: the header at once, then each record's rows."""

    def __init__(self, out: IO[str]) -> None:
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(EVENTS_CSV_COLUMNS)

    def add(self, record: Record) -> None:
        """One row per event of ``record``."""
        doc = record.document
        writer = self.writer
        for ev in record.events:
            writer.writerow(
                csv_row(
                    [
                        doc.id,
                        _cell(doc.published),
                        ev.id,
                        *_actor_cells(record.actor(ev.source), ev.source_country),
                        ev.cameo,
                        _cell(ev.label),
                        ev.root,
                        _cell(ev.quad_class),
                        _cell(ev.goldstein),
                        _cell(ev.plover),
                        *_actor_cells(record.actor(ev.target), ev.target_country),
                        "true" if ev.negated else "false",
                        ev.trigger.text,
                        " ".join(ev.sentence.text.split()),
                        ev.mode,
                        ev.date.value if ev.date is not None else "",
                        ev.date.precision if ev.date is not None else "",
                        ev.location.country if ev.location is not None else "",
                        _cell(ev.reported_by),
                    ]
                )
            )
