"""``claimgraph bench``: throughput, start-up and memory on a folder of texts."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from claimgraph.cli.common import err_console, handle_errors, report, shown
from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.settings import Settings

if TYPE_CHECKING:
    from claimgraph.record import DocumentInfo

__all__ = ["bench"]


def _read(path: str, limit: int | None) -> list[DocumentInfo]:
    from claimgraph.ingest import read_documents

    documents: list[DocumentInfo] = []
    skipped = 0
    for item in read_documents([path]):
        if isinstance(item, ClaimgraphError):
            skipped += 1
            report(item)
        elif item.text.strip():
            documents.append(item)
        if limit is not None and len(documents) >= limit:
            break
    if skipped:
        err_console.print(f"{skipped} input(s) skipped", highlight=False)
    if not documents:
        raise InputError("no document with text to measure", source=path)
    return documents


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _table(report_: dict) -> Table:
    model = shown(report_["spacy_model"])
    table = Table(
        title=f"{report_['documents']} documents, {report_['words']:,} words · {model}",
        caption="parse only: nlp.pipe; analysis: Analyzer.pipe. Start-up, wall: from starting a fresh "
        "process to its first, its last output; docs/s, words/s: over the wall time; warm: after the "
        "first output (one worker); peak RSS: per worker",
    )
    table.add_column("run")
    for name in ("workers", "start-up s", "wall s", "docs/s", "words/s", "warm docs/s", "warm words/s"):
        table.add_column(name, justify="right")
    table.add_column("peak RSS MB", justify="right")
    for m in report_["measures"]:
        table.add_row(
            "parse only" if m["kind"] == "parse" else "analysis",
            str(m["workers"]),
            f"{m['startup_s']:.2f}",
            f"{m['wall_s']:.2f}",
            _rate(m["docs_per_s"]),
            _rate(m["words_per_s"]),
            _rate(m["warm_docs_per_s"]),
            _rate(m["warm_words_per_s"]),
            f"{m['peak_rss_mb']:.0f}",
        )
    return table


@handle_errors
def bench(
    directory: Annotated[
        str, typer.Argument(help="A folder of articles (.txt .html .htm .jsonl) or a file.")
    ],
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Also measure with this many workers (1: only one).")
    ] = 2,
    docs: Annotated[
        int | None, typer.Option("--docs", "-n", min=1, help="Only the first N documents.")
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="spaCy pipeline package (default: CLAIMGRAPH_SPACY_MODEL)."),
    ] = None,
    repeat: Annotated[
        int,
        typer.Option(
            "--repeat",
            "-r",
            min=1,
            help="Run the one-worker parse and analysis this many times, alternating; keep the median.",
        ),
    ] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Measure parse-only and full-analysis throughput, 1 and N workers, start-up and peak memory.

    Each run is a fresh process: start-up is the time to its first output, peak RSS its
    own (or its largest worker's). The ratio compares the warm one-worker rates (also on
    CPU time, steadier on a shared machine); the speedup the wall times, start-up included.
    """
    from claimgraph.bench import run_bench

    documents = _read(directory, docs)
    settings = Settings.from_env(spacy_model=model)
    if not as_json:
        runs = 2 * repeat + (2 if workers > 1 else 0)
        err_console.print(f"measuring {len(documents)} documents in {runs} fresh processes…", highlight=False)
    result = run_bench(documents, workers=workers, settings=settings, repeat=repeat).to_dict()
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    console = Console(width=max(Console().width, 120))
    console.print(_table(result))
    failed = max(m["failed"] for m in result["measures"])
    if failed:
        console.print(f"{failed} document(s) could not be analysed (their time is counted)", highlight=False)
    if result["ratio"] is not None:
        cpu = "" if result["cpu_ratio"] is None else f"; on CPU time: {result['cpu_ratio']:.2f}"
        console.print(
            f"full analysis / parse only (1 worker, warm): {result['ratio']:.2f}{cpu}", highlight=False
        )
    if result["speedup"] is not None:
        console.print(
            f"{workers} workers / 1 worker (full analysis, wall time): {result['speedup']:.2f}×",
            highlight=False,
        )
    if result["warm_speedup"] is not None:
        console.print(
            f"{workers} workers / 1 worker (full analysis, once running): {result['warm_speedup']:.2f}×",
            highlight=False,
        )
