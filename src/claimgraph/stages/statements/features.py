"""Token features for the attribution tagger (source / cue / content, BIO).

A document is cut into *blocks* (paragraphs, split further when very long);
each block is one CRF sequence, so a quote running over several sentences of a
paragraph is one content span. Features are plain ``key=value`` strings from
the spaCy parse: word shape, lemma, POS, dependency label, the head, the
nearest reporting-word ancestor and how the token hangs from it (``nsubj`` →
source, ``ccomp`` → content), and whether the token sits inside quote marks.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence

import numpy as np
from spacy.tokens import Doc

from claimgraph.nlp.columns import columns
from claimgraph.nlp.spans import CLOSE_QUOTES, OPEN_QUOTES
from claimgraph.nlp.spans import STRAIGHT_QUOTES as STRAIGHT

__all__ = ["CLOSE_QUOTES", "OPEN_QUOTES", "block_features", "blocks", "quote_depths"]

MAX_BLOCK = 160
_EDGE_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "advcl", "acl", "attr"}
)


def blocks(doc: Doc) -> list[list[int]]:
    """Token indices (no whitespace tokens) of each paragraph-sized block.

    A block ends at a line break; a block longer than ``MAX_BLOCK`` tokens is
    cut at the next sentence start, and one with no sentence breaks is cut hard.
    """
    out: list[list[int]] = []
    current: list[int] = []
    brk = False
    cols = columns(doc)
    is_space, sent_start = cols.is_space, cols.sent_start
    for i, text in enumerate(cols.text):
        if is_space[i] or not text.strip():
            if "\n" in text:
                brk = True
            continue
        if brk or (sent_start[i] and len(current) >= MAX_BLOCK):
            if current:
                out.append(current)
            current = []
        brk = False  # a token's trailing whitespace is one space or none: never a line break
        current.append(i)
    if current:
        out.append(current)
    final: list[list[int]] = []
    for b in out:
        while len(b) > 2 * MAX_BLOCK:
            final.append(b[:MAX_BLOCK])
            b = b[MAX_BLOCK:]
        final.append(b)
    return final


def quote_depths(texts: Sequence[str], block: list[int]) -> list[int]:
    """For each token of a block: 1 inside quote marks, 0 outside, 2 for a quote mark.

    Curly and guillemet quotes open and close; straight quotes toggle. State
    resets at every block, so unbalanced quotes never leak across paragraphs.
    """
    inside = False
    out: list[int] = []
    for i in block:
        t = texts[i]
        if t in OPEN_QUOTES or (t in STRAIGHT and not inside):
            inside = True
            out.append(2)
        elif t in CLOSE_QUOTES or (t in STRAIGHT and inside):
            inside = False
            out.append(2)
        elif t.startswith(("\u201c", '"')) and len(t) > 1:
            inside = True
            out.append(1)
        else:
            out.append(1 if inside else 0)
    return out


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "AA"
    if text[:1].isupper():
        return "Aa"
    if text.isdigit():
        return "0"
    if text.isalpha():
        return "a"
    return "x"


class DocView:
    """Per-token attributes of a doc read once (spaCy Token objects are slow to make)."""

    def __init__(self, doc: Doc, cue_lemmas: Collection[str]) -> None:
        self.doc = doc
        # the Doc's columns (one array read instead of a Token object per token and attribute);
        # shared with the other stages, so read-only here
        cols = columns(doc)
        self.text, self.lower, self.lemma = cols.text, cols.lower, cols.lemma
        self.pos, self.tag, self.dep = cols.pos, cols.tag, cols.dep
        self.ent = [e or "-" for e in cols.ent_type]
        self.shape = [_shape(t) for t in self.text]
        self.head = cols.head
        self.sent_start = cols.sent_start
        n = len(doc)
        self.is_cue = [lm in cue_lemmas for lm in self.lemma]
        # sentence number of each token: the first token opens sentence 0 whatever its flag
        starts = np.array(self.sent_start, dtype=np.int64)
        if n:
            starts[0] = 1
        self.sent_ids: list[int] = (np.cumsum(starts) - 1).tolist()
        # nearest reporting ancestor: (dep of the child on the path, lemma, distance)
        self.cue_anc: list[tuple[str, str, int]] = [self._cue_ancestor(i) for i in range(n)]

    def _cue_ancestor(self, i: int, limit: int = 6) -> tuple[str, str, int]:
        child, cur, steps = i, self.head[i], 1
        while cur != child and steps <= limit:
            if self.is_cue[cur]:
                return self.dep[child], self.lemma[cur], steps
            child, cur = cur, self.head[cur]
            steps += 1
        return "", "", 0


def _bucket(dist: int) -> str:
    if dist <= 1:
        return "1"
    if dist <= 3:
        return "3"
    if dist <= 8:
        return "8"
    return "20" if dist <= 20 else "far"


def _nearest_cue(k: int, cue_pos: list[int]) -> str:
    """The ``nc=`` feature: side and distance bucket of the nearest cue to block position
    ``k`` (``cue_pos`` ascending; of two equally near, the one before)."""
    if not cue_pos:
        return "nc=none"
    at = bisect_left(cue_pos, k)
    if at < len(cue_pos) and cue_pos[at] == k:
        return "nc=0" + _bucket(0)
    if at == len(cue_pos) or (at > 0 and k - cue_pos[at - 1] <= cue_pos[at] - k):
        return "nc=R" + _bucket(k - cue_pos[at - 1])  # the nearest cue is before
    return "nc=L" + _bucket(cue_pos[at] - k)


#: ``str`` of a quote depth.
_DEPTH = ("0", "1", "2")
#: The window features' prefixes: offset, word, POS, quote depth, cue, cue lemma, padding
#: (quote depth and cue only for the next neighbours).
_WINDOW = tuple(
    (
        off,
        f"{off}w=",
        f"{off}p=",
        f"{off}q=" if off in (-1, 1) else None,
        f"{off}cue",
        f"{off}cuel=",
        f"{off}w=<pad>",
    )
    for off in (-2, -1, 1, 2)
)
_CUE_KIDS = ("ccomp", "nsubj", "nsubjpass", "xcomp", "dobj", "prep", "agent", "acl", "advcl")


def block_features(view: DocView, block: list[int]) -> list[list[str]]:
    """One list of feature strings per token of ``block``."""
    doc = view.doc
    qd = quote_depths(view.text, block)
    n = len(block)
    lower, lemma, pos, dep, is_cue = view.lower, view.lemma, view.pos, view.dep, view.is_cue
    head, tag, shape, ent, cue_anc, sent_start = (
        view.head,
        view.tag,
        view.shape,
        view.ent,
        view.cue_anc,
        view.sent_start,
    )
    # subtree edges of the dependents of reporting words: where spans start and end
    in_block = set(block)
    edges: dict[int, list[str]] = {}
    cue_pos = [k for k, i in enumerate(block) if is_cue[i]]
    kids_of: dict[int, set[str]] = {}
    for k in cue_pos:
        tok = doc[block[k]]
        kids = kids_of.setdefault(block[k], set())
        for c in tok.children:
            kids.add(c.dep_)
            if c.dep_ in _EDGE_DEPS:
                le, re_ = c.left_edge.i, c.right_edge.i
                if le in in_block:
                    edges.setdefault(le, []).append("le=" + c.dep_)
                if re_ in in_block:
                    edges.setdefault(re_, []).append("re=" + c.dep_)
    feats: list[list[str]] = []
    for k, i in enumerate(block):
        w = lower[i]
        d = dep[i]
        p = pos[i]
        h = head[i]
        hl = lemma[h]
        hp = pos[h]
        f = [
            "b",
            "w=" + w,
            "l=" + lemma[i],
            "p=" + p,
            "t=" + tag[i],
            "d=" + d,
            "s=" + shape[i],
            "x=" + w[-3:],
            "q=" + _DEPTH[qd[k]],
            "pd=" + p + "|" + d,
            "hp=" + hp,
            "hd=" + d + "|" + hp,
            "e=" + ent[i],
            _nearest_cue(k, cue_pos),
        ]
        append = f.append
        if i in edges:
            f.extend(edges[i])
        if is_cue[i]:
            append("cue=1")
            append("cuep=" + p)
            kids = kids_of.get(i, set())
            for dd in _CUE_KIDS:
                if dd in kids:
                    append("ck=" + dd)
        if is_cue[h]:
            append("hcue=" + d)
            append("hcl=" + d + "|" + hl)
        else:
            append("hl=" + hl)
        cdep, clem, dist = cue_anc[i]
        if clem:
            append("ca=" + cdep)
            append("cal=" + cdep + "|" + clem)
            append("cad=" + cdep + "|" + str(min(dist, 4)))
        else:
            append("ca=none")
        if sent_start[i]:
            append("ss")
        last = k + 1 == n
        if last or sent_start[block[k + 1]]:
            append("se")
        if k == 0:
            append("BOB")
        if last:
            append("EOB")
        for off, pw, pp, pq, pc, pcl, pad in _WINDOW:
            j = k + off
            if 0 <= j < n:
                bj = block[j]
                append(pw + lower[bj])
                append(pp + pos[bj])
                if pq is not None:
                    append(pq + _DEPTH[qd[j]])
                    if is_cue[bj]:
                        append(pc)
                        append(pcl + lemma[bj])
            else:
                append(pad)
        if k > 0:
            append("bg=" + lower[block[k - 1]] + "|" + w)
        feats.append(f)
    return feats
