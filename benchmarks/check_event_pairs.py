"""Check the hand-labelled event pairs against the research corpora.

    .venv/bin/python benchmarks/check_event_pairs.py [--data ../shared/data]

``benchmarks/data/event_pairs.tsv`` holds pairs of event mentions in two different news
articles (FNC-1 train bodies, PolNeAR train texts), labelled ``same`` or ``different``
real-world event. It stores no article text: each mention is a sentence and a trigger
given as half-open character offsets, and the first 10 hex digits of the sha1 of the
trigger text. This script reads the articles from ``../shared/data``, checks every
offset and sha1, that the two mentions of a pair come from different documents, that
the labels, kinds, PLOVER types and dyads are well formed and that no document is in
both splits, then prints the counts per split, label and kind.

Exit status: 0 when every row checks out, 1 on any mismatch, 2 when the data is missing.
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

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "benchmarks" / "data" / "event_pairs.tsv"

COLUMNS = [
    "pair", "split", "label", "kind",
    "a_corpus", "a_path", "a_sent_start", "a_sent_end", "a_trig_start", "a_trig_end", "a_sha1",
    "b_corpus", "b_path", "b_sent_start", "b_sent_end", "b_trig_start", "b_trig_end", "b_sha1",
    "plover", "dyad",
]  # fmt: skip
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
KINDS = {"same": {"same"}, "different": {"hard", "easy"}}
ACTOR = r"(?:[A-Z]{3}|-)"
DYAD = re.compile(rf"{ACTOR}>{ACTOR}|-")


def read_pairs(path: Path) -> list[dict[str, str]]:
    try:
        return labelled_rows(path, COLUMNS)
    except DataError as exc:
        raise SystemExit(str(exc)) from None


def check_mention(row: dict[str, str], side: str, corpora: CorpusTexts) -> list[str]:
    corpus, path = row[f"{side}_corpus"], row[f"{side}_path"]
    where = f"{row['pair']} {side} ({corpus} {path})"
    try:
        text = corpora.text(corpus, path)
    except (KeyError, OSError, DataError) as e:
        return [f"{where}: document not found ({e})"]
    try:
        keys = ("sent_start", "sent_end", "trig_start", "trig_end")
        s0, s1, t0, t1 = (int(row[f"{side}_{k}"]) for k in keys)
    except ValueError:
        return [f"{where}: offsets are not integers"]
    errors = []
    if not 0 <= s0 <= t0 < t1 <= s1 <= len(text):
        errors.append(f"{where}: offsets out of order or range (sentence [{s0}, {s1}), trigger [{t0}, {t1}))")
    elif not text[s0:s1].strip() or text[s0].isspace() or text[s1 - 1].isspace():
        errors.append(f"{where}: sentence [{s0}, {s1}) is empty or padded with spaces")
    sha = hashlib.sha1(text[t0:t1].encode("utf-8")).hexdigest()[:10]
    if sha != row[f"{side}_sha1"]:
        errors.append(f"{where}: trigger [{t0}, {t1}) sha1 {sha} != {row[f'{side}_sha1']}")
    return errors


def check(rows: list[dict[str, str]], corpora: CorpusTexts) -> list[str]:
    errors: list[str] = []
    ids = Counter(r["pair"] for r in rows)
    errors += [f"{pid}: pair id used {n} times" for pid, n in ids.items() if n > 1]
    docs_by_split: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        pid = row["pair"]
        if row["split"] not in ("dev", "check"):
            errors.append(f"{pid}: split {row['split']!r} is not dev or check")
        if row["kind"] not in KINDS.get(row["label"], set()):
            errors.append(f"{pid}: label {row['label']!r} with kind {row['kind']!r}")
        if row["plover"] not in PLOVER:
            errors.append(f"{pid}: unknown PLOVER type {row['plover']!r}")
        if not DYAD.fullmatch(row["dyad"]):
            errors.append(f"{pid}: dyad {row['dyad']!r} is not SRC>TGT (ISO3, IGO or -)")
        a, b = (row["a_corpus"], row["a_path"]), (row["b_corpus"], row["b_path"])
        if a == b:
            errors.append(f"{pid}: both mentions are in the same document {a[0]} {a[1]}")
        for side in ("a", "b"):
            errors += check_mention(row, side, corpora)
        docs_by_split[row["split"]] |= {a, b}
    shared = docs_by_split["dev"] & docs_by_split["check"]
    errors += [f"document {c} {p} is in both splits" for c, p in sorted(shared)]
    return errors


def report(rows: list[dict[str, str]]) -> None:
    counts = Counter((r["split"], r["label"], r["kind"]) for r in rows)
    print(f"{'split':<6} {'label':<10} {'kind':<5} {'pairs':>5}")
    for (split, label, kind), n in sorted(counts.items()):
        print(f"{split:<6} {label:<10} {kind:<5} {n:>5}")
    for split in ("dev", "check"):
        sub = [r for r in rows if r["split"] == split]
        lab = Counter(r["label"] for r in sub)
        print(f"{split}: {len(sub)} pairs, {lab['same']} same, {lab['different']} different")
    docs = {(r[f"{s}_corpus"], r[f"{s}_path"]) for r in rows for s in ("a", "b")}
    per_corpus = ", ".join(f"{c} {n}" for c, n in sorted(Counter(c for c, _ in docs).items()))
    print(f"total: {len(rows)} pairs, {len(docs)} documents ({per_corpus})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    args = parser.parse_args()
    if not (args.data / "fnc1").is_dir() or not (args.data / "polnear").is_dir():
        print(f"research data not found in {args.data}: pass --data (../shared/data)", file=sys.stderr)
        return 2
    rows = read_pairs(args.pairs)
    errors = check(rows, CorpusTexts(args.data))
    report(rows)
    for e in errors:
        print(f"MISMATCH {e}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} mismatches", file=sys.stderr)
        return 1
    print("all offsets and sha1 check out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
