"""The MiniLM span tagger alone on a held-out PTC fifth: SI and labelled span F1.

    .venv/bin/python benchmarks/techniques_transformer.py --adapters DIR --fold N \
        [--thresholds 0.3,0.35,0.4] [--begin 0.5] [--cache DIR]

``DIR`` holds ``techniques-minilm.npz`` trained without fifth ``N`` (the split of
``claimgraph train techniques --holdout --fold N``). The spans are the tagger's own, labelled
with its own label channels (the top label, and a second one when it holds at least
:data:`~claimgraph.stages.techniques.SECOND_LABEL` of the label mass), without the CRF or the
span classifiers; only spaCy's tokenizer is run (no parse). Needs the ``transformer`` extra
(torch). Prints one row per threshold; ``--cache`` keeps the wordpiece probabilities.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import numpy as np

from claimgraph.eval import shared_data_dir
from claimgraph.eval.ptc import PtcSpan, labelled_scores, read_ptc, si_scores, split_articles
from claimgraph.nlp import load_pipeline
from claimgraph.nlp.spans import trim_offsets
from claimgraph.stages.techniques import SECOND_LABEL
from claimgraph.stages.techniques.transformer import (
    BEGIN_THRESHOLD,
    decode_spans,
    load_span_tagger,
    token_probabilities,
)
from claimgraph.vocabulary import TECHNIQUE_LABELS


def spans_of(doc, probs: np.ndarray, pieces, threshold: float, begin: float) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    """The tagger's labelled character spans in a tokenized document."""
    tokens = [(t.idx, t.idx + len(t.text)) for t in doc]
    tp = token_probabilities(probs, tokens, pieces)
    out = []
    for sp in decode_spans(tp, threshold, begin, skip=[t.is_space for t in doc]):
        if all(doc[i].is_stop or doc[i].is_punct for i in range(sp.start, sp.end)):
            continue
        s, e = trim_offsets(doc.text, tokens[sp.start][0], tokens[sp.end - 1][1])
        if e <= s:
            continue
        dist = sp.labels / max(float(sp.labels.sum()), 1e-9)
        order = np.argsort(-dist)
        out.append((TECHNIQUE_LABELS[order[0]], s, e))
        if dist[order[1]] >= SECOND_LABEL:
            out.append((TECHNIQUE_LABELS[order[1]], s, e))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--adapters", type=Path, required=True)
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--thresholds", default="0.25,0.3,0.35,0.4,0.45,0.5")
    ap.add_argument("--begin", type=float, default=BEGIN_THRESHOLD)
    ap.add_argument("--cache", type=Path)
    args = ap.parse_args()
    articles = read_ptc(shared_data_dir("ptc"))
    held = set(split_articles([a.id for a in articles], k=5, fold=args.fold)[1])
    articles = [a for a in articles if a.id in held]
    nlp = load_pipeline()
    tagger = None
    docs, probs = [], []
    seconds = 0.0
    key = hashlib.sha1((args.adapters / "techniques-minilm.npz").read_bytes()).hexdigest()[:12]
    for a in articles:
        doc = nlp.make_doc(a.text)
        path = args.cache / f"{key}-{a.id}.npz" if args.cache else None
        if path is not None and path.exists():
            with np.load(path) as z:
                pieces, p = [tuple(o) for o in z["offsets"].tolist()], z["probs"]
        else:
            tagger = tagger or load_span_tagger(str(args.adapters))
            t0 = time.perf_counter()
            pieces, p = tagger.wordpiece_probabilities(a.text)
            seconds += time.perf_counter() - t0
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.savez(path, offsets=np.array(pieces, dtype=np.int64).reshape(-1, 2), probs=p)
        docs.append(doc)
        probs.append((pieces, p))
    gold = [sp for a in articles for sp in a.spans if sp.label is not None]
    print(f"fold {args.fold}: {len(articles)} articles, tagger {seconds:.1f}s")
    for th in [float(x) for x in args.thresholds.split(",")]:
        pred = []
        for a, doc, (pieces, p) in zip(articles, docs, probs, strict=True):
            pred += [PtcSpan(a.id, s, e, lab) for lab, s, e in spans_of(doc, p, pieces, th, args.begin)]
        si = si_scores(pred, gold)
        lab = labelled_scores(pred, gold)["micro"]
        print(
            f"threshold {th:.2f} begin {args.begin:.2f}: SI P {si.precision:.3f} R {si.recall:.3f} "
            f"F1 {si.f1:.3f} (n {si.n_pred}) | labelled P {lab.precision:.3f} R {lab.recall:.3f} "
            f"F1 {lab.f1:.3f}"
        )


if __name__ == "__main__":
    main()
