"""A linear-chain CRF read from a CRFsuite model file and scored in numpy.

python-crfsuite's ``Tagger`` turns every feature string of every token into an attribute id
with a look-up in the model's string database, one C++ string at a time; for the two shipped
taggers that conversion was most of their time (about 1.5 million strings per 60 articles),
and each ``marginal`` was one more call into it. This module reads the same model file once
(weights as stored: doubles), maps feature strings to rows with one ``dict`` look-up each, and
tags all the sequences of a document together, in numpy arrays of (sequence, position, label).

The arithmetic is CRFsuite's own (``crf1d_context.c``, ``crf1d_tag.c``), operation for
operation, so that labels and marginals are the same to the bit:

- state scores: for each label, the weights of the token's attributes added one by one in the
  order of the token's features (duplicates counted twice, attributes the model lacks skipped);
- Viterbi: ``max_i(prev[i] + trans[i][j]) + state[j]``, the first ``i`` on ties, the last
  position's first best label, then the back pointers;
- marginals: ``exp`` (the C library's, through :func:`math.exp`; numpy's own vectorised ``exp``
  may differ in the last bit) of the state and transition scores, the scaled forward and
  backward recursions with their sums taken left to right (:func:`numpy.add.accumulate`, never
  numpy's pairwise ``sum``), and ``alpha[t][l] * beta[t][l] / scale[t]``.

``tests/ml/test_crf.py`` checks labels and every marginal against python-crfsuite, which
stays the trainer.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from claimgraph.errors import ModelError

__all__ = ["CrfModel", "CrfTagging"]

_HEADER = struct.Struct("<4sI4s9I")
_FEATURE = struct.Struct("<3Id")
_CHUNK = struct.Struct("<4s2I")
#: CRFsuite's feature types: state (attribute → label) and transition (label → label).
_STATE, _TRANSITION = 0, 1


class _Rows(dict[str, int]):
    """Feature string → row of the state weights; strings the model lacks → the zero row."""

    __slots__ = ("unknown",)

    def __init__(self, names: list[str]) -> None:
        super().__init__(zip(names, range(len(names)), strict=True))
        self.unknown = len(names)

    def __missing__(self, key: str) -> int:
        # CRFsuite reads a feature as a C string: whatever follows a NUL is not part of it
        if "\x00" in key:
            return self.get(key.split("\x00", 1)[0], self.unknown)
        return self.unknown


def _cqdb_strings(buf: bytes, offset: int) -> list[str]:
    """The strings of a CQDB chunk at ``offset``, by id (its backward array)."""
    magic, _size, _flag, _order, n, bwd = struct.unpack_from("<4s5I", buf, offset)
    if magic != b"CQDB":
        raise ModelError("not a CRFsuite model: bad string database")
    out = []
    for rel in struct.unpack_from(f"<{n}I", buf, offset + bwd):
        ksize = struct.unpack_from("<I", buf, offset + rel + 4)[0]
        start = offset + rel + 8
        out.append(buf[start : start + ksize - 1].decode("utf-8"))
    return out


@dataclass
class CrfTagging:
    """One tagged sequence: label indices of the best path, and (when asked) the marginals."""

    labels: list[int]
    #: (positions × labels) marginal probabilities, or None when not computed
    marginals: np.ndarray | None = None


class CrfModel:
    """A first-order CRFsuite model (``crf1d``): attribute rows, state and transition weights."""

    def __init__(
        self, labels: list[str], attributes: list[str], state: np.ndarray, trans: np.ndarray
    ) -> None:
        self.labels = labels
        self.label_index = {lab: i for i, lab in enumerate(labels)}
        self.rows = _Rows(attributes)
        #: (attributes + 1) × labels; the last row, for strings the model lacks, is zeros
        self.state = state
        self.trans = trans
        n = len(labels)
        self.exp_trans = np.array(list(map(math.exp, trans.ravel().tolist())), dtype=np.float64).reshape(n, n)

    @classmethod
    def load(cls, path: Path) -> CrfModel:
        """Read a CRFsuite model file (format ``FOMC`` version 100, as python-crfsuite writes)."""
        try:
            buf = path.read_bytes()
        except OSError as exc:
            raise ModelError(f"cannot read CRF model {path}: {exc}") from exc
        if len(buf) < _HEADER.size:
            raise ModelError(f"not a CRFsuite model: {path}")
        magic, _size, kind, _version, _nf, n_labels, n_attrs, off_feat, off_labels, off_attrs, *_ = (
            _HEADER.unpack_from(buf)
        )
        if magic != b"lCRF" or kind != b"FOMC":
            raise ModelError(f"not a CRFsuite crf1d model: {path}")
        chunk, _csize, n_feat = _CHUNK.unpack_from(buf, off_feat)
        if chunk != b"FEAT":
            raise ModelError(f"not a CRFsuite model (no feature chunk): {path}")
        labels = _cqdb_strings(buf, off_labels)
        attributes = _cqdb_strings(buf, off_attrs)
        if len(labels) != n_labels or len(attributes) != n_attrs:
            raise ModelError(f"CRFsuite model {path}: label or attribute count does not match")
        state = np.zeros((n_attrs + 1, n_labels), dtype=np.float64)
        trans = np.zeros((n_labels, n_labels), dtype=np.float64)
        seen: set[tuple[int, int, int]] = set()
        for kind_, src, dst, weight in _FEATURE.iter_unpack(
            buf[off_feat + _CHUNK.size : off_feat + _CHUNK.size + n_feat * _FEATURE.size]
        ):
            if (kind_, src, dst) in seen:  # CRFsuite would add both; a model never has two
                raise ModelError(f"CRFsuite model {path}: feature {kind_}/{src}/{dst} twice")
            seen.add((kind_, src, dst))
            if kind_ == _STATE:
                state[src, dst] = weight
            elif kind_ == _TRANSITION:
                trans[src, dst] = weight
        return cls(labels, attributes, state, trans)

    def slots(self, sequences: Sequence[Sequence[Sequence[str]]]) -> np.ndarray:
        """(tokens × slots) rows of the sequences' feature strings, the sequences one after
        another, each token's features in order, :attr:`unknown` past a token's last."""
        tokens = [tok for seq in sequences for tok in seq]
        if not tokens:
            return np.zeros((0, 1), dtype=np.int64)
        counts = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        ids = np.fromiter(
            map(self.rows.__getitem__, chain.from_iterable(tokens)), dtype=np.int64, count=int(counts.sum())
        )
        width = max(1, int(counts.max()))
        block = np.full((len(tokens), width), self.rows.unknown, dtype=np.int64)
        block[np.arange(width) < counts[:, None]] = ids
        return block

    @property
    def unknown(self) -> int:
        """The row of zeros: a feature the model lacks, or no feature."""
        return self.rows.unknown

    def state_scores(self, slots: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """(sequences × longest × labels) state scores, zeros past each sequence's end, from
        the (tokens × slots) rows of the sequences one after another (:meth:`slots`).

        Each label's score adds the token's weights one slot after another, as CRFsuite adds
        them attribute after attribute (a zero row changes no sum)."""
        tmax = max(lengths, default=0)
        out = np.zeros((len(lengths), tmax, len(self.labels)), dtype=np.float64)
        if not len(slots):
            return out
        weights = self.state
        sums = weights[slots[:, 0]]
        for k in range(1, slots.shape[1]):
            sums += weights[slots[:, k]]
        out[np.arange(tmax) < np.asarray(lengths)[:, None]] = sums
        return out

    def tag(self, sequences: Sequence[Sequence[Sequence[str]]], marginals: bool = False) -> list[CrfTagging]:
        """The best label path of each sequence of token feature lists, with its marginals
        when asked."""
        if not sequences:
            return []
        lengths = [len(s) for s in sequences]
        scores = self.state_scores(self.slots(sequences), lengths)
        out = [CrfTagging(p) for p in self.best_paths(scores, lengths)]
        if marginals:
            for tagging, m in zip(out, self.marginals(scores, lengths), strict=True):
                tagging.marginals = m
        return out

    @staticmethod
    def _longest_first(lengths: Sequence[int]) -> tuple[list[int], list[int], list[int]]:
        """The order longest first (at position t the sequences still running are then a
        prefix of the batch), the lengths in that order, and how many reach each position."""
        if min(lengths) < 1:
            raise ValueError("a CRF sequence needs at least one token")
        order = sorted(range(len(lengths)), key=lambda b: -lengths[b])
        ordered = [lengths[b] for b in order]
        tmax = ordered[0]
        counts = np.bincount(np.asarray(ordered), minlength=tmax + 1)
        running = (len(ordered) - np.cumsum(counts)[:tmax]).tolist()
        return order, ordered, running

    def best_paths(self, scores: np.ndarray, lengths: Sequence[int]) -> list[list[int]]:
        """The Viterbi label path (label indices) of each sequence."""
        if not lengths:
            return []
        order, lengths, running = self._longest_first(lengths)
        scores = scores[order, : lengths[0]]
        n_seq, tmax, n_labels = scores.shape
        best = np.empty_like(scores)
        back = np.zeros((n_seq, tmax, n_labels), dtype=np.int64)
        best[:, 0] = scores[:, 0]
        trans_t = np.ascontiguousarray(self.trans.T)  # [j, i] = trans[i][j]
        for t in range(1, tmax):
            n = running[t]
            cand = best[:n, t - 1, None, :] + trans_t  # [b, j, i] = prev[i] + trans[i][j]
            back[:n, t] = cand.argmax(axis=2)  # the first i on ties, as CRFsuite's strict '<'
            best[:n, t] = cand.max(axis=2) + scores[:n, t]
        # back from each sequence's last position (longest first: those running at t are a prefix)
        last = np.asarray(lengths) - 1
        ends = best[np.arange(n_seq), last].argmax(axis=1)
        labels = np.zeros((n_seq, tmax), dtype=np.int64)
        labels[np.arange(n_seq), last] = ends
        for t in range(tmax - 1, 0, -1):
            n = running[t]
            labels[:n, t - 1] = back[np.arange(n), t, labels[:n, t]]
        rows = labels.tolist()
        paths: list[list[int]] = [[]] * n_seq
        for k, n in enumerate(lengths):
            paths[order[k]] = rows[k][:n]
        return paths

    def marginals(self, scores: np.ndarray, lengths: Sequence[int]) -> list[np.ndarray]:
        """Each sequence's (positions × labels) marginals, CRFsuite's forward-backward.

        Sums over labels run left to right: a reduction over the first axis of a C-ordered
        array adds whole slices one after another (numpy sums pairwise only along the axis
        its inner loop walks, which here is never the summed one), and a row total is an
        ``accumulate`` (sequential by definition)."""
        if not lengths:
            return []
        order, lengths, running = self._longest_first(lengths)
        scores = scores[order, : lengths[0]]
        n_seq, tmax, _ = scores.shape
        mask = np.arange(tmax) < np.asarray(lengths)[:, None]
        exp_state = np.ones_like(scores)
        real = scores[mask]
        exp_state[mask] = np.array(list(map(math.exp, real.ravel().tolist())), dtype=np.float64).reshape(
            real.shape
        )
        exp_trans = self.exp_trans
        exp_trans_t = np.ascontiguousarray(exp_trans.T)  # [j, i] = trans[i][j]
        alpha = np.ones_like(scores)
        scale = np.ones((n_seq, tmax), dtype=np.float64)
        add = np.add
        for t in range(tmax):
            n = running[t]
            if t:
                # cur[j] = sum over i, in order, of prev[i] * trans[i][j]; then times state[j]
                prev_t = alpha[:n, t - 1].T  # [i, b]
                cur = add.reduce(prev_t[:, :, None] * exp_trans[:, None, :], axis=0)
                cur *= exp_state[:n, t]
            else:
                cur = exp_state[:, 0].copy()
            total = add.accumulate(cur, axis=1)[:, -1]
            sc = np.ones_like(total)
            np.divide(1.0, total, out=sc, where=total != 0.0)
            scale[:n, t] = sc
            cur *= sc[:, None]
            alpha[:n, t] = cur
        beta = np.ones_like(scores)
        for t in range(tmax - 1, -1, -1):
            n, going_on = running[t], running[t + 1] if t + 1 < tmax else 0
            # the sequences that end at t: beta = scale[t] for every label
            beta[going_on:n, t] = scale[going_on:n, t, None]
            if going_on:
                row = beta[:going_on, t + 1] * exp_state[:going_on, t + 1]  # [b, j]
                # cur[i] = sum over j, in order, of trans[i][j] * row[j]; then times scale[t]
                cur = add.reduce(exp_trans_t[:, None, :] * row.T[:, :, None], axis=0)
                cur *= scale[:going_on, t, None]
                beta[:going_on, t] = cur
        probs = alpha * beta / scale[:, :, None]
        out: list[np.ndarray] = [probs[0, :0]] * n_seq
        for k, n in enumerate(lengths):
            out[order[k]] = probs[k, :n]
        return out
