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
technique spans outside every statement and every quotation no statement owns (the author's
own words; ``Technique.quoted`` since the tenth session) scored at least
``--min-score`` (default: the shipped display threshold), per 1,000 characters. Printed: each
group's mean rate (and the overall rate: spans / characters), the ratio wire : persuasive,
and the ranking AUC (the chance that a persuasive article has a higher rate than a wire one,
ties counting half).

    .venv/bin/python benchmarks/techniques_wire.py --model-dir DIR [--calibration FILE] [--show N]

``--calibration``: the calibration applied to the model's scores (default: the shipped one,
``models/techniques-calibration.json``; ``none`` leaves the scores raw).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from claimgraph import models as model_files
from claimgraph.eval import shared_data_dir
from claimgraph.eval.polnear import article_text
from claimgraph.eval.ptc import held_out, parse_ptc
from claimgraph.eval.technique_scores import context_record
from claimgraph.nlp import load_pipeline
from claimgraph.record import DocumentInfo, Technique
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


def author_spans(  # type: ignore[no-untyped-def]
    doc, info: DocumentInfo, models: TechniqueModels, min_score: float, cache: Path | None = None
) -> list[Technique]:
    """The author-attributed technique spans scored at least ``min_score``."""
    record = context_record(doc, info.id, info.text, cache)
    found = techniques(doc, record, models)
    return [t for t in found if t.statement is None and not t.quoted and t.score >= min_score]


def rate(spans: list[Technique], info: DocumentInfo) -> float:
    """Spans per 1,000 characters of the document."""
    return 1000 * len(spans) / max(1, len(info.text))


def show(charged: list[tuple[str, Technique]], n: int) -> None:
    """The wire spans the author is charged with: counts by label and by word, then
    up to ``n`` of them in their sentence's words."""
    by_label = Counter(t.label for _, t in charged)
    print("\nwire spans charged to the author, by label:")
    for label, c in by_label.most_common():
        print(f"  {c:4d}  {label}")
    words = Counter(w.lower() for _, t in charged for w in t.text.split() if w.isalpha())
    print("most frequent words in them:", ", ".join(f"{w} {c}" for w, c in words.most_common(40)))
    for name, t in sorted(charged, key=lambda p: -p[1].score)[:n]:
        print(f"  {t.score:.3f}  {t.label:<34}  {name}  {t.text[:90]!r}")


def auc(positive: list[float], negative: list[float]) -> float:
    """P(a positive outranks a negative), ties half (Mann–Whitney)."""
    pairs = [(p > q) + 0.5 * (p == q) for p in positive for q in negative]
    return sum(pairs) / len(pairs) if pairs else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", default=None, help="a held-out technique model (default: the shipped one)")
    ap.add_argument("--calibration", default=None)
    ap.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    ap.add_argument("--records-cache", default=None, help="folder keeping the context stages' records")
    ap.add_argument("--show", type=int, default=0, help="list the wire spans charged to the author (top N)")
    args = ap.parse_args(argv)
    cache = Path(args.records_cache) if args.records_cache else None
    data = shared_data_dir("")
    found = load_models(args.model_dir)
    if args.calibration != "none":
        path = Path(args.calibration) if args.calibration else model_files.path(CALIBRATION_FILE)
        found = replace(found, calibration=Calibration.load(path))
    else:
        found = replace(found, calibration=None)
    persuasive = []
    if args.model_dir:  # the shipped model saw every PTC article: no persuasive group
        articles, docs = parse_ptc(data / "ptc")
        keep = held_out(articles, found.meta.get("trained_on", []))
        keep.sort(key=lambda i: (-sum(sp.label is not None for sp in articles[i].spans), articles[i].id))
        for i in keep[:GROUP]:
            info = DocumentInfo(id=articles[i].id, text=articles[i].text)
            persuasive.append(rate(author_spans(docs[i], info, found, args.min_score, cache), info))
    nlp = load_pipeline()
    wire, charged = [], []
    for name, text in wire_articles(data):
        info = DocumentInfo(id=name, text=text)
        own = author_spans(nlp(text), info, found, args.min_score, cache)
        wire.append(rate(own, info))
        charged += [(name, t) for t in own]
    mean_w = sum(wire) / len(wire)
    mean_p = sum(persuasive) / len(persuasive) if persuasive else float("nan")
    print(f"min score {args.min_score}, calibration {'none' if found.calibration is None else 'yes'}")
    print("| group | articles | author-attributed techniques per 1,000 characters (mean) |")
    print("|---|---|---|")
    print(f"| wire (PolNeAR, agency copy) | {len(wire)} | {mean_w:.3f} |")
    print(f"| persuasive (held-out PTC) | {len(persuasive)} | {mean_p:.3f} |")
    print(f"\nwire : persuasive = {mean_w / mean_p if mean_p else float('nan'):.3f}")
    print(f"ranking AUC (persuasive above wire) = {auc(persuasive, wire):.3f}")
    if args.show:
        show(charged, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
