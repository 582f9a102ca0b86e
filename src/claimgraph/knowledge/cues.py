"""Cue lexicon (reporting verbs and nouns, with their colour) and hedge markers.

``data/cues.tsv`` lists lemma, part of speech, ``cue_class`` (neutral "said",
distancing "claimed", accusatory "accused", denial "denied", supportive
"confirmed", hedging "suggested") and the stance the cue itself expresses
(``deny`` for "denied", ``doubt`` for "questioned", ``question`` for "asked").
``data/hedges.tsv`` lists modal verbs, hedging adverbs and phrases. Seeded from
the GenderGapTracker reporting-verb list (MIT); see the files' headers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimgraph.knowledge import data_path

__all__ = ["CueInfo", "cue_info", "cue_lemmas", "cue_lexicon", "hedge_phrases", "hedge_words"]


@dataclass(frozen=True)
class CueInfo:
    lemma: str
    pos: str
    cue_class: str
    stance: str


def _rows(name: str) -> list[list[str]]:
    rows = []
    with open(data_path(name), encoding="utf-8") as fh:
        header = True
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            if header:
                header = False
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@cache
def cue_lexicon() -> dict[str, CueInfo]:
    """lemma → :class:`CueInfo` (a verb reading wins over a noun one for the same lemma)."""
    out: dict[str, CueInfo] = {}
    for lemma, pos, cls, stance in _rows("cues.tsv"):
        if lemma not in out or pos == "VERB":
            out[lemma] = CueInfo(lemma, pos, cls, stance)
    return out


@cache
def cue_lemmas() -> frozenset[str]:
    """Every cue lemma of the lexicon."""
    return frozenset(cue_lexicon())


@cache
def _noun_cues() -> dict[str, CueInfo]:
    return {lemma: CueInfo(lemma, pos, cls, st) for lemma, pos, cls, st in _rows("cues.tsv") if pos == "NOUN"}


def cue_info(lemma: str, pos: str | None = None) -> CueInfo | None:
    """The lexicon entry of a lemma (lower case), or None.

    ``pos="NOUN"`` asks for the noun reading of a lemma listed as both ("claim",
    "report"), which :func:`cue_lexicon` otherwise gives as a verb.
    """
    if pos == "NOUN":
        return _noun_cues().get(lemma.lower())
    return cue_lexicon().get(lemma.lower())


@cache
def hedge_words() -> frozenset[str]:
    """Single-word hedges: modals and hedging or distancing adverbs."""
    return frozenset(w for w, kind in _rows("hedges.tsv") if " " not in w)


@cache
def hedge_phrases() -> tuple[str, ...]:
    """Multi-word hedges ("is said to", "it is believed")."""
    return tuple(w for w, kind in _rows("hedges.tsv") if " " in w)
