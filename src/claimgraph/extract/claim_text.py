"""Canonical claim texts and evidence cues.

The canonical text is the main clause of the best statement content, in plain
words: hedges, negation and sentence adverbials dropped, a pronoun subject
replaced by its actor's name, and a bare gerund ("denied *supplying* weapons")
given the speaker as subject and a past tense ("Pyongyang supplied weapons").
Evidence is a noun from the lexicon's ``evidence`` list ("satellite images",
"intelligence", "an investigation") that is cited rather than negated ("without
evidence") or used as a claim reference ("the reports of shipments").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.claim_lexical import is_negation
from claimgraph.extract.claim_props import Proposition
from claimgraph.knowledge.claims import claim_noun_verbs, lexicon_words, past_forms
from claimgraph.nlp import trim_offsets
from claimgraph.record import Record

__all__ = ["canonical_text", "evidence_spans"]

_DROP_DEPS = frozenset({"advcl", "parataxis", "punct", "mark", "cc", "discourse", "intj", "meta", "dep"})
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def _past(lemma: str, form: str = "") -> str:
    """Past tense of a verb from its lemma (and -ing form, for doubled consonants: "shipping")."""
    if lemma in past_forms():
        return past_forms()[lemma]
    stem = form[:-3] if form.endswith("ing") else ""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] == lemma:
        return stem + "ed"
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _keep(token: Token, root: Token) -> bool:
    if is_negation(token) or token.text in _QUOTES or token.is_space:
        return False
    if token.dep_ == "advmod" and token.lower_ in lexicon_words("hedge"):
        return False
    if token.dep_ == "appos" and token.lemma_.lower() in claim_noun_verbs():
        return False  # "…, a charge that North Korea has rejected"
    return not (token.dep_ == "conj" and token.head == root and token.pos_ in ("VERB", "AUX"))


#: Modifiers dropped anywhere in the clause when the canonical text would be long.
_LONG_DROP = frozenset({"relcl", "acl", "appos", "advmod", "npadvmod", "parataxis", "advcl", "conj", "cc"})
#: Canonical texts longer than this many tokens are shortened to their core.
MAX_TOKENS = 18


def _clause_tokens(root: Token, span: Span, *, short: bool = False) -> list[Token]:
    keep: list[Token] = []

    def walk(t: Token) -> None:
        if not (span.start <= t.i < span.end):
            return
        if t != root and t.head == root and t.dep_ in _DROP_DEPS:
            return
        if t != root and not _keep(t, root):
            return
        if short and t != root and t.dep_ in _LONG_DROP:
            return
        keep.append(t)
        for c in t.children:
            walk(c)

    walk(root)
    return sorted(keep, key=lambda t: t.i)


def canonical_text(prop: Proposition, record: Record) -> str:
    """Plain subject–predicate–object text of a proposition."""
    root, span = prop.root, prop.span
    if prop.reference not in (None, "pronoun") and root.lemma_.lower() in claim_noun_verbs():
        words = [t.text for t in root.subtree if span.start <= t.i < span.end and t.dep_ != "det"]
        return " ".join(words).strip()
    tokens = _clause_tokens(root, span) or list(span)
    if len(tokens) > MAX_TOKENS:
        tokens = _clause_tokens(root, span, short=True) or tokens
    parts: list[str] = []
    has_subject = any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head == root for t in tokens)
    for t in tokens:
        word = t.text
        if t.dep_ in ("nsubj", "nsubjpass") and t.head == root and t.pos_ == "PRON":
            actor = record.actor_at(t.idx, t.idx + len(t.text))
            word = actor.name if actor else word
        elif t == root and not has_subject and t.tag_ == "VBG":
            word = _past(t.lemma_.lower(), t.lower_)
        elif t.lower_ in ("no",) and t.dep_ == "det":
            continue
        parts.append(word)
    if not has_subject and root.tag_ in ("VBG", "VB"):
        subject = _implicit_subject(prop, record)
        if subject:
            parts.insert(0, subject)
    text = " ".join(parts)
    for a, b in ((" ,", ","), (" .", "."), (" 's", "'s"), (" n't", "n't"), ("( ", "("), (" )", ")")):
        text = text.replace(a, b)
    while ",," in text:
        text = text.replace(",,", ",")
    return text.strip(" .,;:" + _QUOTES)


def _implicit_subject(prop: Proposition, record: Record) -> str | None:
    """Who does a bare gerund: the accused ("accused X of shipping") or a denier ("denied shipping")."""
    root = prop.root
    if (
        root.dep_ in ("pcomp", "pobj")
        and root.head.dep_ == "prep"
        and root.head.head.pos_ in ("NOUN", "PROPN")
    ):
        agent = root.head.head  # content "Pyongyang of supplying weapons"
        actor = record.actor_at(agent.idx, agent.idx + len(agent.text))
        if actor is not None:
            return actor.name
        return " ".join(t.text for t in agent.subtree if (t.i <= agent.i and t.dep_ != "det") or t == agent)
    if root.dep_ in ("pcomp", "pobj") and root.head.dep_ == "prep":
        verb = root.head.head
        for c in verb.children:
            if c.dep_ == "dobj":
                actor = record.actor_at(c.idx, c.idx + len(c.text))
                return actor.name if actor and c.pos_ == "PRON" else " ".join(t.text for t in c.subtree)
    if prop.statement.stance == "deny" and prop.statement.speaker:
        speaker = record.actor(prop.statement.speaker)
        return speaker.name if speaker else None
    return None


def _negated_evidence(token: Token) -> bool:
    """ "no evidence", "without proof", "did not provide evidence", "a shred of proof" after "without"."""
    if any(c.lower_ in ("no", "not", "never") or c.dep_ == "neg" for c in token.children):
        return True
    doubted = lexicon_words("doubt") | lexicon_words("refute")
    if any(c.dep_ in ("amod", "compound") and c.lower_ in doubted for c in token.children):
        return True  # "unconfirmed reports", "fake documents"
    for anc in [token, *token.ancestors][:4]:
        head = anc.head
        if anc.dep_ == "pobj" and head.lower_ in ("without", "lacking"):
            return True
        if anc.dep_ in ("dobj", "pobj", "nsubjpass") and any(is_negation(c) for c in head.children):
            return True
    return False


def _is_claim_reference(token: Token) -> bool:
    """A plural claim noun with a referring determiner ("the reports", "such reports")."""
    if token.lemma_.lower() not in claim_noun_verbs():
        return False
    modified = any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in token.children)
    cited = token.head.lemma_.lower() in lexicon_words("evidence_verb") or token.head.lower_ == "to"
    return token.tag_ in ("NNS", "NNPS") and not modified and not cited


def evidence_spans(sentences: list[Span], record: Record) -> list[tuple[int, int]]:
    """Character offsets of cited evidence in ``sentences`` (noun phrases, trimmed)."""
    words = lexicon_words("evidence")
    text = record.document.text
    found: list[tuple[int, int]] = []
    for sent in sentences:
        for t in sent:
            if t.pos_ not in ("NOUN", "PROPN") or t.lemma_.lower() not in words:
                continue
            if t.dep_ == "compound" and t.head.lemma_.lower() in words:
                continue  # "satellite images": counted once, at "images"
            if _negated_evidence(t) or _is_claim_reference(t):
                continue
            left = min([t.i] + [c.i for c in t.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")])
            start = sent.doc[left].idx
            end = t.idx + len(t.text)
            start, end = trim_offsets(text, start, end)
            if end > start and not any(s < end and start < e for s, e in found):
                found.append((start, end))
    return sorted(found)
