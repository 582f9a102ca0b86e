"""Speed of the whole analysis: the bundled sample and a 100-document batch.

Reports, for the batch, the time of the spaCy parse alone (``nlp.pipe``) and of
the full analysis (parse + every extractor), words per second, and the share
each extraction stage adds to the parse. The batch is 100 PTC training articles
from ../shared/data (skipped with a message when the folder is absent).

    .venv/bin/python benchmarks/bench_core.py [--docs 100] [--workers 2]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from datetime import date
from pathlib import Path

from claimgraph import Analyzer
from claimgraph.errors import DataError
from claimgraph.eval import shared_data_dir
from claimgraph.ingest import read_documents
from claimgraph.record import Record
from claimgraph.settings import STAGES
from claimgraph.stages import EXTRACTORS

ROOT = Path(__file__).resolve().parents[1]


def _batch(n: int) -> list[str]:
    folder = shared_data_dir("ptc/train-articles")
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:n]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument(
        "--workers", type=int, default=2, help="also time Analyzer.pipe(workers=N); 1 to skip"
    )
    args = parser.parse_args()
    analyzer = Analyzer()
    nlp = analyzer.nlp
    print(
        f"# core speed — {date.today()} — {platform.machine()} {platform.processor() or ''}, "
        f"python {platform.python_version()}, {analyzer.generator['spacy_model']}"
    )

    sample = next(iter(read_documents([ROOT / "examples" / "sample_article.html"])))
    analyzer.analyze(sample)  # warm-up: loads every knowledge file and model once
    t0 = time.perf_counter()
    record = analyzer.analyze(sample)
    t1 = time.perf_counter()
    words = len(record.document.text.split())
    print(
        f"sample article: {words} words, {t1 - t0:.3f} s (warm), "
        f"{len(record.actors)} actors, {len(record.statements)} statements, {len(record.events)} events, "
        f"{len(record.techniques)} techniques, {len(record.voice)} voice spans, {len(record.claims)} claims"
    )

    try:
        texts = _batch(args.docs)
    except DataError as exc:
        print(f"batch skipped: {exc}")
        return 0
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=analyzer.settings.batch_size))
    parse = time.perf_counter() - t0
    stage_time = dict.fromkeys(STAGES, 0.0)
    for doc, text in zip(docs, texts, strict=True):
        info = analyzer.prepare(text)
        rec = Record(document=info)
        for stage in STAGES:
            s = time.perf_counter()
            rec = rec.model_copy(update={stage: EXTRACTORS[stage](doc, rec)})
            stage_time[stage] += time.perf_counter() - s
    t0 = time.perf_counter()
    n = sum(1 for _ in analyzer.pipe(texts))
    total = time.perf_counter() - t0
    print(f"batch: {n} documents, {words} words")
    print(f"  parse only (nlp.pipe): {parse:.1f} s, {words / parse:,.0f} words/s")
    print(
        f"  full analysis (Analyzer.pipe): {total:.1f} s, {words / total:,.0f} words/s, "
        f"{n / total:.2f} docs/s"
    )
    if args.workers > 1:
        t0 = time.perf_counter()
        n = sum(1 for _ in analyzer.pipe(texts, workers=args.workers))
        multi = time.perf_counter() - t0
        print(
            f"  full analysis, {args.workers} worker processes: {multi:.1f} s, "
            f"{words / multi:,.0f} words/s, {n / multi:.2f} docs/s (includes loading the pipeline per worker)"
        )
    for stage, seconds in stage_time.items():
        print(f"  {stage:<11} {seconds:6.2f} s  = {100 * seconds / parse:5.1f}% of parse time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
