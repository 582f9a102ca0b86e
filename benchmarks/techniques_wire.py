"""Wire copy vs persuasive text: does the author-attributed technique rate tell them apart?

Two groups of 30 articles, assembled from ``../shared/data`` by a fixed rule (read from there
at run time, never copied):

- **wire**: PolNeAR articles (train and dev compartments) whose ``wire`` column in
  ``metadata.tsv`` names a news agency (AP, Reuters, AFP, UPI): plain news copy. Sorted by
  filename, 30 taken at even steps through the list (index ``k * n // 30``).
- **persuasive**: PTC articles the technique model was **not trained on** (the held-out fifth
  of ``--model-dir``; with the shipped model, trained on all of PTC, there are none), the 30
  with the most gold technique spans (ties: by article id).

Each article goes through the actors, statements and voice stages and then the technique
stage with the given model; the *author-attributed rate* of an article is the number of its
technique spans outside every statement (the author's own words) scored at least
``--min-score`` (default: the shipped display threshold), per 1,000 characters. Printed: each
group's mean rate (and the overall rate: spans / characters), the ratio wire : persuasive,
and the ranking AUC (the chance that a persuasive article has a higher rate than a wire one,
ties counting half).

    .venv/bin/python benchmarks/techniques_wire.py --model-dir DIR [--calibration FILE]

``--calibration``: the calibration applied to the model's scores (default: the shipped one,
``models/techniques-calibration.json``; ``none`` leaves the scores raw).
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import replace
from pathlib import Path

from claimgraph import models as model_files
from claimgraph.eval import shared_data_dir
from claimgraph.eval.polnear import article_text
from claimgraph.eval.ptc import held_out, parse_ptc
from claimgraph.eval.technique_scores import context_record
from claimgraph.nlp import load_pipeline
from claimgraph.record import DocumentInfo
from claimgraph.render import DEFAULT_MIN_SCORE
from claimgraph.stages.techniques import techniques
from claimgraph.stages.techniques.calibration import CALIBRATION_FILE, Calibration
from claimgraph.stages.techniques.model import TechniqueModels, load_models

GROUP = 30
AGENCIES = frozenset({"ap", "reuters", "afp", "upi"})


def wire_articles(data: Path, n: int = GROUP) -> list[tuple[str, str]]:
    """``(name, text)`` of the wire group (see the module docstring)."""
    root = data / "polnear" / "data"
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["wire"].strip().lower() in AGENCIES]
    rows.sort(key=lambda r: r["filename"])
    picked = [rows[k * len(rows) // n] for k in range(min(n, len(rows)))]
    return [(r["filename"], article_text(root, r["compartment"], r["filename"])) for r in picked]


def author_rate(  # type: ignore[no-untyped-def]
    doc, info: DocumentInfo, models: TechniqueModels, min_score: float, cache: Path | None = None
) -> float:
    """Author-attributed technique spans scored at least ``min_score`` per 1,000 characters."""
    record = context_record(doc, info.id, info.text, cache)
    found = techniques(doc, record, models)
    own = [t for t in found if t.statement is None and t.score >= min_score]
    return 1000 * len(own) / max(1, len(info.text))


def auc(positive: list[float], negative: list[float]) -> float:
    """P(a positive outranks a negative), ties half (Mann–Whitney)."""
    pairs = [(p > q) + 0.5 * (p == q) for p in positive for q in negative]
    return sum(pairs) / len(pairs) if pairs else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", required=True, help="a held-out technique model")
    ap.add_argument("--calibration", default=None)
    ap.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    ap.add_argument("--records-cache", default=None, help="folder keeping the context stages' records")
    args = ap.parse_args(argv)
    cache = Path(args.records_cache) if args.records_cache else None
    data = shared_data_dir("")
    found = load_models(args.model_dir)
    if args.calibration != "none":
        path = Path(args.calibration) if args.calibration else model_files.path(CALIBRATION_FILE)
        found = replace(found, calibration=Calibration.load(path))
    else:
        found = replace(found, calibration=None)
    articles, docs = parse_ptc(data / "ptc")
    keep = held_out(articles, found.meta.get("trained_on", []))
    keep.sort(key=lambda i: (-sum(sp.label is not None for sp in articles[i].spans), articles[i].id))
    persuasive = [
        author_rate(
            docs[i], DocumentInfo(id=articles[i].id, text=articles[i].text), found, args.min_score, cache
        )
        for i in keep[:GROUP]
    ]
    nlp = load_pipeline()
    wire = [
        author_rate(nlp(text), DocumentInfo(id=name, text=text), found, args.min_score, cache)
        for name, text in wire_articles(data)
    ]
    mean_w, mean_p = sum(wire) / len(wire), sum(persuasive) / len(persuasive)
    print(f"min score {args.min_score}, calibration {'none' if found.calibration is None else 'yes'}")
    print("| group | articles | author-attributed techniques per 1,000 characters (mean) |")
    print("|---|---|---|")
    print(f"| wire (PolNeAR, agency copy) | {len(wire)} | {mean_w:.3f} |")
    print(f"| persuasive (held-out PTC) | {len(persuasive)} | {mean_p:.3f} |")
    print(f"\nwire : persuasive = {mean_w / mean_p if mean_p else float('nan'):.3f}")
    print(f"ranking AUC (persuasive above wire) = {auc(persuasive, wire):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
