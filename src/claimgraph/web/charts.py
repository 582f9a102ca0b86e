"""Charts drawn on the server as SVG (no script, no CDN): the dyad time series and the
actors' interaction graph. Every text in them is escaped; colours are fixed classes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from claimgraph.record import Record
from claimgraph.render.summary import actor_name

__all__ = ["QUADS", "actor_graph_svg", "dyad_chart_svg", "month_range"]

#: Quad classes in stacking order: (field of an event count, label, CSS class).
QUADS: tuple[tuple[str, str, str], ...] = (
    ("verbal_cooperation", "Verbal cooperation", "q1"),
    ("material_cooperation", "Material cooperation", "q2"),
    ("verbal_conflict", "Verbal conflict", "q3"),
    ("material_conflict", "Material conflict", "q4"),
)


def month_range(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last``, both included."""
    y, m = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def dyad_chart_svg(rows: Sequence[dict[str, Any]], *, title: str) -> Markup:
    """Events per month (bars stacked by quad class) and the mean Goldstein weight (line)."""
    monthly: dict[str, dict[str, float]] = {}
    for r in rows:
        period = r.get("period")
        if not period or len(period) != 7:
            continue
        cell = monthly.setdefault(period, {"events": 0, "goldstein": 0.0, **{q: 0 for q, _, _ in QUADS}})
        cell["events"] += r["events"]
        cell["goldstein"] += r["goldstein_sum"]
        for q, _, _ in QUADS:
            cell[q] += r.get(q, 0)
    if not monthly:
        return Markup("")
    months = month_range(min(monthly), max(monthly))
    width, height, left, right, top, bottom = 760.0, 300.0, 48.0, 48.0, 28.0, 56.0
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(c["events"] for c in monthly.values()) or 1
    step = plot_w / len(months)
    bar = max(2.0, step * 0.7)
    mid = top + plot_h / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"/>',
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>',
        f'<line class="axis" x1="{left + plot_w}" y1="{top}" x2="{left + plot_w}" y2="{top + plot_h}"/>',
        f'<line class="zero" x1="{left}" y1="{mid}" x2="{left + plot_w}" y2="{mid}"/>',
        f'<text class="label" x="{left - 6}" y="{top + 4}" text-anchor="end">{int(peak)}</text>',
        f'<text class="label" x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
        f'<text class="label" x="{left + plot_w + 6}" y="{top + 4}">+10</text>',
        f'<text class="label" x="{left + plot_w + 6}" y="{top + plot_h}">−10</text>',
        f'<text class="label" x="{left}" y="{top - 10}">events</text>',
        f'<text class="label" x="{left + plot_w}" y="{top - 10}" text-anchor="end">mean Goldstein</text>',
    ]
    points = []
    every = max(1, math.ceil(len(months) / 12))
    for i, month in enumerate(months):
        x = left + i * step + (step - bar) / 2
        found = monthly.get(month)
        if i % every == 0:
            parts.append(
                f'<text class="label" x="{left + i * step + step / 2:.1f}" y="{top + plot_h + 16}" '
                f'text-anchor="middle">{month}</text>'
            )
        if found is None:
            continue
        cell = found
        y: float = top + plot_h
        other = cell["events"] - sum(cell[q] for q, _, _ in QUADS)
        for q, label, css in (*QUADS, ("", "Other", "q0")):
            n = cell[q] if q else other
            if n <= 0:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{month}: {int(n)} {label.lower()}</title></rect>"
            )
        mean = cell["goldstein"] / cell["events"] if cell["events"] else 0.0
        gy = top + plot_h / 2 - (plot_h / 2) * max(-10.0, min(10.0, mean)) / 10
        points.append((left + i * step + step / 2, gy, month, mean, int(cell["events"])))
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in points)
        parts.append(f'<polyline class="goldstein" points="{path}"/>')
        for x, y, month, mean, n in points:
            parts.append(
                f'<circle class="goldstein-dot" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                f"<title>{month}: mean Goldstein {mean:+.2f} over {n} events</title></circle>"
            )
    legend_y = height - 14
    for k, (_, label, css) in enumerate(QUADS):
        lx = left + k * 150
        parts.append(f'<rect class="{css}" x="{lx}" y="{legend_y - 9}" width="10" height="10"/>')
        parts.append(f'<text class="label" x="{lx + 14}" y="{legend_y}">{label}</text>')
    parts.append(
        f'<line class="goldstein" x1="{left + 600}" y1="{legend_y - 4}" x2="{left + 620}" '
        f'y2="{legend_y - 4}"/><text class="label" x="{left + 624}" y="{legend_y}">Goldstein</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def actor_graph_svg(record: Record, *, limit: int = 12) -> Markup:
    """Who does what to whom in one record: actors on a circle, one arrow per event between two
    actors (coloured by Goldstein weight, titled with its CAMEO label)."""
    edges = [ev for ev in record.events if ev.source and ev.target and ev.source != ev.target]
    if not edges:
        return Markup("")
    seen: dict[str, int] = {}
    for ev in edges:
        for a in (ev.source, ev.target):
            assert a is not None
            seen[a] = seen.get(a, 0) + 1
    nodes = sorted(seen, key=lambda a: -seen[a])[:limit]
    size, radius = 360, 130
    centre = size / 2
    pos = {
        a: (
            centre + radius * math.cos(2 * math.pi * k / len(nodes) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * k / len(nodes) - math.pi / 2),
        )
        for k, a in enumerate(nodes)
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 {size} {size}" role="img" '
        'aria-label="Who does what to whom">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>',
    ]
    for ev in edges:
        if ev.source not in pos or ev.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[ev.source], pos[ev.target]
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1
        x1, y1, x2, y2 = x1 + dx / d * 14, y1 + dy / d * 14, x2 - dx / d * 14, y2 - dy / d * 14
        g = ev.goldstein or 0.0
        css = "edge-coop" if g > 0 else "edge-conflict" if g < 0 else "edge-neutral"
        label = f"{actor_name(record, ev.source)} → {actor_name(record, ev.target)}: {ev.label or ev.cameo}"
        parts.append(
            f'<line class="{css}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'marker-end="url(#arrow)"><title>{escape(label)} ({g:+.1f})</title></line>'
        )
    for a, (x, y) in pos.items():
        name = actor_name(record, a)
        short = name if len(name) <= 22 else name[:21] + "…"
        parts.append(
            f'<g class="node"><circle cx="{x:.1f}" cy="{y:.1f}" r="12"><title>{escape(name)}</title></circle>'
            f'<text x="{x:.1f}" y="{y + 26:.1f}" text-anchor="middle">{escape(short)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
