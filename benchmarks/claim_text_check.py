"""Claim texts by hand (issue 16): draw 100 claims to judge, or sum up the judgements.

The documents are those of ``benchmarks/record_identity.py`` (the sample article, 100 PTC
train articles, the PolNeAR dev texts; without ``../shared/data`` only the sample). All
their claims, sorted by (document id, claim id), are sampled with
``random.Random(20261203).sample``; for each the script prints the document and claim id,
the sha1 of the claim text (first 10 hex digits), the claim text and its statements'
content and stance. The judgements are kept in ``benchmarks/data/claim_texts_check.tsv``
(ids, hash, yes/no and a note; no text of the corpora).

    .venv/bin/python benchmarks/claim_text_check.py [--records records.jsonl] [--context 200]
    .venv/bin/python benchmarks/claim_text_check.py --seed 20261216 --size 50   # the second check
    .venv/bin/python benchmarks/claim_text_check.py --labels benchmarks/data/claim_texts_check.tsv

``--records`` reads the records from a file written by ``record_identity.py write``
instead of analysing the documents again (several minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
from collections import Counter
from pathlib import Path

SEED = 20261203
SAMPLE_SIZE = 100


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def records(path: Path | None) -> list[dict]:
    if path is not None:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    from record_identity import documents  # the script's folder is on sys.path when run

    from claimgraph import Analyzer

    return [json.loads(r.to_json()) for r in Analyzer().pipe(documents())]


def sample(recs: list[dict], seed: int = SEED, size: int = SAMPLE_SIZE) -> list[tuple[dict, dict]]:
    claims = [(r, c) for r in recs for c in r["claims"]]
    claims.sort(key=lambda rc: (rc[0]["document"]["id"], rc[1]["id"]))
    return random.Random(seed).sample(claims, min(size, len(claims)))


def show(recs: list[dict], context: int, seed: int = SEED, size: int = SAMPLE_SIZE) -> None:
    picked = sample(recs, seed, size)
    print(f"{len(recs)} documents, {sum(len(r['claims']) for r in recs)} claims, {len(picked)} drawn")
    for i, (rec, claim) in enumerate(picked, 1):
        doc = rec["document"]
        print(f"\n#{i} {doc['id']} {claim['id']} {text_hash(claim['text'])}")
        print(f"  claim: {claim['text']}")
        statements = {s["id"]: s for s in rec["statements"]}
        for sid in claim["statements"]:
            st = statements.get(sid)
            if st is None:
                continue
            content = st["content"]
            print(f"  {sid} [{st['stance']}] {content['text']}")
            if context:
                text = doc["text"]
                lo, hi = max(0, content["start"] - context), content["end"] + context
                around = " ".join(text[lo:hi].split())
                print(f"    context: …{around}…")


def labels(path: Path) -> None:
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    n = len(rows)
    gram = sum(r["grammatical"] == "yes" for r in rows)
    prop = sum(r["right_proposition"] == "yes" for r in rows)
    both = sum(r["grammatical"] == "yes" and r["right_proposition"] == "yes" for r in rows)
    print(f"{n} claims judged")
    print(f"grammatical        {gram}/{n} = {gram / n:.2f}")
    print(f"right proposition  {prop}/{n} = {prop / n:.2f}")
    print(f"both               {both}/{n} = {both / n:.2f}")
    kinds = Counter(
        r["note"].split(":", 1)[0].strip()
        for r in rows
        if (r["grammatical"] != "yes" or r["right_proposition"] != "yes") and ":" in r["note"]
    )
    print("failure kinds (the note's tag before ':'):")
    for kind, count in kinds.most_common():
        print(f"  {count:3d}  {kind}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, help="JSONL written by record_identity.py write")
    parser.add_argument("--context", type=int, default=0, help="characters of article text around")
    parser.add_argument("--labels", type=Path, help="the TSV of judgements: print the shares")
    parser.add_argument("--seed", type=int, default=SEED, help=f"sampling seed (default {SEED})")
    parser.add_argument("--size", type=int, default=SAMPLE_SIZE, help=f"claims drawn (default {SAMPLE_SIZE})")
    args = parser.parse_args()
    if args.labels:
        labels(args.labels)
    else:
        show(records(args.records), args.context, args.seed, args.size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
