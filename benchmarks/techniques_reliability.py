"""How far technique scores can be trusted, before and after calibration, and where to cut them.

Runs a held-out technique model (``claimgraph train techniques --holdout --fold K --out DIR``;
its folder has no calibration file, so its scores are raw) on the PTC articles it was not
trained on, after the actors, statements and voice stages, and prints:

- a **reliability table** of the raw scores: spans binned by score, with the mean share of
  each span's characters inside a gold span of its label (what a score promises against what
  it delivers);
- the same for **calibrated** scores, measured on articles neither the model nor the
  calibration saw: the held-out articles are split in two halves by article (sorted ids,
  alternating); a calibration fitted on one half scores the other, and the halves swap;
  expected calibration error (ECE, ten bins) and Brier score before and after, and with
  calibrations that read fewer context terms (score and label only; whose words only);
- **display thresholds** on the calibrated scores: spans kept, SI and labelled span F1 at each
  minimum score (the README's default ``--min-score`` is chosen here);
- the weights of a calibration fitted on all the held-out spans (what
  ``claimgraph train techniques-calibration --model-dir DIR`` ships; ``--save FILE`` writes
  the same file).

    .venv/bin/python benchmarks/techniques_reliability.py --model-dir DIR [--data ../shared/data/ptc]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from claimgraph.eval import shared_data_dir
from claimgraph.eval.ptc import PtcSpan, held_out, labelled_scores, parse_ptc, si_scores
from claimgraph.eval.technique_scores import (
    ScoredSpan,
    calibration_error,
    reliability,
    scored_spans,
    split_by_article,
)
from claimgraph.stages.techniques.calibration import CONTEXT_TERMS, Calibration, SpanContext
from claimgraph.stages.techniques.model import load_models
from claimgraph.stages.techniques.train import fit_calibration

RAW_BINS = (0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)
CAL_BINS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 1.01)
THRESHOLDS = (0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3, 0.4)


#: The context terms each compared calibration reads (the rest are set to 0).
VARIANTS: dict[str, tuple[str, ...]] = {
    "score and label only": (),
    "+ whose words": ("author", "plain"),
    "+ whose words + document voice": ("author", "plain", "doc_voice"),
    "+ whose words + document density": ("author", "plain", "doc_density"),
    "+ whose words + document (shipped)": ("author", "plain", "doc_voice", "doc_density"),
}
SHIPPED = "+ whose words + document (shipped)"


def _contexts(spans: list[ScoredSpan], terms: tuple[str, ...]) -> list[SpanContext]:
    defaults = SpanContext(author=False)
    return [
        replace(defaults, **{t: getattr(s.context, t) for t in terms}) if terms else defaults for s in spans
    ]


def _fit(spans: list[ScoredSpan], labels: list[str], terms: tuple[str, ...]) -> Calibration:
    return fit_calibration(
        [s.raw for s in spans],
        [s.label for s in spans],
        _contexts(spans, terms),
        [s.target for s in spans],
        labels,
    )


def _apply(cal: Calibration, spans: list[ScoredSpan], terms: tuple[str, ...]) -> list[float]:
    return cal.probabilities(
        [s.raw for s in spans], [s.label for s in spans], _contexts(spans, terms)
    ).tolist()


def _swapped(spans: list[ScoredSpan], labels: list[str], terms: tuple[str, ...]) -> tuple[list, list[float]]:
    """Spans of both halves, each scored by a calibration fitted on the other half."""
    a, b = split_by_article(spans)
    return a + b, _apply(_fit(b, labels, terms), a, terms) + _apply(_fit(a, labels, terms), b, terms)


def _table(spans: list[ScoredSpan], scores: list[float], bins: tuple[float, ...]) -> None:
    print("| score | spans | mean score | mean share in gold |\n|---|---|---|---|")
    for lo, hi, n, mean, hit in reliability(spans, scores, bins):
        print(f"| {lo:.2f}–{min(hi, 1.0):.2f} | {n} | {mean:.3f} | {hit:.3f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--model-dir", required=True, action="append", help="a held-out model; repeat to pool several fifths"
    )
    ap.add_argument("--data", default=None)
    ap.add_argument("--records-cache", default=None, help="folder keeping the context stages' records")
    ap.add_argument("--save", default=None, help="write the calibration fitted on all held-out spans here")
    ap.add_argument(
        "--calibration", default=None, help="also score the spans with this calibration file, as it is"
    )
    args = ap.parse_args(argv)
    articles, docs = parse_ptc(Path(args.data) if args.data else shared_data_dir("ptc"))
    cache = Path(args.records_cache) if args.records_cache else None
    spans: list[ScoredSpan] = []
    gold: list[PtcSpan] = []
    keep: list[int] = []
    folds = []
    for model_dir in args.model_dir:
        models = load_models(model_dir)
        if models.calibration is not None:
            print(
                f"{model_dir} has a calibration file: its scores would be calibrated twice", file=sys.stderr
            )
            return 2
        fold = held_out(articles, models.meta.get("trained_on", []))
        fold_spans = scored_spans(articles, docs, fold, models, cache)
        folds.append((model_dir, fold, fold_spans))
        keep += fold
        gold += [sp for i in fold for sp in articles[i].spans if sp.label is not None]
        spans += fold_spans
    labels = models.classifier.labels
    author = sum(s.context.author for s in spans)
    plain = sum(s.context.author and s.context.plain for s in spans)
    print(f"{len(keep)} held-out articles, {len(gold)} gold spans, {len(spans)} predicted spans")
    print(f"({author} the author's, {plain} of them plain: neutral sentence, no evaluative cue)\n")
    print("raw scores:\n")
    _table(spans, [s.raw for s in spans], RAW_BINS)
    ordered, cal = _swapped(spans, labels, VARIANTS[SHIPPED])
    print("\ncalibrated (fitted on one half of the articles, reported on the other, swapped):\n")
    _table(ordered, cal, CAL_BINS)
    print("\n| scores | ECE | Brier |\n|---|---|---|")
    ece, brier = calibration_error(spans, [s.raw for s in spans])
    print(f"| raw | {ece:.3f} | {brier:.3f} |")
    for name, terms in VARIANTS.items():
        _, scores = _swapped(spans, labels, terms)
        ece, brier = calibration_error(ordered, scores)
        print(f"| calibrated, {name} | {ece:.3f} | {brier:.3f} |")
    print(
        "\n| `--min-score` | spans kept | SI P | SI R | SI F1 | labelled span F1 |\n|---|---|---|---|---|---|"
    )
    for t in THRESHOLDS:
        kept = [s.ptc for s, c in zip(ordered, cal, strict=True) if c >= t]
        si = si_scores(kept, gold)
        lab = labelled_scores(kept, gold)["micro"]
        print(
            f"| {t:.2f} | {len(kept)} | {si.precision:.3f} | {si.recall:.3f} | {si.f1:.3f} | {lab.f1:.3f} |"
        )
    if args.calibration:
        given = Calibration.load(Path(args.calibration))
        print(f"\n`{args.calibration}` as it is, per model (its own fifth):\n")
        print("| model | articles | spans | ECE | Brier |\n|---|---|---|---|---|")
        for model_dir, fold, fold_spans in folds:
            scores = _apply(given, fold_spans, VARIANTS[SHIPPED])
            ece, brier = calibration_error(fold_spans, scores)
            print(f"| {model_dir} | {len(fold)} | {len(fold_spans)} | {ece:.3f} | {brier:.3f} |")
        scores = _apply(given, spans, VARIANTS[SHIPPED])
        ece, brier = calibration_error(spans, scores)
        print(f"| all | {len(keep)} | {len(spans)} | {ece:.3f} | {brier:.3f} |\n")
        _table(spans, scores, CAL_BINS)
    full = _fit(spans, labels, VARIANTS[SHIPPED])
    names = ["logit_raw", *labels, *CONTEXT_TERMS]
    weights = ", ".join(f"{n} {w:+.2f}" for n, w in zip(names, full.weights, strict=True))
    print(f"\ncalibration fitted on all {len(spans)} spans: bias {full.bias:+.2f}; {weights}")
    if args.save:
        holdouts = [load_models(d).meta.get("holdout") for d in args.model_dir]
        full.info = {
            "fitted_on": {
                "model": holdouts[0] if len(holdouts) == 1 else holdouts,
                "articles": len(keep),
                "spans": len(spans),
            }
        }
        full.save(Path(args.save))
        print(f"saved to {args.save}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
