"""Actor mentions: people, organisations, noun phrases and states found in one parse.

The rules, in the order they run (each consumes the words it explains, so a country
word inside "Chinese Foreign Minister Wang Yi" is not a second mention):

1. **people** — spaCy ``PERSON`` entities, with the title before the name ("U.S.
   Secretary of State", "North Korea's") and appositions after or before it
   ("Dmitry Peskov, the Kremlin's spokesman"; "the head of …, Park Jie-won,") as
   evidence; failing that, the people knowledge file (role dates honoured);
2. **organisations** — known organisations and seats ("the Pentagon", "Xinhua",
   "NATO") and ``ORG`` entities, with their country from words inside or before them
   ("South Korea's National Intelligence Service", "Russian Foreign Ministry");
3. **noun phrases** — a role word with a country before it ("Chinese officials",
   "Russian troops", "North Korea's defence ministry", "a US embassy official");
   definite ones without a country ("the ministry") are kept as anaphors;
4. **states and groups** — country names and abbreviations, demonyms used as nouns
   ("the Chinese", "Americans"), capitals and seats acting for their government
   ("Pyongyang denied", "talks with Washington", but not "in Beijing"), groups of
   states ("the G7", "Western governments") — in :mod:`claimgraph.stages.actors.states`.

The evidence around a name (title zones, appositions) is read by
:mod:`claimgraph.stages.actors.evidence`. The approach follows the actor coding of
PETRARCH2/Phoenix (country + agent codes from dictionaries), with spaCy's parse and
entities deciding what is an actor.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from claimgraph.knowledge.actors import ActorKnowledge, Person, Role
from claimgraph.nlp.columns import columns
from claimgraph.nlp.spans import DETERMINERS, span_text
from claimgraph.stages.actors.evidence import (
    HONORIFICS,
    NOT_ACTORS,
    OWN_PREPS,
    Evidence,
    Mention,
    MentionContext,
    _evidence,
    _has_support,
    _left_apposition,
    _left_zone,
    _relative_clause,
    _right_apposition,
)
from claimgraph.stages.actors.match import Hit, Matches
from claimgraph.stages.actors.states import states

__all__ = ["Mention", "find_mentions"]


# -- people -----------------------------------------------------------------------------------
def _person_span(ctx: MentionContext, ent: Span) -> tuple[int, int] | None:
    """The name inside a PERSON entity: without titles, honorifics or a trailing "'s"."""
    start, end = ent.start, ent.end
    doc = ctx.doc
    while (  # the NER often drops a first name: "[Dmitry] Peskov"
        start > ent.sent.start
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and doc[start - 1].ent_type_ in ("", "PERSON")
        and start - 1 not in ctx.m.entity_at
        and start - 1 not in ctx.m.role_at
        and start - 1 not in ctx.used
        and doc[start - 1].lower_ not in HONORIFICS
    ):
        start -= 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or (doc[end - 1].is_punct and doc[end - 1].text != ".")
    ):
        end -= 1
    while start < end:
        tok = doc[start]
        hit = ctx.m.role_at.get(start)
        ent_hit = ctx.m.entity_at.get(start)
        if tok.lower_ in HONORIFICS or tok.is_punct:
            start += 1
        elif hit is not None and hit.role is not None and "title" in hit.role.flags and hit.end < end:
            start = hit.end
        elif (
            ent_hit is not None
            and ent_hit.end < end
            and ent_hit.surface
            and ent_hit.surface.kind in ("country", "demonym", "capital", "organisation")
        ):
            start = ent_hit.end
        elif tok.tag_ == "POS":
            start += 1
        else:
            break
    if start >= end or not doc[start].text[:1].isupper():
        return None  # names are capitalised ("jabbed" tagged PERSON is not one)
    text = doc[start:end].text
    if any(c.isdigit() for c in text) or "@" in text or "http" in text.lower() or "/" in text:
        return None
    if not any(doc[i].pos_ == "PROPN" or doc[i].is_title for i in range(start, end)):
        return None
    covering = ctx.m.entity_at.get(start)
    if covering is not None and covering.start <= start and covering.end >= end:
        return None  # "N. Korea" or "Rodong Sinmun" tagged PERSON: a country or an organisation
    return start, end


def _resolve_person(
    ctx: MentionContext, name: str, ev: Evidence
) -> tuple[str | None, str | None, Person | None]:
    """Country and sector of a person: the text first, then the people knowledge file."""
    country, sector = ev.country, ev.sector_for(None)
    known = ctx.kb.person(name)
    person = None
    if known:
        candidates = []
        for p in known:
            code = p.role_at(ctx.when)
            p_country = ctx.kb.country_of_code(code)
            if country is None or p_country == country or p_country is None:
                candidates.append((p, code, p_country))
        if len(candidates) == 1 or (candidates and len({c[2] for c in candidates}) == 1):
            person, code, p_country = candidates[0]
            if country is None:
                country = p_country
                if p_country is None and code and code.startswith(("IGO", "NGO")):
                    sector = sector or code[:3]
            if sector is None and code:
                sector = code[3:6] if p_country else code[:3]
    return country, sector, person


def _gender(ctx: MentionContext, name: str, ev: Evidence, person: Person | None) -> str | None:
    if person is not None and person.gender:
        return person.gender
    if ev.title is not None and ev.title.gender:
        return ev.title.gender
    first = name.split()[0] if name.split() else ""
    return ctx.kb.given_names.get(first)


def _make_person(ctx: MentionContext, start: int, end: int) -> Mention | None:
    doc = ctx.doc
    zone = _left_zone(ctx, start)
    if not _has_support(ctx, zone):
        zone = []
    ev = _evidence(ctx, zone)
    right, right_role = _right_apposition(ctx, end)
    left, left_role = _left_apposition(ctx, zone[0] if zone else start, end)
    if not right:
        right, right_role = _relative_clause(ctx, end)
    appos: list[int] = []
    for tokens, role in ((right, right_role), (left, left_role)):
        if tokens:
            extra = _evidence(ctx, tokens)
            if ev.title is None and role is not None:
                ev.title = role
                hit = next((h for i in tokens if (h := ctx.m.role_at.get(i)) and h.role is role), None)
                ev.title_text = doc[hit.start : hit.end].text if hit is not None else None
            ev.merge(extra)
            appos += tokens
    if ev.country is None and ev.org is None and not right:
        after = _of_organisation(ctx, end)  # "Li Wei of the Chinese embassy"
        if after:
            ev.merge(_evidence(ctx, after))  # the organisation stays a mention of its own
    if ev.country is None and _us_party(ctx, zone + appos, start, end):
        ev.country = "USA"  # "Republican Senator X", "Rep. X (D-N.Y.)", "Democrats such as X"
    name = doc[start:end].text
    country, sector, person = _resolve_person(ctx, name, ev)
    mention = Mention(
        start,
        end,
        ctx.chars(start, end),
        "person",
        country=country,
        sector=sector,
        code=ctx.code(country, sector),
        name=name,
        title=ev.title_text,
        person=person,
        gender=_gender(ctx, name, ev, person),
        source="person",
        head=None,
    )
    if country is None:
        mention.org_head = ev.org_head
    if country is None and ev.org is not None and ev.org.code:
        mention.code = ev.org.code
        mention.sector = mention.sector or ev.org.sector
    ctx.add(mention)
    ctx.person_words.update(w.lower() for w in name.split() if len(w) > 2)
    ctx.consume(zone)
    # named organisations inside an apposition stay mentions of their own
    keep = {
        i
        for i in appos
        if (
            (h := ctx.m.entity_at.get(i))
            and h.surface
            and h.surface.kind == "organisation"
            and h.surface.actor_kind != "state"
        )
        or (ctx.ents.get(i) is not None and ctx.ents[i].label_ == "ORG")
    }
    ctx.consume([i for i in appos if i not in keep])
    return mention


def _of_organisation(ctx: MentionContext, end: int) -> list[int]:
    """``NAME of the Chinese embassy``: the phrase after "of" when it names an organisation
    with a country (a known body, or a role noun such as "embassy" with a country word)."""
    doc = ctx.doc
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return []
    tokens: list[int] = []
    for i in range(end + 1, min(len(doc), end + 9, doc[end].sent.end)):
        tok = doc[i]
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PRON"):
            break
        tokens.append(i)
    has_org = any(
        (
            (h := ctx.m.entity_at.get(i)) is not None
            and h.surface is not None
            and h.surface.kind == "organisation"
        )
        or ((r := ctx.m.role_at.get(i)) is not None and r.role is not None and r.role.kind == "organisation")
        for i in tokens
    )
    return tokens if has_org else []


US_PARTY = {"republican", "republicans", "democratic", "democrat", "democrats", "gop"}
_PARTY_TAG = re.compile(r"\s*[(,]\s*[RDI]\s*[-–]\s*[A-Z]")


def _us_party(ctx: MentionContext, tokens: list[int], start: int, end: int) -> bool:
    """A US party label in the title or apposition, a "(D-N.Y.)" tag after the name, or
    "Democrats such as NAME": US politicians (the parties' names are US usage in news)."""
    doc = ctx.doc
    if any(doc[i].lower_ in US_PARTY and i not in ctx.m.entity_at for i in tokens):
        return True
    if end < len(doc) and _PARTY_TAG.match(doc[end - 1 : min(len(doc), end + 6)].text, len(doc[end - 1])):
        return True
    before = [t.lower_ for t in doc[max(0, start - 3) : start]]
    return len(before) == 3 and before[0] in US_PARTY and before[1:] in (["such", "as"], ["including", ""])


def _headline(span: Span) -> bool:
    """Whether the span's sentence is a title-case headline (its entities are unreliable)."""
    sent = span.sent
    cols = columns(span.doc)  # the flags on the columns (``Token.is_alpha`` is ``str.isalpha``)
    text, is_title, is_upper = cols.text, cols.is_title, cols.is_upper
    words = [i for i in range(sent.start, sent.end) if text[i].isalpha()]
    titled = sum(is_title[i] or is_upper[i] for i in words)
    return len(words) >= 4 and titled >= 0.75 * len(words) and not span_text(sent).rstrip().endswith(".")


def _known_person(ctx: MentionContext, span: Span) -> bool:
    """A name the people knowledge file knows, and nothing else does ("Trump" tagged ORG)."""
    if any(i in ctx.m.entity_at for i in range(span.start, span.end)):
        return False
    text = span.text[:-2] if span.text.endswith(("'s", "’s")) else span.text
    return len(ctx.kb.person(text)) == 1


def _people(ctx: MentionContext) -> None:
    doc = ctx.doc
    multiword = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            if ent.label_ not in ("ORG", "GPE", "NORP", "PRODUCT", "FAC") or not _known_person(ctx, ent):
                continue
        elif ent.start > 0 and doc[ent.start - 1].lower_ == "the" and not _known_person(ctx, ent):
            continue  # "reaching the Rhine": not a person
        junk = len(ent) > 3 or any(t.tag_ == "POS" or t.is_quote for t in ent)
        if ent.label_ == "PERSON" and _headline(ent) and junk and not _known_person(ctx, ent):
            continue  # "Calls Trump's Putin Remarks": name words are found one by one later
        span = _person_span(ctx, ent)
        if span is None or not ctx.free(*span):
            continue
        if span[1] - span[0] == 1 and not _known_person(ctx, doc[span[0] : span[1]]):
            if doc[span[0]].tag_ not in ("NNP", "NNPS"):
                continue  # "jabbed" tagged PERSON
            word = doc[span[0]].lower_
            zone = _left_zone(ctx, span[0])
            if word not in multiword and not _has_support(ctx, zone) and doc[span[0]].is_sent_start:
                continue  # a lone capitalised word ("Ransom", "Nowhere") is rarely a person
        _make_person(ctx, *span)


# -- organisations ----------------------------------------------------------------------------
def _org_from_hit(ctx: MentionContext, hit: Hit) -> None:
    s = hit.surface
    assert s is not None
    start, end = hit.start, hit.end
    if ctx.doc[start].lower_ == "the":
        start += 1
    zone = _left_zone(ctx, start)
    zone_ev = _evidence(ctx, zone) if _has_support(ctx, zone) else Evidence()
    right, _ = _right_apposition(ctx, hit.end, want="organisation")
    right_ev = _evidence(ctx, right)
    country, sector = s.country, s.sector
    if "generic" in s.flags and (zone_ev.country or right_ev.country):
        country = zone_ev.country or right_ev.country
    mention = Mention(
        start,
        end,
        ctx.chars(start, end),
        s.actor_kind,
        country=country,
        sector=sector,
        code=s.code if country == s.country else ctx.code(country, sector),
        name=s.name,
        key=f"org:{s.name}" if country == s.country else f"org:{country}:{s.name}",
        head=ctx.doc[end - 1].lower_,
        members=s.members,
        source="org",
    )
    ctx.add(mention)
    if zone_ev.country or zone_ev.org:
        ctx.consume(zone)
    ctx.consume(right)


def _org_entity_ok(ctx: MentionContext, span: Span) -> bool:
    toks = [t for t in span if not t.is_punct]
    if not toks or not any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in toks):
        return False
    if any(t.lower_ in NOT_ACTORS for t in toks) or "/" in span.text or _headline(span):
        return False  # "Vienna Convention on …", "Shangri-La Dialogue", a headline
    if "\n" in span.text or toks[-1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PRON"):
        return False  # a headline or a sentence fragment, not a name
    if any(t.tag_.startswith("VB") and t.i not in ctx.m.entity_at for t in toks):
        return False
    if all(t.lower_ in ctx.person_words for t in toks):
        return False  # a person's name tagged ORG: coreference takes it
    head = ctx.m.role_at.get(span.end - 1)
    return not (head is not None and head.role is not None and head.role.kind in ("person", "state"))


def _org_from_entity(ctx: MentionContext, ent: Span) -> None:
    doc = ctx.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if start >= end or not ctx.free(start, end):
        return
    inner = [i for i in range(start, end) if i in ctx.m.entity_at]
    hits = {id(ctx.m.entity_at[i]): ctx.m.entity_at[i] for i in inner}
    for h in hits.values():
        if h.start <= start and h.end >= end:
            return  # the whole entity is a known name: the state or organisation rules take it
        if h.surface is not None and h.surface.kind == "place":
            return
    span = doc[start:end]
    if not _org_entity_ok(ctx, span):
        return
    ev = _evidence(ctx, list(range(start, end)))
    zone = _left_zone(ctx, start)
    if _has_support(ctx, zone):
        ev.merge(_evidence(ctx, zone))
    else:
        zone = []
    right, _ = _right_apposition(ctx, end, want="organisation")
    ev.merge(_evidence(ctx, right))
    head = ctx.m.role_at.get(end - 1)
    sector = head.role.sector if head is not None and head.role is not None else ev.org_sector or ev.sector
    name = span.text
    mention = Mention(
        start,
        end,
        ctx.chars(start, end),
        "organisation",
        country=ev.country,
        sector=sector,
        code=ctx.code(ev.country, sector),
        name=name,
        key=f"orgent:{ev.country}:{name.lower()}",
        head=doc[end - 1].lower_,
        source="orgent",
    )
    ctx.add(mention)
    ctx.consume(zone + right)


def _organisations(ctx: MentionContext) -> None:
    for hit in ctx.m.entities:
        s = hit.surface
        if s is None or s.kind != "organisation" or not ctx.free(hit.start, hit.end):
            continue
        person = ctx.ents.get(hit.start)
        if (
            person is not None
            and person.label_ == "PERSON"
            and (person.start < hit.start or person.end > hit.end)
        ):
            continue  # part of a person's name
        _org_from_hit(ctx, hit)
    for ent in ctx.doc.ents:
        if ent.label_ == "ORG":
            _org_from_entity(ctx, ent)


# -- noun phrases with a role ----------------------------------------------------------------
def _is_modifier(tok: Token) -> bool:
    """A noun that modifies a later noun ("government" in "government employee")."""
    head = tok.head
    if head.pos_ == "PROPN" and head.is_lower:
        return False  # "minister jabbed": a verb mis-tagged as a proper noun
    return tok.dep_ in ("compound", "amod", "nmod") and head.i > tok.i and head.pos_ in ("NOUN", "PROPN")


def _right_extension(ctx: MentionContext, role: Role, end: int) -> tuple[list[int], Evidence]:
    """``the head of China's delegation`` / ``the government in Pyongyang``."""
    doc = ctx.doc
    if end >= len(doc) or doc[end].lower_ not in OWN_PREPS | {"in"}:
        return [], Evidence()
    if doc[end].lower_ == "in" and role.kind != "state" and "plural_state" not in role.flags:
        return [], Evidence()
    if doc[end].lower_ != "in" and not (role.inherit or role.kind == "person"):
        return [], Evidence()
    i = end + 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i >= len(doc):
        return [], Evidence()
    other = ctx.used.get(i)
    hit = ctx.m.entity_at.get(i)
    if other is not None and other.kind != "person":
        stop = other.end
    elif (
        hit is not None
        and hit.surface is not None
        and hit.surface.kind in ("country", "capital", "organisation")
    ):
        stop = hit.end
        if i < len(doc) and stop < len(doc) and doc[stop].tag_ == "POS":
            return [], Evidence()  # "head of South Korea's X": X is the organisation, taken by its rule
    else:
        return [], Evidence()
    tokens = list(range(end, stop))
    ev = _evidence(ctx, tokens[1:])  # after the preposition: "in Pyongyang" names the government's seat
    return (tokens, ev) if ev.country or ev.org or ev.group else ([], Evidence())


def _noun_phrases(ctx: MentionContext) -> None:
    doc = ctx.doc
    for hit in sorted(ctx.m.roles, key=lambda h: -h.start):
        role = hit.role
        assert role is not None
        head = doc[hit.end - 1]
        if head.ent_type_ in ("FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
            continue  # "the Great Hall of the People"
        if not ctx.free(hit.start, hit.end) or _is_modifier(head) or hit.start in ctx.m.entity_at:
            continue  # taken, a modifier, or part of a known name ("Western governments")
        nxt = ctx.used.get(hit.end)
        if nxt is not None and nxt.kind == "person" and "title" in role.flags:
            continue  # the title of the name that follows
        absorb = role.kind == "state" or "plural_state" in role.flags or role.kind == "person"
        zone = _left_zone(ctx, hit.start, absorb=absorb)
        ev = _evidence(ctx, zone, allow_people=role.kind == "state")
        right, right_ev = _right_extension(ctx, role, hit.end)
        if ev.country is None and role.country:
            ev.country = role.country  # "the Foreign Secretary": a title of one country
        if ev.country is None and ev.org is None and ev.group is None and ev.person is None:
            ev.merge(right_ev)
        else:
            right = []
        det = (
            zone[0]
            if zone
            and doc[zone[0]].lower_ in DETERMINERS | {"a", "an"} | {"his", "her", "its", "their"}
            and doc[zone[0]].pos_ in ("DET", "PRON")
            else None
        )
        has_country = (
            ev.country is not None or ev.org is not None or ev.group is not None or ev.person is not None
        )
        if role.kind != "person" and ev.country is None and (ev.org is not None or ev.group is not None):
            continue  # "BRICS leaders", "EU officials": the body itself is the actor
        definite = det is not None and doc[det].lower_ in DETERMINERS | {"his", "her", "its", "their"}
        by_org = not has_country and role.kind == "person" and ev.org_head is not None
        if not has_country and not definite and not by_org:
            continue  # "an embassy spokeswoman" is kept: coreference finds which embassy
        if not has_country and ev.person is None and any(i in ctx.used for i in zone):
            continue
        start = det + 1 if det is not None else (zone[0] if zone else hit.start)
        if has_country:
            start = min([i for i in zone if i != det] or [hit.start])
        end = right[-1] + 1 if right else hit.end
        inside = list({id(m): m for i in range(start, end) if (m := ctx.used.get(i)) is not None}.values())
        persons = [m for m in inside if m.kind == "person"]
        if persons:  # "Trump administration": the person stays a mention, the phrase follows it
            start = max(m.end for m in persons)
            while start < hit.start and doc[start].tag_ == "POS":
                start += 1
        absorbed = [m for m in inside if m.kind != "person" and m.start >= start]
        if any(
            i in ctx.consumed or (i in ctx.used and ctx.used[i] not in absorbed) for i in range(start, end)
        ):
            continue
        for other in absorbed:  # "White House officials": one mention
            ctx.remove(other)
        sector = ev.sector_for(role) if role.kind == "person" or role.inherit else role.sector
        if ev.group is not None and ev.country is None:
            code = ev.group.code
        elif ev.org is not None and ev.country is None:
            code = ev.org.code
            sector = ev.org.sector if role.inherit or role.kind != "organisation" else sector
        else:
            code = ctx.code(ev.country, sector)
        kind = role.kind
        mention = Mention(
            start,
            end,
            ctx.chars(start, end),
            kind,
            country=ev.country,
            sector=sector,
            code=code,
            name=doc[start:end].text,
            title=doc[hit.start : hit.end].text if kind == "person" else None,
            head=head.lemma_.lower() if not role.plural else head.lower_,
            gender=role.gender,
            anaphor=not has_country,
            plural=role.plural,
            source="np",
            members=ev.group.members if ev.group is not None and kind != "person" else (),
        )
        if mention.anaphor and det is not None and doc[det].tag_ == "PRP$":
            mention.source = "np-possessive"
        elif by_org:
            mention.source, mention.org_head = "np-org", ev.org_head
        ctx.add(mention)
        ctx.consume([i for i in zone if doc[i].tag_ != "PRP$"])  # "his" stays free for pronouns


def find_mentions(
    doc: Doc, kb: ActorKnowledge, matches: Matches, when: date | None
) -> tuple[list[Mention], set[int]]:
    """All actor mentions of ``doc`` before coreference, in text order, and the tokens
    they use or consumed as evidence (no other mention may start there)."""
    ctx = MentionContext(doc, kb, matches, when)
    _people(ctx)
    _organisations(ctx)
    _noun_phrases(ctx)
    states(ctx)
    return sorted(ctx.mentions, key=lambda m: m.chars[0]), set(ctx.used) | ctx.consumed
