"""Source and target of a coded event, from the dependency parse and the record's actors.

- Active voice: source = subject, target = object, dative, or the object of a
  role preposition (with, against, on, to, …). Passive: source = the ``by``
  agent, target = the passive subject.
- Subjects are inherited through ``xcomp``/``conj`` chains ("agreed to meet",
  "met and praised").
- Moods: an appeal or demand targets its addressee ("urged Uganda to …",
  "called on Iran to …", "demanded that Hamas …"); intent, rejection and
  threat target the target of the framed action.
- Coordination: every conjunct is a separate source or target ("Britain and its
  G7 partners froze …" gives one event per source). A group noun with an
  ``of``-phrase ("the envoys of Canada, Japan and Australia") expands to its
  members: **one event per target** (documented choice).
- Symmetric codes (03x–06x) with coordinated subjects and no target give the
  reciprocal events CAMEO codes ("Israel and Lebanon renewed negotiations").
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from claimgraph.knowledge.cameo import event_agents
from claimgraph.knowledge.places import word_country
from claimgraph.nlp.spans import is_passive, lifted_conjunct, prep_objects
from claimgraph.record import Record
from claimgraph.record import Span as RecordSpan

__all__ = ["RoleFinder", "joined_modifiers", "paired_countries", "paired_names"]

#: Prepositions whose object is the target, in order of preference.
TARGET_PREPS: tuple[str, ...] = (
    "with",
    "against",
    "on",
    "upon",
    "to",
    "toward",
    "towards",
    "from",
    "into",
    "at",
    "between",
    "for",
    "in",
    "around",
    "near",
    "off",
)
#: Prepositions of place: a target only for visits, deployments and attacks.
_PLACE_PREPS = frozenset({"in", "around", "near", "off"})
_ENT_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_TOPIC_PREPS = frozenset({"on", "upon", "at", "into", "over", "about"})
#: Manners of speaking of someone that make the of-phrase the target ("spoke highly of Trump").
_OF_MANNER = frozenset({"highly", "warmly", "glowingly", "approvingly", "ill", "disparagingly"})
_PERSONAL = frozenset({"it", "they", "he", "she", "we"})
#: Third-person pronouns and the actor kinds they can stand for (a closed class).
_PRONOUN_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("he", "she"), frozenset({"person"})),
    "it": frozenset({"state", "organisation"}),
    "they": frozenset({"state", "organisation", "group"}),
}
#: Object pronouns and the actor kinds they can stand for.
_OBJECT_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("him", "her"), frozenset({"person"})),
    "it": _PRONOUN_KINDS["it"],
    "them": _PRONOUN_KINDS["they"],
}
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
#: Possessive pronouns and the actor kinds they can stand for.
_POSSESSIVE_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("his", "her"), frozenset({"person"})),
    "its": _PRONOUN_KINDS["it"],
    "their": _PRONOUN_KINDS["they"],
}
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
#: Positions where a pronoun continues the topic of the discourse (a possessive pronoun
#: does not: "praised the Saudis for their help" is not the praisers' help).
_TOPIC_DEPS = frozenset({"nsubj", "nsubjpass"})
#: How many sentences back a chain of unresolved subject pronouns is followed.
_CHAIN = 3
#: Prepositions that place the people of a phrase ("demonstrators in Baghdad").
_PLACING = frozenset({"in", "from", "throughout", "across", "inside"})
#: Verbs of permission and causation whose infinitive's subject is their object ("allow X to").
_CAUSATIVE = frozenset(
    {
        "allow",
        "permit",
        "let",
        "enable",
        "help",
        "force",
        "compel",
        "oblige",
        "cause",
        "get",
        "make",
        "forbid",
        "prohibit",
        "bar",
        "authorize",
        "authorise",
    }
)
#: Prepositions of the place an act happens in ("marched through Dhaka", "rallied outside the embassy").
_WHERE = _PLACING | _PLACE_PREPS | frozenset({"through", "outside", "within"})


def _entity_text(word: Token) -> str:
    """The place or nationality entity ``word`` is part of ("Hong Kong"), else the word."""
    if word.ent_type_ not in ("GPE", "LOC", "NORP"):
        return word.text
    doc, start, end = word.doc, word.i, word.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


#: Marks that join two nationality words into one modifier: "German-Dutch", "US/China".
_JOINERS = frozenset({"-", "\u2013", "/"})


def joined_modifiers(tok: Token | None) -> list[list[Token]]:
    """The groups of two or more modifiers joined on ``tok`` that may name the sides of a
    joint act, each in text order: coordinated ("between Iraqi and Lebanese authorities") or
    hyphenated ("German-Dutch cooperation", "the Obama-Xi talks")."""
    if tok is None:
        return []
    doc = tok.doc
    out: list[list[Token]] = []
    for mod in tok.children:
        if mod.dep_ not in ("amod", "compound", "nmod"):
            continue
        group = [mod, *mod.conjuncts]
        group += [
            c
            for c in mod.children
            if c.dep_ in ("amod", "compound", "nmod") and c.i == mod.i - 2 and doc[mod.i - 1].text in _JOINERS
        ]
        if len(group) >= 2:
            out.append(sorted(group, key=lambda w: w.i))
    return out


def paired_countries(tok: Token | None) -> list[str]:
    """The countries of two or more nationality or country modifiers joined on ``tok``, the
    two sides of a joint act: coordinated ("between Iraqi and Lebanese authorities") or
    hyphenated ("German-Dutch cooperation", "US-China talks", "the Israeli-Palestinian
    conflict"); [] when fewer than two countries are named so."""
    for group in joined_modifiers(tok):
        found: list[str] = []
        for word in group:
            country = word_country(_entity_text(word)) or word_country(word.text)
            if country is not None and country not in found:
                found.append(country)
        if len(found) >= 2:
            return found
    return []


def paired_names(tok: Token | None) -> bool:
    """Two or more proper names joined on ``tok`` ("the Obama-Xi talks", "the Putin-Erdogan
    meeting"): the sides of a joint act, whatever actors they turn out to be."""
    return any(sum(w.pos_ == "PROPN" for w in group) >= 2 for group in joined_modifiers(tok))


def participle_of_a_noun(tok: Token) -> bool:
    """``tok`` is a past participle modifying a noun ("two officials *accused* of fraud",
    "the girls *abducted* by Boko Haram"): a reduced passive, whose patient is that noun and
    whose agent is the by-phrase, if any; never the noun. A noun that heads its sentence is
    left out: there the parser has most often taken the main verb for a participle ("An
    official newspaper called on Arabs to unite")."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ in ("VBN", "VBD")  # the small tagger often reads the participle as a past
        and tok.head.pos_ in ("NOUN", "PROPN")
        and tok.head.dep_ != "ROOT"
        # a clause of its own ("allegations that China has hacked …") is no reduced passive
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in tok.children)
    )


def passive_agent(tok: Token) -> Token | None:
    """The object of ``tok``'s by-phrase ("released *by* Egypt"), or None."""
    return next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def reduced_passive(tok: Token) -> bool:
    """``tok`` is a past participle with a by-agent modifying a noun ("the girls *abducted* by
    Boko Haram", "journalists *released* by Egypt"): a passive whose patient is that noun and
    whose agent is the by-phrase."""
    return participle_of_a_noun(tok) and passive_agent(tok) is not None and tok.head.dep_ != "ROOT"


class RoleFinder:
    """Maps argument tokens to actor ids of ``record`` (None where no actor is known)."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.agents = event_agents()
        self._cache: dict[tuple[int, int], str | None] = {}
        mentions = sorted((m.start, m.end, a.id) for a in record.actors for m in a.mentions)
        self._mentions = mentions
        self._starts = [m[0] for m in mentions]
        self._longest = max((e - s for s, e, _ in mentions), default=0)

    # -- actors ----------------------------------------------------------------------------
    def actor(self, tok: Token) -> str | None:
        """The actor mentioned by the noun phrase headed by ``tok`` (left part and the head)."""
        key = (tok.left_edge.idx, tok.idx + len(tok.text))
        if key not in self._cache:
            found = self._actor_at(*key)
            if found is None and tok.dep_ in _TOPIC_DEPS and tok.lower_ in _PRONOUN_KINDS:
                found = self._antecedent(tok)
            elif found is None and tok.dep_ in _OBJECT_DEPS and tok.lower_ in _OBJECT_KINDS:
                found = self._object_antecedent(tok)
            elif found is None and tok.dep_ == "poss" and tok.lower_ in _POSSESSIVE_KINDS:
                found = self._possessive_antecedent(tok)
            self._cache[key] = found
        return self._cache[key]

    def _antecedent(self, pronoun: Token, depth: int = 0) -> str | None:
        """The actor a subject pronoun the actors stage left unresolved continues
        (the centre of the discourse): the nearest subject before it in its sentence that names
        an actor of a kind the pronoun can stand for; else the main subject of the sentence
        before, itself resolved so when it is a pronoun ("He added …. He argued …"); else, for
        "he" and "she", the only person the sentence before names ("… Mr. Putin's foreign
        policy thinking …. In 2008, he complained …"). An "it" of a copula is no actor ("it
        would be a threat")."""
        if pronoun.lower_ == "it" and pronoun.head.lemma_ == "be":
            return None
        kinds = _PRONOUN_KINDS[pronoun.lower_]
        sent = pronoun.sent
        before = [t for t in sent if t.i < pronoun.i and t.dep_ in ("nsubj", "nsubjpass")]
        candidates = sorted(before, key=lambda t: -t.i)
        previous = pronoun.doc[sent.start - 1].sent if sent.start > 0 else None
        if not candidates and previous is not None:
            subjects = [t for t in previous if t.dep_ in ("nsubj", "nsubjpass")]
            candidates = sorted(subjects, key=lambda t: (t.head.i != previous.root.i, t.i))[:1]
        for cand in candidates:
            if cand.lower_ in _PRONOUN_KINDS and depth < _CHAIN:
                found = self._actor_at(cand.idx, cand.idx + len(cand.text))
                found = found or self._antecedent(cand, depth + 1)
            elif cand.pos_ == "PRON":
                continue
            else:
                found = self._actor_at(cand.left_edge.idx, cand.idx + len(cand.text))
            if self._fits(found, pronoun):
                return found
            if cand.sent != sent:
                break
        if previous is None or (candidates and candidates[0].sent == sent) or "person" not in kinds:
            return None
        named = {a for s, _, a in self._mentions if previous.start_char <= s < previous.end_char}
        fitting = [a for a in named if self._fits(a, pronoun)]
        return fitting[0] if len(fitting) == 1 else None

    def _object_antecedent(self, pronoun: Token) -> str | None:
        """The actor an object pronoun the actors stage left unresolved stands for: the last
        actor of a kind it can stand for that its sentence names before it, other than the
        subject of its own clause ("called China provocative, accusing it of …" → China)."""
        own = self.subject(pronoun.head) if pronoun.head.pos_ in ("VERB", "AUX") else None
        own_id = self.actor(own) if own is not None and own.i != pronoun.i else None
        sent = pronoun.sent
        named = [(s, a) for s, _, a in self._mentions if sent.start_char <= s < pronoun.idx and a != own_id]
        for _, actor_id in sorted(named, reverse=True):
            if self._fits(actor_id, pronoun, _OBJECT_KINDS):
                return actor_id
        return None

    def _possessive_antecedent(self, pronoun: Token) -> str | None:
        """The actor a possessive pronoun the actors stage left unresolved stands for: the
        subject of the clause its noun is in ("Obama did not announce any intensification of
        *his* bombing campaign" → Obama), when it is of a kind the pronoun can stand for and the
        clause names no other actor as object ("praised the Saudis for their help": either). A
        pronoun inside the subject looks to the clause that reports it ("Obama said *his* talks
        with Xi went well" → Obama)."""
        verb = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        for _ in range(2):
            if verb is None:
                return None
            for c in verb.children:
                if c.dep_ in ("dobj", "dative") and pronoun not in c.subtree and self.is_actorish(c):
                    return None
            subject = self.subject(verb)
            if subject is None or subject.i == pronoun.i:
                return None
            if pronoun not in subject.subtree:
                found = self.actor(subject)
                return found if self._fits(found, pronoun, _POSSESSIVE_KINDS) else None
            if verb.dep_ not in ("ccomp", "conj") or verb.head.pos_ not in ("VERB", "AUX"):
                return None
            verb = verb.head
        return None

    def _fits(
        self, actor_id: str | None, pronoun: Token, kinds: dict[str, frozenset[str]] = _PRONOUN_KINDS
    ) -> bool:
        """The actor is of a kind ``pronoun`` can stand for, and not of the other gender."""
        actor = self.record.actor(actor_id)
        if actor is None or actor.kind not in kinds[pronoun.lower_]:
            return False
        return self._agrees(actor.mentions, pronoun)

    @staticmethod
    def _agrees(mentions: list[RecordSpan], pronoun: Token) -> bool:
        """No mention of the actor is a pronoun of the other gender."""
        words = {m.text.lower() for m in mentions}
        low = pronoun.lower_
        if low in _MALE:
            return not words & _FEMALE
        if low in _FEMALE:
            return not words & _MALE
        return True

    def _actor_at(self, start: int, end: int) -> str | None:
        """Like :meth:`Record.actor_at` (longest overlap wins), over a sorted index of mentions."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        best: tuple[int, str] | None = None
        for s, e, actor_id in self._mentions[lo:hi]:
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor_id)
        return best[1] if best else None

    def is_actorish(self, tok: Token) -> bool:
        if tok.ent_type_ in ("DATE", "TIME"):  # "on Monday": a time, never an actor
            return False
        if self.actor(tok) is not None:
            return True
        if tok.ent_type_ in _ENT_TYPES or tok.pos_ == "PROPN":
            return True
        if tok.lower_ in self.agents or tok.lemma_.lower() in self.agents:
            return True
        return any(c.ent_type_ in _ENT_TYPES for c in tok.children if c.dep_ in ("compound", "poss", "amod"))

    def expand(self, tok: Token | None) -> list[str | None]:
        """Actor ids of ``tok`` and its conjuncts; a group noun expands to its ``of`` members."""
        if tok is None:
            return [None]
        out: list[str | None] = []
        for t in (tok, *tok.conjuncts):
            got = self.actor(t)
            if got is None:
                members = self.members(t)
                ids = [self.actor(m) for m in members for m in (m, *m.conjuncts)]
                out.extend(i for i in ids if i is not None)
                if not any(i is not None for i in ids):
                    out.append(None)
            else:
                out.append(got)
        seen: list[str | None] = []
        for i in out:
            if i not in seen:
                seen.append(i)
        if len(seen) > 1 and None in seen:
            seen.remove(None)
        return seen

    def names_actor(self, tok: Token) -> bool:
        """``tok`` or its members ("thousands of students", "the envoys of Canada") may be an actor."""
        return self.is_actorish(tok) or any(self.is_actorish(m) for m in self.members(tok))

    @staticmethod
    def members(tok: Token) -> list[Token]:
        """The ``of``-objects, possessors and named examples of a group noun ("the envoys of
        Canada and Japan", "candidates, including Trump and Cruz")."""
        named = prep_objects(tok, ("of", "including"))
        return named + [c for c in tok.children if c.dep_ in ("poss", "appos")]

    def phrase_country(self, tok: Token | None, depth: int = 0) -> str | None:
        """The country the phrase headed by ``tok`` names in its words: a demonym, country or
        place before its head ("Palestinian prisoners", "Vietnamese-led forces"), a place it
        is put in ("demonstrators in Baghdad", "students throughout Indonesia"), or the same
        in the group its quantity words stand for ("thousands of Kenyan teachers")."""
        if tok is None:
            return None
        words = list(tok.doc[tok.left_edge.i : tok.i + 1])
        words += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in _PLACING
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for word in words:
            if word.pos_ not in ("PROPN", "ADJ", "NOUN") or not word.text[:1].isupper():
                continue
            country = word_country(_entity_text(word)) or word_country(word.text)
            if country is not None:
                return country
        if depth < 2:
            for member in prep_objects(tok, ("of",)):
                country = self.phrase_country(member, depth + 1)
                if country is not None:
                    return country
        return None

    def minority(self, tok: Token | None) -> bool:
        """``tok`` names an ethnic group ("ethnic Albanians", "one third of ethnic Turks"): its
        demonym names the people, not the state it acts for."""
        if tok is None:
            return False
        return any(
            w.lower_ == "ethnic" and w.dep_ == "amod"
            for t in (tok, *self.members(tok))
            for w in t.doc[t.left_edge.i : t.i]
        )

    def home_country(self, tok: Token) -> str | None:
        """The country an ethnic group's phrase places it in: "ethnic Albanians in south Serbia",
        "ethnic Albanian guerrillas operating in Macedonia"."""
        heads = [tok, *self.members(tok)]
        heads += [c for h in list(heads) for c in h.children if c.dep_ == "acl"]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ not in _PLACING:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        country = word_country(_entity_text(obj)) or word_country(obj.text)
                        if country is not None:
                            return country
        return None

    def paired_actors(self, tok: Token | None) -> list[str]:
        """The actors of two or more names joined on ``tok`` ("the Obama-Xi talks" → Obama, Xi);
        [] when fewer than two distinct actors are named so."""
        for group in joined_modifiers(tok):
            found: list[str] = []
            for word in group:
                actor_id = self._actor_at(word.idx, word.idx + len(word.text))
                if actor_id is not None and actor_id not in found:
                    found.append(actor_id)
            if len(found) >= 2:
                return found
        return []

    # -- arguments ---------------------------------------------------------------------------
    passive = staticmethod(is_passive)

    def subject(self, tok: Token) -> Token | None:
        """The acting subject of a verb, inherited through xcomp/conj/acl chains; a gerund's
        possessor ("the United States' backing …"); the subject of a gerund after a
        preposition ("makes no apologies for accusing …": the apologiser; "denounced the
        militants for murdering …": the denounced)."""
        seen = 0
        while tok is not None and seen < 6:
            seen += 1
            if tok.tag_ == "VBG":
                owner = self._gerund_owner(tok)
                if owner is not None:
                    return owner
            if self.passive(tok):
                for c in tok.children:
                    if c.dep_ == "agent":
                        for g in c.children:
                            if g.dep_ == "pobj":
                                return g
                return None
            for c in tok.children:
                if c.dep_ in ("nsubj", "csubj"):
                    if c.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                        return tok.head  # "the minister, who praised …"
                    if c.lower_ in _PERSONAL and tok.dep_ == "ccomp":
                        return self.reporter(tok) or c  # "Turkey said it had asked …"
                    return c
            marks = [c for c in tok.children if c.dep_ == "mark"]
            if tok.dep_ == "advcl" and marks:  # "after Moscow threatened": its own subject, never the head's
                return next((g for m in marks for g in m.children if g.dep_ == "pobj"), None)
            if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.i != tok.i:
                head = lifted_conjunct(tok) or tok.head  # "forecast that … would rebound and praised"
                if tok.dep_ == "xcomp":  # object control: "urged Uganda to repatriate"
                    for c in head.children:
                        if c.dep_ == "dobj" and self.is_actorish(c):
                            return c
                    raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                    if raised is not None:  # "X was expected / urged / forced to …": X acts
                        if raised.lower_ in ("who", "which", "that") and head.dep_ == "relcl":
                            return head.head  # "the minister, who is expected to visit …"
                        return raised
                tok = head
                continue
            if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
                return tok.head
            return None
        return None

    def _gerund_owner(self, tok: Token) -> Token | None:
        """Who acts in a gerund without a subject of its own, or None to go on as for verbs."""
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
            return None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None and tok.dep_ == "advcl":  # "the United States' backing …" parsed apart
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and prev.dep_ == "case":
                poss = prev.head
        if poss is not None:
            return poss
        if tok.dep_ != "pcomp" or tok.head.dep_ != "prep":
            return None
        prep, governor = tok.head, tok.head.head
        if governor.pos_ in ("NOUN", "PROPN") and governor.dep_ in ("dobj", "pobj", "attr"):
            governor = governor.head  # "makes no apologies for accusing …"
        if governor.pos_ not in ("VERB", "AUX"):
            return None
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        if prep.head.i == governor.i and objects and prep.lower_ in ("for", "of", "over", "from"):
            return objects[0]  # "accused Iran of arming …", "denounced X for murdering …"
        return self.subject(governor)

    @staticmethod
    def reporter(tok: Token) -> Token | None:
        """The named subject of the verb that reports ``tok`` ("Syria said it will …" → Syria)."""
        head = tok.head
        for _ in range(3):
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                return subj
            if head.dep_ not in ("ccomp", "conj", "xcomp") or head.head.i == head.i:
                return None
            head = head.head
        return None

    def target(
        self, tok: Token, *, skip: Token | None = None, locative: bool = False, cooperative: bool = False
    ) -> Token | None:
        """The target argument of a verb or noun trigger: a known actor first, then an actor-like phrase."""
        if tok.pos_ in ("VERB", "AUX") and self.passive(tok):
            for c in tok.children:
                if c.dep_ == "nsubjpass":
                    return c
        candidates = self._target_candidates(tok, skip, locative, cooperative)
        for c in candidates:
            if self.actor(c) is not None or any(self.actor(m) is not None for m in self.members(c)):
                return c
        for c in candidates:
            if self.names_actor(c):
                return c
        return None

    def _target_candidates(
        self, tok: Token, skip: Token | None, locative: bool, cooperative: bool
    ) -> list[Token]:
        """Objects, then objects of role prepositions on the trigger, its objects and their of-phrases."""
        objs = [
            c
            for c in tok.children
            if c.dep_ in ("dobj", "dative", "iobj") and (skip is None or c.i != skip.i)
        ]
        out = list(objs)
        # "refused to allow UN planes to land", "let Turkey join": the subject of an
        # infinitival clause after a verb of permission or causation, with no object before
        # it, is the verb's object ("expects Obama to attend" is not an act on Obama)
        if not objs and tok.lemma_.lower() in _CAUSATIVE:
            out += [
                s
                for c in tok.children
                if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i and c.pos_ in ("VERB", "AUX")
                for s in c.children
                if s.dep_ == "nsubj" and s.pos_ != "PRON"
            ]
        preps = [(c.lower_, c) for c in tok.children if c.dep_ == "prep"]
        if any(c.dep_ == "advmod" and c.lower_ in _OF_MANNER for c in tok.children):
            out += prep_objects(tok, ("of",))  # "spoke highly of Trump": of whom
        nouns = list(objs)
        nouns += [g for o in objs for g in prep_objects(o, ("of",))]
        for o in nouns:  # "imposed sanctions on the Taliban", "denied the accusations by Israel"
            preps += [(c.lower_, c) for c in o.children if c.dep_ == "prep"]
            out += prep_objects(o, ("by",))  # "the visit by X"
        # "committed to assistance to the US-led war": the "to" of a "to"-object
        inner = [
            g for w, p in preps if w == "to" and p.head.i == tok.i for g in p.children if g.dep_ == "pobj"
        ]
        preps += [(c.lower_, c) for g in inner for c in g.children if c.dep_ == "prep" and c.lower_ == "to"]
        for word in (*TARGET_PREPS, "by"):
            if cooperative and word in _TOPIC_PREPS:  # "talks on trade", "met on the sidelines"
                continue
            if word == "by" and tok.pos_ in ("VERB", "AUX"):
                found = [p for w, p in preps if w == word and p.head.i != tok.i]
            else:
                found = [p for w, p in preps if w == word]
            for prep in found:
                out += [
                    g
                    for g in prep.children
                    if g.dep_ == "pobj"
                    and (word not in _PLACE_PREPS or (locative and g.ent_type_ in ("GPE", "LOC")))
                ]
        return [c for c in out if skip is None or c.i != skip.i]  # "the execution … by Egypt": the agent

    def addressee(self, tok: Token, content: Token | None) -> Token | None:
        """Whom an appeal or demand is addressed to."""
        for c in tok.children:
            if c.dep_ in ("dobj", "dative") and self.is_actorish(c):
                return c
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to", "with"):
                for g in c.children:
                    if g.dep_ == "pobj" and self.is_actorish(g):
                        return g
        if content is not None and content.pos_ in ("VERB", "AUX"):
            for c in content.children:
                if c.dep_ in _SUBJ and self.is_actorish(c):
                    return c
        # what is demanded of whom: "demanded Russia's withdrawal", "an admission by Moscow",
        # "demanded an apology from Turkey": the one who is to do or give it
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        for obj in objects:
            agent = self.possessor(obj)
            if agent is not None and agent.pos_ != "PRON" and self.is_actorish(agent):
                return agent
        for word in (tok, *objects):
            for g in prep_objects(word, ("from",)):
                if self.is_actorish(g):
                    return g
        # "insisted on its demands that Burundi's government grant …": the subject of the
        # that-clause a demand noun carries
        nouns = [c for c in tok.children if c.dep_ == "dobj"]
        nouns += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for noun in nouns:
            for clause in noun.children:
                if clause.dep_ not in ("acl", "ccomp") or not any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                ):
                    continue
                for c in clause.children:
                    if c.dep_ in _SUBJ and self.is_actorish(c):
                        return c
        return None

    def grievance(
        self, head: Token, trigger: Token, source: Token | None, framed: Token | None = None
    ) -> Token | None:
        """Whom a protest with no target of its own is aimed at: the first actor its clause
        names after the trigger, in what the protest is against, over, in defiance of or for
        ("a hunger strike in protest of the Russian government's refusal" → the government,
        "blocked a road to show their disapproval of Britain's policy" → Britain), not the
        place it happens in ("marched in Hong Kong") nor its own source. The same finds whom an
        accusation, rejection or threat is aimed at ("threatened to pull out of NATO"); the
        clause ``framed`` (what is threatened) is searched, other clauses are not. An actor with
        a country or an international body counts."""
        doc = head.doc
        start = max(trigger.i, head.i) + 1
        end = max(head.right_edge.i, trigger.right_edge.i) + 1
        skipped: set[int] = set()
        for tok in doc[start:end]:
            if tok.dep_ == "pobj" and tok.head.lower_ in _WHERE and self._a_place(tok):
                skipped.update(t.i for t in tok.subtree)
        own = self.actor(source) if source is not None else None
        for tok in doc[start:end]:
            if tok.i in skipped or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
                continue
            clauses = [a for a in (tok, *tok.ancestors) if a.dep_ in ("relcl", "ccomp") and a.i > head.i]
            if clauses and (framed is None or clauses[-1].i != framed.i):
                continue  # another clause's actors: "…, which the opposition called …"
            found = self.actor(tok)
            actor = self.record.actor(found) if found is not None and found != own else None
            if actor is not None and (actor.country or actor.sector == "IGO"):
                return tok
        return None

    def _a_place(self, tok: Token) -> bool:
        """``tok`` names a place: an entity of place, or a state actor (a country or city)."""
        if tok.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        found = self.actor(tok)
        actor = self.record.actor(found) if found is not None else None
        return actor is not None and actor.kind == "state"

    def possessor(self, noun: Token) -> Token | None:
        """Who acts in a nominal trigger: "Russia's invasion", "US sanctions", "talks by X"."""
        for c in noun.children:
            if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):  # not "last month's invasion"
                return c
        for c in noun.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG"):
                return c
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None
