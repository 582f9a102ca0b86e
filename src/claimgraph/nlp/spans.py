"""Span helpers every stage shares: offsets, trimming, the one quotation-mark table, shared word lists."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Doc, Span, Token

from claimgraph.nlp.columns import children, columns
from claimgraph.nlp.lexical import MODAL_AUXILIARIES, modal_word

__all__ = [
    "ALL_QUOTE_MARKS",
    "CLOSE_QUOTES",
    "DETERMINERS",
    "OPEN_QUOTES",
    "QUOTE_MARKS",
    "STRAIGHT_QUOTES",
    "TRIM_CHARS",
    "doc_text",
    "is_passive",
    "lifted_conjunct",
    "prep_objects",
    "span_roots",
    "span_text",
    "token_offsets",
    "trim_offsets",
]

#: Double quotation marks: opening, closing, straight, and all six as one string. Single quotes
#: are left out on purpose (they double as apostrophes); modules that also want them say so.
OPEN_QUOTES = frozenset("\u201c\u00ab\u201e")
CLOSE_QUOTES = frozenset("\u201d\u00bb")
STRAIGHT_QUOTES = frozenset('"')
QUOTE_MARKS = '"\u201c\u201d\u00ab\u00bb\u201e'
#: The double marks and the single ones (straight and curly), for trimming span edges.
ALL_QUOTE_MARKS = QUOTE_MARKS + "'\u2018\u2019"

#: Characters trimmed from the edges of spans (whitespace, punctuation, quotes).
TRIM_CHARS = " \t\r\n\u00a0.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]-\u2013\u2014"


#: The ``Doc.user_data`` key under which :func:`doc_text` keeps the text.
_TEXT_KEY = "claimgraph.doc_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc.

    spaCy joins every token's text again at each ``doc.text``; rules that read the text
    for each statement or sentence paid for that a hundred times per article (a quarter of
    the statements stage). A Doc's text never changes, so the first join is kept.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def span_text(span: Span) -> str:
    """``span.text``, cut from :func:`doc_text` (``Span.text`` makes a Token per word to join)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


#: Definite determiners (the actors and claims stages both read them).
DETERMINERS = {"the", "this", "that", "these", "those"}


def trim_offsets(text: str, start: int, end: int, chars: str = TRIM_CHARS) -> tuple[int, int]:
    """Offsets with leading/trailing whitespace, punctuation and quote marks removed."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def span_roots(tokens: Iterable[Token]) -> list[Token]:
    """The tokens whose head lies outside ``tokens`` (or who head themselves), in order: the
    roots of the dependency fragments a span of text cuts out of its sentence."""
    if isinstance(tokens, Span):  # heads read from the Doc's columns: no Token made per word
        doc, start, end = tokens.doc, tokens.start, tokens.end
        heads = columns(doc).head
        return [doc[i] for i in range(start, end) if not start <= heads[i] < end or heads[i] == i]
    toks = list(tokens)
    if not toks:
        return []
    heads = columns(toks[0].doc).head
    ids = {t.i for t in toks}
    return [t for t in toks if heads[t.i] not in ids or heads[t.i] == t.i]


def is_passive(tok: Token) -> bool:
    """Whether ``tok`` heads a passive clause (a passive subject or auxiliary among its children)."""
    dep = columns(tok.doc).dep
    return any(dep[c] in ("nsubjpass", "auxpass") for c in children(tok.doc)[tok.i])


def lifted_conjunct(tok: Token) -> Token | None:
    """The clause a finite verb is really coordinated with when the parser hung it on a modal
    verb inside a complement: in "Putin forecast that the economy would rebound and *praised*
    Kerry", "praised" (past) cannot share "would" with "rebound" (bare), so it is the second
    verb of "forecast" — that verb is returned; None when the attachment is consistent."""
    head = tok.head
    if tok.dep_ != "conj" or tok.tag_ not in ("VBD", "VBZ") or head.tag_ != "VB":
        return None
    if head.dep_ not in ("ccomp", "xcomp", "advcl") or head.head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "aux" and modal_word(c) in MODAL_AUXILIARIES for c in head.children):
        return None
    return head.head


def prep_objects(tok: Token, words: Collection[str]) -> list[Token]:
    """Objects of ``tok``'s prepositions among ``words``: ``prep_objects(envoys, {"of"})`` in
    "the envoys of Canada and Japan" gives [Canada]."""
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in words]
    return [g for c in preps for g in c.children if g.dep_ == "pobj"]


def token_offsets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets ``[start, end)`` of the tokens ``doc[start:end]`` (``end > start``)."""
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)
