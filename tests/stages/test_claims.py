"""Claim grouping on hand-built records: statements, actors, voice and techniques given, claims expected.

Each case is a text, its actors (id → name, country, mention strings) and its
statements (speaker id, cue, content, stance); spans are found in the text.
"""

from __future__ import annotations

import pytest

from claimgraph.record import Actor, DocumentInfo, Record, Statement, Technique, Voice
from claimgraph.stages.claims import claims, link_statements


def _at(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.find(needle, start)
    assert i >= 0, f"{needle!r} not in text"
    return i, i + len(needle)


def build(nlp, text, actors=(), statements=(), voice=(), techniques=()):
    """A record with real spans; ``statements``: (speaker, cue, content, stance)."""
    info = DocumentInfo(id="t", text=text)
    record = Record(document=info)
    acts = []
    for aid, name, country, mentions in actors:
        spans, pos = [], 0
        for m in mentions:
            s, e = _at(text, m, pos)
            spans.append(record.span(s, e))
            pos = e
        acts.append(Actor(id=aid, name=name, kind="state", country=country, mentions=spans))
    sts, pos = [], 0
    for n, (speaker, cue, content, stance) in enumerate(statements, 1):
        cs, ce = _at(text, cue, pos)
        s, e = _at(text, content, 0 if content in text[:cs] and content not in text[cs:] else cs)
        if content in text[pos:] and s < pos:
            s, e = _at(text, content, pos)
        sts.append(
            Statement(
                id=f"S{n}",
                speaker=speaker,
                cue=record.span(cs, ce),
                content=record.span(s, e),
                kind="indirect",
                stance=stance,
            )
        )
        pos = min(cs, s) + 1
    vs = [Voice(**record.span(*_at(text, v)).model_dump(), kind="author_assertion", score=0.9) for v in voice]
    ts = [
        Technique(label=label, **record.span(*_at(text, t)).model_dump(), score=0.8)
        for label, t in techniques
    ]
    record = record.model_copy(update={"actors": acts, "statements": sts, "voice": vs, "techniques": ts})
    return nlp(text), record


SHELLS = (
    "The United States has accused North Korea of shipping artillery shells to Russia. "
    "A White House spokesman claimed that Pyongyang might soon ship more shells to Moscow. "
    "North Korea's defence ministry denied the allegations. "
    "Kremlin spokesman Dmitry Peskov told reporters: \u201cThere have been no deliveries.\u201d "
    "Without a shred of proof, the allegations keep coming."
)
SHELL_ACTORS = [
    ("A1", "United States", "USA", ["The United States"]),
    ("A2", "North Korea", "PRK", ["North Korea", "Pyongyang", "North Korea"]),
    ("A3", "White House spokesman", "USA", ["White House spokesman"]),
    ("A4", "Russia", "RUS", ["Russia", "Moscow"]),
    ("A5", "Dmitry Peskov", "RUS", ["Dmitry Peskov"]),
]


@pytest.mark.parametrize("peskov_stance", ["deny", "assert"])
def test_accusation_denials_and_nominal_reference_form_one_contested_claim(nlp, peskov_stance):
    doc, record = build(
        nlp,
        SHELLS,
        SHELL_ACTORS,
        [
            ("A1", "accused", "shipping artillery shells to Russia", "assert"),
            ("A3", "claimed", "Pyongyang might soon ship more shells to Moscow", "assert"),
            ("A2", "denied", "the allegations", "deny"),
            ("A5", "told reporters", "There have been no deliveries.", peskov_stance),
        ],
    )
    out = claims(doc, record)
    assert len(out) == 1
    claim = out[0]
    assert claim.id == "C1"
    assert claim.statements == ["S1", "S2", "S3", "S4"]
    assert claim.asserted_by == ["A1", "A3"]
    assert claim.denied_by == ["A2", "A5"]  # a quoted negation denies, whatever the statement stance says
    assert claim.contested
    assert claim.text == "North Korea shipping artillery shells to Russia"
    assert claim.author_stance == "doubt"  # "Without a shred of proof, the allegations keep coming."
    assert not claim.evidence_cited
    assert 0.0 <= claim.check_worthiness <= 1.0


def test_link_statements_sets_the_claim_of_each_statement(nlp):
    doc, record = build(
        nlp,
        SHELLS,
        SHELL_ACTORS,
        [
            ("A1", "accused", "shipping artillery shells to Russia", "assert"),
            ("A2", "denied", "the allegations", "deny"),
        ],
    )
    linked = link_statements(record.statements, claims(doc, record))
    assert [s.claim for s in linked] == ["C1", "C1"]
    assert link_statements(record.statements, []) == [
        s.model_copy(update={"claim": None}) for s in record.statements
    ]


def test_unrelated_propositions_stay_apart(nlp):
    text = (
        "Ukraine said Iran supplied attack drones to Russia. "
        "The regional governor said Russian artillery shelled Kharkiv overnight."
    )
    doc, record = build(
        nlp,
        text,
        [("A1", "Ukraine", "UKR", ["Ukraine"])],
        [
            ("A1", "said", "Iran supplied attack drones to Russia", "assert"),
            (None, "said", "Russian artillery shelled Kharkiv overnight", "assert"),
        ],
    )
    out = claims(doc, record)
    assert [c.statements for c in out] == [["S1"], ["S2"]]
    assert not any(c.contested for c in out)


def test_same_predicate_with_different_subject_actors_are_different_claims(nlp):
    text = "Kyiv said Iran shipped drones to Russia. Tehran said North Korea shipped drones to Russia."
    actors = [
        ("A1", "Ukraine", "UKR", ["Kyiv"]),
        ("A2", "Iran", "IRN", ["Iran", "Tehran"]),
        ("A3", "North Korea", "PRK", ["North Korea"]),
        ("A4", "Russia", "RUS", ["Russia", "Russia"]),
    ]
    doc, record = build(
        nlp,
        text,
        actors,
        [
            ("A1", "said", "Iran shipped drones to Russia", "assert"),
            ("A2", "said", "North Korea shipped drones to Russia", "assert"),
        ],
    )
    assert len(claims(doc, record)) == 2


@pytest.mark.parametrize(
    ("text", "statements", "expected_denied"),
    [
        # "the reports of arms shipments": a reference that names its content
        (
            "Washington said Pyongyang delivered artillery shells to Moscow. "
            "Pyongyang rejected the reports of arms shipments.",
            [
                ("A1", "said", "Pyongyang delivered artillery shells to Moscow", "assert"),
                ("A2", "rejected", "the reports of arms shipments", "deny"),
            ],
            ["A2"],
        ),
        # "such claims are baseless": a reference evaluated as false is a denial
        (
            "Western officials alleged that Beijing supplied drone parts to Moscow. "
            "It echoes Moscow's position that such claims are baseless.",
            [
                ("A1", "alleged", "Beijing supplied drone parts to Moscow", "assert"),
                ("A2", "position", "such claims are baseless", "assert"),
            ],
            ["A2"],
        ),
        # a bare pronoun
        (
            "Kyiv accused Moscow of shelling the nuclear plant. Russia denied it.",
            [("A1", "accused", "shelling the nuclear plant", "assert"), ("A2", "denied", "it", "deny")],
            ["A2"],
        ),
    ],
)
def test_references_join_the_claim_they_refer_to(nlp, text, statements, expected_denied):
    actors = [("A1", "Accuser", "USA", [text.split()[0]])]
    second = statements[1]
    name = {"rejected": "Pyongyang", "position": "Moscow", "denied": "Russia"}[second[1]]
    actors.append(("A2", name, "XXX", [name + ("'s" if second[1] == "position" else "")]))
    if second[1] == "rejected":
        actors[1] = ("A2", "North Korea", "PRK", ["Pyongyang", "Pyongyang"])
    doc, record = build(nlp, text, actors, statements)
    out = claims(doc, record)
    assert len(out) == 1, [c.text for c in out]
    assert out[0].statements == ["S1", "S2"]
    assert out[0].denied_by == expected_denied
    assert out[0].contested


def test_a_denial_before_any_claim_still_forms_a_claim(nlp):
    text = "Moscow dismissed the allegations as baseless."
    doc, record = build(
        nlp, text, [("A1", "Russia", "RUS", ["Moscow"])], [("A1", "dismissed", "the allegations", "deny")]
    )
    (claim,) = claims(doc, record)
    assert claim.denied_by == ["A1"] and not claim.asserted_by and not claim.contested


@pytest.mark.parametrize(
    ("text", "content", "evidence"),
    [
        (
            "U.S. officials, citing satellite images, said Pyongyang shipped shells to Russia.",
            "Pyongyang shipped shells to Russia",
            ["satellite images"],
        ),
        (
            "A UN investigation found that the militia recruited child soldiers.",
            "the militia recruited child soldiers",
            ["UN investigation"],
        ),
        ("Moscow said, without evidence, that Kyiv shelled the plant.", "Kyiv shelled the plant", []),
        ("Officials provided no evidence that the vessel carried weapons.", "the vessel carried weapons", []),
        ("Unconfirmed reports said the singer had died.", "the singer had died", []),
    ],
)
def test_evidence_is_cited_only_when_not_negated(nlp, text, content, evidence):
    cue = {"citing": "said", "found": "found", "said,": "said", "provided": "provided", "Unconfirmed": "said"}
    key = next(k for k in cue if k in text)
    doc, record = build(nlp, text, [], [(None, cue[key], content, "assert")])
    (claim,) = claims(doc, record)
    assert [e.text for e in claim.evidence] == evidence
    assert claim.evidence_cited == bool(evidence)


def test_unattributed_framing_gives_the_author_doubt(nlp):
    text = "Moscow said, without evidence, that Kyiv shelled the plant."
    doc, record = build(
        nlp, text, [("A1", "Russia", "RUS", ["Moscow"])], [("A1", "said", "Kyiv shelled the plant", "assert")]
    )
    assert claims(doc, record)[0].author_stance == "doubt"


@pytest.mark.parametrize(
    ("extra", "voice", "techniques", "stance"),
    [
        ("These allegations are lies.", ["These allegations are lies."], [], "deny"),
        ("Nobody has seen the weapons.", [], [("Doubt", "Nobody has seen the weapons.")], "doubt"),
        (
            "Pyongyang has shipped millions of shells to Russia since August.",
            ["Pyongyang has shipped millions of shells to Russia since August."],
            [],
            "assert",
        ),
        ("The talks resume on Monday.", [], [], "none"),
    ],
)
def test_author_stance_from_voice_and_techniques(nlp, extra, voice, techniques, stance):
    text = "Washington alleged that Pyongyang shipped shells to Russia. " + extra
    doc, record = build(
        nlp,
        text,
        [("A1", "United States", "USA", ["Washington"])],
        [("A1", "alleged", "Pyongyang shipped shells to Russia", "assert")],
        voice=voice,
        techniques=techniques,
    )
    assert claims(doc, record)[0].author_stance == stance


def test_canonical_text_of_a_denied_gerund_takes_the_speaker_as_subject_and_keeps_its_form(nlp):
    text = "North Korea denied supplying weapons to Russia."
    doc, record = build(
        nlp,
        text,
        [("A1", "North Korea", "PRK", ["North Korea"])],
        [("A1", "denied", "supplying weapons to Russia", "deny")],
    )
    (claim,) = claims(doc, record)
    assert claim.text == "North Korea supplying weapons to Russia"
    assert claim.denied_by == ["A1"]


def test_no_statements_no_claims(nlp):
    doc = nlp("The talks resume on Monday.")
    assert claims(doc, Record(document=DocumentInfo(id="t", text=doc.text))) == []


def test_accused_of_gerund_appositive_charge_and_nested_such_claims(nlp):
    text = (
        "The United States has accused Pyongyang of supplying weapons for the war in Ukraine, "
        "a charge that North Korea has repeatedly rejected. "
        "It echoes Moscow's position that such claims are baseless."
    )
    actors = [
        ("A1", "United States", "USA", ["The United States"]),
        ("A2", "North Korea", "PRK", ["Pyongyang", "North Korea"]),
        ("A3", "Russia", "RUS", ["Moscow"]),
    ]
    doc, record = build(
        nlp,
        text,
        actors,
        [
            ("A1", "accused", "Pyongyang of supplying weapons for the war in Ukraine", "assert"),
            ("A2", "rejected", "a charge", "deny"),
            (None, "echoes", "Moscow's position that such claims are baseless", "assert"),
            ("A3", "position", "such claims are baseless", "assert"),
        ],
    )
    (claim,) = claims(doc, record)
    assert claim.text == "North Korea supplying weapons for the war in Ukraine"  # the actor's name
    assert claim.asserted_by == ["A1"]
    assert claim.denied_by == ["A2", "A3"]


# -- one proposition per claim: predicate family and arguments must agree ------------------
DRONES = (
    "Britain accused Iran of delivering attack drones to the Houthis last month. "
    "The European Union on Friday imposed sanctions on four Iranian shipping firms. "
    "An analyst said the deliveries had helped the Houthis extend their range. "
    "Tehran rejected the accusations. "
    "Foreign ministry spokesman Nasser Kanaani said: \u201cIran has not sent a single drone to Yemen.\u201d"
)
DRONE_ACTORS = [
    ("A1", "United Kingdom", "GBR", ["Britain"]),
    ("A2", "Iran", "IRN", ["Iran", "Iranian", "Tehran", "Iran"]),
    ("A3", "Houthis", None, ["Houthis", "Houthis"]),
    ("A4", "European Union", None, ["The European Union"]),
    ("A5", "Nasser Kanaani", "IRN", ["Nasser Kanaani"]),
    ("A6", "Yemen", "YEM", ["Yemen"]),
]
DRONE_STATEMENTS = [
    ("A1", "accused", "Iran of delivering attack drones to the Houthis last month", "assert"),
    (None, "imposed", "sanctions on four Iranian shipping firms", "assert"),
    (None, "said", "the deliveries had helped the Houthis extend their range", "assert"),
    ("A2", "rejected", "the accusations", "deny"),
    ("A5", "said", "Iran has not sent a single drone to Yemen.", "assert"),
]


def test_only_the_same_proposition_is_grouped(nlp):
    doc, record = build(nlp, DRONES, DRONE_ACTORS, DRONE_STATEMENTS)
    out = claims(doc, record)
    by_statements = {tuple(c.statements): c for c in out}
    assert set(by_statements) == {("S1", "S4", "S5"), ("S2",), ("S3",)}, [c.text for c in out]
    accusation = by_statements["S1", "S4", "S5"]
    assert accusation.text == "Iran delivering attack drones to the Houthis"  # accused X of doing → X did
    assert accusation.asserted_by == ["A1"]
    assert accusation.denied_by == ["A2", "A5"]  # "rejected the accusations"; a quoted negation
    assert accusation.contested
    assert not any(c.contested for c in out if c is not accusation)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # delivery family vs sanction: a shared topical word ("Iranian", "drones") is not enough
        ("Iran supplied drones to Russia", "the EU sanctioned Iranian drone makers", False),
        # same predicate family, same actors: the same claim
        ("Iran supplied drones to Russia", "Tehran shipped Shahed drones to Moscow", True),
        # same predicate, a different recipient
        ("Iran supplied drones to Russia", "Iran supplied drones to Sudan", False),
        # same predicate, a different object
        ("Iran supplied drones to Russia", "Iran supplied oil to Russia", False),
    ],
)
def test_grouping_needs_a_compatible_predicate_and_arguments(nlp, first, second, same):
    text = f"Kyiv said {first}. Officials said {second}."
    actors = [
        ("A1", "Ukraine", "UKR", ["Kyiv"]),
        ("A2", "Iran", "IRN", [w for w in ("Iran", "Tehran") if w in text]),
        ("A3", "Russia", "RUS", [w for w in ("Russia", "Moscow") if w in text]),
    ]
    if "Sudan" in text:
        actors.append(("A4", "Sudan", "SDN", ["Sudan"]))
    doc, record = build(
        nlp, text, actors, [("A1", "said", first, "assert"), (None, "said", second, "assert")]
    )
    assert (len(claims(doc, record)) == 1) == same


def test_a_bare_reference_joins_the_accused_claim_not_a_later_remark(nlp):
    text = (
        "Seoul accused Pyongyang of firing shells at a border island. "
        "A ministry spokesman said the talks would resume in May. "
        "North Korea dismissed the charges."
    )
    actors = [
        ("A1", "South Korea", "KOR", ["Seoul"]),
        ("A2", "North Korea", "PRK", ["Pyongyang", "North Korea"]),
        ("A3", "ministry spokesman", "KOR", ["ministry spokesman"]),
    ]
    doc, record = build(
        nlp,
        text,
        actors,
        [
            ("A1", "accused", "Pyongyang of firing shells at a border island", "assert"),
            ("A3", "said", "the talks would resume in May", "assert"),
            ("A2", "dismissed", "the charges", "deny"),
        ],
    )
    out = claims(doc, record)
    assert [c.statements for c in out] == [["S1", "S3"], ["S2"]]
    assert out[0].denied_by == ["A2"] and out[1].denied_by == []


# -- canonical texts -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "actors", "statement", "expected"),
    [
        # a nominal accusation: the noun phrase as written, its agent after it
        (
            "Kyiv accuses Tehran of new drone shipments",
            [("A1", "Ukraine", "UKR", ["Kyiv"]), ("A2", "Iran", "IRN", ["Tehran"])],
            ("A1", "accuses", "Tehran of new drone shipments", "assert"),
            "new drone shipments by Tehran",
        ),
        # "the country" resolved by the record to its actor; the date dropped
        (
            "The ministry said the country had exported rifles to Sudan on Monday.",
            [("A1", "Belarus", "BLR", ["the country"]), ("A2", "Sudan", "SDN", ["Sudan"])],
            (None, "said", "the country had exported rifles to Sudan on Monday", "assert"),
            "Belarus had exported rifles to Sudan",
        ),
        # a pronoun subject of reported speech: the speaker
        (
            "The African Union said it was sending observers to the border.",
            [("A1", "African Union", None, ["The African Union"])],
            ("A1", "said", "it was sending observers to the border", "assert"),
            "African Union was sending observers to the border",
        ),
        # a content cut off after its subject: the claim reads only the statement's words (the
        # statements stage completes such a content: statements.complete.complete_subject)
        (
            "Officials in Minsk said the plant sold engines to the army.",
            [],
            (None, "said", "the plant", "assert"),
            "the plant",
        ),
        # a content cut off before its object: no dangling preposition
        (
            "The envoy said the launches were a breach of the ceasefire agreement.",
            [],
            (None, "said", "the launches were a breach of", "assert"),
            "the launches were a breach",
        ),
    ],
)
def test_canonical_text_is_a_plain_proposition(nlp, text, actors, statement, expected):
    doc, record = build(nlp, text, actors, [statement])
    (claim,) = claims(doc, record)
    assert claim.text == expected
    assert len(claim.text.split()) <= 15


# -- the author's stance is toward the claim the author comments on ---------------------------
def test_author_doubt_goes_to_the_claim_the_author_refers_to(nlp):
    text = (
        "Washington accused Minsk of smuggling migrants across the border. "
        "Analysts said the harvest would be poor this year. "
        "Without a shred of evidence, the accusations keep piling up."
    )
    actors = [("A1", "United States", "USA", ["Washington"]), ("A2", "Belarus", "BLR", ["Minsk"])]
    doc, record = build(
        nlp,
        text,
        actors,
        [
            ("A1", "accused", "Minsk of smuggling migrants across the border", "assert"),
            (None, "said", "the harvest would be poor this year", "assert"),
        ],
    )
    out = claims(doc, record)
    assert [c.author_stance for c in out] == ["doubt", "none"]


def test_a_speakers_quoted_dismissal_is_not_the_authors_stance(nlp):
    text = (
        "Caracas said Guyana had moved troops to the border. "
        'Georgetown dismissed the reports as "lies and fabrications."'
    )
    actors = [("A1", "Venezuela", "VEN", ["Caracas"]), ("A2", "Guyana", "GUY", ["Guyana", "Georgetown"])]
    doc, record = build(
        nlp,
        text,
        actors,
        [
            ("A1", "said", "Guyana had moved troops to the border", "assert"),
            ("A2", "dismissed", "the reports", "deny"),
        ],
    )
    (claim,) = claims(doc, record)
    assert claim.denied_by == ["A2"] and claim.author_stance == "none"


# -- evidence goes to the claim it supports ----------------------------------------------------
def test_evidence_attaches_to_the_claim_whose_statement_cites_it(nlp):
    text = (
        "A UN panel said drone footage showed militiamen burning the village. "
        "The governor said the road to the capital had reopened."
    )
    doc, record = build(
        nlp,
        text,
        [],
        [
            (None, "said", "drone footage showed militiamen burning the village", "assert"),
            (None, "said", "the road to the capital had reopened", "assert"),
        ],
    )
    out = claims(doc, record)
    assert [[e.text for e in c.evidence] for c in out] == [["drone footage"], []]
    assert [c.evidence_cited for c in out] == [True, False]


def test_who_asserts_and_who_denies(nlp):
    text = (
        "Manila accused Beijing of ramming a supply boat near the shoal. "
        "Diplomats met on Friday to discuss the ramming. "
        "Foreign ministry spokeswoman Mao Ning said: \u201cThese accusations are baseless.\u201d "
        "Chinese state media repeated the allegations of Filipino provocations."
    )
    actors = [
        ("A1", "Philippines", "PHL", ["Manila"]),
        ("A2", "China", "CHN", ["Beijing"]),
        ("A3", "Diplomats", None, ["Diplomats"]),
        ("A4", "Mao Ning", "CHN", ["Mao Ning"]),
    ]
    doc, record = build(
        nlp,
        text,
        actors,
        [
            ("A1", "accused", "Beijing of ramming a supply boat near the shoal", "assert"),
            ("A3", "to discuss", "the ramming", "assert"),  # discussing is not asserting
            ("A4", "said", "These accusations are baseless.", "deny"),  # stays a denial
        ],
    )
    (claim,) = claims(doc, record)
    assert claim.statements == ["S1", "S2", "S3"]
    assert claim.asserted_by == ["A1"]
    assert claim.denied_by == ["A4"]
    assert claim.text == "China ramming a supply boat near the shoal"


# -- faithfulness: a claim text is written with its statements' own words --------------------------
FAITHFUL = [
    "North Korea denied supplying artillery shells to Russia, a ministry spokesman said.",
    "The ministry said the pro-Russian militia had shelled a T-shirt factory near Donetsk.",
    "Kyiv accuses Tehran of new drone shipments.",
    "U.S. officials said satellite images showed freight trains loading crates at Rajin.",
    '"No shells were ever delivered," the ministry said on Tuesday.',
    # words kept whole at hyphens and clitics; a passive non-reporting verb is not completed
    "The group said its anti-Semitism claims were so-called smears by cash-strapped rivals.",
    "The senator said the North Korean leaders’ ability to run a country was overrated.",
    "The aide said she’s ready for the debate.",
]


def _content_words(text: str) -> set[str]:
    import re

    from claimgraph.knowledge.stopwords import english_stop_words

    # an apostrophe at a word's end is a closing quotation mark or a plural possessive
    return {
        w.lower().rstrip("'\u2019") for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    } - english_stop_words()


@pytest.mark.parametrize("text", FAITHFUL)
def test_claim_texts_use_only_their_statements_words(analyzer, text):
    """Every content word of a claim text occurs in its statements (content, speaker) or names
    an actor they mention: no lemmatised verb, no invented word, hyphens kept."""
    record = analyzer.analyze(text)
    assert record.claims, "the sentence should give a claim"
    for claim in record.claims:
        allowed: set[str] = set()
        for sid in claim.statements:
            st = next(s for s in record.statements if s.id == sid)
            allowed |= _content_words(st.content.text)
            allowed |= _content_words(st.speaker_span.text if st.speaker_span else "")
            for actor in record.actors:
                if (
                    any(st.content.start <= m.start < st.content.end for m in actor.mentions)
                    or actor.id == st.speaker
                ):
                    allowed |= _content_words(actor.name)
        assert _content_words(claim.text) <= allowed, (claim.text, _content_words(claim.text) - allowed)


def test_a_commitment_is_no_claim(analyzer):
    record = analyzer.analyze('"We will never accept such provocations," the minister said.')
    assert [s.stance for s in record.statements] == ["commit"]
    assert record.claims == []  # not a denial of "We will accept such provocations"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word is never cut at a hyphen
        ("The ministry said his anti-Semitism was a cash-strapped campaign's tool.", "anti-Semitism"),
        ("The ministry said the so-called referendum was rigged.", "so-called"),
        # a plural possessive keeps its apostrophe
        ("The senator said the North Korean leaders’ ability was overrated.", "leaders’ ability"),
    ],
)
def test_claim_texts_keep_written_words_whole(analyzer, text, expected):
    record = analyzer.analyze(text)
    assert any(expected in c.text for c in record.claims), [c.text for c in record.claims]


def test_a_denials_contracted_modal_is_written_in_full(analyzer):
    record = analyzer.analyze('"Pyongyang won\u2019t send any troops," the ministry said.')
    texts = [c.text for c in record.claims]
    assert texts and all(" wo " not in f" {t} " for t in texts), texts
    assert any("will send" in t for t in texts), texts


def test_a_negation_outside_the_main_clause_is_kept(analyzer):
    record = analyzer.analyze("The ministry said the plan, which does not include sanctions, was approved.")
    texts = [c.text for c in record.claims]
    assert texts and all("not" in t for t in texts if "include" in t), texts


def test_whole_words_puts_back_the_parts_of_a_written_word(nlp):
    from claimgraph.stages.claims.text import _whole_words

    doc = nlp("He cited the so-called deal of the cash-strapped government and the leaders\u2019 ability.")
    span = doc[:]
    root = span.root
    words = {"deal", "called", "strapped", "government", "leaders", "ability"}
    kept = _whole_words([t for t in doc if t.text in words], span, root)
    texts = [t.text for t in kept]
    assert texts[texts.index("called") - 2 : texts.index("called") + 1] == ["so", "-", "called"]
    assert texts[texts.index("strapped") - 2 : texts.index("strapped") + 1] == ["cash", "-", "strapped"]
    assert texts[texts.index("leaders") + 1] == "\u2019"
    assert "." not in texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an object and its predicate, both on the cue: the claim is the whole small clause
        # (a request such as "urged the Minnesota Democrat to step down" makes no claim at all)
        (
            "He further described the incident as a terrible situation.",
            "the incident as a terrible situation",
        ),
        # "warned X that P": the claim is P
        ("Aides warned the president that the deal would collapse.", "the deal would collapse"),
    ],
)
def test_a_small_clause_content_is_not_cut_to_its_head_noun(analyzer, text, expected):
    record = analyzer.analyze(text)
    assert [c.text for c in record.claims] == [expected]


def test_not_just_x_but_y_is_never_cut_to_not_x(analyzer):
    record = analyzer.analyze(
        '"We see the Bible not just as a book of faith but as an accurate account of history," he said.'
    )
    texts = [c.text for c in record.claims]
    assert texts and all("not as" not in t for t in texts), texts


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Lisbon has called for restraint after the clash.", "has called for", "restraint"),
        ("The envoy urged Rabat to withdraw its trawlers.", "urged", "Rabat to withdraw its trawlers"),
        ("Farmers demanded that the border be reopened.", "demanded", "the border be reopened"),
    ],
)
def test_a_request_or_an_order_makes_no_claim(nlp, text, cue, content):
    doc, record = build(nlp, text, statements=[(None, cue, content, "assert")])
    assert claims(doc, record) == []


def test_called_with_a_predicate_is_a_statement_not_a_request(nlp):
    text = "The minister called the report a fabrication."
    doc, record = build(nlp, text, statements=[(None, "called", "the report a fabrication", "deny")])
    assert len(claims(doc, record)) == 1


def test_a_lone_word_that_states_nothing_makes_no_claim_but_a_pronoun_refers(nlp):
    text = 'The ministry said the convoy crossed the border. "None," the envoy said. The envoy denied it.'
    doc, record = build(
        nlp,
        text,
        statements=[
            (None, "said", "the convoy crossed the border", "assert"),
            (None, "the envoy said", "None", "deny"),
            (None, "denied", "it", "deny"),
        ],
    )
    (claim,) = claims(doc, record)
    assert claim.statements == ["S1", "S3"]


def test_denying_a_charge_clause_denies_the_charge_not_that_it_was_made(nlp):
    # a headline: "A accuses B of X; B denies" — B denies X
    text = (
        "Lisbon accuses Rabat of sending trawlers; Rabat denies. "
        "Portugal said Morocco had sent trawlers into its waters in May."
    )
    actors = [
        ("A1", "Portugal", "PRT", ["Lisbon", "Portugal"]),
        ("A2", "Morocco", "MAR", ["Rabat", "Rabat", "Morocco"]),
    ]
    doc, record = build(
        nlp,
        text,
        actors=actors,
        statements=[
            ("A2", "denies", "Lisbon accuses Rabat of sending trawlers", "deny"),
            ("A1", "said", "Morocco had sent trawlers into its waters in May", "assert"),
        ],
    )
    (claim,) = claims(doc, record)
    assert claim.statements == ["S1", "S2"]
    assert claim.denied_by == ["A2"] and claim.asserted_by == ["A1"] and claim.contested
    assert "accuses" not in claim.text
