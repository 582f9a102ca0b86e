"""Long documents in windows (claimgraph.windows): cutting, stitching, and the analyzer's path."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from claimgraph.analyzer import Analyzer
from claimgraph.errors import AnalysisError
from claimgraph.record import Actor, Claim, DocumentInfo, Event, Record, Span, Statement, Technique, Voice
from claimgraph.windows import WINDOW_CHARS, Stitcher, Windows, window_bounds

PARAGRAPHS = [
    "North Korea denied on {day} that it had shipped artillery shells to Russia. "
    '"These accusations are baseless lies," the North Korean foreign ministry said in a statement.',
    "The United States accused North Korea of supplying weapons to Russia, citing satellite images. "
    "Secretary of State Antony Blinken said the shipments violated United Nations sanctions.",
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok on {day}. "
    "Kremlin spokesman Dmitry Peskov said the talks had been constructive.",
    "South Korea summoned the Russian ambassador on {day} to protest the deal, "
    "the foreign ministry in Seoul said. China called for restraint.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _text(rounds: int) -> str:
    return "\n\n".join(p.format(day=DAYS[r % 7]) for r in range(rounds) for p in PARAGRAPHS) + "\n"


# -- cutting -------------------------------------------------------------------------------
def _covers(text: str, bounds: list[tuple[int, int]], size: int) -> None:
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < e - s <= size for s, e in bounds)
    assert all(e - s >= size // 2 for s, e in bounds[:-1])


def test_a_text_within_the_size_is_one_window():
    assert window_bounds("short text", 100) == [(0, 10)]
    assert window_bounds("x" * 100, 100) == [(0, 100)]


def test_windows_end_after_a_paragraph_break_first():
    text = _text(3)
    bounds = window_bounds(text, 1000)
    _covers(text, bounds, 1000)
    for _, end in bounds[:-1]:
        assert text[end - 2 : end] == "\n\n"  # the blank line stays with the window before


def test_without_paragraphs_windows_end_after_a_sentence_then_a_space_then_anywhere():
    sentences = "The ministry said the talks would resume. " * 60
    bounds = window_bounds(sentences, 500)
    _covers(sentences, bounds, 500)
    assert all(sentences[e - 2 : e] == ". " for _, e in bounds[:-1])
    words = "word " * 300
    bounds = window_bounds(words, 101)
    _covers(words, bounds, 101)
    assert all(words[e - 1] == " " for _, e in bounds[:-1])
    solid = "x" * 1050
    assert window_bounds(solid, 100)[:2] == [(0, 100), (100, 200)]
    _covers(solid, window_bounds(solid, 100), 100)


def test_a_window_size_below_two_is_refused():
    with pytest.raises(ValueError):
        window_bounds("text", 1)


# -- stitching records (no parse) ------------------------------------------------------------
def _part(text: str, name: str = "Kim") -> Record:
    """A hand-made window record: ``name`` and "Seoul" as actors, one statement, claim, event."""
    doc = DocumentInfo(id="w", text=text)
    kim, seoul = text.index(name), text.index("Seoul")
    said = text.index("said")
    content = (said + 5, len(text) - 1)
    return Record(
        document=doc,
        actors=[
            Actor(id="A1", name=name, kind="person", country="PRK", mentions=[Span.of(text, kim, kim + 3)]),
            Actor(
                id="A2",
                name="Seoul",
                kind="state",
                country="KOR",
                code="KOR",
                mentions=[Span.of(text, seoul, seoul + 5)],
            ),
        ],
        statements=[
            Statement(
                id="S1",
                speaker="A1",
                speaker_span=Span.of(text, kim, kim + 3),
                cue=Span.of(text, said, said + 4),
                content=Span.of(text, *content),
                kind="indirect",
                claim="C1",
            )
        ],
        claims=[Claim(id="C1", text="x", statements=["S1"], asserted_by=["A1"], denied_by=["A2"])],
        events=[
            Event(
                id="E1",
                source="A1",
                target="A2",
                cameo="010",
                root="01",
                trigger=Span.of(text, said, said + 4),
                sentence=Span.of(text, 0, len(text)),
                statement="S1",
            )
        ],
        techniques=[
            Technique(
                label="Doubt",
                start=content[0],
                end=content[1],
                text=text[slice(*content)],
                score=0.5,
                speaker="A1",
                statement="S1",
            )
        ],
        voice=[Voice(start=0, end=3, text=text[:3], kind="author_assertion", score=0.6)],
    )


def test_stitching_shifts_spans_renumbers_ids_remaps_references_and_merges_actors():
    first = "Kim said Seoul lied.\n\n"
    second = "Then Kim said Seoul agreed."
    other = second.replace("Kim", "Lee")  # a different person: a new actor
    whole = first + second + other
    stitcher = Stitcher(DocumentInfo(id="d", text=whole))
    for offset, text, name in (
        (0, first, "Kim"),
        (len(first), second, "Kim"),
        (len(first + second), other, "Lee"),
    ):
        stitcher.add(offset, _part(text, name))
    record = stitcher.record()
    assert record.check_spans() == []
    assert [a.id for a in record.actors] == ["A1", "A2", "A3"]
    kim, seoul, lee = record.actors
    assert (kim.name, seoul.name, lee.name) == ("Kim", "Seoul", "Lee")
    assert [m.start for m in kim.mentions] == [0, len(first) + 5]  # the same actor in two windows
    assert len(seoul.mentions) == 3
    assert lee.country == "PRK" and [m.text for m in lee.mentions] == ["Lee"]  # new key (no merge)
    assert [s.id for s in record.statements] == ["S1", "S2", "S3"]
    assert [s.speaker for s in record.statements] == ["A1", "A1", "A3"]
    assert [s.claim for s in record.statements] == ["C1", "C2", "C3"]
    assert [c.statements for c in record.claims] == [["S1"], ["S2"], ["S3"]]
    assert [c.denied_by for c in record.claims] == [["A2"], ["A2"], ["A2"]]
    assert [(e.id, e.source, e.target, e.statement) for e in record.events] == [
        ("E1", "A1", "A2", "S1"),
        ("E2", "A1", "A2", "S2"),
        ("E3", "A3", "A2", "S3"),
    ]
    assert [(t.speaker, t.statement) for t in record.techniques] == [("A1", "S1"), ("A1", "S2"), ("A3", "S3")]
    assert [v.start for v in record.voice] == [0, len(first), len(first + second)]
    assert record.statements[1].content.text == "Seoul agreed"


def test_two_actors_of_one_window_with_the_same_key_stay_apart():
    text = "Kim said Seoul lied."
    part = _part(text)
    twin = part.actors[0].model_copy(update={"id": "A3"})
    stitcher = Stitcher(DocumentInfo(id="d", text=text))
    stitcher.add(0, part.model_copy(update={"actors": [*part.actors, twin]}))
    assert [a.id for a in stitcher.record().actors] == ["A1", "A2", "A3"]


# -- the analyzer's path -------------------------------------------------------------------
def _check_references(record: Record) -> None:
    actors = {a.id for a in record.actors}
    statements = {s.id for s in record.statements}
    claims = {c.id: c for c in record.claims}
    for prefix, ids in (
        ("A", [a.id for a in record.actors]),
        ("S", [s.id for s in record.statements]),
        ("C", [c.id for c in record.claims]),
        ("E", [e.id for e in record.events]),
    ):
        assert ids == [f"{prefix}{i}" for i in range(1, len(ids) + 1)]
    for st in record.statements:
        assert st.speaker is None or st.speaker in actors
        assert st.claim is None or st.id in claims[st.claim].statements
    for c in record.claims:
        assert set(c.statements) <= statements
        assert set(c.asserted_by) | set(c.denied_by) <= actors
    for ev in record.events:
        assert {ev.source, ev.target} - {None} <= actors
        assert ev.statement is None or ev.statement in statements
    for t in record.techniques:
        assert t.speaker is None or t.speaker in actors
        assert t.statement is None or t.statement in statements


def test_a_long_document_gives_one_stitched_record(nlp):
    text = _text(6)  # about 4,700 characters
    size = 1200
    bounds = window_bounds(text, size)
    assert len(bounds) >= 4
    record = Analyzer(nlp=nlp, window_chars=size).analyze(text)
    assert record.document.text == text
    assert record.check_spans() == []
    assert any("4 windows" in w or f"{len(bounds)} windows" in w for w in record.document.warnings)
    _check_references(record)
    assert record.statements and record.claims and record.events
    keys = [(a.kind, a.name, a.country, a.code) for a in record.actors]
    prk = [a for a in record.actors if a.name == "North Korea" and a.kind == "state"]
    assert len(prk) == 1
    windows_seen = {next(k for k, (s, e) in enumerate(bounds) if s <= m.start < e) for m in prk[0].mentions}
    assert len(windows_seen) == len(bounds)  # named in every window, one actor
    # every actor seen in several windows merged: one identity gives several actors only as
    # many as one window kept apart ("the Russian ambassador" twice in a window: two people)
    in_window = Counter(
        (k, key)
        for a, key in zip(record.actors, keys, strict=True)
        for k in {next(k for k, (s, e) in enumerate(bounds) if s <= m.start < e) for m in a.mentions}
    )
    for key, n in Counter(keys).items():
        assert n == max(c for (_, kk), c in in_window.items() if kk == key), key


def test_windows_agree_with_analysing_each_piece_alone(nlp, analyzer):
    first, second = _text(2), PARAGRAPHS[2].format(day="Friday") + "\n\n" + PARAGRAPHS[0].format(day="Sunday")
    text = first + "\n" + second  # first ends with "\n": a blank line between them
    size = len(first) + 1
    assert window_bounds(text, size) == [(0, size), (size, len(text))]
    record = Analyzer(nlp=nlp, window_chars=size).analyze(text)
    alone = [analyzer.analyze(first + "\n"), analyzer.analyze(second)]
    offsets = [0, size]
    expected = [
        (st.content.start + o, st.content.text, st.kind, st.stance)
        for o, r in zip(offsets, alone, strict=True)
        for st in r.statements
    ]
    assert [(st.content.start, st.content.text, st.kind, st.stance) for st in record.statements] == expected
    expected_events = [
        (e.trigger.start + o, e.cameo) for o, r in zip(offsets, alone, strict=True) for e in r.events
    ]
    assert [(e.trigger.start, e.cameo) for e in record.events] == expected_events
    assert len(record.claims) == sum(len(r.claims) for r in alone)
    names = {a.name for r in alone for a in r.actors}
    assert {a.name for a in record.actors} == names
    assert len(record.techniques) == sum(len(r.techniques) for r in alone)
    assert len(record.voice) == sum(len(r.voice) for r in alone)


def test_a_document_within_the_window_size_keeps_its_record(nlp, analyzer):
    text = _text(2)
    whole = analyzer.analyze(text)
    assert len(text) < WINDOW_CHARS
    at_size = Analyzer(nlp=nlp, window_chars=len(text)).analyze(text)
    assert at_size.to_json() == whole.to_json()
    assert not at_size.document.warnings
    cut = Analyzer(nlp=nlp, window_chars=len(text) - 1).analyze(text)
    assert cut.document.warnings and cut.check_spans() == []


def test_a_failing_window_costs_only_its_document(nlp, monkeypatch):
    windowed = Analyzer(nlp=nlp, window_chars=800)
    original = windowed.record_from_doc

    def fails_on_windows(doc, info):
        if info.id == "long":
            raise RuntimeError("boom")
        return original(doc, info)

    monkeypatch.setattr(windowed, "record_from_doc", fails_on_windows)
    docs = [
        DocumentInfo(id="long", text=_text(2)),
        DocumentInfo(id="short", text=PARAGRAPHS[0].format(day="Monday")),
    ]
    parsed = windowed._parse_all(docs)
    assert isinstance(parsed[0], Windows) and not isinstance(parsed[1], Windows)
    results = list(windowed.pipe(docs, errors="yield"))
    assert isinstance(results[0], AnalysisError) and "analysis failed (RuntimeError: boom)" in str(results[0])
    assert isinstance(results[1], Record)


class _BrokenParser:
    """A pipeline whose parse of any text fails."""

    def __init__(self) -> None:
        self.max_length = 1_000_000
        self.meta = {"lang": "en", "name": "broken", "version": "0"}

    def __call__(self, text):
        raise RuntimeError("bad parse")


def test_a_window_that_breaks_the_parser_is_a_one_line_error():
    results = list(Analyzer(nlp=_BrokenParser(), window_chars=100).pipe([_text(1)], errors="yield"))
    assert len(results) == 1 and isinstance(results[0], AnalysisError)
    assert "parsing failed (RuntimeError: bad parse)" in str(results[0])
