"""Whether an event happened: its mode, read from the clause around its trigger.

- ``negated``: the predicate is negated ("did not meet", "no talks were held").
- ``hypothetical``: a modal of possibility (could, would, might, may), a conditional
  clause (if, unless, in case), a noun marked as possible ("a potential strike"), or an act
  something keeps from happening ("prohibit X from waiving", "resistance to providing").
- ``demanded``: the event is what someone calls for ("urged Russia to withdraw",
  "demanded that Hamas release", "calls for sanctions", "Mexico must rebut …"); the call
  itself is asserted.
- ``intended``: future or planned ("will meet", "is going to visit", "plans to impose",
  "vowed to retaliate", "the planned summit"); the vow itself is asserted.
- ``asserted``: reported as having happened or happening.

The mode is the first of these, in this order, that the clause shows, walking up from
the trigger through the clauses that embed it (``xcomp``, ``ccomp``, ``advcl``, …) but not
past a reporting verb: "Seoul said Pyongyang will test a missile" is an intended test,
"Seoul will say Pyongyang tested a missile" an asserted one.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.spans import lifted_conjunct
from claimgraph.record import EventMode

__all__ = ["event_mode", "indicative"]


def _lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


_POSSIBLE = _lexicon("could would might may")
_FUTURE = _lexicon("will shall 'll wo")
_CONDITIONAL = _lexicon("if unless whether lest")
_POSSIBLE_NOUN_MODS = _lexicon("potential possible hypothetical eventual likely feared threatened")
_PLANNED_NOUN_MODS = _lexicon(
    "planned proposed upcoming future expected intended scheduled prospective pending"
)
#: Verbs and nouns of calling for something ("urged Russia to withdraw", "calls to destroy").
_DEMAND_VERBS = _lexicon("urge demand ask press request appeal insist push pressure call implore beg")
_DEMAND_NOUNS = _lexicon("call demand pressure appeal request plea ultimatum")
#: Verbs and nouns of meaning to do something ("plans to impose", "a pledge to remove").
_INTENT_VERBS = _lexicon(
    "plan intend vow pledge promise aim prepare decide agree threaten offer seek want hope expect vote "
    "resolve schedule consider propose order instruct send deploy head try attempt continue"
)
_INTENT_NOUNS = _lexicon(
    "plan pledge promise proposal determination vow intention intent bid effort attempt strategy move "
    "legislation bill offer decision goal aim negotiation campaign mission commitment readiness resolve "
    "order position"
)
#: Verbs and nouns that keep what they govern from happening ("prohibit the president from
#: waiving", "resistance to providing weapons", "deter future strikes"): the act is only possible.
_PREVENT_VERBS = _lexicon("prevent prohibit forbid bar deter preclude resist oppose")
_PREVENT_NOUNS = _lexicon("resistance opposition prohibition ban bar objection")
#: Modals of obligation: "Mexico must rebut …" is what someone demands.
OBLIGATION = _lexicon("must should ought")
#: Nouns of what may happen ("a chance to reject", "the risk of an attack").
_POSSIBLE_NOUNS = _lexicon("chance option possibility risk prospect danger threat fear")
_REPORTING = _lexicon(
    "say tell report announce claim state add note confirm deny write argue believe think accuse allege"
)
#: Links from a clause to the clause that embeds it (relative clauses and participles are
#: assertions of their own, noun phrases are left through their framing word only).
_CLAUSE_LINKS = _lexicon("xcomp ccomp advcl conj")


#: Finite forms of "be", "have" and "do" that make a clause indicative ("they are fighting",
#: "has left"): what it tells is a fact claimed, not an act demanded.
_INDICATIVE_AUX = _lexicon("is are was were 's 're has have had 've does did")


def indicative(clause: Token) -> bool:
    """A complement clause in the indicative ("insisted that her son was American", "insist
    they're fighting"), not a subjunctive or modal one ("insisted that Israel stop", "insists
    that NATO must withdraw")."""
    auxes = [c.lower_.replace("\u2019", "'") for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a in OBLIGATION for a in auxes):
        return False
    return clause.tag_ in ("VBZ", "VBD") or any(a in _INDICATIVE_AUX for a in auxes)


def _aux_lemmas(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")} | {
        c.lemma_.lower() for c in tok.children if c.dep_ in ("aux", "auxpass")
    }


def _going_to(tok: Token) -> bool:
    """ "is going to visit": the event is an xcomp of "go" with a progressive auxiliary."""
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_ == "go" and any(c.dep_ == "aux" for c in head.children)


def _conditional(tok: Token) -> bool:
    """ "if Russia attacks", "whether a new offensive": a conditional or an open alternative."""
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in tok.children)


def _infinitive(tok: Token) -> bool:
    """ "(sent troops) to assist": a to-infinitive, what someone means to happen."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _framing(tok: Token) -> EventMode | None:
    """The mode a framing word gives what it governs: "calls (to destroy)", "a pledge (to
    remove)", "a chance (to reject)", "urged (… to withdraw)", "plans (to impose)"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN"):
        if lemma in _DEMAND_NOUNS:
            return "demanded"
        if lemma in _POSSIBLE_NOUNS or lemma in _PREVENT_NOUNS:
            return "hypothetical"
        if lemma in _INTENT_NOUNS:
            return "intended"
        return None
    if lemma in _DEMAND_VERBS and (lemma != "call" or _calls_for(tok)):
        return "demanded"
    if lemma in _PREVENT_VERBS:
        return "hypothetical"
    if lemma in _INTENT_VERBS:
        return "intended"
    return None


def _calls_for(tok: Token) -> bool:
    """ "called on Iran to …", "called for sanctions": a demand; "called China provocative,
    accusing it of …" names, and what goes with it is not demanded."""
    if any(c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon", "for") for c in tok.children):
        return True
    # "calling for Trump to be banned": the "for" marks the clause it calls for
    return any(g.dep_ == "mark" and g.lower_ == "for" for c in tok.children for g in c.children)


def _clause_mode(tok: Token) -> EventMode | None:
    """The mode the clause of the predicate ``tok`` shows by itself (modals, future, if)."""
    auxes = _aux_lemmas(tok)
    if _conditional(tok):
        return "hypothetical"
    if auxes & _POSSIBLE:
        return "intended" if _backshifted(tok) else "hypothetical"
    if auxes & _FUTURE or _going_to(tok):
        return "intended"
    if auxes & OBLIGATION:
        return "demanded"
    return None


def event_mode(trigger: Token, head: Token, *, negated: bool) -> EventMode:
    """The mode of the event triggered by ``trigger`` whose predicate is ``head``."""
    if negated:
        return "negated"
    if trigger.pos_ in ("NOUN", "PROPN"):
        mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound", "nmod")}
        if mods & _POSSIBLE_NOUN_MODS:
            return "hypothetical"
        if mods & _PLANNED_NOUN_MODS:
            return "intended"
        if _conditional(trigger):
            return "hypothetical"
    if head.pos_ in ("NOUN", "PROPN"):  # a nominal event: only what governs the noun frames it
        gov = head.head.head if head.dep_ == "pobj" else head.head
        if gov.i == head.i:
            return "asserted"
        framed = _framing(gov) if head.dep_ in ("pobj", "dobj", "acl", "nsubjpass") else None
        if framed is not None:
            return framed
        if gov.pos_ in ("VERB", "AUX") and head.dep_ == "dobj":
            return _clause_mode(gov) or "asserted"  # "could face sanctions"
        return "asserted"
    tok = head
    for _ in range(8):
        found = _clause_mode(tok)
        if found is not None:
            return found
        parent = tok.head
        if parent.i == tok.i:
            break
        lifted = lifted_conjunct(tok)
        if lifted is not None:  # "would rebound and praised": the second verb of the governor
            tok = lifted
            continue
        if (
            tok.dep_ == "pcomp" and parent.pos_ == "ADP"
        ):  # "prohibit X from waiving", "resistance to providing"
            return _framing(parent.head) or "asserted"
        if parent.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ in ("acl", "relcl") and _infinitive(tok):
            found = _framing(parent) if parent.pos_ != "PRON" else None
            return found or _open_infinitive(parent) or "asserted"
        if parent.pos_ in ("NOUN", "PROPN"):  # "calls to destroy", "a proposal to ban"
            framing = tok.dep_ in ("acl", "advcl") or (tok.dep_ == "relcl" and _infinitive(tok))
            return (_framing(parent) if framing else None) or "asserted"
        if tok.dep_ not in _CLAUSE_LINKS:
            break
        if parent.lemma_.lower() in _REPORTING and tok.dep_ == "ccomp":
            break
        framed = _framing(parent) if parent.pos_ in ("VERB", "AUX") else None
        if framed == "demanded" and tok.dep_ == "ccomp" and indicative(tok):
            break  # "insist they are fighting terror": a claim, told as a fact
        if framed is not None and tok.dep_ in ("xcomp", "ccomp", "advcl"):
            return framed
        if _infinitive(tok) and tok.dep_ == "advcl" and parent.pos_ == "VERB":
            return "intended"  # a purpose: "headed to Syria to help fight"
        tok = parent
    return "asserted"


#: Indefinite pronouns: an infinitive on one names a possible act, not one that took place.
_INDEFINITE_PRONOUNS = _lexicon(
    "someone somebody something anyone anybody anything nobody nothing everyone everybody"
)
#: Determiners that leave a noun indefinite.
_INDEFINITE_DETERMINERS = _lexicon("a an any no some another")


def _open_infinitive(noun: Token) -> EventMode | None:
    """The mode of an infinitive on an indefinite noun or pronoun: "needs someone to blame",
    "nothing to hide" are possible acts (hypothetical); "sent a team to investigate" an
    intended one. A definite one ("the first country to recognize it", "the last leader to
    visit") tells what took place, so None."""
    if noun.pos_ == "PRON":
        return "hypothetical" if noun.lower_ in _INDEFINITE_PRONOUNS else None
    dets = [c.lower_ for c in noun.children if c.dep_ == "det"]
    return "intended" if dets and dets[0] in _INDEFINITE_DETERMINERS else None


def _backshifted(tok: Token) -> bool:
    """ "said he would help": "would" in reported speech is a past "will"."""
    return (
        tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() in _REPORTING
        and "would" in {c.lower_ for c in tok.children if c.dep_ == "aux"}
    )
