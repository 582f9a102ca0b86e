"""Check the hand-labelled event set against the article texts and print its counts.

    python benchmarks/check_event_labels.py [--labels benchmarks/data/events_dev.tsv] [--data ../shared/data]

``benchmarks/data/events_dev.tsv`` stores no article text: each event row gives the
sentence and trigger offsets (half-open) into a PolNeAR train article
(``polnear/data/train/text/FILENAME.txt`` for path ``train/FILENAME``) or an FNC-1
train body (``fnc1/train_bodies.csv``, path = Body ID), a sha1 prefix of the trigger
text, the PLOVER type, CAMEO root, source/target, mode, date and location. Rows of
type ``_region`` give the labelled range of each article.

The script re-reads every article, checks each offset, hash and code, and prints the
counts per split, PLOVER type, mode and date precision. It exits 1 on any mismatch
and 2 when the data folder is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from claimgraph.errors import DataError
from claimgraph.eval import labelled_rows
from claimgraph.eval.corpora import CorpusTexts
from claimgraph.eval.events import COLUMNS as EVENT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]

COLUMNS = list(EVENT_COLUMNS)  # the scorer's reader and this check read one layout
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
MODES = {"asserted", "negated", "intended", "hypothetical", "demanded"}
PRECISION_LEN = {"day": 10, "month": 7, "year": 4}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ACTOR_RE = re.compile(r"^(-|[A-Z]{3}(\+[A-Z]{3})*)$")
SPLITS = {"dev", "check"}


def read_labels(path: Path) -> list[dict[str, str]]:
    try:
        return labelled_rows(path, COLUMNS)
    except DataError as exc:
        raise SystemExit(str(exc)) from None


def sha10(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:10]


def check(rows: list[dict[str, str]], texts: CorpusTexts) -> list[str]:
    errors: list[str] = []
    regions: dict[tuple[str, str], tuple[int, int, str]] = {}
    keys = []
    for r in rows:
        where = f"{r['corpus']} {r['path']} {r['trig_start']}-{r['trig_end']}"
        try:
            text = texts.text(r["corpus"], r["path"])
        except (KeyError, OSError, ValueError, DataError) as e:
            errors.append(f"{where}: cannot read article ({e!r})")
            continue
        if r["split"] not in SPLITS:
            errors.append(f"{where}: bad split {r['split']!r}")
        try:
            ts, te = int(r["trig_start"]), int(r["trig_end"])
        except ValueError:
            errors.append(f"{where}: bad offsets")
            continue
        art = (r["corpus"], r["path"])
        keys.append((r["corpus"], r["path"], ts, 0 if r["plover"] == "_region" else 1))
        if r["plover"] == "_region":
            if art in regions:
                errors.append(f"{where}: second _region row")
            if not 0 <= ts < te <= len(text):
                errors.append(f"{where}: region outside the text (len {len(text)})")
            regions[art] = (ts, te, r["split"])
            continue
        try:
            ss, se = int(r["sent_start"]), int(r["sent_end"])
        except ValueError:
            errors.append(f"{where}: bad sentence offsets")
            continue
        if not 0 <= ss <= ts < te <= se <= len(text):
            errors.append(f"{where}: trigger not inside its sentence {ss}-{se} (len {len(text)})")
            continue
        if sha10(text[ts:te]) != r["trig_sha1"]:
            errors.append(f"{where}: sha1 mismatch ({r['trig_sha1']} vs {sha10(text[ts:te])})")
        if text[ss:se] != text[ss:se].strip():
            errors.append(f"{where}: sentence span has outer whitespace")
        reg = regions.get(art)
        if reg is None:
            errors.append(f"{where}: event before/without the article's _region row")
        else:
            if not reg[0] <= ss and se <= reg[1]:
                errors.append(f"{where}: sentence outside the labelled region {reg[0]}-{reg[1]}")
            if reg[2] != r["split"]:
                errors.append(f"{where}: split differs from the article's region row")
        if r["plover"] not in PLOVER:
            errors.append(f"{where}: bad PLOVER type {r['plover']!r}")
        if not (len(r["cameo"]) == 2 and r["cameo"].isdigit() and 1 <= int(r["cameo"]) <= 20):
            errors.append(f"{where}: bad CAMEO root {r['cameo']!r}")
        for col in ("source", "target", "location"):
            # ISO3 codes (or IGO) joined by "+", or "-"
            if not ACTOR_RE.match(r[col]) or (col == "location" and "IGO" in r[col]):
                errors.append(f"{where}: bad {col} {r[col]!r}")
        if r["mode"] not in MODES:
            errors.append(f"{where}: bad mode {r['mode']!r}")
        prec, date = r["precision"], r["date"]
        if date == "-":
            if prec not in ("document", "relative"):
                errors.append(f"{where}: date - needs precision document/relative, not {prec!r}")
            if prec == "relative" and r["corpus"] != "fnc1":
                errors.append(f"{where}: precision relative is only for FNC-1 bodies")
        elif not DATE_RE.match(date) or PRECISION_LEN.get(prec) != len(date):
            errors.append(f"{where}: date {date!r} does not match precision {prec!r}")
    if keys != sorted(keys):
        errors.append("rows are not sorted by corpus, path, trig_start")
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, default=ROOT / "benchmarks" / "data" / "events_dev.tsv")
    ap.add_argument(
        "--data",
        type=Path,
        default=ROOT.parent / "shared" / "data",
        help="folder with polnear/ and fnc1/ (default: ../shared/data from the repository)",
    )
    args = ap.parse_args()
    if not (args.data / "polnear").is_dir() or not (args.data / "fnc1").is_dir():
        print(f"data folder {args.data} not found (needs polnear/ and fnc1/); nothing checked")
        return 2
    rows = read_labels(args.labels)
    errors = check(rows, CorpusTexts(args.data))

    events = [r for r in rows if r["plover"] != "_region"]
    articles = defaultdict(set)
    for r in rows:
        if r["plover"] == "_region":
            articles[r["split"]].add((r["corpus"], r["path"]))
    print(f"{args.labels.name}: {len(events)} events in {sum(len(v) for v in articles.values())} articles")
    for split in ("dev", "check"):
        sub = [r for r in events if r["split"] == split]
        by_corpus = Counter(r["corpus"] for r in sub)
        arts = Counter(c for c, _ in articles[split])
        print(
            f"  split {split}: {len(sub)} events, {len(articles[split])} articles"
            f" ({', '.join(f'{c} {arts[c]} art./{by_corpus[c]} ev.' for c in sorted(arts))})"
        )
    print("per PLOVER type (dev/check):")
    by_type = Counter((r["plover"], r["split"]) for r in events)
    for t in sorted(PLOVER, key=lambda t: -sum(by_type[(t, s)] for s in SPLITS)):
        dev, chk = by_type[(t, "dev")], by_type[(t, "check")]
        print(f"  {t:<10} {dev + chk:>4}  ({dev}/{chk})")
    print("per mode:", ", ".join(f"{m} {n}" for m, n in Counter(r["mode"] for r in events).most_common()))
    print(
        "date precision:",
        ", ".join(f"{p} {n}" for p, n in Counter(r["precision"] for r in events).most_common()),
    )
    print(
        "CAMEO roots:", ", ".join(f"{c}:{n}" for c, n in sorted(Counter(r["cameo"] for r in events).items()))
    )
    if errors:
        print(f"{len(errors)} problem(s):")
        for e in errors[:50]:
            print("  " + e)
        return 1
    print("all offsets, sha1 hashes and codes check out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
