"""Computed summaries that the terminal and HTML reports share.

Everything here is a pure function of a :class:`~claimgraph.record.Record`:
no output formats, no colours (those live in :mod:`claimgraph.render.palette`).
The reports call these so that both show the same numbers.

Whose voice carries a technique follows the PTC/Prta convention used in the
record (issue 5): a technique inside a statement's content is the speaker's,
outside it is the author's. The record says so with ``technique.speaker`` /
``technique.statement``; when neither is set, a technique lying wholly inside a
statement's content is still credited to that statement's speaker, and one inside a
quotation no statement owns (``technique.quoted``) to an unnamed speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimgraph.record import TECHNIQUE_LABELS, Actor, Record, Statement, Technique

__all__ = [
    "AUTHOR",
    "QUAD_CLASSES",
    "UNNAMED_SPEAKER",
    "LabelCount",
    "TechniqueSummary",
    "VoiceSummary",
    "actor_name",
    "actor_names",
    "count_noun",
    "counts",
    "covered_chars",
    "mention_count",
    "percent",
    "quad_name",
    "statement_speaker",
    "technique_owner",
    "technique_summary",
    "truncate",
    "voice_summary",
]

#: Who carries a technique outside any quote.
AUTHOR = "author"
#: A quote whose speaker could not be resolved to an actor.
UNNAMED_SPEAKER = "unnamed speaker"

#: CAMEO quad classes (ICEWS/GDELT convention; 0 where a code has none).
QUAD_CLASSES: dict[int, str] = {
    0: "neutral",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

_SPACE = re.compile(r"\s+")


def truncate(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with "…")."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


# -- actors ------------------------------------------------------------------
def _actor_display(actor: Actor) -> str:
    country = actor.country
    if actor.kind == "group" and actor.members and not country:
        shown = ", ".join(actor.members[:4]) + (", …" if len(actor.members) > 4 else "")
        return f"{actor.name} ({shown})"
    if country and country.casefold() != actor.name.casefold():
        return f"{actor.name} ({country})"
    return actor.name


def actor_name(record: Record, actor_id: str | None, *, default: str = "—") -> str:
    """The actor's name with its country, e.g. ``"Dmitry Peskov (RUS)"``.

    An unknown id is shown as itself; ``None`` gives ``default``.
    """
    if actor_id is None:
        return default
    actor = record.actor(actor_id)
    return _actor_display(actor) if actor is not None else actor_id


def actor_names(record: Record, actor_ids: Iterable[str], *, default: str = "—") -> str:
    """Several actors, comma-separated (``default`` when there are none)."""
    names = [actor_name(record, a) for a in actor_ids]
    return ", ".join(names) if names else default


def mention_count(actor: Actor) -> int:
    """How many times the actor is mentioned (distinct spans)."""
    return len({(m.start, m.end) for m in actor.mentions})


def statement_speaker(record: Record, statement: Statement) -> str:
    """Who makes a statement: the actor, else the speaker's words, else ``UNNAMED_SPEAKER``."""
    if statement.speaker is not None:
        return actor_name(record, statement.speaker)
    if statement.speaker_span is not None and statement.speaker_span.text.strip():
        return truncate(statement.speaker_span.text, 60)
    return UNNAMED_SPEAKER


# -- techniques --------------------------------------------------------------
def _statement_holding(record: Record, technique: Technique) -> Statement | None:
    if technique.statement is not None:
        found = next((s for s in record.statements if s.id == technique.statement), None)
        if found is not None:
            return found
    for st in record.statements:
        if st.content.start <= technique.start and technique.end <= st.content.end:
            return st
    return None


def technique_owner(record: Record, technique: Technique) -> str:
    """Whose voice carries the technique: ``AUTHOR``, or the quoted speaker's display name."""
    if technique.speaker is not None:
        return actor_name(record, technique.speaker)
    statement = _statement_holding(record, technique)
    if statement is None:
        return UNNAMED_SPEAKER if technique.quoted else AUTHOR
    return statement_speaker(record, statement)


def covered_chars(spans: Iterable[tuple[int, int]], limit: int | None = None) -> int:
    """Characters covered by the union of half-open ``(start, end)`` ranges (clipped to ``limit``)."""
    total = 0
    reach = -1
    for start, end in sorted(spans):
        if limit is not None:
            start, end = max(0, min(start, limit)), max(0, min(end, limit))
        if end <= start:
            continue
        if start >= reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


@dataclass(frozen=True)
class LabelCount:
    """Spans of one technique label, split by whose voice carries them."""

    label: str
    total: int
    author: int
    speakers: int


@dataclass(frozen=True)
class TechniqueSummary:
    """How much of a text persuades, with which techniques, in whose voice."""

    text_chars: int
    covered: int
    author_covered: int
    speakers_covered: int
    count: int
    author_count: int
    speaker_count: int
    by_label: list[LabelCount] = field(default_factory=list)
    by_owner: list[tuple[str, int]] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Share of the text's characters inside at least one technique span (0–1)."""
        return self.covered / self.text_chars if self.text_chars else 0.0

    @property
    def author_share(self) -> float:
        return self.author_covered / self.text_chars if self.text_chars else 0.0

    @property
    def speakers_share(self) -> float:
        return self.speakers_covered / self.text_chars if self.text_chars else 0.0


def technique_summary(record: Record) -> TechniqueSummary:
    """Share of text covered (union of spans), counts per label, author vs. speakers.

    Labels are listed by count (ties in PTC order); owners by count, the author first on ties.
    """
    n = len(record.document.text)
    owners = [technique_owner(record, t) for t in record.techniques]
    author_spans = [(t.start, t.end) for t, o in zip(record.techniques, owners, strict=True) if o == AUTHOR]
    speaker_spans = [(t.start, t.end) for t, o in zip(record.techniques, owners, strict=True) if o != AUTHOR]
    per_label: dict[str, list[int]] = {}
    for t, owner in zip(record.techniques, owners, strict=True):
        row = per_label.setdefault(t.label, [0, 0])
        row[0 if owner == AUTHOR else 1] += 1
    order = {label: i for i, label in enumerate(TECHNIQUE_LABELS)}
    by_label = [
        LabelCount(label, a + s, a, s)
        for label, (a, s) in sorted(per_label.items(), key=lambda kv: (-sum(kv[1]), order.get(kv[0], 99)))
    ]
    owner_counts = Counter(owners)
    by_owner = sorted(owner_counts.items(), key=lambda kv: (-kv[1], kv[0] != AUTHOR, kv[0]))
    return TechniqueSummary(
        text_chars=n,
        covered=covered_chars(author_spans + speaker_spans, n),
        author_covered=covered_chars(author_spans, n),
        speakers_covered=covered_chars(speaker_spans, n),
        count=len(record.techniques),
        author_count=len(author_spans),
        speaker_count=len(speaker_spans),
        by_label=by_label,
        by_owner=by_owner,
    )


# -- voice -------------------------------------------------------------------
@dataclass(frozen=True)
class VoiceSummary:
    """The author's own, unattributed voice: how many spans of each kind, and how much text."""

    text_chars: int
    covered: int
    assertions: int
    evaluations: int

    @property
    def count(self) -> int:
        return self.assertions + self.evaluations

    @property
    def share(self) -> float:
        return self.covered / self.text_chars if self.text_chars else 0.0


def voice_summary(record: Record) -> VoiceSummary:
    """Counts of author assertions and evaluations, and the share of text they cover."""
    n = len(record.document.text)
    kinds = Counter(v.kind for v in record.voice)
    return VoiceSummary(
        text_chars=n,
        covered=covered_chars(((v.start, v.end) for v in record.voice), n),
        assertions=kinds.get("author_assertion", 0),
        evaluations=kinds.get("author_evaluation", 0),
    )


_NOUNS: dict[str, tuple[str, str]] = {
    "actors": ("actor", "actors"),
    "statements": ("statement", "statements"),
    "claims": ("claim", "claims"),
    "events": ("event", "events"),
    "techniques": ("technique", "techniques"),
    "voice": ("voice span", "voice spans"),
}


def percent(share: float) -> str:
    """A share as a percentage with one decimal: ``percent(0.134) == "13.4%"``."""
    return f"{share * 100:.1f}%"


def quad_name(quad_class: int | None) -> str | None:
    """The quad class's name ("verbal cooperation", …), or None when the event has none."""
    return QUAD_CLASSES.get(quad_class, str(quad_class)) if quad_class is not None else None


def count_noun(part: str, n: int) -> str:
    """The noun for ``n`` of a record part: ``count_noun("claims", 1) == "claim"``."""
    one, many = _NOUNS.get(part, (part, part))
    return one if n == 1 else many


def counts(record: Record) -> dict[str, int]:
    """How many of each part the record has, in report order."""
    return {
        "actors": len(record.actors),
        "statements": len(record.statements),
        "claims": len(record.claims),
        "events": len(record.events),
        "techniques": len(record.techniques),
        "voice": len(record.voice),
    }
