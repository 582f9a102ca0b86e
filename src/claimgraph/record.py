"""The record: claimgraph's one interchange format (JSON contract, version 1).

Every finding points at the characters it came from: a :class:`Span` is a
half-open ``[start, end)`` range of character offsets into
``record.document.text`` with the covered text repeated. Build spans with
:meth:`Span.of` (or :meth:`Record.span`), which guarantees
``text[start:end] == span.text``.

The models here *are* the contract described in ``DESIGN.md``; fields may be
added, none may change meaning. ``claimgraph schema`` prints the JSON Schema.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from claimgraph.vocabulary import EVENT_MODES, TECHNIQUE_LABELS, EventMode, TechniqueLabel

__all__ = [
    "EVENT_MODES",
    "SCHEMA_ID",
    "TECHNIQUE_LABELS",
    "Actor",
    "ActorKind",
    "AuthorStance",
    "Claim",
    "CueClass",
    "DatePrecision",
    "DocumentInfo",
    "Event",
    "EventDate",
    "EventMode",
    "EventPlace",
    "Record",
    "Span",
    "Stance",
    "Statement",
    "StatementKind",
    "Technique",
    "Voice",
    "VoiceKind",
    "record_json_schema",
]

SCHEMA_ID: Literal["claimgraph.record/1"] = "claimgraph.record/1"

ActorKind = Literal["person", "state", "organisation", "group"]
StatementKind = Literal["direct", "indirect", "mixed", "according_to", "nominal"]
Stance = Literal["assert", "deny", "doubt", "question", "commit"]
CueClass = Literal["neutral", "distancing", "accusatory", "denial", "supportive", "hedging"]
AuthorStance = Literal["assert", "deny", "doubt", "none"]
VoiceKind = Literal["author_assertion", "author_evaluation"]
DatePrecision = Literal["day", "month", "year", "document"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(_Model):
    """A half-open character range ``[start, end)`` of ``document.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match end - start")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``, with offsets clamped into the text."""
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        return cls(start=start, end=end, text=text[start:end])

    def overlaps(self, other: Span | tuple[int, int]) -> bool:
        s, e = (other.start, other.end) if isinstance(other, Span) else other
        return self.start < e and s < self.end

    def contains(self, other: Span | tuple[int, int]) -> bool:
        s, e = (other.start, other.end) if isinstance(other, Span) else other
        return self.start <= s and e <= self.end


class DocumentInfo(_Model):
    """The analysed document: its text (all offsets index it) and metadata."""

    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date or datetime")
    author: str | None = None
    language: str = "en"
    encoding: str | None = Field(default=None, description="detected encoding of the input bytes")
    warnings: list[str] = Field(default_factory=list, description="degraded-analysis notices")
    text: str


class Actor(_Model):
    """A person, state, organisation or group of states, with all its mentions."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3, or None")
    sector: str | None = Field(default=None, description="CAMEO sector: GOV, MIL, MED, BUS, IGO, …")
    code: str | None = Field(default=None, description="CAMEO-style actor code, e.g. CHNGOV")
    title: str | None = Field(default=None, description="role words from the text or dictionary")
    members: list[str] = Field(default_factory=list, description="country codes of a group")
    mentions: list[Span] = Field(default_factory=list)


class Statement(_Model):
    """Who said what: speaker, cue, content, kind and stance."""

    id: str
    speaker: str | None = Field(default=None, description="actor id of the speaker")
    speaker_span: Span | None = None
    cue: Span | None = None
    content: Span
    kind: StatementKind
    stance: Stance = "assert"
    hedged: bool = False
    cue_class: CueClass | None = None
    claim: str | None = Field(default=None, description="id of the claim it belongs to")
    score: float | None = Field(
        default=None,
        description="confidence: the tagger's mean marginal probability of the cue, or a fixed prior "
        "for statements found by a rule",
    )


class Claim(_Model):
    """Statements about one proposition, with who asserts and who denies it."""

    id: str
    text: str
    statements: list[str] = Field(default_factory=list)
    asserted_by: list[str] = Field(default_factory=list)
    denied_by: list[str] = Field(default_factory=list)
    author_stance: AuthorStance = "none"
    evidence_cited: bool = False
    evidence: list[Span] = Field(default_factory=list)
    contested: bool = False
    check_worthiness: float | None = None


class EventDate(_Model):
    """When an event happened: an ISO date at a precision, and the expression it was read from."""

    value: str = Field(description="ISO 8601 date at its precision: YYYY-MM-DD, YYYY-MM or YYYY")
    precision: DatePrecision = Field(
        description="day, month or year of the time expression; document: the text names no date, "
        "the value is the document's publication date"
    )
    span: Span | None = Field(default=None, description="the time expression (None for document)")


class EventPlace(_Model):
    """Where an event happened: a country and the place name it was read from."""

    country: str = Field(description="ISO 3166 alpha-3 code")
    span: Span


class Event(_Model):
    """A CAMEO/PLOVER-coded interaction between two actors."""

    id: str
    source: str | None = None
    target: str | None = None
    cameo: str
    root: str
    label: str | None = Field(default=None, description="CAMEO code description")
    plover: str | None = None
    goldstein: float | None = None
    quad_class: int | None = Field(default=None, ge=0, le=4)
    trigger: Span
    sentence: Span
    negated: bool = False
    statement: str | None = None
    mode: EventMode = Field(
        default="asserted",
        description="asserted (happened), negated, intended (future, planned), hypothetical "
        "(conditional, possible) or demanded (someone calls for it)",
    )
    date: EventDate | None = None
    location: EventPlace | None = None
    reported_by: str | None = Field(
        default=None, description="id of the statement whose content reports the event (someone's claim)"
    )
    source_country: str | None = Field(
        default=None,
        description="ISO 3166 alpha-3 code of the source side: its actor's country, or for a group "
        "without one (a transnational armed group) or no actor the country of the event's place",
    )
    target_country: str | None = Field(
        default=None,
        description="the same for the target side; a protest with no target named is domestic: the "
        "source's country",
    )


class Technique(_Model):
    """A span that uses a persuasion technique (PTC label)."""

    label: TechniqueLabel
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    score: float = Field(ge=0.0, le=1.0)
    speaker: str | None = Field(default=None, description="actor id when inside a quote; None: the author")
    statement: str | None = Field(default=None, description="id of the statement whose content holds it")
    quoted: bool = Field(
        default=False,
        description="inside quotation marks no statement owns (a quoted title, name or remark whose "
        "speaker is unknown): someone else's words, not the author's own",
    )


class Voice(_Model):
    """A sentence or clause where the author asserts or evaluates unattributed."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: VoiceKind
    score: float = Field(ge=0.0, le=1.0)


class Record(_Model):
    """One analysed document: the JSON contract ``claimgraph.record/1``."""

    schema_: Literal["claimgraph.record/1"] = Field(default=SCHEMA_ID, alias="schema")
    document: DocumentInfo
    actors: list[Actor] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    techniques: list[Technique] = Field(default_factory=list)
    voice: list[Voice] = Field(default_factory=list)
    generator: dict[str, Any] = Field(
        default_factory=dict, description="versions of claimgraph and its model"
    )

    # -- helpers -----------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` of this record's text."""
        return Span.of(self.document.text, start, end)

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        if actor_id is None:
            return None
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping ``[start, end)`` (the longest overlap wins)."""
        best: tuple[int, Actor] | None = None
        for actor in self.actors:
            for m in actor.mentions:
                overlap = min(m.end, end) - max(m.start, start)
                if overlap > 0 and (best is None or overlap > best[0]):
                    best = (overlap, actor)
        return best[1] if best else None

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    @classmethod
    def from_json(cls, data: str | bytes) -> Record:
        return cls.model_validate_json(data)

    def check_spans(self) -> list[str]:
        """Problems with spans that do not match the text (empty list: all good)."""
        text = self.document.text
        problems: list[str] = []

        def check(where: str, s: int, e: int, t: str) -> None:
            if not (0 <= s <= e <= len(text)) or text[s:e] != t:
                problems.append(f"{where}: [{s}, {e}) {t!r}")

        for a in self.actors:
            for m in a.mentions:
                check(f"actor {a.id}", m.start, m.end, m.text)
        for st in self.statements:
            for name in ("speaker_span", "cue", "content"):
                sp = getattr(st, name)
                if sp is not None:
                    check(f"statement {st.id}.{name}", sp.start, sp.end, sp.text)
        for c in self.claims:
            for sp in c.evidence:
                check(f"claim {c.id}.evidence", sp.start, sp.end, sp.text)
        for ev in self.events:
            check(f"event {ev.id}.trigger", ev.trigger.start, ev.trigger.end, ev.trigger.text)
            check(f"event {ev.id}.sentence", ev.sentence.start, ev.sentence.end, ev.sentence.text)
            if ev.date is not None and ev.date.span is not None:
                check(f"event {ev.id}.date", ev.date.span.start, ev.date.span.end, ev.date.span.text)
            if ev.location is not None:
                sp = ev.location.span
                check(f"event {ev.id}.location", sp.start, sp.end, sp.text)
        for t in self.techniques:
            check(f"technique {t.label}", t.start, t.end, t.text)
        for v in self.voice:
            check(f"voice {v.kind}", v.start, v.end, v.text)
        return problems


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Record` (what ``claimgraph schema`` prints)."""
    schema = Record.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    return schema


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(record_json_schema(), indent=2))
