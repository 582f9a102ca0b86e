"""Coreference for actor mentions, by rule (no statistical model).

- **names**: "Peskov" joins "Dmitry Peskov" (a name whose words are all in an earlier
  person's name joins the most recent such person); a later name word that spaCy did
  not tag ("Trump" tagged as an organisation) joins the same way;
- **states**: every mention of a state acting as itself ("China", "Beijing", "Chinese
  officials", "the Chinese government") joins one actor per country;
- **organisations**: the same known organisation, or the same country and sector for
  role phrases ("U.S. forces", "the U.S. military");
- **anaphors**: "the spokesman", "the ministry", "the regime" join the most recent actor
  that was named with that word; "his administration" is the government of the person
  "his" refers to; unresolved anaphors are dropped;
- **pronouns**: he/she (and their other forms) join the most recent person of a
  compatible gender in the same or the two previous sentences, and only when no other
  person competes for it (a subject wins over a non-subject); they/them/their join the
  only state, organisation or group in reach; "it"/"its" join a state or organisation
  only as the subject of an actor's verb ("said it would respond") or a possessive, when
  the nearest actor is a singular subject and no other noun competes. When in doubt,
  nothing is linked;
- **descriptions**: "the rogue regime", "this fascist theocracy", "the hermit kingdom's
  leadership" join the most mentioned state in reach, never the subject of their own
  clause (:func:`claimgraph.stages.actors.context.salient_state`); "the Russian leader"
  joins the named Russian leader (a person titled president, leader … of that country).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, cast

from spacy.tokens import Doc, Token

from claimgraph.knowledge.actors import ActorKnowledge, name_key
from claimgraph.nlp.columns import columns
from claimgraph.stages.actors.context import STATE_NOUNS, describes_state, salient_state, window
from claimgraph.stages.actors.mentions import Mention

__all__ = ["Cluster", "cluster_mentions"]

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
NEUTER = {"it", "its"}
_PRONOUNS = frozenset(MALE | FEMALE | PLURAL | NEUTER)
#: Verbs whose subject "it" is an actor ("North Korea said it would respond").
ACTOR_VERBS = {
    "say", "warn", "deny", "accuse", "announce", "claim", "insist", "threaten", "vow", "pledge",
    "reject", "demand", "urge", "respond", "refuse", "agree", "plan", "seek", "launch", "impose",
    "condemn", "add", "state", "promise", "decline", "confirm", "order", "fire", "test", "send",
    "sign", "expel", "arrest", "sanction", "attack", "oppose", "intend", "retaliate", "summon",
    "protest", "vote", "approve", "ban", "block", "invade", "deploy", "withdraw", "negotiate",
}  # fmt: skip
#: Heads of "the Russian leader" that may be the head of state already named.
LEADER_HEADS = {"leader", "president", "dictator", "strongman", "despot", "autocrat", "ruler", "premier"}
LEADER_HEADS |= {"chancellor", "king", "monarch", "tyrant", "minister"}
LEADER_TITLES = LEADER_HEADS - {"minister"} | {"prime minister", "supreme leader", "head of state"}
PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "di", "du", "von", "van", "der", "la", "le", "jr", "sr"}
#: Head words that may refer back to a differently worded antecedent.
SYNONYMS = {
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "staffer": "employee",
    "worker": "employee",
    "administration": "government",
    "regime": "government",
    "leadership": "government",
    "consulate": "embassy",
    "militants": "group",
    "organization": "group",
    "organisation": "group",
}


@dataclass
class Cluster:
    """Mentions of one actor, in text order.

    What the loops of :func:`cluster_mentions` ask of every cluster for every mention (its
    kind, country, head words, the words of its fullest name) is worked out once and kept
    until the cluster changes (:meth:`add`, :func:`_set_country`): asking it again each
    time made clustering grow with the square of the number of mentions.
    """

    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def kind(self) -> str:
        if "kind" not in self._memo:
            kinds = [m.kind for m in self.mentions if not m.pronoun and not m.anaphor]
            self._memo["kind"] = kinds[0] if kinds else self.mentions[0].kind
        return cast(str, self._memo["kind"])

    @property
    def country(self) -> str | None:
        if "country" not in self._memo:
            self._memo["country"] = next((m.country for m in self.mentions if m.country), None)
        return cast("str | None", self._memo["country"])

    def last_before(self, char: int) -> Mention | None:
        for m in reversed(self.mentions):  # the last one in text order that ends before ``char``
            if m.chars[1] <= char:
                return m
        return None

    def heads(self) -> set[str]:
        if "heads" not in self._memo:
            words = set()
            for m in self.mentions:
                if m.head:
                    words.add(SYNONYMS.get(m.head, m.head))
                for text in (m.title, m.name if m.kind != "person" else None):
                    if text:
                        words.update(SYNONYMS.get(w, w) for w in text.lower().split())
            self._memo["heads"] = words
        return cast("set[str]", self._memo["heads"])

    def names(self) -> tuple[list[Mention], frozenset[str], set[int]]:
        """The mentions that name a person, the words of the fullest of those names (the first
        such), and the ids of the people-file entries they name."""
        if "names" not in self._memo:
            named = [m for m in self.mentions if m.source in ("person", "short")]
            full = max((_name_word_set(m.name) for m in named), key=len) if named else frozenset()
            people = {id(m.person) for m in named if m.person is not None}
            self._memo["names"] = (named, full, people)
        return cast("tuple[list[Mention], frozenset[str], set[int]]", self._memo["names"])

    def changed(self) -> None:
        """Forget what was worked out about the mentions (they or their fields changed)."""
        self._memo.clear()

    def add(self, mention: Mention) -> None:
        insort(self.mentions, mention, key=_start)  # after those starting at the same character
        self.changed()
        if self.gender is None and mention.gender:
            self.gender = mention.gender


def _start(mention: Mention) -> int:
    return mention.chars[0]


def _name_words(name: str) -> list[str]:
    return [w for w in name_key(name).split() if w not in PARTICLES and len(w) > 1]


@lru_cache(maxsize=4096)
def _name_word_set(name: str) -> frozenset[str]:
    return frozenset(_name_words(name))


def _person_cluster(clusters: list[Cluster], mention: Mention) -> Cluster | None:
    """The earlier person this name refers to ("Putin" -> "Vladimir V. Putin")."""
    words = _name_word_set(mention.name)
    if not words:
        return None
    best: tuple[int, Cluster] | None = None
    for c in clusters:
        if c.kind != "person":
            continue
        named, full, people = c.names()
        if not named:
            continue
        same_person = mention.person is not None and id(mention.person) in people
        if not (same_person or words <= full or full <= words):
            continue
        if mention.country and c.country and mention.country != c.country and not same_person:
            continue
        last = c.mentions[-1].chars[0]
        if best is None or last > best[0]:
            best = (last, c)
    return best[1] if best else None


def _known(kb: ActorKnowledge, word: str, when: date | None) -> Mention | None:
    """A one-word name the people file gives to people of a single country ("Putin")."""
    people = kb.person(word)
    if not people:
        return None
    codes = {p.role_at(when) for p in people}
    countries = {kb.country_of_code(c) for c in codes}
    if len(countries) != 1 or None in countries:
        return None
    code = sorted(c for c in codes if c)[0]
    country = countries.pop()
    return Mention(
        0,
        0,
        (0, 0),
        "person",
        country=country,
        sector=code[3:6] or None,
        name=word,
        person=people[0] if len(people) == 1 else None,
        gender=people[0].gender,
        source="short",
    )


def _short_names(
    doc: Doc, kb: ActorKnowledge, mentions: list[Mention], blocked: set[int], when: date | None
) -> list[Mention]:
    """Name words spaCy did not tag as a person ("Trump" as ORG) that repeat a person's name,
    or that the people file knows as one person ("Putin")."""
    index: dict[str, Mention] = {}
    out: list[Mention] = []
    people = sorted(
        (m for m in mentions if m.kind == "person" and m.source == "person"), key=lambda m: m.start
    )
    pos = 0
    cols = columns(doc)  # the cheap tests on the columns; a Token only for a candidate
    is_title, is_upper, tag_pos, ent_type = cols.is_title, cols.is_upper, cols.pos, cols.ent_type
    for i, text in enumerate(cols.text):
        while pos < len(people) and people[pos].end <= i:
            for w in _name_words(people[pos].name):
                index[w] = people[pos]
            pos += 1
        if i in blocked or (not is_title[i] and not is_upper[i]) or len(text) < 3:
            continue
        if tag_pos[i] not in ("PROPN", "NOUN") and not ent_type[i]:
            continue
        tok = doc[i]
        source = index.get(tok.lower_)
        if source is None and tok.pos_ == "PROPN" and tok.is_title:
            source = _known(kb, tok.text, when)
        if source is None:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        words = [t for t in tok.sent if t.is_alpha]
        if len(words) >= 4 and sum(t.is_title for t in words) >= 0.75 * len(words):
            prev = nxt = None  # a headline: every word is capitalised, neighbours say nothing
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and nxt.i not in blocked:
            continue  # part of another name
        if (
            prev is not None
            and prev.pos_ == "PROPN"
            and prev.is_title
            and not prev.is_sent_start
            and (prev.i not in blocked)
        ):
            continue
        out.append(
            Mention(
                tok.i,
                tok.i + 1,
                (tok.idx, tok.idx + len(tok)),
                "person",
                country=source.country,
                sector=source.sector,
                code=source.code,
                name=tok.text,
                person=source.person,
                gender=source.gender,
                source="short",
            )
        )
    return out


def _key(mention: Mention) -> str | None:
    """The identity key that merges non-person mentions."""
    if mention.kind == "state" and mention.country:
        if mention.sector in (None, "GOV") or mention.source in ("country", "capital", "plural", "demonym"):
            return f"state:{mention.country}"
        return f"state:{mention.country}:{mention.sector}"
    if mention.kind == "group":
        return mention.key or f"group:{mention.name}"
    if mention.kind == "organisation":
        if mention.key:
            return mention.key
        if mention.country or mention.code:
            return f"np:{mention.country}:{mention.sector}:{mention.code}"
    return None


def _antecedent(clusters: list[Cluster], mention: Mention) -> Cluster | None:
    """The most recent actor named with this anaphor's head word ("the ministry")."""
    head = SYNONYMS.get(mention.head or "", mention.head or "")
    want = mention.kind
    cands = _recent(
        clusters,
        mention.chars[0],
        0,
        lambda c, _: (c.kind == want or (want == "state" and c.kind == "organisation")) and head in c.heads(),
    )
    return _latest(cands)


def _antecedent_org(clusters: list[Cluster], mention: Mention) -> Cluster | None:
    """The most recent organisation or state named with the word of a title ("embassy")."""
    cands = _recent(
        clusters, mention.chars[0], 0, lambda c, _: c.kind != "person" and mention.org_head in c.heads()
    )
    return _latest(cands)


def _recent(
    clusters: list[Cluster], char: int, lo: int, keep: Callable[[Cluster, Mention], bool]
) -> list[tuple[int, Cluster, Mention]]:
    """(offset, cluster, mention) of each cluster's last mention before ``char`` and at or
    after ``lo`` (the start of the look-back window), where ``keep(cluster, mention)`` holds."""
    out = []
    for c in clusters:
        if c.mentions[-1].chars[0] < lo:
            continue  # nothing in the look-back window (mentions are in text order)
        last = c.last_before(char)
        if last is not None and last.chars[0] >= lo and keep(c, last):
            out.append((last.chars[0], c, last))
    return out


def _latest(cands: list[tuple[int, Cluster, Mention]]) -> Cluster | None:
    """The cluster mentioned last among the candidates (the first of them on a tie)."""
    return max(cands, key=lambda x: x[0])[1] if cands else None


def _is_subject(doc: Doc, mention: Mention) -> bool:
    return any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(mention.start, mention.end))


def _resolve_pronoun(doc: Doc, tok: Token, clusters: list[Cluster], taken: set[int]) -> Cluster | None:
    low = tok.lower_
    if low in NEUTER:
        return _resolve_it(doc, tok, clusters, taken)
    if low in MALE | FEMALE:
        gender = "m" if low in MALE else "f"
        lo = window(doc, tok, 2)
        cands = _recent(clusters, tok.idx, lo, lambda c, _: c.kind == "person" and c.gender in (None, gender))
        if not cands:
            return None
        cands.sort(key=lambda x: -x[0])
        sure = [x for x in cands if x[1].gender == gender]
        pool = sure or cands
        if len(pool) == 1:
            return pool[0][1] if sure or len(cands) == 1 else None
        first, second = pool[0], pool[1]
        if _is_subject(doc, first[2]) and not _is_subject(doc, second[2]):
            return first[1]
        if _is_subject(doc, second[2]) and not _is_subject(doc, first[2]) and second[2].end <= first[2].start:
            return second[1]
        return None
    if low in PLURAL:
        cands = _recent(clusters, tok.idx, window(doc, tok, 1), lambda c, _: c.kind != "person")
        if len(cands) == 1:
            return cands[0][1]
        if cands:
            cands.sort(key=lambda x: -x[0])
            nearest = cands[0][2]
            if nearest.plural and doc[nearest.start].sent == tok.sent and _is_subject(doc, nearest):
                return cands[0][1]
    return None


def _resolve_it(doc: Doc, tok: Token, clusters: list[Cluster], taken: set[int]) -> Cluster | None:
    """ "it"/"its" for a state or organisation: only as the subject of an actor's verb or a
    possessive, and only when the nearest actor in the same or previous sentence is a
    singular subject with no other noun subject or object between it and the pronoun."""
    if tok.lower_ == "it" and not (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in ACTOR_VERBS):
        return None
    if tok.lower_ == "its" and tok.tag_ != "PRP$":
        return None
    cands = _recent(
        clusters,
        tok.idx,
        window(doc, tok, 1),
        lambda c, last: c.kind != "person" and not (last.pronoun and last.name.lower() not in NEUTER),
    )
    if not cands:
        return None
    _, target, nearest = max(cands, key=lambda x: x[0])
    if nearest.plural or not (nearest.pronoun or _is_subject(doc, nearest)):
        return None
    for i in range(nearest.end, tok.i):
        t = doc[i]
        if t.i not in taken and t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return None  # "Iran seized a tanker … its": the tanker competes
    return target


def _join_state(clusters: list[Cluster], by_key: dict[str, Cluster], mention: Mention, country: str) -> None:
    """Add a described state ("the rogue regime") to that country's state actor."""
    mention.country, mention.anaphor = country, False
    mention.code = f"{country}{mention.sector or ''}"
    target = by_key.get(f"state:{country}")
    if target is None:
        target = by_key[f"state:{country}"] = Cluster()
        clusters.append(target)
    target.add(mention)


def _leader(doc: Doc, clusters: list[Cluster], mention: Mention) -> Cluster | None:
    """ "the Russian leader" after "Vladimir Putin": the named leader of that country.

    Only a definite description, and only a named person of the same country whose title
    is a leader's, or the only named government person of that country so far."""
    if mention.start == 0 or doc[mention.start - 1].lower_ != "the":
        return None
    title = (mention.title or "").lower()
    if mention.head == "minister" and title != "prime minister":
        return None
    leaders, untitled = [], []
    for c in clusters:
        if c.kind != "person" or c.country != mention.country:
            continue
        named = [m for m in c.mentions if m.source in ("person", "short") and m.chars[0] < mention.chars[0]]
        if not named:
            continue
        titles = {m.title.lower() for m in c.mentions if m.title and m.source == "person"}
        if any(t == title or t.split()[-1:] == title.split()[-1:] or t in LEADER_TITLES for t in titles):
            leaders.append((named[-1].chars[0], c))
        elif not titles and all(m.sector in (None, "GOV") for m in named):
            untitled.append((named[-1].chars[0], c))
    if leaders:
        return max(leaders, key=lambda x: x[0])[1]
    return untitled[0][1] if len(untitled) == 1 else None


def cluster_mentions(
    doc: Doc, kb: ActorKnowledge, mentions: list[Mention], blocked: set[int], when: date | None = None
) -> list[Cluster]:
    """Group mentions into actors; adds name repeats and pronouns as mentions."""
    mentions = sorted(mentions + _short_names(doc, kb, mentions, blocked, when), key=lambda m: m.chars[0])
    taken = blocked | {i for m in mentions for i in range(m.start, m.end)}
    cols = columns(doc)  # a pronoun: a PRON or a possessive (PRP$) of the four sets, not taken
    pronouns = [
        doc[i]
        for i, low in enumerate(cols.lower)
        if low in _PRONOUNS and i not in taken and (cols.pos[i] == "PRON" or cols.tag[i] == "PRP$")
    ]
    items: list[tuple[int, Mention | Token]] = [(m.chars[0], m) for m in mentions]
    items += [(t.idx, t) for t in pronouns]
    items.sort(key=lambda x: x[0])
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    acronyms: dict[str, Cluster] = {}
    possessor: dict[int, Cluster] = {}  # token of a resolved "his"/"their" -> its actor
    for _, item in items:
        if isinstance(item, Token):
            target = _resolve_pronoun(doc, item, clusters, taken)
            if target is None:
                continue
            gender = "m" if item.lower_ in MALE else "f" if item.lower_ in FEMALE else None
            if target.gender is None and gender:
                target.gender = gender
            ref = target.mentions[0]
            target.add(
                Mention(
                    item.i,
                    item.i + 1,
                    (item.idx, item.idx + len(item)),
                    target.kind,
                    country=target.country,
                    sector=ref.sector,
                    code=ref.code,
                    name=item.text,
                    pronoun=True,
                    gender=gender,
                    source="pronoun",
                )
            )
            possessor[item.i] = target
            continue
        m = item
        if m.anaphor:
            if m.source == "np-org":  # "an embassy spokeswoman": a new person, of that embassy's country
                org = _antecedent_org(clusters, m)
                country = org.country if org is not None else None
                if org is None and m.org_head in STATE_NOUNS:  # "the rogue kingdom's despotic leader"
                    country = salient_state(doc, clusters, m)
                if country:
                    m.country, m.anaphor = country, False
                    m.code = f"{country}{m.sector or ''}"
                    c = Cluster()
                    c.add(m)
                    clusters.append(c)
                continue
            if m.source == "np-possessive":
                owner = possessor.get(m.start - 1)
                if owner is not None:
                    _adopt_possessor(m, owner, clusters, by_key)
                continue
            target = _antecedent(clusters, m)
            if target is None and m.kind in ("state", "organisation") and describes_state(m):
                country = salient_state(doc, clusters, m)
                if country:
                    _join_state(clusters, by_key, m, country)
                continue
            if target is not None:
                m.country = m.country or target.country
                target.add(m)
            continue
        if m.kind == "person" and m.source == "np" and m.country and m.head in LEADER_HEADS:
            target = _leader(doc, clusters, m)
            if target is not None:  # "the Russian leader" after "Vladimir Putin"
                target.add(m)
                continue
        if m.kind == "person" and m.source in ("person", "short"):
            target = _person_cluster(clusters, m)
            if target is not None:
                target.add(m)
                continue
        key = _key(m)
        if key is not None and key in by_key:
            by_key[key].add(m)
            continue
        if m.kind == "organisation" and m.source == "orgent" and m.name in acronyms:
            acronyms[m.name].add(m)  # "the Anti-Defamation League … the ADL"; "The Jerusalem Post … The Post"
            continue
        c = Cluster()
        c.add(m)
        clusters.append(c)
        if key is not None:
            by_key[key] = c
        if m.kind == "organisation" and (acronym := _acronym(m.name)):
            acronyms.setdefault(acronym, c)
            acronyms.setdefault(m.name.split()[-1], c)
    _borrow_countries(clusters)
    return [c for c in clusters if any(not m.pronoun for m in c.mentions)]


def _acronym(name: str) -> str:
    """Initials of a multi-word name: "Security Studies Group" -> "SSG" ("" for one word)."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _set_country(cluster: Cluster, country: str) -> None:
    for m in cluster.mentions:
        if m.country is None:
            m.country = country
            m.code = f"{country}{m.sector or ''}"
    cluster.changed()


def _borrow_countries(clusters: list[Cluster]) -> None:
    """Named people the text gives no country, resolved through their title.

    "The Chinese finance minister … The finance minister, Lou Jiwei": the same title as an
    earlier unnamed person of known country joins them. "embassy spokeswoman Jinnie Lee"
    after "the US embassy": the organisation the title names lends its country.

    The possible donors (unnamed people of known country) and lenders (organisations and
    states of known country) are indexed once, by title and by head word: only named people
    without a country change in this loop, and they are neither.
    """
    donors_by_title: dict[str, list[tuple[Cluster, int]]] = {}
    lenders_by_head: dict[str, list[Cluster]] = {}
    for d in clusters:
        if d.kind == "person":
            if d.country and all(m.source == "np" for m in d.mentions if not m.pronoun):
                first: dict[str, int] = {}
                for m in d.mentions:
                    if m.title:
                        key = m.title.lower()
                        first[key] = min(first.get(key, m.chars[0]), m.chars[0])
                for key, at in first.items():
                    donors_by_title.setdefault(key, []).append((d, at))
        elif d.country:
            for word in d.heads():
                lenders_by_head.setdefault(word, []).append(d)
    removed: set[int] = set()
    for c in list(clusters):
        named = [m for m in c.mentions if m.source == "person"]
        if c.kind != "person" or c.country or not named or id(c) in removed:
            continue
        start = named[0].chars[0]
        title = next((m.title.lower() for m in named if m.title), None)
        donors = [
            d
            for d, at in donors_by_title.get(title or "", [])
            if d is not c and id(d) not in removed and at < start
        ]
        if title and donors:
            donor = max(donors, key=lambda d: d.mentions[0].chars[0])
            for m in donor.mentions:
                c.add(m)
            clusters.remove(donor)
            removed.add(id(donor))
            _set_country(c, donor.country or "")
            continue
        head = next((m.org_head for m in named if m.org_head), None)
        orgs = [d for d in lenders_by_head.get(head or "", []) if d.mentions[0].chars[0] < start]
        if head and orgs:
            _set_country(c, max(orgs, key=lambda d: d.mentions[0].chars[0]).country or "")


def _adopt_possessor(
    mention: Mention, owner: Cluster, clusters: list[Cluster], by_key: dict[str, Cluster]
) -> None:
    """ "his administration": the government of the person "his" refers to."""
    country = owner.country
    if owner.kind != "person" or not country or mention.kind != "state":
        return
    mention.country, mention.sector, mention.code = country, "GOV", f"{country}GOV"
    mention.anaphor = False
    key = f"state:{country}"
    target = by_key.get(key)
    if target is None:
        target = by_key[key] = Cluster()
        clusters.append(target)
    target.add(mention)
