"""Evidence for actor mentions: modifier zones, titles and appositions.

A person's or organisation's country and sector are read from the words around
its name: a title zone before it ("Chinese Foreign Minister", "North Korea's"), an
apposition after or before it ("Dmitry Peskov, the Kremlin's spokesman";
"the head of South Korea's National Intelligence Service, Park Jie-won,") or a
relative clause ("who leads the United States Pacific Command"). Countries after
"to", "in", "with" … are someone else's ("ambassador to China").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from claimgraph.knowledge.actors import ActorKnowledge, Person, Role, Surface
from claimgraph.nlp.spans import DETERMINERS, token_offsets
from claimgraph.stages.actors.match import Matches

__all__ = ["Evidence", "Mention", "MentionContext"]

HONORIFICS = {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "miss",
    "madam",
    "mister",
}
#: Head words of names that are not actors: treaties, meetings, events.
NOT_ACTORS = {
    "convention",
    "treaty",
    "accord",
    "accords",
    "agreement",
    "protocol",
    "charter",
    "declaration",
    "summit",
    "dialogue",
    "forum",
    "conference",
    "talks",
    "war",
    "crisis",
    "speech",
    "deal",
    "plan",
    "death",
}
#: Prepositions after which a country is not the actor's own ("ambassador to China").
FOREIGN_PREPS = {
    "to",
    "in",
    "into",
    "with",
    "against",
    "from",
    "toward",
    "towards",
    "near",
    "over",
    "across",
    "outside",
    "inside",
    "around",
    "than",
    "like",
    "about",
    "on",
    "after",
    "before",
}
#: Verbs whose object is a place, not an actor ("left Pyongyang").
MOTION_VERBS = {"leave", "visit", "reach", "enter", "tour", "arrive", "fly", "travel", "return", "flee"}
MOTION_VERBS |= {"move", "relocate", "evacuate", "land", "depart", "attend", "host"}
#: Prepositions that attach a role to its organisation ("head of", "spokesman for").
OWN_PREPS = {"of", "for", "at"}
#: Prepositions after which a capital stands for its government ("talks with Moscow").
ACTING_PREPS = {
    "between",
    "with",
    "against",
    "by",
    "on",
    "upon",
    "toward",
    "towards",
    "for",
    "among",
    "versus",
    "vs",
    "vs.",
}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
CLAUSE_STOP = {",", ";", ":", "--", "—", "–", "(", ")", '"', "“", "”", "'", "‘", "’"}


@dataclass
class Mention:
    """One actor mention before coreference: a token span with what it says."""

    start: int
    end: int
    chars: tuple[int, int]
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    name: str = ""
    title: str | None = None
    key: str | None = None
    head: str | None = None
    members: tuple[str, ...] = ()
    person: Person | None = None
    gender: str | None = None
    anaphor: bool = False
    pronoun: bool = False
    plural: bool = False
    source: str = ""
    org_head: str | None = None  # "embassy" of "embassy spokeswoman": which embassy, coreference says


@dataclass
class Evidence:
    """What a title, apposition or modifier says about an actor."""

    country: str | None = None
    sector: str | None = None
    org: Surface | None = None
    org_sector: str | None = None
    title: Role | None = None
    title_text: str | None = None
    group: Surface | None = None
    person: Mention | None = None
    org_head: str | None = None
    tokens: list[int] = field(default_factory=list)

    def merge(self, other: Evidence) -> Evidence:
        for name in (
            "country",
            "sector",
            "org",
            "org_sector",
            "title",
            "title_text",
            "group",
            "person",
            "org_head",
        ):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        self.tokens += other.tokens
        return self

    def sector_for(self, role: Role | None) -> str | None:
        """The sector: a role's own, or that of its organisation when the role inherits."""
        role = role or self.title
        if role is not None and not role.inherit:
            return role.sector
        return self.org_sector or self.sector or (role.sector if role else None)


class MentionContext:
    def __init__(self, doc: Doc, kb: ActorKnowledge, matches: Matches, when: date | None) -> None:
        self.doc = doc
        self.kb = kb
        self.m = matches
        self.when = when
        self.used: dict[int, Mention] = {}
        self.consumed: set[int] = set()
        self.mentions: list[Mention] = []
        self.ents: dict[int, Span] = {t: e for e in doc.ents for t in range(e.start, e.end)}
        self.person_words: set[str] = set()

    # -- bookkeeping -------------------------------------------------------------------------
    def free(self, start: int, end: int) -> bool:
        return all(i not in self.used and i not in self.consumed for i in range(start, end))

    def add(self, mention: Mention) -> Mention:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.used[i] = mention
        return mention

    def remove(self, mention: Mention) -> None:
        self.mentions.remove(mention)
        for i in range(mention.start, mention.end):
            if self.used.get(i) is mention:
                del self.used[i]

    def consume(self, tokens: list[int]) -> None:
        self.consumed.update(i for i in tokens if i not in self.used)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        return token_offsets(self.doc, start, end)

    def code(self, country: str | None, sector: str | None) -> str | None:
        """The CAMEO-style actor code: country plus sector ("RUSGOV"), None without a country."""
        if country:
            return country + (sector or "")
        return None


# -- evidence ---------------------------------------------------------------------------------
def _governing_prep(ctx: MentionContext, i: int, lo: int) -> str | None:
    """The nearest preposition before token ``i`` inside the phrase starting at ``lo``."""
    for j in range(i - 1, lo - 1, -1):
        tok = ctx.doc[j]
        if (tok.pos_ == "ADP" and tok.tag_ != "POS") or (
            tok.lower_ in OWN_PREPS | FOREIGN_PREPS and tok.pos_ in ("ADP", "SCONJ")
        ):
            return tok.lower_
    return None


def _evidence(ctx: MentionContext, tokens: list[int], *, allow_people: bool = False) -> Evidence:
    """Evidence from the words of a title, apposition or modifier zone."""
    ev = Evidence(tokens=list(tokens))
    if not tokens:
        return ev
    lo = tokens[0]
    seen: set[int] = set()
    for i in tokens:
        hit = ctx.m.entity_at.get(i)
        if hit is not None and id(hit) not in seen:
            seen.add(id(hit))
            prep = _governing_prep(ctx, hit.start, lo)
            if prep in FOREIGN_PREPS or hit.chars is not None:
                continue  # "ambassador to China"; "U.S.-led forces" are not the U.S.'s own
            s = hit.surface
            assert s is not None
            if s.kind in ("country", "demonym", "plural", "capital", "region"):
                ev.country = ev.country or s.country
                if s.kind == "capital":
                    ev.sector = ev.sector or "GOV"
            elif s.kind == "organisation":
                ev.org = ev.org or s
                ev.org_sector = ev.org_sector or s.sector
                ev.country = ev.country or s.country
            elif s.kind == "group":
                ev.group = ev.group or s
        role_hit = ctx.m.role_at.get(i)
        if role_hit is not None and id(role_hit) not in seen:
            seen.add(id(role_hit))
            role = role_hit.role
            assert role is not None
            if role.kind == "person":
                ev.title = role
                ev.country = ev.country or role.country  # "the secretary of the Treasury"
                ev.title_text = ctx.doc[role_hit.start : role_hit.end].text
            elif ctx.m.entity_at.get(i) is None:
                ev.org_sector = ev.org_sector or role.sector
                ev.org_head = ev.org_head or ctx.doc[role_hit.end - 1].lower_
        other = ctx.used.get(i)
        if other is not None and id(other) not in seen:
            seen.add(id(other))
            if _governing_prep(ctx, other.start, lo) in FOREIGN_PREPS:
                continue
            if other.kind == "person" and allow_people:
                ev.person = ev.person or other
                ev.country = ev.country or other.country
            elif other.kind != "person":
                ev.country = ev.country or other.country
                ev.org_sector = ev.org_sector or other.sector
    return ev


def _left_zone(ctx: MentionContext, start: int, *, max_len: int = 10, absorb: bool = False) -> list[int]:
    """Modifier words before token ``start`` that may name a country, title or organisation."""
    doc = ctx.doc
    zone: list[int] = []
    i = start - 1
    sent_start = doc[start].sent.start if start < len(doc) else 0
    while i >= sent_start and len(zone) < max_len:
        tok = doc[i]
        if i in ctx.used and not absorb:
            break
        if i in ctx.used:
            m = ctx.used[i]
            zone[:0] = list(range(m.start, i + 1))
            i = m.start - 1
            continue
        hit = ctx.m.entity_at.get(i) or ctx.m.role_at.get(i)
        if hit is not None and hit.start <= i:
            if hit.surface is not None and hit.surface.kind == "place":
                break
            zone[:0] = list(range(hit.start, i + 1))
            i = hit.start - 1
            continue
        if tok.tag_ == "POS" or (tok.text in ("-", "–") and zone):
            zone.insert(0, i)
        elif tok.lower_ in DETERMINERS or tok.lower_ in ("a", "an") or tok.tag_ == "PRP$":
            zone.insert(0, i)
            break
        elif (
            tok.pos_ in ("PROPN", "NOUN", "ADJ", "NUM")
            and tok.tag_ not in ("VBG", "VBN")
            and tok.text not in (CLAUSE_STOP)
        ):
            if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
                break
            zone.insert(0, i)
        else:
            break
        i -= 1
    return zone


def _has_support(ctx: MentionContext, tokens: list[int]) -> bool:
    return any(i in ctx.m.entity_at or i in ctx.m.role_at or i in ctx.used for i in tokens)


def _phrase_ok(ctx: MentionContext, tokens: list[int]) -> bool:
    """An apposition is a noun phrase: no finite verb, not a clause."""
    if not tokens:
        return False
    first = ctx.doc[tokens[0]]
    if first.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADV") or first.lower_ in (
        "who",
        "which",
        "that",
    ):
        return False
    return not any(ctx.doc[i].tag_ in FINITE_TAGS and ctx.doc[i].pos_ in ("VERB", "AUX") for i in tokens)


def _right_apposition(
    ctx: MentionContext, end: int, *, want: str = "person"
) -> tuple[list[int], Role | None]:
    """``NAME, the Kremlin's spokesman,``: the words after the comma, and their head role."""
    doc = ctx.doc
    if end >= len(doc) or doc[end].text not in (",", "(") or doc[end].sent.start != doc[end - 1].sent.start:
        return [], None
    closer = ")" if doc[end].text == "(" else None
    tokens: list[int] = []
    i = end + 1
    sent_end = doc[end].sent.end
    while i < sent_end and len(tokens) < 16:
        tok = doc[i]
        if tok.text in (",", ";", ":", "--", "—", ".") or (closer and tok.text == closer):
            break
        if tok.text in ('"', "“", "”"):
            break
        tokens.append(i)
        i += 1
    if not _phrase_ok(ctx, tokens):
        return [], None
    role = _head_role(ctx, tokens, want)
    if role is None:
        return [], None
    return tokens, role


def _relative_clause(ctx: MentionContext, end: int) -> tuple[list[int], Role | None]:
    """``NAME, who leads the United States Pacific Command,``: the organisation led."""
    doc = ctx.doc
    if end + 3 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "who":
        return [], None
    verb = doc[end + 2]
    if verb.lemma_ not in ("lead", "head", "run", "command", "chair", "direct", "represent"):
        return [], None
    tokens = []
    sent_end = doc[end].sent.end
    for i in range(end + 3, min(len(doc), end + 16, sent_end)):
        if doc[i].text in (",", ";", ".", ")"):
            break
        tokens.append(i)
    if not any(i in ctx.m.entity_at or i in ctx.used for i in tokens):
        return [], None
    return tokens, ctx.kb.roles.get("head")


def _left_apposition(ctx: MentionContext, start: int, end: int) -> tuple[list[int], Role | None]:
    """``the head of X, NAME,``: the phrase before the comma, when the name is set off."""
    doc = ctx.doc
    if start < 2 or doc[start - 1].text != ",":
        return [], None
    if end < len(doc) and doc[end].text not in (",", ".", ";", ")") and doc[end].pos_ not in ("VERB", "AUX"):
        return [], None
    tokens: list[int] = []
    i = start - 2
    sent_start = doc[start].sent.start
    while i >= sent_start and len(tokens) < 14:
        tok = doc[i]
        if tok.text in CLAUSE_STOP or (tok.tag_ in FINITE_TAGS and tok.pos_ in ("VERB", "AUX")):
            break
        if tok.pos_ in ("VERB", "SCONJ", "PRON") and tok.tag_ != "PRP$":
            break
        tokens.insert(0, i)
        i -= 1
    if tokens and doc[tokens[0]].pos_ not in ("DET", "ADJ", "NOUN", "PROPN"):
        # "complaints by the secretary of the Treasury, NAME,": the phrase at a determiner
        starts = [k for k, i in enumerate(tokens) if doc[i].lower_ in ("the", "a", "an") and k > 0]
        tokens = tokens[starts[0] :] if starts else tokens
        if _head_role(ctx, tokens, "person") is None:
            return [], None  # "For the Chinese, Admiral Harris,": not an apposition
    if (
        not tokens
        or not _phrase_ok(ctx, tokens)
        or doc[tokens[0]].pos_ not in ("DET", "ADJ", "NOUN", "PROPN")
    ):
        return [], None
    role = _head_role(ctx, tokens, "person")
    if role is None:
        last = ctx.m.entity_at.get(tokens[-1])
        if last is not None and last.surface is not None and last.surface.kind == "demonym":
            return tokens, None  # "one American, Otto Warmbier,"
        return [], None
    return tokens, role


def _head_role(ctx: MentionContext, tokens: list[int], want: str) -> Role | None:
    """The first role of the wanted kind in the phrase whose last word heads a noun phrase."""
    for i in tokens:
        hit = ctx.m.role_at.get(i)
        if hit is None or hit.end - 1 != i or hit.role is None:
            continue
        if hit.role.kind == want:
            return hit.role
    return None
