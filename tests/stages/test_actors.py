"""The actors extractor, as tables of sentence -> expected actors.

Each row names a mention by its text and says which country, sector, kind (and
sometimes code or members) the actor it belongs to must have.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from claimgraph.knowledge.actors import actor_knowledge, parse_date
from claimgraph.record import Actor, DocumentInfo, Record
from claimgraph.stages.actors import actors


def run(nlp, text: str, published: str | None = None) -> tuple[Record, list[Actor]]:
    record = Record(document=DocumentInfo(id="t", text=text, published=published))
    found = actors(nlp(text), record)
    return record.model_copy(update={"actors": found}), found


def actor_of(found: list[Actor], mention: str) -> Actor:
    """The actor that has a mention with exactly this text."""
    for a in found:
        if any(m.text == mention for m in a.mentions):
            return a
    names = {a.id: [m.text for m in a.mentions] for a in found}
    raise AssertionError(f"no actor mentioned as {mention!r}: {names}")


# -- states: names, abbreviations, demonyms, capitals and seats -------------------------------
STATES = [
    ("Russia warned Ukraine on Monday.", "Russia", "RUS", None, "state"),
    ("The U.S. imposed sanctions on Iran.", "U.S.", "USA", None, "state"),
    ("The UK and France objected.", "UK", "GBR", None, "state"),
    ("The DPRK fired a missile.", "DPRK", "PRK", None, "state"),
    ("The ROK navy was on alert and the ROK said so.", "ROK", "KOR", None, "state"),
    ("Chinese officials declined to comment.", "Chinese officials", "CHN", "GOV", "state"),
    ("Russian troops crossed the border.", "Russian troops", "RUS", "MIL", "organisation"),
    ("The Chinese said nothing.", "Chinese", "CHN", None, "state"),
    ("Americans are divided.", "Americans", "USA", None, "state"),
    ("Pyongyang denied the report.", "Pyongyang", "PRK", "GOV", "state"),
    ("The Kremlin said the talks had failed.", "Kremlin", "RUS", "GOV", "state"),
    ("The White House said it would respond.", "White House", "USA", "GOV", "state"),
    ("Downing Street declined to comment.", "Downing Street", "GBR", "GOV", "state"),
    ("The Élysée welcomed the decision.", "Élysée", "FRA", "GOV", "state"),
    ("Zhongnanhai has not reacted.", "Zhongnanhai", "CHN", "GOV", "state"),
    ("Talks between Washington and Beijing stalled.", "Washington", "USA", "GOV", "state"),
    ("Talks between Washington and Beijing stalled.", "Beijing", "CHN", "GOV", "state"),
    ("Beijing's position has not changed.", "Beijing", "CHN", "GOV", "state"),
    ("The Pentagon said the drill would go ahead.", "Pentagon", "USA", "MIL", "organisation"),
    ("Foggy Bottom issued a statement.", "Foggy Bottom", "USA", "GOV", "organisation"),
    ("The Iranian regime warned of a response.", "Iranian regime", "IRN", "GOV", "state"),
    ("U.S.-led forces advanced.", "U.S.", "USA", None, "state"),
]


@pytest.mark.parametrize(("text", "mention", "country", "sector", "kind"), STATES)
def test_states(nlp, text, mention, country, sector, kind):
    _, found = run(nlp, text)
    a = actor_of(found, mention)
    assert (a.country, a.kind) == (country, kind)
    if sector is not None:
        assert a.sector == sector
        assert a.code == f"{country}{sector}"


NOT_ACTORS = [
    ("He lives in Beijing and works in Moscow.", {"Beijing", "Moscow"}),
    ("Tensions rose in the South China Sea.", {"China"}),
    ("We roasted a turkey and bought china plates for us.", {"turkey", "china", "us"}),
    ("George Washington crossed the river.", {"Washington"}),
    ("The delegation flew to Pyongyang on Tuesday.", {"Pyongyang"}),
    ("BEIJING: Officials met on Monday.", {"BEIJING"}),
    ("The Russian economy shrank.", {"Russian"}),
]


@pytest.mark.parametrize(("text", "absent"), NOT_ACTORS)
def test_not_actors(nlp, text, absent):
    _, found = run(nlp, text)
    mentioned = {m.text for a in found for m in a.mentions if a.kind in ("state", "organisation")}
    assert not (mentioned & absent), [(a.name, [m.text for m in a.mentions]) for a in found]


# -- people: titles, appositions, knowledge, role dates -----------------------------------------
PEOPLE = [
    ("Chinese Foreign Minister Wang Yi met his counterpart.", "Wang Yi", "CHN", "GOV", "Foreign Minister"),
    ("Dmitry Peskov, the Kremlin's spokesman, denied it.", "Dmitry Peskov", "RUS", "GOV", "spokesman"),
    (
        "He met the head of South Korea's National Intelligence Service, Park Jie-won, on Friday.",
        "Park Jie-won",
        "KOR",
        "SPY",
        "head",
    ),
    ("U.S. Secretary of State Antony Blinken arrived.", "Antony Blinken", "USA", "GOV", "Secretary of State"),
    ("Pentagon spokesman John Smith said the strike worked.", "John Smith", "USA", "MIL", "spokesman"),
    ("North Korea's Kim Jong Un oversaw the test.", "Kim Jong Un", "PRK", "GOV", None),
    ("Xinhua, the official Chinese news agency, reported it.", "Xinhua", "CHN", "MED", None),
    ("Vladimir Putin spoke for four hours.", "Vladimir Putin", "RUS", "GOV", None),
    ("Erdogan said Turkey would not back down.", "Erdogan", "TUR", "GOV", None),
    ("Syrian President Bashar al-Assad met envoys.", "Bashar al-Assad", "SYR", "GOV", "President"),
    ("A US embassy official said the staff were safe.", "US embassy official", "USA", "GOV", None),
    ("The North Korean leader inspected the site.", "North Korean leader", "PRK", "GOV", None),
]


@pytest.mark.parametrize(("text", "mention", "country", "sector", "title"), PEOPLE)
def test_people(nlp, text, mention, country, sector, title):
    _, found = run(nlp, text)
    a = actor_of(found, mention)
    assert (a.country, a.sector) == (country, sector)
    if title is not None:
        assert a.title == title


ROLE_DATES = [
    ("Mike Pompeo said the agency was ready.", "2017-06-01", "USA", "SPY"),
    ("Mike Pompeo said the agency was ready.", "2019-06-01", "USA", "GOV"),
    ("Donald Trump said he would win.", "2016-06-01", "USA", "BUS"),
    ("Donald Trump said he would win.", "2018-06-01", "USA", "GOV"),
]


@pytest.mark.parametrize(("text", "published", "country", "sector"), ROLE_DATES)
def test_role_dates(nlp, text, published, country, sector):
    _, found = run(nlp, text, published)
    person = next(a for a in found if a.kind == "person")
    assert (person.country, person.sector) == (country, sector)


def test_person_role_at_prefers_the_day():
    kb = actor_knowledge()
    (putin,) = kb.person("Vladimir Putin")
    assert putin.role_at(parse_date("2020-01-01")) == "RUSGOV"
    assert putin.role_at(None) == "RUSGOV"


def test_text_beats_knowledge(nlp):
    _, found = run(nlp, "Russian opposition politician Ivan Petrov spoke.")
    assert actor_of(found, "Ivan Petrov").country == "RUS"


# -- organisations, international bodies, groups ------------------------------------------------
ORGS = [
    ("North Korea's defence ministry said it would respond.", "defence ministry", "PRK", "GOV", None),
    ("The Russian Foreign Ministry summoned the envoy.", "Russian Foreign Ministry", "RUS", "GOV", None),
    ("Gazprom cut supplies.", "Gazprom", "RUS", "BUS", None),
    ("Aeroflot suspended flights.", "Aeroflot", "RUS", "BUS", None),
    ("Huawei denied the claims.", "Huawei", "CHN", "BUS", None),
    ("KCNA said the test succeeded.", "KCNA", "PRK", "MED", None),
    ("TASS reported the meeting.", "TASS", "RUS", "MED", None),
    ("The UN called for calm.", "UN", None, "IGO", "IGOUNO"),
    ("NATO held exercises.", "NATO", None, "IGO", "IGOWSTNAT"),
    ("The EU imposed new sanctions.", "EU", None, "IGO", "IGOEUREEC"),
    ("The IAEA inspected the site.", "IAEA", None, "IGO", "IGOUNOIAE"),
    ("BRICS leaders met in Kazan.", "BRICS", None, "IGO", None),
    ("ASEAN urged restraint.", "ASEAN", None, "IGO", None),
    ("The African Union suspended the country.", "African Union", None, "IGO", None),
    ("Hezbollah fired rockets.", "Hezbollah", "LBN", "REB", None),
]


@pytest.mark.parametrize(("text", "mention", "country", "sector", "code"), ORGS)
def test_organisations(nlp, text, mention, country, sector, code):
    _, found = run(nlp, text)
    a = actor_of(found, mention)
    assert (a.country, a.sector, a.kind) == (country, sector, "organisation")
    if code is not None:
        assert a.code == code


GROUPS = [
    ("The G7 condemned the launch.", "G7", {"USA", "JPN", "DEU"}),
    ("The G20 met in Bali.", "G20", {"CHN", "IND", "BRA"}),
    ("Western governments protested.", "Western governments", {"USA", "GBR"}),
    ("NATO allies pledged more aid.", "NATO allies", {"POL", "USA"}),
    ("The Quad held a summit.", "Quad", {"USA", "JPN", "IND", "AUS"}),
    ("Gulf states welcomed the deal.", "Gulf states", {"SAU", "QAT"}),
    ("The West has imposed sanctions.", "West", {"USA", "GBR"}),
]


@pytest.mark.parametrize(("text", "mention", "members"), GROUPS)
def test_groups(nlp, text, mention, members):
    _, found = run(nlp, text)
    a = actor_of(found, mention)
    assert a.kind == "group" and a.country is None
    assert members <= set(a.members)


# -- coreference ------------------------------------------------------------------------------
COREF = [
    ("Dmitry Peskov denied the report. Peskov said it was false.", ["Dmitry Peskov", "Peskov"]),
    ("Dmitry Peskov denied the report. He said it was false.", ["Dmitry Peskov", "He"]),
    (
        "Maria Zakharova, the Foreign Ministry spokeswoman, spoke on Monday. She said Russia would respond.",
        ["Maria Zakharova", "She"],
    ),
    ("China rejected the accusation. Beijing's response was swift.", ["China", "Beijing"]),
    ("Russian troops crossed the border on Monday. They were seen near Kharkiv.", ["Russian troops", "They"]),
    ("Chinese officials met on Monday. Beijing said it wanted peace.", ["Chinese officials", "Beijing"]),
    (
        "A spokesman for the Russian Foreign Ministry, Alexei Ivanov, spoke. The spokesman said no.",
        ["Alexei Ivanov", "spokesman"],
    ),
    (
        "North Korea's defence ministry issued a statement. The ministry said drills would go on.",
        ["defence ministry", "ministry"],
    ),
    (
        "Barack Obama took office in 2009. His administration sought a deal with Iran.",
        ["Barack Obama", "His"],
    ),
    ("The Security Studies Group wrote the plan. The SSG denied it.", ["Security Studies Group", "SSG"]),
    ("The Jerusalem Post reported the kidnapping. The Post said she was safe.", ["Jerusalem Post", "Post"]),
    (
        "Korean Central News Agency said the test worked. KCNA added more.",
        ["Korean Central News Agency", "KCNA"],
    ),
]


@pytest.mark.parametrize(("text", "same"), COREF)
def test_coreference(nlp, text, same):
    _, found = run(nlp, text)
    ids = {actor_of(found, m).id for m in same}
    assert len(ids) == 1, [(a.id, [m.text for m in a.mentions]) for a in found]


def test_unnamed_official_of_a_named_embassy(nlp):
    text = "The US embassy in China issued an alert. An embassy spokeswoman said staff were safe."
    _, found = run(nlp, text)
    spokeswoman = actor_of(found, "embassy spokeswoman")
    assert (spokeswoman.kind, spokeswoman.country) == ("person", "USA")
    assert spokeswoman.id != actor_of(found, "US embassy").id


def test_his_administration_is_the_government(nlp):
    _, found = run(nlp, "Barack Obama took office in 2009. His administration sought a deal with Iran.")
    assert actor_of(found, "administration").country == "USA"
    assert actor_of(found, "administration").kind == "state"


def test_pronouns_are_conservative(nlp):
    # two men, neither the subject: "he" is left alone
    _, found = run(nlp, "The deal between Peter Smith and John Brown failed. He was angry.")
    assert not any(m.text == "He" for a in found for m in a.mentions)


def test_pronoun_gender(nlp):
    text = "Angela Merkel met Emmanuel Macron in Paris. She said Europe must act."
    _, found = run(nlp, text)
    assert actor_of(found, "She").name == "Angela Merkel"


# -- context: datelines, "the North", descriptions of a state, "it", party labels -------------
CONTEXT = [
    # (text, mention, country, kind)
    ("North Korea fired a missile. The North has tested six devices.", "North", "PRK", "state"),
    ("North Korea fired a missile, and the South put its troops on alert.", "South", "KOR", "state"),
    (
        "SEOUL — An intelligence official here said the missile flew 800 km.",
        "intelligence official",
        "KOR",
        "person",
    ),
    ("MOSCOW (Reuters) - A senior official here denied the claims.", "senior official", "RUS", "person"),
    ("Senior Chinese and American officials met on Monday.", "Chinese", "CHN", "state"),
    ("Iran seized a tanker. The rogue regime has done it before.", "rogue regime", "IRN", "state"),
    (
        "Iran's leaders are defiant. Washington is under no illusions about this fascist theocracy.",
        "fascist theocracy",
        "IRN",
        "state",
    ),
    (
        "North Korea bans the name. The cult that surrounds the hermit kingdom's leadership is strange.",
        "hermit kingdom's leadership",
        "PRK",
        "state",
    ),
    (
        "Obama met Iran's envoy. Obama was cutting quiet deals with the rogue nation.",
        "rogue nation",
        "IRN",
        "state",
    ),
    ("Li Wenhua of the Chinese embassy said Beijing would respond.", "Li Wenhua", "CHN", "person"),
    ("Republican Senator John Kelmore said the plan would fail.", "John Kelmore", "USA", "person"),
    ("Rep. Jane Holloway (D-N.Y.) voted against the bill.", "Jane Holloway", "USA", "person"),
    ("Democrats such as Keith Elmore defended the bill.", "Keith Elmore", "USA", "person"),
    ("The remarks caused headaches in Beijing.", "Beijing", "CHN", "state"),
    ("There was alarm in Moscow and concern in Washington.", "Washington", "USA", "state"),
    ("The New York businessman has praised Putin.", "New York businessman", "USA", "person"),
    ("Texas Governor Greg Abbott signed the bill.", "Greg Abbott", "USA", "person"),
    ("Rescuers pulled a Yemeni girl from the rubble.", "Yemeni girl", "YEM", "person"),
    ("He is the son of an American father.", "American father", "USA", "person"),
    (
        "They asked about remarks by the secretary of the Treasury, Peter Wexley, on the deficit.",
        "Peter Wexley",
        "USA",
        "person",
    ),
    ("Chancellor of the Exchequer Jeremy Hunt spoke on Monday.", "Jeremy Hunt", "GBR", "person"),
    ("The Foreign Secretary said the talks had failed.", "Foreign Secretary", "GBR", "person"),
]


@pytest.mark.parametrize(("text", "mention", "country", "kind"), CONTEXT)
def test_context(nlp, text, mention, country, kind):
    _, found = run(nlp, text)
    a = actor_of(found, mention)
    assert (a.country, a.kind) == (country, kind)


CONTEXT_ABSENT = [
    ("The summit was held in Beijing on Monday.", {"Beijing"}),
    ("The country's economy grew by 3 percent.", {"country"}),
    ("They travelled to the north of the country.", {"north"}),
    ("Officials in New Mexico said the fire was contained.", {"Mexico", "New Mexico"}),
    ("An official here said the road was closed.", {"official"}),  # no dateline: no country
    ("North Korea fired a missile. It flew 800 km.", {"It"}),  # not an actor's verb
    ("North Korea seized a ship. Its crew was freed.", {"Its"}),  # "ship" competes
]


@pytest.mark.parametrize(("text", "absent"), CONTEXT_ABSENT)
def test_context_is_conservative(nlp, text, absent):
    _, found = run(nlp, text)
    mentioned = {m.text for a in found for m in a.mentions}
    assert not (mentioned & absent), [(a.name, [m.text for m in a.mentions]) for a in found]


CONTEXT_COREF = [
    (
        "Vladimir Putin met the envoy. The Russian leader said the talks were useful.",
        ["Vladimir Putin", "Russian leader"],
    ),
    (
        "North Korea said it would respond. Its foreign ministry called the move reckless.",
        ["North Korea", "it", "Its"],
    ),
]


@pytest.mark.parametrize(("text", "same"), CONTEXT_COREF)
def test_context_coreference(nlp, text, same):
    _, found = run(nlp, text)
    ids = {actor_of(found, m).id for m in same}
    assert len(ids) == 1, [(a.id, [m.text for m in a.mentions]) for a in found]


def test_a_fronted_phrase_is_not_an_apposition(nlp):
    _, found = run(nlp, "For the Chinese, Admiral Tom Keller, 59, is a tough talker.")
    assert actor_of(found, "Tom Keller").country != "CHN"


def test_leader_is_not_a_minister(nlp):
    text = "Foreign Minister Sergei Lavrov met the envoy. The Russian president said the talks were useful."
    _, found = run(nlp, text)
    assert actor_of(found, "Sergei Lavrov").id != actor_of(found, "Russian president").id


# -- the record contract ---------------------------------------------------------------------
SAMPLE = (
    "North Korea's defence ministry on Tuesday denied reports that Pyongyang had shipped artillery "
    "shells to Russia. Dmitry Peskov, the Kremlin's spokesman, called the claims baseless, while "
    "U.S. Secretary of State Antony Blinken said Washington had evidence. Chinese officials urged "
    "restraint. The G7 and NATO allies condemned the transfers, and the UN Security Council met. "
    "Peskov later said he had nothing to add. The ministry said KCNA would publish a statement."
)


def test_spans_match_the_text(nlp):
    record, found = run(nlp, SAMPLE)
    assert record.check_spans() == []
    for a in found:
        for m in a.mentions:
            assert SAMPLE[m.start : m.end] == m.text


def test_ids_in_order_of_first_mention(nlp):
    _, found = run(nlp, SAMPLE)
    assert [a.id for a in found] == [f"A{i + 1}" for i in range(len(found))]
    firsts = [min(m.start for m in a.mentions) for a in found]
    assert firsts == sorted(firsts)
    assert all(a.mentions for a in found)


def test_mentions_do_not_overlap(nlp):
    _, found = run(nlp, SAMPLE)
    spans = sorted((m.start, m.end) for a in found for m in a.mentions)
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(spans))


def test_name_is_the_fullest(nlp):
    _, found = run(nlp, SAMPLE)
    assert actor_of(found, "Peskov").name == "Dmitry Peskov"
    assert actor_of(found, "Pyongyang").name == "North Korea"


def test_empty_and_actorless_text(nlp):
    assert run(nlp, "It rained all day.")[1] == []


@pytest.mark.data
@pytest.mark.parametrize("name", ["actors_dev.tsv", "actors_check.tsv"])
def test_labelled_sets_match_the_corpora(shared_data, name):
    """Every hand-labelled mention still points at the text it was labelled on."""
    import csv
    import hashlib
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / name
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"))
    with (shared_data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        fnc = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    mentions = [r for r in rows if r["kind"] != "_region"]
    assert len(mentions) >= (150 if name == "actors_dev.tsv" else 50)
    assert len({(r["corpus"], r["path"]) for r in rows}) >= (15 if name == "actors_dev.tsv" else 5)
    for r in mentions:
        if r["corpus"] == "fnc1":
            text = fnc[r["path"]]
        else:
            text = (shared_data / r["corpus"] / r["path"]).read_text(encoding="utf-8")
        mention = text[int(r["start"]) : int(r["end"])]
        assert hashlib.sha1(mention.encode("utf-8")).hexdigest()[:10] == r["sha1"], r
