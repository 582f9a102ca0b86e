"""What the analysis page shows of one record: the article cut into highlighted segments,
the claims ledger, the events table and the actors' interaction graph (as plain data)."""

from __future__ import annotations

from typing import Any

from claimgraph.record import TECHNIQUE_LABELS, Record
from claimgraph.render.html import record_marks
from claimgraph.render.palette import technique_colour
from claimgraph.render.segments import segments
from claimgraph.render.summary import actor_name, actor_names, quad_name, statement_speaker
from claimgraph.web.charts import actor_graph_svg

__all__ = ["LAYERS", "goldstein_class", "record_view"]

#: Highlight layers the page can switch: (key, label).
LAYERS: tuple[tuple[str, str], ...] = (
    ("statements", "Statements (by stance)"),
    ("techniques", "Techniques"),
    ("voice", "Author's voice"),
    ("actors", "Actors"),
    ("events", "Event triggers"),
)


def goldstein_class(value: float | None) -> str:
    """A CSS class for a Goldstein weight: ``g-none``, ``g-n3``…``g-n1``, ``g-0``, ``g-p1``…``g-p3``."""
    if value is None:
        return "g-none"
    if value == 0:
        return "g-0"
    step = 1 if abs(value) < 3.5 else 2 if abs(value) < 7 else 3
    return f"g-{'p' if value > 0 else 'n'}{step}"


def record_view(record: Record) -> dict[str, Any]:
    """The record as the analysis page lays it out (every text is escaped by the template)."""
    segs = []
    for s in segments(record.document.text, record_marks(record)):
        techniques = s.techniques
        classes = s.classes + ([f"t{techniques[0]}"] if techniques else [])
        segs.append(
            {
                "text": s.text,
                "marked": bool(s.marks),
                "classes": " ".join(classes),
                "refs": s.refs,
                "note": s.note,
                "t": " ".join(map(str, techniques)),
            }
        )
    actor_refs = {a.id: f"a{i}" for i, a in enumerate(record.actors)}
    statements = [
        {
            "ref": f"s{i}",
            "st": st,
            "speaker": statement_speaker(record, st),
            "speaker_ref": actor_refs.get(st.speaker or "", ""),
        }
        for i, st in enumerate(record.statements)
    ]
    claims = []
    for c in record.claims:
        ids = set(c.statements)
        refs = [f"s{i}" for i, st in enumerate(record.statements) if st.id in ids or st.claim == c.id]
        claims.append(
            {
                "c": c,
                "refs": " ".join(refs),
                "asserted": actor_names(record, c.asserted_by),
                "denied": actor_names(record, c.denied_by),
            }
        )
    events = [
        {
            "ref": f"e{i}",
            "ev": ev,
            "source": actor_name(record, ev.source),
            "target": actor_name(record, ev.target),
            "quad": quad_name(ev.quad_class) or "",
            "gclass": goldstein_class(ev.goldstein),
            "source_ref": actor_refs.get(ev.source or "", ""),
        }
        for i, ev in enumerate(record.events)
    ]
    used = sorted({t.label for t in record.techniques})
    return {
        "doc": record.document,
        "segments": segs,
        "actors": [
            {"ref": f"a{i}", "actor": a, "mentions": len(a.mentions)} for i, a in enumerate(record.actors)
        ],
        "statements": statements,
        "claims": claims,
        "events": events,
        "techniques": [
            {
                "index": TECHNIQUE_LABELS.index(label),
                "label": label,
                "colour": technique_colour(label),
                "count": sum(1 for t in record.techniques if t.label == label),
            }
            for label in used
            if label in TECHNIQUE_LABELS
        ],
        "voice": len(record.voice),
        "graph": actor_graph_svg(record),
    }
