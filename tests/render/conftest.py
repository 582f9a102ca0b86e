"""Hand-made records for the renderer tests: no parsing, spans found by substring."""

from __future__ import annotations

import pytest

from claimgraph.record import (
    Actor,
    Claim,
    DocumentInfo,
    Event,
    Record,
    Span,
    Statement,
    Technique,
    Voice,
)

ARTICLE = """\
Moscow rejects "baseless" claims over shell deliveries

Russia on Tuesday denied reports that North Korea had shipped artillery shells to its forces, \
calling the allegations "a cynical smear campaign cooked up by hostile capitals".

Kremlin spokesman Dmitry Peskov told reporters that there had been no deliveries of any kind. \
"Without a shred of proof, the allegations keep coming," Peskov said. "End of story."

U.S. Secretary of State Antony Blinken said on Monday that Washington had evidence of at least \
ten shipments, and the Treasury imposed sanctions on three Russian shipping firms.

Chinese Foreign Minister Wang Yi met Blinken in Jakarta, where the two discussed the war. \
The reckless escalation shows the West has learned nothing.
"""


def find(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def _technique(text: str, label: str, needle: str, score: float, **kw: str) -> Technique:
    sp = find(text, needle)
    return Technique(label=label, start=sp.start, end=sp.end, text=sp.text, score=score, **kw)  # type: ignore[arg-type]


def _voice(text: str, needle: str, kind: str, score: float) -> Voice:
    sp = find(text, needle)
    return Voice(start=sp.start, end=sp.end, text=sp.text, kind=kind, score=score)  # type: ignore[arg-type]


def build_sample(text: str = ARTICLE) -> Record:
    """A record with every part filled, over ``ARTICLE``."""
    t = text
    actors = [
        Actor(
            id="A1",
            name="Russia",
            kind="state",
            country="RUS",
            sector="GOV",
            code="RUSGOV",
            mentions=[find(t, "Moscow"), find(t, "Russia", 0)],
        ),
        Actor(
            id="A2",
            name="Dmitry Peskov",
            kind="person",
            country="RUS",
            sector="GOV",
            code="RUSGOV",
            title="Kremlin spokesman",
            mentions=[find(t, "Dmitry Peskov"), find(t, "Peskov", 1)],
        ),
        Actor(
            id="A3",
            name="North Korea",
            kind="state",
            country="PRK",
            sector="GOV",
            code="PRKGOV",
            mentions=[find(t, "North Korea")],
        ),
        Actor(
            id="A4",
            name="Antony Blinken",
            kind="person",
            country="USA",
            sector="GOV",
            code="USAGOV",
            title="Secretary of State",
            mentions=[find(t, "Antony Blinken"), find(t, "Blinken", 1)],
        ),
        Actor(
            id="A5",
            name="United States",
            kind="state",
            country="USA",
            sector="GOV",
            code="USAGOV",
            mentions=[find(t, "Washington"), find(t, "Treasury")],
        ),
        Actor(
            id="A6",
            name="Wang Yi",
            kind="person",
            country="CHN",
            sector="GOV",
            code="CHNGOV",
            mentions=[find(t, "Wang Yi")],
        ),
        Actor(
            id="A7",
            name="Western governments",
            kind="group",
            members=["USA", "GBR", "FRA", "DEU", "CAN"],
            mentions=[find(t, "the West")],
        ),
    ]
    statements = [
        Statement(
            id="S1",
            speaker="A1",
            speaker_span=find(t, "Russia", 0),
            cue=find(t, "denied"),
            content=find(t, "reports that North Korea had shipped artillery shells to its forces"),
            kind="indirect",
            stance="deny",
            cue_class="denial",
            claim="C1",
        ),
        Statement(
            id="S2",
            speaker="A2",
            speaker_span=find(t, "Dmitry Peskov"),
            cue=find(t, "told reporters"),
            content=find(t, "there had been no deliveries of any kind"),
            kind="indirect",
            stance="deny",
            claim="C1",
        ),
        Statement(
            id="S3",
            speaker="A2",
            speaker_span=find(t, "Peskov", 1),
            cue=find(t, "said", 0),
            content=find(t, "Without a shred of proof, the allegations keep coming,"),
            kind="direct",
            stance="doubt",
            hedged=False,
            cue_class="neutral",
        ),
        Statement(
            id="S4",
            speaker="A4",
            speaker_span=find(t, "Antony Blinken"),
            cue=find(t, "said on Monday"),
            content=find(t, "Washington had evidence of at least ten shipments"),
            kind="indirect",
            stance="assert",
            hedged=True,
            claim="C1",
        ),
        Statement(
            id="S5",
            speaker=None,
            cue=None,
            content=find(t, "the two discussed the war"),
            kind="according_to",
            stance="question",
        ),
    ]
    claims = [
        Claim(
            id="C1",
            text="North Korea shipped artillery shells to Russia",
            statements=["S1", "S2", "S4"],
            asserted_by=["A4"],
            denied_by=["A1", "A2"],
            author_stance="doubt",
            evidence_cited=True,
            evidence=[find(t, "evidence of at least ten shipments")],
            contested=True,
            check_worthiness=0.93,
        ),
    ]
    events = [
        Event(
            id="E1",
            source="A1",
            target="A3",
            cameo="016",
            root="01",
            label="Deny responsibility",
            plover="REJECT",
            goldstein=-5.0,
            quad_class=3,
            trigger=find(t, "denied"),
            sentence=find(t, "Russia on Tuesday denied reports"),
            statement="S1",
        ),
        Event(
            id="E2",
            source="A5",
            target="A1",
            cameo="163",
            root="16",
            label="Impose embargo, boycott, or sanctions",
            plover="SANCTION",
            goldstein=-8.0,
            quad_class=4,
            trigger=find(t, "imposed sanctions"),
            sentence=find(t, "the Treasury imposed sanctions on three Russian shipping firms"),
        ),
        Event(
            id="E3",
            source="A6",
            target="A4",
            cameo="040",
            root="04",
            label="Consult",
            plover="CONSULT",
            goldstein=1.0,
            quad_class=1,
            trigger=find(t, "met"),
            sentence=find(t, "Chinese Foreign Minister"),
            negated=False,
        ),
    ]
    techniques = [
        _technique(t, "Loaded_Language", "baseless", 0.81),
        _technique(
            t, "Name_Calling,Labeling", "a cynical smear campaign", 0.77, speaker="A1", statement="S1"
        ),
        _technique(t, "Loaded_Language", "cynical smear campaign cooked up", 0.72, speaker="A1"),
        _technique(t, "Doubt", "Without a shred of proof", 0.66),  # inside S3: credited to Peskov
        _technique(t, "Thought-terminating_Cliches", "End of story.", 0.9, speaker="A2"),
        _technique(t, "Loaded_Language", "reckless escalation", 0.84),
        _technique(t, "Causal_Oversimplification", "shows the West has learned nothing", 0.58),
    ]
    voice = [
        _voice(t, "The reckless escalation shows the West has learned nothing.", "author_evaluation", 0.88),
    ]
    return Record(
        document=DocumentInfo(
            id="sample/shells.html",
            title="Moscow rejects “baseless” claims over shells",
            source="Example Wire",
            published="2024-01-09",
            url="https://example.org/shells",
            warnings=[],
            text=t,
        ),
        actors=actors,
        statements=statements,
        claims=claims,
        events=events,
        techniques=techniques,
        voice=voice,
        generator={"claimgraph": "0.1.0", "spacy_model": "en_core_web_sm"},
    )


@pytest.fixture
def sample() -> Record:
    return build_sample()


@pytest.fixture
def empty() -> Record:
    return Record(document=DocumentInfo(id="empty.txt", text=""))
