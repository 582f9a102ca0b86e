"""Events: CAMEO/PLOVER-coded interactions between actors, with Goldstein weights.

For each sentence, predicates are coded from the shallowest down
(:class:`~claimgraph.stages.events.coder.Coder`): verbal triggers ("met",
"summoned", "imposed", "praised"), mood verbs framing another action ("urged X
to …" → 02x, "agreed to meet" → 036, "threatened to impose sanctions" → 1312,
"refused to …" → 12x), future and modal framing ("will visit" → 036, "must hand
over" → 10x), adjective complements ("is ready to …", "was skeptical"), light
verbs with an event noun ("held talks" → 046) and nominal triggers with an
actor argument ("sanctions against Venezuela", "Russia's invasion"). What an
accusation or denial alleges is not coded as an event of its own.

Roles come from :mod:`claimgraph.stages.events.roles`: one event per
(source, target) pair of coordinated or group arguments. ``negated`` marks "did
not meet"; ``statement`` points to the statement whose cue overlaps the trigger
of a speech-act event (accuse, deny, praise, criticise, reject, appeal, intent,
threaten), or else whose content holds the trigger ("X denied …, a spokesman said").

Codes and their labels, Goldstein weights (PETRARCH2 table, GDELT variant), quad
classes and PLOVER types come from :mod:`claimgraph.knowledge.cameo`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from claimgraph.knowledge.cameo import cameo_code, event_lexicon
from claimgraph.knowledge.places import word_country
from claimgraph.nlp.columns import children, columns
from claimgraph.nlp.intervals import Intervals
from claimgraph.nlp.spans import DETERMINERS, prep_objects, trim_offsets
from claimgraph.record import Event, EventDate, EventPlace, Record, Statement
from claimgraph.stages.events.coder import CONFLICT_ROOTS, Coded, Coder
from claimgraph.stages.events.dates import DateFinder, ResolvedDate, share_dates
from claimgraph.stages.events.modes import OBLIGATION, event_mode
from claimgraph.stages.events.places import PlaceFinder, place_groups, side_countries
from claimgraph.stages.events.roles import (
    RoleFinder,
    paired_countries,
    paired_names,
    participle_of_a_noun,
    passive_agent,
    reduced_passive,
)

__all__ = ["coded_sentence", "display_line", "display_lines", "events"]

#: Codes (prefixes) that are speech acts and may point to a statement.
SPEECH_ACT_PREFIXES: tuple[str, ...] = ("016", "02", "03", "051", "111", "112", "12", "13")
#: Mood verbs too common to code without a framed action or an addressee ("people want it").
_WEAK_MOODS = frozenset({"want", "ask", "hope", "decide", "expect", "plan", "aim", "seek", "need"})
_LOCATIVE = frozenset({"042", "036", "074", "086", "154"})
#: Acts aimed at someone (accusation, rejection, threat): with no target of their own and a
#: known author, they are aimed at the first actor their clause names after the trigger
#: ("threatened to pull out of NATO", "complained about the United States' backing of …").
_AIMED_ROOTS = frozenset({"11", "12", "13"})
_SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
_MAX_PAIRS = 12


@cache
def _coder() -> Coder:
    return Coder(event_lexicon())


def _by_depth(sent: Span) -> list[int]:
    """Token indices of ``sent`` breadth-first from its root (shallow predicates first)."""
    kids = children(sent.doc)
    start, end = sent.start, sent.end
    root = sent.root.i
    order = [root]
    seen = {root}
    k = 0
    while k < len(order):  # ``order`` is the queue: each index is appended once, read once
        for c in kids[order[k]]:
            if c not in seen and start <= c < end:
                seen.add(c)
                order.append(c)
        k += 1
    order += [i for i in range(start, end) if i not in seen]
    return order


def _predicate(pos: str, dep: str) -> bool:
    """Whether a token with this POS and dependency label may be a predicate."""
    if pos == "VERB":
        return dep != "amod"  # "the ousted president", "detained activists"
    return pos == "AUX" and dep not in ("aux", "auxpass")


def coded_sentence(sent: Span, coder: Coder | None = None) -> list[Coded]:
    """The coded predicates of one sentence, shallowest first."""
    coder = coder or _coder()
    consumed: set[int] = set()
    out: list[Coded] = []
    doc = sent.doc
    cols = columns(doc)
    pos, dep = cols.pos, cols.dep
    order = _by_depth(sent)
    for i in order:
        if i in consumed or not _predicate(pos[i], dep[i]):
            continue
        tok = doc[i]
        coded = coder.code(tok)
        if coded is None:
            if (act := coder.expectation(tok)) is not None:  # "is expected to comment": no event
                consumed.add(act.i)
            continue
        # a past act of force told without its author ("the prison was attacked on Sunday"), or
        # a particular one a light verb carries ("is shown carrying out the beheading")
        coded.bare = (
            coded.code[:2] in CONFLICT_ROOTS
            and not coded.weak
            and (_past(tok) or (coded.trigger.pos_ == "NOUN" and _particular(coded.trigger)))
        )
        if _denied_object(coded):  # "held no talks", "makes no apologies"
            coded.negated = True
        consumed.add(tok.i)
        consumed.add(coded.trigger.i)
        consumed.update(coded.consumed)
        out.append(coded)
    for i in order:
        if i in consumed or pos[i] not in ("NOUN", "PROPN"):
            continue
        tok = doc[i]
        got = coder.noun_code(tok)
        if got is None or _inside_same_root(tok, got[0], out):
            continue
        head = tok.head
        governed = (
            tok.dep_ in ("dobj", "nsubjpass", "attr")
            and head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() in coder.lex.light
        )
        coded = Coded(got[0], tok, head if governed else tok, swap=got[1])
        # an act of force with an argument ("a Jordanian airstrike"), a light verb ("carried out
        # the beheading") or a particular reference ("the attack") is a mention, sides found or not
        force = got[0][:2] in CONFLICT_ROOTS
        if not governed and not _has_actor_argument(tok) and not (force and _particular(tok)):
            continue
        coded.bare = force
        coded.negated = _denied_object(coded)  # "there were no talks with China"
        consumed.add(tok.i)
        out.append(coded)
    if any(c.code != "010" for c in out):  # a bare statement only when nothing else happened
        out = [c for c in out if c.code != "010"]
    return out


def _denied_object(coded: Coded) -> bool:
    """The event noun that carries the act has the determiner "no": "held no talks", "makes no
    apologies", "no agreement was reached" (the act did not happen)."""
    nouns = [coded.trigger] if coded.trigger.pos_ in ("NOUN", "PROPN") else []
    nouns += [
        c
        for c in coded.head.children
        if c.dep_ in ("dobj", "nsubjpass", "attr") and c.i in coded.consumed and c.pos_ in ("NOUN", "PROPN")
    ]
    return any(d.dep_ == "det" and d.lower_ == "no" for n in nouns for d in n.children)


def _inside_same_root(tok: Token, code: str, coded: list[Coded]) -> bool:
    """ "met on the sidelines of the G20 summit": the summit is where the meeting was, not another event."""
    same_root = [c for c in coded if c.code[:2] == code[:2]]
    heads = {c.head.i for c in same_root} | {c.trigger.i for c in same_root}
    return any(a.i in heads for a in tok.ancestors)


#: Nouns that name a course of acts and take the arguments of the act that modifies them ("his
#: bombing campaign", "the US air strike operation against ISIS").
_ACT_HEADS = frozenset({"campaign", "operation", "offensive", "effort", "drive", "mission", "spree", "blitz"})


def _host(noun: Token) -> Token:
    """The noun that carries the arguments of an event noun: the course of acts it modifies
    ("his *bombing* campaign" → campaign), else the event noun itself."""
    head = noun.head
    if noun.dep_ == "compound" and head.pos_ == "NOUN" and head.lemma_.lower() in _ACT_HEADS:
        return head
    return noun


def _has_actor_argument(noun: Token) -> bool:
    noun = _host(noun)
    if paired_countries(noun) or paired_names(noun):  # "German-Dutch cooperation", "the Obama-Xi talks"
        return True
    for c in noun.children:
        if c.dep_ == "poss" or (
            c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG")
        ):
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in ("against", "on", "with", "between", "to", "by", "from")
            and any(
                g.dep_ == "pobj" and (g.ent_type_ or g.pos_ == "PROPN" or _agent_phrase(g))
                for g in c.children
            )
        ):
            return True
    return False


def _agent_phrase(noun: Token) -> bool:
    """A phrase that names its actor's country in a modifier ("with Chinese officials", "from
    his American counterpart", "between senior Chinese and American officials"). A bare agent
    noun does not ("protests by Muslims", "mediation between rival militias": no side known),
    nor a modifier of no country ("by Muslim extremists")."""
    return any(
        c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("GPE", "NORP") and word_country(c.text)
        for c in noun.children
    )


#: Past-tense and participle tags: a verb that reports an act that happened.
_PAST = frozenset({"VBD", "VBN"})
#: Entity types that anchor an act in place or time ("attacks in Paris", "a strike on Friday").
_ANCHORS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def _past(verb: Token) -> bool:
    """A verb that tells an act that happened: a past tense ("attacked"), a past participle
    whose auxiliaries are past ("was attacked", "has been hit") or that has none ("a hostage
    killed in an airstrike"), not a present or future passive ("is attacked", "will be hit")."""
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ != "VBN":
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return not aux or any(c.tag_ in _PAST for c in aux)


def _particular(noun: Token) -> bool:
    """An event noun that refers to one particular act rather than to the kind: definite
    ("the attack", "the siege") or anchored in a place or time ("a mass shooting in San
    Bernardino", "an airstrike on Friday"). Such a noun is an event mention even when the
    sentence names no side: the act happened, and reports of it can be matched."""
    for c in noun.children:
        if c.dep_ == "det" and c.lower_ in DETERMINERS:  # a definite description: "the talks"
            return True
        if c.dep_ in ("npadvmod", "nummod", "compound") and c.ent_type_ in ("DATE", "TIME"):
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in _ANCHORS for g in c.children):
            return True
    return False


#: Modal verbs of obligation: "X must …", "X should …" in someone's words is their demand of X.


def _reported_obligation(head: Token) -> bool:
    """``head`` is a clause of obligation reported by someone ("said that Iraq must comply")."""
    return head.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in head.children)


def _purposes(verb: Token, depth: int = 2) -> list[Token]:
    """The infinitival clauses a framed act is done for, down ``depth`` levels: "to send
    troops *to help* *defend* Kuwait"."""
    out: list[Token] = []
    for c in verb.children:
        if (
            c.dep_ in ("xcomp", "advcl")
            and c.pos_ in ("VERB", "AUX")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ) or (c.dep_ == "xcomp" and c.tag_ == "VB"):
            out.append(c)
            if depth > 1:
                out += _purposes(c, depth - 1)
    return out


def _roles(coded: Coded, roles: RoleFinder) -> tuple[Token | None, Token | None]:
    head, trig = coded.head, coded.trigger
    # "visited …", "arrived in Bosnia", "an offensive in Gaza": the place is the target
    # (for a framed act, "threatened to ban voting in East Jerusalem", the act's own code decides)
    act = coded.action or coded.code
    loc = act[:3] in _LOCATIVE or act[:2] in ("15", "17", "18", "19", "20")
    # "talks on trade": a topic, not a target; but "lifted the blockade on Gaza" (08, yield) names it
    coop = coded.code[:2] < "08"
    if head.pos_ in ("NOUN", "PROPN"):  # a nominal trigger with its own arguments
        head = _host(head)  # "his bombing campaign"
        source = roles.possessor(head)
        # "Russia faced criticism from France": Russia is criticised, by France
        recipient = _recipient(head, act, roles)
        if source is None and (act[:2] in _FROM_SOURCE_ROOTS or recipient is not None):
            source = next((o for o in prep_objects(head, ("from",)) if roles.names_actor(o)), None)
        target = roles.target(head, skip=source, locative=loc, cooperative=coop) or recipient
        if source is None and coded.code[:2] in _SYMMETRIC_ROOTS:  # "led the talks with Iran"
            source = _participant(head, target, roles)
        if target is None and (source is not None or _patient_of(act)):
            # "Russia's invasion of Ukraine": with an agent, "of" is the target; an act on
            # someone names its patient so with no agent ("the execution of James Foley")
            target = _of_object(head, roles)
        return source, target
    if coded.mood in ("appeal", "demand") and _reported_obligation(head):
        # "Russia said Sudan must return the helicopter": Russia demands, of Sudan
        reporter = roles.reporter(head)
        obliged = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if reporter is not None and obliged is not None and obliged.pos_ != "PRON":
            return reporter, obliged
    source = roles.subject(head)
    if _patient_of(act) and reduced_passive(head):
        # "the girls abducted by Boko Haram", "Americans held by Iran": the noun a participle
        # of an act done to someone modifies is its target, the by-phrase its author
        return passive_agent(head), head.head
    undergoer = None
    if participle_of_a_noun(head) and (act[:2] == "11" or _patient_of(act)):
        # "two officials accused of fraud": the noun undergoes the act, only a by-phrase does it;
        # with none, a charge or suspicion is the clause's subject's ("Ottawa froze the assets of
        # officials accused of fraud", "opened inquiries into officials suspected of bribery")
        source, undergoer = passive_agent(head), head.head
        clause = next((a for a in undergoer.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if source is None and act[:2] == "11" and clause is not None:
            source = roles.subject(clause)
    if coded.mood in ("appeal", "demand"):
        target = roles.addressee(head, coded.content)
    elif (
        coded.content is not None
    ):  # the framed act's target, or its conjuncts' ("to retaliate and attack X")
        framed = [coded.content, *(j for j in coded.content.conjuncts if j.pos_ in ("VERB", "AUX"))]
        framed += _purposes(coded.content)  # "willing to send arms to help defend Kuwait"
        target = next(
            (t for c in framed if (t := roles.target(c, locative=loc, cooperative=coop)) is not None), None
        ) or roles.target(head, locative=loc, cooperative=coop)
    else:
        target = roles.target(head, skip=source, locative=loc, cooperative=coop)
    # the event noun's own arguments: "held talks with China", "sanctions against X were extended"
    nouns = [_host(trig)] if trig.i != head.i else []
    nouns += [
        c
        for c in head.children
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and _coder().noun_code(c) is not None
    ]
    for noun in nouns:
        if source is None:
            source = roles.possessor(noun)
        if target is None or target.i == noun.i:  # the event noun is not its own target
            # the agent of the act named by the object: "demanded Russia's withdrawal from
            # Crimea" (of a demand, before the act's own target), "condemned Russia's invasion"
            agent = roles.possessor(noun) if target is not None and noun.i != trig.i else None
            agent = agent if agent is not None and agent.pos_ != "PRON" else None
            if agent is not None and coded.mood in ("appeal", "demand"):
                found: Token | None = agent
            else:
                found = roles.target(noun, locative=loc, cooperative=coop) or agent
                if found is None and _patient_of(act):  # "announced the release of Khodorkovsky"
                    found = _of_object(noun, roles)
            target = found or (None if target is not None and target.i == noun.i else target)
    if target is None and coded.code == "111" and coded.content is not None:
        target = _judged(coded.content, roles)  # "warned that the Chinese plan was a mistake"
    # "a hunger strike in protest of X's refusal"; "threatened to pull out of NATO"
    aimed = coded.code[:2] in _AIMED_ROOTS and not coded.weak and source is not None and roles.actor(source)
    if target is None and (act[:2] == "14" or aimed):
        target = roles.grievance(head, trig, source, coded.content)
    if target is None and undergoer is not None and roles.names_actor(undergoer):
        target = undergoer
    if target is None and act[:2] in _ADDRESSED_ROOTS:
        target = _host_addressee(head, source, roles)
    return source, target


#: Roots of acts addressed to someone: statements, appeals, intentions, consultations,
#: diplomatic cooperation, demands, disapproval, rejections, threats, protests.
_ADDRESSED_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13", "14"})


def _host_addressee(head: Token, source: Token | None, roles: RoleFinder) -> Token | None:
    """The addressee an act of purpose takes from the act it is done by: "met his counterpart
    to discuss the deliveries" addresses the one met (the host verb's object, when it names an
    actor other than the act's source). An xcomp with an object is object control ("directed
    the chiefs to ensure …"): there the object acts, it is not addressed."""
    if head.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return None
    host = head.head
    if host.i == head.i or host.pos_ != "VERB":
        return None
    obj = next((c for c in host.children if c.dep_ == "dobj"), None)
    if obj is None or roles.actor(obj) is None:  # only a known actor is lent
        return None
    return None if source is None or source.i == obj.i else obj


def _judged(clause: Token, roles: RoleFinder) -> Token | None:
    """What a warning judges: the subject of its copular that-clause ("warned that the Chinese
    plan was a mistake" → the plan, of China), when it names an actor or a country."""
    if clause.lemma_.lower() != "be":
        return None
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return subject if roles.names_actor(subject) or roles.phrase_country(subject) else None


#: Roots of acts whose noun names its author with "from" (said, asked or given: "criticism from
#: France", "demands from Kyiv", "aid from Japan"); for the others "from" is what is left
#: ("a withdrawal from Crimea").
_FROM_SOURCE_ROOTS = frozenset({"02", "05", "07", "10", "11", "12", "13"})
#: Verbs whose subject undergoes the act named by their object ("faced criticism", "received
#: aid", "drew condemnation", "suffered attacks").
_UNDERGO = frozenset({"face", "receive", "draw", "attract", "suffer", "endure", "weather", "absorb", "get"})
#: Verbs whose subject answers words aimed at it ("rebutted the criticism", "rejected the
#: accusations"): the target of a criticism, accusation, demand or threat they take.
_ANSWER = frozenset({"rebut", "rebuff", "reject", "dismiss", "deny", "refute", "counter"})
_AIMED_WORDS = frozenset({"10", "11", "13"})


def _recipient(noun: Token, act: str, roles: RoleFinder) -> Token | None:
    """Who undergoes the act a nominal trigger names, as the subject of the verb that takes it:
    "Russia faced criticism from France", "Kyiv received aid", "came under criticism",
    "China rebutted American criticism" (an answer only to words aimed at the speaker)."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "under" and verb.head.lemma_.lower() == "come":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or not (
        lemma in _UNDERGO or lemma == "come" or (lemma in _ANSWER and act[:2] in _AIMED_WORDS)
    ):
        return None
    subject = roles.subject(verb)
    return subject if subject is not None and roles.names_actor(subject) else None


#: Roots of acts done to someone (coercion, force), whose noun names the one they are done to
#: with "of" even when it names no author ("the arrest of …", "the killing of …"); the release
#: of persons (084) too. "The withdrawal of troops" (087) names who withdraws, so not 08.
_PATIENT_ROOTS = frozenset({"17", "18", "19", "20"})


def _patient_of(act: str) -> bool:
    return act[:2] in _PATIENT_ROOTS or act[:3] == "084"


def _of_object(noun: Token, roles: RoleFinder) -> Token | None:
    """The actor an event noun's of-phrase names ("the execution of James Foley")."""
    return next((o for o in prep_objects(noun, ("of",)) if roles.names_actor(o)), None)


#: Verbs whose subject takes part in the meeting, talks or deal they take as object ("led the
#: talks with Iran", "chaired the meeting"); other verbs may judge it from outside ("welcomed").
_TAKE_PART = frozenset({"lead", "chair", "co-chair", "enter", "attend", "join", "hold", "host"})
#: Prepositions that put a verb's subject at a meeting ("spoke at the talks", "entered into
#: talks", "represented the government at two meetings with the Islamists").
_AT_MEETING = frozenset({"at", "in", "into", "during"})


def _participant(noun: Token, target: Token | None, roles: RoleFinder) -> Token | None:
    """The side of a meeting, talks or deal named by a noun with no author of its own: the
    subject of the verb that takes part in it ("Germany led the talks with Iran", "Germany
    entered into talks with Iran"), when that is not its other side."""
    if target is None or not roles.names_actor(target):  # "as he did at last year's session"
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in _AT_MEETING:
        verb = verb.head
    elif noun.dep_ != "dobj" or verb.lemma_.lower() not in _TAKE_PART:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = roles.subject(verb)
    if subject is None or subject.i in (noun.i, target.i):
        return None
    actor = roles.actor(subject)
    if actor is None or actor == roles.actor(target):
        return None
    named = subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
    return subject if named or subject.lemma_.lower() in roles.agents else None


#: (source id, target id, source country, target country) of each event of one coded trigger:
#: the countries its source and target phrases name in their own words (for sides without an
#: actor country).
_Pairs = list[tuple[str | None, str | None, str | None, str | None]]


def _joint_noun(coded: Coded, source_tok: Token | None, roles: RoleFinder) -> Token | None:
    """The event noun whose modifier may name both sides of a joint act (cooperative acts and
    fighting): the nominal trigger ("German-Dutch cooperation", "the Obama-Xi talks"), or,
    when no one is named as the act's source, the event noun the verb takes ("a
    Russian-Chinese deal was signed")."""
    if coded.code[:2] not in _SYMMETRIC_ROOTS and coded.code[:3] != "190":
        return None
    trig = coded.trigger
    if trig.pos_ in ("NOUN", "PROPN"):
        return trig
    noun = next(
        (
            c
            for c in coded.head.children
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and _coder().noun_code(c) is not None
        ),
        None,
    )
    if noun is None or source_tok is None or source_tok.head.i == noun.i:
        return noun
    if roles.actor(source_tok) is not None or (source_tok.pos_ != "PRON" and roles.names_actor(source_tok)):
        return None  # "Japan praised the US-China deal": Japan's act
    return noun  # "they signed the German-French deal"


def _joint(
    coded: Coded, source_tok: Token | None, target_tok: Token | None, roles: RoleFinder, *, between: bool
) -> _Pairs:
    """The reciprocal events of the two sides a joint act names in one modifier: "talks between
    Iraqi and Lebanese officials", "German-Dutch cooperation" (cooperative acts), "the
    Israeli-Palestinian conflict" and "US-Russian clashes" (fighting), by country; "the
    Obama-Xi talks", by actor (``between``: the target is the object of "between"). [] when
    the modifier does not name two sides."""
    noun = target_tok if between else _joint_noun(coded, source_tok, roles)
    out: _Pairs = []
    actors = roles.paired_actors(noun) if not between else []
    if len(actors) >= 2:
        out = [(a, b, None, None) for a in actors for b in actors if a != b]
    else:
        countries = paired_countries(noun)
        out = [(None, None, a, b) for a in countries for b in countries if a != b]
    return out[:_MAX_PAIRS]


def _pairs(coded: Coded, roles: RoleFinder) -> _Pairs:
    source_tok, target_tok = _roles(coded, roles)
    between = source_tok is None and target_tok is not None and target_tok.head.lower_ == "between"
    ids = {roles.actor(t) for t in (source_tok, target_tok) if t is not None} - {None}
    joint = _joint(coded, source_tok, target_tok, roles, between=between) if len(ids) < 2 else []
    if joint:  # the roles do not name the two sides: reciprocal, by actor or country
        return joint
    src_ok = source_tok is not None and roles.names_actor(source_tok)
    tgt_ok = target_tok is not None and roles.names_actor(target_tok)
    # an event needs an actor: both for PETRARCH2's generic verb defaults, one for the lexicon;
    # a particular act named by a noun ("the attack") is a mention with its sides unknown
    if not (src_ok and tgt_ok) if coded.weak else not (src_ok or tgt_ok):
        if coded.bare:
            return [(None, None, roles.phrase_country(source_tok), roles.phrase_country(target_tok))]
        return []
    if (
        coded.mood in ("appeal", "intent", "demand")
        and coded.action is None
        and not tgt_ok
        and (source_tok is None or source_tok.pos_ == "PRON" or coded.trigger.lemma_ in _WEAK_MOODS)
    ):
        return []  # "I want to say …", "they decided to stay": nothing framed, nobody named
    sources = roles.expand(source_tok)
    targets = roles.expand(target_tok)
    named = (roles.phrase_country(source_tok), roles.phrase_country(target_tok))
    # an ethnic group is of the country it lives in, not of its demonym ("ethnic Albanians in Serbia")
    if roles.minority(source_tok) and source_tok is not None:
        sources, named = [None], (roles.home_country(source_tok), named[1])
    if roles.minority(target_tok) and target_tok is not None:
        targets, named = [None], (named[0], roles.home_country(target_tok))
    pairs: list[tuple[str | None, str | None]] = []
    if between:  # "talks between Russia and Ukraine", "a truce between Israel and Hamas": reciprocal
        sources, targets = targets, [None]
        named = (None, None)
    if targets == [None] and len(sources) > 1 and (between or coded.code[:2] in _SYMMETRIC_ROOTS):
        pairs = [(s, t) for s in sources for t in sources if s != t]
    else:
        pairs = [(s, t) for s in sources for t in targets if s is None or s != t]
        if not pairs:  # "bombers killed 23 people as well as themselves": the act, its target unknown
            pairs = [(s, None) for s in sources]
    if coded.swap:
        pairs = [(t, s) for s, t in pairs]
        named = (named[1], named[0])
    return [(s, t, *named) for s, t in pairs[:_MAX_PAIRS]]


class _Statements:
    """The record's statements indexed by cue and by content, read once per document."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        self.cues = Intervals([(st.cue.start, st.cue.end, st) for st in statements if st.cue is not None])
        self.contents = Intervals([(st.content.start, st.content.end, st) for st in statements])

    def statement_for(self, code: str, start: int, end: int) -> str | None:
        """The statement a speech act reports: the first whose cue overlaps the trigger, else the
        first whose content holds it."""
        if not code.startswith(SPEECH_ACT_PREFIXES):
            return None
        for _, _, st in self.cues.near(start, end):
            if st.cue is not None and st.cue.overlaps((start, end)):
                return st.id
        return self.reported_by(start, end)

    def reported_by(self, start: int, end: int) -> str | None:
        """The first statement whose content holds ``[start, end)``: the event is someone's claim
        ("The Kremlin denied the accusations, a spokesman said")."""
        st = self.reporting(start, end)
        return st.id if st is not None else None

    def reporting(self, start: int, end: int) -> Statement | None:
        for _, _, st in self.contents.near(start, end):
            if st.content.contains((start, end)):
                return st
        return None


#: Present-tense verb tags: an act reported as going on when it is told ("he tweeted that he
#: rejects …") happens when the report does.
_PRESENT = frozenset({"VBZ", "VBP"})


def _report_date(doc: Doc, trig: Token, said: _Statements, dates: DateFinder) -> ResolvedDate | None:
    """The date of the report that holds a present-tense act without a date of its own ("said
    on Wednesday that he rejects …" → Wednesday)."""
    if trig.tag_ not in _PRESENT:
        return None
    st = said.reporting(trig.idx, trig.idx + len(trig.text))
    if st is None or st.cue is None:
        return None
    cue = doc.char_span(st.cue.start, st.cue.end, alignment_mode="expand")
    if cue is None or cue.root.i == trig.i:
        return None
    return dates.for_trigger(cue.root.sent, cue.root)


#: Words that end a credit line or a caption ("… Associated Press", "AFP/Getty Images").
_CREDITS = ("associated press", "reuters", "afp", "getty images", "ap photo", "epa", "file photo", "photo:")
_SENTENCE_END = ".!?\"'\u201d\u2019)"


def display_line(sentence: str, *, own_line: bool = True) -> bool:
    """A headline, byline, caption or credit line rather than a sentence of the story: a
    caption or credit anywhere ("(Photo: AFP/Getty Images)"), or a line of its own without
    sentence-final punctuation that is short (a headline: "Nigeria, extremists agree to
    cease-fire") or ends with a credit ("… Associated Press"). ``own_line``: a line break
    follows it (a lone sentence with no full stop, as in a one-line document, is kept)."""
    text = sentence.strip()
    lower = text.lower()
    if any(mark in lower for mark in ("getty images", "photo:", "ap photo", "file photo")):
        return True
    if text.endswith(tuple(_SENTENCE_END)) or not own_line:
        return False
    return len(text.split()) <= 20 or lower.endswith(_CREDITS)


def display_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines of ``text`` that are headlines, captions or credits
    (:func:`display_line`): their words start no event."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip() and display_line(line, own_line=end < len(text)):
            out.append((start, end))
        start = end + 1
    return out


#: Sectors of a state's own voice: its protest is a diplomatic complaint, not a demonstration.
_OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "SPY"})


def _official_protest(code: str, trig: Token, record: Record, source: str | None) -> str:
    """CAMEO keeps demonstrations (14) for civilians; a state or its officials who protest
    ("Japan summoned the ambassador to protest") complain officially (114)."""
    if code != "141" or trig.lemma_.lower() != "protest" or source is None:
        return code
    actor = next((a for a in record.actors if a.id == source), None)
    official = actor is not None and (actor.kind == "state" or actor.sector in _OFFICIAL_SECTORS)
    return "114" if official else code


def events(doc: Doc, record: Record) -> list[Event]:
    """The record's events: one per coded trigger and (source, target) pair, with the mode,
    date and place read from the trigger's clause."""
    if not doc.has_annotation("DEP"):  # a pipeline without a parser: nothing to code
        return []
    text = record.document.text
    roles = RoleFinder(record)
    said = _Statements(record.statements)
    dates = DateFinder(record.document.published, doc)
    places = PlaceFinder(record)
    document_date = dates.document_date()
    display = Intervals([(s, e, None) for s, e in display_lines(text)])
    out: list[Event] = []
    seen: set[tuple[str | int | None, ...]] = set()
    for sent in doc.sents:
        s_start, s_end = trim_offsets(text, sent.start_char, sent.end_char, " \t\r\n")
        for coded in coded_sentence(sent):
            if display.covers(coded.trigger.idx):
                continue
            pairs = _pairs(coded, roles)
            if not pairs:
                continue
            info = cameo_code(coded.code)
            trig = coded.trigger
            t_start, t_end = trig.idx, trig.idx + len(trig.text)
            mode = event_mode(trig, coded.head, negated=coded.negated)
            plover = info.plover if info else None
            if coded.modal and coded.action:  # PLOVER: the act's own type, the mode says intended
                act = cameo_code(coded.action)
                plover = act.plover if act and act.plover else plover
                mode = "intended" if mode == "asserted" else mode
            if coded.expected:  # "X is expected to …": to come
                mode = "intended" if mode == "asserted" else mode
            found = dates.for_trigger(sent, coded.head, future=mode == "intended") or _report_date(
                doc, trig, said, dates
            )
            date = (
                EventDate(
                    value=found.value, precision=found.precision, span=record.span(found.start, found.end)
                )
                if found is not None
                else document_date
            )
            place = places.for_event(coded.head, trig, coded.code)
            location = (
                EventPlace(country=place.country, span=record.span(place.start, place.end)) if place else None
            )
            for source, target, *named in pairs:
                code = _official_protest(coded.code, trig, roles.record, source)
                own = info if code == coded.code else cameo_code(code)
                own_plover = plover if own is info or own is None else own.plover
                key = (code, source, target, t_start, *named)
                if key in seen:
                    continue
                seen.add(key)
                src_country, tgt_country = side_countries(
                    record,
                    source,
                    target,
                    coded.code[:2],
                    place.country if place else None,
                    named=(named[0], named[1]),
                )
                out.append(
                    Event(
                        id=f"E{len(out) + 1}",
                        source=source,
                        target=target,
                        cameo=code,
                        root=code[:2],
                        label=own.label if own else None,
                        plover=own_plover,
                        goldstein=own.goldstein if own else None,
                        quad_class=own.quad_class if own else None,
                        trigger=record.span(t_start, t_end),
                        sentence=record.span(s_start, s_end),
                        negated=coded.negated,
                        statement=said.statement_for(coded.code, t_start, t_end),
                        mode=mode,
                        date=date,
                        location=location,
                        reported_by=said.reported_by(t_start, t_end),
                        source_country=src_country,
                        target_country=tgt_country,
                    )
                )
    return place_groups(share_dates(out), record)
