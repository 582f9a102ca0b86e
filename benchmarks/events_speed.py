"""How much the events stage adds to the parse time of a batch.

Usage::

    python benchmarks/events_speed.py [--articles 100]

Parses the first N news articles of the PTC training set (``../shared/data/ptc``,
read for timing only) with ``nlp.pipe`` in one process, then runs the events
extractor over the parsed docs (with the record's actors and statements empty,
and again after the actors/statements stages when they are available), and
prints both times and their ratio. The issue's budget: events add at most 20%.
"""

from __future__ import annotations

import argparse
import time

from claimgraph.errors import ClaimgraphError
from claimgraph.eval import shared_data_dir
from claimgraph.nlp import load_pipeline
from claimgraph.record import DocumentInfo, Record
from claimgraph.stages import EXTRACTORS
from claimgraph.stages.events import events


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100)
    args = ap.parse_args(argv)
    folder = shared_data_dir("ptc/train-articles")
    paths = sorted(folder.glob("article*.txt"))[: args.articles]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = load_pipeline()
    list(nlp.pipe(texts[:3]))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0
    records = [Record(document=DocumentInfo(id=p.stem, text=t)) for p, t in zip(paths, texts, strict=True)]
    events(docs[0], records[0])  # load the lexicon once
    t1 = time.perf_counter()
    n_events = sum(len(events(d, r)) for d, r in zip(docs, records, strict=True))
    ev_time = time.perf_counter() - t1
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} articles, {chars:,} characters, {sum(len(d) for d in docs):,} tokens")
    print(f"parse: {parse:.2f}s   events: {ev_time:.3f}s ({n_events} events)   ratio: {ev_time / parse:.1%}")
    # with the stages before events, when they are implemented
    before = [s for s in ("actors", "statements") if s in EXTRACTORS]
    full = []
    try:
        for d, r in zip(docs, records, strict=True):
            for stage in before:
                r = r.model_copy(update={stage: EXTRACTORS[stage](d, r)})
            full.append(r)
    except ClaimgraphError as exc:  # a stage whose model is not trained here
        print(f"(stages before events unavailable: {exc})")
        return 0
    t2 = time.perf_counter()
    n_full = sum(len(events(d, r)) for d, r in zip(docs, full, strict=True))
    ev_full = time.perf_counter() - t2
    n_actors = sum(len(r.actors) for r in full)
    print(
        f"events after {'+'.join(before)} ({n_actors} actors): {ev_full:.3f}s ({n_full} events)   "
        f"ratio: {ev_full / parse:.1%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
