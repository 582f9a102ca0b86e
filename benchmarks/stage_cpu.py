"""CPU time of each extraction stage as a share of the spaCy parse (needs ../shared/data).

    python benchmarks/stage_cpu.py [N_ARTICLES] [--passes K]

Parses the first N PTC train articles once (``nlp.pipe``, batches as the Analyzer), then runs
every stage over the same parses K times and prints, per stage, the least CPU time
(``time.process_time``: steadier than the wall clock on a shared machine) of the K passes and
its share of the parse's CPU time; then the stages' total and the analysis/parse ratio it
implies (the parse's time over parse plus stages: what ``claimgraph bench`` measures, less the
language check, the record building and the batching around the stages). Whatever a stage keeps
with a Doc (its token columns, its text) is dropped before each pass, so every pass pays for it
as a real run does. The first pass's figures (cold caches) come last.

The ratio target of issue 20 (≥ 0.70) needs the stages at ≤ 43 % of the parse.
"""

from __future__ import annotations

import argparse
import sys
import time

from claimgraph import Analyzer
from claimgraph.errors import DataError
from claimgraph.eval import shared_data_dir
from claimgraph.record import Record
from claimgraph.stages import EXTRACTORS, link_statements


def _forget(doc: object) -> None:
    """Drop what the stages keep with a parsed Doc (works on code from before the columns too)."""
    try:
        from claimgraph.nlp.columns import forget_columns
    except ImportError:
        pass
    else:
        forget_columns(doc)  # type: ignore[arg-type]
    user_data = doc.user_data  # type: ignore[attr-defined]
    for key in [k for k in user_data if isinstance(k, str) and k.startswith("claimgraph.")]:
        del user_data[key]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=int, default=60)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        folder = shared_data_dir("ptc") / "train-articles"
    except DataError as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 0
    files = sorted(folder.glob("*.txt"))[: args.articles]
    analyzer = Analyzer()
    infos = [analyzer.prepare(p.read_text(encoding="utf-8"), id=p.stem) for p in files]
    analyzer.analyze(infos[0].text)  # loads every model and table
    started = time.process_time()
    docs = list(analyzer.nlp.pipe([i.text for i in infos], batch_size=analyzer.settings.batch_size))
    parse = time.process_time() - started
    stages = list(analyzer.settings.stages)

    def one_pass() -> dict[str, float]:
        spent = dict.fromkeys(stages, 0.0)
        for doc in docs:
            _forget(doc)
        for doc, info in zip(docs, infos, strict=True):
            record = Record(document=info, generator=analyzer.generator)
            for stage in stages:
                started = time.process_time()
                record = record.model_copy(update={stage: EXTRACTORS[stage](doc, record)})
                if stage == "claims":
                    linked = link_statements(record.statements, record.claims)
                    record = record.model_copy(update={"statements": linked})
                spent[stage] += time.process_time() - started
        return spent

    passes = [one_pass() for _ in range(max(1, args.passes))]
    best = {s: min(p[s] for p in passes) for s in stages}
    words = sum(len(i.text.split()) for i in infos)
    print(f"{len(docs)} PTC articles, {words:,} words; parse {parse:.2f} s of CPU")
    for stage, spent in best.items():
        print(f"  {stage:<11} {spent:6.2f} s  {100 * spent / parse:5.1f} %")
    total = sum(best.values())
    ratio = parse / (parse + total)
    print(f"  {'all stages':<11} {total:6.2f} s  {100 * total / parse:5.1f} %  → ratio {ratio:.3f}")
    first = passes[0]
    cold = sum(first.values())
    shares = " ".join(f"{s} {100 * first[s] / parse:.1f} %" for s in stages)
    print(f"first pass: {shares}; all {100 * cold / parse:.1f} % → ratio {parse / (parse + cold):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
