"""The corpus commands: ``claimgraph ingest``, ``claims``, ``events``, ``export``, and ``stance``."""

from __future__ import annotations

import csv
import dataclasses
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimgraph.cli.common import atomic_write, err_console, fail, handle_errors, progress_bar, report, shown
from claimgraph.cli.engines import ActorsOption, AddressOption, EngineOption
from claimgraph.engines import Engine
from claimgraph.errors import ClaimgraphError
from claimgraph.sanitize import csv_row, json_text, terminal_text
from claimgraph.settings import DEFAULT_DB_URL as DEFAULT_URL
from claimgraph.settings import Settings
from claimgraph.vocabulary import EVENT_MODES

if TYPE_CHECKING:
    from claimgraph.corpus.store import CorpusReader
    from claimgraph.record import DocumentInfo

__all__ = ["claims", "events", "export", "ingest", "stance", "techniques"]

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Corpus database URL: sqlite:///FILE.db or postgresql+psycopg://user@host/db "
        f"[default: CLAIMGRAPH_DB, else {DEFAULT_URL}].",
        show_default=False,
    ),
]


def _db_url(db: str | None) -> str:
    """``--db``, else ``CLAIMGRAPH_DB``, else the SQLite file in the working folder."""
    return db or Settings.from_env().db_url or DEFAULT_URL


def _reading(db: str | None) -> CorpusReader:
    """The corpus at ``--db``, opened read-only for a query command. Its modules (SQLAlchemy,
    the record) are imported with the garbage collector paused, then frozen: a query command
    is mostly start-up (:mod:`claimgraph.collector`)."""
    from claimgraph.collector import collection_paused

    with collection_paused(freeze=True):
        from claimgraph.corpus.store import CorpusReader
    return CorpusReader(_db_url(db), read_only=True)


class ClaimsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class EventsFormat(StrEnum):
    table = "table"
    csv = "csv"
    parquet = "parquet"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


#: ``--mode``: an event mode, or ``all``.
Mode = StrEnum("Mode", [(m, m) for m in (*EVENT_MODES, "all")])  # type: ignore[misc]
ASSERTED = Mode("asserted")


class ExportFormat(StrEnum):
    parquet = "parquet"
    jsonl = "jsonl"


def _people(people: list[dict[str, str | None]]) -> str:
    return "; ".join(f"{p['name']} ({p['country']})" if p.get("country") else str(p["name"]) for p in people)


def _documents(paths: list[str], failures: list[ClaimgraphError]) -> Iterator[DocumentInfo]:
    from claimgraph.ingest import read_documents

    for item in read_documents(paths):
        if isinstance(item, ClaimgraphError):
            failures.append(item)
            report(item)
        else:
            yield item


class _Ingest:
    """Counts and reports what ingest did with each document, as it goes."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.counts = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0}
        self.progress: Any = None  # a Rich Progress and its task, when shown
        self.task: Any = None

    def done(self, result: Any) -> None:
        """One :class:`AddResult` or :class:`ClaimgraphError`."""
        if self.progress is not None:
            self.progress.update(self.task, advance=1)
        if isinstance(result, ClaimgraphError):
            self.counts["failed"] += 1
            report(result)
            return
        self.counts[result.status] += 1
        if not self.quiet:
            err_console.print(
                f"{result.status:>9}  {shown(result.doc_id)}  "
                f"({result.joined} joined, {result.founded} new claims)",
                highlight=False,
            )

    def to_analyse(self, corpus: Any, documents: Iterable[DocumentInfo]) -> Iterator[DocumentInfo]:
        """The documents not stored yet as this claimgraph analyses them: each is hashed as the
        corpus keys it (the text its record will carry) and skipped, unanalysed, when stored."""
        from claimgraph.corpus.store import content_hash
        from claimgraph.ingest.clean import analysed_text

        for info in documents:
            same = corpus.unchanged(info.id, content_hash(analysed_text(info)))
            if same is None:
                yield info
            else:
                self.done(same)


def _analysed(documents: Iterator[DocumentInfo], workers: int) -> Iterator[Any]:
    """Records (or errors) of the documents; the analyser is loaded only when there is one to
    analyse, so re-ingesting an unchanged corpus loads no NLP at all."""
    first = next(documents, None)
    if first is None:
        return
    from claimgraph.analyzer import Analyzer

    yield from Analyzer().pipe(itertools.chain([first], documents), workers=workers, errors="yield")


@handle_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .html .htm .jsonl), directories, or -.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes to analyse with.")] = 1,
    replace: Annotated[
        bool, typer.Option("--replace", help="Re-store documents already stored, whatever their version.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the summary line (and a progress bar on a terminal).")
    ] = False,
    engine: EngineOption = Engine.local,
    address: AddressOption = None,
    actors: ActorsOption = None,
) -> None:
    """Analyse documents and store them in the corpus (each in its own transaction).

    A document already stored (same text) is skipped before it is analysed, unless a
    newer claimgraph analysed it or --replace is given; a document that fails is
    reported and the others go on.
    """
    from claimgraph.corpus.store import Corpus
    from claimgraph.ingest import count_documents

    if engine is Engine.ray:
        _ingest_on_ray(paths, _db_url(db), address, actors, quiet, replace)
        return
    failures: list[ClaimgraphError] = []
    tally = _Ingest(quiet)
    shown_bar = quiet and err_console.is_terminal  # the per-document lines say it otherwise
    with Corpus(_db_url(db)) as corpus, progress_bar(shown_bar, "ingesting") as progress:
        if progress is not None:
            tally.progress, tally.task = progress, progress.add_task("ingest", total=count_documents(paths))
        documents = _documents(paths, failures)
        if not replace:
            documents = tally.to_analyse(corpus, documents)
        records = _analysed(documents, workers)
        for result in corpus.add_many(records, replace=replace):
            tally.done(result)
    _summarise(tally.counts, failures, _db_url(db))


def _summarise(counts: dict[str, int], failures: list[ClaimgraphError], url: str) -> None:
    """The summary line of ``ingest``; exit 1 when a document failed."""
    counts["failed"] += len(failures)
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    from claimgraph.corpus.store.engine import display_url

    err_console.print(f"{summary} → {shown(display_url(url))}", highlight=False)
    if counts["failed"]:
        raise fail(f"{counts['failed']} document(s) could not be read, analysed or stored", 1)


def _ingest_on_ray(
    paths: list[str], url: str, address: str | None, actors: int | None, quiet: bool, replace: bool
) -> None:
    """``ingest --engine ray`` (:mod:`claimgraph.engines.ray`): stored documents skipped here, before
    anything goes to Ray; the rest analysed and stored on Ray, reported here."""
    from claimgraph.corpus.store import Corpus
    from claimgraph.engines.ray import ingest_documents, require_ray

    require_ray()  # without the extra: one line, before reading anything
    failures: list[ClaimgraphError] = []
    tally = _Ingest(quiet)
    with Corpus(url) as corpus:
        documents = _documents(paths, failures)
        if not replace:
            documents = tally.to_analyse(corpus, documents)
        settings = Settings.from_env()
        for result in ingest_documents(
            documents, settings, url, replace=replace, address=address, actors=actors
        ):
            tally.done(result)
    _summarise(tally.counts, failures, url)


@handle_errors
def claims(
    db: DbOption = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only claims containing this text.")
    ] = None,
    fmt: Annotated[ClaimsFormat, typer.Option("--format", "-f", help="Output format.")] = ClaimsFormat.table,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most this many claims.")
    ] = None,
    contested: Annotated[
        bool,
        typer.Option(
            "--contested", help="Only claims asserted by one side and denied by another, with the quotes."
        ),
    ] = False,
) -> None:
    """Corpus claims: who asserts and who denies them, in which outlets and documents, since when."""
    if contested:
        _contested(db, search, fmt, limit)
        return
    with _reading(db) as corpus:
        rows = [c.to_dict() for c in corpus.claims(search=search, limit=limit)]
    if fmt is ClaimsFormat.json:
        _print_json(rows)
        return
    flat = [
        {
            "id": r["id"],
            "claim": r["text"],
            "asserted_by": _people(r["asserted_by"]),
            "denied_by": _people(r["denied_by"]),
            "outlets": "; ".join(r["outlets"]),
            "documents": "; ".join(r["documents"]),
            "first_seen": r["first_seen"] or "",
            "last_seen": r["last_seen"] or "",
            "contested": r["contested"],
        }
        for r in rows
    ]
    shown_search = f" matching {_shorten(terminal_text(search, one_line=True))!r}" if search else ""
    _rows_out(flat, fmt, _CLAIM_COLUMNS, f"{len(flat)} claim(s){shown_search}")


def _print_json(rows: Any) -> None:
    """``rows`` as indented JSON on stdout (terminal escapes made harmless on a terminal)."""
    text = json.dumps(rows, indent=2, ensure_ascii=False)
    sys.stdout.write((json_text(text) if sys.stdout.isatty() else text) + "\n")


_CONTESTED_COLUMNS = ["id", "claim", "outlet", "stance", "actor", "quote", "document"]


def _contested(db: str | None, search: str | None, fmt: ClaimsFormat, limit: int | None) -> None:
    """``claims --contested``: one row per position (claim, outlet, stance, actor, quote)."""
    with _reading(db) as corpus:
        found = [c.to_dict() for c in corpus.contested(search=search, limit=limit)]
    if fmt is ClaimsFormat.json:
        _print_json(found)
        return
    flat = [
        {
            "id": c["id"],
            "claim": c["text"],
            "outlet": outlet,
            "stance": p["stance"],
            "actor": _people([{"name": p["actor"], "country": p["country"]}]),
            "quote": p["quote"] or "",
            "document": p["document"],
        }
        for c in found
        for outlet, positions in c["sides"].items()
        for p in positions
    ]
    _rows_out(flat, fmt, _CONTESTED_COLUMNS, f"{len(found)} contested claim(s)")


@handle_errors
def events(
    db: DbOption = None,
    dyad: Annotated[
        str | None, typer.Option("--dyad", help="Two country codes, e.g. IRN,RUS (both directions).")
    ] = None,
    by: Annotated[Period, typer.Option("--by", help="Period of the time series.")] = Period.month,
    directed: Annotated[bool, typer.Option("--directed", help="Only the dyad's first → second.")] = False,
    fmt: Annotated[EventsFormat, typer.Option("--format", "-f", help="Output format.")] = EventsFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (needed for parquet).")
    ] = None,
    mode: Annotated[
        Mode, typer.Option("--mode", help="Only events of this mode (all: every mode).")
    ] = ASSERTED,
    mentions: Annotated[
        bool,
        typer.Option("--mentions", help="Count every report of an event, not each real event once."),
    ] = False,
) -> None:
    """Event counts and Goldstein sums per period and country dyad.

    Each real event counts once however many documents report it (an event cluster,
    dated by its most precise date); --mentions counts every report, dated by its
    document. Only asserted events unless --mode says otherwise.
    """
    from claimgraph.corpus.store import EventCount

    pair = tuple(c.strip() for c in dyad.split(",")) if dyad else None
    if fmt is EventsFormat.parquet and output is None:
        raise fail("--format parquet writes a file: give it with --output FILE.parquet")
    with _reading(db) as corpus:
        counts = corpus.event_counts(
            dyad=pair, by=by.value, directed=directed, mode=mode.value, mentions=mentions
        )
        rows = [r.to_dict() for r in counts]
    for r in rows:
        r["period"] = r["period"] or "undated"
    if fmt is EventsFormat.parquet:
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert output is not None
        with atomic_write(output, mode="wb") as fh:
            pq.write_table(pa.Table.from_pylist(rows), fh)
    elif fmt is EventsFormat.csv:
        header = [f.name for f in dataclasses.fields(EventCount)]
        if output is None:
            _csv(rows, sys.stdout, header=header)
        else:
            with atomic_write(output) as fh:
                _csv(rows, fh, header=header)
    else:
        what = "event mentions" if mentions else "events"
        title = f"{what} ({mode.value}) by {by.value}" + (f", dyad {dyad}" if dyad else "")
        _table(rows, title)


@handle_errors
def export(
    directory: Annotated[Path, typer.Argument(help="Folder to write the files into.")],
    db: DbOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = ExportFormat.parquet,
) -> None:
    """Export every corpus table (and the event-cluster and claim views) for pandas, DuckDB or Polars.

    Every event row carries its actors' names and countries, its resolved date and
    precision, mode, location and event cluster: no joins needed.
    """
    with _reading(db) as corpus:
        written = corpus.export(directory, fmt.value)
    for path in written:
        typer.echo(terminal_text(path, one_line=True))


@handle_errors
def stance(
    pairs: Annotated[Path, typer.Option("--pairs", help="FNC-1 stances CSV (Headline, Body ID)")],
    bodies: Annotated[Path, typer.Option("--bodies", help="FNC-1 bodies CSV (Body ID, articleBody)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="predictions CSV to write")],
    model: Annotated[Path | None, typer.Option(help="stance model (default: the shipped one)")] = None,
) -> None:
    """Stance of each article toward a headline's claim: agree / disagree / discuss / unrelated."""
    from claimgraph.corpus.stance import load_model, read_bodies, read_pairs, write_predictions
    from claimgraph.errors import DataError
    from claimgraph.nlp import load_pipeline

    rows = read_pairs(pairs)
    texts = read_bodies(bodies)
    missing = sorted({r["Body ID"] for r in rows} - set(texts))
    if missing:
        raise DataError(f"{pairs}: Body ID {missing[0]} is not in {bodies} ({len(missing)} missing)")
    labels = load_model(str(model) if model else None).predict(
        load_pipeline(), [r["Headline"] for r in rows], [texts[r["Body ID"]] for r in rows]
    )
    with atomic_write(output, mode="w", encoding="utf-8") as fh:
        write_predictions(fh, rows, labels)
    err_console.print(f"wrote {len(labels)} predictions to {shown(output)}", highlight=False)


_CLAIM_COLUMNS = [
    "id",
    "claim",
    "asserted_by",
    "denied_by",
    "outlets",
    "documents",
    "first_seen",
    "last_seen",
    "contested",
]


def _csv(rows: list[dict[str, Any]], out: Any, *, header: list[str]) -> None:
    """CSV rows, every cell through :func:`claimgraph.sanitize.csv_cell` (no spreadsheet formulas)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(csv_row(row.get(name) for name in header))


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rows_out(rows: list[dict[str, Any]], fmt: ClaimsFormat, header: list[str], title: str) -> None:
    """Flat rows on stdout: CSV with ``header``, or a table titled ``title`` (JSON is printed
    before flattening, by the caller)."""
    if fmt is ClaimsFormat.csv:
        _csv(rows, sys.stdout, header=header)
    else:
        _table(rows, title)


def _table(rows: list[dict[str, Any]], title: str) -> None:
    """A Rich table of corpus values: each cell a plain ``Text`` (no markup) without control characters."""
    console = Console(width=None if sys.stdout.isatty() else 160)
    if not rows:
        console.print(Text(f"{terminal_text(title)}: none"))
        return
    table = Table(title=Text(terminal_text(title)), show_lines=False)
    for name in rows[0]:
        table.add_column(name.replace("_", " "), overflow="fold")
    for r in rows:
        table.add_row(*(Text("" if v is None else terminal_text(v)) for v in r.values()))
    console.print(table)


class ProfileBy(StrEnum):
    outlet = "outlet"
    document = "document"


@handle_errors
def techniques(
    db: DbOption = None,
    by: Annotated[
        ProfileBy, typer.Option("--by", help="One row per outlet or per document.")
    ] = ProfileBy.outlet,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Count technique spans scored at least this [default: the reports' threshold].",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[ClaimsFormat, typer.Option("--format", "-f", help="Output format.")] = ClaimsFormat.table,
) -> None:
    """Persuasion-technique profile of the corpus: per outlet (or document), techniques per 1,000
    words, the author's own vs quoted speakers', and the top labels."""
    from claimgraph.render import DEFAULT_MIN_SCORE

    cut = DEFAULT_MIN_SCORE if min_score is None else min_score
    with _reading(db) as corpus:
        rows = [p.to_dict() for p in corpus.technique_profiles(by=by.value, min_score=cut)]
    if fmt is ClaimsFormat.json:
        _print_json(rows)
        return
    flat = [
        {
            by.value: r["name"],
            "documents": r["documents"],
            "words": r["words"],
            "per_1000_words": f"{r['per_1000_words']:.2f}",
            "author_per_1000": f"{r['author_per_1000_words']:.2f}",
            "speakers_per_1000": f"{r['speakers_per_1000_words']:.2f}",
            "author": r["author"],
            "speakers": r["speakers"],
            "top_labels": "; ".join(f"{lab} {n}" for lab, n in r["top_labels"]),
            "top_author_labels": "; ".join(f"{lab} {n}" for lab, n in r["top_author_labels"]),
        }
        for r in rows
    ]
    header = list(flat[0]) if flat else [by.value]
    _rows_out(flat, fmt, header, f"technique profile per {by.value} (spans scored at least {cut:g})")
