"""Lexical helpers shared by the claims stage and the FNC-1 stance model.

A proposition is compared by the lemmas of its content words, with
nominalisations and near-synonyms folded onto one predicate family
("shipment", "ship", "deliver" → ``transfer``) from ``knowledge/data/claims.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from claimgraph.knowledge.claims import lexicon_words, predicate_families

__all__ = [
    "CONTENT_POS",
    "MODAL_AUXILIARIES",
    "NEGATIONS",
    "additive_not",
    "content_lemmas",
    "is_negation",
    "modal_word",
    "norm_lemma",
    "weighted_overlap",
]

#: Parts of speech whose lemmas carry a proposition's content.
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})

#: Negation words (besides tokens the parser labels ``neg``).
#: Negation words; "n’t" is the clitic written with a typographic apostrophe ("wasn’t"), which the
#: parser does not always attach as ``neg``.
NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nothing", "neither", "nor", "n't", "n’t", "nobody", "nowhere"}
)

#: The modal auxiliaries, in full: compare :func:`modal_word` of a token with these, so that
#: contracted forms ("we'll", "won't", "can't", "he'd go") count as the modal they stand for.
MODAL_AUXILIARIES = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})

#: Contracted and clitic modals, written with either apostrophe ("we’ll", "he'd", "won't", "can't").
_MODAL_FORMS = {"'ll": "will", "wo": "will", "'d": "would", "ca": "can", "sha": "shall"}


def modal_word(token: Token) -> str:
    """The modal auxiliary ``token`` stands for, in full ("’ll" → "will", "'d" → "would" when
    tagged a modal); otherwise its lower-case text."""
    low = token.lower_.replace("’", "'")
    if low == "'d" and token.tag_ != "MD":
        return low  # "he'd seen": had
    return _MODAL_FORMS.get(low, low)


#: Light verbs and reporting words that say nothing about a proposition's content.
_LIGHT = frozenset(
    {
        "be",
        "have",
        "do",
        "say",
        "tell",
        "make",
        "get",
        "go",
        "take",
        "come",
        "also",
        "would",
        "will",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "accord",
        "report",
        "claim",
        "add",
        "state",
        "deny",
        "reject",
        "dismiss",
        "allege",
        "accuse",
        "insist",
        "believe",
        "think",
        "know",
    }
)


def norm_lemma(token: Token) -> str:
    """The token's lower-case lemma, folded to its predicate family when it has one."""
    lemma = (token.lemma_ or token.text).lower()
    return predicate_families().get(lemma, lemma)


_FOCUS = frozenset({"only", "just", "merely", "simply"})


def additive_not(token: Token) -> bool:
    """ "not only X but (also) Y", "not just X but Y": a focus construction that adds Y to X,
    not a negation of the clause."""
    doc = token.doc
    if token.lower_ != "not" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ not in _FOCUS:
        return False
    return any(t.lower_ == "but" for t in doc[token.i + 2 : token.sent.end])


def is_negation(token: Token) -> bool:
    """A negation word or a token the parser attached as ``neg``."""
    return token.dep_ == "neg" or token.lower_ in NEGATIONS


def content_lemmas(tokens: Iterable[Token]) -> set[str]:
    """Normalised lemmas of the content words among ``tokens`` (no stop, light or claim words)."""
    claim_nouns = lexicon_words("claim_noun")
    out: set[str] = set()
    for t in tokens:
        if t.pos_ not in CONTENT_POS or t.is_stop or not any(ch.isalnum() for ch in t.text):
            continue
        lemma = (t.lemma_ or t.text).lower()
        if lemma in _LIGHT or lemma in claim_nouns:
            continue
        out.add(predicate_families().get(lemma, lemma))
    return out


def weighted_overlap(a: set[str], b: set[str], weights: dict[str, float] | None = None) -> float:
    """Overlap of two lemma sets: shared weight over the smaller set's weight (0–1)."""
    if not a or not b:
        return 0.0
    w = weights or {}
    shared = sum(w.get(x, 1.0) for x in a & b)
    smaller = min(sum(w.get(x, 1.0) for x in a), sum(w.get(x, 1.0) for x in b))
    return shared / smaller if smaller else 0.0
