"""CheckThat! 2024 Task 1 (English) check-worthiness: data loading and scoring.

The official measure is F1 of the positive class (``Yes``). The data are TSV
files ``CT24_checkworthy_english_{train,dev}.tsv`` with ``Sentence_id``, ``Text``
and ``class_label``; they are read from ``../shared/data/checkworthy`` and never
shipped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import DataError
from claimgraph.eval import prf
from claimgraph.stages.claims.checkworthiness import CheckWorthinessModel

__all__ = ["CheckworthyScores", "binary_scores", "evaluate", "read_split"]


def read_split(data_dir: Path, split: str) -> tuple[list[str], list[bool]]:
    """Texts and labels of one split (``train``, ``dev``, …) from ``data_dir``."""
    path = Path(data_dir) / f"CT24_checkworthy_english_{split}.tsv"
    if not path.is_file():
        raise DataError(f"{path} not found: point --data at the folder with the CheckThat! 2024 TSV files")
    texts: list[str] = []
    labels: list[bool] = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            if row.get("Text") is None or row.get("class_label") is None:
                raise DataError(f"{path}: expected columns Text and class_label")
            texts.append(row["Text"])
            labels.append(row["class_label"].strip().lower() == "yes")
    return texts, labels


@dataclass(frozen=True)
class CheckworthyScores:
    precision: float
    recall: float
    f1: float
    n: int
    positives: int


def binary_scores(gold: list[bool], predicted: list[bool]) -> CheckworthyScores:
    """Precision, recall and F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    return CheckworthyScores(*prf(tp, fp, fn), len(gold), sum(gold))


def evaluate(model: CheckWorthinessModel, data_dir: Path, split: str = "dev") -> CheckworthyScores:
    """Score ``model`` on one split at its fixed threshold (0.5: not tuned on dev)."""
    texts, labels = read_split(data_dir, split)
    return binary_scores(labels, model.predict(texts))
