"""Claim grouping on hand-built records: statements, actors, voice and techniques given, claims expected.

Each case is a text, its actors (id → name, country, mention strings) and its
statements (speaker id, cue, content, stance); spans are found in the text.
"""

from __future__ import annotations

import pytest

from claimgraph.extract.claims import claims, link_statements
from claimgraph.record import Actor, DocumentInfo, Record, Statement, Technique, Voice


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
    assert claim.text == "North Korea shipped artillery shells to Russia"
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


def test_canonical_text_of_a_denied_gerund_takes_the_speaker_as_subject(nlp):
    text = "North Korea denied supplying weapons to Russia."
    doc, record = build(
        nlp,
        text,
        [("A1", "North Korea", "PRK", ["North Korea"])],
        [("A1", "denied", "supplying weapons to Russia", "deny")],
    )
    (claim,) = claims(doc, record)
    assert claim.text == "North Korea supplied weapons to Russia"
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
    assert claim.text == "Pyongyang supplied weapons for the war in Ukraine"
    assert claim.asserted_by == ["A1"]
    assert claim.denied_by == ["A2", "A3"]
