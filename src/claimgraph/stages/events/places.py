"""Where an event happened: a place named in its clause, resolved to a country.

The place is a named entity (GPE, LOC or FAC) that hangs from the event's predicate or
trigger noun through a preposition of place ("met in Geneva", "an airstrike on Raqqa", "a
trip to Lima", "clashes near Donetsk"), without crossing another predicate. Its country
comes from the record's actors (a country, capital or seat mentioned there: "in Minsk" →
BLR) and, failing that, from the gazetteer of :mod:`claimgraph.knowledge.places`. "On"
and "to" count only for events that happen at their object (attacks, visits,
deployments).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from claimgraph.knowledge.places import place_country, word_country
from claimgraph.nlp.intervals import actor_index
from claimgraph.nlp.spans import doc_text
from claimgraph.record import Actor, Event, Record
from claimgraph.stages.events.dates import when_clauses

__all__ = ["EventPlace", "PlaceFinder", "side_countries"]

_PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within"}
)
#: Prepositions of place only for codes that happen at their object: visits, force, attacks.
_TARGET_PREPS = frozenset({"on", "to", "into", "against"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_TRIM = ("the ",)


@dataclass(frozen=True)
class EventPlace:
    country: str
    start: int
    end: int


class PlaceFinder:
    """Places of the events of one record."""

    def __init__(self, record: Record) -> None:
        self.record = record

    def country_of(self, start: int, end: int, text: str) -> str | None:
        actor = actor_index(self.record).actor_at(start, end)
        if actor is not None and actor.kind == "state" and actor.country:
            return actor.country
        name = text
        for prefix in _TRIM:
            if name.lower().startswith(prefix):
                name = name[len(prefix) :]
        return place_country(name) or word_country(name)  # "the West Bank": a territory the gazetteer lacks

    def for_event(self, head: Token, trigger: Token, code: str) -> EventPlace | None:
        """The place of the event headed by ``head`` (its trigger ``trigger``, CAMEO ``code``)."""
        at_object = code[:3] in ("042", "043", "036") or code[:2] in ("15", "17", "18", "19", "20")
        preps = _PLACE_PREPS | (_TARGET_PREPS if at_object else frozenset())
        anchors = [trigger, head]
        if at_object or code[:2] == "14":  # "blocked streets in Hong Kong", "shelled villages near Homs"
            anchors += [c for c in head.children if c.dep_ == "dobj"]
        # "killed 23 people when they blew themselves up in Tel Aviv": the "when" clause's place
        anchors += when_clauses(head)
        for anchor in dict.fromkeys(anchors):
            for prep in anchor.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    found = self._place(obj)
                    if found is not None:
                        return found
        return None

    def _place(self, obj: Token) -> EventPlace | None:
        """The place named by the phrase headed by ``obj`` ("Raqqa", "the city of Aleppo", "a
        jail in northern Israel"): a named entity of place, or a proper noun the knowledge
        places (the parser's entity types miss some: "Aleppo" as NORP)."""
        candidates = [obj] + [
            g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
        ]
        candidates += [c for c in obj.children if c.dep_ == "compound"]
        # "at a jail in northern Israel", "near a checkpoint outside Hebron": a place within a place
        candidates += [
            g
            for c in obj.children
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for tok in candidates:
            if tok.ent_type_ not in _PLACE_ENTS and tok.pos_ != "PROPN":
                continue
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and (ent.label_ in _PLACE_ENTS or tok.pos_ == "PROPN"):
                start, end = ent.start_char, ent.end_char
            else:
                start, end = tok.idx, tok.idx + len(tok.text)
            name = doc_text(tok.doc)[start:end]
            country = self.country_of(start, end, name)
            if country is not None:
                return EventPlace(country, start, end)
        return None


#: CAMEO roots of acts whose unnamed target is at home: appeals, consultations, praise,
#: demands, criticism, rejections, threats and protests with no one named are addressed to
#: the source's own government or public ("the opposition demanded early elections", "the
#: senator criticized the deal", "students protested"), as PLOVER's gold records code them.
DOMESTIC_ROOTS = frozenset({"02", "04", "05", "10", "11", "12", "13", "14"})
#: CAMEO roots whose unnamed source is of the place the act happens in: protests (the people
#: there) and coercion (arrests, detentions, curfews, bans and expulsions are the acts of the
#: authorities where they happen: "a missionary was arrested in Lebanon" → LBN).
PLACED_SOURCE_ROOTS = frozenset({"14", "17"})


def _placed(actor: Actor | None, named: str | None, where: str | None) -> str | None:
    """The country of an event side: its actor's own, else (a group or organisation that is
    not an international body, or no actor) the country its phrase names, else the country
    where the event happens. A person belongs to a country, wherever the event is: none is
    guessed from the place."""
    if actor is not None and actor.country:
        return actor.country
    if actor is not None and (
        actor.kind == "person" or actor.sector == "IGO" or (actor.code or "").startswith("IGO")
    ):
        return None
    return named or where


def _stateless_person(actor: Actor | None) -> bool:
    return (
        actor is not None
        and actor.kind == "person"
        and not actor.country
        and not (actor.code or "").startswith("IGO")
    )


#: CAMEO roots of force (assault, fighting, mass violence).
_FORCE_ROOTS = frozenset({"18", "19", "20"})


def side_countries(
    record: Record,
    source: str | None,
    target: str | None,
    root: str,
    where: str | None,
    *,
    named: tuple[str | None, str | None] = (None, None),
) -> tuple[str | None, str | None]:
    """(source country, target country) of an event with actors ``source`` and ``target``,
    CAMEO ``root``, location country ``where``, and the countries its source and target
    phrases name in their own words (``named``: "Palestinian prisoners", "demonstrators in
    Baghdad").

    A side whose actor has a country keeps it. A side without an actor, or a transnational
    group, takes the country its phrase names; failing that, a group takes the country of
    the event's place ("Islamic State fighters attacked a checkpoint in Mosul" → IRQ), as
    does the unnamed source of a protest ("thousands demonstrated in Jakarta" → IDN) or of
    coercion ("was arrested in Lebanon" → LBN). An appeal, consultation, praise, demand,
    criticism, rejection or threat with no target named is domestic: its target is the
    source's country; a protest with no target named is addressed to the state it happens
    in ("Palestinian prisoners rioted at a jail in Israel" → ISR), its source's own when no
    place is named; force with no target named falls on the place it is used in ("the
    attacks in Paris" → FRA). A person known by name only, in an appeal, consultation, praise,
    concession, demand, criticism, rejection, threat or protest facing a side of one country,
    is of that country (the opposition demanding that a president resign: domestic, as PLOVER's
    gold records code it); not in coercion or force. Otherwise a side stays without one (a
    person known by name only is not placed by where the event happens)."""
    src_actor, tgt_actor = record.actor(source), record.actor(target)
    src = _placed(
        src_actor, named[0], where if src_actor is not None or root in PLACED_SOURCE_ROOTS else None
    )
    tgt = _placed(tgt_actor, named[1], where if tgt_actor is not None else None)
    if tgt is None and tgt_actor is None and root in DOMESTIC_ROOTS:
        tgt = where if root == "14" and where else src
    if tgt is None and tgt_actor is None and root in _FORCE_ROOTS:
        tgt = where  # "the attacks in Paris" → FRA: force falls on the place it is used in
    if root in DOMESTIC_ROOTS or root == "08":  # a person known by name only, facing one country's side
        if tgt is None and _stateless_person(tgt_actor):
            tgt = src
        if src is None and _stateless_person(src_actor):
            src = tgt
    if src is None and src_actor is None and root == "14":
        src = tgt  # "hunger strikers protested the Russian government's refusal" → RUS > RUS
    return src, tgt


def place_groups(events: list[Event], record: Record) -> list[Event]:
    """A transnational armed group (an ``IMG`` actor without a country: Islamic State,
    al-Qaeda) on a side of an event that names no country for it is of the country where the
    document places the group's own events (the most frequent location of the events it is a
    side of; the earliest on a tie), as the analyst places "Isis" in an article about its
    strikes in Iraq; none when none of them has a location. Sides that already have a country
    are kept."""
    groups = {
        a.id
        for a in record.actors
        if not a.country and a.kind != "person" and (a.code or "").startswith("IMG")
    }
    if not groups or not any(e.location for e in events):
        return events

    def commonest(evs: list[Event]) -> str | None:
        counts: dict[str, int] = {}
        for e in evs:
            if e.location is not None:
                counts[e.location.country] = counts.get(e.location.country, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None  # first seen wins ties

    home = {g: commonest([e for e in events if g in (e.source, e.target)]) for g in groups}
    out: list[Event] = []
    for ev in events:
        update: dict[str, str | None] = {}
        if ev.source in groups and ev.source_country is None:
            update["source_country"] = home[ev.source]
        if ev.target in groups and ev.target_country is None:
            update["target_country"] = home[ev.target]
        out.append(ev.model_copy(update=update) if update else ev)
    return out
