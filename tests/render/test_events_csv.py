"""The events CSV for analysts."""

from __future__ import annotations

import csv
import io

from claimgraph.record import Actor, DocumentInfo, Event, Record, Span
from claimgraph.render.events_csv import EVENTS_CSV_COLUMNS, events_csv


def _record() -> Record:
    text = "Poland expelled three Russian diplomats, a spokesman said."
    actors = [
        Actor(
            id="A1",
            name="Poland",
            kind="state",
            country="POL",
            sector="GOV",
            code="POLGOV",
            mentions=[Span.of(text, 0, 6)],
        ),
        Actor(
            id="A2",
            name="Russian diplomats",
            kind="group",
            country="RUS",
            sector="GOV",
            code="RUSGOV",
            mentions=[Span.of(text, 22, 39)],
        ),
    ]
    ev = Event(
        id="E1",
        source="A1",
        target="A2",
        cameo="161",
        root="16",
        label="Reduce or break diplomatic relations",
        plover="SANCTION",
        goldstein=-4.0,
        quad_class=4,
        trigger=Span.of(text, 7, 15),
        sentence=Span.of(text, 0, len(text)),
    )
    doc = DocumentInfo(id="doc-1", published="2024-03-01", text=text)
    return Record(document=doc, actors=actors, events=[ev])


def test_one_row_per_event_with_header() -> None:
    out = io.StringIO()
    events_csv([_record(), Record(document=DocumentInfo(id="empty", text="Nothing."))], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == list(EVENTS_CSV_COLUMNS)
    assert (row["document_id"], row["date"], row["event_id"]) == ("doc-1", "2024-03-01", "E1")
    assert (row["source_name"], row["source_country"], row["source_sector"], row["source_code"]) == (
        "Poland",
        "POL",
        "GOV",
        "POLGOV",
    )
    assert (row["cameo"], row["root"], row["quad_class"], row["goldstein"], row["plover"]) == (
        "161",
        "16",
        "4",
        "-4.0",
        "SANCTION",
    )
    assert row["target_country"] == "RUS" and row["negated"] == "false"
    assert row["trigger"] == "expelled" and row["sentence"].startswith("Poland expelled")


def test_unknown_actors_give_empty_cells() -> None:
    record = _record()
    ev = record.events[0].model_copy(update={"source": None, "target": None, "negated": True})
    out = io.StringIO()
    events_csv([record.model_copy(update={"events": [ev]})], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["source_name"] == "" and row["target_code"] == "" and row["negated"] == "true"


def test_sentence_with_commas_and_quotes_round_trips() -> None:
    record = _record()
    text = 'He said: "no, never".'
    doc = record.document.model_copy(update={"text": text})
    ev = record.events[0].model_copy(
        update={
            "trigger": Span.of(text, 3, 7),
            "sentence": Span.of(text, 0, len(text)),
            "source": None,
            "target": None,
        }
    )
    out = io.StringIO()
    events_csv([Record(document=doc, events=[ev])], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["sentence"] == text


def test_mode_date_location_and_statement_columns() -> None:
    from claimgraph.record import EventDate, EventPlace

    record = _record()
    text = record.document.text
    ev = record.events[0].model_copy(
        update={
            "mode": "intended",
            "date": EventDate(value="2024-03", precision="month", span=Span.of(text, 0, 6)),
            "location": EventPlace(country="POL", span=Span.of(text, 0, 6)),
            "reported_by": "S1",
        }
    )
    out = io.StringIO()
    events_csv([record.model_copy(update={"events": [ev]})], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(EVENTS_CSV_COLUMNS)[-5:] == [
        "mode",
        "event_date",
        "date_precision",
        "location",
        "reported_by",
    ]
    assert (row["mode"], row["event_date"], row["date_precision"], row["location"], row["reported_by"]) == (
        "intended",
        "2024-03",
        "month",
        "POL",
        "S1",
    )
    assert row["date"] == "2024-03-01"  # the document's publication date, as before


def test_new_cells_are_csv_safe_and_empty_when_unknown() -> None:
    record = _record()
    out = io.StringIO()
    events_csv([record], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["mode"], row["event_date"], row["date_precision"], row["location"], row["reported_by"]) == (
        "asserted",
        "",
        "",
        "",
        "",
    )
    hostile = record.events[0].model_copy(update={"reported_by": "=HYPERLINK(1)"})
    out = io.StringIO()
    events_csv([record.model_copy(update={"events": [hostile]})], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["reported_by"] == "'=HYPERLINK(1)"


def test_a_side_placed_by_the_event_gives_its_country_cell() -> None:
    record = _record()
    ev = record.events[0].model_copy(update={"target": None, "target_country": "RUS"})
    group = record.actors[0].model_copy(update={"country": None, "code": "IMGMUSISI"})
    ev = ev.model_copy(update={"source_country": "SYR"})
    record = record.model_copy(update={"events": [ev], "actors": [group, record.actors[1]]})
    out = io.StringIO()
    events_csv([record], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["source_name"], row["source_country"], row["source_code"]) == ("Poland", "SYR", "IMGMUSISI")
    assert (row["target_name"], row["target_country"]) == ("", "RUS")
