"""FNC-1 (Fake News Challenge stage 1): data, a held-out split by body, and the official score.

The weighted score gives 0.25 for each pair whose related/unrelated decision
is right and another 0.75 when a related pair also gets its stance (agree,
disagree, discuss) right; it is reported relative to the maximum (every pair
right). Bodies are held out whole — a body in the held-out part never appears
in training — as the FNC-1 baseline did (Galbraith et al. 2017).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.corpus.stance import LABELS, read_bodies, read_pairs
from claimgraph.corpus.stance.features import DocSummary, PairFeaturizer, summarize
from claimgraph.errors import DataError

__all__ = [
    "FncData",
    "FncScores",
    "features",
    "fnc_score",
    "format_table",
    "load",
    "score_labels",
    "split_bodies",
    "summaries",
]

#: Share of bodies held out, and the seed that picks them.
HOLDOUT = 0.2
SEED = 1


@dataclass
class FncData:
    headlines: list[str]
    body_ids: list[str]
    labels: list[str]
    bodies: dict[str, str]
    cache: dict[str, Any] = field(default_factory=dict, repr=False)


def load(data_dir: Path, split: str = "train") -> FncData:
    """Pairs and bodies of ``{split}_stances.csv`` / ``{split}_bodies.csv`` in ``data_dir``."""
    data_dir = Path(data_dir)
    stances, bodies_path = data_dir / f"{split}_stances.csv", data_dir / f"{split}_bodies.csv"
    if not stances.is_file() or not bodies_path.is_file():
        raise DataError(f"{data_dir}: expected {stances.name} and {bodies_path.name} (FNC-1 data)")
    rows = read_pairs(stances)
    bodies = read_bodies(bodies_path)
    unknown = {r["Body ID"] for r in rows} - set(bodies)
    if unknown:
        raise DataError(f"{stances}: {len(unknown)} Body ID(s) missing from {bodies_path.name}")
    return FncData(
        headlines=[r["Headline"] for r in rows],
        body_ids=[r["Body ID"] for r in rows],
        labels=[r.get("Stance", "") for r in rows],
        bodies=bodies,
    )


def split_bodies(body_ids: Sequence[str], holdout: float = HOLDOUT, seed: int = SEED) -> set[str]:
    """The held-out body ids: a fixed random ``holdout`` share of the distinct ids."""
    ids = sorted(set(body_ids), key=lambda x: (len(x), x))
    random.Random(seed).shuffle(ids)
    return set(ids[: round(len(ids) * holdout)])


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """The FNC-1 weighted score and its maximum."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if (g == "unrelated") == (p == "unrelated"):
            score += 0.25
            if g != "unrelated" and g == p:
                score += 0.75
    return score, best


@dataclass(frozen=True)
class FncScores:
    relative: float
    score: float
    maximum: float
    f1: dict[str, float]
    macro_f1: float
    confusion: dict[str, dict[str, int]]
    n: int


def score_labels(gold: Sequence[str], predicted: Sequence[str]) -> FncScores:
    """Relative FNC-1 score, per-class F1, macro-F1 and the confusion matrix (gold → predicted)."""
    score, best = fnc_score(gold, predicted)
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    f1 = {}
    for label in LABELS:
        tp = confusion[label][label]
        fp = sum(confusion[g][label] for g in LABELS) - tp
        fn = sum(confusion[label].values()) - tp
        f1[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return FncScores(
        score / best if best else 0.0,
        score,
        best,
        f1,
        float(np.mean(list(f1.values()))),
        confusion,
        len(gold),
    )


def summaries(nlp, data: FncData) -> tuple[list[str], list[DocSummary], list[str], list[DocSummary]]:
    """Distinct headlines and bodies with their summaries (parses cached on disk)."""
    from claimgraph.nlp.cache import parse_cached

    if "summaries" in data.cache:
        return data.cache["summaries"]
    heads = sorted(set(data.headlines))
    body_ids = sorted(data.bodies, key=lambda x: (len(x), x))
    head_docs = parse_cached(nlp, heads, "fnc1-headlines", batch_size=256)
    body_docs = parse_cached(nlp, [data.bodies[b] for b in body_ids], "fnc1-bodies", batch_size=32)
    result = heads, [summarize(d) for d in head_docs], body_ids, [summarize(d) for d in body_docs]
    data.cache["summaries"] = result
    return result


def features(nlp, data: FncData, featurizer: PairFeaturizer, mask: np.ndarray | None = None) -> np.ndarray:
    """Feature rows of the pairs of ``data`` (only those where ``mask`` is true, when given)."""
    heads, h_sum, body_ids, b_sum = summaries(nlp, data)
    h_idx = {h: i for i, h in enumerate(heads)}
    b_idx = {b: i for i, b in enumerate(body_ids)}
    pairs = [(h_idx[h], b_idx[b]) for h, b in zip(data.headlines, data.body_ids, strict=True)]
    if mask is not None:
        pairs = [p for p, m in zip(pairs, mask, strict=True) if m]
    return featurizer.transform(h_sum, b_sum, pairs)


def format_table(scores: FncScores, title: str) -> str:
    """The scores as plain text: weighted score, per-class F1 and the confusion table."""
    lines = [
        title,
        f"FNC-1 weighted score: {scores.relative:.4f} ({scores.score:.2f} / {scores.maximum:.2f}), "
        f"{scores.n} pairs",
        "per-class F1: "
        + ", ".join(f"{k} {v:.3f}" for k, v in scores.f1.items())
        + f"; macro-F1 {scores.macro_f1:.3f}",
        "confusion (gold → predicted):",
    ]
    labels = list(scores.confusion)
    lines.append(" " * 11 + "".join(f"{lab:>11}" for lab in labels))
    for g in labels:
        lines.append(f"{g:>11}" + "".join(f"{scores.confusion[g][p]:>11}" for p in labels))
    return "\n".join(lines)
