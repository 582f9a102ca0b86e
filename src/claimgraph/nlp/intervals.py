"""Overlap queries over character ranges in ``O(log n + k)``, not ``O(n)`` per query.

Stages ask "which actor mention, quotation, statement content overlaps ``[start, end)``"
once per token, clause or statement; scanning every range for each question made their
cost grow with the square of the document's length. :class:`Intervals` sorts the ranges
once and answers the same questions from a window of the sorted list, **in the original
order** of the ranges, so a caller that kept "the first best one" keeps exactly the same
answer. :func:`actor_index` is the index over a record's actor mentions that replaces
:meth:`claimgraph.record.Record.actor_at` inside the stages (same answers, same ties).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar

from claimgraph.record import Actor, Record, Span

__all__ = ["ActorIndex", "Intervals", "RangeSet", "actor_index"]

T = TypeVar("T")


class Intervals(Generic[T]):
    """Half-open ranges ``(start, end)`` with a payload each, kept in their given order."""

    def __init__(self, ranges: Sequence[tuple[int, int, T]]) -> None:
        order = sorted(range(len(ranges)), key=lambda i: (ranges[i][0], i))
        self._ranges = [ranges[i] for i in order]
        self._order = order
        self._starts = [ranges[i][0] for i in order]
        self._longest = max((e - s for s, e, _ in ranges), default=0)
        # prefix maximum of the ends, in start order (for "is any range around x")
        self._max_end: list[int] = []
        best = -1
        for _, e, _ in self._ranges:
            best = max(best, e)
            self._max_end.append(best)

    def __len__(self) -> int:
        return len(self._ranges)

    def _near(self, start: int, end: int) -> Iterator[tuple[int, tuple[int, int, T]]]:
        """(original position, range) of every range that may overlap ``[start, end)``."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_right(self._starts, max(start, end))
        for k in range(lo, hi):
            yield self._order[k], self._ranges[k]

    def near(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """In original order, every range that overlaps, touches, holds or lies in ``[start, end)``
        (and maybe a few more: callers keep their own exact test)."""
        return [r for _, r in sorted(self._near(start, end), key=lambda x: x[0])]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The ranges sharing at least one character with ``[start, end)``, in original order."""
        found = [(pos, r) for pos, r in self._near(start, end) if min(r[1], end) - max(r[0], start) > 0]
        return [r for _, r in sorted(found, key=lambda x: x[0])]

    def most_overlapping(self, start: int, end: int) -> tuple[int, int, T] | None:
        """The range with the largest overlap with ``[start, end)`` (the first such in original
        order on a tie), or None when none overlaps."""
        best: tuple[int, int, tuple[int, int, T]] | None = None  # (overlap, -position, range)
        for pos, r in self._near(start, end):
            overlap = min(r[1], end) - max(r[0], start)
            if overlap > 0 and (best is None or (overlap, -pos) > best[:2]):
                best = (overlap, -pos, r)
        return best[2] if best else None

    def containing(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The ranges that hold all of ``[start, end)``, in original order."""
        found = [(pos, r) for pos, r in self._near(start, end) if r[0] <= start and end <= r[1]]
        return [r for _, r in sorted(found, key=lambda x: x[0])]

    def covers(self, at: int) -> bool:
        """Whether some range holds the character offset ``at`` (``start <= at < end``)."""
        k = bisect_right(self._starts, at) - 1
        return k >= 0 and self._max_end[k] > at


class RangeSet:
    """Ranges ``(start, end)`` that can be added to, asked whether any *touches* a range:
    ``start < other_end and other_start < end`` (so an empty range inside one counts)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0
        for s, e in ranges:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        k = bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        self._longest = max(self._longest, end - start)

    def touches(self, start: int, end: int) -> bool:
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        ends = self._ends
        return any(start < ends[k] for k in range(lo, hi))


class ActorIndex:
    """The actor mentions of a record, for overlap questions (see :func:`actor_index`)."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors = list(actors)
        self.mentions: Intervals[tuple[Actor, Span]] = Intervals(
            [(m.start, m.end, (a, m)) for a in self.actors for m in a.mentions]
        )
        ends = sorted(
            (m.end, pos, a)
            for pos, (a, m) in enumerate((a, m) for a in self.actors for m in a.mentions)
            if a.kind == "person"
        )
        self._kinds = {a.id: a.kind for a in self.actors}
        self._by_id: dict[str, Actor] = {}
        for a in self.actors:
            self._by_id.setdefault(a.id, a)
        self._person_ends = [e for e, _, _ in ends]
        self._person_actors = [a for _, _, a in ends]

    def actor(self, actor_id: str | None) -> Actor | None:
        """Exactly :meth:`Record.actor`: the (first) actor with this id, or None."""
        return None if actor_id is None else self._by_id.get(actor_id)

    def kind_of(self, actor_id: str) -> str | None:
        """The kind of the actor with this id (the last one with it, as a dict of them would)."""
        return self._kinds.get(actor_id)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """Exactly :meth:`Record.actor_at`: the actor with a mention overlapping ``[start, end)``
        most (the first in record order on a tie)."""
        found = self.mentions.most_overlapping(start, end)
        return found[2][0] if found else None

    def overlapping(self, start: int, end: int) -> list[tuple[Actor, Span]]:
        """(actor, mention) of every mention overlapping ``[start, end)``, in record order."""
        return [payload for _, _, payload in self.mentions.overlapping(start, end)]

    def inside_mention(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies within one mention."""
        return bool(self.mentions.containing(start, end))

    def person_before(self, offset: int) -> Actor | None:
        """The person whose mention ends last at or before ``offset`` (the first in record order
        on a tie), or None."""
        k = bisect_right(self._person_ends, offset) - 1
        if k < 0:
            return None
        first = bisect_left(self._person_ends, self._person_ends[k])
        return self._person_actors[first]


_CACHE: list[tuple[list[Actor], int, ActorIndex]] = []


def actor_index(record: Record) -> ActorIndex:
    """The :class:`ActorIndex` of ``record.actors``, built once per actor list.

    The stages pass records around with ``model_copy``, which keeps the same actors list, so
    every stage after the actors stage shares one index. An actors list changed in place
    after its index was built is not noticed (no stage does that).
    """
    actors = record.actors
    if _CACHE and _CACHE[0][0] is actors and _CACHE[0][1] == len(actors):
        return _CACHE[0][2]
    index = ActorIndex(actors)
    _CACHE[:] = [(actors, len(actors), index)]
    return index
