"""Propositions of statements: what each statement's content says, for grouping into claims.

A statement's content is either a proposition ("Pyongyang shipped shells to
Russia", "there have been no deliveries") or a *reference* to one: a
claim-referring noun ("the allegations", "these reports of arms shipments",
"such claims are baseless") or a bare pronoun ("denied it"). References are
resolved to claims by :mod:`claimgraph.stages.claims`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.knowledge.claims import (
    claim_noun_verbs,
    event_verbs,
    lexicon_phrases,
    lexicon_words,
    predicate_families,
)
from claimgraph.nlp.intervals import actor_index
from claimgraph.nlp.lexical import MODAL_AUXILIARIES, content_lemmas, is_negation, modal_word, norm_lemma
from claimgraph.nlp.spans import DETERMINERS
from claimgraph.record import Record, Statement

__all__ = ["Proposition", "content_root", "proposition", "span_of"]

_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "they", "them", "so"})
_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")

#: Cues of a request or an order: what they introduce is to be done, not a fact ("urged Moscow
#: to withdraw", "has called for restraint"), so it is no claim.
_DIRECTIVE_CUES = frozenset({"urge", "demand", "appeal", "plead", "implore", "request", "exhort", "beg"})
#: Verbs that put a charge forward: a denial whose content is such a clause ("Seoul accuses
#: Pyongyang of shell shipments; Pyongyang denies") denies the charge, not that it was made.
_CHARGING = frozenset({"accuse", "allege", "charge", "blame"})
#: Parts of speech of a word that cannot state a proposition alone ("None.", "badly", "her").
_FUNCTION_POS = frozenset({"PRON", "DET", "ADV", "ADJ", "ADP", "PART", "CCONJ", "SCONJ", "INTJ", "AUX"})


@dataclass
class Proposition:
    """One statement's content, reduced to what grouping needs."""

    statement: Statement
    span: Span
    root: Token
    lemmas: set[str]
    subject: str | None
    negated: bool
    polarity: str  # assert / deny / doubt / question
    reference: str | None = None  # claim-noun lemma, "pronoun", or None for a full proposition
    reference_verb: str | None = None  # the verb the reference nominalises ("allegation" → "allege")
    cue_lemma: str | None = None
    #: the predicate's family ("shipped", "deliveries" → ``transfer``), None for a light predicate
    pred: str | None = None
    #: actor keys of the objects and recipients ("… to Russia")
    targets: set[str] = field(default_factory=set)
    #: content lemmas of the direct object or attribute ("artillery shells" → {artillery, weapon})
    objects: set[str] = field(default_factory=set)
    #: whether the content is a clause (a verb) rather than a bare noun phrase ("the deliveries")
    clausal: bool = False
    #: whether the statement makes its speaker assert the claim (a clause, or "repeated the allegations")
    endorsed: bool = False
    #: whether the predicate carries a modal or future auxiliary ("might soon ship")
    modal: bool = False

    @property
    def start(self) -> int:
        return self.statement.content.start


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering ``[start, end)`` (expanded to token edges), or None."""
    if end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def content_root(span: Span) -> Token:
    """The head of a span: its first token whose head lies outside it (or is itself)."""
    for t in span:
        if (t.head == t or not (span.start <= t.head.i < span.end)) and not t.is_punct:
            return t
    return span.root


def _subject_key(root: Token, record: Record) -> str | None:
    agent = root.head.head if root.dep_ in ("pcomp", "pobj") and root.head.dep_ == "prep" else None
    if agent is not None and agent.pos_ in ("VERB", "AUX"):
        agent = next((c for c in agent.children if c.dep_ == "dobj"), None)
    if agent is not None and agent.pos_ in ("NOUN", "PROPN"):  # "Pyongyang of supplying …"
        actor = actor_index(record).actor_at(agent.idx, agent.idx + len(agent.text))
        return (actor.country or actor.id) if actor else norm_lemma(agent)
    for child in root.children:
        if child.dep_ in _SUBJECTS:
            actor = actor_index(record).actor_at(child.idx, child.idx + len(child.text))
            if actor is not None:
                return actor.country or actor.id
            definite = any(d.lower_ in DETERMINERS for d in child.children if d.dep_ == "det")
            if child.pos_ == "PRON" or definite:
                return None  # "it", "the country": an unresolved referent, not a different actor
            return norm_lemma(child)
    return None


def _negated(root: Token) -> bool:
    if any(is_negation(c) for c in root.children):
        return True
    # "there have been no deliveries", "nothing was shipped"
    for c in root.children:
        if c.dep_ in (*_SUBJECTS, "attr", "dobj") and (
            c.lower_ in {"nothing", "none", "nobody"} or any(g.lower_ == "no" for g in c.children)
        ):
            return True
    return False


def _evaluation(span: Span) -> str | None:
    """``deny`` / ``doubt`` / ``assert`` when the span evaluates a claim ("baseless", "true")."""
    lemmas = {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
    text = span.text.lower()
    if lemmas & lexicon_words("refute"):
        return "deny"
    if lemmas & lexicon_words("doubt") or any(p in text for p in lexicon_phrases("doubt")):
        return "doubt"
    if lemmas & lexicon_words("support"):
        return "assert"
    return None


def _reference(span: Span, root: Token) -> tuple[Token | None, bool]:
    """The claim noun the content refers through, and whether it is the subject of an evaluation."""
    nouns = claim_noun_verbs()
    if root.lemma_.lower() in nouns and root.pos_ in ("NOUN", "PROPN"):
        has_clause = (
            any(  # "the allegation that X did Y" (a relative clause, "a charge that X rejected", is not)
                c.dep_ in ("acl", "ccomp")
                and span.start <= c.i < span.end
                and c.pos_ in ("VERB", "AUX")
                and any(g.dep_ in _SUBJECTS for g in c.children)
                for c in root.children
            )
        )
        return (None, False) if has_clause else (root, False)
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in nouns:
            return c, True
    # "Moscow's position that such claims are baseless": the claim noun is deeper in the content
    for t in span:
        if (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.lemma_.lower() in nouns
            and span.start <= t.head.i < span.end
        ):
            return t, True
    return None, False


def _gerund_of(root: Token) -> Token:
    """For "Pyongyang of supplying weapons" (after "accused"), the gerund; else the root itself."""
    if root.pos_ not in ("NOUN", "PROPN", "PRON") or root.lemma_.lower() in claim_noun_verbs():
        return root
    # "of" hangs on the noun, or (as often) on the verb outside: "accused [Pyongyang of supplying …]"
    siblings = [c for c in root.head.children if c.i > root.i] if root.head != root else []
    for prep in [*root.children, *siblings]:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "over"):
            for c in prep.children:
                if c.dep_ == "pcomp" and c.pos_ == "VERB":
                    return c
                # "accused [Pyongyang of new shell shipments]": an event noun
                if c.dep_ == "pobj" and c.pos_ == "NOUN" and c.lemma_.lower() in event_verbs():
                    return c
    return root


_TARGET_PREPS = frozenset({"to", "into", "for", "against", "on", "with"})


def _predicate(root: Token) -> str | None:
    """The predicate family: the verb, the attribute of a copula, or an event noun."""
    if root.lemma_.lower() in lexicon_words("light") or root.pos_ == "AUX":
        # "the transfers were a violation", "there have been no deliveries"
        for c in root.children:
            if c.dep_ in ("attr", "acomp", "xcomp") and c.pos_ in ("NOUN", "ADJ", "VERB"):
                return norm_lemma(c)
        return None
    if root.pos_ == "NOUN" and root.lower_.endswith("ing"):
        return _gerund_verb(root)
    if root.pos_ in ("VERB", "NOUN", "ADJ"):
        return norm_lemma(root)
    return None


def _gerund_verb(token: Token) -> str:
    """The verb family of a gerund noun ("the ramming" → "ram", "the shelling" → its family)."""
    lemma = token.lemma_.lower()
    families = predicate_families()
    if lemma in families or lemma in event_verbs():
        return norm_lemma(token)
    stem = lemma[:-3] if lemma.endswith("ing") else lemma
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]  # "ramming" → "ram"
    for verb in (stem, stem + "e"):
        if verb in families:
            return families[verb]
    return stem


def _arguments(root: Token, span: Span, record: Record) -> tuple[set[str], set[str]]:
    """Actor keys of the objects and recipients, and the content lemmas of the object."""
    targets: set[str] = set()
    objects: set[str] = set()
    for c in root.children:
        if not span.start <= c.i < span.end:
            continue
        nouns: list[Token] = []
        if c.dep_ in ("dobj", "attr", "dative", "pobj"):
            nouns.append(c)
            if c.dep_ in ("dobj", "attr"):
                objects |= content_lemmas(t for t in c.subtree if t.i != root.i)
        elif c.dep_ in ("prep", "dative") and c.lower_ in _TARGET_PREPS:
            nouns += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "compound" and root.pos_ == "NOUN":  # "shell shipments"
            objects |= content_lemmas([c])
        for n in nouns:
            actor = actor_index(record).actor_at(n.idx, n.idx + len(n.text))
            if actor is not None:
                targets.add(actor.country or actor.id)
    return targets, objects


def directive(cue: Span, lemma: str) -> bool:
    """Whether a cue (``lemma``: its root's) asks for something to be done ("urged",
    "demanded", "called for", "called on X to"), rather than saying that something is so
    ("called it a lie" is a statement)."""
    if lemma in _DIRECTIVE_CUES:
        return True
    after = cue.doc[cue.end] if cue.end < len(cue.doc) else None
    words = [t.lower_ for t in cue] + ([after.lower_] if after is not None else [])
    return lemma == "call" and ("for" in words or "on" in words)


def states_nothing(span: Span) -> bool:
    """A content of one word that cannot state a proposition and refers to none ("None.",
    "nothing", "her", "badly"); "it", "that", "these" refer to a claim and stay."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if len(words) != 1:
        return False
    word = words[0]
    return word.lower_ not in _PRONOUNS and (word.is_stop or word.pos_ in _FUNCTION_POS)


def proposition(doc: Doc, record: Record, statement: Statement) -> Proposition | None:
    """The proposition of one statement, or None when its content cannot be read or states
    none: a request or order (:func:`directive`), or a lone word (:func:`states_nothing`)."""
    span = span_of(doc, statement.content.start, statement.content.end)
    if span is None or not len(span) or states_nothing(span):
        return None
    # the claim reads the statement's own words only: a content cut short after its subject is
    # completed by the statements stage (statements.complete), never here
    root = _gerund_of(content_root(span))
    ref_noun, evaluated = _reference(span, root)
    negated = _negated(root)
    polarity: str = statement.stance
    verdict: str | None = None
    cue_lemma = None
    if statement.cue is not None:
        cue = span_of(doc, statement.cue.start, statement.cue.end)
        if cue is not None and len(cue):
            cue_lemma = content_root(cue).lemma_.lower()
            if directive(cue, cue_lemma):
                return None
    charged = polarity == "deny" and root.pos_ == "VERB" and root.lemma_.lower() in _CHARGING
    if ref_noun is None and charged:
        # the charge's own words, without who makes it: "[Seoul] accuses [Pyongyang of shipments]"
        words = [t for c in root.children if c.dep_ not in _SUBJECTS for t in c.subtree]
        lemmas = content_lemmas(words)
        reference: str | None = root.lemma_.lower()
        ref_verb: str | None = reference
    elif ref_noun is not None:
        words = [t for t in ref_noun.subtree if t.i != ref_noun.i]
        lemmas = content_lemmas(words)
        if evaluated:
            verdict = _evaluation(span)
            if verdict and polarity == "assert":
                polarity = verdict
            elif verdict == "deny" and polarity == "deny" and cue_lemma in lexicon_words("refute"):
                polarity = "assert"  # "denied the allegations were false"
        elif polarity == "assert" and negated:
            polarity = "deny"
        lemma = ref_noun.lemma_.lower()
        reference = lemma
        ref_verb = claim_noun_verbs().get(lemma)
    else:
        lemmas = content_lemmas(span)
        reference, ref_verb = None, None
        if (
            not lemmas
            and any(t.lower_ in _PRONOUNS for t in span)
            and all(t.lower_ in _PRONOUNS or t.is_punct or t.is_stop for t in span)
        ):
            reference = "pronoun"
        elif polarity == "assert" and negated:
            polarity = "deny"
    targets, objects = _arguments(root, span, record)
    pred = _predicate(root) if reference is None else None
    if pred and root.pos_ == "NOUN" and root.lemma_.lower() in lemmas:
        lemmas = (lemmas - {root.lemma_.lower()}) | {pred}  # "the ramming" meets "rammed"
    return Proposition(
        statement=statement,
        span=span,
        root=root,
        lemmas=lemmas,
        subject=_subject_key(root, record),
        negated=negated,
        polarity=polarity,
        reference=reference,
        reference_verb=ref_verb,
        cue_lemma=cue_lemma,
        pred=pred,
        targets=targets,
        objects=objects - {pred},
        clausal=root.pos_ in ("VERB", "AUX"),
        endorsed=polarity == "assert"
        and (
            cue_lemma in lexicon_words("endorse")
            or (reference is None and root.pos_ in ("VERB", "AUX"))
            or verdict == "assert"
        ),
        modal=any(c.dep_ == "aux" and modal_word(c) in MODAL_AUXILIARIES for c in root.children),
    )
