"""Fitting the claims stage's check-worthiness model (``claimgraph train checkworthy``).

A class-balanced logistic regression over the hashed tf-idf of
:mod:`claimgraph.stages.claims.checkworthiness`, fitted on the CheckThat! 2024
Task 1 English train split.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimgraph.eval.checkworthy import read_split
from claimgraph.ml.tfidf import smooth_idf, tfidf
from claimgraph.stages.claims.checkworthiness import CheckWorthinessModel, hashed_counts

__all__ = ["fit_checkworthiness", "train_checkworthiness"]


def fit_checkworthiness(
    texts: Sequence[str], labels: Sequence[bool], *, c: float = 4.0
) -> CheckWorthinessModel:
    """Fit idf and a class-balanced logistic regression (L2, ``C=c``)."""
    from sklearn.linear_model import LogisticRegression

    counts = hashed_counts(texts)
    idf = smooth_idf(counts, counts.shape[1])
    x = tfidf(counts, idf)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    clf.fit(x, np.asarray(labels, dtype=bool))
    return CheckWorthinessModel(
        idf=idf.astype(np.float32),
        coef=clf.coef_[0].astype(np.float32),
        intercept=float(clf.intercept_[0]),
    )


def train_checkworthiness(data_dir: Path) -> CheckWorthinessModel:
    """Fit the model on the train split of the CheckThat! folder ``data_dir``."""
    texts, labels = read_split(data_dir, "train")
    return fit_checkworthiness(texts, labels)
