"""The labelled claim pairs and the claim-matching benchmark (``claimgraph eval matching``).

``benchmarks/data/claim_pairs.tsv`` holds pairs of FNC-1 headlines (by their
0-based row in ``fnc1/train_stances.csv``; no text is stored) labelled
``same`` or ``different`` proposition. FNC-1 pairs each headline with the
bodies written about the same rumour (agree / disagree / discuss); headlines
linked through shared bodies form one *story* (connected components).
``same``: two headlines of one story, sampled at most a few per story, so
assertions and denials of a rumour are paired. ``different``: headlines of
two stories, two thirds *hard* (the most word-overlapping headline of another
story, by TF-IDF cosine) and one third random. Stories are split in halves:
``dev`` to tune the threshold and penalties, ``test`` to report.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph.corpus.matching import DEFAULT_PARAMS, MatchParams, centre, match_score
from claimgraph.embeddings.static import embed, unit_rows
from claimgraph.errors import DataError
from claimgraph.eval import labelled_rows, prf

__all__ = [
    "Pair",
    "build_pairs",
    "evaluate",
    "fnc1_headlines",
    "headline_constraints",
    "load_pairs",
    "pair_vectors",
    "write_pairs",
]

PAIRS_HEADER = ("pair", "split", "a_row", "b_row", "label", "kind")


@dataclass(frozen=True)
class Pair:
    pair: str
    split: str
    a_row: int
    b_row: int
    label: str  # "same" | "different"
    kind: str  # "story" | "hard" | "random"


def fnc1_headlines(fnc_dir: Path) -> tuple[list[str], list[str]]:
    """Headline and Body ID of every row of ``train_stances.csv`` (0-based rows)."""
    path = fnc_dir / "train_stances.csv"
    if not path.is_file():
        raise DataError(f"{path} not found: the FNC-1 train split is needed (../shared/data/fnc1)")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["Headline"] for r in rows], [r["Body ID"] if r["Stance"] != "unrelated" else "" for r in rows]


def _stories(headlines: list[str], bodies: list[str]) -> dict[int, int]:
    """First row of each distinct headline → story number (union-find over shared bodies)."""
    first: dict[str, int] = {}
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_body: dict[str, int] = {}
    for row, (h, b) in enumerate(zip(headlines, bodies, strict=True)):
        head = first.setdefault(h, row)
        parent.setdefault(head, head)
        if not b:
            continue
        if b in by_body:
            parent[find(head)] = find(by_body[b])
        else:
            by_body[b] = head
    return {head: find(head) for head in set(first.values())}


def build_pairs(fnc_dir: Path, *, per_story: int = 2, seed: int = 13) -> list[Pair]:
    """Sample the labelled pairs (deterministic for a seed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    headlines, bodies = fnc1_headlines(fnc_dir)
    story_of = _stories(headlines, bodies)
    members: dict[int, list[int]] = defaultdict(list)
    for row, story in sorted(story_of.items()):
        members[story].append(row)
    rng = random.Random(seed)
    stories = sorted(s for s, rows in members.items() if len(rows) >= 2)

    def split_of(story: int) -> str:
        return "dev" if int(hashlib.sha1(str(story).encode()).hexdigest(), 16) % 2 else "test"

    pairs: list[tuple[str, int, int, str, str]] = []
    for story in stories:
        rows = members[story]
        chosen: set[tuple[int, int]] = set()
        for _ in range(per_story * 4):
            a, b = sorted(rng.sample(rows, 2))
            chosen.add((a, b))
            if len(chosen) >= per_story:
                break
        pairs += [(split_of(story), a, b, "same", "story") for a, b in sorted(chosen)]
    n_same = len(pairs)
    rows_all = sorted(story_of)
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [headlines[r] for r in rows_all]
    )
    sims = (tfidf @ tfidf.T).toarray()
    order = rng.sample(range(len(rows_all)), len(rows_all))
    hard: list[tuple[str, int, int, str, str]] = []
    seen: set[tuple[int, int]] = set()
    for i in order:
        if len(hard) >= (2 * n_same) // 3:
            break
        ranked = np.argsort(-sims[i])
        for j in ranked[:50]:
            a, b = rows_all[i], rows_all[int(j)]
            if story_of[a] != story_of[b] and split_of(story_of[a]) == split_of(story_of[b]):
                key = (min(a, b), max(a, b))
                if key not in seen:
                    seen.add(key)
                    hard.append((split_of(story_of[a]), key[0], key[1], "different", "hard"))
                break
    randoms: list[tuple[str, int, int, str, str]] = []
    while len(randoms) < n_same - len(hard):
        a, b = rng.sample(rows_all, 2)
        if story_of[a] != story_of[b] and split_of(story_of[a]) == split_of(story_of[b]):
            key = (min(a, b), max(a, b))
            if key not in seen:
                seen.add(key)
                randoms.append((split_of(story_of[a]), key[0], key[1], "different", "random"))
    out = pairs + hard + randoms
    return [Pair(f"P{n:04d}", s, a, b, lab, kind) for n, (s, a, b, lab, kind) in enumerate(out, start=1)]


def write_pairs(pairs: Sequence[Pair], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Claim pairs from FNC-1 train_stances.csv (0-based data rows), labelled same/different "
            "proposition; built by claimgraph.eval.matching.build_pairs. No text is stored.\n"
        )
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(PAIRS_HEADER)
        for p in pairs:
            writer.writerow([p.pair, p.split, p.a_row, p.b_row, p.label, p.kind])


def load_pairs(path: Path) -> list[Pair]:
    if not path.is_file():
        raise DataError(f"{path} not found: build it with `claimgraph eval matching --rebuild-pairs`")
    rows = labelled_rows(path)
    return [
        Pair(r["pair"], r["split"], int(r["a_row"]), int(r["b_row"]), r["label"], r["kind"]) for r in rows
    ]


def _prf(pred: np.ndarray, gold: np.ndarray, beta: float = 1.0) -> dict[str, float]:
    tp = int((pred & gold).sum())
    fp = int((pred & ~gold).sum())
    fn = int((~pred & gold).sum())
    p, r, f1 = prf(tp, fp, fn)
    b2 = beta * beta
    fb = (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "fbeta": fb, "n": len(gold)}


def pair_vectors(pairs: Sequence[Pair], texts: dict[int, str]) -> dict[int, np.ndarray]:
    """Row → centred, unit-length embedding of every text the pairs use."""
    rows = sorted({p.a_row for p in pairs} | {p.b_row for p in pairs})
    raw = embed([texts[r] for r in rows])
    return dict(zip(rows, unit_rows(raw - centre(raw)), strict=True))


def evaluate(
    pairs: Sequence[Pair],
    texts: dict[int, str],
    constraints: dict[int, tuple[frozenset[str], frozenset[str]]] | None = None,
    params: MatchParams = DEFAULT_PARAMS,
    *,
    tune: bool = True,
    beta: float = 0.5,
    vectors: dict[int, np.ndarray] | None = None,
) -> dict[str, object]:
    """P/R/F1 of ``score >= threshold`` on dev and test pairs.

    With ``tune`` the threshold is the one with the best F-beta on dev (``beta=0.5``
    weighs precision twice: a wrong join merges two propositions in the corpus).
    ``vectors`` (from :func:`pair_vectors`) saves embedding the texts again on each call.
    """
    if vectors is None:
        vectors = pair_vectors(pairs, texts)
    empty: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    constraints = constraints or {}

    def scores(subset: list[Pair], prm: MatchParams) -> np.ndarray:
        out = []
        for p in subset:
            ca, ra = constraints.get(p.a_row, empty)
            cb, rb = constraints.get(p.b_row, empty)
            cos = float(vectors[p.a_row] @ vectors[p.b_row])
            out.append(match_score(cos, ca, cb, ra, rb, prm))
        return np.array(out)

    dev = [p for p in pairs if p.split == "dev"]
    test = [p for p in pairs if p.split == "test"]
    threshold = params.threshold
    if tune and dev:
        gold = np.array([p.label == "same" for p in dev])
        s = scores(dev, params)
        grid = np.round(np.arange(0.30, 0.95, 0.01), 2)
        threshold = float(max(grid, key=lambda t: (_prf(s >= t, gold, beta)["fbeta"], -t)))
    result: dict[str, object] = {"threshold": threshold, "beta": beta}
    for name, subset in (("dev", dev), ("test", test)):
        if not subset:
            continue
        gold = np.array([p.label == "same" for p in subset])
        s = scores(subset, params)
        result[name] = _prf(s >= threshold, gold, beta)
        hard = np.array([p.kind != "random" for p in subset])
        result[f"{name}_hard"] = _prf((s >= threshold)[hard], gold[hard], beta)
    return result


def headline_constraints(texts: dict[int, str]) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """Countries of the actors and CAMEO roots of the events in each text, by analysing it
    with the actors and events stages (texts with neither are left out)."""
    from claimgraph.analyzer import Analyzer
    from claimgraph.record import DocumentInfo, Record
    from claimgraph.settings import Settings

    analyzer = Analyzer(Settings(stages=("actors", "events")))
    docs = [DocumentInfo(id=str(r), text=t) for r, t in texts.items()]
    found: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    for row, record in zip(texts, analyzer.pipe(docs, errors="yield"), strict=True):
        if isinstance(record, Record):
            countries = frozenset(a.country for a in record.actors if a.country)
            roots = frozenset(e.root for e in record.events)
            if countries or roots:
                found[row] = (countries, roots)
    return found
