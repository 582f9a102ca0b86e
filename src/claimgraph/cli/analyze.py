"""``claimgraph analyze`` and ``claimgraph schema``."""

from __future__ import annotations

import contextlib
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from claimgraph.analyzer import Analyzer
from claimgraph.cli.common import atomic_write, err_console, fail, handle_errors, report
from claimgraph.cli.engines import ActorsOption, AddressOption, EngineOption
from claimgraph.engines import Engine
from claimgraph.errors import ClaimgraphError
from claimgraph.ingest import read_documents
from claimgraph.record import DocumentInfo, Record, record_json_schema
from claimgraph.render import DEFAULT_MIN_SCORE, shown
from claimgraph.sanitize import json_text
from claimgraph.settings import Settings

__all__ = ["OutputFormat", "analyze", "schema"]


class OutputFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    events_csv = "events-csv"


T = TypeVar("T")


class _Failures:
    """Counts documents that could not be analysed, reporting each on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def filter(self, results: Iterable[T | ClaimgraphError]) -> Iterator[T]:
        for result in results:
            if isinstance(result, ClaimgraphError):
                self.count += 1
                report(result)
            else:
                yield result


def _progress(enabled: bool) -> Progress | contextlib.nullcontext[None]:
    if not enabled:
        return contextlib.nullcontext()
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def _tracked(records: Iterable[Record], progress: Progress | None, total: int | None) -> Iterator[Record]:
    if progress is None:
        yield from records
        return
    task = progress.add_task("analyse", total=total, rate="–")
    for n, record in enumerate(records, start=1):
        elapsed = progress.tasks[task].elapsed or 0.0
        rate = f"{n / elapsed:.1f}" if elapsed > 0 else "–"
        progress.update(task, advance=1, rate=rate)
        yield record


def _write(records: Iterable[Record], fmt: OutputFormat, out: IO[str], *, to_terminal: bool) -> None:
    # JSON shown on a terminal: C1 and bidi controls as \u escapes (the same data, inert on screen)
    shown = json_text if to_terminal else str
    if fmt is OutputFormat.jsonl:
        for record in records:
            out.write(shown(record.to_json(indent=None)) + "\n")
    elif fmt is OutputFormat.json:
        items = list(records)
        if len(items) == 1:
            out.write(shown(items[0].to_json()) + "\n")
        else:
            out.write(shown(json.dumps([r.to_dict() for r in items], indent=2, ensure_ascii=False)) + "\n")
    elif fmt is OutputFormat.html:
        from claimgraph.render import render_html

        out.write(render_html(list(records)))
    elif fmt is OutputFormat.events_csv:
        from claimgraph.render.events_csv import events_csv

        events_csv(records, out)
    else:
        from claimgraph.render import render_terminal

        console = Console(file=out, force_terminal=to_terminal or None, width=None if to_terminal else 110)
        for record in records:
            render_terminal(record, console)


@handle_errors
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt .html .htm .jsonl), directories, or - for standard input."),
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.terminal,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes to analyse with.")] = 1,
    max_chars: Annotated[
        int | None,
        typer.Option("--max-chars", min=1, help="Refuse documents with more characters than this."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="spaCy pipeline package (default: CLAIMGRAPH_SPACY_MODEL)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Leave out technique spans scored under this, in every format (0: keep all).",
        ),
    ] = DEFAULT_MIN_SCORE,
    engine: EngineOption = Engine.local,
    address: AddressOption = None,
    actors: ActorsOption = None,
) -> None:
    """Analyse articles into evidence-linked records and print a report or the records."""
    settings = Settings.from_env(max_chars=max_chars, spacy_model=model)
    if engine is Engine.ray:
        from claimgraph.engines.ray import require_ray

        require_ray()  # without the extra: one line, before reading anything
    with contextlib.ExitStack() as stack:
        # the output file is opened first: a folder, a read-only folder or a full disk fails
        # before any analysis, and nothing is left of it on any failure (a temporary file)
        out: IO[str] = sys.stdout if output is None else stack.enter_context(atomic_write(output))
        analyzer = Analyzer(settings)
        inputs = read_documents(paths)
        first_two = list(itertools.islice(inputs, 2))
        single = len(first_two) == 1
        if single and isinstance(first_two[0], ClaimgraphError):
            raise first_two[0]
        failures = _Failures()
        documents: list[DocumentInfo] = list(failures.filter(itertools.chain(first_two, inputs)))
        records: Iterable[Record]
        if engine is Engine.ray:
            records = _on_ray(documents, settings, address, actors, failures, single=single)
        elif single:
            records = [analyzer.analyze(documents[0])]
        else:
            records = failures.filter(analyzer.pipe(documents, workers=workers, errors="yield"))
        show_progress = not quiet and err_console.is_terminal and len(documents) > 1
        with _progress(show_progress) as progress:
            tracked = (shown(r, min_score) for r in _tracked(records, progress, len(documents)))
            _write(tracked, fmt, out, to_terminal=output is None and sys.stdout.isatty())
            if output is None:
                sys.stdout.flush()
    if failures.count:
        raise fail(f"{failures.count} document(s) could not be analysed", 1)


def _on_ray(
    documents: list[DocumentInfo],
    settings: Settings,
    address: str | None,
    actors: int | None,
    failures: _Failures,
    *,
    single: bool,
) -> Iterable[Record]:
    """The records analysed on Ray (:mod:`claimgraph.engines.ray`), failures as the local path has them:
    a single document's error is raised, a batch's reported and counted."""
    from claimgraph.engines.ray import analyze_documents

    results = analyze_documents(documents, settings, address=address, actors=actors)
    if not single:
        return failures.filter(results)
    found = list(results)
    if isinstance(found[0], ClaimgraphError):
        raise found[0]
    return [found[0]]


def schema() -> None:
    """Print the JSON Schema of the record (claimgraph.record/1)."""
    sys.stdout.write(json.dumps(record_json_schema(), indent=2) + "\n")
