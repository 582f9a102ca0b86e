"""Benchmark the actors extractor on the hand-labelled development set.

    .venv/bin/python benchmarks/bench_actors.py [--set dev|check] [--errors] [--data ../shared/data]

``benchmarks/data/actors_dev.tsv`` holds hand-labelled actor mentions (no article
text): corpus, path (or FNC-1 body id), start, end, country (ISO3, ``-`` for none),
kind, and a sha1 prefix of the mention text; rows of kind ``_region`` give the
labelled range of each article. The articles are read from ``../shared/data``
(PTC train, PolNeAR train, FNC-1 train bodies) and every mention is checked against
its sha1 before scoring.

Scores (mention -> country):

- a gold mention is *found* when a predicted mention overlaps it (the largest
  overlap wins) and *correct* when that actor's country equals the gold country;
- recall = correct / gold mentions; precision = correct / found;
- strict precision = predicted mentions inside the labelled regions that overlap a
  gold mention with the same country / all predicted mentions there (pronouns left
  out: the gold set does not label them), which also counts spurious mentions.

Also reports the time of the actors stage against parse time (words per second).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import platform
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimgraph.knowledge.actors import actor_knowledge  # noqa: E402
from claimgraph.nlp import load_pipeline  # noqa: E402
from claimgraph.record import DocumentInfo, Record  # noqa: E402
from claimgraph.stages.actors import actors  # noqa: E402

SETS = {
    "dev": ROOT / "benchmarks" / "data" / "actors_dev.tsv",
    "check": ROOT / "benchmarks" / "data" / "actors_check.tsv",
}


@dataclass
class Gold:
    start: int
    end: int
    country: str | None
    kind: str


def read_dev(path: Path) -> dict[tuple[str, str], dict]:
    """Articles of the development set: their labelled region and gold mentions."""
    arts: dict[tuple[str, str], dict] = {}
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
        for row in rows:
            key = (row["corpus"], row["path"])
            art = arts.setdefault(key, {"region": None, "gold": [], "sha": []})
            start, end = int(row["start"]), int(row["end"])
            if row["kind"] == "_region":
                art["region"] = (start, end)
                continue
            country = None if row["country"] == "-" else row["country"]
            art["gold"].append(Gold(start, end, country, row["kind"]))
            art["sha"].append(row["sha1"])
    return arts


def article_text(data: Path, corpus: str, path: str, fnc: dict[str, str]) -> str:
    if corpus == "fnc1":
        if not fnc:
            with (data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
                fnc.update({r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)})
        return fnc[path]
    return (data / corpus / path).read_text(encoding="utf-8")


def score(args: argparse.Namespace) -> int:
    data = args.data
    if not (data / "ptc").is_dir():
        print(f"research data not found in {data}: pass --data (../shared/data)", file=sys.stderr)
        return 2
    arts = read_dev(SETS[args.set])
    fnc: dict[str, str] = {}
    texts = {}
    for (corpus, path), art in arts.items():
        text = article_text(data, corpus, path, fnc)
        for g, sha in zip(art["gold"], art["sha"], strict=True):
            got = hashlib.sha1(text[g.start : g.end].encode("utf-8")).hexdigest()[:10]
            if got != sha:
                print(
                    f"{corpus}/{path}: mention [{g.start}, {g.end}) does not match its sha1: the corpus "
                    "changed",
                    file=sys.stderr,
                )
                return 2
        texts[(corpus, path)] = text
    nlp = load_pipeline()
    keys = list(texts)
    t0 = time.perf_counter()
    actor_knowledge()
    t_kb = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.pipe([texts[k] for k in keys], batch_size=16))
    t_parse = time.perf_counter() - t0
    records = [Record(document=DocumentInfo(id=f"{c}:{p}", text=texts[(c, p)])) for c, p in keys]
    actors(docs[0], records[0])  # builds the matcher once
    t0 = time.perf_counter()
    results = [actors(d, r) for d, r in zip(docs, records, strict=True)]
    t_actors = time.perf_counter() - t0
    words = sum(sum(1 for t in d if not t.is_space) for d in docs)

    total = found = correct = kind_ok = 0
    strict_tp = strict_all = 0
    by_kind: dict[str, Counter] = defaultdict(Counter)
    by_corpus: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for key, result in zip(keys, results, strict=True):
        art, text = arts[key], texts[key]
        preds = [(m.start, m.end, a) for a in result for m in a.mentions]
        nonpron = [(s, e, a) for s, e, a in preds if not _pronoun(text[s:e])]
        for g in art["gold"]:
            total += 1
            by_kind[g.kind]["gold"] += 1
            by_corpus[key[0]]["gold"] += 1
            best = max(
                (
                    (min(e, g.end) - max(s, g.start), a)
                    for s, e, a in preds
                    if min(e, g.end) > max(s, g.start)
                ),
                key=lambda x: x[0],
                default=None,
            )
            if best is None:
                errors.append(("missed", key, g, None, text))
                continue
            found += 1
            by_kind[g.kind]["found"] += 1
            by_corpus[key[0]]["found"] += 1
            actor = best[1]
            if actor.country == g.country:
                correct += 1
                by_kind[g.kind]["correct"] += 1
                by_corpus[key[0]]["correct"] += 1
            else:
                errors.append(("country", key, g, actor, text))
            kind_ok += actor.kind == g.kind
        lo, hi = art["region"]
        for s, e, a in nonpron:
            if s < lo or e > hi:
                continue
            strict_all += 1
            if any(min(e, g.end) > max(s, g.start) and a.country == g.country for g in art["gold"]):
                strict_tp += 1
            elif not any(min(e, g.end) > max(s, g.start) for g in art["gold"]):
                errors.append(("spurious", key, Gold(s, e, a.country, a.kind), a, text))

    p = correct / found if found else 0.0
    r = correct / total if total else 0.0
    sp = strict_tp / strict_all if strict_all else 0.0
    print(f"articles: {len(keys)}   gold mentions: {total}   words: {words}")
    print(f"mention -> country   precision {p:.3f}   recall {r:.3f}   F1 {2 * p * r / (p + r or 1):.3f}")
    print(
        f"found {found}/{total} ({found / total:.3f})   strict precision {sp:.3f} ({strict_tp}/{strict_all})"
        f"   kind agreement {kind_ok / found if found else 0:.3f}"
    )
    for label, table in (("kind", by_kind), ("corpus", by_corpus)):
        for name, c in sorted(table.items()):
            print(
                f"  {label:7} {name:13} gold {c['gold']:4}  found {c['found']:4}  correct {c['correct']:4}"
                f"  P {c['correct'] / (c['found'] or 1):.3f}  R {c['correct'] / (c['gold'] or 1):.3f}"
            )
    print(
        f"time: knowledge load {t_kb:.2f}s; parse {t_parse:.2f}s ({words / t_parse:,.0f} words/s); "
        f"actors {t_actors:.2f}s ({words / t_actors:,.0f} words/s, {100 * t_actors / t_parse:.1f}% of parse)"
    )
    print(
        f"machine: {platform.machine()} {platform.system()} python {platform.python_version()}, "
        f"date {date.today().isoformat()}"
    )
    if args.errors:
        for what, key, g, actor, text in errors:
            ctx = (
                text[max(0, g.start - 50) : g.start]
                + "[["
                + text[g.start : g.end]
                + "]]"
                + text[g.end : g.end + 30]
            )
            got = f"-> {actor.name} {actor.country} {actor.kind}" if actor is not None else ""
            print(f"{what:8} {key[1][-30:]:30} gold {g.country} {g.kind:12} {got}\n         {ctx!r}")
    return 0


def _pronoun(text: str) -> bool:
    return text.lower() in {
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "it",
        "its",
        "itself",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="actors extractor: mention -> country on the dev set")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--errors", action="store_true", help="list missed, wrong and spurious mentions")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="dev",
        help="dev: the development set; check: a small set labelled after tuning, never tuned on",
    )
    return score(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
