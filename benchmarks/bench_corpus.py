"""Ingest throughput of the corpus store (documents/s), SQLite and PostgreSQL.

    python benchmarks/bench_corpus.py [--docs 200] [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]

Analyses the first N FNC-1 bodies (../shared/data/fnc1) once, single process,
with every stage whose model is present, then stores the records into a
fresh SQLite file and a fresh PostgreSQL schema, one transaction per
document, and again (all unchanged). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from claimgraph import Analyzer, Settings
from claimgraph.corpus.store import Corpus
from claimgraph.errors import ModelError
from claimgraph.eval import shared_data_dir
from claimgraph.record import DocumentInfo, Record
from claimgraph.settings import STAGES


def bodies(n: int) -> list[DocumentInfo]:
    path = shared_data_dir("fnc1") / "train_bodies.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:n]
    return [
        DocumentInfo(
            id=f"fnc1-body-{r['Body ID']}",
            source=f"outlet-{int(r['Body ID']) % 7}",
            published=f"2014-{int(r['Body ID']) % 12 + 1:02d}-{int(r['Body ID']) % 28 + 1:02d}",
            text=r["articleBody"],
        )
        for r in rows
    ]


def analyse(docs: list[DocumentInfo]) -> tuple[list[Record], float, tuple[str, ...]]:
    nlp = Analyzer().nlp
    stages: list[str] = []
    for stage in STAGES:  # keep the stages whose models are present
        try:
            Analyzer(Settings(stages=(*stages, stage)), nlp=nlp).analyze(
                "Moscow denied the reports, Kyiv said."
            )
            stages.append(stage)
        except ModelError:
            continue
    analyzer = Analyzer(Settings(stages=tuple(stages)), nlp=nlp)
    start = time.perf_counter()
    records: list[Record] = []
    for doc in docs:
        try:
            records.append(analyzer.analyze(doc))
        except Exception as exc:  # an extractor still being written: leave the document out
            print(f"skipped {doc.id}: {type(exc).__name__}: {exc}")
    return records, time.perf_counter() - start, tuple(stages)


def store(url: str, records: list[Record]) -> tuple[float, float]:
    with Corpus(url) as corpus:
        corpus.add(records[0])  # load the matching model outside the timing
        start = time.perf_counter()
        for r in records[1:]:
            corpus.add(r)
        first = time.perf_counter() - start
        start = time.perf_counter()
        for r in records:
            assert corpus.add(r).status == "unchanged"
        again = time.perf_counter() - start
    return (len(records) - 1) / first, len(records) / again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--cached", action="store_true", help="reuse the records of an earlier run (.cache/)")
    parser.add_argument("--postgres", default=os.environ.get("CLAIMGRAPH_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    cache = Path(".cache") / f"bench_corpus-{args.docs}.jsonl"
    if args.cached and cache.is_file():
        records = [Record.from_json(line) for line in cache.read_text(encoding="utf-8").splitlines()]
        seconds, stages = float("nan"), ("cached",)
    else:
        records, seconds, stages = analyse(bodies(args.docs))
        cache.parent.mkdir(exist_ok=True)
        cache.write_text("".join(r.to_json(indent=None) + "\n" for r in records), encoding="utf-8")
    n_units = sum(len(r.statements) + len(r.claims) for r in records)
    print(
        f"analysed {len(records)} documents in {seconds:.1f}s ({len(records) / seconds:.2f} docs/s, "
        f"stages: {', '.join(stages)}; {n_units} statements+claims, "
        f"{sum(len(r.events) for r in records)} events, {sum(len(r.actors) for r in records)} actors)"
    )
    print("| backend | store, new documents/s | store, already stored documents/s |")
    print("|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        new, again = store(f"sqlite:///{Path(tmp) / 'bench.db'}", records)
        print(f"| SQLite (file, WAL) | {new:.1f} | {again:.1f} |")
    if args.postgres:
        from sqlalchemy import create_engine, text

        schema = f"cg_bench_{uuid.uuid4().hex[:8]}"
        engine = create_engine(args.postgres)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            sep = "&" if "?" in args.postgres else "?"
            url = f"{args.postgres}{sep}options={quote(f'-csearch_path={schema}')}"
            new, again = store(url, records)
            print(f"| PostgreSQL 15 (localhost) | {new:.1f} | {again:.1f} |")
        finally:
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
