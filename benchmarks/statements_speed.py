"""Time the statements extractor against the parse it reads (issue 3: at most +20%).

Usage: python benchmarks/statements_speed.py [--data ../shared/data/polnear/data] [--n 40] [--rounds 3]

Parses N PolNeAR dev articles with ``nlp.pipe`` (one process) and runs the
statements extractor on the parses, alternating the two for a few rounds so
that both see the same machine load; prints the median ratio.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time
from pathlib import Path

from claimgraph.eval.polnear import load_split
from claimgraph.nlp import load_pipeline
from claimgraph.record import DocumentInfo, Record

S = importlib.import_module("claimgraph.stages.statements")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data/polnear/data"))
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    texts = [a.text for a in load_split(args.data, "dev")[: args.n]]
    nlp = load_pipeline()
    S.raw_statements(nlp("He said it was fine."))  # load the model once
    ratios = []
    for r in range(args.rounds):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        n_st = 0
        for doc, text in zip(docs, texts, strict=True):
            n_st += len(S.statements(doc, Record(document=DocumentInfo(id="x", text=text))))
        stmts = time.perf_counter() - t0
        tokens = sum(len(d) for d in docs)
        ratios.append(stmts / parse)
        print(
            f"round {r + 1}: {len(docs)} docs, {tokens:,} tokens; parse {parse:.2f}s "
            f"({tokens / parse:,.0f} tok/s), statements {stmts:.2f}s ({tokens / stmts:,.0f} tok/s, "
            f"{n_st} statements): +{100 * stmts / parse:.1f}%"
        )
    print(f"median: statements add {100 * statistics.median(ratios):.1f}% to the parse time")


if __name__ == "__main__":
    main()
