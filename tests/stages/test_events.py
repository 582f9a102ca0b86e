"""Events: CAMEO codes, moods, negation, roles (passive, coordination, groups), statements.

Sentences are written for these tests (not from the CAMEO manual). Roles are
checked with hand-made actors so that the tests do not depend on the actors
extractor.
"""

from __future__ import annotations

import pytest

from claimgraph.knowledge.cameo import MOODS, cameo_code, cameo_codes, event_lexicon
from claimgraph.record import Actor, DocumentInfo, Event, Record, Span, Statement
from claimgraph.stages.events import events


def _record(text: str, actors: dict[str, str] | None = None) -> Record:
    """A record whose actors are every occurrence of the given names (name -> ISO3 country)."""
    out = []
    for i, (name, country) in enumerate((actors or {}).items(), 1):
        mentions, start = [], text.find(name)
        while start >= 0:
            mentions.append(Span.of(text, start, start + len(name)))
            start = text.find(name, start + 1)
        out.append(Actor(id=f"A{i}", name=name, kind="state", country=country, mentions=mentions))
    return Record(document=DocumentInfo(id="t", text=text), actors=out)


def _events(nlp, text: str, actors: dict[str, str] | None = None) -> tuple[Record, list[Event]]:
    record = _record(text, actors)
    return record, events(nlp(text), record)


def _codes(evs: list[Event]) -> list[str]:
    return [e.cameo for e in evs]


# -- codes: sentence -> the code of the main event, its trigger -------------------------------
CODES = [
    ("Germany summoned the Russian ambassador on Monday.", "110", "summoned"),
    ("Turkey recalled its ambassador to Israel.", "161", "recalled"),
    ("Poland expelled three Russian diplomats.", "161", "expelled"),
    ("The European Union imposed sanctions on Belarus.", "163", "imposed"),
    ("Britain froze the assets of two Russian banks.", "163", "froze"),
    ("Washington designated the group as a terrorist organization.", "163", "designated"),
    ("The foreign ministers met in Geneva on Tuesday.", "040", "met"),
    ("The president visited Kyiv on Friday.", "042", "visited"),
    ("Egypt hosted the Israeli prime minister in Cairo.", "043", "hosted"),
    ("Biden spoke with Xi by phone on Thursday.", "041", "spoke"),
    ("The two sides held talks in Doha.", "046", "held"),
    ("The minister praised Japan's support for the plan.", "051", "praised"),
    ("France condemned the attack on the embassy.", "111", "condemned"),
    ("Iran accused Israel of sabotage at the nuclear site.", "1125", "accused"),
    ("The Kremlin denied the allegations.", "016", "denied"),
    ("Moscow cancelled the agreement on grain exports.", "160", "cancelled"),
    ("The prime minister cancelled his visit to Beijing.", "161", "cancelled"),
    ("The two countries signed a trade agreement.", "057", "signed"),
    ("Rebels released the hostages on Sunday.", "0841", "released"),
    ("Police arrested dozens of protesters in the capital.", "173", "arrested"),
    ("Thousands of people demonstrated in the capital.", "141", "demonstrated"),
    ("The army shelled the town overnight.", "194", "shelled"),
    ("The regime executed two opposition activists.", "1823", "executed"),
    ("The militants beheaded a foreign hostage.", "1823", "beheaded"),
    ("The army launched a reprisal against the rebels.", "190", "reprisal"),
]


@pytest.mark.parametrize(("text", "code", "trigger"), CODES)
def test_codes(nlp, text: str, code: str, trigger: str) -> None:
    _, evs = _events(nlp, text)
    assert evs, f"no event in {text!r}"
    assert evs[0].cameo == code
    assert evs[0].trigger.text == trigger


# -- intent vs. action, appeals, demands, rejections ---------------------------------------------
MOOD_CASES = [
    ("Russia threatened to impose sanctions on Ukraine.", "1312"),  # threat, not 163
    ("Russia imposed sanctions on Ukraine.", "163"),
    ("China and Russia agreed to meet next week.", "036"),  # intent, not 04x
    ("The foreign minister will visit Tokyo in June.", "036"),
    ("Washington urged Beijing to release the detained activists.", "0253"),
    ("The UN called on both sides to negotiate.", "026"),
    ("Japan pledged military aid to the Philippines.", "0332"),
    ("The government refused to lift the curfew.", "1241"),
    ("Iran rejected the proposal for talks.", "125"),
    ("The union demanded that the government release the prisoners.", "1053"),
    ("Syria said it will not accept more refugees.", "1223"),
    ("Iran vowed retaliation against Israel.", "1384"),  # a threat of force, not intent to cooperate
]


@pytest.mark.parametrize(("text", "code"), MOOD_CASES)
def test_moods(nlp, text: str, code: str) -> None:
    _, evs = _events(nlp, text)
    assert evs and evs[0].cameo == code, _codes(evs)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("There was cooperation between Iraqi and Lebanese authorities.", "060"),
        ("Experts praised the growing German-Dutch cooperation.", "060"),
        ("The US-China talks resumed in Geneva.", "046"),
    ],
)
def test_joint_sides_named_in_one_modifier(nlp, text: str, code: str) -> None:
    """ "between Iraqi and Lebanese authorities", "German-Dutch": reciprocal events by country."""
    _, evs = _events(nlp, text)
    sides = {(e.source_country, e.target_country) for e in evs if e.cameo == code}
    assert len(sides) == 2 and all(a != b for a, b in sides), sides
    assert {a for a, _ in sides} == {b for _, b in sides}


def test_an_expectation_in_the_passive_types_the_expected_act(nlp) -> None:
    """ "were expected to discuss": no one expresses an intent; PLOVER types the discussion."""
    _, evs = _events(nlp, "The leaders were expected to discuss the crisis with Japan.", {"Japan": "JPN"})
    assert [(e.plover, e.mode) for e in evs] == [("CONSULT", "intended")]


@pytest.mark.parametrize(
    ("text", "plover", "sides"),
    [
        ("Biden is expected to meet Putin in Geneva next week.", "CONSULT", ("USA", "RUS")),
        ("Putin is slated to visit Iran on Monday.", "CONSULT", ("RUS", "IRN")),
        ("China is scheduled to host the summit with Russia.", "CONSULT", ("CHN", "RUS")),
        ("Germany was supposed to deliver tanks to Ukraine.", "AID", ("DEU", "UKR")),
        ("Israel is set to release Hamas prisoners.", "RETREAT", ("ISR", "PSE")),
    ],
)
def test_the_subject_of_an_expectation_is_the_source_of_the_expected_act(
    nlp, text: str, plover: str, sides: tuple[str, str]
) -> None:
    """ "X is expected / slated / scheduled / supposed / set to <act> Y": X's act, to come."""
    actors = {"Biden": "USA", "Putin": "RUS", "Iran": "IRN", "China": "CHN", "Russia": "RUS"}
    actors |= {"Germany": "DEU", "Ukraine": "UKR", "Israel": "ISR", "Hamas": "PSE"}
    _, evs = _events(nlp, text, {k: v for k, v in actors.items() if k in text})
    assert [(e.plover, e.source_country, e.target_country, e.mode) for e in evs] == [
        (plover, *sides, "intended")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russia is expected to comment on China's decision.",
        "Russia is expected to say more about China on Friday.",
        "The vote on Russia is expected on Tuesday.",
    ],
)
def test_an_expectation_of_words_or_of_nothing_is_no_event(nlp, text: str) -> None:
    _, evs = _events(nlp, text, {"Russia": "RUS", "China": "CHN"})
    assert evs == [], [(e.cameo, e.trigger.text) for e in evs]


def test_whom_someone_expects_to_act_is_the_source(nlp) -> None:
    """ "Biden expects Putin to meet Macron": Putin's meeting, to come (no intent of Biden's);
    "Russia expects to sign": Russia's own intent (CAMEO 03x, by the subject)."""
    actors = {"Biden": "USA", "Putin": "RUS", "Macron": "FRA"}
    _, evs = _events(nlp, "Biden said he expects Putin to meet Macron in Geneva.", actors)
    assert [(e.plover, e.source_country, e.target_country, e.mode) for e in evs] == [
        ("CONSULT", "RUS", "FRA", "intended")
    ]
    _, evs = _events(nlp, "Russia expects to sign the deal with China.", {"Russia": "RUS", "China": "CHN"})
    assert [(e.trigger.text, e.source_country) for e in evs] == [("expects", "RUS")]


@pytest.mark.parametrize(
    ("text", "protest"),
    [
        ("Thousands of Russians demonstrated in Moscow.", True),
        ("Japan and Korea demonstrated their unity against China.", False),
        ("Netanyahu rallied supporters in Israel.", False),
    ],
)
def test_demonstrating_something_is_no_protest(nlp, text: str, protest: bool) -> None:
    actors = {"Japan": "JPN", "Korea": "KOR", "China": "CHN", "Netanyahu": "ISR"}
    _, evs = _events(nlp, text, {k: v for k, v in actors.items() if k in text})
    assert any(e.root == "14" for e in evs) == protest, [(e.cameo, e.trigger.text) for e in evs]


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("Iran insisted that Israel stop the attacks.", True),
        ("Iran insists that Israel must stop the attacks.", True),
        ("Iran insisted that Israel was behind the attacks.", False),
        ("Iran insists that Israel is planning the attacks.", False),
    ],
)
def test_insisting_on_a_fact_is_no_demand(nlp, text: str, demand: bool) -> None:
    """ "insisted that Israel stop": a demand; "insisted that Israel was behind": a claim."""
    _, evs = _events(nlp, text, {"Iran": "IRN", "Israel": "ISR"})
    assert any(e.root == "10" for e in evs) == demand, [(e.cameo, e.trigger.text) for e in evs]
    assert all(e.mode != "demanded" for e in evs) or demand


@pytest.mark.parametrize(
    "text",
    [
        "Russia held no talks with Ukraine.",
        "No talks with Ukraine were held by Russia.",
        "Russia reached no agreement with Ukraine.",
    ],
)
def test_an_act_whose_noun_is_denied_by_no_is_negated(nlp, text: str) -> None:
    _, evs = _events(nlp, text, {"Russia": "RUS", "Ukraine": "UKR"})
    assert evs and all(e.negated and e.mode == "negated" for e in evs), [(e.cameo, e.mode) for e in evs]


def test_an_expected_announcement_keeps_the_act_it_announces(nlp) -> None:
    text = "Biden is expected to announce that Germany will send aid to Ukraine."
    _, evs = _events(nlp, text, {"Biden": "USA", "Germany": "DEU", "Ukraine": "UKR"})
    # "will send aid": CAMEO's intent to give aid (033), as any future act of Germany's
    assert [(e.cameo, e.source_country, e.target_country) for e in evs] == [("033", "DEU", "UKR")]


def test_the_passive_subject_of_a_control_verb_does_the_infinitive(nlp) -> None:
    """ "Russia was forced by Ukraine to withdraw": Russia withdraws, Ukraine forces."""
    text = "Russia was forced by Ukraine to withdraw its troops."
    _, evs = _events(nlp, text, {"Russia": "RUS", "Ukraine": "UKR"})
    withdraw = [e for e in evs if e.trigger.text == "withdraw"]
    assert withdraw and withdraw[0].source_country == "RUS", [(e.trigger.text, e.source) for e in evs]


@pytest.mark.parametrize(
    "text",
    [
        "Obama discussed North Korea's nuclear weapons with Japan.",
        "North Korea conducted a fourth nuclear bomb test.",
        "You cannot let Iran have a nuclear weapon.",
        "Ukraine asked Germany for missiles and drones.",
    ],
)
def test_a_weapon_is_an_instrument_not_an_act(nlp, text: str) -> None:
    actors = {"North Korea": "PRK", "Japan": "JPN", "Iran": "IRN", "Ukraine": "UKR", "Germany": "DEU"}
    _, evs = _events(nlp, text, {k: v for k, v in actors.items() if k in text})
    assert not [e for e in evs if e.root in ("18", "19", "20")], [(e.cameo, e.trigger.text) for e in evs]


@pytest.mark.parametrize(
    ("text", "code", "trigger"),
    [
        ("Syria used chemical weapons against the rebels.", "2041", "used"),
        ("Israel dropped bombs on Gaza.", "195", "dropped"),
        ("Hamas fired rockets at Israel.", "194", "fired"),
        ("A car bomb killed 20 people in Baghdad.", "1832", "killed"),
        ("A car bomb exploded in Baghdad on Sunday.", "1832", "exploded"),
        ("The bombs went off in Brussels on Tuesday.", "183", "went"),
    ],
)
def test_the_use_of_a_weapon_is_the_act(nlp, text: str, code: str, trigger: str) -> None:
    """The verbs of a weapon's use are the act, and the weapon narrows it ("car bomb" → 1832)."""
    _, evs = _events(
        nlp, text, {k: v for k, v in {"Syria": "SYR", "Israel": "ISR", "Hamas": "PSE"}.items() if k in text}
    )
    assert [(e.cameo, e.trigger.text) for e in evs][:1] == [(code, trigger)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Israel and Hamas reached a cease-fire agreement.", "030"),
        ("Russia and Ukraine struck a deal on grain exports.", "030"),  # not an attack
        ("Israel and Hamas reached a truce.", "0871"),
    ],
)
def test_an_agreement_reached_is_agreement(nlp, text: str, code: str) -> None:
    """ "reached / struck / sealed a deal": PETRARCH2's reach block (030); a truce reached is declared."""
    actors = {"Israel": "ISR", "Hamas": "PSE", "Russia": "RUS", "Ukraine": "UKR"}
    _, evs = _events(nlp, text, {k: v for k, v in actors.items() if k in text})
    assert {e.cameo for e in evs} == {code}
    assert len({(e.source_country, e.target_country) for e in evs}) == 2  # reciprocal


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Biden called Putin a killer.", "111"),
        ("Germany labeled Russia a threat to peace.", "111"),
        ("Biden described Putin as a dictator.", "111"),
        ("Biden called Putin a great leader.", "051"),
        ("Biden called Putin on Monday.", "041"),  # a phone call
    ],
)
def test_calling_someone_something_is_a_judgement_not_a_phone_call(nlp, text: str, code: str) -> None:
    """ "called Putin a killer": criticism by words of blame, praise by words of praise."""
    _, evs = _events(nlp, text, {"Biden": "USA", "Putin": "RUS", "Germany": "DEU", "Russia": "RUS"})
    assert [(e.cameo, e.source_country, e.target_country) for e in evs] == [
        (code, "DEU" if "Germany" in text else "USA", "RUS")
    ]


@pytest.mark.parametrize(
    "text",
    ["Trump called the Philippines a special place.", "What Russia calls a special operation began in May."],
)
def test_a_naming_without_praise_or_blame_is_no_event(nlp, text: str) -> None:
    _, evs = _events(nlp, text, {"Trump": "USA", "Philippines": "PHL", "Russia": "RUS"})
    assert evs == [], [(e.cameo, e.trigger.text) for e in evs]


def test_a_past_verb_hung_on_a_modal_complement_is_the_governors_second_verb(nlp) -> None:
    """ "Putin forecast that the economy would rebound and praised China": Putin praised, and
    the praise happened (the parser coordinates "praised" with "would rebound")."""
    text = "Putin forecast that the slumping economy would soon rebound and praised China."
    _, evs = _events(nlp, text, {"Putin": "RUS", "China": "CHN"})
    praise = [(e.source_country, e.target_country, e.mode) for e in evs if e.trigger.text == "praised"]
    assert praise == [("RUS", "CHN", "asserted")]


def test_a_future_act_keeps_the_intent_plover_codes() -> None:
    """ "will meet": CAMEO 036, PLOVER AGREE, as PLOVER's gold records code it."""
    info = cameo_code("036")
    assert info is not None and info.plover == "AGREE"


def test_the_execution_of_a_plan_is_no_event(nlp) -> None:
    _, evs = _events(nlp, "Iraq executed the reform plan. Iraq announced the execution of the plan.")
    assert not [e for e in evs if e.root == "18"], _codes(evs)


def test_negation(nlp) -> None:
    _, evs = _events(nlp, "The president did not meet the Iranian delegation.")
    assert evs[0].cameo == "040" and evs[0].negated
    _, evs = _events(nlp, "The president met the Iranian delegation.")
    assert not evs[0].negated


def test_alleged_acts_are_not_events(nlp) -> None:
    _, evs = _events(nlp, "Ukraine accused Russia of shelling the power plant.")
    assert _codes(evs) == ["1123"]  # accused of aggression; the shelling itself is not an event


# -- roles -------------------------------------------------------------------------------------
def _ids(record: Record, ev: Event) -> tuple[str | None, str | None]:
    src, tgt = record.actor(ev.source), record.actor(ev.target)
    return (src.country if src else None, tgt.country if tgt else None)


def test_active_roles(nlp) -> None:
    record, evs = _events(
        nlp, "Germany summoned the Russian ambassador.", {"Germany": "DEU", "Russian": "RUS"}
    )
    assert _ids(record, evs[0]) == ("DEU", "RUS")


def test_passive_roles(nlp) -> None:
    text = "Venezuela was sanctioned by the United States on Friday."
    record, evs = _events(nlp, text, {"Venezuela": "VEN", "United States": "USA"})
    assert evs[0].cameo == "163"
    assert _ids(record, evs[0]) == ("USA", "VEN")


def test_coordinated_sources(nlp) -> None:
    text = "Britain and France froze the assets of Russia's central bank."
    record, evs = _events(nlp, text, {"Britain": "GBR", "France": "FRA", "Russia": "RUS"})
    assert sorted(_ids(record, e) for e in evs) == [("FRA", "RUS"), ("GBR", "RUS")]


def test_prepositional_target_of_nominal_trigger(nlp) -> None:
    text = "The sanctions against Venezuela by the United States were extended."
    record, evs = _events(nlp, text, {"Venezuela": "VEN", "United States": "USA"})
    assert ("163", ("USA", "VEN")) in [(e.cameo, _ids(record, e)) for e in evs]


def test_group_target_gives_an_event_per_member(nlp) -> None:
    text = "China expelled the envoys of Canada, Japan and Australia."
    actors = {"China": "CHN", "Canada": "CAN", "Japan": "JPN", "Australia": "AUS"}
    record, evs = _events(nlp, text, actors)
    assert sorted(str(_ids(record, e)[1]) for e in evs) == ["AUS", "CAN", "JPN"]
    assert {e.cameo for e in evs} == {"161"}


def test_reciprocal_meeting(nlp) -> None:
    text = "Israel and Lebanon resumed negotiations on Monday."
    record, evs = _events(nlp, text, {"Israel": "ISR", "Lebanon": "LBN"})
    assert sorted(_ids(record, e) for e in evs) == [("ISR", "LBN"), ("LBN", "ISR")]


def test_appeal_targets_the_addressee(nlp) -> None:
    text = "Washington urged Beijing to release the activists."
    record, evs = _events(nlp, text, {"Washington": "USA", "Beijing": "CHN"})
    assert _ids(record, evs[0]) == ("USA", "CHN")


# -- the record fields ---------------------------------------------------------------------------
def test_event_fields(nlp) -> None:
    text = "Poland expelled three Russian diplomats. The talks ended."
    record, evs = _events(nlp, text)
    ev = evs[0]
    assert (ev.id, ev.root, ev.plover, ev.quad_class) == ("E1", "16", "SANCTION", 4)
    entry = cameo_code("161")
    assert entry is not None and ev.goldstein == entry.goldstein
    assert ev.label and ev.sentence.text == "Poland expelled three Russian diplomats."
    assert record.model_copy(update={"events": evs}).check_spans() == []


def test_statement_link(nlp) -> None:
    text = "Iran denied the accusations on Monday."
    record = _record(text)
    cue = Span.of(text, 5, 11)
    st = Statement(id="S1", cue=cue, content=Span.of(text, 12, 27), kind="indirect", stance="deny")
    record = record.model_copy(update={"statements": [st]})
    evs = events(nlp(text), record)
    assert evs[0].cameo == "016" and evs[0].statement == "S1"


def test_no_events_in_plain_text(nlp) -> None:
    _, evs = _events(nlp, "The weather was mild and the river was calm.")
    assert evs == []


# -- knowledge ------------------------------------------------------------------------------------
def test_cameo_table() -> None:
    codes = cameo_codes()
    assert len(codes) > 300
    assert codes["163"].plover == "SANCTION" and codes["042"].plover == "CONSULT"  # as PLOVER gold codes it
    assert codes["173"].plover == "COERCE"
    assert codes["016"].goldstein == -2.0  # the PETRARCH2/GDELT table, named in the docs
    assert codes["0231"].plover == "REQUEST" and codes["010"].plover is None
    assert {c.quad_class for c in codes.values()} == {0, 1, 2, 3, 4}
    assert cameo_code("1951") is not None  # unknown sub-code: the parent's values


def test_lexicon_moods() -> None:
    lex = event_lexicon()
    assert lex.mood_code("163", "threaten") == "1312"
    assert lex.mood_code("0841", "appeal") == "0253"
    assert lex.mood_code(None, "reject") == "120"


def test_lexicon_values_are_known_codes() -> None:
    lex = event_lexicon()
    codes = cameo_codes()
    for index in (lex.verbs, lex.nouns, lex.adjs):
        for lemma, patterns in index.items():
            for p in patterns:
                if p.origin == "lexicon" and p.value not in ("-", "content", *MOODS):
                    assert cameo_code(p.value) is not None, (lemma, p.value)
    for (code, _), sub in lex.spec.items():
        assert code in codes and sub[:3] in codes


# -- more constructions ---------------------------------------------------------------------------
ROLES = [
    # (sentence, actors, expected (code, source country, target country) among the events)
    (
        "Talks between Russia and Ukraine collapsed on Friday.",
        {"Russia": "RUS", "Ukraine": "UKR"},
        ("046", "RUS", "UKR"),
    ),
    (
        "Syria said it will not accept more refugees from Iraq.",
        {"Syria": "SYR", "Iraq": "IRQ"},
        ("1223", "SYR", "IRQ"),
    ),
    (
        "Israel launched a military operation in Gaza.",
        {"Israel": "ISR", "Gaza": "PSE"},
        ("190", "ISR", "PSE"),
    ),
    (
        "Iran's foreign ministry denied the accusations by Israel.",
        {"Iran": "IRN", "Israel": "ISR"},
        ("016", "IRN", "ISR"),
    ),
    (
        "The minister, who praised Japan, visited Hanoi.",
        {"Japan": "JPN", "Hanoi": "VNM"},
        ("042", None, "VNM"),
    ),
    (
        "Biden and Xi met on the sidelines of the summit.",
        {"Biden": "USA", "Xi": "CHN"},
        ("040", "USA", "CHN"),
    ),
    (  # a gerund after a preposition: the subject of the verb that governs the noun
        "Harris makes no apologies for accusing China of militarizing the reefs.",
        {"Harris": "USA", "China": "CHN"},
        ("112", "USA", "CHN"),
    ),
    (  # a nominal trigger with an agent: "of" gives the target
        "He complained about Japan's backing of the Philippines.",
        {"Japan": "JPN", "Philippines": "PHL"},
        ("051", "JPN", "PHL"),
    ),
    (  # the framed act's place is the threat's target
        "Israel threatened to ban voting in East Jerusalem.",
        {"Israel": "ISR", "East Jerusalem": "PSE"},
        ("132", "ISR", "PSE"),
    ),
    (  # coordinated complements: the target of the second
        "Iran vowed to retaliate and attack Israel.",
        {"Iran": "IRN", "Israel": "ISR"},
        ("1384", "IRN", "ISR"),
    ),
    (  # what is demanded of whom: the one who is to give it
        "Germany demanded an apology from Turkey.",
        {"Germany": "DEU", "Turkey": "TUR"},
        ("102", "DEU", "TUR"),
    ),
    (  # the agent of the demanded act, not the act's own target
        "Germany demanded Russia's withdrawal from Crimea.",
        {"Germany": "DEU", "Russia": "RUS", "Crimea": "UKR"},
        ("1056", "DEU", "RUS"),
    ),
    (  # a target inside the object, a phrasal verb of rejection
        "Ottawa turned down a Canadian proposal.",
        {"Ottawa": "CAN", "Canadian": "CAN"},
        ("120", "CAN", "CAN"),
    ),
    (  # a nominal trigger's by-agent is its source, not its target too
        "The execution of two Iraqi prisoners by Egypt angered Baghdad.",
        {"Egypt": "EGY", "Iraqi": "IRQ"},
        ("1823", "EGY", "IRQ"),
    ),
    (  # named examples of a group noun
        "Several senators, including Ted Cruz, criticized Iran.",
        {"Ted Cruz": "USA", "Iran": "IRN"},
        ("111", "USA", "IRN"),
    ),
]


@pytest.mark.parametrize(("text", "actors", "expected"), ROLES)
def test_roles(nlp, text: str, actors: dict[str, str], expected: tuple[str, str | None, str | None]) -> None:
    record, evs = _events(nlp, text, actors)
    assert expected in [(e.cameo, *_ids(record, e)) for e in evs]


def test_failed_to_is_a_negated_event(nlp) -> None:
    _, evs = _events(nlp, "The two sides failed to sign the agreement.")
    assert evs[0].cameo == "057" and evs[0].negated


def test_drills_unilateral_and_joint(nlp) -> None:
    _, evs = _events(nlp, "China held military drills near the island.")
    assert evs[0].cameo == "150"
    _, evs = _events(nlp, "Russia and China held joint naval exercises.")
    assert evs[0].cameo == "062"


def test_temporal_phrase_is_not_an_addressee(nlp) -> None:
    _, evs = _events(nlp, "Erdogan called Zelensky on Sunday.")
    assert _codes(evs) == ["041"]


def test_doc_without_parse_gives_no_events(nlp) -> None:
    doc = nlp.make_doc("Germany summoned the Russian ambassador.")
    assert events(doc, _record(doc.text)) == []


# -- mode: sentence -> the mode of the event on the trigger ---------------------------------------
MODES_TABLE = [
    ("Germany expelled three Russian diplomats on Monday.", "expelled", "asserted"),
    ("Germany did not expel the Russian diplomats.", "expel", "negated"),
    ("Germany will expel three Russian diplomats.", "expel", "intended"),
    ("Germany plans to expel three Russian diplomats.", "expel", "intended"),
    ("Germany could expel three Russian diplomats.", "expel", "hypothetical"),
    ("If Russia refuses, Germany will expel its diplomats.", "expel", "intended"),
    ("Germany would expel the diplomats if Russia refused.", "expel", "hypothetical"),
    ("Poland urged Germany to expel the Russian diplomats.", "urged", "asserted"),
    ("Poland urged Germany to expel the Russian diplomats.", "expel", "demanded"),
    ("Berlin faces calls to expel the Russian diplomats.", "expel", "demanded"),
    ("Germany sent troops to Lithuania to defend the border.", "sent", "asserted"),
    ("The bill would prohibit the president from waiving sanctions on Iran.", "waiving", "hypothetical"),
    ("The court prevented the government from expelling the diplomats.", "expelling", "hypothetical"),
    ("Germany revised its position on expelling the diplomats.", "expelling", "intended"),
    ("The minister said Germany must expel the Russian diplomats.", "expel", "demanded"),
    ("Germany was accused of expelling the Russian diplomats.", "expelling", "asserted"),
    ("The sanctions imposed on Russia were extended.", "imposed", "asserted"),
    ("A potential strike on Iran worries Gulf states.", "strike", "hypothetical"),
    ("The planned summit between Russia and China was postponed.", "summit", "intended"),
    ("Officials said Germany would expel the diplomats.", "expel", "intended"),
    ("He called China provocative, accusing it of building islands.", "accusing", "asserted"),
    ("Poland called on Germany to expel the Russian diplomats.", "expel", "demanded"),
    ("A lawmaker is calling for Trump to be banned from the country.", "banned", "demanded"),
    ("Ottawa needs someone to blame for the failure of its own policy.", "blame", "hypothetical"),
    ("Kenya is looking for a partner to build the railway.", "build", "intended"),
    ("Brazil was the first country to recognize the new government.", "recognize", "asserted"),
]


@pytest.mark.parametrize(("text", "trigger", "mode"), MODES_TABLE)
def test_mode_of_the_event(nlp, text, trigger, mode):
    from claimgraph.stages.events.modes import event_mode

    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    negated = any(c.dep_ == "neg" for c in tok.children)
    assert event_mode(tok, tok, negated=negated) == mode


def test_events_carry_their_mode_date_place_and_reporter(nlp):
    text = (
        "Germany expelled three Russian diplomats in Berlin on Thursday, the ministry said. "
        "Poland will expel two Russian diplomats next week."
    )
    record = Record(
        document=DocumentInfo(id="t", text=text, published="2024-03-15"),
        actors=[
            Actor(id="A1", name="Germany", kind="state", country="DEU", mentions=[Span.of(text, 0, 7)]),
            Actor(id="A2", name="Russia", kind="state", country="RUS", mentions=[Span.of(text, 23, 30)]),
            Actor(id="A3", name="Poland", kind="state", country="POL", mentions=[Span.of(text, 83, 89)]),
            Actor(id="A4", name="Russia", kind="state", country="RUS", mentions=[Span.of(text, 103, 110)]),
        ],
        statements=[
            Statement(
                id="S1",
                speaker=None,
                cue=Span.of(text, 72, 76),
                content=Span.of(text, 0, 64),
                kind="indirect",
                stance="assert",
            )
        ],
    )
    evs = events(nlp(text), record)
    expel = next(e for e in evs if e.trigger.text == "expelled")
    assert (expel.mode, expel.location.country, expel.location.span.text) == ("asserted", "DEU", "Berlin")
    assert (expel.date.value, expel.date.precision, expel.date.span.text) == ("2024-03-14", "day", "Thursday")
    assert expel.reported_by == "S1"
    later = next(e for e in evs if e.trigger.text == "expel")
    assert later.mode == "intended" and later.reported_by is None
    assert later.date.precision == "month" and later.date.value == "2024-03"
    assert record.model_copy(update={"events": evs}).check_spans() == []


DATES = [
    # expression, publication date, (value, precision) or None
    ("on Thursday", "2016-09-15", ("2016-09-15", "day")),  # the paper's own day
    ("on Tuesday", "2016-09-15", ("2016-09-13", "day")),
    ("yesterday", "2016-09-15", ("2016-09-14", "day")),
    ("last November", "2016-09-15", ("2015-11", "month")),
    ("earlier this month", "2016-09-15", ("2016-09", "month")),
    ("in 2006", "2016-09-15", ("2006", "year")),
    ("March 3, 2014", None, ("2014-03-03", "day")),
    ("on Thursday", None, None),  # nothing to resolve a weekday against
    ("three years", "2016-09-15", None),  # a duration
    ("the 1990s", "2016-09-15", None),
    ("43-year-old", "2016-09-15", None),
]


@pytest.mark.parametrize(("expression", "published", "expected"), DATES)
def test_time_expressions_resolve_against_the_publication_date(expression, published, expected):
    import datetime as dt

    from claimgraph.stages.events.dates import resolve_expression

    base = dt.date.fromisoformat(published) if published else None
    assert resolve_expression(expression, base) == expected


def test_an_event_without_a_date_takes_the_documents_date(nlp):
    text = "Japan summoned the Chinese ambassador."
    record = _record(text, {"Japan": "JPN", "Chinese": "CHN"}).model_copy(
        update={"document": DocumentInfo(id="t", text=text, published="2023-05-02T10:00:00Z")}
    )
    (ev,) = events(nlp(text), record)
    assert (ev.date.value, ev.date.precision, ev.date.span) == ("2023-05-02", "document", None)
    undated = _record(text, {"Japan": "JPN", "Chinese": "CHN"})
    assert events(nlp(text), undated)[0].date is None


PLACES = [
    ("Russian jets struck targets in Raqqa on Monday.", "struck", "SYR", "Raqqa"),
    ("The ministers met in Geneva.", "met", "CHE", "Geneva"),
    ("The president visited Hanoi.", "visited", None, None),  # the target, not a place phrase
    ("Israel launched an airstrike on Aleppo.", "airstrike", "SYR", "Aleppo"),
    ("The ministers met on Tuesday.", "met", None, None),
]


@pytest.mark.parametrize(("text", "trigger", "country", "name"), PLACES)
def test_the_place_of_an_event(nlp, text, trigger, country, name):
    from claimgraph.stages.events.places import PlaceFinder

    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    head = tok.head if tok.dep_ == "dobj" and tok.head.lemma_ in ("launch", "carry") else tok
    got = PlaceFinder(_record(text)).for_event(head, tok, "190")
    assert (got.country if got else None, text[got.start : got.end] if got else None) == (country, name)


DISPLAY = [
    ("Nigeria, extremists agree to immediate cease-fire Associated Press\nThe talks went on.", True),
    ("Russia expels two diplomats\n\nMoscow expelled two British diplomats on Monday.", True),
    ("Moscow expelled two British diplomats on Monday.\nLondon protested.", False),
    ("Troops patrol the border. (Photo: AFP/Getty Images)\nMore text follows.", True),
    ("Japan summoned the Chinese ambassador", False),  # a one-line document: no line break after it
]


@pytest.mark.parametrize(("text", "first_line_is_display"), DISPLAY)
def test_headlines_captions_and_credits_are_not_sentences_of_events(text, first_line_is_display):
    from claimgraph.stages.events import display_lines

    first = (0, text.find("\n") if "\n" in text else len(text))
    assert (first in display_lines(text)) is first_line_is_display


def test_no_event_from_a_headline(nlp):
    text = "Russia expels British diplomats\n\nMoscow expelled two British diplomats on Monday."
    _, evs = _events(nlp, text, {"Russia": "RUS", "Moscow": "RUS", "British": "GBR"})
    assert [e.trigger.text for e in evs] == ["expelled"]


# -- nominal acts of force with no side named: event mentions with unknown sides --------------
@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The attack left dozens of people dead.", "attack"),  # definite
        ("Officials reacted to a mass shooting in Orlando.", "shooting"),  # anchored in a place
    ],
)
def test_a_particular_act_of_force_is_a_mention_without_sides(nlp, text: str, trigger: str) -> None:
    _, evs = _events(nlp, text)
    got = [e for e in evs if e.trigger.text == trigger]
    assert got and got[0].root in ("18", "19", "20")
    assert got[0].source is None and got[0].target is None


@pytest.mark.parametrize(
    "text",
    [
        "Attacks are never justified.",  # the kind, not one act
        "The talks resumed.",  # a cooperative act re-mentioned: its sides are told elsewhere
    ],
)
def test_a_generic_or_cooperative_noun_without_sides_is_no_event(nlp, text: str) -> None:
    _, evs = _events(nlp, text)
    assert evs == []


def test_a_past_act_of_force_without_its_author_is_a_mention(nlp) -> None:
    _, evs = _events(nlp, "Forces regained a prison that was attacked on Sunday.")
    assert [(e.trigger.text, e.root, e.source, e.target) for e in evs] == [("attacked", "19", None, None)]
    _, evs = _events(nlp, "Forces guard a prison that is attacked every week.")  # the habit, not an act
    assert [e.trigger.text for e in evs if e.root == "19"] == []


def test_a_particular_act_a_light_verb_carries_is_a_mention(nlp) -> None:
    _, evs = _events(nlp, "A masked man is shown carrying out the beheading of the hostage.")
    assert [e.cameo for e in evs if e.trigger.text == "beheading"] == ["1823"]


def test_an_airdrop_of_weapons_is_military_aid(nlp) -> None:
    _, evs = _events(
        nlp, "The United States airdropped weapons to Syria.", {"United States": "USA", "Syria": "SYR"}
    )
    assert [(e.cameo, e.plover) for e in evs] == [("072", "AID")]


def test_a_sanction_in_the_future_tense_is_that_act_intended(nlp) -> None:
    """ "Norway will cut aid to Chad": CAMEO's threat code (13x), PLOVER's type of the act
    (SANCTION) with the mode intended; force in the future tense stays a threat."""
    from claimgraph.record import Actor, DocumentInfo, Record, Span
    from claimgraph.stages.events import events

    def record_of(text: str, *names: tuple[str, str]) -> Record:
        actors = []
        for i, (name, iso) in enumerate(names, 1):
            start = text.index(name)
            actors.append(
                Actor(
                    id=f"A{i}",
                    name=name,
                    kind="state",
                    country=iso,
                    mentions=[Span.of(text, start, start + len(name))],
                )
            )
        return Record(document=DocumentInfo(id="t", text=text), actors=actors)

    text = "Norway will cut all aid to Chad."
    evs = events(nlp(text), record_of(text, ("Norway", "NOR"), ("Chad", "TCD")))
    cut = next(e for e in evs if e.trigger.text == "cut")
    assert (cut.root, cut.plover, cut.mode) == ("13", "SANCTION", "intended")
    text = "Norway will bomb Chad."
    evs = events(nlp(text), record_of(text, ("Norway", "NOR"), ("Chad", "TCD")))
    bomb = next(e for e in evs if e.trigger.text == "bomb")
    assert (bomb.root, bomb.plover) == ("13", "THREATEN")


def test_a_decided_act_is_typed_by_the_act(nlp) -> None:
    """ "decided to allow X to …": CAMEO's intent code, PLOVER's type of the decided act, intended."""
    text = "The court decided to allow Ruritania to join the talks."
    _, evs = _events(nlp, text, {"Ruritania": "RUR"})
    decided = next(e for e in evs if e.trigger.text == "decided")
    assert decided.root == "03" and decided.plover != "AGREE" and decided.mode == "intended"
    assert decided.plover == cameo_code("080").plover  # allow: yield (CONCEDE)


# -- arguments of event nouns (twelfth session, round 2) --------------------------------------
def _dyads(record: Record, evs: list[Event], trigger: str) -> set[tuple[str | None, str | None]]:
    def name(actor_id: str | None) -> str | None:
        actor = record.actor(actor_id)
        return actor.name if actor is not None else None

    return {(name(e.source), name(e.target)) for e in evs if e.trigger.text == trigger}


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Russia faced criticism from France.", "criticism"),
        ("Russia came under criticism from France.", "criticism"),
        ("Russia faced sanctions from France.", "sanctions"),
    ],
)
def test_the_subject_of_face_undergoes_the_act_its_from_phrase_does(nlp, text: str, trigger: str) -> None:
    """ "faced criticism from France": France criticises Russia (not an act on France)."""
    record, evs = _events(nlp, text, {"Russia": "RUS", "France": "FRA"})
    assert _dyads(record, evs, trigger) == {("France", "Russia")}


def test_from_names_the_author_of_words_not_the_place_left(nlp) -> None:
    """ "criticism from Moscow" is Moscow's; a withdrawal "from Ukraine" leaves Ukraine."""
    record, evs = _events(nlp, "The criticism from Moscow angered Kyiv.", {"Moscow": "RUS"})
    assert {s for s, _ in _dyads(record, evs, "criticism")} == {"Moscow"}
    text = "Russia's withdrawal from Ukraine was welcomed."
    record, evs = _events(nlp, text, {"Russia": "RUS", "Ukraine": "UKR"})
    assert ("Ukraine", "Russia") not in {(a, b) for a, b in _dyads(record, evs, "withdrawal")}


def test_rebutting_criticism_makes_the_rebutter_its_target(nlp) -> None:
    """ "China rebutted Japan's criticism": Japan criticised China; answering a plan is not so."""
    record, evs = _events(nlp, "China rebutted Japan's criticism.", {"China": "CHN", "Japan": "JPN"})
    assert _dyads(record, evs, "criticism") == {("Japan", "China")}


def test_joined_names_are_the_two_sides_of_talks(nlp) -> None:
    """ "the Obama-Xi talks": reciprocal consultation between the two named actors."""
    text = "The topic did not surface in the Obama-Xi talks."
    record, evs = _events(nlp, text, {"Obama": "USA", "Xi": "CHN"})
    assert _dyads(record, evs, "talks") == {("Obama", "Xi"), ("Xi", "Obama")}


def test_joined_nationalities_on_the_object_of_a_verb_are_its_sides(nlp) -> None:
    """ "a Chinese-Japanese deal was signed": both sign; "Norway praised the US-China deal" is
    Norway's praise, not theirs."""
    _, evs = _events(nlp, "A Chinese-Japanese deal was signed.")
    sides = {(e.source_country, e.target_country) for e in evs if e.trigger.text == "signed"}
    assert sides == {("CHN", "JPN"), ("JPN", "CHN")}
    _, evs = _events(nlp, "Norway praised the US-China deal.", {"Norway": "NOR"})
    assert {e.source for e in evs} == {"A1"}


@pytest.mark.parametrize(
    "text",
    [
        "Germany led the talks with Iran on Monday.",
        "Germany entered into talks with Iran.",
        "Germany represented France at the talks with Iran.",
    ],
)
def test_who_takes_part_in_talks_is_their_side(nlp, text: str) -> None:
    """The subject of the verb that leads, enters or attends talks with X is X's other side."""
    actors = {"Germany": "DEU", "Iran": "IRN", "France": "FRA"}
    record, evs = _events(nlp, text, {k: v for k, v in actors.items() if k in text})
    assert _dyads(record, evs, "talks") == {("Germany", "Iran")}


def test_a_session_with_no_other_side_gets_no_participant(nlp) -> None:
    """ "as he did at last year's session": a meeting whose other side is not named is nobody's."""
    text = "Putin lingered on the questions, as he did at last year's session."
    record, evs = _events(nlp, text, {"Putin": "RUS"})
    assert not _dyads(record, evs, "session")


def test_an_event_noun_takes_the_arguments_of_the_campaign_it_names(nlp) -> None:
    """ "Russia's bombing campaign against Syria": the campaign carries the bombing's sides."""
    text = "Russia's bombing campaign against Syria continued."
    record, evs = _events(nlp, text, {"Russia": "RUS", "Syria": "SYR"})
    assert _dyads(record, evs, "bombing") == {("Russia", "Syria")}


def test_a_country_named_before_an_event_noun_is_its_author(nlp) -> None:
    """ "U.S. military aid" (the parser's nmod) is an act of the United States."""
    _, evs = _events(nlp, "The rebels rely on U.S. military aid.")
    assert {e.source_country for e in evs if e.trigger.text == "aid"} == {"USA"}


def _people(text: str, *names: tuple[str, str]) -> Record:
    actors = []
    for i, (name, iso) in enumerate(names, 1):
        start = text.index(name)
        mention = Span.of(text, start, start + len(name))
        actors.append(Actor(id=f"A{i}", name=name, kind="person", country=iso, mentions=[mention]))
    return Record(document=DocumentInfo(id="t", text=text), actors=actors)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Obama did not announce any intensification of his bombing campaign.", "bombing"),
        ("Obama said his talks with Xi went well.", "talks"),
    ],
)
def test_a_possessive_pronoun_stands_for_the_subject_of_its_clause(nlp, text: str, trigger: str) -> None:
    """ "his bombing campaign", "said his talks …": the subject (or reporter) whose kind fits."""
    record = _people(text, ("Obama", "USA"), *((("Xi", "CHN"),) if "Xi" in text else ()))
    evs = events(nlp(text), record)
    assert {s for s, _ in _dyads(record, evs, trigger)} == {"Obama"}


def test_a_possessive_pronoun_after_an_actor_object_stays_unresolved(nlp) -> None:
    """ "criticised Xi for his crackdown": Obama's or Xi's; no guess."""
    text = "Obama criticised Xi over his talks with Putin."
    record = _people(text, ("Obama", "USA"), ("Xi", "CHN"), ("Putin", "RUS"))
    evs = events(nlp(text), record)
    assert "Obama" not in {s for s, _ in _dyads(record, evs, "talks")}


@pytest.mark.parametrize(
    ("text", "trigger", "dyad"),
    [
        ("The video showed the execution of the journalist Foley.", "execution", (None, "Foley")),
        ("The arrest of Navalny angered the West.", "arrest", (None, "Navalny")),
        (
            "Putin surprised them by announcing the release of Khodorkovsky.",
            "release",
            ("Putin", "Khodorkovsky"),
        ),
    ],
)
def test_the_of_phrase_of_an_act_done_to_someone_is_its_target(
    nlp, text: str, trigger: str, dyad: tuple[str | None, str | None]
) -> None:
    """ "the execution of X", "the arrest of X", "the release of X": X is the target, author
    named or not."""
    names = {"Foley": "USA", "Navalny": "RUS", "Putin": "RUS", "Khodorkovsky": "RUS"}
    record, evs = _events(nlp, text, {k: v for k, v in names.items() if k in text})
    assert _dyads(record, evs, trigger) == {dyad}


def test_the_of_phrase_of_a_withdrawal_is_not_its_target(nlp) -> None:
    """ "the withdrawal of Russia from Syria": Russia withdraws (not an act on Russia)."""
    text = "The withdrawal of Russia from Syria began."
    record, evs = _events(nlp, text, {"Russia": "RUS", "Syria": "SYR"})
    assert all(t != "Russia" for _, t in _dyads(record, evs, "withdrawal"))


def test_an_event_noun_with_a_party_named_by_nationality_is_coded(nlp) -> None:
    """ "talks with Chinese officials", "meetings between senior Chinese and American officials":
    the noun names a side by its country, so it is an event (by country); a bare agent noun
    ("mediation between rival militias") names no side and is not."""
    _, evs = _events(nlp, "The talks with Chinese officials ended on Friday.")
    assert [(e.cameo, e.target_country) for e in evs] == [("046", "CHN")]
    _, evs = _events(nlp, "The meetings between senior Chinese and American officials ended.")
    assert {(e.source_country, e.target_country) for e in evs} == {("CHN", "USA"), ("USA", "CHN")}
    _, evs = _events(nlp, "The mediation between rival militias failed.")
    assert evs == []


# -- thirteenth session ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code", "target"),
    [
        ("Japan warned that the Chinese plan would be a dangerous mistake.", "111", "CHN"),
        ("Norway warned that the Swedish proposal was unacceptable.", "111", "SWE"),
        ("Japan warned that its navy will sink any ship in the strait.", "13", None),
        ("Japan warned that the talks would be long.", "13", None),
    ],
)
def test_a_warning_that_something_is_bad_is_criticism(nlp, text: str, code: str, target: str | None) -> None:
    """ "warned that the plan would be a mistake" judges the plan (111); a warning of an act
    stays a threat, and one without words of blame keeps the threat code."""
    _, evs = _events(nlp, text, {"Japan": "JPN", "Norway": "NOR"})
    warned = [e for e in evs if e.trigger.text == "warned"]
    assert [e.cameo[: len(code)] for e in warned] == [code], _codes(evs)
    if target is not None:
        assert warned[0].target_country == target


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Canadian army withdrew from Mali in 2019.", "0874"),
        ("The French military withdrew in 2022.", "0874"),
        ("Israel pulled out of Gaza in 2005.", "0874"),
        ("Chile pledged to withdraw from the disputed territory.", "0356"),
        ("Peru withdrew from the treaty.", "160"),
        ("Peru pulled out of the grain deal.", "160"),
        ("Peru withdrew its ambassador from Chile.", "161"),
    ],
)
def test_withdrawing_from_a_place_is_a_military_retreat(nlp, text: str, code: str) -> None:
    """CAMEO 0874 is yielding a place by pulling out armed forces; withdrawing from a pact or an
    organisation reduces relations (160); what is withdrawn ("its ambassador") decides first."""
    _, evs = _events(nlp, text, {"Israel": "ISR", "Peru": "PER", "Chile": "CHL"})
    assert _codes(evs)[:1] == [code], _codes(evs)


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        ("Obama spoke about the Americans detained by Iran.", "detained", "IRN", "USA"),
        ("Canada condemned the killing of Peruvians abducted by Chile.", "abducted", "CHL", "PER"),
    ],
)
def test_a_participle_of_an_act_on_someone_targets_the_noun_it_modifies(
    nlp, text: str, trigger: str, source: str, target: str
) -> None:
    """ "the Americans detained by Iran": Iran detains the Americans (not the other way)."""
    actors = {"Obama": "USA", "Americans": "USA", "Iran": "IRN", "Canada": "CAN", "Peruvians": "PER"}
    _, evs = _events(nlp, text, {**actors, "Chile": "CHL"})
    act = [(e.source_country, e.target_country) for e in evs if e.trigger.text == trigger]
    assert act == [(source, target)], [(e.cameo, e.trigger.text) for e in evs]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The militants held three Italians hostage in Libya.", "181"),
        ("The rebels have held the engineers captive since April.", "181"),
        ("Iran held the sailors prisoner for two weeks.", "173"),
        ("Iran held talks with Oman.", "046"),
    ],
)
def test_holding_someone_hostage_or_prisoner(nlp, text: str, code: str) -> None:
    """ "held X hostage" is hostage-taking (181, as "took hostages"); "held X prisoner" detention."""
    _, evs = _events(nlp, text, {"Iran": "IRN", "Oman": "OMN"})
    assert _codes(evs)[:1] == [code], _codes(evs)


def test_a_transnational_group_is_placed_where_its_events_happen(nlp) -> None:
    """An IMG group without a country takes the country where the document places its own
    events ("… in Mosul" → IRQ) on the events that name no place for it."""
    text = "Islamic State fighters attacked a police checkpoint in Mosul. Britain condemned Islamic State."
    mentions = []
    start = text.find("Islamic State")
    while start >= 0:
        mentions.append(Span.of(text, start, start + len("Islamic State")))
        start = text.find("Islamic State", start + 1)
    group = Actor(id="A1", name="Islamic State", kind="organisation", code="IMGMUSISI", mentions=mentions)
    at = text.find("Britain")
    britain = Actor(
        id="A2",
        name="Britain",
        kind="state",
        country="GBR",
        mentions=[Span.of(text, at, at + len("Britain"))],
    )
    record = Record(document=DocumentInfo(id="t", text=text), actors=[group, britain])
    evs = events(nlp(text), record)
    condemned = [e for e in evs if e.trigger.text == "condemned"]
    assert [(e.source_country, e.target_country) for e in condemned] == [("GBR", "IRQ")], [
        (e.cameo, e.trigger.text, e.location) for e in evs
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Peru played down the Chilean president's remarks.", "120"),
        ("Peru downplayed Chile's accusations.", "120"),
        ("Peru argued against any intervention in Bolivia.", "120"),
        ("Peru will stand up to Chile.", "120"),
        ("Peru spoke highly of the Chilean president.", "051"),
        ("Peru played down its own role.", None),  # no words of another's: no rejection
        ("Peru spoke to reporters.", None),
    ],
)
def test_dismissing_defying_and_speaking_highly(nlp, text: str, code: str | None) -> None:
    """ "played down X's comments", "argued against", "stood up to X": rejection (120);
    "spoke highly of X": praise (051)."""
    _, evs = _events(nlp, text, {"Peru": "PER", "Chile": "CHL", "Bolivia": "BOL"})
    codes = [e.cameo for e in evs if e.root in ("12", "05")]
    assert codes == ([code] if code else []), _codes(evs)


@pytest.mark.parametrize(
    ("text", "code", "plover"),
    [
        ("Peru is expanding its army.", "154", "MOBILIZE"),
        ("Peru is bolstering its navy.", "154", "MOBILIZE"),
        ("Peru began militarizing the border.", "154", "MOBILIZE"),
        ("Peru will add 7,000 soldiers to its military.", "030", "MOBILIZE"),  # intended, typed by the act
        ("Peru pledged to bolster its military.", "030", "AGREE"),  # a promise, not a threat
        ("Peru vowed to attack Chile.", "138", "THREATEN"),  # a promise of force is a threat
        ("Chile condemned Peru's military expansion.", "111", "ACCUSE"),
        ("Peru is expanding military aid to Bolivia.", "07", "AID"),  # more aid, not more forces
    ],
)
def test_more_forces_is_mobilisation_and_a_promise_of_it_no_threat(
    nlp, text: str, code: str, plover: str
) -> None:
    _, evs = _events(nlp, text, {"Peru": "PER", "Chile": "CHL", "Bolivia": "BOL"})
    main = evs[0]
    assert (main.cameo[: len(code)], main.plover) == (code, plover), [(e.cameo, e.plover) for e in evs]


def test_whom_someone_speaks_highly_of_is_the_target(nlp) -> None:
    _, evs = _events(nlp, "Peru spoke highly of Chile.", {"Peru": "PER", "Chile": "CHL"})
    assert [(e.cameo, e.source_country, e.target_country) for e in evs] == [("051", "PER", "CHL")]


# -- fourteenth session ------------------------------------------------------------------------
def test_a_murder_or_killing_named_by_a_noun_is_a_killing(nlp) -> None:
    """ "the murder of X", "the killing of X": one act of killing (1823, as "slaying" and
    "execution"), a mention when particular; a mass killing stays 202."""
    _, evs = _events(nlp, "A second video showed the murder of Tomas Varga, a teacher.")
    assert [(e.trigger.text, e.cameo, e.plover) for e in evs] == [("murder", "1823", "ASSAULT")]
    _, evs = _events(nlp, "The killing of the mayor shocked the town.")
    assert [e.cameo for e in evs if e.trigger.text == "killing"] == ["1823"]
    _, evs = _events(nlp, "Peru condemned the mass killing of villagers by rebels.", {"Peru": "PER"})
    assert [e.cameo for e in evs if e.trigger.text == "killing"] in ([], ["202"])


def test_the_content_of_a_claim_the_lexicon_does_not_code_as_an_accusation_is_an_event(nlp) -> None:
    """ "claimed that X was killed": a say-verb that only PETRARCH's generic default codes (110,
    weak) reports its content, whose acts are events; the charge of an accusation the lexicon
    codes ("accused X of attacking", "alleged that") stays no event of its own."""
    _, evs = _events(nlp, "The rebels claimed that a Dutch hostage was killed in an airstrike on Friday.")
    assert [(e.trigger.text, e.plover) for e in evs] == [("killed", "ASSAULT")]
    _, evs = _events(
        nlp, "Peru accused Chile of attacking its border posts.", {"Peru": "PER", "Chile": "CHL"}
    )
    assert [e.plover for e in evs] == ["ACCUSE"]
