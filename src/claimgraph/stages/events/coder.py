"""Coding one predicate: which CAMEO code a verb, noun or adjective trigger carries.

The method follows the verb-pattern idea of TABARI and PETRARCH2 (Schrodt 2001;
Norris, Schrodt & Beieler 2017): a verb lemma plus the words of its arguments
selects a code. Here the arguments come from the spaCy dependency parse (no
phrase-structure server), patterns come from the project's lexicon first and
PETRARCH2's CAMEO.2.0 dictionary second, and CAMEO's parallel structure
(appeal 02x / intent 03x / demand 10x / reject 12x / threaten 13x over the
action they frame) is applied by a *mood* table rather than by one pattern per
combination: "threatened to impose sanctions" is threaten(163) → 1312.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from claimgraph.knowledge.cameo import EventLexicon, Pattern
from claimgraph.knowledge.persuasion import lexicon_matcher
from claimgraph.knowledge.places import word_country
from claimgraph.knowledge.subjectivity import cue_lexicon
from claimgraph.nlp.columns import children, columns
from claimgraph.nlp.spans import is_passive, prep_objects
from claimgraph.stages.events.modes import indicative

__all__ = ["INSTRUMENTS", "Coded", "Coder", "is_instrument"]

#: Children that start another clause or belong to the subject: not argument words.
_NOT_ARGS = frozenset(
    {
        "nsubj",
        "csubj",
        "csubjpass",
        "expl",
        "ccomp",
        "advcl",
        "relcl",
        "conj",
        "cc",
        "parataxis",
        "punct",
        "mark",
        "aux",
        "auxpass",
        "neg",
        "dep",
        "appos",
        "discourse",
        "intj",
        "meta",
    }
)
_DEEP_STOP = frozenset({"relcl", "ccomp", "advcl", "parataxis", "punct", "appos"})
_FUTURE = frozenset({"will", "wo", "'ll", "shall", "would"})
_MUST = frozenset({"must"})
_SHOULD = frozenset({"should", "ought"})
_RESPONSE_VERBS = frozenset({"retaliate", "respond", "react", "hit"})  # "retaliated with tariffs"
_NEGATING = frozenset({"fail", "refrain", "neglect", "omit"})
#: Verbs of someone else's expectation, in the passive: "X is expected / scheduled / slated /
#: supposed / set to <act>" tells of X's act, to come; nobody in the clause intends anything.
#: (Participles: the passive's form, and the parser lemmatises "slated" as "slat".)
_EXPECTATION = frozenset({"expected", "scheduled", "slated", "supposed", "set"})
_ACTOR_ENTS = frozenset({"PERSON", "GPE", "NORP", "ORG"})
_VERBAL = frozenset({"01", "02", "03", "10", "12", "13"})
#: CAMEO roots of protest, force posture, coercion, assault, fighting and mass violence: acts
#: news reports by themselves ("the attack", "a shooting in Orlando"), their authors often unknown.
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
#: The root of mobilisation (military posture, more forces): no force used on anyone.
_MOBILIZE = "15"
#: Roots of sanctions and coercion (reduce relations, coerce).
_SANCTIONS = frozenset({"16", "17"})
#: Weapons and other instruments of force: what an act is done with, not an act. "North Korea's
#: nuclear weapons", "a bomb test", "asked for rockets" are no attack; the verbs of their use
#: are ("fired rockets at", "used chemical weapons"), and an instrument narrows such an act
#: ("killed in a car bomb explosion" → 1832, :meth:`Coder.refine_violence`).
INSTRUMENTS = frozenset(
    {
        "weapon",
        "bomb",
        "device",
        "missile",
        "rocket",
        "mortar",
        "drone",
        "artillery",
        "grenade",
        "gun",
        "tank",
        "mine",
        "explosive",
        "warhead",
        "munition",
        "firearm",
        "rifle",
    }
)
#: Verbs of an explosion ("the bombs went off", "a car bomb exploded", "detonated a device"):
#: with a weapon as subject or object they are the act of force the weapon is the means of.
_EXPLODE = frozenset({"explode", "detonate"})
_EXPLODE_PHRASAL = frozenset({("go", "off"), ("blow", "up")})
#: Verbs of naming and characterising: "called China provocative", "described the drop as a
#: mistake", "branded the raid a declaration of war". With an object and what it is called, the
#: act is a judgement of the object: praise (051) when the words are of praise, else criticism
#: (111); "called Putin on Monday" keeps its own code (a phone call).
_NAMING = frozenset(
    {"call", "label", "brand", "dub", "term", "describe", "portray", "depict", "characterize", "characterise"}
)
#: Nouns of fault a judgement names ("described the drop as a mistake"), besides the
#: evaluative and pejorative words of the subjectivity lexicon.
_FAULTS = frozenset(
    {
        "mistake",
        "error",
        "failure",
        "blunder",
        "threat",
        "danger",
        "menace",
        "crime",
        "disgrace",
        "provocation",
    }
)
#: Verbs of warning: "warned that the deal was a mistake" judges the deal (criticism, 111) when
#: what it is said to be has words of blame; "warned that police will act" stays a threat.
_WARNING = frozenset({"warn"})
#: Verbs of withdrawing: from a place ("withdrew from Iraq", "pulled out of Gaza"), or said of
#: armed forces with no object ("the US military withdrew in 2011"), they are the military
#: retreat CAMEO codes 0874 ("yield control of a location or territory by pulling out armed
#: forces"); from a treaty, talks or an organisation they stay a reduction of relations (16x).
_WITHDRAW = frozenset({"withdraw", "retreat", "pull"})
#: Common nouns of places one withdraws from ("withdrawing from countries", "the base").
_PLACE_NOUNS = frozenset(
    {"country", "territory", "region", "area", "city", "town", "base", "zone", "province", "village"}
)
#: Nouns of pacts and talks one withdraws from (a reduction of relations, 160).
_PACTS = frozenset(
    {"deal", "treaty", "agreement", "accord", "pact", "talks", "negotiations", "alliance", "union"}
)
#: Head nouns of armed forces as a subject ("the US military", "Russian troops").
_ARMED = frozenset({"military", "troops", "troop", "forces", "army", "soldiers", "soldier", "units", "navy"})
#: Verbs that are a protest only without an object: "thousands demonstrated", but "demonstrated
#: their unity", "rallied supporters", "marched the prisoners" show, gather or lead.
_PROTEST_INTRANSITIVE = frozenset({"demonstrate", "rally", "march", "picket"})
#: Codes whose complement is an allegation or a denied act, not an event of its own.
_REPORTING = frozenset({"016", "110", "111", "112", "114", "115", "116", "090"})


@dataclass
class Coded:
    """A coded predicate: code, the token that is the trigger, the token whose arguments are the roles."""

    code: str
    trigger: Token
    head: Token
    content: Token | None = None
    mood: str | None = None
    action: str | None = None
    weak: bool = False
    swap: bool = False
    negated: bool = False
    consumed: set[int] = field(default_factory=set)
    #: the intent is only the voice ("the leaders were expected to discuss …"): the subject
    #: expresses none, so PLOVER types the framed act (``action``) and the mode says intended.
    #: ("will meet" stays an intent: CAMEO 036, and PLOVER's gold records code it AGREE.)
    modal: bool = False
    #: a nominal trigger with no actor argument that still names one particular act ("the
    #: attack", "attacks in Paris"): an event mention even when no side can be found
    bare: bool = False
    #: the act is only expected of its subject ("X is expected to …"): to come, intended
    expected: bool = False


def arg_words(tok: Token, depth: int = 4) -> set[str]:
    """Lower-case forms and lemmas of the words in ``tok``'s own arguments (not other clauses)."""
    doc = tok.doc
    cols = columns(doc)  # the tree walked on the columns: no Token per word
    kids = children(doc)
    dep, lower, lemma, ent, head = cols.dep, cols.lower, cols.lemma, cols.ent_type, cols.head
    i = tok.i
    words: set[str] = set()
    stack = [(c, 1) for c in kids[i] if dep[c] not in _NOT_ARGS]
    if dep[i] == "xcomp" or is_passive(tok):
        stack += [(c, 1) for c in kids[i] if dep[c] == "nsubjpass"]
    for c in kids[i]:  # "called Zelensky", "welcomed Modi": the object is an actor
        if dep[c] == "dobj" and (ent[c] in _ACTOR_ENTS or cols.pos[c] == "PROPN"):
            words.add("@actor")
    while stack:
        t, d = stack.pop()
        if dep[t] == "prep" and any(ent[g] in ("DATE", "TIME") for g in kids[t] if dep[g] == "pobj"):
            continue  # "on Sunday" is never an argument
        words.update((lower[t], lemma[t]))
        if dep[t] == "xcomp" and head[t] == i:
            continue
        if dep[t] in ("compound", "amod"):  # "war_crimes", "human_rights"
            words.add(f"{lower[t]}_{lower[head[t]]}")
        if d < depth:
            stack.extend((c, d + 1) for c in kids[t] if dep[c] not in _DEEP_STOP)
    return words


def is_negated(tok: Token) -> bool:
    """A "neg" child, or one of an auxiliary child ("did not meet")."""
    dep, kids = columns(tok.doc).dep, children(tok.doc)
    own = kids[tok.i]
    if any(dep[c] == "neg" for c in own):
        return True
    return any(dep[c] in ("aux", "auxpass") and any(dep[g] == "neg" for g in kids[c]) for c in own)


def _modal(tok: Token) -> str | None:
    cols = columns(tok.doc)
    dep, lower = cols.dep, cols.lower
    for c in children(tok.doc)[tok.i]:
        if dep[c] != "aux":
            continue
        low = lower[c]
        if low in _FUTURE:
            return "intent"
        if low in _MUST:
            return "demand"
        if low in _SHOULD:
            return "appeal"
    if tok.dep_ == "xcomp" and tok.head.lemma_ in ("need", "have") and tok.head.pos_ in ("VERB", "AUX"):
        return "appeal" if tok.head.lemma_ == "need" else "demand"
    return None


def _first(patterns: tuple[Pattern, ...], words: set[str], *, specific: bool = False) -> Pattern | None:
    """The first of ``patterns`` that matches ``words`` (:meth:`Pattern.matches`, inlined: this
    scan runs over every pattern of a verb for each predicate)."""
    for p in patterns:
        if specific and not p.slots:
            continue
        for slot in p.slots:
            if slot.isdisjoint(words):
                break
        else:
            return p
    return None


class Coder:
    """Codes predicates against a compiled :class:`EventLexicon` (one per process)."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    # -- sub-codes -----------------------------------------------------------------------
    def specialise(self, code: str, words: set[str]) -> str:
        """Narrow ``code`` by the domains of ``words`` ("aid" + "military" → 072).

        Domains are tried in the lexicon's order (war crimes before crime), at most twice
        (083 → 0831).
        """
        found = {d for w in words for d in self.lex.domains.get(w, ())}
        if not found:
            return code
        for _ in range(2):
            sub = next(
                (
                    self.lex.spec[(code, d)]
                    for d in self.lex.domain_order
                    if d in found and (code, d) in self.lex.spec
                ),
                None,
            )
            if sub is None:
                break
            code = sub
        return code

    # -- nouns ---------------------------------------------------------------------------
    def noun_code(self, tok: Token, *, instrument: bool = False) -> tuple[str, bool] | None:
        """The code of a nominal trigger ("sanctions", "the summit", "air strikes"). A weapon
        ("a missile", "nuclear weapons") is no act; with ``instrument`` it gives the act it
        would be the instrument of (to narrow an act of force)."""
        if not instrument and is_instrument(tok):
            return None
        patterns = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_)
        if not patterns:
            return None
        words = arg_words(tok, depth=3)
        if tok.dep_ in ("dobj", "nsubjpass", "pobj") and tok.head.pos_ in ("VERB", "ADP"):
            words.add(tok.head.lemma_.lower())
        p = _first(patterns, words)
        if p is None or p.value == "-":
            return None
        return self.specialise(p.value, words), p.swap

    def noun_mood(self, tok: Token) -> str | None:
        patterns = self.lex.noun_moods.get(tok.lemma_.lower())
        if not patterns:
            return None
        p = _first(patterns, arg_words(tok, depth=2))
        return p.value if p else None

    # -- verbs ---------------------------------------------------------------------------
    def verb_action(self, tok: Token, words: set[str] | None = None) -> Coded | None:
        """The action a verb carries by itself (no mood): pattern, light verb + noun, default."""
        words = arg_words(tok) if words is None else words
        lemma = tok.lemma_.lower()
        exploded = self._explosion(tok)
        if exploded is not None:
            return exploded
        patterns = self.lex.verbs.get(lemma, ())
        own = _first(tuple(q for q in patterns if q.origin == "lexicon"), words)
        # "demonstrated their unity", "rallied supporters": showing or gathering, no protest
        dep = columns(tok.doc).dep
        transitive = any(dep[c] == "dobj" for c in children(tok.doc)[tok.i])
        if own is not None and own.value[:2] == "14" and lemma in _PROTEST_INTRANSITIVE and transitive:
            return None
        if own is not None and own.value != "-":
            return self._coded(own, tok, words, consume_objects=bool(own.slots))
        if own is not None:  # a generic verb: only a light-verb reading ("held talks")
            return self._light(tok) if lemma in self.lex.light else None
        light = self._light(tok) if lemma in self.lex.light or lemma not in self.lex.verbs else None
        if light is not None:
            return light
        p = _first(patterns, words)
        if p is None or p.value == "-":
            return None
        return self._coded(p, tok, words, consume_objects=bool(p.slots))

    def _explosion(self, tok: Token) -> Coded | None:
        """ "the bombs went off in Brussels", "a car bomb exploded": the act of force of the
        weapon that explodes (183 bombing, narrowed by the weapon: car bomb → 1832)."""
        lemma = tok.lemma_.lower()
        cols = columns(tok.doc)
        particles = {(lemma, cols.lower[c]) for c in children(tok.doc)[tok.i] if cols.dep[c] == "prt"}
        if lemma not in _EXPLODE and not particles & _EXPLODE_PHRASAL:
            return None
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and is_instrument(c):
                got = self.noun_code(c, instrument=True)
                code = got[0] if got is not None and got[0][:2] in ("18", "19", "20") else "183"
                coded = Coded(code, tok, tok)
                coded.consumed.add(c.i)
                return coded
        return None

    def _coded(self, p: Pattern, tok: Token, words: set[str], *, consume_objects: bool) -> Coded | None:
        if p.value == "-":
            return None
        code = self.specialise(p.value, words)
        coded = Coded(code, tok, tok, swap=p.swap, weak=p.origin != "lexicon" and not p.slots)
        if consume_objects:
            coded.consumed.update(c.i for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr"))
        # the charge of an accusation is no event of its own ("accused X of attacking Y"); a
        # say-verb only PETRARCH's generic default codes ("claimed that X was killed") reports
        # its content, whose acts are events (told in someone's words: ``reported_by``)
        if code[:3] in _REPORTING and not coded.weak:
            coded.consumed.update(_reported_tokens(tok))
        return coded

    def _light(self, tok: Token) -> Coded | None:
        """ "held talks", "launched an offensive", "renewed an appeal to X to …": the noun carries it."""
        pairs = self._light_objects(tok)
        for n, obj in pairs:
            got = self.noun_code(n)
            if got is not None:
                coded = Coded(got[0], n, tok, swap=got[1])
                coded.consumed.update((obj.i, n.i))
                return coded
        for n, obj in pairs:
            mood = self.noun_mood(n)
            if mood is not None:
                content, ctok = self.content(n)
                if content is None and not any(c.dep_ == "prep" for c in n.children):
                    continue
                coded = Coded(self.framed(mood, content), n, tok, content=ctok, mood=mood, action=content)
                coded.consumed.update((obj.i, n.i))
                if ctok is not None:
                    coded.consumed.update(t.i for t in ctok.subtree if t.pos_ in ("VERB", "NOUN", "AUX"))
                return coded
        return None

    @staticmethod
    def _light_objects(tok: Token) -> list[tuple[Token, Token]]:
        """(noun, object) pairs: the object, its compounds, its of-phrase, an in-phrase ("engaged in")."""
        out: list[tuple[Token, Token]] = []
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        objs += [
            g
            for c in tok.children
            if c.dep_ == "prep"
            and (c.lower_ in ("in", "into") or (c.lower_ == "with" and tok.lemma_ in _RESPONSE_VERBS))
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for c in objs:
            if c.pos_ not in ("NOUN", "PROPN"):
                continue
            out.append((c, c))
            out.extend((g, c) for g in c.children if g.dep_ == "compound")
            out.extend((g, c) for g in prep_objects(c, ("of",)))
        return out

    def refine_violence(self, coded: Coded) -> None:
        """ "killed … in a car bomb explosion", "suicide bombers killed …": the instrument narrows 19x."""
        if coded.code[:2] not in ("18", "19") or coded.head.pos_ not in ("VERB", "AUX"):
            return
        head = coded.head
        nouns = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        nouns += [
            g
            for c in head.children
            if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "with", "by", "during")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for n in nouns:
            got = self.noun_code(n, instrument=True)
            if got is not None and got[0][:2] in ("18", "19", "20") and got[0] != "190":
                coded.code = got[0]
                return
        if coded.code == "190":  # "helicopter gunships killed …", "tanks shelled …"
            words = {w for n in nouns for t in n.subtree for w in (t.lower_, t.lemma_.lower())}
            coded.code = self.specialise(coded.code, words)

    # -- moods ---------------------------------------------------------------------------
    def verb_mood(self, tok: Token, words: set[str]) -> str | None:
        patterns = self.lex.verb_moods.get(tok.lemma_.lower())
        if not patterns:
            return None
        p = _first(patterns, words)
        return p.value if p else None

    def content(self, tok: Token, depth: int = 0) -> tuple[str | None, Token | None]:
        """The action framed by a mood word: its complement clause, object noun or for/to-phrase."""
        if depth > 2:
            return None, None
        kids = list(tok.children)
        clauses = [c for c in kids if c.dep_ in ("xcomp", "ccomp", "acl") and c.pos_ in ("VERB", "AUX")]
        clauses += [c for c in kids if c.dep_ == "advcl" and any(g.lower_ == "to" for g in c.children)]
        for c in clauses:  # "vowed to degrade and destroy …": the first coded conjunct
            for clause in (c, *(j for j in c.conjuncts if j.i > c.i and j.pos_ in ("VERB", "AUX"))):
                got = self.clause_code(clause, depth + 1)
                if got is not None:
                    return got, clause
        for c in kids:
            if c.dep_ in ("dobj", "nsubjpass", "attr", "acl") or (
                c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "upon", "of", "over", "about", "with")
            ):
                nouns = [c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                for n in nouns:
                    got = self._noun_content(n, depth)
                    if got is not None:
                        return got, n
        if tok.pos_ in ("NOUN", "PROPN"):  # "calls by X for aid": a for-phrase attached lower down
            for t in tok.subtree:
                if t.dep_ == "prep" and t.lower_ == "for" and t.head.i != tok.i:
                    for n in (g for g in t.children if g.dep_ == "pobj"):
                        got = self._noun_content(n, depth)
                        if got is not None:
                            return got, n
        return None, clauses[0] if clauses else None

    def _noun_content(self, n: Token, depth: int) -> str | None:
        if n.pos_ == "VERB":
            return self.clause_code(n, depth + 1)
        mood = self.noun_mood(n)
        if mood is not None:  # "rejected a request to ...": what was requested
            inner, _ = self.content(n, depth + 1)
            return inner
        got = self.noun_code(n)
        if got is not None:
            return got[0]
        for c in n.children:  # "a peace plan", "a package of sanctions"
            below = [c] if c.dep_ == "compound" else []
            if c.dep_ == "prep" and c.lower_ == "of":
                below = [g for g in c.children if g.dep_ == "pobj"]
            for g in below:
                got = self.noun_code(g)
                if got is not None:
                    return got[0]
        return None

    def clause_code(self, tok: Token, depth: int = 0) -> str | None:
        """The code of a complement clause, moods included ("to threaten to impose" → 1312)."""
        coded = self.code(tok, depth)
        if coded is None:
            return None
        if coded.mood in ("intent", "appeal", "demand") and coded.action:  # "agreed to undertake X"
            return coded.action
        return coded.code

    def framed(self, mood: str, content: str | None) -> str:
        # a promise of force is a threat; of mobilising one's own forces ("pledged to bolster its
        # military") it is not: an intent (03x), as CAMEO's table codes it
        if mood == "intent" and content and content[:2] in CONFLICT_ROOTS and content[:2] != _MOBILIZE:
            mood = "threaten"
        return self.lex.mood_code(content, mood)

    # -- the whole predicate ---------------------------------------------------------------
    def code(self, tok: Token, depth: int = 0) -> Coded | None:
        """Code the predicate headed by ``tok`` (a verb or the copula of an adjective)."""
        words = arg_words(tok)
        negated = is_negated(tok)
        lemma = tok.lemma_.lower()
        # 0. "failed to adopt", "refrained from attacking": the framed action, negated
        if lemma in _NEGATING:
            inner = next((c for c in tok.children if c.dep_ == "xcomp"), None)
            inner = inner or next(
                (g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"), None
            )
            if inner is None or depth >= 3:
                return None
            coded = self.code(inner, depth + 1)
            if coded is not None:
                coded.negated = not coded.negated
                coded.consumed.update(t.i for t in inner.subtree)
            return coded
        # 0b. "X is expected / scheduled / slated to meet Y": X's act, to come; the expectation
        # of nothing, or only of words ("is expected to comment"), is no event
        expected = self.expectation(tok)
        if expected is not None or (tok.lower_ in _EXPECTATION and is_passive(tok)):
            return self._expected(tok, expected, depth) if expected is not None else None
        # 0c. "called China provocative", "described the drop as a mistake": a judgement
        naming, judged = self._characterisation(tok)
        if naming:  # a naming with no words of praise or blame is no event (nor a phone call)
            if judged is not None:
                judged.negated = negated
            return judged
        # 0d. "withdrew from Iraq", "the army withdrew": a military retreat
        if lemma in _WITHDRAW and (withdrawn := _withdrawal(tok)) is not None:
            return self._modalise(Coded(withdrawn, tok, tok, negated=negated), tok, depth)
        # 1. a specific pattern of the lexicon ("recalled its ambassador", "denied the charges")
        p = _first(self.lex.verbs.get(lemma, ()), words, specific=True)
        if p is not None and p.origin != "lexicon":
            p = None
        mood = self.verb_mood(tok, words)
        if p is not None and (mood in (None, "reject") or p.value[:2] in _VERBAL or len(p.slots) >= 2):
            coded = self._coded(p, tok, words, consume_objects=True)
            if coded is not None:
                coded.negated = negated
                return self._modalise(coded, tok, depth)
        # 2. a mood verb framing another action ("urged X to", "threatened to", "refused to")
        if mood == "intent" and (modal := _modal(tok)) in ("demand", "appeal"):  # "X must agree to …"
            mood = modal
        if mood is not None:
            content, ctok = self.content(tok, depth)
            if mood == "threaten" and content is None and lemma in _WARNING:
                judged = self._warned_judgement(tok)
                if judged is not None:  # "warned that the deal was a dangerous mistake"
                    judged.negated = negated
                    return judged
            if mood == "demand" and ctok is not None and ctok.dep_ == "ccomp" and indicative(ctok):
                return None  # "insist they are fighting terror": a claim, no demand
            if content is None and p is not None:  # "pledged aid", "agreed to a ceasefire"
                content = self.specialise(p.value, words)
            if (
                content is None
                and mood == "intent"
                and lemma in ("agree", "concur")
                and any(c.dep_ == "ccomp" for c in tok.children)
            ):  # "agreed (that) there was a need …": accord, not a commitment
                return Coded("019", tok, tok, negated=negated)
            coded = Coded(
                self.framed(mood, content), tok, tok, content=ctok, mood=mood, negated=negated, action=content
            )
            # "the leaders were expected to discuss …", "is scheduled to visit": someone else's
            # expectation, no intent of the subject's; "decided to allow …": the decision is the
            # act's (PLOVER types both by the act, intended)
            coded.modal = mood == "intent" and content is not None and (is_passive(tok) or lemma == "decide")
            if ctok is not None:
                coded.consumed.update(t.i for t in ctok.subtree if t.pos_ in ("VERB", "NOUN", "AUX"))
            coded.consumed.update(c.i for c in tok.children if c.dep_ in ("dobj", "attr"))
            for c in tok.children:  # "warned X against selling arms": not an event of its own
                if c.dep_ == "prep":
                    coded.consumed.update(t.i for g in c.children if g.dep_ == "pcomp" for t in g.subtree)
            return coded
        # 3. an adjective complement ("is ready to", "was skeptical")
        adj = self._adjective(tok, depth)
        if adj is not None:
            adj.negated = negated
            return adj
        # 4. the verb's own action
        coded = self.verb_action(tok, words)
        if coded is None:
            return None
        self.refine_violence(coded)
        coded.negated = negated
        return self._modalise(coded, tok, depth)

    @staticmethod
    def _characterisation(tok: Token) -> tuple[bool, Coded | None]:
        """Whether ``tok`` names its object as something ("X called Y Z", "described Y as Z",
        "branded Y a Z"), and the judgement that is: criticism of Y (111) when Z has words of
        blame ("a killer", "a mistake"), praise (051) when it has words of praise ("a great
        leader"), else none ("called it a special place", "what Russia calls an operation")."""
        if tok.lemma_.lower() not in _NAMING:
            return False, None
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if not objs:
            return False, None
        obj = objs[0]
        called = [c for c in tok.children if c.dep_ == "oprd" or (c.dep_ == "dobj" and c.i > obj.i)]
        called += [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("ADJ", "NOUN")]
        called += prep_objects(tok, ("as",)) + prep_objects(obj, ("as",))
        if not called:
            return False, None
        if obj.lower_ in ("what", "which", "that", "who", "whom"):
            return True, None  # "what Russia calls a special operation": a name, no judgement
        judgement = _judgement(called)
        if judgement is None:
            # "called it a special place": no judgement, and no phone call either; a verb that
            # judges by itself ("branded the raid a declaration of war", 111) keeps its own code
            return tok.lemma_.lower() == "call", None
        coded = Coded(judgement, tok, tok)
        coded.consumed.update(t.i for c in called for t in c.subtree)
        return True, coded

    @staticmethod
    def _warned_judgement(tok: Token) -> Coded | None:
        """A warning that something is, was or would be bad ("warned that such a ban would be
        unacceptable", "warn that the deal was a dangerous mistake"): criticism (111) of what the
        that-clause is about, not a threat; the clause names no act of the warner's. None for a
        warning of an act ("warned that police will no longer tolerate rallies") or of a state
        with no words of blame ("warned that the talks would be long")."""
        for clause in tok.children:
            if clause.dep_ != "ccomp" or clause.lemma_.lower() != "be":
                continue
            called = [c for c in clause.children if c.dep_ in ("attr", "acomp")]
            if not called or _judgement(called) != "111":
                return None
            coded = Coded("111", tok, tok, content=clause)
            coded.consumed.update(t.i for t in clause.subtree if t.pos_ in ("VERB", "NOUN", "AUX"))
            return coded
        return None

    @staticmethod
    def expectation(tok: Token) -> Token | None:
        """The act a verb of expectation frames for someone else: "X is expected / scheduled /
        slated / supposed / set to *meet* Y", "he expects X to *meet* Y" (the infinitive); None
        for any other verb ("Russia expects to sign": Russia's own intent)."""
        if tok.lower_ in _EXPECTATION and is_passive(tok):
            return next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if tok.lemma_.lower() != "expect" or is_passive(tok):
            return None
        for c in tok.children:  # "expects Putin to meet …": parsed as an object or the clause's subject
            if c.pos_ not in ("VERB", "AUX") or not any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children
            ):
                continue
            if (c.dep_ == "xcomp" and any(o.dep_ == "dobj" for o in tok.children)) or (
                c.dep_ == "ccomp" and any(n.dep_ == "nsubj" for n in c.children)
            ):
                return c
        return None

    def _expected(self, tok: Token, act: Token, depth: int) -> Coded | None:
        """The expected act, coded on its own clause (its roles, date and place; its subject the
        expectation's passive subject), to come. A plain act keeps CAMEO's intent code (036 for
        a meeting) and is PLOVER-typed by the act; an act of words alone is no event."""
        if depth >= 3:
            return None
        coded = self.code(act, depth + 1)
        if coded is None or coded.code[:2] == "01":
            return None
        if coded.mood is None and coded.code[:2] not in _VERBAL:
            coded.action = coded.code
            coded.code = self.framed("intent", coded.code)
            coded.mood = "intent"
            coded.modal = True
            coded.consumed.update(t.i for t in act.subtree if t.pos_ in ("VERB", "NOUN", "AUX"))
        coded.expected = True
        coded.negated = coded.negated or is_negated(tok)
        coded.consumed.add(act.i)
        return coded

    def _modalise(self, coded: Coded, tok: Token, depth: int) -> Coded:
        """ "will visit" → intent (036); "will not accept" → reject; "must hand over" → demand."""
        modal = _modal(tok)
        if modal == "intent" and coded.negated and coded.code[:2] == "03":  # "will not accept refugees"
            coded.code, coded.mood, coded.negated = self.lex.reframe(coded.code, "reject"), "reject", False
            return coded
        if modal is None or coded.code[:2] in _VERBAL:
            return coded
        if modal == "intent" and coded.negated:
            modal, coded.negated = "reject", False
        coded.action = coded.code
        coded.code = self.framed(modal, coded.code)
        coded.mood = modal
        # "the bill would prohibit aid to X", "will impose sanctions": a sanction or coercion
        # told in the future tense is that act, intended (CAMEO codes it a threat, 13x; PLOVER
        # types it by the act), as is a mobilisation ("will add 7,000 soldiers"); force in the
        # future tense ("would blockade Paris") stays a threat
        coded.modal = modal == "intent" and (coded.action[:2] in _SANCTIONS or coded.action[:2] == _MOBILIZE)
        return coded

    def _adjective(self, tok: Token, depth: int) -> Coded | None:
        for c in tok.children:
            if c.dep_ not in ("acomp", "attr", "oprd") or c.pos_ != "ADJ":
                continue
            patterns = self.lex.adjs.get(c.lemma_.lower()) or self.lex.adjs.get(c.lower_)
            if not patterns:
                continue
            p = _first(patterns, arg_words(c, 2))
            if p is None:
                continue
            if p.value == "content":  # "are guilty of violating the ceasefire": the act itself
                content, ctok = self.content(c, depth)
                if content is None:
                    continue
                coded = Coded(content, c, tok, content=ctok)
                coded.consumed.update(t.i for t in c.subtree)
                return coded
            if p.value in ("appeal", "intent", "demand", "reject", "threaten"):
                mood = p.value
                # "must be ready to …"
                if mood == "intent" and (modal := _modal(tok)) in ("demand", "appeal"):
                    mood = modal
                content, ctok = self.content(c, depth)
                coded = Coded(self.framed(mood, content), c, tok, content=ctok, mood=mood, action=content)
                if ctok is not None:
                    coded.consumed.update(t.i for t in ctok.subtree if t.pos_ in ("VERB", "NOUN", "AUX"))
                return coded
            return Coded(p.value, c, tok)
        return None


def _withdrawal(tok: Token) -> str | None:
    """The code of a verb of withdrawing (``_WITHDRAW``) by what it withdraws from: a military
    retreat (0874) from a place ("withdrew from Iraq", "pulled out of Gaza", "withdrawing from
    countries") or, with no object, by armed forces ("the US military withdrew in 2011"); a
    reduction of relations (160) from an organisation or a pact ("pulled out of NATO", "pulled
    out of the grain deal"); else None, for the lexicon ("pulled the lever", "withdrew its
    ambassador": what is withdrawn decides)."""
    kids = list(tok.children)
    # "pulled out of Gaza": "out" a particle or a preposition with its own of-phrase
    outs = [c for c in kids if c.dep_ in ("prt", "prep", "advmod") and c.lower_ in ("out", "back")]
    if (tok.lemma_.lower() == "pull" and not outs) or any(c.dep_ == "dobj" for c in kids):
        return None  # what is withdrawn decides ("withdrew its peacekeepers from Chad"): the lexicon
    froms = prep_objects(tok, ("from",))
    froms += [g for c in outs for g in prep_objects(c, ("of", "from"))]
    froms += prep_objects(tok, ("of",)) if outs else []
    if froms:
        if all(_place(g) for g in froms):
            return "0874"
        if all(g.ent_type_ == "ORG" or g.lemma_.lower() in _PACTS for g in froms):
            return "160"
        return None
    if any(c.dep_ in ("ccomp", "xcomp") for c in kids):
        return None
    subject = next((c for c in kids if c.dep_ == "nsubj"), None)
    return "0874" if subject is not None and subject.lower_ in _ARMED else None


def _place(tok: Token) -> bool:
    """``tok`` names a place: a place entity or a country's name, or a common noun of places."""
    if tok.lemma_.lower() in _PLACE_NOUNS:
        return True
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    return tok.pos_ == "PROPN" and word_country(tok.text) is not None


def _judgement(called: list[Token]) -> str | None:
    """What saying something is ``called`` judges: praise (051) when its words are of praise,
    criticism (111) when they are of blame (the subjectivity lexicon's negative and pejorative
    words, nouns of fault, the name-calling lexicon's epithets), else None (neither, or both)."""
    lex = cue_lexicon()
    words = {w for c in called for t in c.subtree for w in (t.lower_, t.lemma_.lower())}
    praise = words & lex.terms("evaluative_positive")
    blame = words & (lex.terms("evaluative_negative") | lex.terms("pejorative_label"))
    blame |= words & _FAULTS
    tokens = [t for c in called for t in c.subtree]
    if any(
        cat == "name_calling"
        for _, _, cat in lexicon_matcher().match([t.text for t in tokens], [t.lemma_ for t in tokens])
    ):  # epithets: "a killer", "rapists", "a warmonger"
        blame.add("@epithet")
    if bool(praise) == bool(blame):
        return None
    return "051" if praise else "111"


def is_instrument(tok: Token) -> bool:
    """A weapon or other instrument of force ("missiles", "a car bomb", "nuclear weapons")."""
    return tok.lemma_.lower() in INSTRUMENTS or tok.lower_.rstrip("s") in INSTRUMENTS


def _reported_tokens(tok: Token) -> list[int]:
    """Tokens of what is alleged or denied ("accused X *of attacking Y*"): not events themselves."""
    out: list[int] = []
    for c in tok.children:
        if (c.dep_ == "prep" and c.lower_ in ("of", "for", "over")) or c.dep_ == "ccomp":
            out.extend(t.i for t in c.subtree)
    return out
