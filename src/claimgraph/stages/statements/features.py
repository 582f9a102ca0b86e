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
from typing import Any

import numpy as np
from spacy.tokens import Doc

from claimgraph.nlp.columns import children, columns
from claimgraph.nlp.spans import CLOSE_QUOTES, OPEN_QUOTES
from claimgraph.nlp.spans import STRAIGHT_QUOTES as STRAIGHT

__all__ = [
    "CLOSE_QUOTES",
    "OPEN_QUOTES",
    "FeatureRows",
    "block_features",
    "block_rows",
    "blocks",
    "quote_depths",
]

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


#: Features built from two values joined by ``|``: looked up by the pair, not a joined string.
_PAIRED = frozenset({"pd", "hd", "hcl", "cal", "cad", "bg"})


class FeatureRows:
    """The tagger model's attribute rows, looked up by template and value instead of by the
    feature string: :func:`block_rows` gives the same rows as looking up each string of
    :func:`block_features` (what CRFsuite does), without building the strings.

    Every value a template holds in the model (a word, a lemma, a POS, either side of a
    ``a|b`` pair …) gets a number in one vocabulary; each template is then an array from that
    number to the row, and each pair template a sorted array of its pairs' numbers, so that a
    document looks each distinct value up once and the rest is numpy indexing.

    ``rows``: feature string → row (every attribute of the model); ``unknown``: the row of
    zeros that stands for a feature the model lacks (and for a feature a token does not have:
    adding a zero changes no sum, so every token gets the same slots in the same order).
    """

    def __init__(self, rows: dict[str, int], unknown: int) -> None:
        self.unknown = unknown
        self.names = rows
        self.values: dict[str, dict[Any, int]] = {}
        self.vocab: dict[str, int] = {}
        number = self.vocab.setdefault
        pairs: dict[str, list[tuple[int, int, int]]] = {}
        for name, row in rows.items():
            key, sep, value = name.partition("=")
            if not sep:
                continue
            if key in _PAIRED:  # every split at a '|' (words may hold one): the pair reads the same
                found = pairs.setdefault(key, [])
                at = value.find("|")
                while at >= 0:
                    left, right = value[:at], value[at + 1 :]
                    found.append((number(left, len(self.vocab)), number(right, len(self.vocab)), row))
                    at = value.find("|", at + 1)
            else:
                self.values.setdefault(key, {})[value] = row
                number(value, len(self.vocab))
        #: the number of a value the model never saw (every template maps it to ``unknown``)
        self.oov = len(self.vocab)
        self._dense: dict[str, np.ndarray] = {}
        self._pairs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for key, found in pairs.items():
            arr = np.asarray(found, dtype=np.int64).reshape(-1, 3)
            codes = arr[:, 0] * (self.oov + 1) + arr[:, 1]
            order = np.argsort(codes, kind="stable")
            self._pairs[key] = (codes[order], arr[order, 2])

    def flag(self, name: str) -> int:
        """The row of a whole feature string."""
        return self.names.get(name, self.unknown)

    def table(self, key: str) -> dict[Any, int]:
        """``key``'s values and their rows (not the pair templates')."""
        return self.values.get(key, {})

    def numbers(self, values: Sequence[str]) -> np.ndarray:
        """Each value's number in the vocabulary (:attr:`oov` when the model never saw it)."""
        get, oov = self.vocab.get, self.oov
        return np.asarray([get(v, oov) for v in values], dtype=np.int64)

    def dense(self, key: str) -> np.ndarray:
        """``key``'s row for each vocabulary number (``unknown`` past the last, for :attr:`oov`)."""
        out = self._dense.get(key)
        if out is None:
            out = np.full(self.oov + 1, self.unknown, dtype=np.int64)
            vocab = self.vocab
            for value, row in self.table(key).items():
                out[vocab[value]] = row
            self._dense[key] = out
        return out

    def pair_rows(self, key: str, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """The rows of ``key=a|b`` for vocabulary numbers ``a`` (``left``) and ``b``
        (``right``), position by position."""
        codes, rows = self._pairs.get(key, (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)))
        wanted = left * (self.oov + 1) + right
        if not len(codes):
            return np.full(len(wanted), self.unknown, dtype=np.int64)
        at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
        return np.where(codes[at] == wanted, rows[at], self.unknown)


class _Coded:
    """A column's distinct values numbered (by their string-store hashes) and looked up once
    each in the model's vocabulary."""

    def __init__(self, values: Sequence[str], hashes: np.ndarray, index: FeatureRows) -> None:
        if len(hashes):
            _, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
            self.codes = inverse.reshape(-1).astype(np.int64)
            self.values = [values[i] for i in first.tolist()]
        else:
            self.codes = np.zeros(0, dtype=np.int64)
            self.values = []
        self.index = index
        #: each token's vocabulary number
        self.numbers = index.numbers(self.values)[self.codes]

    def rows(self, key: str) -> np.ndarray:
        """The rows of ``key=value`` for each token."""
        return self.index.dense(key)[self.numbers]

    def suffix_rows(self, key: str) -> np.ndarray:
        """The rows of ``key=value[-3:]`` for each token."""
        return self.index.dense(key)[self.index.numbers([v[-3:] for v in self.values])[self.codes]]


def _nearest_cue_rows(is_cue: np.ndarray, block_no: np.ndarray, index: FeatureRows) -> np.ndarray:
    """The rows of :func:`_nearest_cue`'s ``nc=`` feature at every position of the blocks laid
    one after another (``is_cue``, ``block_no``: each position's flag and block)."""
    n = len(is_cue)
    at = np.arange(n)
    before = np.maximum.accumulate(np.where(is_cue, at, -1))  # the last cue at or before
    after = np.minimum.accumulate(np.where(is_cue, at, n)[::-1])[::-1]  # the first at or after
    has_before = (before >= 0) & (block_no[np.maximum(before, 0)] == block_no)
    has_after = (after < n) & (block_no[np.minimum(after, n - 1)] == block_no)
    d_before, d_after = at - before, after - at
    # of two equally near, the one before; then the distance bucket (1, 3, 8, 20, far)
    use_before = has_before & (~has_after | (d_before <= d_after))
    bucket = np.searchsorted(np.array([1, 3, 8, 20]), np.where(use_before, d_before, d_after), side="left")
    table = index.table("nc")
    names = ("1", "3", "8", "20", "far")
    right = np.array([table.get("R" + b, index.unknown) for b in names], dtype=np.int64)
    left = np.array([table.get("L" + b, index.unknown) for b in names], dtype=np.int64)
    bucket = np.minimum(bucket, 4)
    out = np.where(use_before, right[bucket], left[bucket])
    out[~(has_before | has_after)] = table.get("none", index.unknown)
    out[is_cue] = table.get("0" + _bucket(0), index.unknown)
    return out


def block_rows(view: DocView, doc_blocks: list[list[int]], index: FeatureRows) -> np.ndarray:
    """The model rows of every token's features, the blocks one after another: one row of
    slots per token, in :func:`block_features`' order, ``index.unknown`` where a token lacks
    a feature (or the model does)."""
    doc = view.doc
    unk = index.unknown
    lower, lemma, pos, dep, is_cue = view.lower, view.lemma, view.pos, view.dep, view.is_cue
    n_doc = len(lower)
    head = np.asarray(view.head, dtype=np.int64)
    hashes = columns(doc).hashes  # ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE
    words, lemmas = _Coded(lower, hashes[:, 1], index), _Coded(lemma, hashes[:, 2], index)
    tags, deps = _Coded(pos, hashes[:, 3], index), _Coded(dep, hashes[:, 5], index)
    cue_arr = np.asarray(is_cue, dtype=bool)
    # what depends on the token alone, once per doc token
    head_cue = cue_arr[head] if n_doc else cue_arr
    head_a = np.where(head_cue, deps.rows("hcue"), lemmas.rows("hl")[head])
    head_b = np.where(head_cue, index.pair_rows("hcl", deps.numbers, lemmas.numbers[head]), unk)
    # the nearest reporting ancestor: how the path leaves the token, its lemma, the distance
    anc_dep = [c[0] for c in view.cue_anc]
    anc_lemma = [c[1] for c in view.cue_anc]
    anc_dist = [c[2] for c in view.cue_anc]
    has_anc = np.asarray([bool(lm) for lm in anc_lemma], dtype=bool)
    anc_dep_no = index.numbers(anc_dep)
    ca_a = np.where(has_anc, index.dense("ca")[anc_dep_no], index.table("ca").get("none", unk))
    ca_b = np.where(has_anc, index.pair_rows("cal", anc_dep_no, index.numbers(anc_lemma)), unk)
    far = index.numbers([str(min(d, 4)) for d in anc_dist])
    ca_c = np.where(has_anc, index.pair_rows("cad", anc_dep_no, far), unk)
    token_cols = [
        np.full(n_doc, index.flag("b"), dtype=np.int64),
        words.rows("w"),
        lemmas.rows("l"),
        tags.rows("p"),
        _Coded(view.tag, hashes[:, 4], index).rows("t"),
        deps.rows("d"),
        _Coded(view.shape, hashes[:, 0], index).rows("s"),
        words.suffix_rows("x"),
    ]
    pair_cols = [
        index.pair_rows("pd", tags.numbers, deps.numbers),
        tags.rows("hp")[head],
        index.pair_rows("hd", deps.numbers, tags.numbers[head]),
        _Coded(view.ent, hashes[:, 6], index).rows("e"),
    ]
    # cue words: their own features and which dependents they have
    cue_one, cuep_t, ck_t = index.flag("cue=1"), index.table("cuep"), index.table("ck")
    kid_lists = children(doc)
    cue_cols = np.full((2 + len(_CUE_KIDS), n_doc), unk, dtype=np.int64)
    for i in np.flatnonzero(cue_arr).tolist():
        kids = {dep[c] for c in kid_lists[i]}
        cue_cols[0, i] = cue_one
        cue_cols[1, i] = cuep_t.get(pos[i], unk)
        for s, dd in enumerate(_CUE_KIDS):
            if dd in kids:
                cue_cols[2 + s, i] = ck_t.get(dd, unk)
    # the blocks' positions, one after another
    order = [i for b in doc_blocks for i in b]
    n = len(order)
    if not n:
        return np.zeros((0, 0), dtype=np.int64)
    starts = np.zeros(n, dtype=bool)
    ends = np.zeros(n, dtype=bool)
    at = 0
    for b in doc_blocks:
        if b:
            starts[at] = True
            ends[at + len(b) - 1] = True
            at += len(b)
    ids = np.asarray(order, dtype=np.int64)
    depths: list[int] = []
    edge_rows: list[list[int]] = []
    le_t, re_t = index.table("le"), index.table("re")
    for b in doc_blocks:
        depths += quote_depths(view.text, b)
        cue_pos = [k for k, i in enumerate(b) if is_cue[i]]
        edges: dict[int, list[int]] = {}
        if cue_pos:
            in_block = set(b)
            for k in cue_pos:
                for c in doc[b[k]].children:
                    if c.dep_ in _EDGE_DEPS:
                        le, re_ = c.left_edge.i, c.right_edge.i
                        if le in in_block:
                            edges.setdefault(le, []).append(le_t.get(c.dep_, unk))
                        if re_ in in_block:
                            edges.setdefault(re_, []).append(re_t.get(c.dep_, unk))
        edge_rows += [edges.get(i, []) for i in b]
    width = max(map(len, edge_rows), default=0)
    edge_cols = [[r[s] if s < len(r) else unk for r in edge_rows] for s in range(width)]
    depth = np.asarray(depths, dtype=np.int64)

    def at_doc(cols: Sequence[Any] | np.ndarray) -> list[np.ndarray]:
        return [np.asarray(c, dtype=np.int64)[ids] for c in cols]

    def by_depth(key: str) -> np.ndarray:
        table = index.table(key)
        return np.asarray([table.get(d, unk) for d in _DEPTH], dtype=np.int64)[depth]

    slots: list[np.ndarray] = at_doc(token_cols)
    slots.append(by_depth("q"))
    slots += at_doc(pair_cols)
    block_no = np.cumsum(starts) - 1
    slots.append(_nearest_cue_rows(cue_arr[ids], block_no, index))
    slots += [np.asarray(c, dtype=np.int64) for c in edge_cols]
    slots += at_doc(cue_cols)
    slots += at_doc([head_a, head_b, ca_a, ca_b, ca_c])
    ss = np.asarray(view.sent_start, dtype=bool)[ids]
    next_ss = np.append(ss[1:], False)
    slots.append(np.where(ss, index.flag("ss"), unk))
    slots.append(np.where(ends | next_ss, index.flag("se"), unk))
    slots.append(np.where(starts, index.flag("BOB"), unk))
    slots.append(np.where(ends, index.flag("EOB"), unk))
    # neighbours: the position off away, when inside the same block
    for off, pw, pp, pq, pc, pcl, pad in _WINDOW:
        j = np.arange(n) + off
        jj = np.clip(j, 0, n - 1)
        inside = (j >= 0) & (j < n) & (block_no[jj] == block_no)
        nb = ids[jj]
        pad_row = index.table(pad.partition("=")[0]).get(pad.partition("=")[2], unk)
        slots.append(np.where(inside, words.rows(pw[:-1])[nb], pad_row))
        slots.append(np.where(inside, tags.rows(pp[:-1])[nb], unk))
        if pq is not None:
            slots.append(np.where(inside, by_depth(pq[:-1])[jj], unk))
            cue_nb = cue_arr[nb] & inside
            slots.append(np.where(cue_nb, index.flag(pc), unk))
            slots.append(np.where(cue_nb, lemmas.rows(pcl[:-1])[nb], unk))
    # the bigram of the previous word and this one (none at a block's start)
    bigram = index.pair_rows("bg", words.numbers[np.roll(ids, 1)], words.numbers[ids])
    slots.append(np.where(starts, unk, bigram))
    return np.stack(slots, axis=1)
