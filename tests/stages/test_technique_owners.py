"""Whose words a technique is in (the speaker's or the author's), and plain vs evaluative wording."""

from __future__ import annotations

import importlib

import pytest

from claimgraph.nlp.intervals import Intervals
from claimgraph.record import DocumentInfo, Record, Span, Statement, Voice
from claimgraph.stages.techniques import evaluative, span_context, techniques
from claimgraph.stages.techniques.attribution import Owners, quotations, scare_quote, single_quotations

techniques_module = importlib.import_module("claimgraph.stages.techniques")


def _statement(
    text: str, sid: str, content: str, speaker: str | None, speaker_text: str | None, kind="direct"
):
    start = text.index(content)
    span = None
    if speaker_text is not None:
        at = text.index(speaker_text)
        span = Span.of(text, at, at + len(speaker_text))
    return Statement(
        id=sid,
        speaker=speaker,
        speaker_span=span,
        content=Span.of(text, start, start + len(content)),
        kind=kind,
    )


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "they lie" today.', ["they lie"]),
        ("He said \u201cthey lie\u201d and \u201cthey cheat\u201d.", ["they lie", "they cheat"]),
        # a quote left open at the end of its paragraph (a quote that continues) closes there
        ('"They lie. They cheat.\n"And they steal," he said.', ["They lie. They cheat.", "And they steal,"]),
        ("No quotes here.", []),
    ],
)
def test_quotations(text, quoted):
    assert [text[s:e] for s, e in quotations(text)] == quoted


def test_a_quote_of_several_sentences_is_the_speakers_throughout():
    text = '"They are corrupt puppets. It is a disgrace," the minister said. Talks resume on Monday.'
    # the statement tagger closed the content after the second sentence only
    st = _statement(text, "s1", "It is a disgrace,", "a1", "the minister")
    owners = Owners(text, [st])
    puppets = text.index("corrupt puppets")
    assert owners.statement(puppets, puppets + len("corrupt puppets")) is st
    talks = text.index("Talks resume")
    assert owners.statement(talks, talks + len("Talks resume")) is None


def test_a_quoted_paragraph_is_the_speaker_introduced_before_it():
    text = (
        "Valastro praised the governor's leadership.\n\n"
        "\u201cWe need someone who cuts through the bullcrap.\u201d\n\n"
        "The event ended at noon."
    )
    st = _statement(text, "s1", "the governor's leadership", "a1", "Valastro", kind="indirect")
    owners = Owners(text, [st])
    at = text.index("bullcrap")
    assert owners.statement(at, at + len("bullcrap")) is st
    noon = text.index("ended at noon")
    assert owners.statement(noon, noon + 13) is None  # not quoted: the author's
    far = "x" * 500 + ".\n" + text[text.index("\u201c") :]
    far_st = _statement(far, "s1", "x" * 20, "a1", None, kind="indirect")
    at = far.index("bullcrap")
    assert Owners(far, [far_st]).statement(at, at + 8) is None  # too far back


def test_a_technique_in_the_authors_first_person_statement_is_the_authors():
    text = "I believe this deal is a shameful betrayal. The minister said it was a shameful betrayal."
    mine = _statement(text, "s1", "this deal is a shameful betrayal", None, "I", kind="indirect")
    theirs = _statement(text, "s2", "it was a shameful betrayal", "a1", "The minister", kind="indirect")
    owners = Owners(text, [mine, theirs])
    first = text.index("shameful betrayal")
    second = text.rindex("shameful betrayal")
    assert owners.statement(first, first + len("shameful betrayal")) is None  # the author's
    assert owners.statement(second, second + len("shameful betrayal")) is theirs


def test_techniques_quoted_technique_is_the_speakers(nlp, monkeypatch):
    text = '"They are corrupt puppets. It is a disgrace," the minister said. It was a cynical ploy.'
    st = _statement(text, "s1", "It is a disgrace,", "a1", "the minister")
    spans = [("Name_Calling,Labeling", "corrupt puppets"), ("Loaded_Language", "cynical ploy")]
    fake = [(label, text.index(w), text.index(w) + len(w), 0.7) for label, w in spans]
    monkeypatch.setattr(techniques_module, "technique_spans", lambda doc, models=None: fake)
    found = techniques(nlp(text), Record(document=DocumentInfo(id="q", text=text), statements=[st]))
    assert [(t.text, t.speaker, t.statement) for t in found] == [
        ("corrupt puppets", "a1", "s1"),
        ("cynical ploy", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("He was charged with murder and arson.", "murder and arson", False),
        ("The war in Ukraine entered its third year.", "war in Ukraine", False),
        ("It was a disgraceful sham.", "disgraceful sham", True),
        ("The deal is an utter disaster.", "utter disaster", True),
    ],
)
def test_evaluative(nlp, text, words, expected):
    doc = nlp(text)
    start = text.index(words)
    assert evaluative(doc, start, start + len(words)) is expected


def test_span_context(nlp):
    text = "Police charged him with murder. The trial was a disgraceful sham. He called it a witch hunt."
    doc = nlp(text)
    sham = text.index("disgraceful")
    voiced = Intervals(
        [(sham - 15, sham + 30, Voice(start=0, end=1, text="P", kind="author_evaluation", score=0.8))]
    )
    murder = text.index("murder")
    st = _statement(text, "s1", "a witch hunt", "a1", "He", kind="indirect")
    # the author's plain reporting word, in a sentence without voice
    assert span_context(doc, murder, murder + 6, None, voiced).plain
    # the author's, in an evaluative sentence
    ctx = span_context(doc, sham, sham + 16, None, voiced)
    assert ctx.author and not ctx.plain
    # someone else's
    hunt = text.index("witch")
    assert not span_context(doc, hunt, hunt + 10, st, voiced).author


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # curly single marks: a headline's quote, a quote within a quote
        ("Mayor calls the budget \u2018reckless\u2019 and \u2018a farce.\u2019", ["reckless", "a farce."]),
        # apostrophes inside or at the end of a word open and close nothing
        ("The council\u2019s plan and the Joneses\u2019 farm.", []),
        ("She named the boat \u2018Sam\u2019s Pride\u2019 in May.", ["Sam\u2019s Pride"]),
        ("An opening \u2018 that never closes.", []),
    ],
)
def test_single_quotations(text, quoted):
    assert [text[s:e] for s, e in single_quotations(text)] == quoted


@pytest.mark.parametrize(
    ("quote", "scare"),
    [
        ("experts", True),  # the so-called \u201cexperts\u201d: the author's device
        ("peace process", True),
        ("American Skin", False),  # a title
        ("we will never give up this land", False),  # a remark: several words
        ("Never Again", False),
    ],
)
def test_scare_quote(quote, scare):
    text = f"x \u201c{quote}\u201d y"
    start = text.index(quote)
    assert scare_quote(text, start, start + len(quote)) is scare


def test_a_quotation_no_statement_owns_is_not_the_authors_own_words():
    text = (
        "The singer performed \u201cGlorious Homeland Forever\u201d at the rally. "
        "The so-called \u201cexperts\u201d disagreed. It was a shameful sight."
    )
    owners = Owners(text, [])

    def at(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    assert owners.statement(*at("Glorious Homeland")) is None  # no statement owns it ...
    assert owners.quoted(*at("Glorious Homeland"))  # ... but the words are quoted: not the author's
    assert not owners.quoted(*at("experts"))  # a scare quote is the author's device
    assert not owners.quoted(*at("shameful sight"))  # outside every quotation


def test_techniques_marks_a_quoted_span_without_a_speaker(nlp, monkeypatch):
    text = "Fans sang \u2018Death to the Traitors\u2019 outside. The crowd was a disgraceful mob."
    spans = [("Slogans", "Death to the Traitors"), ("Loaded_Language", "disgraceful mob")]
    fake = [(label, text.index(w), text.index(w) + len(w), 0.7) for label, w in spans]
    monkeypatch.setattr(techniques_module, "technique_spans", lambda doc, models=None: fake)
    found = techniques(nlp(text), Record(document=DocumentInfo(id="q", text=text)))
    assert [(t.text, t.speaker, t.statement, t.quoted) for t in found] == [
        ("Death to the Traitors", None, None, True),
        ("disgraceful mob", None, None, False),
    ]
