"""``claimgraph analyze`` and ``claimgraph schema``."""

from __future__ import annotations

import contextlib
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from claimgraph.cli.common import atomic_write, err_console, fail, handle_errors, progress_bar, report
from claimgraph.cli.common import shown as shown_path
from claimgraph.cli.engines import ActorsOption, AddressOption, EngineOption
from claimgraph.cli.outputs import (
    FILE_NAMES,
    OutputFormat,
    Sink,
    done_ids,
    parse_formats,
    sink,
    write_records,
)
from claimgraph.engines import Engine
from claimgraph.errors import ClaimgraphError, OutputError
from claimgraph.fileio import make_folder
from claimgraph.render import DEFAULT_MIN_SCORE, shown
from claimgraph.settings import Settings

if TYPE_CHECKING:
    from rich.progress import Progress

    from claimgraph.record import DocumentInfo, Record

__all__ = ["OutputFormat", "analyze", "schema"]


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


def _tracked(records: Iterable[Record], progress: Progress | None, total: int | None) -> Iterator[Record]:
    if progress is None:
        yield from records
        return
    task = progress.add_task("analyse", total=total)
    for record in records:
        progress.update(task, advance=1)
        yield record


def _check_outputs(
    formats: list[OutputFormat], output: Path | None, output_dir: Path | None, resume: bool
) -> None:
    if output is not None and output_dir is not None:
        raise fail("give --output FILE or --output-dir DIR, not both")
    if len(formats) > 1 and output_dir is None:
        raise fail("several formats write one file each: give --output-dir DIR")
    if resume and (output is None or formats != [OutputFormat.jsonl]):
        raise fail("--resume appends to a JSON lines file: give --format jsonl and --output FILE")


def _sinks(
    stack: contextlib.ExitStack, formats: list[OutputFormat], output: Path | None, output_dir: Path | None
) -> list[Sink]:
    """The output files, opened before any analysis: a folder, a read-only folder or a full disk
    fails first, and nothing is left of them on any failure (temporary files)."""
    if output_dir is not None:
        make_folder(output_dir)
        return [sink(f, stack.enter_context(atomic_write(output_dir / FILE_NAMES[f]))) for f in formats]
    if output is not None:
        return [sink(formats[0], stack.enter_context(atomic_write(output)))]
    return [sink(formats[0], sys.stdout, to_terminal=sys.stdout.isatty())]


def _resumed(output: Path, stack: contextlib.ExitStack) -> tuple[set[str], Sink]:
    """The ids already in ``output`` and a sink appending to it, a whole line at a time."""
    done = done_ids(output)
    try:
        fh = stack.enter_context(open(output, "a", encoding="utf-8"))  # noqa: SIM115
    except OSError as exc:
        raise OutputError(f"{output}: cannot append: {exc.strerror or exc}") from exc
    return done, sink(OutputFormat.jsonl, fh, flush=True)


@handle_errors
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt .html .htm .jsonl), directories, or - for standard input."),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Output format: terminal, json, jsonl, html, events-csv; several, comma-separated "
            "(jsonl,html,events-csv), with --output-dir.",
        ),
    ] = OutputFormat.terminal.value,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            help="Write each format to its file in this folder (records.jsonl, records.json, "
            "report.html, events.csv, report.txt).",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="With --format jsonl -o FILE: skip documents whose id is in FILE already, append the rest.",
        ),
    ] = False,
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
    from claimgraph.collector import collection_paused

    with collection_paused(freeze=True):  # long-lived module objects
        from claimgraph.analyzer import Analyzer
        from claimgraph.ingest import count_documents, read_documents

    formats = parse_formats(fmt)
    _check_outputs(formats, output, output_dir, resume)
    settings = Settings.from_env(max_chars=max_chars, spacy_model=model)
    if engine is Engine.ray:
        from claimgraph.engines.ray import require_ray

        require_ray()  # without the extra: one line, before reading anything
    with contextlib.ExitStack() as stack:
        done: set[str] = set()
        if resume:
            assert output is not None
            done, appending = _resumed(output, stack)
            sinks = [appending]
        else:
            sinks = _sinks(stack, formats, output, output_dir)
        analyzer = Analyzer(settings)
        inputs = (d for d in read_documents(paths) if isinstance(d, ClaimgraphError) or d.id not in done)
        first_two = list(itertools.islice(inputs, 2))
        single = len(first_two) == 1 and not done
        if single and isinstance(first_two[0], ClaimgraphError):
            raise first_two[0]
        failures = _Failures()
        documents = failures.filter(itertools.chain(first_two, inputs))
        records: Iterable[Record]
        if engine is Engine.ray:
            records = _on_ray(documents, settings, address, actors, failures, single=single)
        elif single:
            records = [analyzer.analyze(next(documents))]
        else:
            records = failures.filter(analyzer.pipe(documents, workers=workers, errors="yield"))
        total = None if single else count_documents(paths)
        if total is not None:
            total = max(0, total - len(done))
        show_progress = not quiet and err_console.is_terminal and not single and bool(first_two)
        with progress_bar(show_progress, "analysing") as progress:
            write_records((shown(r, min_score) for r in _tracked(records, progress, total)), sinks)
            if output is None and output_dir is None:
                sys.stdout.flush()
    if done and not quiet:
        err_console.print(
            f"resumed: {len(done)} document(s) already in {shown_path(output)}", highlight=False
        )
    if failures.count:
        raise fail(f"{failures.count} document(s) could not be analysed", 1)


def _on_ray(
    documents: Iterable[DocumentInfo],
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
    from claimgraph.record import record_json_schema

    sys.stdout.write(json.dumps(record_json_schema(), indent=2) + "\n")
