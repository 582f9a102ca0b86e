"""Events: dates shared between mentions of one act, the report's date, temporal anaphora,
participle clauses, and the country of each side (transnational groups placed by the event's
place, domestic protests).

Sentences are written for these tests; actors are hand-made so that the tests do not
depend on the actors extractor.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.record import Actor, DocumentInfo, Event, Record, Span, Statement
from claimgraph.stages.events import events
from claimgraph.stages.events.dates import DateFinder, anaphoric_offset
from claimgraph.stages.events.places import side_countries


def _actor(text: str, actor_id: str, name: str, country: str | None, **kw: str) -> Actor:
    """An actor with every occurrence of ``name`` in ``text`` as a mention."""
    mentions, start = [], text.find(name)
    while start >= 0:
        mentions.append(Span.of(text, start, start + len(name)))
        start = text.find(name, start + 1)
    kind = kw.pop("kind", "state")
    return Actor(id=actor_id, name=name, kind=kind, country=country, mentions=mentions, **kw)  # type: ignore[arg-type]


def _record(
    text: str, published: str | None, *actors: Actor, statements: list[Statement] | None = None
) -> Record:
    return Record(
        document=DocumentInfo(id="t", text=text, published=published),
        actors=list(actors),
        statements=statements or [],
    )


def _by_trigger(evs: list[Event], word: str, nth: int = 0) -> Event:
    return [e for e in evs if e.trigger.text == word][nth]


# -- dates ----------------------------------------------------------------------------------
def test_a_mention_without_a_date_takes_the_date_of_the_same_act_elsewhere(nlp) -> None:
    text = (
        "Officials in Paris were unusually blunt about the decision. "
        "France expelled two Iranian diplomats on Tuesday after a long inquiry. "
        "Critics say France has expelled the diplomats too late."
    )
    record = _record(
        text, "2024-03-14", _actor(text, "A1", "France", "FRA"), _actor(text, "A2", "Iranian", "IRN")
    )
    evs = events(nlp(text), record)
    first, second = _by_trigger(evs, "expelled"), _by_trigger(evs, "expelled", 1)  # VBD, VBN
    assert (first.date.value, first.date.precision) == ("2024-03-12", "day")
    assert (second.date.value, second.date.precision, second.date.span.text) == (
        "2024-03-12",
        "day",
        "Tuesday",
    )


def test_a_possible_act_does_not_take_the_date_of_a_past_one(nlp) -> None:
    """Only acts reported as having happened share a date: "could meet again" is not the
    meeting of Tuesday; nothing in its sentence says when, so its precision is ``document``."""
    text = (
        "France met Iranian diplomats on Tuesday after a long inquiry. "
        "Officials said that France could meet Iranian diplomats again."
    )
    record = _record(
        text, "2024-03-14", _actor(text, "A1", "France", "FRA"), _actor(text, "A2", "Iranian", "IRN")
    )
    evs = events(nlp(text), record)
    past, later = _by_trigger(evs, "met"), _by_trigger(evs, "meet")
    assert (past.date.value, past.date.precision) == ("2024-03-12", "day")
    assert later.mode == "hypothetical" and later.root == past.root
    assert (later.date.value, later.date.precision) == ("2024-03-14", "document")


def test_another_act_of_the_same_actor_does_not_lend_its_date(nlp) -> None:
    text = (
        "Officials in Paris were unusually blunt about the decision. "
        "France expelled two Iranian diplomats on Tuesday after a long inquiry. "
        "Analysts noted that France has praised Germany for its restraint."
    )
    record = _record(
        text,
        "2024-03-14",
        _actor(text, "A1", "France", "FRA"),
        _actor(text, "A2", "Iranian", "IRN"),
        _actor(text, "A3", "Germany", "DEU"),
    )
    evs = events(nlp(text), record)
    praise = _by_trigger(evs, "praised")
    assert praise.date is not None and praise.date.precision == "document"


def test_a_present_act_in_a_dated_report_takes_the_reports_date(nlp) -> None:
    text = "The minister said on Wednesday that Germany rejects the Russian proposal."
    cue = Span.of(text, text.index("said"), text.index("said") + 4)
    content = Span.of(text, text.index("Germany"), len(text) - 1)
    st = Statement(id="S1", cue=cue, content=content, kind="indirect", stance="assert")
    record = _record(
        text,
        "2024-03-15",
        _actor(text, "A1", "Germany", "DEU"),
        _actor(text, "A2", "Russian", "RUS"),
        statements=[st],
    )
    reject = _by_trigger(events(nlp(text), record), "rejects")
    assert (reject.date.value, reject.date.precision, reject.date.span.text) == (
        "2024-03-13",
        "day",
        "Wednesday",
    )


def test_the_leads_day_is_not_lent_to_other_acts(nlp) -> None:
    """Nothing in the text says when Japan protested: precision ``document`` (issue 15)."""
    text = (
        "Japan and China held talks in Tokyo on Saturday, the first in a year.\n\n"
        "Japan protested to China over the detention of a fisherman."
    )
    record = _record(
        text, "2024-03-18", _actor(text, "A1", "Japan", "JPN"), _actor(text, "A2", "China", "CHN")
    )
    protest = _by_trigger(events(nlp(text), record), "protested")
    assert (protest.date.value, protest.date.precision) == ("2024-03-18", "document")


def test_a_part_of_the_day_named_before_takes_that_day(nlp) -> None:
    """Temporal anaphora: "in the afternoon", "the next day" resolve against the last day named."""
    text = (
        "Japan hosted a summit in Tokyo on Tuesday. "
        "Japan met China in the afternoon. "
        "The next day, Japan criticized China over the fishing dispute."
    )
    record = _record(
        text, "2024-03-18", _actor(text, "A1", "Japan", "JPN"), _actor(text, "A2", "China", "CHN")
    )
    evs = events(nlp(text), record)
    met = _by_trigger(evs, "met")
    assert (met.date.value, met.date.precision, met.date.span.text) == ("2024-03-12", "day", "the afternoon")
    criticized = _by_trigger(evs, "criticized")
    assert (criticized.date.value, criticized.date.precision) == ("2024-03-13", "day")


def test_an_anaphoric_time_with_no_day_before_it_dates_nothing(nlp) -> None:
    text = "Japan met China in the afternoon."
    record = _record(
        text, "2024-03-18", _actor(text, "A1", "Japan", "JPN"), _actor(text, "A2", "China", "CHN")
    )
    met = _by_trigger(events(nlp(text), record), "met")
    assert met.date.precision == "document"


def test_a_subjectless_participle_shares_its_hosts_date(nlp) -> None:
    """ "spent Thursday discussing": a participle clause has no tense of its own."""
    text = "The Japanese premier spent Thursday discussing the dispute with China."
    record = _record(
        text, "2024-03-18", _actor(text, "A1", "Japanese", "JPN"), _actor(text, "A2", "China", "CHN")
    )
    ev = _by_trigger(events(nlp(text), record), "discussing")
    assert (ev.date.value, ev.date.precision) == ("2024-03-14", "day")


def test_talks_intended_at_a_past_meeting_take_the_meetings_day(nlp) -> None:
    """ "met … on Friday to negotiate": the date hangs from the past meeting, so Friday is the
    one before publication, even for the intended talks."""
    text = "The Chilean foreign minister met his Peruvian counterpart on Friday to negotiate the border."
    record = _record(
        text, "2024-03-14", _actor(text, "A1", "Chilean", "CHL"), _actor(text, "A2", "Peruvian", "PER")
    )
    evs = events(nlp(text), record)
    met = _by_trigger(evs, "met")
    assert (met.date.value, met.date.precision) == ("2024-03-08", "day")
    talks = _by_trigger(evs, "negotiate")
    assert (talks.mode, talks.date.value) == ("intended", "2024-03-08")


def test_an_intended_act_with_its_own_date_looks_ahead(nlp) -> None:
    text = "The Chilean foreign minister said he would travel to Peru on Friday for border talks."
    record = _record(
        text, "2024-03-14", _actor(text, "A1", "Chilean", "CHL"), _actor(text, "A2", "Peru", "PER")
    )
    evs = [e for e in events(nlp(text), record) if e.date.precision == "day"]
    assert evs and all(e.date.value == "2024-03-15" for e in evs)


@pytest.mark.parametrize(
    ("expression", "offset"),
    [
        ("in the morning", 0),
        ("earlier in the day", 0),
        ("later that day", 0),
        ("the next day", 1),
        ("the day before", -1),
        ("this morning", None),  # deictic: the day of publication, dateparser's job
        ("Thursday", None),
        ("at night", None),  # no determiner: habitual as often as anaphoric
    ],
)
def test_anaphoric_offsets(expression: str, offset: int | None) -> None:
    assert anaphoric_offset(expression) == offset


def test_without_a_dated_lead_an_undated_act_keeps_the_document_date(nlp) -> None:
    text = "Japan protested to China over the detention of a fisherman."
    record = _record(
        text, "2024-03-18", _actor(text, "A1", "Japan", "JPN"), _actor(text, "A2", "China", "CHN")
    )
    protest = _by_trigger(events(nlp(text), record), "protested")
    assert (protest.date.value, protest.date.precision) == ("2024-03-18", "document")


# -- side countries -----------------------------------------------------------------------------
def _group_record(text: str) -> Record:
    return _record(
        text,
        None,
        _actor(text, "A1", "Islamic State", None, kind="organisation", sector="REB", code="IMGMUSISI"),
        _actor(text, "A2", "United Nations", None, kind="organisation", sector="IGO", code="IGOUNO"),
        _actor(text, "A3", "Abu Bakr", None, kind="person"),
        _actor(text, "A4", "Iraq", "IRQ"),
    )


def test_a_transnational_group_is_placed_where_the_event_happens() -> None:
    record = _group_record("Islamic State; United Nations; Abu Bakr; Iraq")
    assert side_countries(record, "A1", "A4", "19", "SYR") == ("SYR", "IRQ")
    assert side_countries(record, "A4", "A1", "19", "SYR") == ("IRQ", "SYR")
    assert side_countries(record, "A1", "A4", "19", None) == (None, "IRQ")


def test_a_person_and_an_international_body_are_not_placed_by_the_event() -> None:
    record = _group_record("Islamic State; United Nations; Abu Bakr; Iraq")
    assert side_countries(record, "A4", "A3", "17", "LBN") == ("IRQ", None)
    assert side_countries(record, "A2", "A4", "04", "CHE") == (None, "IRQ")


def test_a_protest_without_a_named_target_is_domestic() -> None:
    record = _group_record("Islamic State; United Nations; Abu Bakr; Iraq")
    assert side_countries(record, "A4", None, "14", None) == ("IRQ", "IRQ")
    assert side_countries(record, None, None, "14", "IDN") == ("IDN", "IDN")
    assert side_countries(record, "A4", None, "17", None) == ("IRQ", None)  # an arrest: whom, unsaid
    assert side_countries(record, None, "A4", "19", "SYR") == (None, "IRQ")


def test_force_with_no_target_named_falls_on_the_place_it_is_used_in() -> None:
    record = _group_record("Islamic State; United Nations; Abu Bakr; Iraq")
    assert side_countries(record, None, None, "19", "FRA") == (None, "FRA")  # "the attacks in Paris"
    assert side_countries(record, "A4", "A3", "19", "SYR") == ("IRQ", None)  # a person: not placed
    assert side_countries(record, None, None, "04", "FRA") == (None, None)  # talks in Paris: no target


def test_events_carry_the_country_of_each_side(nlp) -> None:
    text = "Islamic State fighters attacked Iraqi soldiers in Mosul."
    record = _record(
        text,
        None,
        _actor(text, "A1", "Islamic State", None, kind="organisation", sector="REB", code="IMGMUSISI"),
        _actor(text, "A2", "Iraqi", "IRQ"),
    )
    attack = _by_trigger(events(nlp(text), record), "attacked")
    assert (attack.source, attack.target) == ("A1", "A2")
    assert (attack.location.country, attack.source_country, attack.target_country) == ("IRQ", "IRQ", "IRQ")


# -- sides named by their phrase ------------------------------------------------------------------
PHRASES = [
    # sentence, trigger, (source country, target country)
    ("Hundreds of Kenyan teachers protested against the Ugandan government.", "protested", ("KEN", "UGA")),
    ("Angry crowds in Karachi protested on Friday.", "protested", ("PAK", "PAK")),
    ("Tibetan monks throughout Nepal demonstrated against Beijing.", "demonstrated", ("NPL", "CHN")),
]


@pytest.mark.parametrize(("text", "trigger", "countries"), PHRASES)
def test_a_side_without_an_actor_takes_the_country_its_phrase_names(nlp, text, trigger, countries) -> None:
    actors = [
        _actor(text, f"A{i}", name, iso)
        for i, (name, iso) in enumerate((("Ugandan government", "UGA"), ("Beijing", "CHN")), 1)
        if name in text
    ]
    ev = _by_trigger(events(nlp(text), _record(text, None, *actors)), trigger)
    assert (ev.source_country, ev.target_country) == countries


def test_a_demand_with_no_target_named_is_domestic(nlp) -> None:
    text = "The Egyptian opposition demanded early elections."
    record = _record(text, None, _actor(text, "A1", "Egyptian opposition", "EGY", kind="organisation"))
    ev = _by_trigger(events(nlp(text), record), "demanded")
    assert (ev.source, ev.target, ev.source_country, ev.target_country) == ("A1", None, "EGY", "EGY")


def test_an_obligation_in_someones_words_is_their_demand_of_the_obliged(nlp) -> None:
    text = "Norway said on Monday that Serbia must withdraw its troops from the border."
    record = _record(text, None, _actor(text, "A1", "Norway", "NOR"), _actor(text, "A2", "Serbia", "SRB"))
    ev = _by_trigger(events(nlp(text), record), "withdraw")
    assert (ev.root, ev.plover, ev.source, ev.target) == ("10", "REQUEST", "A1", "A2")
    text = "Serbia must withdraw its troops from the border."  # the author's own words: no one demands
    record = _record(text, None, _actor(text, "A1", "Serbia", "SRB"))
    ev = _by_trigger(events(nlp(text), record), "withdraw")
    assert ev.source == "A1"


DATE_SCOPE = [
    # sentence, trigger, (value, precision) with the document published on 2024-03-15
    ("Spain denied any role in the 2004 Madrid bombings.", "denied", ("2024-03-15", "document")),
    ("Germany condemned the militia, which was founded in 1998.", "condemned", ("2024-03-15", "document")),
    (
        "Officials said on Thursday that Germany expelled two Russian diplomats.",
        "expelled",
        ("2024-03-14", "day"),
    ),
    (
        "When the Spanish king toured Asia last November, he met the Chinese premier, "
        "who took office in 2013.",
        "met",
        ("2023-11", "month"),
    ),
    (
        "The rift began in 2019, when Germany criticized the Russian pipeline deal signed in 2015.",
        "criticized",
        ("2019", "year"),
    ),
]


@pytest.mark.parametrize(("text", "trigger", "expected"), DATE_SCOPE)
def test_a_date_dates_only_its_own_clause_and_thing(nlp, text, trigger, expected) -> None:
    actors = [
        _actor(text, f"A{i}", n, c)
        for i, (n, c) in enumerate(
            (
                ("Spain", "ESP"),
                ("Germany", "DEU"),
                ("Russian", "RUS"),
                ("Spanish", "ESP"),
                ("Chinese", "CHN"),
            ),
            1,
        )
        if n in text
    ]
    ev = _by_trigger(events(nlp(text), _record(text, "2024-03-15", *actors)), trigger)
    assert (ev.date.value, ev.date.precision) == expected


def test_an_unnamed_coercer_is_of_the_place() -> None:
    """ "A missionary was arrested in Lebanon": arrests are the acts of the authorities there."""
    text = "A Canadian missionary was arrested in Lebanon."
    record = _record(text, None, _actor(text, "A1", "Canadian missionary", "CAN", kind="person"))
    assert side_countries(record, None, "A1", "17", "LBN") == ("LBN", "CAN")
    assert side_countries(record, None, "A1", "19", "LBN") == (None, "CAN")  # an unnamed attacker is not


def test_an_undirected_protest_is_addressed_to_the_state_it_happens_in() -> None:
    text = "Palestinian prisoners rioted at a jail in northern Israel."
    record = _record(text, None)
    assert side_countries(record, None, None, "14", "ISR", named=("PSE", None)) == ("PSE", "ISR")
    assert side_countries(record, None, None, "14", None, named=("PSE", None)) == ("PSE", "PSE")
    assert side_countries(record, None, None, "11", "ISR", named=("PSE", None)) == ("PSE", "PSE")


def test_a_place_within_a_place(nlp) -> None:
    text = "Palestinian prisoners rioted at a jail in northern Israel."
    record = _record(text, None, _actor(text, "A1", "Israel", "ISR"))
    ev = _by_trigger(events(nlp(text), record), "rioted")
    assert ev.location is not None and ev.location.country == "ISR"
    assert (ev.source_country, ev.target_country) == ("PSE", "ISR")


# -- protests: what they are against, and by whom ----------------------------------------------
GRIEVANCES = [
    # sentence, trigger, (source country, target country)
    (
        "Some students are staging a sit-in in protest of the Chilean government's new tuition law.",
        "sit",
        ("CHL", "CHL"),
    ),
    (
        "Angry farmers blocked a highway to show their anger at the Mexican government.",
        "blocked",
        ("MEX", "MEX"),
    ),
    ("Thousands of people marched in Dhaka in defiance of the Indian embassy.", "marched", ("BGD", "IND")),
]


@pytest.mark.parametrize(("text", "trigger", "countries"), GRIEVANCES)
def test_a_protest_targets_the_actor_of_its_grievance(nlp, text, trigger, countries) -> None:
    """A protest with no target of its own is aimed at the first actor of what it is against
    (not the place it happens in); people with no country protest their own government."""
    names = (
        ("Chilean government", "CHL"),
        ("Mexican government", "MEX"),
        ("Indian embassy", "IND"),
        ("Dhaka", "BGD"),
    )
    actors = [_actor(text, f"A{i}", name, iso) for i, (name, iso) in enumerate(names, 1) if name in text]
    evs = [e for e in events(nlp(text), _record(text, None, *actors)) if e.root == "14"]
    assert evs, "no protest coded"
    assert (evs[0].source_country, evs[0].target_country) == countries


def test_a_protest_grievance_is_not_a_person_without_a_country(nlp) -> None:
    text = "Workers protested over the dismissal of their union leader John Mbeki."
    record = _record(text, None, _actor(text, "A1", "John Mbeki", None, kind="person"))
    evs = [e for e in events(nlp(text), record) if e.root == "14"]
    assert evs and all(e.target is None for e in evs)


def test_a_protest_is_placed_by_its_objects_place(nlp) -> None:
    text = "Thousands of people blocked streets in Hong Kong on Sunday."
    record = _record(text, None, _actor(text, "A1", "Hong Kong", "HKG"))
    ev = _by_trigger(events(nlp(text), record), "blocked")
    assert ev.location is not None and ev.location.country == "HKG"
    assert (ev.source_country, ev.target_country) == ("HKG", "HKG")


# -- targets further inside the clause -----------------------------------------------------------
def test_lifting_a_blockade_on_someone_targets_them(nlp) -> None:
    """A yielding act's "on" names its target ("lifted the blockade on X"), not a topic."""
    text = "Israel lifted the blockade on Palestinian fishing boats on Monday."
    record = _record(text, None, _actor(text, "A1", "Israel", "ISR"))
    ev = _by_trigger(events(nlp(text), record), "lifted")
    assert (ev.root, ev.source_country, ev.target_country) == ("08", "ISR", "PSE")


def test_the_subject_of_an_allowed_act_is_the_target(nlp) -> None:
    text = "Serbia refused to allow NATO planes to land."
    record = _record(
        text,
        None,
        _actor(text, "A1", "Serbia", "SRB"),
        _actor(text, "A2", "NATO", None, kind="organisation", sector="IGO", code="IGOWSTNAT"),
    )
    ev = _by_trigger(events(nlp(text), record), "refused")
    assert (ev.plover, ev.source, ev.target) == ("REJECT", "A1", "A2")


def test_a_framed_act_takes_the_target_of_its_purpose(nlp) -> None:
    text = "Canada is ready to send money to help rebuild Haiti."
    record = _record(text, None, _actor(text, "A1", "Canada", "CAN"), _actor(text, "A2", "Haiti", "HTI"))
    evs = events(nlp(text), record)
    assert any((e.source, e.target) == ("A1", "A2") for e in evs), [
        (e.trigger.text, e.source, e.target) for e in evs
    ]


def test_an_act_whose_named_target_is_its_own_source_keeps_its_source(nlp) -> None:
    """ "… killed two villagers and themselves": the target resolves to the source; the act is
    kept with its target unknown rather than lost."""
    text = "Iraqi soldiers shot two villagers and themselves."
    soldiers = _actor(text, "A1", "Iraqi soldiers", "IRQ", kind="organisation")
    start = text.index("themselves")
    soldiers.mentions.append(Span.of(text, start, start + len("themselves")))
    ev = _by_trigger(events(nlp(text), _record(text, None, soldiers)), "shot")
    assert (ev.source, ev.target, ev.source_country) == ("A1", None, "IRQ")


def test_a_person_known_by_name_only_is_of_the_country_they_deal_with() -> None:
    """In a demand, concession or criticism, a person with no known country facing a side of one
    country is of that country; in coercion or force they stay without one."""
    record = _group_record("Islamic State; United Nations; Abu Bakr; Iraq")
    assert side_countries(record, "A4", "A3", "10", None) == ("IRQ", "IRQ")  # a demand of him
    assert side_countries(record, "A3", "A4", "08", None) == ("IRQ", "IRQ")  # his concession
    assert side_countries(record, "A4", "A3", "17", None) == ("IRQ", None)  # an arrest
    assert side_countries(record, "A4", "A3", "19", None) == ("IRQ", None)  # an attack
    assert side_countries(record, "A2", "A3", "11", None) == (None, None)  # an IGO's criticism


def test_an_ethnic_group_is_of_the_country_it_lives_in(nlp) -> None:
    text = "Ethnic Uzbeks in southern Kyrgyzstan demanded autonomy."
    record = _record(text, None, _actor(text, "A1", "Uzbeks", "UZB", kind="organisation"))
    ev = _by_trigger(events(nlp(text), record), "demanded")
    assert (ev.source, ev.source_country, ev.target_country) == (None, "KGZ", "KGZ")
    text = "Uzbeks in southern Kyrgyzstan demanded autonomy."  # not said to be an ethnic group
    record = _record(text, None, _actor(text, "A1", "Uzbeks", "UZB", kind="organisation"))
    ev = _by_trigger(events(nlp(text), record), "demanded")
    assert (ev.source, ev.source_country) == ("A1", "UZB")


def test_a_date_is_not_the_agent_of_an_act(nlp) -> None:
    """ "last month's invasion by Russia": the possessive dates the act; the agent is Russia."""
    from claimgraph.stages.events.roles import RoleFinder

    text = "Last month's invasion by Russia shocked Europe."
    doc = nlp(text)
    noun = next(t for t in doc if t.text == "invasion")
    agent = RoleFinder(_record(text, None, _actor(text, "A1", "Russia", "RUS"))).possessor(noun)
    assert agent is not None and agent.text == "Russia"


def test_a_demand_is_addressed_to_the_subject_of_its_that_clause(nlp) -> None:
    text = "The opposition insisted on its demand that Zambia's government release the detainees."
    record = _record(
        text,
        None,
        _actor(text, "A1", "opposition", "ZMB", kind="organisation"),
        _actor(text, "A2", "Zambia's government", "ZMB", kind="state"),
    )
    ev = _by_trigger(events(nlp(text), record), "insisted")
    assert (ev.plover, ev.source, ev.target) == ("REQUEST", "A1", "A2")


def test_an_expected_actor_is_not_the_target_of_the_expectation(nlp) -> None:
    """Only verbs of permission or causation take their infinitive's subject as object."""
    text = "Uganda expects Kenya to send troops to Somalia."
    record = _record(text, None, _actor(text, "A1", "Uganda", "UGA"), _actor(text, "A2", "Kenya", "KEN"))
    evs = [e for e in events(nlp(text), record) if e.trigger.text == "expects"]
    assert all(e.target != "A2" for e in evs)
    text = "Uganda refused to let Kenya send troops to Somalia."
    record = _record(text, None, _actor(text, "A1", "Uganda", "UGA"), _actor(text, "A2", "Kenya", "KEN"))
    ev = _by_trigger(events(nlp(text), record), "refused")
    assert (ev.source, ev.target) == ("A1", "A2")


def test_the_target_of_a_to_object(nlp) -> None:
    """ "refused to commit to any assistance to Ukraine": the "to" of the "to"-object."""
    text = "Japan refused to commit to any military assistance to Ukraine."
    record = _record(text, None, _actor(text, "A1", "Japan", "JPN"), _actor(text, "A2", "Ukraine", "UKR"))
    ev = _by_trigger(events(nlp(text), record), "refused")
    assert (ev.plover, ev.source, ev.target) == ("REJECT", "A1", "A2")


def test_a_territory_named_as_a_country_is_a_place(nlp) -> None:
    """A territory the gazetteer lacks but the country names know ("the West Bank") places the act."""
    text = "Israel reimposed blockades in the West Bank on Friday."
    ev = _by_trigger(events(nlp(text), _record(text, None, _actor(text, "A1", "Israel", "ISR"))), "reimposed")
    assert ev.location is not None and ev.location.country == "PSE"
    assert (ev.source_country, ev.target_country) == ("ISR", "PSE")


def test_an_act_is_placed_by_its_when_clause(nlp) -> None:
    """ "killed three people when they opened fire in Nairobi": the same act, its place."""
    text = "Somali gunmen killed three people when they opened fire in Nairobi."
    record = _record(text, None, _actor(text, "A1", "Somali gunmen", "SOM", kind="organisation"))
    ev = _by_trigger(events(nlp(text), record), "killed")
    assert ev.location is not None and ev.location.country == "KEN"
    assert (ev.source_country, ev.target_country) == ("SOM", "KEN")


def test_an_ethnic_group_named_by_an_adjective_is_of_where_it_operates(nlp) -> None:
    text = "Some ethnic Uzbek militants operating in Kyrgyzstan attacked a police station."
    record = _record(text, None, _actor(text, "A1", "ethnic Uzbek militants", "UZB", kind="organisation"))
    ev = _by_trigger(events(nlp(text), record), "attacked")
    assert (ev.source, ev.source_country) == (None, "KGZ")


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str], ents: list[str]) -> Doc:
    """A hand-parsed sentence: the attachment under test does not depend on the parser."""
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=ents)


@pytest.mark.parametrize(
    ("subject", "subject_ent", "expected"),
    [
        # a named actor has no time of its own: "this year" (hung on it) dates the clause
        (["The", "Agency"], ["B-ORG", "I-ORG"], ("2020", "year")),
        # an event noun does: "the pledge this year" dates the pledge, not the clause
        (["The", "pledge"], ["O", "O"], None),
    ],
)
def test_a_date_hung_on_a_named_subject_dates_the_clause(
    subject: list[str], subject_ent: list[str], expected: tuple[str, str] | None
) -> None:
    words = [*subject, "this", "year", "has", "begun", "imposing", "tariffs", "."]
    heads = [1, 5, 3, 1, 5, 5, 5, 6, 5]
    deps = ["det", "nsubj", "det", "npadvmod", "aux", "ROOT", "xcomp", "dobj", "punct"]
    pos = ["DET", "NOUN", "DET", "NOUN", "AUX", "VERB", "VERB", "NOUN", "PUNCT"]
    ents = [*subject_ent, "B-DATE", "I-DATE", "O", "O", "O", "O", "O"]
    doc = _parsed(words, heads, deps, pos, ents)
    found = DateFinder("2020-06-07", doc).for_trigger(doc[:], doc[6])
    assert (None if found is None else (found.value, found.precision)) == expected


def test_a_threat_with_no_target_is_aimed_at_the_body_its_clause_names(nlp) -> None:
    """An accusation, rejection or threat with no target of its own is aimed at the first
    actor (a country or an international body) named after it in its clause, not at home."""
    text = "The Dutch prime minister threatened to walk out of the European Union."
    record = _record(
        text,
        None,
        _actor(text, "A1", "Dutch prime minister", "NLD", kind="person"),
        _actor(text, "A2", "European Union", None, kind="organisation", sector="IGO"),
    )
    evs = [e for e in events(nlp(text), record) if e.root == "13"]
    assert evs, "no threat coded"
    assert (evs[0].source, evs[0].target) == ("A1", "A2")


def test_a_threat_naming_no_one_stays_domestic(nlp) -> None:
    text = "The Dutch prime minister threatened to resign."
    record = _record(text, None, _actor(text, "A1", "Dutch prime minister", "NLD", kind="person"))
    evs = [e for e in events(nlp(text), record) if e.root == "13"]
    assert evs and (evs[0].target, evs[0].target_country) == (None, "NLD")


# -- sides the actors stage left as bare pronouns ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "trigger", "first", "second"),
    [
        # an unresolved "it" takes the actor that is the previous sentence's main subject
        (
            "The Malian government summoned the ambassador on Monday. It expelled three French diplomats.",
            "expelled",
            ("Malian government", "MLI", "state"),
            ("French diplomats", "FRA", "state"),
        ),
        # a chain of subject pronouns leads back to the named actor
        (
            "Ramaphosa arrived in Harare on Monday. He spoke for an hour. He criticised Zimbabwe.",
            "criticised",
            ("Ramaphosa", "ZAF", "person"),
            ("Zimbabwe", "ZWE", "state"),
        ),
        # "he" takes the only person the sentence before names
        (
            "The meetings showed Ramaphosa's impatience. In May, he criticised Zimbabwe.",
            "criticised",
            ("Ramaphosa", "ZAF", "person"),
            ("Zimbabwe", "ZWE", "state"),
        ),
    ],
)
def test_a_subject_pronoun_takes_the_actor_it_continues(nlp, text, trigger, first, second) -> None:
    actors = [
        _actor(text, ident, surface, country, kind=kind)
        for ident, (surface, country, kind) in (("A1", first), ("A2", second))
    ]
    record = _record(text, None, *actors)
    event = _by_trigger(events(nlp(text), record), trigger)
    assert (event.source, event.target) == ("A1", "A2")


@pytest.mark.parametrize(
    "text",
    [
        # "it" cannot stand for a person, nor "she" for an actor named "he" elsewhere
        "Ramaphosa arrived in Harare on Monday. It criticised Zimbabwe.",
        "Ramaphosa said he was tired. She criticised Zimbabwe.",
        # a pronoun does not reach past a sentence whose subject is no actor
        "Ramaphosa arrived in Harare. The talks began late. They criticised Zimbabwe.",
    ],
)
def test_a_pronoun_that_cannot_stand_for_the_antecedent_stays_unknown(nlp, text: str) -> None:
    person = _actor(text, "A1", "Ramaphosa", "ZAF", kind="person")
    if " he " in text:  # the actors stage resolved "he" to him
        start = text.index(" he ") + 1
        person.mentions.append(Span.of(text, start, start + 2))
    record = _record(text, None, person, _actor(text, "A2", "Zimbabwe", "ZWE"))
    evs = [e for e in events(nlp(text), record) if e.trigger.text == "criticised"]
    assert all(e.source is None for e in evs)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # an object pronoun stands for the last fitting actor named before it in its sentence
        ("Ghana called Togo reckless on Monday, accusing it of arming the rebels.", "A2"),
        # but never for the subject of its own clause
        ("Ghana accused it of arming the rebels.", None),
    ],
)
def test_an_object_pronoun_stands_for_the_last_actor_named_before_it(
    nlp, text: str, target: str | None
) -> None:
    record = _record(text, None, _actor(text, "A1", "Ghana", "GHA"), _actor(text, "A2", "Togo", "TGO"))
    accusing = [e for e in events(nlp(text), record) if e.trigger.text.startswith("accus")]
    if target is not None:
        assert [(e.source, e.target) for e in accusing] == [("A1", target)]
    assert all(e.target == target for e in accusing)


def test_a_state_that_protests_complains_officially(nlp) -> None:
    text = "Chile recalled its envoy to protest. Thousands of Chilean students protested in Santiago."
    record = _record(
        text,
        "2024-03-14",
        _actor(text, "A1", "Chile", "CHL"),
        _actor(text, "A2", "Chilean students", "CHL", kind="group", sector="EDU"),
    )
    evs = events(nlp(text), record)
    assert (_by_trigger(evs, "protest").cameo, _by_trigger(evs, "protest").plover) == ("114", "ACCUSE")
    assert _by_trigger(evs, "protested").cameo == "141"


def test_a_participle_modifying_a_noun_makes_the_noun_its_target(nlp) -> None:
    text = "Ottawa froze the assets of three Venezuelan officials accused of laundering money."
    record = _record(
        text, "2024-03-14", _actor(text, "A1", "Ottawa", "CAN"), _actor(text, "A2", "Venezuelan", "VEN")
    )
    accused = _by_trigger(events(nlp(text), record), "accused")
    assert (accused.source, accused.target) == ("A1", "A2")  # the charge is the sanctioner's
    text = "Police in Lagos freed two Ghanaian girls abducted last year."
    record = _record(
        text,
        "2024-03-14",
        _actor(text, "A1", "Police", "NGA", kind="organisation"),
        _actor(text, "A2", "Ghanaian", "GHA"),
    )
    abducted = _by_trigger(events(nlp(text), record), "abducted")
    assert (abducted.source, abducted.target) == (None, "A2")  # not the police's act


def test_an_act_of_purpose_addresses_the_host_verbs_object(nlp) -> None:
    text = "The Chilean minister met his Peruvian counterpart in Lima on Friday to discuss the border."
    record = _record(
        text,
        "2024-03-14",
        _actor(text, "A1", "Chilean minister", "CHL", kind="person"),
        _actor(text, "A2", "Peruvian counterpart", "PER", kind="person"),
    )
    discuss = _by_trigger(events(nlp(text), record), "discuss")
    assert (discuss.source, discuss.target) == ("A1", "A2")
