"""Hand-made records for the store tests: a tiny builder, no spaCy needed."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.record import Actor, Claim, DocumentInfo, Event, Record, Span, Statement

#: Actors the builder knows: name → (kind, country)
ACTORS = {
    "Kremlin": ("state", "RUS"),
    "White House": ("state", "USA"),
    "Pyongyang": ("state", "PRK"),
    "Tehran": ("state", "IRN"),
    "Moscow": ("state", "RUS"),
    "Seoul": ("state", "KOR"),
    "Beijing": ("state", "CHN"),
    "Lavrov": ("person", "RUS"),
    "Wang Yi": ("person", "CHN"),
    "Blinken": ("person", "USA"),
}


@dataclass
class Said:
    """``speaker`` said (with ``stance``) ``content``; an optional event inside the content."""

    speaker: str
    content: str
    stance: str = "assert"
    event: tuple[str, str, str, float, int] | None = None  # (source, target, cameo, goldstein, quad)


def make_record(
    doc_id: str,
    said: list[Said],
    *,
    source: str | None = "Example News",
    published: str | None = "2024-03-05",
    version: str = "0.1.0",
    claim_text: str | None = None,
    negated_event: bool = False,
) -> Record:
    """A record whose text is one sentence per statement: ``SPEAKER said that CONTENT.``"""
    text, statements, events, mentions = "", [], [], {}
    for i, s in enumerate(said, start=1):
        start = len(text)
        text += f"{s.speaker} said that "
        mentions.setdefault(s.speaker, []).append((start, start + len(s.speaker)))
        c0 = len(text)
        text += s.content
        c1 = len(text)
        text += ". "
        for name in ACTORS:
            pos = s.content.find(name)
            if pos >= 0:
                mentions.setdefault(name, []).append((c0 + pos, c0 + pos + len(name)))
        statements.append((f"S{i}", s.speaker, c0, c1, s.stance, s.event))
    text += f"(Report {doc_id}.)"
    actor_ids = {name: f"A{n}" for n, name in enumerate(mentions, start=1)}
    actors = [
        Actor(
            id=actor_ids[name],
            name=name,
            kind=ACTORS.get(name, ("person", None))[0],  # type: ignore[arg-type]
            country=ACTORS.get(name, ("person", None))[1],
            mentions=[Span.of(text, a, b) for a, b in spans],
        )
        for name, spans in mentions.items()
    ]
    for sid, _speaker, c0, c1, _stance, ev in statements:
        if ev is None:
            continue
        src, tgt, cameo, goldstein, quad = ev
        sentence = Span.of(text, c0, c1)
        events.append(
            Event(
                id=f"E{len(events) + 1}",
                source=actor_ids.get(src),
                target=actor_ids.get(tgt),
                cameo=cameo,
                root=cameo[:2],
                goldstein=goldstein,
                quad_class=quad,
                trigger=Span.of(text, c0, c0 + 1),
                sentence=sentence,
                negated=negated_event,
                statement=sid,
            )
        )
    stmts = [
        Statement(
            id=sid,
            speaker=actor_ids[speaker],
            content=Span.of(text, c0, c1),
            kind="indirect",
            stance=stance,  # type: ignore[arg-type]
            claim="C1" if claim_text else None,
        )
        for sid, speaker, c0, c1, stance, _ev in statements
    ]
    claims = []
    if claim_text:
        claims.append(
            Claim(
                id="C1",
                text=claim_text,
                statements=[s.id for s in stmts],
                asserted_by=[s.speaker for s in stmts if s.stance == "assert" and s.speaker],
                denied_by=[s.speaker for s in stmts if s.stance == "deny" and s.speaker],
            )
        )
    info = DocumentInfo(id=doc_id, source=source, published=published, text=text)
    return Record(
        document=info,
        actors=actors,
        statements=stmts,
        claims=claims,
        events=events,
        generator={"claimgraph": version},
    )


@dataclass
class Report:
    """One sentence reporting an event: ``text`` holds ``source`` and ``target`` (actor names in
    :data:`ACTORS`) and the ``trigger`` word; the event has a date (value, precision) and a mode."""

    text: str
    source: str | None
    target: str | None
    trigger: str
    cameo: str = "040"
    plover: str = "CONSULT"
    goldstein: float = 1.0
    quad: int = 1
    date: tuple[str, str] | None = None
    mode: str = "asserted"
    location: str | None = None


def event_record(
    doc_id: str,
    reports: list[Report],
    *,
    source: str | None = "Example News",
    published: str | None = "2024-03-05",
    version: str = "0.1.0",
) -> Record:
    """A record of one sentence per report, each with its event (no statements)."""
    from claimgraph.record import EventDate, EventPlace

    text, placed = "", []
    for r in reports:
        start = len(text)
        text += r.text + " "
        placed.append((start, r))
    actors: dict[str, Actor] = {}
    events = []
    for n, (start, r) in enumerate(placed, start=1):
        ids = []
        for name in (r.source, r.target):
            if name is None:
                ids.append(None)
                continue
            pos = start + r.text.index(name)
            if name not in actors:
                kind, country = ACTORS[name]
                actors[name] = Actor(
                    id=f"A{len(actors) + 1}",
                    name=name,
                    kind=kind,  # type: ignore[arg-type]
                    country=country,
                    mentions=[],
                )
            actor = actors[name]
            actors[name] = actor.model_copy(
                update={"mentions": [*actor.mentions, Span.of(text, pos, pos + len(name))]}
            )
            ids.append(actor.id)
        t0 = start + r.text.index(r.trigger)
        events.append(
            Event(
                id=f"E{n}",
                source=ids[0],
                target=ids[1],
                cameo=r.cameo,
                root=r.cameo[:2],
                plover=r.plover,
                goldstein=r.goldstein,
                quad_class=r.quad,
                trigger=Span.of(text, t0, t0 + len(r.trigger)),
                sentence=Span.of(text, start, start + len(r.text)),
                negated=r.mode == "negated",
                mode=r.mode,  # type: ignore[arg-type]
                date=EventDate(value=r.date[0], precision=r.date[1]) if r.date else None,  # type: ignore[arg-type]
                location=EventPlace(country=r.location, span=Span.of(text, start, start + 1))
                if r.location
                else None,
            )
        )
    info = DocumentInfo(id=doc_id, source=source, published=published, text=text.strip())
    return Record(
        document=info, actors=list(actors.values()), events=events, generator={"claimgraph": version}
    )
