"""Coordinated clauses of opposite polarity, one statement each.

"She said she is fine, and that rumours of her capture are untrue" says two things: an
assertion and a denial. The stance set labels such coordinated clauses as two statements
(one stance each), and so does the claims stage need them: one claim cannot be asserted and
denied by the same words. A content is split when its main clause has coordinated full
clauses (each with its own subject, or its own "that") and their polarity differs, one
negated or calling something false and another not; clauses of one polarity stay together
("he sent nothing and received nothing").
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from spacy.tokens import Doc, Token

from claimgraph.nlp.spans import ALL_QUOTE_MARKS, doc_text, span_roots, trim_offsets
from claimgraph.stages.statements.group import RawStatement, called_false, classify, negated

__all__ = ["by_clause"]

_EDGE = " \t\r\n,;:-–—"
_CONNECTIVES = frozenset({"and", "but", "while", "whereas", "yet", "so"})


def _full_clause(t: Token) -> bool:
    """A coordinated verb with its own subject or complementiser ("and that B", "but we have")."""
    return t.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} or (c.dep_ == "mark" and c.lower_ == "that")
        for c in t.children
    )


def _polarity(toks: list[Token]) -> bool:
    return negated(toks) or called_false(toks)


def by_clause(doc: Doc, att: RawStatement) -> list[RawStatement]:
    """The attribution split into its coordinated clauses when their polarity differs (each
    part read again by :func:`~claimgraph.stages.statements.group.classify`); else itself."""
    if len(att.content) != 1:
        return [att]
    s, e = att.content[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return [att]
    roots = span_roots(span)
    if len(roots) != 1 or roots[0].pos_ not in {"VERB", "AUX"}:
        return [att]
    main = roots[0]
    clauses = [
        c for c in main.children if c.dep_ == "conj" and span.start <= c.i < span.end and _full_clause(c)
    ]
    if not clauses:
        return [att]
    # token ranges: the main clause up to the first coordinated one, then each coordinated one
    starts = [c.left_edge.i for c in clauses]
    if any(st <= main.i for st in starts):
        return [att]
    bounds = [span.start, *starts, span.end]
    groups = [list(doc[a:b]) for a, b in itertools.pairwise(bounds)]  # every bound lies in the span
    if len({_polarity(g) for g in groups}) < 2:
        return [att]
    parts: list[RawStatement] = []
    for g in groups:
        while g and (g[0].lower_ in _CONNECTIVES or g[0].is_punct):
            g = g[1:]
        while g and (g[-1].lower_ in _CONNECTIVES or (g[-1].is_punct and g[-1].text not in ALL_QUOTE_MARKS)):
            g = g[:-1]
        if not g:
            return [att]
        lo, hi = trim_offsets(doc_text(doc), g[0].idx, g[-1].idx + len(g[-1].text), _EDGE)
        if hi <= lo:
            return [att]
        part = replace(att, content=[(lo, hi)], source=list(att.source), cue=list(att.cue))
        parts.append(classify(doc, part, doc_text(doc)))
    return parts
