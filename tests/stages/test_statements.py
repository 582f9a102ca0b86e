"""Statements: each construction of issue 3, stance, hedging, odd quotes, speakers."""

from __future__ import annotations

import importlib

import pytest

from claimgraph.record import Actor, DocumentInfo, Record, Span

S = importlib.import_module("claimgraph.stages.statements")


def run(nlp, text: str, actors: list[Actor] | None = None) -> list:
    record = Record(document=DocumentInfo(id="t", text=text), actors=actors or [])
    out = S.statements(nlp(text), record)
    record = record.model_copy(update={"statements": out})
    assert record.check_spans() == []
    assert [s.id for s in out] == [f"S{i}" for i in range(1, len(out) + 1)]
    return out


def find(stmts: list, content_part: str):
    for s in stmts:
        if content_part in s.content.text:
            return s
    raise AssertionError(f"no statement with content {content_part!r} in {[s.content.text for s in stmts]}")


# sentence → (a piece of the content, cue text, speaker words, kind)
CONSTRUCTIONS = [
    (
        "Peskov said that there had been no deliveries of shells.",
        "no deliveries",
        "said",
        "Peskov",
        "indirect",
    ),
    (
        "A White House spokesman had claimed that Pyongyang might soon ship more shells.",
        "Pyongyang might soon ship",
        "claimed",
        "spokesman",
        "indirect",
    ),
    (
        "The Kremlin spokesman told reporters, \u201cThere have been no deliveries. None.\u201d",
        "There have been no deliveries",
        "told",
        "spokesman",
        "direct",
    ),
    (
        '"We will never accept this," the foreign minister said on Monday.',
        "We will never accept this",
        "said",
        "minister",
        "direct",
    ),
    (
        "The minister said: \u201cThe sanctions are illegal. They will fail. Everyone knows it.\u201d",
        "Everyone knows it",
        "said",
        "minister",
        "direct",
    ),
    (
        "Officials said the talks were \u201cconstructive and frank\u201d and would continue next month.",
        "constructive and frank",
        "said",
        "Officials",
        "mixed",
    ),
    (
        "According to Western officials, the shipments began in August.",
        "shipments began in August",
        "According to",
        "Western officials",
        "according_to",
    ),
    (
        "There were accusations from Washington that Moscow had supplied the weapons.",
        "Moscow had supplied the weapons",
        "accusations",
        "Washington",
        "nominal",
    ),
]


@pytest.mark.parametrize(("text", "content", "cue", "speaker", "kind"), CONSTRUCTIONS)
def test_constructions(nlp, text, content, cue, speaker, kind):
    s = find(run(nlp, text), content)
    assert s.cue is not None and cue.lower() in s.cue.text.lower()
    assert s.speaker_span is not None and speaker in s.speaker_span.text
    assert s.kind == kind


def test_quote_continued_after_he_added(nlp):
    text = (
        "\u201cWe have nothing to hide,\u201d the spokesman said. \u201cThe inspectors are welcome.\u201d\n\n"
        "\u201cThis is a campaign of lies,\u201d he added, \u201cand everyone can see it.\u201d"
    )
    stmts = run(nlp, text)
    first = find(stmts, "We have nothing to hide")
    assert first.kind == "direct"
    added = find(stmts, "This is a campaign of lies")
    assert added.cue is not None and "added" in added.cue.text
    assert "everyone can see it" in added.content.text


def test_position_that(nlp):
    stmts = run(nlp, "The statement echoes Moscow's position that such claims are fabricated.")
    assert any("such claims are fabricated" in s.content.text for s in stmts)


CHARGES = [
    (
        "Washington accused Pyongyang of shipping shells, a charge that Pyongyang has repeatedly denied.",
        "Pyongyang",
        "shipping shells",
    ),
    (
        "A White House spokesman had claimed that Pyongyang might soon ship more shells, "
        "a charge that North Korea has repeatedly rejected.",
        "North Korea",
        "ship more shells",
    ),
]


CHARGES.append(
    (
        "U.S. officials have claimed that Chinese companies may be supplying drone components "
        "to Moscow, a charge Beijing has repeatedly denied.",
        "Beijing",
        "supplying drone components",
    )
)


@pytest.mark.parametrize(("text", "denier", "denied"), CHARGES)
def test_a_charge_that_x_denied(nlp, text, denier, denied):
    deny = [s for s in run(nlp, text) if s.stance == "deny"]
    assert deny
    s = deny[-1]
    assert s.speaker_span is not None and denier in s.speaker_span.text
    assert denied in s.content.text
    assert s.kind == "nominal"


def test_allegations_by_officials(nlp):
    text = "Allegations by Western officials that Iran supplied the drones have circulated for weeks."
    s = find(run(nlp, text), "Iran supplied the drones")
    assert s.speaker_span is not None and "Western officials" in s.speaker_span.text


# sentence → (content piece, stance, hedged, cue_class)
STANCES = [
    ("Beijing has dismissed the reports as groundless.", "reports", "deny", False, "denial"),
    (
        "North Korea denied that it had sent any weapons to Russia.",
        "sent any weapons",
        "deny",
        False,
        "denial",
    ),
    (
        "The spokesman said, \u201cThere have been no deliveries.\u201d",
        "no deliveries",
        "deny",
        False,
        "neutral",
    ),
    ("Analysts questioned whether the sanctions would work.", "sanctions would work", "doubt", True, None),
    ("Reporters asked whether the talks would resume.", "talks would resume", "question", None, None),
    ("Officials said the missiles might reach Alaska.", "might reach Alaska", "assert", True, "neutral"),
    (
        "The ministry said the convoy was reportedly attacked.",
        "reportedly attacked",
        "assert",
        True,
        "neutral",
    ),
    ("Kyiv accused Moscow of shelling the plant.", "shelling the plant", "assert", None, "accusatory"),
    (
        "The senator claimed that the election was stolen.",
        "election was stolen",
        "assert",
        None,
        "distancing",
    ),
    # a quoted denial is a denial
    (
        '"No shells were ever delivered," the ministry said.',
        "No shells were ever delivered",
        "deny",
        None,
        None,
    ),
    # commitments: the speaker's own promise, refusal or threat, neither asserting nor denying a fact
    ('"We will never accept such provocations," the minister said.', "never accept", "commit", None, None),
    ("Moscow said it would not back down.", "would not back down", "commit", None, None),
    ("The Kremlin vowed to retaliate.", "retaliate", "commit", None, None),
    # calling a claim false, and negations without "not"
    ("The ministry said these claims are completely false.", "completely false", "deny", None, None),
    ("Officials said the reporter was nowhere near the front.", "nowhere near", "deny", None, None),
    # a prediction about someone else is an assertion
    ("Officials said Pyongyang will test a missile.", "will test a missile", "assert", None, None),
]


@pytest.mark.parametrize(("text", "content", "stance", "hedged", "cue_class"), STANCES)
def test_stance_and_hedging(nlp, text, content, stance, hedged, cue_class):
    s = find(run(nlp, text), content)
    assert s.stance == stance
    if hedged is not None:
        assert s.hedged is hedged
    if cue_class is not None:
        assert s.cue_class == cue_class


ODD_QUOTES = [
    'He said "this is "nested" and it never ends',
    "She said \u201cone \u201ctwo\u201d three\u201d and left. \u201cUnclosed quote",
    "\u201d\u201d\u201c\u201c said he said \u201c",
    '"',
    "\u201cA whole article in quotes without any cue at all, just words.\u201d",
    "He said, \u2018single quotes are here\u2019, and \u00abguillemets too\u00bb, they said.",
]


@pytest.mark.parametrize("text", ODD_QUOTES)
def test_unbalanced_and_nested_quotes_do_not_crash(nlp, text):
    stmts = run(nlp, text)
    for s in stmts:
        assert s.content.text.strip()


def test_speaker_linked_to_actor(nlp):
    text = "Dmitry Peskov told reporters that there had been no deliveries."
    actor = Actor(
        id="A1", name="Dmitry Peskov", kind="person", country="RUS", mentions=[Span.of(text, 0, 13)]
    )
    s = find(run(nlp, text, [actor]), "no deliveries")
    assert s.speaker == "A1"
    assert s.speaker_span is not None and s.speaker_span.text == "Dmitry Peskov"
    assert s.claim is None


def test_speaker_without_actor_keeps_span(nlp):
    s = find(run(nlp, "The spokesman said the talks had failed."), "talks had failed")
    assert s.speaker is None
    assert s.speaker_span is not None and "spokesman" in s.speaker_span.text


def test_no_statements_in_plain_narration(nlp):
    assert run(nlp, "The two leaders met in Beijing on Tuesday and signed a trade agreement.") == []


def test_empty_doc(nlp):
    assert run(nlp, " ") == []


def test_dateline_is_not_part_of_the_speaker(nlp):
    text = (
        "BEIJING, Oct. 12 (Xinhua) -- Foreign Ministry spokesperson Mao Ning on Thursday rejected "
        "accusations by the United States that China had provided military support to Russia."
    )
    stmts = run(nlp, text)
    s = next(s for s in stmts if s.stance == "deny")
    assert s.speaker_span is not None and s.speaker_span.text.startswith("Foreign Ministry")
    accusation = next(s for s in stmts if s.cue is not None and s.cue.text == "accusations")
    assert accusation.speaker_span is not None and "United States" in accusation.speaker_span.text
    assert accusation.kind == "nominal"
    # PolNeAR keeps the complementiser in a noun's content ("accusations | that P")
    assert accusation.content.text == "that China had provided military support to Russia"


def _actor(text: str, aid: str, name: str, kind: str) -> Actor:
    i = text.index(name)
    return Actor(id=aid, name=name, kind=kind, mentions=[Span.of(text, i, i + len(name))])  # type: ignore[arg-type]


# issue 3 integration bugs: text → (cue, content expected exactly, words the content must not hold)
CONTENT_BOUNDS = [
    (
        "Britain froze the assets of two banks. Japan recalled its envoy, "
        "and the African Union said it was drafting a statement.",
        "said",
        "it was drafting a statement",
        "Japan",
    ),
    (
        "Beijing, for its part, has urged calm. Foreign Minister Li Qiang said on Friday "
        "that all parties should show restraint.",
        "said",
        "that all parties should show restraint",
        "Beijing",
    ),
    (
        "According to Park Ji-hoon, an analyst at the Korea Institute, "
        "the talks have stalled over the winter.",
        "According to",
        "the talks have stalled over the winter",
        "analyst",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content", "absent"), CONTENT_BOUNDS)
def test_content_stays_in_its_clause(nlp, text, cue, content, absent):
    s = next(s for s in run(nlp, text) if s.cue is not None and s.cue.text == cue)
    assert s.content.text == content
    assert absent not in s.content.text
    assert s.speaker_span is not None and s.speaker_span.text not in s.content.text


def test_according_to_speaker_keeps_apposition(nlp):
    text = CONTENT_BOUNDS[2][0]
    s = find(run(nlp, text), "talks have stalled")
    assert (
        s.speaker_span is not None
        and s.speaker_span.text == "Park Ji-hoon, an analyst at the Korea Institute"
    )


def test_conjoined_cue_shares_the_subject(nlp):
    text = (
        'A State Department spokesman, Matthew Miller, said the sanctions were "long overdue" '
        "and claimed that Tehran might soon send more drones."
    )
    actors = [
        _actor(text, "A1", "State Department", "organisation"),
        _actor(text, "A2", "Matthew Miller", "person"),
    ]
    claimed = find(run(nlp, text, actors), "Tehran might soon send")
    assert claimed.speaker_span is not None and "Matthew Miller" in claimed.speaker_span.text
    assert claimed.speaker == "A2"  # the person, not the organisation in a modifier


def test_pronoun_speaker_and_quote_continued_after_he_added(nlp):
    text = (
        'Kremlin spokesman Dmitry Peskov told reporters: "There were no talks. None. The reports are '
        'false." He added that the matter was closed.'
    )
    stmts = run(nlp, text, [_actor(text, "A1", "Dmitry Peskov", "person")])
    quote = find(stmts, "no talks")
    # each sentence of the quote is a statement of its own (as the stance set labels them)
    false = find(stmts, "The reports are false")
    assert false.speaker == quote.speaker and quote.stance == false.stance == "deny"
    assert not any("added" in s.content.text for s in (quote, false))
    added = find(stmts, "the matter was closed")
    assert added.speaker_span is not None and added.speaker_span.text == "He"
    assert added.speaker == quote.speaker == "A1"


@pytest.mark.parametrize(
    "text",
    [
        "The French president met his Italian counterpart in Rome on Friday to discuss the migration pact.",
        "The envoys gathered in Vienna on Monday to review the inspection reports.",
    ],
)
def test_purpose_infinitive_is_no_statement(nlp, text):
    assert not [s for s in run(nlp, text) if s.speaker_span is None and s.cue is not None]


def test_accuse_x_of_y_keeps_the_whole_phrase(nlp):
    s = find(run(nlp, "Sweden and Finland accuse Moscow of new airspace violations"), "airspace violations")
    assert s.content.text.endswith("new airspace violations")


def test_signed_quotation_and_transcript_label(nlp):
    text = (
        "Readers sent their views.\n"
        "“The debate was a disgrace for the whole country.” ― Jane Morales\n"
        "WALLACE: Do you really think those two cases are the same?\n"
    )
    stmts = run(nlp, text)
    signed = next(s for s in stmts if s.speaker_span is not None and s.speaker_span.text == "Jane Morales")
    assert signed.content.text == "The debate was a disgrace for the whole country."
    label = next(s for s in stmts if s.speaker_span is not None and s.speaker_span.text == "WALLACE")
    assert label.content.text.startswith("Do you really think")


def test_noun_reading_of_a_cue_verb(nlp):
    # "claim" is listed as a verb and a noun; "Trump's claim that P" is a nominal attribution
    from claimgraph.knowledge.cues import cue_info
    from claimgraph.stages.statements.quotes import rule_statements

    assert cue_info("claim").pos == "VERB" and cue_info("claim", pos="NOUN").pos == "NOUN"
    text = "Fact-checkers examined Trump's claim that there have been thousands of shootings in Chicago."
    found = [r for r in rule_statements(nlp(text)) if r.origin == "rule-nominal"]
    assert found, "the nominal rule reads the noun 'claim'"
    s, e = found[0].content[0]
    assert text[s:e] == "that there have been thousands of shootings in Chicago"
    assert [text[a:b] for a, b in found[0].source] == ["Trump's"]  # PolNeAR keeps the "'s"


@pytest.mark.parametrize(
    ("text", "speaker", "first", "last"),
    [
        (
            "The museum, Mr. Bush said, celebrated several of his heroes, including the musician "
            "Chuck Berry.",
            "Mr. Bush",
            "The museum",
            "celebrated several of his heroes, including the musician Chuck Berry",
        ),
        (
            "Climate change, Mr. Obama often says, is the greatest long-term threat facing the world.",
            "Mr. Obama",
            "Climate change",
            "is the greatest long-term threat facing the world",
        ),
    ],
)
def test_parenthetical_cue_in_unquoted_sentence(nlp, text, speaker, first, last):
    # "A, X said, B": the content is the sentence on both sides of the inserted cue
    from claimgraph.stages.statements.quotes import rule_statements

    found = [r for r in rule_statements(nlp(text)) if r.origin == "rule-paren"]
    assert len(found) == 1
    att = found[0]
    assert [text[s:e] for s, e in att.source] == [speaker]
    assert [text[s:e] for s, e in att.content] == [first, last]
    s = find(run(nlp, text), first)
    assert s.speaker_span is not None and s.speaker_span.text == speaker
    assert s.content.text.endswith(last)


@pytest.mark.parametrize(
    ("origin", "text"),
    [
        # a comma-set clause that is no inserted cue, or a quoted sentence (the quote rule's)
        ("rule-paren", "The senator, who said little, voted against the bill on Tuesday."),
        ("rule-paren", "“The museum,” Mr. Bush said, “celebrates several of my heroes.”"),
        # "video that shows": the relative pronoun is the subject; "problems he blamed": not a said thing
        ("rule-relcl", "Officials are in possession of video that shows the explosion."),
        ("rule-relcl", "Trump cited problems in the Middle East that he blamed on the policies of Obama."),
    ],
)
def test_rule_does_not_fire(nlp, origin, text):
    from claimgraph.stages.statements.quotes import rule_statements

    assert not [r for r in rule_statements(nlp(text)) if r.origin == origin]


def test_content_with_neither_cue_nor_source_is_dropped(nlp):
    text = "Some context first.\n\nThe deliveries were a “provocation,” a spokesman said.\n\nMore."
    for s in run(nlp, text):
        assert s.cue is not None or s.speaker_span is not None


def test_source_before_a_cue_the_parser_left_without_subject(nlp):
    # the dateline line is parsed into the headline's sentence: "SEOUL" becomes an object of "deny"
    text = (
        "Seoul and Washington accuse Pyongyang of new shell shipments; Moscow and Pyongyang deny\n"
        "SEOUL — South Korea and the United States on Thursday accused North Korea of sending "
        "several thousand more containers of artillery shells to Russia in February.\n"
    )
    s = find(run(nlp, text), "North Korea of sending")
    assert s.speaker_span is not None and s.speaker_span.text == "South Korea and the United States"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # narration after the closing quote is cut, even with a possessive apostrophe in it
        ('the plan "will fail." The minister\'s office declined to comment', 'the plan "will fail."'),
        ("the plan will fail,'' The minister's office declined", "the plan will fail,''"),
        # another quotation follows: the content may still be running
        ('the plan "will fail." Then "it will collapse"', 'the plan "will fail." Then "it will collapse"'),
    ],
)
def test_content_ends_at_a_quote_that_closes_before_narration(content: str, expected: str) -> None:
    from claimgraph.stages.statements import _cut_after_quote

    s, e = _cut_after_quote(content, 0, len(content))
    assert content[s:e] == expected


# -- not statements: negated facts, refusals to speak, the author's comment; relative clauses ----
NOT_STATEMENTS = [
    "The ministry did not comment on the reports.",
    "A spokesman declined to comment.",
    "It is telling that the minister never mentioned the shipments.",
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_what_nobody_said_is_no_statement(analyzer, text):
    assert analyzer.analyze(text).statements == []


def test_which_she_denies_denies_the_clause_before(analyzer):
    record = analyzer.analyze("The envoy met the minister twice, which she denies.")
    (st,) = record.statements
    assert (st.stance, st.speaker_span.text, st.content.text) == (
        "deny",
        "she",
        "The envoy met the minister twice",
    )


def test_a_content_cut_after_its_subject_is_completed_to_its_clause(nlp):
    from claimgraph.stages.statements.complete import complete_subject
    from claimgraph.stages.statements.group import RawStatement

    text = "Officials in Minsk said the plant sold engines to the army."
    doc = nlp(text)
    cue = (text.index("said"), text.index("said") + 4)
    start = text.index("the plant")
    att = complete_subject(doc, RawStatement(cue=[cue], content=[(start, start + len("the plant"))]))
    assert text[att.content[0][0] : att.content[0][1]] == "the plant sold engines to the army"
    # the cue's own subject is not a content to complete ("Faber was nominated by …")
    text2 = "Faber was nominated by President George H.W. Bush."
    doc2 = nlp(text2)
    att2 = complete_subject(doc2, RawStatement(cue=[(6, 19)], content=[(0, 5)]))
    assert att2.content == [(0, 5)]
    # nor across a sentence end the parser ran on
    text3 = "Reporters asked: Heaven or Hell? has been the pastor's question."
    doc3 = nlp(text3)
    s3 = text3.index("Heaven")
    att3 = complete_subject(doc3, RawStatement(cue=[(10, 15)], content=[(s3, text3.index("?") + 1)]))
    assert att3.content == [(s3, text3.index("?") + 1)]


def test_a_passive_topic_is_no_statement(nlp):
    from claimgraph.stages.statements import kept_statements, not_a_statement, raw_statements

    doc = nlp("Faber was nominated by President George H.W. Bush.")
    assert kept_statements(doc, raw_statements(doc)) == []
    raw = raw_statements(doc)
    assert raw and all(not_a_statement(doc, a) == "passive topic" for a in raw)
    # a passive reporting verb still reports
    doc = nlp("It was reported by the agency that the talks had failed.")
    assert all(not_a_statement(doc, a) != "passive topic" for a in raw_statements(doc))
