"""Issue 20: is memory flat over a long stream? Resident memory of every worker while
``Analyzer.pipe(workers=N)`` analyses a stream of many short documents.

    .venv/bin/python benchmarks/memory_stream.py [--docs 10000] [--workers 2] [--data ../shared/data]

The documents are the paragraphs of the PTC train articles (read in place from
``../shared/data``, never copied), taken in file order and cycled when ``--docs`` asks for
more: real news text of varied length, many more documents than the workers' in-flight
window. Every ``--every`` records the resident memory (VmRSS) of the parent and of each
worker is read from ``/proc``; the table shows it at each checkpoint, and the last line
compares the workers' memory at the end with their memory after the first tenth of the
stream (flat: growth well under the first tenth's level).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from claimgraph.analyzer import Analyzer
from claimgraph.eval import shared_data_dir


def paragraphs(folder: Path) -> Iterator[str]:
    """The paragraphs of the articles in ``folder`` (blank-line or line separated), 40+ characters."""
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.strip()) >= 40:
                yield line.strip()


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the pool's workers)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--data", default=None)
    args = ap.parse_args(argv)
    data = Path(args.data) if args.data else shared_data_dir()
    folder = data / "ptc" / "train-articles"
    texts = list(paragraphs(folder))
    if not texts:
        print(f"no paragraphs under {folder}", file=sys.stderr)
        return 2
    stream = itertools.islice(itertools.cycle(texts), args.docs)
    analyzer = Analyzer()
    me = os.getpid()
    rows: list[tuple[int, float, float, float]] = []
    start = time.perf_counter()
    words = 0
    print(f"{len(texts)} distinct paragraphs, {args.docs} documents, {args.workers} workers")
    print("| documents | seconds | parent MB | largest worker MB | all workers MB |")
    print("|---|---|---|---|---|")
    for n, record in enumerate(analyzer.pipe(stream, workers=args.workers, errors="yield"), start=1):
        words += len(getattr(getattr(record, "document", None), "text", "").split())
        if n % args.every == 0 or n == args.docs:
            workers = [rss_mb(p) for p in children(me)]
            row = (n, time.perf_counter() - start, rss_mb(me), max(workers, default=0.0), sum(workers))
            rows.append(row[:1] + row[2:])
            print(f"| {row[0]} | {row[1]:.0f} | {row[2]:.0f} | {row[3]:.0f} | {row[4]:.0f} |", flush=True)
    elapsed = time.perf_counter() - start
    tenth = next((r for r in rows if r[0] >= args.docs // 10), rows[0])
    last = rows[-1]
    print(
        f"\n{args.docs} documents ({words} words) in {elapsed:.0f} s; largest worker "
        f"{tenth[2]:.0f} MB after {tenth[0]} documents, {last[2]:.0f} MB at the end "
        f"({last[2] - tenth[2]:+.0f} MB); parent {tenth[1]:.0f} → {last[1]:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
