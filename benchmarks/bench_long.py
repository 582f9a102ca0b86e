"""Cost of one long document: wall time and peak memory against its length.

The text is real news: the PTC training articles from ../shared/data (or
``CLAIMGRAPH_DATA``) joined by blank lines, repeated when a size asks for more, cut to
each size. Every size runs in a fresh process (so peak memory is that size's alone):
the process loads the pipeline, analyses a short warm-up text, then times
``Analyzer().analyze(text)`` with default settings. Peak memory is the process's
maximum resident set (``resource.getrusage(...).ru_maxrss``), models included.

    .venv/bin/python benchmarks/bench_long.py [--sizes 10000,100000,1000000,2000000]

Prints a table and the slope (time at 1M characters / time at 100k characters;
linear cost gives 10), and checks the targets: slope at most 12, peak memory at
most 1,500 MB at 2M characters. Skipped with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from datetime import date

MAX_SLOPE = 12.0
MAX_PEAK_MB_AT_2M = 1500.0


def _text(chars: int) -> str:
    from claimgraph.eval import shared_data_dir

    folder = shared_data_dir("ptc/train-articles")
    articles = [p.read_text(encoding="utf-8").strip() for p in sorted(folder.glob("article*.txt"))]
    joined = "\n\n".join(a for a in articles if a)
    if not joined:
        raise SystemExit(f"no articles in {folder}")
    while len(joined) < chars:
        joined = joined + "\n\n" + joined
    return joined[:chars]


def _child(chars: int) -> int:
    """Measure one size in this process; print one JSON line."""
    from claimgraph import Analyzer

    text = _text(chars)
    analyzer = Analyzer()
    analyzer.analyze("The ministry said on Monday that the talks would resume.")  # loads every model
    start = time.perf_counter()
    record = analyzer.analyze(text, id=f"long-{chars}")
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    problems = record.check_spans()
    print(
        json.dumps(
            {
                "chars": len(text),
                "seconds": round(seconds, 2),
                "peak_mb": round(peak_kb / 1024, 1),
                "actors": len(record.actors),
                "statements": len(record.statements),
                "claims": len(record.claims),
                "events": len(record.events),
                "span_problems": len(problems),
                "windowed": any("windows" in w for w in record.document.warnings),
            }
        )
    )
    return 0


def _measure(chars: int, timeout: float) -> dict | None:
    cmd = [sys.executable, __file__, "--child", str(chars)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        print(f"  {chars:>9,} chars: over the {timeout:.0f} s time-out", flush=True)
        return None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:]
        print(f"  {chars:>9,} chars: failed ({tail[0] if tail else done.returncode})", flush=True)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,100000,1000000,2000000", help="comma-separated sizes in characters"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per size")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child)

    from claimgraph.errors import DataError

    try:
        _text(1)
    except DataError as exc:
        print(f"skipped: the PTC training articles are not available ({exc})")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(
        f"# long documents — {date.today()} — {platform.machine()}, python {platform.python_version()}, "
        "default settings, one fresh process per size"
    )
    results: dict[int, dict] = {}
    for chars in sizes:
        found = _measure(chars, args.timeout)
        if found is not None:
            results[chars] = found
    print()
    print(
        f"{'chars':>10}  {'time s':>8}  {'peak MB':>8}  {'actors':>7}  {'stmts':>6}  {'claims':>6}  windowed"
    )
    for r in results.values():
        print(
            f"{r['chars']:>10,}  {r['seconds']:>8.2f}  {r['peak_mb']:>8.1f}  {r['actors']:>7}  "
            f"{r['statements']:>6}  {r['claims']:>6}  {'yes' if r['windowed'] else 'no'}"
            + (f"  ({r['span_problems']} span problems)" if r["span_problems"] else "")
        )
    ok = True
    if 100_000 in results and 1_000_000 in results:
        slope = results[1_000_000]["seconds"] / max(results[100_000]["seconds"], 1e-9)
        verdict = "ok" if slope <= MAX_SLOPE else "OVER"
        ok &= slope <= MAX_SLOPE
        print(
            f"slope (time at 1M / time at 100k): {slope:.1f} (target <= {MAX_SLOPE:g}, linear 10): {verdict}"
        )
    if 2_000_000 in results:
        peak = results[2_000_000]["peak_mb"]
        verdict = "ok" if peak <= MAX_PEAK_MB_AT_2M else "OVER"
        ok &= peak <= MAX_PEAK_MB_AT_2M
        print(f"peak memory at 2M characters: {peak:.0f} MB (target <= {MAX_PEAK_MB_AT_2M:g} MB): {verdict}")
    ok &= all(not r["span_problems"] for r in results.values()) and len(results) == len(sizes)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
