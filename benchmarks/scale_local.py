"""Issue 20, part A: start-up, re-ingest, and one machine's workers, measured as a user runs them.

    .venv/bin/python benchmarks/scale_local.py [--docs 100] [--workers 2] [--repeat 3] [--data ../shared/data]

Every figure is a run of the ``claimgraph`` command in a fresh process, timed from outside
(wall clock, and user + system CPU from the operating system), on the first ``--docs``
PTC train articles (read in place from ``../shared/data``, never copied):

- start-up: ``python -c "import spacy; spacy.load(P)"`` for the pipeline P claimgraph uses,
  against ``claimgraph analyze`` of one sentence (target: ≤ 1.5 × the former), and the query
  commands ``claims`` and ``events`` on the corpus ingested below (target: ≤ 0.5 s);
- re-ingest: ``claimgraph ingest`` of the articles into a new SQLite corpus, then again
  (nothing changed: target ≤ 5 % of the first);
- workers: ``claimgraph analyze -f jsonl`` of the same articles with 1 and ``--workers`` N
  processes: documents per second (target: 2 workers ≥ 1.7 × one) and the peak resident
  memory of the largest process (the CLI, or one worker).

Medians of ``--repeat`` runs for the start-up figures; one run each for the rest.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CLAIMGRAPH = str(BIN / "claimgraph")


def timed(args: list[str]) -> tuple[float, float, float]:
    """(wall s, user + system CPU s, peak RSS MB of the largest process) of one run."""
    start = time.perf_counter()
    pid = os.posix_spawn(args[0], args, dict(os.environ), file_actions=_quiet())
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed ({status}): {' '.join(args[:4])} …")
    # ru_maxrss of wait4 covers the child and the descendants it waited for (the workers)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _quiet() -> list[tuple[int, int, str, int, int]]:
    return [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]


def median_of(args: list[str], repeat: int) -> tuple[float, float]:
    timed(args)  # warm the file cache
    runs = [timed(args) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    opts = parser.parse_args()
    folder = opts.data / "ptc" / "train-articles"
    if not folder.is_dir():
        raise SystemExit(f"PTC articles not found under {folder} (give --data)")
    articles = [str(p) for p in sorted(folder.glob("*.txt"))[: opts.docs]]
    words = sum(len(Path(a).read_text(encoding="utf-8").split()) for a in articles)
    print(f"# {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"# {len(articles)} PTC train articles, {words:,} words")

    from claimgraph.nlp import pipeline_name

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = work / "one.txt"
        one.write_text("Pyongyang denied the reports, the ministry said.\n", encoding="utf-8")
        db = f"sqlite:///{work / 'corpus.db'}"

        # re-ingest (first, so the query commands below have a corpus)
        ingest = [CLAIMGRAPH, "ingest", *articles, "--db", db, "-q"]
        first = timed(ingest)
        again = timed(ingest)
        print(f"ingest, first: {first[0]:.1f} s wall, {first[1]:.1f} s CPU")
        print(f"ingest, again (unchanged): {again[0]:.2f} s wall, {again[1]:.2f} s CPU")
        print(f"re-ingest / first ingest: {again[0] / first[0]:.1%} wall, {again[1] / first[1]:.1%} CPU")

        # start-up
        load = [sys.executable, "-c", f"import spacy; spacy.load({pipeline_name()!r})"]
        rows = {
            "spacy.load alone": median_of(load, opts.repeat),
            "analyze one sentence": median_of([CLAIMGRAPH, "analyze", str(one), "-f", "json"], opts.repeat),
            "claims": median_of([CLAIMGRAPH, "claims", "--db", db], opts.repeat),
            "events": median_of([CLAIMGRAPH, "events", "--db", db], opts.repeat),
        }
        for name, (wall, cpu) in rows.items():
            print(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU")
        base = rows["spacy.load alone"]
        mine = rows["analyze one sentence"]
        print(f"analyze one sentence / spacy.load: {mine[0] / base[0]:.2f} wall, {mine[1] / base[1]:.2f} CPU")

        # workers
        rates = {}
        for n in (1, opts.workers):
            out = work / f"w{n}.jsonl"
            cmd = [CLAIMGRAPH, "analyze", *articles, "-f", "jsonl", "-o", str(out), "-q", "--workers", str(n)]
            wall, cpu, rss = timed(cmd)
            rates[n] = len(articles) / wall
            print(
                f"analyze, {n} worker(s): {wall:.1f} s wall, {cpu:.1f} s CPU, "
                f"{rates[n]:.2f} docs/s, {words / wall:,.0f} words/s, peak RSS {rss:,.0f} MB"
            )
        same = (work / "w1.jsonl").read_bytes() == (work / f"w{opts.workers}.jsonl").read_bytes()
        print(f"{opts.workers} workers / 1: {rates[opts.workers] / rates[1]:.2f}x; outputs identical: {same}")


if __name__ == "__main__":
    main()
