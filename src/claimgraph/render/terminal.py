"""The terminal report: a record rendered with Rich.

Every piece of record text is wrapped in :class:`rich.text.Text`, so square
brackets in an article are shown as written, never read as Rich markup; and
every string of the record passes through :func:`claimgraph.sanitize.terminal_text`
first, so escape sequences and control characters in an article (a title that
clears the screen, a bidi override in a quote) are never sent to the terminal.
Sections with nothing in them say "none found"; a record with every list
empty still renders.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel
from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimgraph.record import DocumentInfo, Record, Technique
from claimgraph.render.palette import AUTHOR_STANCE_STYLES, STANCE_STYLES, technique_colour
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
    truncate,
    voice_summary,
)
from claimgraph.sanitize import terminal_text

__all__ = ["render_terminal"]

_DIM = "grey50"
#: At most this many rows per table; the rest are counted in a caption.
MAX_ROWS = 200
T = TypeVar("T")


def render_terminal(record: Record, console: Console) -> None:
    """Print a readable, coloured report of one record on ``console``."""
    record = displayable(record)
    console.print(_header(record))
    for title, build in _SECTIONS:
        body = build(record)
        console.print()
        console.rule(Text(title, style="bold"), align="left", style=_DIM)
        console.print(body if body is not None else Text("none found", style=f"italic {_DIM}"))
    console.print()


def _clean(value: Any) -> Any:
    """``value`` with every string in it through :func:`terminal_text` (the same object when clean)."""
    if isinstance(value, str):
        if value.isprintable():
            return value
        text = terminal_text(value)
        return value if text == value else text
    if isinstance(value, BaseModel):
        updates: dict[str, Any] = {}
        for name in type(value).model_fields:
            if isinstance(value, DocumentInfo) and name == "text":
                continue  # never printed, only counted
            old = getattr(value, name)
            new = _clean(old)
            if new is not old:
                updates[name] = new
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, (list, tuple)):
        items = [_clean(v) for v in value]
        return items if any(n is not o for n, o in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        mapping = {k: _clean(v) for k, v in value.items()}
        return mapping if any(mapping[k] is not v for k, v in value.items()) else value
    return value


def displayable(record: Record) -> Record:
    """The record with every string it shows passed through :func:`terminal_text`.

    A copy without validation (a cleaned span text is shorter than its span):
    offsets and ``document.text`` (never printed, only counted) are kept, so every
    summary is computed as on the original. A record with nothing to clean is
    returned as it is.
    """
    cleaned: Record = _clean(record)
    return cleaned


def _t(text: str | None, style: str = "", limit: int | None = None) -> Text:
    """Record text as a Rich ``Text`` (no markup), flattened and cut to ``limit``."""
    if text is None:
        return Text("—", style=_DIM)
    return Text(truncate(text, limit) if limit else text, style=style)


def _table(*columns: str, **kwargs: object) -> Table:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=False, **kwargs)  # type: ignore[arg-type]
    for column in columns:
        table.add_column(column)
    return table


def _capped(table: Table, rows: Sequence[T]) -> Sequence[T]:
    """The first ``MAX_ROWS`` rows; the table's caption says how many more there are."""
    if len(rows) > MAX_ROWS:
        table.caption = f"… and {len(rows) - MAX_ROWS:,} more (all of them in --format json or html)"
        table.caption_justify = "left"
    return rows[:MAX_ROWS]


def _chip(label: str) -> Text:
    return Text(f" {label} ", style=f"black on {technique_colour(label)}")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- header ------------------------------------------------------------------
def _header(record: Record) -> Panel:
    doc = record.document
    lines: list[RenderableType] = [_t(doc.title or doc.id, "bold", 200)]
    meta = Text(style=_DIM)
    for name, value in (
        ("id", doc.id),
        ("source", doc.source),
        ("author", doc.author),
        ("published", doc.published),
        ("language", doc.language),
        ("encoding", doc.encoding),
    ):
        if value:
            if meta:
                meta.append("  ·  ")
            meta.append(f"{name} ")
            meta.append(truncate(value, 80), style="default")
    lines.append(meta)
    if doc.url:
        lines.append(_t(doc.url, f"underline {_DIM}", 120))
    for warning in doc.warnings:
        lines.append(Text.assemble(("⚠ ", "bold yellow"), (warning, "yellow")))
    found = Text()
    for i, (name, n) in enumerate(counts(record).items()):
        if i:
            found.append("  ·  ", style=_DIM)
        found.append(str(n), style="bold" if n else _DIM)
        found.append(f" {count_noun(name, n)}", style="" if n else _DIM)
    found.append(f"  ·  {len(doc.text):,} characters", style=_DIM)
    lines.append(found)
    return Panel(Group(*lines), title="[bold]claimgraph[/] report", title_align="left", border_style="cyan")


# -- sections ----------------------------------------------------------------
def _actors(record: Record) -> RenderableType | None:
    if not record.actors:
        return None
    table = _table("id", "name", "kind", "country", "sector", "code", "mentions")
    table.columns[-1].justify = "right"
    for a in _capped(table, record.actors):
        name = _t(a.name, "bold", 60)
        if a.title:
            name.append(f"  {truncate(a.title, 40)}", style=_DIM)
        if a.members:
            name.append(f"  [{', '.join(a.members)}]", style=_DIM)
        table.add_row(
            _t(a.id, _DIM),
            name,
            _t(a.kind),
            _t(a.country, "cyan"),
            _t(a.sector),
            _t(a.code),
            str(mention_count(a)),
        )
    return table


def _statements(record: Record) -> RenderableType | None:
    if not record.statements:
        return None
    table = _table("id", "speaker → cue → content", "kind", "stance", "notes")
    for st in _capped(table, record.statements):
        style = STANCE_STYLES.get(st.stance, "bold")
        line = Text.assemble((statement_speaker(record, st), "bold"), (" → ", _DIM))
        if st.cue is not None:
            line.append(truncate(st.cue.text, 40), style=f"italic {style}")
            line.append(" → ", style=_DIM)
        line.append(f"“{truncate(st.content.text, 200)}”")
        notes = Text()
        if st.hedged:
            notes.append("hedged ", style="magenta")
        if st.cue_class:
            notes.append(f"{st.cue_class} ", style="italic")
        if st.claim:
            notes.append(f"claim {st.claim}", style=_DIM)
        table.add_row(_t(st.id, _DIM), line, _t(st.kind), Text(st.stance, style=style), notes)
    return table


def _claims(record: Record) -> RenderableType | None:
    if not record.claims:
        return None
    table = _table("id", "claim", "asserted by", "denied by", "author", "evidence", "contested", "check")
    table.columns[-1].justify = "right"
    for c in _capped(table, record.claims):
        evidence = Text("no", style=_DIM)
        if c.evidence_cited:
            evidence = Text(f"yes ({len(c.evidence)})" if c.evidence else "yes", style="green")
        table.add_row(
            _t(c.id, _DIM),
            _t(c.text, "", 140),
            _t(actor_names(record, c.asserted_by), "green" if c.asserted_by else _DIM),
            _t(actor_names(record, c.denied_by), "red" if c.denied_by else _DIM),
            Text(c.author_stance, style=AUTHOR_STANCE_STYLES.get(c.author_stance, "")),
            evidence,
            Text("CONTESTED", style="bold red") if c.contested else Text("no", style=_DIM),
            Text(f"{c.check_worthiness:.2f}") if c.check_worthiness is not None else Text("—", style=_DIM),
        )
    return table


def _goldstein(value: float | None) -> Text:
    if value is None:
        return Text("—", style=_DIM)
    return Text(f"{value:+.1f}", style="green" if value > 0 else "red" if value < 0 else "")


def _events(record: Record) -> RenderableType | None:
    if not record.events:
        return None
    table = _table("id", "source", "event", "target", "plover", "goldstein", "quad", "trigger")
    table.columns[5].justify = "right"
    for ev in _capped(table, record.events):
        event = Text(ev.cameo, style="bold")
        if ev.label:
            event.append(f" {truncate(ev.label, 50)}")
        if ev.negated:
            event = Text.assemble(("NOT ", "bold red"), event)
        quad = quad_name(ev.quad_class)
        trigger = _t(ev.trigger.text, "italic", 30)
        if ev.statement:
            trigger.append(f"  (in {ev.statement})", style=_DIM)
        table.add_row(
            _t(ev.id, _DIM),
            _t(actor_name(record, ev.source), "bold", 40),
            event,
            _t(actor_name(record, ev.target), "bold", 40),
            _t(ev.plover),
            _goldstein(ev.goldstein),
            _t(quad),
            trigger,
        )
    return table


def _techniques(record: Record) -> RenderableType | None:
    if not record.techniques:
        return None
    s = technique_summary(record)
    headline = Text.assemble(
        "Techniques cover ",
        (percent(s.share), "bold"),
        f" of the text ({_n(s.count, 'span')}): ",
        ("author ", "bold"),
        f"{_n(s.author_count, 'span')}, {percent(s.author_share)}",
        ("  ·  ", _DIM),
        ("quoted speakers ", "bold"),
        f"{_n(s.speaker_count, 'span')}, {percent(s.speakers_share)}",
    )
    labels = _table("technique", "spans", "author", "speakers", "")
    for column in labels.columns[1:4]:
        column.justify = "right"
    peak = max(lc.total for lc in s.by_label)
    for lc in s.by_label:
        bar = Text("█" * round(20 * lc.author / peak), style=technique_colour(lc.label))
        bar.append("░" * round(20 * lc.speakers / peak), style=technique_colour(lc.label))
        labels.add_row(_chip(lc.label), str(lc.total), str(lc.author), str(lc.speakers), bar)
    carried = Text("Carried by: ", style="bold")
    for i, (owner, n) in enumerate(s.by_owner):
        if i:
            carried.append("  ·  ", style=_DIM)
        carried.append(owner, style="bold cyan" if owner == AUTHOR else "")
        carried.append(f" {n}")
    return Group(headline, labels, carried, Text(), _technique_spans(record))


def _technique_spans(record: Record) -> Table:
    table = _table("label", "text", "voice", "score", title="Technique spans", title_justify="left")
    table.columns[3].justify = "right"
    ordered: list[Technique] = sorted(record.techniques, key=lambda t: (t.start, t.end))
    for t in _capped(table, ordered):
        owner = technique_owner(record, t)
        table.add_row(
            _chip(t.label),
            _t(t.text, "", 110),
            _t(owner, "cyan" if owner == AUTHOR else "", 40),
            f"{t.score:.2f}",
        )
    return table


def _voice(record: Record) -> RenderableType | None:
    if not record.voice:
        return None
    s = voice_summary(record)
    headline = Text.assemble(
        "The author speaks unattributed in ",
        (_n(s.count, "span"), "bold"),
        f" ({_n(s.assertions, 'assertion')}, {_n(s.evaluations, 'evaluation')}), ",
        (percent(s.share), "bold"),
        " of the text",
    )
    table = _table("kind", "text", "score")
    table.columns[2].justify = "right"
    for v in _capped(table, sorted(record.voice, key=lambda v: v.start)):
        kind = v.kind.removeprefix("author_")
        table.add_row(
            Text(kind, style="magenta" if kind == "evaluation" else "cyan"),
            _t(v.text, "", 200),
            f"{v.score:.2f}",
        )
    return Group(headline, table)


_SECTIONS: tuple[tuple[str, Callable[[Record], RenderableType | None]], ...] = (
    ("Actors", _actors),
    ("Statements", _statements),
    ("Claims", _claims),
    ("Events", _events),
    ("Persuasion techniques", _techniques),
    ("Author's voice", _voice),
)
