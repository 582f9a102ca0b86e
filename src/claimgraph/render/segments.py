"""Cutting a text into segments at every span boundary, for highlighting overlapping findings.

Findings overlap freely (a technique inside a quote inside an author's
sentence, an actor mention that is also a speaker). Instead of nesting tags,
the text is cut at every start and end of every finding; each segment then
carries the set of findings that cover it all, so one segment can wear
several highlight classes at once (the approach of brat and Prta's viewers).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

__all__ = ["Mark", "Segment", "segments"]


@dataclass(frozen=True)
class Mark:
    """One finding to highlight: a half-open ``[start, end)`` range with its look and hover note.

    ``ref`` names the finding (e.g. ``"a0"``), so tables can point at its segments;
    ``technique`` is the label's index for technique marks.
    """

    start: int
    end: int
    classes: tuple[str, ...]
    ref: str
    note: str
    technique: int | None = None


@dataclass
class Segment:
    """A stretch of text covered by exactly the same marks from start to end."""

    start: int
    end: int
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        """The union of its marks' classes, in first-seen order."""
        return list(dict.fromkeys(c for m in self.marks for c in m.classes))

    @property
    def refs(self) -> str:
        return " ".join(dict.fromkeys(m.ref for m in self.marks))

    @property
    def note(self) -> str:
        return "\n".join(dict.fromkeys(m.note for m in self.marks))

    @property
    def techniques(self) -> list[int]:
        """Technique label indices covering it (sorted, distinct)."""
        return sorted({m.technique for m in self.marks if m.technique is not None})


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; return the segments covering all of it, in order.

    Marks are clipped to the text; empty marks are ignored. Segments with no
    mark are returned too (with ``marks == []``), so joining their texts gives
    ``text`` back. A sweep over the sorted boundaries: O((n + m) log m).
    """
    n = len(text)
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for i, mark in enumerate(marks):
        start, end = max(0, min(mark.start, n)), max(0, min(mark.end, n))
        if end > start:
            opens.setdefault(start, []).append(i)
            closes.setdefault(end, []).append(i)
    bounds = sorted({0, n, *opens, *closes})
    active: dict[int, None] = {}
    out: list[Segment] = []
    for left, right in itertools.pairwise(bounds):
        for i in closes.get(left, ()):
            active.pop(i, None)
        for i in opens.get(left, ()):
            active[i] = None
        out.append(Segment(left, right, text[left:right], [marks[i] for i in sorted(active)]))
    return out
