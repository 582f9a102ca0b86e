"""Time the voice extractor against the spaCy parse on PTC articles (needs ../shared/data).

    python benchmarks/voice_speed.py [N_ARTICLES]

Prints parse seconds, voice seconds and voice time as a share of parse time, in wall-clock
time and in CPU time of this process (``time.process_time``: steadier on a shared machine).
"""

from __future__ import annotations

import sys
import time

from claimgraph.eval import shared_data_dir
from claimgraph.nlp import load_pipeline
from claimgraph.record import DocumentInfo, Record
from claimgraph.stages.voice import voice


def main(n: int = 30) -> None:
    files = sorted(p for p in shared_data_dir("ptc").glob("*-articles/*.txt"))[:n]
    texts = [p.read_text(encoding="utf-8") for p in files]
    nlp = load_pipeline()
    nlp("Warm up.")
    started, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse, parse_cpu = time.perf_counter() - started, time.process_time() - cpu
    records = [Record(document=DocumentInfo(id=str(i), text=t)) for i, t in enumerate(texts)]
    voice(docs[0], records[0])
    started, cpu = time.perf_counter(), time.process_time()
    found = [voice(d, r) for d, r in zip(docs, records, strict=True)]
    spent, spent_cpu = time.perf_counter() - started, time.process_time() - cpu
    sentences = sum(1 for d in docs for _ in d.sents)
    print(
        f"{len(docs)} articles, {sentences} sentences: parse {parse:.2f}s, voice {spent:.3f}s "
        f"({spent / parse * 100:.1f}% of parse), {sum(len(f) for f in found)} voice spans; "
        f"CPU time: parse {parse_cpu:.2f}s, voice {spent_cpu:.3f}s ({spent_cpu / parse_cpu * 100:.1f}%)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
