"""Actor mentions placed by the document's context rather than by a name.

Run after :func:`claimgraph.stages.actors.mentions.find_mentions`, before coreference:

- **the North / the South**: in an article about the Korean peninsula (a mention of North
  or South Korea), "the North" and "the South" are the two Korean states — the usual
  short forms in news writing (AP Stylebook: "North Korea … the North");
- **dateline officials**: "SEOUL — An intelligence official here said …": an unnamed
  official "here" belongs to the country of the dateline's capital (the dateline
  convention of wire copy: the place the story is filed from);
- **coordinated demonyms**: "senior Chinese and American officials" — the first demonym
  shares the noun the second one heads, so it names its own country's officials;
- **descriptions of a state**: "the rogue regime", "this fascist theocracy", "the hermit
  kingdom's leadership", "the isolated nation" — definite descriptions whose head is a
  word for a state, kept as anaphors; coreference joins them to the most recent state in
  reach (:func:`claimgraph.stages.actors.coref.cluster_mentions`).

Each rule is generic (no names of articles or people) and conservative: when the context
does not settle the country, nothing is added. The helpers at the end (``salient_state``,
``commands``) are used by coreference to resolve the descriptions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from claimgraph.knowledge.actors import ActorKnowledge
from claimgraph.nlp.spans import doc_text, token_offsets
from claimgraph.stages.actors.evidence import Mention
from claimgraph.stages.actors.match import Matches

if TYPE_CHECKING:
    from claimgraph.stages.actors.coref import Cluster

__all__ = [
    "STATE_NOUNS",
    "commands",
    "context_mentions",
    "dateline_country",
    "describes_state",
    "salient_state",
    "window",
]

#: Head nouns of definite descriptions that can only mean a state (or its government).
STATE_NOUNS = {"regime", "kingdom", "nation", "country", "theocracy", "dictatorship", "republic", "junta"}
#: Heads that also have a plain, non-actor use ("the country's economy", "a nation of
#: immigrants"): they need a describing adjective ("the rogue nation").
WEAK_STATE_NOUNS = {"country", "nation", "republic", "kingdom"}
#: Adjectives that do not describe a state (they locate or count it).
GENERIC_ADJ = {
    "same",
    "other",
    "whole",
    "entire",
    "own",
    "home",
    "host",
    "first",
    "second",
    "last",
    "next",
    "new",
    "old",
    "former",
    "small",
    "large",
    "big",
    "neighbouring",
    "neighboring",
    "european",
    "arab",
    "african",
    "asian",
    "western",
    "eastern",
    "foreign",
    "member",
}
DATELINE_PUNCT = {"(", "—", "–", "-", "--", ":", ","}


_NORTH_SOUTH = re.compile(r"\b(?:north|south)\b", re.IGNORECASE)
_STATE_WORDS = re.compile(r"\b(?:" + "|".join(sorted(STATE_NOUNS)) + r")\b", re.IGNORECASE)


def _words(doc: Doc, pattern: re.Pattern[str]) -> list[Token]:
    """The tokens that start where ``pattern`` matches (a fast pre-filter over the text)."""
    out = []
    for match in pattern.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and span[0].idx == match.start():
            out.append(span[0])
    return out


def dateline_country(doc: Doc, matches: Matches) -> str | None:
    """The country of a dateline capital at the start of a line near the top of the text.

    "SEOUL — …", "MOSCOW (Reuters) - …", "BEIJING, June 3 (Xinhua) -- …". Only capitals
    (seats of government) are known places, so other datelines give None.
    """
    for hit in matches.entities:
        if hit.start > 80:
            break
        s = hit.surface
        if s is None or s.kind != "capital" or not s.country:
            continue
        first, last = doc[hit.start], doc[hit.end - 1]
        at_line_start = (
            hit.start == 0 or "\n" in doc[hit.start - 1].text_with_ws or doc[hit.start - 1].is_space
        )
        if not at_line_start or not all(t.is_upper for t in doc[hit.start : hit.end] if t.is_alpha):
            continue
        if hit.end < len(doc) and doc[hit.end].text in DATELINE_PUNCT and first.is_upper and last.is_upper:
            return s.country
    return None


def _korea(doc: Doc, mentions: list[Mention], taken: set[int]) -> list[Mention]:
    countries = {m.country for m in mentions if m.kind == "state"}
    if not countries & {"PRK", "KOR"}:
        return []
    out = []
    for tok in _words(doc, _NORTH_SOUTH):
        low = tok.lower_
        if low not in ("north", "south") or tok.i in taken or tok.i == 0:
            continue
        if doc[tok.i - 1].lower_ != "the" or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "ADJ") or nxt.lower_ in ("of", "-")):
            continue  # "the North Korean leader", "the north of the country"
        if low == "north" and not tok.is_title and tok.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass"):
            continue
        country = "PRK" if low == "north" else "KOR"
        out.append(
            Mention(
                tok.i,
                tok.i + 1,
                (tok.idx, tok.idx + len(tok)),
                "state",
                country=country,
                code=country,
                name=tok.text,
                head=low,
                source="country",
            )
        )
    return out


def _here_officials(doc: Doc, matches: Matches, taken: set[int], country: str) -> list[Mention]:
    """ "an intelligence official here", "Western diplomats here": the dateline's country."""
    out = []
    for tok in doc:
        if tok.lower_ != "here" or tok.i == 0:
            continue
        head = doc[tok.i - 1]
        hit = matches.role_at.get(head.i)
        if hit is None or hit.role is None or hit.end != tok.i or head.i in taken:
            continue
        role = hit.role
        if role.kind == "organisation" and not (role.plural and "plural_state" in role.flags):
            continue
        start = hit.start
        while start > 0 and start - 1 not in taken and doc[start - 1].pos_ in ("ADJ", "NOUN"):
            start -= 1  # "government official", "senior intelligence official"
        if any(i in taken for i in range(start, hit.end)):
            continue
        plural = role.plural
        out.append(
            Mention(
                start,
                hit.end,
                (doc[start].idx, head.idx + len(head)),
                "state" if plural else "person",
                country=country,
                sector=role.sector,
                code=f"{country}{role.sector or ''}",
                name=doc[start : hit.end].text,
                title=None if plural else doc[hit.start : hit.end].text,
                head=head.lemma_.lower() if not plural else head.lower_,
                gender=role.gender,
                plural=plural,
                source="np",
            )
        )
    return out


def _coordinated_demonyms(
    doc: Doc, matches: Matches, mentions: list[Mention], taken: set[int]
) -> list[Mention]:
    """ "Chinese and American officials": "Chinese" shares the noun "American" heads."""
    by_start = {m.start: m for m in mentions}
    out = []
    for hit in matches.entities:
        s = hit.surface
        if s is None or s.kind != "demonym" or not s.country or hit.chars is not None:
            continue
        if any(i in taken for i in range(hit.start, hit.end)) or hit.end + 1 >= len(doc):
            continue
        if doc[hit.end].lower_ not in ("and", "or", ","):
            continue
        other = by_start.get(hit.end + 1)
        if other is None or other.source != "np" or not other.country or other.country == s.country:
            continue
        first = matches.entity_at.get(hit.end + 1)
        if first is None or first.surface is None or first.surface.kind != "demonym":
            continue
        out.append(
            Mention(
                hit.start,
                hit.end,
                token_offsets(doc, hit.start, hit.end),
                other.kind,
                country=s.country,
                sector=other.sector,
                code=f"{s.country}{other.sector or ''}",
                name=doc[hit.start : hit.end].text,
                head=other.head,
                gender=other.gender,
                plural=other.plural,
                source="np",
            )
        )
    return out


def _descriptions(doc: Doc, taken: set[int]) -> list[Mention]:
    """ "the rogue regime", "this fascist theocracy": state anaphors for coreference."""
    out = []
    for tok in _words(doc, _STATE_WORDS):
        low = tok.lemma_.lower()
        if low not in STATE_NOUNS or tok.pos_ != "NOUN" or tok.tag_ in ("NNS", "NNPS") or tok.i in taken:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            continue  # "the kingdom of Saudi Arabia", "the nation of Israel": a name follows
        if tok.dep_ in ("compound", "amod"):
            continue  # "regime change", "nation building"
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "det", "nmod")]
        det = next((c for c in mods if c.dep_ == "det" and c.lower_ in ("the", "this", "that")), None)
        if det is None or any(i in taken for i in range(det.i, tok.i)):
            continue
        adjs = [c for c in mods if c.dep_ in ("amod", "compound") and c.lower_ not in GENERIC_ADJ]
        if any(c.pos_ == "PROPN" or c.ent_type_ for c in adjs):
            continue  # "the Saudi kingdom": the matcher's job
        if low in WEAK_STATE_NOUNS and not adjs:
            continue
        start = det.i + 1
        out.append(
            Mention(
                start,
                tok.i + 1,
                (doc[start].idx, tok.idx + len(tok)),
                "state",
                sector="GOV",
                name=doc[start : tok.i + 1].text,
                head=low,
                anaphor=True,
                source="np-describe",
            )
        )
    return out


def context_mentions(
    doc: Doc, kb: ActorKnowledge, matches: Matches, mentions: list[Mention], blocked: set[int]
) -> list[Mention]:
    """Mentions the earlier rules leave out that the document's context places."""
    del kb
    taken = set(blocked) | {i for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for found in (
        _korea(doc, mentions, taken),
        _coordinated_demonyms(doc, matches, mentions, taken),
        _descriptions(doc, taken),
    ):
        for m in found:
            if all(i not in taken for i in range(m.start, m.end)):
                out.append(m)
                taken.update(range(m.start, m.end))
    country = dateline_country(doc, matches)
    if country:
        for m in _here_officials(doc, matches, taken, country):
            out.append(m)
            taken.update(range(m.start, m.end))
    return out


# -- used by coreference ---------------------------------------------------------------------
def window(doc: Doc, tok: Token, sentences: int) -> int:
    """The character offset where the window of ``sentences`` previous sentences starts."""
    sent = tok.sent
    start = sent.start
    for _ in range(sentences):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return doc[start].idx


def salient_state(doc: Doc, clusters: list[Cluster], mention: Mention) -> str | None:
    """ "the rogue regime", "the isolated nation": the country most mentioned so far (its
    state, people and bodies) among those mentioned in the same or three previous sentences
    (a description of a state names the one under discussion); ties go to the most recent."""
    lo = window(doc, doc[mention.start], 3)
    score: dict[str, list[int]] = {}
    excluded: set[str] = set()
    for c in clusters:
        country = c.country
        if not country:
            continue
        for m in c.mentions:
            if m.chars[0] >= mention.chars[0]:
                continue
            entry = score.setdefault(country, [0, 0, -1])
            if commands(doc, m, mention):
                excluded.add(country)  # the subject of the clause it is in: someone else
            if m.pronoun:
                continue
            entry[0] += 1
            if m.chars[0] >= lo:
                entry[1] = 1
                entry[2] = max(entry[2], m.chars[0])
    ranked = sorted(((v[0], v[2], k) for k, v in score.items() if v[1] and k not in excluded), reverse=True)
    return ranked[0][2] if ranked else None


def describes_state(mention: Mention) -> bool:
    """ "the rogue regime", "the hermit kingdom's leadership"."""
    if mention.head in STATE_NOUNS:
        return True
    words = mention.name.lower().replace("’", "'").split()
    return any(w.endswith("'s") and w[:-2] in STATE_NOUNS for w in words)


def commands(doc: Doc, subject: Mention, mention: Mention) -> bool:
    """Whether ``subject`` is the subject of a clause, or the possessor of a phrase, that
    contains ``mention``: binding theory's Principle C (Chomsky 1981) — a description does
    not refer back to what c-commands it ("the administration is under no illusions about
    this theocracy"; "his gamble with the rogue kingdom's leader")."""
    heads = [
        doc[i] for i in range(subject.start, subject.end) if doc[i].dep_ in ("nsubj", "nsubjpass", "poss")
    ]
    if not heads:
        return False
    verb = heads[0].head
    return any(a.i == verb.i for a in doc[mention.end - 1].ancestors)
