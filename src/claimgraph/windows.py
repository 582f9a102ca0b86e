"""Long documents in windows: cut the text, analyse each piece, stitch one record.

A spaCy parse and the extraction stages cost more than linear time and memory in the
length of one document (the parser's and the stages' working sets grow with it), so a
document longer than :data:`WINDOW_CHARS` characters is analysed in pieces and the pieces'
records are joined into **one** record of the whole text:

- **cutting** (:func:`window_bounds`): each window holds at most ``size`` characters and
  at least half that (but the last). It ends after the last paragraph break (a blank line)
  in its second half; failing that after the last line break, then the last sentence end
  (``.``, ``!`` or ``?`` and closing quotes or brackets, then a space), then the last
  whitespace; a text with none of these is cut hard at ``size`` characters. The windows
  cover the text exactly, in order, without overlap.
- **stitching** (:class:`Stitcher`): every span is shifted by its window's start, so it is
  again a half-open range of ``document.text`` with the covered text repeated
  (:meth:`claimgraph.record.Record.check_spans` holds); ids are renumbered in text order
  (``A1…``, ``S1…``, ``C1…``, ``E1…``) and every reference is remapped: a statement's
  ``speaker`` and ``claim``, a claim's ``statements``, ``asserted_by`` and ``denied_by``,
  an event's ``source``, ``target`` and ``statement``, a technique's ``speaker`` and
  ``statement``. The same actor found in several windows is one actor: actors of later
  windows with the same kind, name, country and code as an actor of an earlier window
  join it (their mentions appended; the earlier window's title and members kept). Two
  actors the actors stage kept apart inside one window stay apart: each joins a different
  earlier actor of that identity while there is one (in order), else starts a new one.

Cost: each window is parsed and analysed on its own and dropped before the next, so time
grows linearly with the length of the text and memory stays bounded by one window (plus
the record being built). A document at or under the window size takes the ordinary path
and gets exactly the record it always had.

**What degrades for long documents** (noted in ``document.warnings``): nothing links
across a cut. There is no coreference across windows — a pronoun, a surname ("Putin"
after "Vladimir Putin" in an earlier window), a description ("the ministry") or a title
resolves only to actors of its own window, so the same person may appear as two actors
when the windows name them differently ("Vladimir Putin", "Putin"). Claims are grouped
only within a window: statements of the same proposition in two windows give two claims,
and a reference ("the allegations") cannot reach a claim of an earlier window; the
author's stance and cited evidence for a claim are read only in its window. A statement
whose cue and content straddle a cut is lost or split (cuts fall between paragraphs, so
this is rare).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from claimgraph.record import Actor, Claim, DocumentInfo, Event, Record, Statement, Technique, Voice

__all__ = ["WINDOW_CHARS", "Stitcher", "Windows", "degradation_note", "window_bounds"]

#: Longest text analysed in one piece, in characters. Well above news articles (the longest
#: of the PTC and PolNeAR articles has about 48,000 characters), so their records never
#: change, and small enough that one window's parse and stages stay within about half a
#: gigabyte (spaCy's own limit, ``nlp.max_length``, is a million characters).
WINDOW_CHARS = 100_000

#: Where a window may end, best first: after a blank line, a line break, a sentence end,
#: any whitespace.
_CUTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),
    re.compile(r"\s+"),
)

M = TypeVar("M", bound=BaseModel)


def window_bounds(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of each window of ``text`` (see the module docstring)."""
    if size < 2:
        raise ValueError(f"window size must be at least 2 characters, not {size}")
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        end = _cut(text, start + size // 2, start + size)
        bounds.append((start, end))
        start = end
    bounds.append((start, n))
    return bounds


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place in ``(lo, hi]`` to end a window."""
    for pattern in _CUTS:
        last = None
        for last in pattern.finditer(text, lo, hi):  # noqa: B007 (the last match is kept)
            pass
        if last is not None and lo < last.end() <= hi:
            return last.end()
    return hi


@dataclass(frozen=True)
class Windows:
    """A document to analyse in windows: their ``(start, end)`` offsets into its text."""

    bounds: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str, size: int = WINDOW_CHARS) -> Windows:
        return cls(tuple(window_bounds(text, size)))

    def __len__(self) -> int:
        return len(self.bounds)


def degradation_note(windows: int, size: int) -> str:
    """The warning a stitched record carries."""
    return (
        f"long text analysed in {windows} windows of at most {size:,} characters: "
        "no coreference or claim grouping across windows"
    )


def _shift(value: Any, offset: int) -> Any:
    """``value`` with every character offset moved by ``offset``: any model with integer
    ``start`` and ``end`` fields (a :class:`~claimgraph.record.Span`, a technique, a voice
    span), at any depth of models and lists."""
    if isinstance(value, list):
        items = [_shift(v, offset) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if not isinstance(value, BaseModel):
        return value
    update: dict[str, Any] = {}
    for name in type(value).model_fields:
        old = getattr(value, name)
        new = _shift(old, offset)
        if new is not old:
            update[name] = new
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool):
        update["start"], update["end"] = start + offset, end + offset
    return value.model_copy(update=update) if update else value


def _key(actor: Actor) -> tuple[str, str, str | None, str | None]:
    return (actor.kind, actor.name, actor.country, actor.code)


def _remap(ids: Iterable[str], mapping: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(mapping.get(i, i) for i in ids))


@dataclass
class Stitcher:
    """Joins the records of a document's windows, in text order, into one record."""

    document: DocumentInfo
    generator: dict[str, Any] = field(default_factory=dict)
    actors: list[Actor] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    voice: list[Voice] = field(default_factory=list)
    _by_key: dict[tuple[str, str, str | None, str | None], list[int]] = field(default_factory=dict)

    def add(self, offset: int, part: Record) -> None:
        """Add the record of the window starting at character ``offset`` of the document."""
        part = _shift(part, offset)
        actor_ids = self._add_actors(part.actors)
        st_ids = {st.id: f"S{len(self.statements) + k}" for k, st in enumerate(part.statements, 1)}
        claim_ids = {c.id: f"C{len(self.claims) + k}" for k, c in enumerate(part.claims, 1)}

        def actor(i: str | None) -> str | None:
            return None if i is None else actor_ids.get(i, i)

        def statement(i: str | None) -> str | None:
            return None if i is None else st_ids.get(i, i)

        for st in part.statements:
            self.statements.append(
                st.model_copy(
                    update={
                        "id": st_ids[st.id],
                        "speaker": actor(st.speaker),
                        "claim": None if st.claim is None else claim_ids.get(st.claim, st.claim),
                    }
                )
            )
        for c in part.claims:
            self.claims.append(
                c.model_copy(
                    update={
                        "id": claim_ids[c.id],
                        "statements": _remap(c.statements, st_ids),
                        "asserted_by": _remap(c.asserted_by, actor_ids),
                        "denied_by": _remap(c.denied_by, actor_ids),
                    }
                )
            )
        for ev in part.events:
            self.events.append(
                ev.model_copy(
                    update={
                        "id": f"E{len(self.events) + 1}",
                        "source": actor(ev.source),
                        "target": actor(ev.target),
                        "statement": statement(ev.statement),
                        "reported_by": statement(ev.reported_by),
                    }
                )
            )
        for t in part.techniques:
            self.techniques.append(
                t.model_copy(update={"speaker": actor(t.speaker), "statement": statement(t.statement)})
            )
        self.voice.extend(part.voice)

    def _add_actors(self, actors: list[Actor]) -> dict[str, str]:
        """Window actor id → record actor id, merging actors of earlier windows by identity."""
        mapping: dict[str, str] = {}
        used: set[int] = set()  # record actors this window already maps to
        for a in actors:
            k = next((k for k in self._by_key.get(_key(a), ()) if k not in used), None)
            if k is not None:
                known = self.actors[k]
                self.actors[k] = known.model_copy(
                    update={
                        "mentions": [*known.mentions, *a.mentions],
                        "title": known.title or a.title,
                        "members": known.members or a.members,
                    }
                )
            else:
                k = len(self.actors)
                self.actors.append(a.model_copy(update={"id": f"A{k + 1}"}))
                self._by_key.setdefault(_key(a), []).append(k)
            used.add(k)
            mapping[a.id] = self.actors[k].id
        return mapping

    def record(self) -> Record:
        """The stitched record of the whole document."""
        return Record(
            document=self.document,
            actors=self.actors,
            statements=self.statements,
            claims=self.claims,
            events=self.events,
            techniques=self.techniques,
            voice=self.voice,
            generator=self.generator,
        )
