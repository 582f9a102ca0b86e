"""Coordinated clauses of opposite polarity, one statement each.

"She said she is fine, and that rumours of her capture are untrue" says two things: an
assertion and a denial. The stance set labels such coordinated clauses as two statements
(one stance each), and so does the claims stage need them: one claim cannot be asserted and
denied by the same words. A content is split when its main clause has coordinated full
clauses (each with its own subject, or its own "that") and their polarity differs, one
negated or calling something false and another not; clauses of one polarity stay together
("he sent nothing and received nothing").

Coordinated cue verbs of one subject ("X said P and denied that Q", "X rejected the report but
admitted that R") are two speech acts: each becomes a statement with its own cue and content.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from spacy.tokens import Doc, Token

from claimgraph.nlp.spans import ALL_QUOTE_MARKS, doc_text, span_roots, trim_offsets
from claimgraph.stages.statements.group import RawStatement, called_false, classify, negated
from claimgraph.stages.statements.quotes import _is_cue_verb

__all__ = ["by_clause", "by_cue", "coordinated_cues"]

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


#: a cue verb's children that are its complement (what it says, denies or rejects)
_COMPLEMENT = frozenset({"ccomp", "dobj", "xcomp", "obj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _second_cue(t: Token) -> Token | None:
    """``t``'s complement when ``t`` is a cue verb coordinated without a subject of its own
    ("… and denied that P": one subject, two speech acts); else None."""
    if t.dep_ != "conj" or not _is_cue_verb(t) or any(c.dep_ in _SUBJECTS for c in t.children):
        return None
    return next((c for c in t.children if c.dep_ in _COMPLEMENT and c.i > t.i), None)


def _part(doc: Doc, att: RawStatement, lo_tok: int, hi_tok: int, cue: Token | None) -> RawStatement | None:
    g = list(doc[lo_tok:hi_tok])
    while g and (g[0].lower_ in _CONNECTIVES or g[0].is_punct):
        g = g[1:]
    while g and (g[-1].lower_ in _CONNECTIVES or (g[-1].is_punct and g[-1].text not in ALL_QUOTE_MARKS)):
        g = g[:-1]
    if not g:
        return None
    lo, hi = trim_offsets(doc_text(doc), g[0].idx, g[-1].idx + len(g[-1].text), _EDGE)
    if hi <= lo:
        return None
    cues = list(att.cue) if cue is None else [(cue.idx, cue.idx + len(cue.text))]
    part = replace(att, content=[(lo, hi)], source=list(att.source), cue=cues)
    return classify(doc, part, doc_text(doc))


def by_cue(doc: Doc, att: RawStatement) -> list[RawStatement]:
    """A content that ends in a coordinated cue verb of the same subject ("X said P and denied
    that Q": the parser often joins "denied" to P's verb) cut into two statements, the second
    with its own cue and content, each read again by
    :func:`~claimgraph.stages.statements.group.classify`; else the attribution itself."""
    if len(att.content) != 1 or not att.cue or not att.source:
        return [att]
    s, e = att.content[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return [att]
    for t in span:
        comp = _second_cue(t)
        if comp is None or not (span.start <= t.head.i < t.i) or comp.right_edge.i >= span.end:
            continue
        cc = [c.i for c in t.children if c.dep_ in {"cc", "punct"} and t.head.i < c.i < t.i]
        cut = min([t.i, *cc])
        first = _part(doc, att, span.start, cut, None)
        second = _part(doc, att, t.i + 1, span.end, t)
        if first is None or second is None:
            return [att]
        return [first, *by_cue(doc, second)]
    return [att]


def _inside(t: Token, att: RawStatement) -> bool:
    return any(s <= t.idx < e for s, e in att.content)


def coordinated_cues(doc: Doc, atts: list[RawStatement]) -> list[RawStatement]:
    """Statements for cue verbs coordinated with a statement's own cue and sharing its subject
    ("X denied the report and said that P") that no statement has as its cue yet."""
    taken = {
        t.i for a in atts for s, e in a.cue for t in (doc.char_span(s, e, alignment_mode="expand") or ())
    }
    added: list[RawStatement] = []
    for att in atts:
        if len(att.cue) != 1 or not att.source:
            continue
        cue = doc.char_span(*att.cue[0], alignment_mode="expand")
        if cue is None or len(cue) != 1:
            continue
        for t in cue[0].children:
            comp = _second_cue(t)
            if comp is None or t.i in taken or any(a.content and _inside(t, a) for a in atts):
                continue
            part = _part(doc, att, comp.left_edge.i, comp.right_edge.i + 1, t)
            if part is not None:
                taken.add(t.i)
                added.append(part)
    return added
