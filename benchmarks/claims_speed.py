"""Time the claims stage and summarise its output on real articles (issue 6).

Usage: python benchmarks/claims_speed.py [--data ../shared/data/polnear/data] [--n 20]

Analyses N PolNeAR dev articles with the full pipeline (one process), then
re-runs the claims stage alone on each record and reports its time per
document next to the parse time, with counts of claims, multi-statement
claims, contested claims, author stances, and a check that every span matches.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from claimgraph.analyzer import Analyzer
from claimgraph.eval.polnear import load_split
from claimgraph.stages.claims import claims


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data/polnear/data"))
    ap.add_argument("--n", type=int, default=20)
    args = ap.parse_args()
    texts = [a.text for a in load_split(args.data, "dev")[: args.n]]
    analyzer = Analyzer()
    t0 = time.perf_counter()
    docs = list(analyzer.nlp.pipe(texts))
    parse = time.perf_counter() - t0
    records = [analyzer.record_from_doc(d, analyzer.prepare(t)) for d, t in zip(docs, texts, strict=True)]
    t0 = time.perf_counter()
    out = [claims(d, r) for d, r in zip(docs, records, strict=True)]
    stage = time.perf_counter() - t0
    found = [c for cs in out for c in cs]
    stances = Counter(c.author_stance for c in found)
    problems = sum(len(r.check_spans()) for r in records)
    print(
        f"{len(docs)} docs, {sum(len(r.statements) for r in records)} statements -> {len(found)} claims "
        f"({sum(len(c.statements) > 1 for c in found)} with several statements, "
        f"{sum(c.contested for c in found)} contested, "
        f"{sum(c.evidence_cited for c in found)} with evidence); "
        f"author stance {dict(stances)}; span problems {problems}"
    )
    print(f"parse {1000 * parse / len(docs):.0f} ms/doc; claims stage {1000 * stage / len(docs):.1f} ms/doc")
    words = [len(c.text.split()) for c in found]
    median = sorted(words)[len(words) // 2]
    print(f"canonical text: median {median} words, {sum(w > 15 for w in words)} over 15")


if __name__ == "__main__":
    main()
