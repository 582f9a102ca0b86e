"""Check the hand-labelled statement-stance set against the article texts and print its counts.

    python benchmarks/check_stance_labels.py [--labels benchmarks/data/stances_dev.tsv]
        [--data ../shared/data]

``benchmarks/data/stances_dev.tsv`` stores no article text: each row gives half-open
character offsets of a reported statement's speaker, cue and content (and, for
``deny``/``doubt``, of the proposition denied or doubted) in a PolNeAR train article
(``polnear/data/train/text/FILENAME.txt`` for path ``train/FILENAME``), an FNC-1 train
body (``fnc1/train_bodies.csv``, path = Body ID) or a PTC train article
(``ptc/train-articles/PATH.txt``), a sha1 prefix of the content text, the stance and the
split. Rows with stance ``none`` are labelled non-statements.

The script re-reads every text, checks each offset and hash, and prints the counts per
split and stance and per corpus. It exits 1 on any mismatch and 2 when the data folder
is missing.
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

COLUMNS = [
    "corpus",
    "path",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "content_start",
    "content_end",
    "content_sha1",
    "stance",
    "claim_start",
    "claim_end",
    "split",
]
STANCES = ("assert", "deny", "doubt", "question", "commit", "none")
CLAIM_STANCES = {"deny", "doubt"}
SPLITS = ("dev", "check", "train2")
CORPORA = ("polnear", "fnc1", "ptc")
MAX_NONE = 60
EDGE_CHARS = ' \t\r\n"“”‘’«»'
SHA_RE = re.compile(r"^[0-9a-f]{10}$")


def read_labels(path: Path) -> list[dict[str, str]]:
    try:
        return labelled_rows(path, COLUMNS)
    except DataError as exc:
        raise SystemExit(str(exc)) from None


def sha10(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:10]


def span(row: dict[str, str], name: str, n: int) -> tuple[int, int] | str | None:
    """(start, end), None for '-'/'-', or an error message."""
    a, b = row[f"{name}_start"], row[f"{name}_end"]
    if a == "-" and b == "-":
        return None
    try:
        s, e = int(a), int(b)
    except ValueError:
        return f"bad {name} offsets {a!r}/{b!r}"
    if not 0 <= s < e <= n:
        return f"{name} span {s}-{e} outside the text (len {n}) or empty"
    return (s, e)


def check(rows: list[dict[str, str]], texts: CorpusTexts) -> list[str]:
    errors: list[str] = []
    doc_split: dict[tuple[str, str], str] = {}
    keys = []
    seen = set()
    for r in rows:
        where = f"{r['corpus']} {r['path']} {r['content_start']}-{r['content_end']}"
        if r["corpus"] not in CORPORA:
            errors.append(f"{where}: bad corpus {r['corpus']!r}")
            continue
        try:
            text = texts.text(r["corpus"], r["path"])
        except (KeyError, OSError, ValueError, DataError) as e:
            errors.append(f"{where}: cannot read text ({e!r})")
            continue
        if r["split"] not in SPLITS:
            errors.append(f"{where}: bad split {r['split']!r}")
        doc = (r["corpus"], r["path"])
        if doc_split.setdefault(doc, r["split"]) != r["split"]:
            errors.append(f"{where}: document has rows in two splits")
        if r["stance"] not in STANCES:
            errors.append(f"{where}: bad stance {r['stance']!r}")
        spans = {name: span(r, name, len(text)) for name in ("speaker", "cue", "content", "claim")}
        for sp in spans.values():
            if isinstance(sp, str):
                errors.append(f"{where}: {sp}")
        content = spans["content"]
        if content is None:
            errors.append(f"{where}: content span missing")
        if not isinstance(content, tuple):
            continue
        cs, ce = content
        piece = text[cs:ce]
        if not SHA_RE.match(r["content_sha1"]):
            errors.append(f"{where}: bad sha1 cell {r['content_sha1']!r}")
        elif sha10(piece) != r["content_sha1"]:
            errors.append(f"{where}: sha1 mismatch ({r['content_sha1']} vs {sha10(piece)})")
        if piece[0] in EDGE_CHARS or piece[-1] in EDGE_CHARS:
            edges = f"{piece[:1]!r}…{piece[-1:]!r}"
            errors.append(f"{where}: content has surrounding space or quotation marks: {edges}")
        if r["stance"] != "none" and spans["cue"] is None:
            errors.append(f"{where}: statement without a cue span")
        if spans["claim"] is not None and r["stance"] not in CLAIM_STANCES:
            errors.append(f"{where}: claim span on a {r['stance']} row (only deny/doubt)")
        key = (r["corpus"], r["path"], cs, ce, r["speaker_start"], r["cue_start"], r["stance"])
        if key in seen:
            errors.append(f"{where}: duplicate row")
        seen.add(key)
        keys.append((r["corpus"], r["path"], cs, ce))
    if keys != sorted(keys):
        errors.append("rows are not sorted by corpus, path, content_start, content_end")
    n_none = sum(r["stance"] == "none" for r in rows)
    if n_none > MAX_NONE:
        errors.append(f"{n_none} rows with stance none (at most {MAX_NONE})")
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, default=ROOT / "benchmarks" / "data" / "stances_dev.tsv")
    ap.add_argument(
        "--data",
        type=Path,
        default=ROOT.parent / "shared" / "data",
        help="folder with polnear/, fnc1/ and ptc/ (default: ../shared/data from the repository)",
    )
    args = ap.parse_args()
    missing = [c for c in CORPORA if not (args.data / c).is_dir()]
    if missing:
        needs = ", ".join(f"{c}/" for c in missing)
        print(f"data folder {args.data} not found or incomplete (needs {needs}); nothing checked")
        return 2
    rows = read_labels(args.labels)
    errors = check(rows, CorpusTexts(args.data))

    docs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in rows:
        docs[r["split"]].add((r["corpus"], r["path"]))
    statements = [r for r in rows if r["stance"] != "none"]
    n_docs = len({(r["corpus"], r["path"]) for r in rows})
    print(
        f"{args.labels.name}: {len(rows)} rows, {len(statements)} statements with a stance"
        f" + {len(rows) - len(statements)} none, in {n_docs} documents"
    )
    table = Counter((r["split"], r["stance"]) for r in rows)
    print(f"  {'split':<6}" + "".join(f"{s:>9}" for s in STANCES) + f"{'total':>9}{'docs':>6}")
    for split in SPLITS:
        print(
            f"  {split:<6}"
            + "".join(f"{table[(split, s)]:>9}" for s in STANCES)
            + f"{sum(table[(split, s)] for s in STANCES):>9}{len(docs[split]):>6}"
        )
    print(
        f"  {'all':<6}"
        + "".join(f"{sum(table[(sp, s)] for sp in SPLITS):>9}" for s in STANCES)
        + f"{len(rows):>9}{n_docs:>6}"
    )
    print("per corpus:")
    for corpus in CORPORA:
        sub = [r for r in rows if r["corpus"] == corpus]
        d = {r["path"] for r in sub}
        d_check = {r["path"] for r in sub if r["split"] == "check"}
        by_stance = Counter(r["stance"] for r in sub)
        print(
            f"  {corpus:<8} {len(d):>3} documents ({len(d_check)} check), {len(sub):>4} rows: "
            + ", ".join(f"{s} {by_stance[s]}" for s in STANCES)
        )
    with_claim = sum(1 for r in rows if r["claim_start"] != "-")
    no_speaker = sum(1 for r in statements if r["speaker_start"] == "-")
    print(
        f"claim spans: {with_claim} of {sum(r['stance'] in CLAIM_STANCES for r in rows)} deny/doubt rows;"
        f" statements without a speaker span: {no_speaker}"
    )
    if errors:
        print(f"{len(errors)} problem(s):")
        for e in errors[:50]:
            print("  " + e)
        return 1
    print("all offsets and sha1 hashes check out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
