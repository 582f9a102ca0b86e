"""The HTML report: one self-contained file (inline CSS and JS, no network) for one or more records.

The page is a Jinja2 template with autoescaping on: every piece of record
text (article, titles, names, attribute values) is escaped, so an article
containing ``<script>`` shows it as text. No record data is ever written into
the page's script; the script only reads ``data-`` attributes we generate
(numeric indices and fixed class names).

Each record shows its article with the findings highlighted in layers
(actors, statements, events, techniques, voice) that can be switched on and
off, a legend with one colour per PTC technique, and the same sections as the
terminal report.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from jinja2 import Environment

from claimgraph import __version__
from claimgraph.record import TECHNIQUE_LABELS, Record
from claimgraph.render.jinja import template_environment
from claimgraph.render.palette import (
    LAYER_COLOURS,
    STANCE_COLOURS,
    TECHNIQUE_COLOURS,
    technique_colour,
    technique_index,
)
from claimgraph.render.segments import Mark, Segment, segments
from claimgraph.render.summary import (
    AUTHOR,
    actor_name,
    actor_names,
    count_noun,
    counts,
    mention_count,
    percent,
    quad_name,
    statement_speaker,
    technique_owner,
    technique_summary,
    voice_summary,
)

__all__ = ["record_marks", "render_html"]

#: Highlight layers, in legend order: (key, label).
LAYERS: tuple[tuple[str, str], ...] = (
    ("actors", "Actors"),
    ("statements", "Statements"),
    ("events", "Event triggers"),
    ("techniques", "Techniques"),
    ("voice", "Author's voice"),
)


@cache
def _environment() -> Environment:
    env = template_environment("claimgraph.render")
    env.filters["pct"] = percent
    env.filters["noun"] = lambda part, n: count_noun(part, n)
    return env


@cache
def _script() -> tuple[str, str]:
    """The report's JavaScript and its CSP hash: only this script may run in the page."""
    loader = _environment().loader
    assert loader is not None
    source = loader.get_source(_environment(), "report.js")[0]
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return source, f"sha256-{digest}"


def render_html(records: Iterable[Record] | Record, *, title: str | None = None) -> str:
    """One self-contained HTML page reporting ``records`` (a table of contents when several)."""
    records = [records] if isinstance(records, Record) else list(records)
    views = [_record_view(i, r) for i, r in enumerate(records, start=1)]
    if title is None:
        first = records[0].document if len(records) == 1 else None
        title = (first.title or first.id) if first else f"{len(records)} documents"
    script, script_hash = _script()
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title,
        script=script,
        script_hash=script_hash,
        records=views,
        layers=LAYERS,
        labels=[(label, technique_colour(label)) for label in TECHNIQUE_LABELS],
        palette=json.dumps([*TECHNIQUE_COLOURS.values(), technique_colour("")]),
        stance_colours=STANCE_COLOURS,
        layer_colours=LAYER_COLOURS,
        version=__version__,
    )


# -- marks -------------------------------------------------------------------
def record_marks(record: Record) -> list[Mark]:
    """Every finding of the record that has a span, as a highlight :class:`Mark`."""
    marks: list[Mark] = []
    for i, a in enumerate(record.actors):
        note = f"Actor {a.id}: {actor_name(record, a.id)} · {a.kind}" + (f" · {a.code}" if a.code else "")
        marks += [Mark(m.start, m.end, ("m-actor",), f"a{i}", note) for m in a.mentions]
    for i, st in enumerate(record.statements):
        who = statement_speaker(record, st)
        stance = f"st-{st.stance}"
        if st.speaker_span is not None:
            sp = st.speaker_span
            marks.append(Mark(sp.start, sp.end, ("m-speaker",), f"s{i}", f"Speaker of {st.id}: {who}"))
        if st.cue is not None:
            cue_note = f"Cue of {st.id}" + (f" ({st.cue_class})" if st.cue_class else "")
            marks.append(Mark(st.cue.start, st.cue.end, ("m-cue", stance), f"s{i}", cue_note))
        hedged = ", hedged" if st.hedged else ""
        note = f"Statement {st.id} by {who}: {st.stance} ({st.kind}{hedged})"
        marks.append(Mark(st.content.start, st.content.end, ("m-content", stance), f"s{i}", note))
    for i, ev in enumerate(record.events):
        code = f"{ev.cameo} {ev.label}" if ev.label else ev.cameo
        note = (
            f"Event {ev.id}: {'NOT ' if ev.negated else ''}{code} "
            f"({actor_name(record, ev.source)} → {actor_name(record, ev.target)})"
        )
        marks.append(Mark(ev.trigger.start, ev.trigger.end, ("m-event",), f"e{i}", note))
    for i, t in enumerate(record.techniques):
        note = f"Technique: {t.label} ({t.score:.2f}), {technique_owner(record, t)}"
        idx = technique_index(t.label)
        marks.append(Mark(t.start, t.end, ("m-tech",), f"t{i}", note, idx))
    for i, v in enumerate(record.voice):
        note = f"Author's voice: {v.kind.removeprefix('author_')} ({v.score:.2f})"
        marks.append(Mark(v.start, v.end, ("m-voice",), f"v{i}", note))
    return marks


def _background(techniques: list[int]) -> str:
    """CSS background for a segment covered by these technique labels (stripes when several)."""
    colours = [technique_colour(TECHNIQUE_LABELS[i] if i < len(TECHNIQUE_LABELS) else "") for i in techniques]
    if len(colours) == 1:
        return colours[0]
    step = 100 / len(colours)
    stops = ", ".join(f"{c} {k * step:.0f}% {(k + 1) * step:.0f}%" for k, c in enumerate(colours))
    return f"linear-gradient(180deg, {stops})"


def _segment_view(seg: Segment) -> dict[str, Any]:
    techniques = seg.techniques
    return {
        "text": seg.text,
        "marked": bool(seg.marks),
        "classes": " ".join(seg.classes),
        "refs": seg.refs,
        "note": seg.note,
        "t": " ".join(map(str, techniques)),
        "style": f"background: {_background(techniques)}" if techniques else "",
    }


# -- the record's view -------------------------------------------------------
def _record_view(index: int, record: Record) -> dict[str, Any]:
    doc = record.document
    ts = technique_summary(record)
    peak = max((lc.total for lc in ts.by_label), default=1)
    return {
        "index": index,
        "doc": doc,
        "counts": counts(record),
        "segments": [_segment_view(s) for s in segments(doc.text, record_marks(record))],
        "actors": [
            {"ref": f"a{i}", "actor": a, "mentions": mention_count(a)} for i, a in enumerate(record.actors)
        ],
        "statements": [
            {"ref": f"s{i}", "st": st, "speaker": statement_speaker(record, st)}
            for i, st in enumerate(record.statements)
        ],
        "claims": [_claim_view(record, c) for c in record.claims],
        "events": [
            {
                "ref": f"e{i}",
                "ev": ev,
                "source": actor_name(record, ev.source),
                "target": actor_name(record, ev.target),
                "quad": quad_name(ev.quad_class) or "",
            }
            for i, ev in enumerate(record.events)
        ],
        "techniques": [
            {
                "ref": f"t{i}",
                "t": t,
                "owner": technique_owner(record, t),
                "colour": technique_colour(t.label),
                "index": technique_index(t.label),
            }
            for i, t in sorted(enumerate(record.techniques), key=lambda it: (it[1].start, it[1].end))
        ],
        "tsum": ts,
        "tlabels": [
            {
                "lc": lc,
                "colour": technique_colour(lc.label),
                "index": technique_index(lc.label),
                "author_pct": 100 * lc.author / peak,
                "speakers_pct": 100 * lc.speakers / peak,
            }
            for lc in ts.by_label
        ],
        "author": AUTHOR,
        "voice": [
            {"ref": f"v{i}", "v": v} for i, v in sorted(enumerate(record.voice), key=lambda it: it[1].start)
        ],
        "vsum": voice_summary(record),
        "generator": ", ".join(
            f"{k} {v}" for k, v in record.generator.items() if not isinstance(v, list | dict)
        ),
    }


def _claim_view(record: Record, claim: Any) -> dict[str, Any]:
    ids = set(claim.statements)
    refs = [f"s{i}" for i, st in enumerate(record.statements) if st.id in ids or st.claim == claim.id]
    return {
        "c": claim,
        "refs": " ".join(refs),
        "asserted": actor_names(record, claim.asserted_by),
        "denied": actor_names(record, claim.denied_by),
    }
