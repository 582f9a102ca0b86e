"""What stance and claims add to the parse (issue 16 budget: at most 15 % together).

Parses a batch of PTC training articles (``nlp.pipe``), then times, per document, the
learnt stance (features, static embedding and model: ``stance.decide`` over the kept
statements) and the claims stage (``EXTRACTORS["claims"]`` on the record of the stages
before it), and prints both as a share of the parse time. Skipped with a message when
``../shared/data`` is absent.

    .venv/bin/python benchmarks/bench_stance_share.py [--docs 100]
"""

from __future__ import annotations

import argparse
import time

from claimgraph import Analyzer
from claimgraph.errors import DataError
from claimgraph.eval import shared_data_dir
from claimgraph.record import Record
from claimgraph.settings import STAGES
from claimgraph.stages import EXTRACTORS
from claimgraph.stages.statements import kept_statements, raw_statements
from claimgraph.stages.statements.stance import decide


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    args = parser.parse_args()
    try:
        folder = shared_data_dir("ptc/train-articles")
    except DataError as exc:
        print(f"skipped: {exc}")
        return 0
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[: args.docs]]
    analyzer = Analyzer()
    nlp = analyzer.nlp
    analyzer.analyze(texts[0])  # warm-up: every model and knowledge file loaded once
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=analyzer.settings.batch_size))
    parse = time.perf_counter() - t0
    stance = claims = 0.0
    for doc, text in zip(docs, texts, strict=True):
        kept = kept_statements(doc, raw_statements(doc), learnt=False)
        s = time.perf_counter()
        decide(doc, kept)
        stance += time.perf_counter() - s
        rec = Record(document=analyzer.prepare(text))
        for stage in STAGES:
            s = time.perf_counter()
            rec = rec.model_copy(update={stage: EXTRACTORS[stage](doc, rec)})
            if stage == "claims":
                claims += time.perf_counter() - s
    print(f"{len(docs)} documents, parse {parse:.1f} s")
    print(f"  stance (learnt)  {stance:6.2f} s = {100 * stance / parse:5.1f}% of parse time")
    print(f"  claims stage     {claims:6.2f} s = {100 * claims / parse:5.1f}% of parse time")
    print(f"  together         {stance + claims:6.2f} s = {100 * (stance + claims) / parse:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
