"""The record contract: spans always match the text; JSON round-trips; schema."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from claimgraph.record import (
    SCHEMA_ID,
    TECHNIQUE_LABELS,
    Actor,
    DocumentInfo,
    Record,
    Span,
    Technique,
    record_json_schema,
)

TEXT = "Dmitry Peskov said: \u201cThere have been no deliveries.\u201d"


def test_span_of_repeats_the_covered_text():
    span = Span.of(TEXT, 0, 13)
    assert span.text == "Dmitry Peskov" == TEXT[span.start : span.end]


@pytest.mark.parametrize(("start", "end"), [(-5, 3), (40, 999), (10, 10)])
def test_span_of_clamps_offsets_into_the_text(start, end):
    span = Span.of(TEXT, start, end)
    assert 0 <= span.start <= span.end <= len(TEXT)
    assert TEXT[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "kwargs",
    [dict(start=5, end=2, text=""), dict(start=0, end=3, text="ab"), dict(start=-1, end=2, text="abc")],
)
def test_inconsistent_spans_are_rejected(kwargs):
    with pytest.raises(ValidationError):
        Span(**kwargs)


def test_span_overlap_and_containment():
    a, b = Span.of(TEXT, 0, 13), Span.of(TEXT, 7, 18)
    assert a.overlaps(b) and b.overlaps(a)
    assert not a.overlaps((13, 20))
    assert a.contains((0, 6)) and not a.contains(b)


def _record() -> Record:
    return Record(
        document=DocumentInfo(id="d1", text=TEXT),
        actors=[
            Actor(
                id="A1",
                name="Dmitry Peskov",
                kind="person",
                country="RUS",
                sector="GOV",
                code="RUSGOV",
                mentions=[Span.of(TEXT, 0, 13)],
            )
        ],
        techniques=[Technique(label="Loaded_Language", start=20, end=31, text=TEXT[20:31], score=0.5)],
    )


def test_record_round_trips_through_json_with_the_schema_id():
    record = _record()
    data = record.to_dict()
    assert data["schema"] == SCHEMA_ID
    assert list(data)[:8] == [
        "schema",
        "document",
        "actors",
        "statements",
        "claims",
        "events",
        "techniques",
        "voice",
    ]
    again = Record.from_json(record.to_json())
    assert again == record
    assert again.check_spans() == []


def test_check_spans_reports_a_span_that_does_not_match():
    record = _record()
    bad = record.model_copy(
        update={"techniques": [Technique(label="Doubt", start=0, end=4, text="None", score=0.1)]}
    )
    assert bad.check_spans() == ["technique Doubt: [0, 4) 'None'"]


def test_actor_lookup_by_offset_prefers_the_longest_overlap():
    record = _record()
    assert record.actor_at(7, 13).id == "A1"
    assert record.actor_at(14, 18) is None
    assert record.actor("A1").name == "Dmitry Peskov" and record.actor("A9") is None


def test_technique_labels_are_the_ptc_strings():
    assert len(TECHNIQUE_LABELS) == 14
    with pytest.raises(ValidationError):
        Technique(label="Loaded language", start=0, end=1, text="D", score=0.5)


def test_json_schema_names_the_contract():
    schema = record_json_schema()
    assert schema["$id"] == SCHEMA_ID
    assert {"schema", "document", "actors", "statements", "claims", "events", "techniques", "voice"} <= set(
        schema["properties"]
    )
