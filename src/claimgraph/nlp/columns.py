"""A Doc's token attributes as plain Python lists, read once per Doc.

Every ``Token`` a loop touches is a new Python object, and every ``tok.lower_`` or
``tok.pos_`` a string-store lookup; stages that walk each sentence several times paid for
that again at each pass. :func:`columns` reads the attributes with one ``Doc.to_array``
and keeps the lists beside the Doc (a weak-keyed table, not ``Doc.user_data``, so that
``Doc.to_bytes`` and ``nlp.pipe(n_process=N)`` never meet them; they go with the Doc).

:func:`claimgraph.stages.run_stages` reads them afresh when it starts and drops them when it
returns (:func:`forget_columns`): a pipeline component placed after a claimgraph one may
change the annotation, and the lists need not outlive the stages.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.tokens import Doc

__all__ = ["Columns", "children", "columns", "forget_columns"]

_ATTRS = [
    ORTH,
    LOWER,
    LEMMA,
    POS,
    TAG,
    DEP,
    ENT_TYPE,
    ENT_IOB,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    SENT_START,
]
#: ``Token.ent_iob_`` of each ``Token.ent_iob`` value.
_IOB = ("", "I", "O", "B")
#: Each live Doc's :class:`Columns` (an entry goes when its Doc is collected).
_KEPT: weakref.WeakKeyDictionary[Doc, Columns] = weakref.WeakKeyDictionary()
#: Each live Doc's children lists (:func:`children`), with the :class:`Columns` they were read from.
_KIDS: weakref.WeakKeyDictionary[Doc, tuple[Columns, list[list[int]]]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Columns:
    """Per-token attributes of a Doc, indexed by ``Token.i``.

    ``lower``, ``pos``, ``tag``, ``dep``, ``ent_type``, ``ent_iob`` are the ``Token``
    attributes of the same name with a trailing underscore; ``text`` is ``Token.text``,
    ``lemma`` is ``lemma_.lower()``; ``head`` the head's index; ``idx`` the character
    offset; the flags are the ``Token`` flags of the same name (``sent_start``:
    ``Token.is_sent_start`` is true); ``hashes`` the string-store hashes of the first
    seven.
    """

    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    ent_iob: list[str]
    head: list[int]
    idx: list[int]
    is_punct: list[bool]
    is_space: list[bool]
    is_title: list[bool]
    is_upper: list[bool]
    sent_start: list[bool]
    #: (tokens × 7) the string-store hashes of ORTH, LOWER, LEMMA (before lowering), POS, TAG,
    #: DEP and ENT_TYPE: equal hashes, equal strings (to number a column's distinct values)
    hashes: np.ndarray


def _read(doc: Doc) -> Columns:
    rows = doc.to_array(_ATTRS)
    strings = doc.vocab.strings
    text, lower, lemma, pos, tag, dep, ent_type = (
        [strings[h] if h else "" for h in col.tolist()] for col in rows[:, :7].T
    )
    n = len(doc)
    return Columns(
        text=text,
        lower=lower,
        lemma=[lm.lower() for lm in lemma],
        pos=pos,
        tag=tag,
        dep=dep,
        ent_type=ent_type,
        ent_iob=[_IOB[v] for v in rows[:, 7].tolist()],
        head=(np.arange(n, dtype=np.int64) + rows[:, 8].view(np.int64)).tolist(),
        idx=rows[:, 9].tolist(),
        is_punct=(rows[:, 10] != 0).tolist(),
        is_space=(rows[:, 11] != 0).tolist(),
        is_title=(rows[:, 12] != 0).tolist(),
        is_upper=(rows[:, 13] != 0).tolist(),
        sent_start=(rows[:, 14].view(np.int64) == 1).tolist(),
        hashes=rows[:, :7],
    )


def forget_columns(doc: Doc) -> None:
    """Drop the :class:`Columns` kept with ``doc`` (a later :func:`columns` reads them again)."""
    _KEPT.pop(doc, None)
    _KIDS.pop(doc, None)


def columns(doc: Doc) -> Columns:
    """The :class:`Columns` of ``doc``, read at the first call and kept with the Doc."""
    cols = _KEPT.get(doc)
    if cols is None or len(cols.text) != len(doc):  # new, or retokenised since
        cols = _KEPT[doc] = _read(doc)
    return cols


def children(doc: Doc) -> list[list[int]]:
    """Each token's children (``Token.children``) as indices in ascending order, indexed by
    ``Token.i``; built from the :func:`columns` heads at the first call and kept with them."""
    cols = columns(doc)
    kept = _KIDS.get(doc)
    if kept is not None and kept[0] is cols:
        return kept[1]
    kids: list[list[int]] = [[] for _ in cols.head]
    for i, h in enumerate(cols.head):
        if h != i:
            kids[h].append(i)
    _KIDS[doc] = (cols, kids)
    return kids
