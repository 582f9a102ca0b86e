"""How far technique scores can be trusted, and where to cut them for display.

Runs a held-out technique model (``claimgraph train techniques --holdout --fold K --out DIR``)
on the PTC articles it was not trained on and prints:

- a **reliability table**: predicted spans binned by score, with the share of each bin's
  characters that lie in a gold span of the same label (what a score promises against
  what it delivers);
- **display thresholds**: SI and labelled span F1, and precision, of the spans kept at
  each minimum score (the README's default ``--min-score`` is chosen here, on held-out
  articles only).

    .venv/bin/python benchmarks/techniques_reliability.py --model-dir DIR [--data ../shared/data/ptc]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from claimgraph.eval import shared_data_dir
from claimgraph.eval.ptc import PtcSpan, held_out, labelled_scores, parse_ptc, si_scores
from claimgraph.stages.techniques import technique_spans
from claimgraph.stages.techniques.model import load_models

BINS = (0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", required=True)
    ap.add_argument("--data", default=None)
    args = ap.parse_args(argv)
    models = load_models(args.model_dir)
    articles, docs = parse_ptc(Path(args.data) if args.data else shared_data_dir("ptc"))
    keep = held_out(articles, models.meta.get("trained_on", []))
    gold: list[PtcSpan] = []
    pred: list[tuple[PtcSpan, float]] = []
    covered: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i in keep:
        art, doc = articles[i], docs[i]
        for sp in art.spans:
            if sp.label is not None:
                gold.append(sp)
                covered[(art.id, sp.label)].update(range(sp.start, sp.end))
        for label, s, e, score in technique_spans(doc, models):
            pred.append((PtcSpan(art.id, s, e, label), score))
    print(f"{len(keep)} held-out articles, {len(gold)} gold spans, {len(pred)} predicted spans")
    print("\nreliability: score bin -> spans, share of their characters inside a gold span of their label")
    for lo, hi in pairwise(BINS):
        inside = [(p, s) for p, s in pred if lo <= s < hi]
        chars = sum(p.end - p.start for p, _ in inside)
        hit = sum(len(covered[(p.article, p.label)] & set(range(p.start, p.end))) for p, _ in inside)
        mean = sum(s for _, s in inside) / len(inside) if inside else 0.0
        share = hit / chars if chars else 0.0
        where = f"[{lo:.2f}, {min(hi, 1.0):.2f})"
        print(f"  {where}  n={len(inside):5d}  mean score {mean:.3f}  in gold {share:.3f}")
    print("\nthreshold -> spans kept, SI P/R/F1, labelled span F1")
    for t in THRESHOLDS:
        kept = [p for p, s in pred if s >= t]
        si = si_scores(kept, gold)
        lab = labelled_scores(kept, gold)["micro"]
        si_text = f"SI {si.precision:.3f} {si.recall:.3f} {si.f1:.3f}"
        print(f"  {t:.2f}  {len(kept):5d}  {si_text}  labelled F1 {lab.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
