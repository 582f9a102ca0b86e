"""Check the hand-labelled statement pairs against the research corpora.

    .venv/bin/python benchmarks/check_statement_pairs.py [--data ../shared/data]

``benchmarks/data/statement_pairs.tsv`` holds pairs of statements (what someone says,
claims or denies) from two different news articles (FNC-1 train bodies, PolNeAR train
texts), labelled ``same`` or ``different`` proposition. It stores no article text: each
statement is a content span and an optional speaker span given as half-open character
offsets, and the first 10 hex digits of the sha1 of the content text. This script reads
the articles from ``../shared/data``, checks every offset and sha1, that the two
statements of a pair come from different documents, that no document pair is used twice,
that labels, kinds and story slugs are well formed and that no story (and no document) is
in both splits, then prints the counts per split, label and kind.

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
PAIRS = ROOT / "benchmarks" / "data" / "statement_pairs.tsv"

COLUMNS = [
    "pair", "split", "label", "kind",
    "a_corpus", "a_path", "a_speaker_start", "a_speaker_end", "a_content_start", "a_content_end", "a_sha1",
    "b_corpus", "b_path", "b_speaker_start", "b_speaker_end", "b_content_start", "b_content_end", "b_sha1",
    "story",
]  # fmt: skip
KINDS = {"same": {"same"}, "different": {"hard", "easy"}}
SPLITS = ("dev", "check")
PAIR_ID = re.compile(r"S\d{3,}")
SHA = re.compile(r"[0-9a-f]{10}")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TRIM = " \t\r\n\"'\u201c\u201d\u2018\u2019"


def read_pairs(path: Path) -> list[dict[str, str]]:
    try:
        return labelled_rows(path, COLUMNS)
    except DataError as exc:
        raise SystemExit(str(exc)) from None


def check_statement(row: dict[str, str], side: str, corpora: CorpusTexts) -> list[str]:
    corpus, path = row[f"{side}_corpus"], row[f"{side}_path"]
    where = f"{row['pair']} {side} ({corpus} {path})"
    try:
        text = corpora.text(corpus, path)
    except (KeyError, OSError, DataError) as e:
        return [f"{where}: document not found ({e})"]
    errors = []
    try:
        c0, c1 = int(row[f"{side}_content_start"]), int(row[f"{side}_content_end"])
    except ValueError:
        return [f"{where}: content offsets are not integers"]
    if not 0 <= c0 < c1 <= len(text):
        return [f"{where}: content [{c0}, {c1}) out of order or range (text has {len(text)} characters)"]
    content = text[c0:c1]
    if content[0] in TRIM or content[-1] in TRIM:
        errors.append(f"{where}: content [{c0}, {c1}) starts or ends with a space or quote mark")
    sha = hashlib.sha1(content.encode("utf-8")).hexdigest()[:10]
    if not SHA.fullmatch(row[f"{side}_sha1"]):
        errors.append(f"{where}: sha1 {row[f'{side}_sha1']!r} is not 10 hex digits")
    elif sha != row[f"{side}_sha1"]:
        errors.append(f"{where}: content [{c0}, {c1}) sha1 {sha} != {row[f'{side}_sha1']}")
    s0, s1 = row[f"{side}_speaker_start"], row[f"{side}_speaker_end"]
    if (s0 == "-") != (s1 == "-"):
        errors.append(f"{where}: speaker offsets must both be - or both be integers")
    elif s0 != "-":
        try:
            a, b = int(s0), int(s1)
        except ValueError:
            return [*errors, f"{where}: speaker offsets are not integers"]
        if not 0 <= a < b <= len(text):
            errors.append(f"{where}: speaker [{a}, {b}) out of order or range")
        elif a < c1 and c0 < b:
            errors.append(f"{where}: speaker [{a}, {b}) overlaps content [{c0}, {c1})")
        elif text[a].isspace() or text[b - 1].isspace():
            errors.append(f"{where}: speaker [{a}, {b}) is padded with spaces")
    return errors


def check_row(row: dict[str, str]) -> list[str]:
    pid = row["pair"]
    errors = []
    if not PAIR_ID.fullmatch(pid):
        errors.append(f"{pid}: pair id is not S001, S002, ...")
    if row["split"] not in SPLITS:
        errors.append(f"{pid}: split {row['split']!r} is not dev or check")
    if row["kind"] not in KINDS.get(row["label"], set()):
        errors.append(f"{pid}: label {row['label']!r} with kind {row['kind']!r}")
    stories = row["story"].split("|")
    if len(stories) > 2 or not all(SLUG.fullmatch(s) for s in stories):
        errors.append(f"{pid}: story {row['story']!r} is not a slug or a-slug|b-slug")
    elif len(stories) == 2 and stories[0] == stories[1]:
        errors.append(f"{pid}: story {row['story']!r} names one story twice")
    elif row["label"] == "same" and len(stories) != 1:
        errors.append(f"{pid}: a same pair has one story, not {row['story']!r}")
    elif row["kind"] == "hard" and len(stories) != 2:
        errors.append(f"{pid}: a hard pair is about two stories (a-slug|b-slug), not {row['story']!r}")
    return errors


def check(rows: list[dict[str, str]], corpora: CorpusTexts) -> list[str]:
    errors: list[str] = []
    ids = Counter(r["pair"] for r in rows)
    errors += [f"{pid}: pair id used {n} times" for pid, n in ids.items() if n > 1]
    doc_pairs: dict[frozenset[tuple[str, str]], str] = {}
    by_split: dict[str, dict[str, set]] = defaultdict(lambda: {"stories": set(), "docs": set()})
    for row in rows:
        pid = row["pair"]
        errors += check_row(row)
        a, b = (row["a_corpus"], row["a_path"]), (row["b_corpus"], row["b_path"])
        if a == b:
            errors.append(f"{pid}: both statements are in the same document {a[0]} {a[1]}")
        key = frozenset((a, b))
        if key in doc_pairs:
            errors.append(f"{pid}: document pair already used by {doc_pairs[key]}")
        doc_pairs.setdefault(key, pid)
        for side in ("a", "b"):
            errors += check_statement(row, side, corpora)
        by_split[row["split"]]["stories"] |= set(row["story"].split("|"))
        by_split[row["split"]]["docs"] |= {a, b}
    dev, chk = by_split["dev"], by_split["check"]
    errors += [f"story {s} is in both splits" for s in sorted(dev["stories"] & chk["stories"])]
    errors += [f"document {c} {p} is in both splits" for c, p in sorted(dev["docs"] & chk["docs"])]
    return errors


def report(rows: list[dict[str, str]]) -> None:
    counts = Counter((r["split"], r["label"], r["kind"]) for r in rows)
    print(f"{'split':<6} {'label':<10} {'kind':<5} {'pairs':>5}")
    for (split, label, kind), n in sorted(counts.items()):
        print(f"{split:<6} {label:<10} {kind:<5} {n:>5}")
    for split in SPLITS:
        sub = [r for r in rows if r["split"] == split]
        lab = Counter(r["label"] for r in sub)
        kinds = Counter(r["kind"] for r in sub)
        stories = {s for r in sub for s in r["story"].split("|")}
        print(
            f"{split}: {len(sub)} pairs, {lab['same']} same, {lab['different']} different "
            f"({kinds['hard']} hard, {kinds['easy']} easy), {len(stories)} stories"
        )
    docs = {(r[f"{s}_corpus"], r[f"{s}_path"]) for r in rows for s in ("a", "b")}
    per_corpus = ", ".join(f"{c} {n}" for c, n in sorted(Counter(c for c, _ in docs).items()))
    stories = {s for r in rows for s in r["story"].split("|")}
    same = sum(r["label"] == "same" for r in rows)
    share = f"{100 * same / len(rows):.0f}% same" if rows else "no pairs"
    print(f"total: {len(rows)} pairs ({share}), {len(docs)} documents ({per_corpus}), {len(stories)} stories")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    args = parser.parse_args()
    if not (args.data / "fnc1" / "train_bodies.csv").is_file() or not (args.data / "polnear").is_dir():
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
