"""Time the techniques extractor against the spaCy parse it reads (PTC articles).

    .venv/bin/python benchmarks/techniques_speed.py [N_ARTICLES]

Parses N articles with ``nlp.pipe`` (not cached) in batches of 8, running the
techniques stage on each batch right after it is parsed (a busy machine slows
both alike), and prints both times and the ratio. Needs ../shared/data/ptc.
"""

from __future__ import annotations

import sys
import time

from claimgraph import models
from claimgraph.embeddings.static import embed
from claimgraph.eval import shared_data_dir
from claimgraph.eval.ptc import read_ptc
from claimgraph.nlp import load_pipeline
from claimgraph.record import DocumentInfo, Record
from claimgraph.stages.techniques import techniques
from claimgraph.stages.techniques.model import load_models


def main(n: int = 60) -> None:
    articles = read_ptc(shared_data_dir("ptc"))[-n:]
    nlp = load_pipeline()
    load_models()
    embed(["warm up"])  # the span classifier's static embedding (loaded once, shared with voice)
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:2]))  # warm up
    # parse a batch, then run the stage on it: interleaved, so a busy machine slows both alike
    parse = stage = 0.0
    found = 0
    docs = []
    for b in range(0, len(texts), 8):
        t0 = time.perf_counter()
        batch = list(nlp.pipe(texts[b : b + 8], batch_size=8))
        t1 = time.perf_counter()
        for d, a in zip(batch, articles[b : b + 8], strict=True):
            found += len(techniques(d, Record(document=DocumentInfo(id=a.id, text=a.text))))
        t2 = time.perf_counter()
        parse += t1 - t0
        stage += t2 - t1
        docs += batch
    tokens = sum(len(d) for d in docs)
    size = sum(p.stat().st_size for p in models.path().glob("techniques*"))
    print(f"{len(docs)} articles, {tokens:,} tokens, {found} technique spans")
    print(f"parse:      {parse:7.2f} s  ({1000 * parse / tokens * 1000:.1f} ms per 1,000 tokens)")
    print(f"techniques: {stage:7.2f} s  ({1000 * stage / tokens * 1000:.1f} ms per 1,000 tokens)")
    print(f"techniques / parse = {stage / parse:.1%}; model files {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
