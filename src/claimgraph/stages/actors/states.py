"""States and groups of states among the matched names.

Country names and abbreviations are always mentions; demonyms only when used as
nouns ("the Chinese", "an American"); capitals, seats and regions only when they act
for a government ("Pyongyang denied", "talks with Washington", not "in Beijing" or
"visited Moscow"); ambiguous names (Georgia, Jordan) need another sign of the country.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.stages.actors.evidence import ACTING_PREPS, MOTION_VERBS, Mention, MentionContext
from claimgraph.stages.actors.match import Hit

__all__ = ["states"]


#: Words of reaction and opinion after which "in <capital>" is the government and its circles
#: ("the reaction was muted in Washington", "caused headaches in Beijing"), a usage of news
#: writing; other "in <capital>" stay places ("held in Beijing").
REACTIONS = {"reaction", "response", "concern", "alarm", "anger", "headache", "worry", "fear", "outrage"}
REACTIONS |= {"criticism", "frustration", "skepticism", "scepticism", "unease", "dismay", "irritation"}
REACTIONS |= {"cause", "raise", "spark", "prompt", "provoke", "trigger", "stir", "ruffle"}


# -- states and groups ------------------------------------------------------------------------
def _acts(ctx: MentionContext, tok: Token, depth: int = 0) -> bool:
    """Whether a capital, seat or region is used for the government acting there."""
    dep = tok.dep_
    doc = ctx.doc
    if (
        tok.is_upper
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].text in ("(", ":", "-", "—", ",")
        and (tok.i == tok.sent.start or "\n" in doc[tok.i - 1].text_with_ws or doc[tok.i - 1].is_space)
    ):
        return False  # dateline: "BEIJING:", "WASHINGTON (Reuters) -"
    if dep == "dobj" and tok.head.lemma_ in MOTION_VERBS:
        return False  # "left Pyongyang", "visited Moscow": a place
    if dep in ("nsubj", "nsubjpass", "agent", "poss", "dobj", "iobj", "dative"):
        return True
    if dep == "conj" and depth < 3:
        head_hit = ctx.m.entity_at.get(tok.head.i)
        if head_hit is not None and head_hit.surface and head_hit.surface.kind == "country":
            return True
        return _acts(ctx, tok.head, depth + 1)
    if dep == "pobj":
        prep = tok.head
        if prep.lower_ == "between":
            return True
        if prep.lower_ == "in" and prep.dep_ == "conj" and prep.head.lower_ == "in":
            prep = prep.head  # "in Beijing as well as in Washington"
        if prep.lower_ == "in" and prep.head.lemma_.lower() in REACTIONS:
            return True  # "the reaction in Washington", "caused alarm in Beijing"
        if prep.lower_ == "in":
            hit = ctx.m.role_at.get(prep.head.i)
            role = hit.role if hit is not None else None
            return (
                role is not None
                and prep.head.i not in ctx.m.entity_at
                and (role.kind == "state" or (role.plural and "plural_state" in role.flags))
            )
        if prep.lower_ in ACTING_PREPS:
            return prep.head.pos_ in ("NOUN", "PROPN") or prep.lower_ in (
                "with",
                "against",
                "by",
                "on",
                "upon",
            )
    if dep == "compound":
        return tok.head.i in ctx.m.role_at
    return False


def _demonym_as_noun(ctx: MentionContext, hit: Hit) -> str | None:
    """'state' for "the Chinese", 'person' for "an American"; None when it modifies a noun."""
    doc = ctx.doc
    last = doc[hit.end - 1]
    nxt = doc[hit.end] if hit.end < len(doc) else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.text == "-") and nxt.tag_ != "POS":
        return None
    if last.dep_ in ("amod", "compound") and last.head.i > last.i:
        return None
    prev = doc[hit.start - 1] if hit.start > 0 else None
    if prev is not None and prev.lower_ in ("a", "an", "one", "another"):
        return "person"
    if nxt is not None and nxt.tag_ == "POS" and prev is not None and prev.lower_ == "the":
        return "person"
    if (prev is not None and prev.lower_ == "the") or last.dep_ in (
        "nsubj",
        "nsubjpass",
        "dobj",
        "pobj",
        "conj",
    ):
        return "state"
    return None


def _country_ok(ctx: MentionContext, hit: Hit) -> bool:
    """An ambiguous name (Georgia, Jordan, Chad) needs another sign of the country."""
    s = hit.surface
    assert s is not None
    if s.country is None or s.country not in ctx.kb.countries or not ctx.kb.countries[s.country].ambiguous:
        return True
    sent = ctx.doc[hit.start].sent
    for other in ctx.m.entities:
        o = other.surface
        if other is hit or o is None:
            continue
        if o.country == s.country and o.phrase.lower() != s.phrase.lower():
            return True
        # another country in the sentence makes it international news; the United States does
        # not count: "Georgia" and "Jordan" beside "U.S." are mostly the US state and a person
        if sent.start <= other.start < sent.end and o.kind == "country" and o.country not in (None, "USA"):
            return True
    return False


def _inside_other_entity(ctx: MentionContext, hit: Hit) -> bool:
    ent = ctx.ents.get(hit.start)
    if ent is None:
        return False
    extra = [
        t
        for t in list(ent)[: hit.start - ent.start] + list(ent)[hit.end - ent.start :]
        if not t.is_punct and t.tag_ != "POS" and t.lower_ != "the"
    ]
    if not extra:
        return False
    if hit.surface is not None and hit.surface.kind == "country":
        return ent.label_ in ("PERSON", "GPE", "LOC", "FAC")  # "Death to America" is still America
    return ent.label_ in ("PERSON", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW")


def states(ctx: MentionContext) -> None:
    """Add the state and group mentions that the earlier rules did not explain."""
    doc = ctx.doc
    for hit in ctx.m.entities:
        s = hit.surface
        if s is None or s.kind in ("organisation", "place", "region") or not ctx.free(hit.start, hit.end):
            continue
        if _inside_other_entity(ctx, hit):
            continue
        start, end = hit.start, hit.end
        if doc[start].lower_ == "the" and end - start > 1:
            start += 1
        kind, sector = "state", None
        if s.kind == "country":
            if not _country_ok(ctx, hit):
                continue
        elif s.kind == "capital":
            if not _acts(ctx, doc[end - 1]):
                continue
            sector = "GOV"
        elif s.kind == "demonym":
            use = _demonym_as_noun(ctx, hit)
            if use is None:
                continue
            kind = use
        elif s.kind == "group":
            if "agent" in s.flags and not _acts(ctx, doc[end - 1]):
                continue
            kind = "group"
        chars = hit.chars or ctx.chars(start, end)
        if kind == "group":
            mention = Mention(
                start,
                end,
                chars,
                "group",
                code=s.code,
                name=s.name,
                key=f"group:{s.name}",
                members=s.members,
                source="group",
                plural=True,
            )
        else:
            name = ctx.kb.countries[s.country].name if s.country in ctx.kb.countries else s.name
            mention = Mention(
                start,
                end,
                chars,
                kind,
                country=s.country,
                sector=sector,
                code=ctx.code(s.country, sector),
                name=name,
                key=f"state:{s.country}" if kind == "state" else None,
                head=doc[end - 1].lower_,
                source=s.kind,
                plural=s.kind == "plural",
            )
        ctx.add(mention)
