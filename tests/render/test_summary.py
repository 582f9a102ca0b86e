"""The shared report summaries, on hand-made records."""

from __future__ import annotations

import pytest

from claimgraph.record import TECHNIQUE_LABELS, Actor, DocumentInfo, Record, Span, Statement, Technique, Voice
from claimgraph.render.palette import TECHNIQUE_COLOURS
from claimgraph.render.summary import (
    AUTHOR,
    UNNAMED_SPEAKER,
    actor_name,
    actor_names,
    covered_chars,
    technique_owner,
    technique_summary,
    truncate,
    voice_summary,
)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("  many\n\n  spaces\there ", 40, "many spaces here"),
        ("the allegations keep coming from hostile capitals", 30, "the allegations keep coming…"),
        ("x" * 50, 10, "x" * 9 + "…"),
    ],
)
def test_truncate(text: str, limit: int, expected: str) -> None:
    assert truncate(text, limit) == expected
    assert len(truncate(text, limit)) <= limit


@pytest.mark.parametrize(
    ("spans", "limit", "expected"),
    [
        ([], None, 0),
        ([(0, 5)], None, 5),
        ([(0, 5), (3, 8)], None, 8),  # overlap counted once
        ([(0, 5), (5, 10)], None, 10),  # adjacent
        ([(0, 10), (2, 3)], None, 10),  # nested
        ([(7, 9), (0, 2), (1, 3)], None, 5),  # unsorted
        ([(4, 4)], None, 0),  # empty
        ([(5, 50)], 20, 15),  # clipped to the text
    ],
)
def test_covered_chars_is_the_union(spans: list[tuple[int, int]], limit: int | None, expected: int) -> None:
    assert covered_chars(spans, limit) == expected


def test_actor_name_with_country(sample: Record) -> None:
    assert actor_name(sample, "A2") == "Dmitry Peskov (RUS)"
    assert actor_name(sample, "A7") == "Western governments (USA, GBR, FRA, DEU, …)"
    assert actor_name(sample, None) == "—"
    assert actor_name(sample, "A99") == "A99"
    assert actor_names(sample, ["A1", "A2"]) == "Russia (RUS), Dmitry Peskov (RUS)"
    assert actor_names(sample, []) == "—"


def _record(
    text: str, *techniques: tuple[str, int, int], statements: list[Statement] | None = None
) -> Record:
    return Record(
        document=DocumentInfo(id="t", text=text),
        actors=[Actor(id="A1", name="Dmitry Peskov", kind="person", country="RUS")],
        statements=statements or [],
        techniques=[
            Technique(label=label, start=s, end=e, text=text[s:e], score=0.5)  # type: ignore[arg-type]
            for label, s, e in techniques
        ],
    )


def test_technique_owner_author_vs_speaker() -> None:
    text = 'Peskov said: "Without a shred of proof, they lie." A cynical smear.'
    content = Span.of(text, 13, 49)
    st = Statement(id="S1", speaker="A1", content=content, kind="direct", stance="doubt")
    rec = _record(text, ("Doubt", 14, 38), ("Loaded_Language", 53, 66), statements=[st])
    inside, outside = rec.techniques
    assert technique_owner(rec, inside) == "Dmitry Peskov (RUS)"  # inferred from the statement's content
    assert technique_owner(rec, outside) == AUTHOR
    explicit = inside.model_copy(update={"speaker": None, "statement": "S1", "start": 53, "end": 66})
    assert technique_owner(rec, explicit) == "Dmitry Peskov (RUS)"  # the record's link wins over position
    unnamed = Statement(id="S2", content=Span.of(text, 51, 67), kind="according_to")
    rec2 = rec.model_copy(update={"statements": [unnamed]})
    assert technique_owner(rec2, outside) == UNNAMED_SPEAKER


def test_technique_summary_hand_counted() -> None:
    text = "aaaa bbbb cccc dddd eeee"  # 24 characters
    st = Statement(id="S1", speaker="A1", content=Span.of(text, 15, 24), kind="direct")
    rec = _record(
        text,
        ("Loaded_Language", 0, 9),
        ("Doubt", 5, 14),
        ("Loaded_Language", 15, 19),
        statements=[st],
    )
    s = technique_summary(rec)
    assert (s.count, s.author_count, s.speaker_count) == (3, 2, 1)
    assert (s.covered, s.author_covered, s.speakers_covered) == (18, 14, 4)
    assert s.share == pytest.approx(18 / 24)
    assert [(lc.label, lc.total, lc.author, lc.speakers) for lc in s.by_label] == [
        ("Loaded_Language", 2, 1, 1),
        ("Doubt", 1, 1, 0),
    ]
    assert s.by_owner == [(AUTHOR, 2), ("Dmitry Peskov (RUS)", 1)]


def test_technique_summary_of_the_sample(sample: Record) -> None:
    s = technique_summary(sample)
    chars = set().union(*(range(t.start, t.end) for t in sample.techniques))
    assert s.covered == len(chars)
    assert s.share == pytest.approx(len(chars) / len(sample.document.text))
    assert (s.author_count, s.speaker_count) == (3, 4)
    assert s.by_label[0].label == "Loaded_Language" and s.by_label[0].total == 3


def test_summaries_of_an_empty_record(empty: Record) -> None:
    s = technique_summary(empty)
    assert (s.count, s.share, s.by_label, s.by_owner) == (0, 0.0, [], [])
    v = voice_summary(empty)
    assert (v.count, v.share) == (0, 0.0)


def test_voice_summary() -> None:
    text = "It was a disgrace. Talks began. Nobody cares."
    rec = Record(
        document=DocumentInfo(id="v", text=text),
        voice=[
            Voice(start=0, end=18, text=text[0:18], kind="author_evaluation", score=0.9),
            Voice(start=32, end=45, text=text[32:45], kind="author_assertion", score=0.6),
        ],
    )
    v = voice_summary(rec)
    assert (v.assertions, v.evaluations, v.covered) == (1, 1, 31)


def test_one_distinct_colour_per_technique() -> None:
    assert list(TECHNIQUE_COLOURS) == list(TECHNIQUE_LABELS)
    assert len(set(TECHNIQUE_COLOURS.values())) == len(TECHNIQUE_LABELS)


def test_technique_owner_of_a_quotation_no_statement_owns() -> None:
    text = "The band played \u201cGlorious Homeland\u201d. A cynical smear."
    rec = _record(text, ("Flag-Waving", 17, 33), ("Loaded_Language", 36, 51))
    quoted = rec.techniques[0].model_copy(update={"quoted": True})
    assert technique_owner(rec, quoted) == UNNAMED_SPEAKER  # someone else's words, speaker unknown
    assert technique_owner(rec, rec.techniques[1]) == AUTHOR
