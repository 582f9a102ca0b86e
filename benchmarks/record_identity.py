"""Records before and after a refactoring: are they byte-identical?

Writes the records of a fixed set of documents to JSONL (the ``generator``
field, which names versions, left out), or compares two such files line by line.
The set: the bundled sample article, the first 100 PTC train articles (sorted by
name) and the PolNeAR dev texts. Only the public API is used (``read_documents``,
``Analyzer``), so the same script runs on both sides of a move of internals.

    python benchmarks/record_identity.py write before.jsonl
    ... move code ...
    python benchmarks/record_identity.py write after.jsonl
    python benchmarks/record_identity.py compare before.jsonl after.jsonl

Needs ``../shared/data`` (or ``CLAIMGRAPH_DATA``) for the PTC and PolNeAR parts;
without it only the sample is written, with a note on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_article.html"
PTC_ARTICLES = 100


def _data_dir() -> Path:
    return Path(os.environ.get("CLAIMGRAPH_DATA") or ROOT.parent / "shared" / "data")


def documents() -> Iterator:
    """The fixed document set, in a fixed order."""
    from claimgraph.ingest import read_documents
    from claimgraph.record import DocumentInfo

    yield from read_documents([str(SAMPLE)])
    data = _data_dir()
    ptc = data / "ptc" / "train-articles"
    if ptc.is_dir():
        for path in sorted(ptc.glob("article*.txt"))[:PTC_ARTICLES]:
            yield DocumentInfo(id=f"ptc/{path.stem}", text=path.read_text(encoding="utf-8"))
    else:
        print(f"note: {ptc} not found; PTC articles left out", file=sys.stderr)
    polnear = data / "polnear" / "data"
    if polnear.is_dir():
        from claimgraph.eval.polnear import article_text, split_names

        for name in split_names(polnear, "dev"):
            yield DocumentInfo(id=f"polnear/{name}", text=article_text(polnear, "dev", name))
    else:
        print(f"note: {polnear} not found; PolNeAR dev left out", file=sys.stderr)


def write(out: Path) -> int:
    from claimgraph import Analyzer

    analyzer = Analyzer()
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for record in analyzer.pipe(documents()):
            data = json.loads(record.to_json())
            data.pop("generator", None)
            fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    print(f"{count} records written to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    differing = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    same = len(old) == len(new) and not differing
    print(f"{len(old)} records before, {len(new)} after; {len(differing)} differ")
    for i in differing[:10]:
        print(f"  line {i + 1}: {json.loads(old[i])['document']['id']}")
    print("byte-identical" if same else "DIFFERENT")
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write the records of the fixed set to a JSONL file")
    w.add_argument("out", type=Path)
    c = sub.add_parser("compare", help="compare two files written by `write`")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        return write(args.out)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
