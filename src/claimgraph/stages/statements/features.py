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
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc

from claimgraph.nlp.columns import columns
from claimgraph.nlp.spans import CLOSE_QUOTES, OPEN_QUOTES
from claimgraph.nlp.spans import STRAIGHT_QUOTES as STRAIGHT

__all__ = ["CLOSE_QUOTES", "OPEN_QUOTES", "block_features", "blocks", "quote_depths"]

MAX_BLOCK = 160
_VIEW_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, SENT_START]
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
        # one array read instead of a Token object per token and attribute
        rows = doc.to_array(_VIEW_ATTRS)
        strings = doc.vocab.strings
        self.text, self.lower, lemma, self.pos, self.tag, self.dep, ent = (
            [strings[h] if h else "" for h in col.tolist()] for col in rows[:, :7].T
        )
        self.lemma = [lm.lower() for lm in lemma]
        self.ent = [e or "-" for e in ent]
        self.shape = [_shape(t) for t in self.text]
        self.head = (np.arange(len(doc)) + rows[:, 7].view(np.int64)).tolist()
        self.sent_start = (rows[:, 8].view(np.int64) == 1).tolist()
        n = len(doc)
        self.is_cue = [lm in cue_lemmas for lm in self.lemma]
        self.sent_ids: list[int] = []
        k = -1
        for i in range(n):
            if self.sent_start[i] or k < 0:
                k += 1
            self.sent_ids.append(k)
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


def block_features(view: DocView, block: list[int]) -> list[list[str]]:
    """One list of feature strings per token of ``block``."""
    doc = view.doc
    qd = quote_depths(view.text, block)
    n = len(block)
    lower, lemma, pos, dep, is_cue = view.lower, view.lemma, view.pos, view.dep, view.is_cue
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
        h = view.head[i]
        hl = lemma[h]
        near = _nearest_cue(k, cue_pos)
        f = [
            "b",
            "w=" + w,
            "l=" + lemma[i],
            "p=" + pos[i],
            "t=" + view.tag[i],
            "d=" + d,
            "s=" + view.shape[i],
            "x=" + w[-3:],
            "q=" + str(qd[k]),
            "pd=" + pos[i] + "|" + d,
            "hp=" + pos[h],
            "hd=" + d + "|" + pos[h],
            "e=" + view.ent[i],
            near,
        ]
        if i in edges:
            f.extend(edges[i])
        if is_cue[i]:
            f.append("cue=1")
            f.append("cuep=" + pos[i])
            kids = kids_of.get(i, set())
            for dd in ("ccomp", "nsubj", "nsubjpass", "xcomp", "dobj", "prep", "agent", "acl", "advcl"):
                if dd in kids:
                    f.append("ck=" + dd)
        if is_cue[h]:
            f.append("hcue=" + d)
            f.append("hcl=" + d + "|" + hl)
        else:
            f.append("hl=" + hl)
        cdep, clem, dist = view.cue_anc[i]
        if clem:
            f.append("ca=" + cdep)
            f.append("cal=" + cdep + "|" + clem)
            f.append("cad=" + cdep + "|" + str(min(dist, 4)))
        else:
            f.append("ca=none")
        if view.sent_start[i]:
            f.append("ss")
        if k + 1 == n or view.sent_start[block[k + 1]]:
            f.append("se")
        if k == 0:
            f.append("BOB")
        if k + 1 == n:
            f.append("EOB")
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                bj = block[j]
                f.append(f"{off}w=" + lower[bj])
                f.append(f"{off}p=" + pos[bj])
                if off == -1 or off == 1:
                    f.append(f"{off}q=" + str(qd[j]))
                    if is_cue[bj]:
                        f.append(f"{off}cue")
                        f.append(f"{off}cuel=" + lemma[bj])
            else:
                f.append(f"{off}w=<pad>")
        if k > 0:
            f.append("bg=" + lower[block[k - 1]] + "|" + w)
        feats.append(f)
    return feats
