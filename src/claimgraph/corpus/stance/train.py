"""Fitting the FNC-1 stance model (``claimgraph train stance``; ``eval fnc1 --retrain``).

Both stages are scikit-learn ``HistGradientBoostingClassifier`` models exported
as arrays (:mod:`claimgraph.ml.trees`); the idf weights of the pair features
come from the training bodies only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from claimgraph.corpus.stance import StanceModel
from claimgraph.corpus.stance.features import PairFeaturizer
from claimgraph.eval.fnc1 import HOLDOUT, FncData, features, split_bodies, summaries
from claimgraph.ml.trees import TreeEnsemble

__all__ = ["fit_trees", "train_and_holdout", "train_model"]


def fit_trees(
    x: np.ndarray, y: Sequence[str] | np.ndarray, *, seed: int = 0, **params: object
) -> TreeEnsemble:
    """Fit a ``HistGradientBoostingClassifier`` and export its trees."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    options = {
        "max_iter": 300,
        "learning_rate": 0.08,
        "max_leaf_nodes": 31,
        "l2_regularization": 1.0,
        "early_stopping": False,
        "random_state": seed,
        **params,
    }
    model = HistGradientBoostingClassifier(**options)
    model.fit(x, np.asarray(y))
    return TreeEnsemble.from_sklearn(model)


def train_model(
    featurizer: PairFeaturizer, x: np.ndarray, labels: Sequence[str], *, stance_params: dict | None = None
) -> StanceModel:
    """Fit both stages on feature rows ``x`` with gold FNC-1 ``labels``."""
    y = np.asarray(labels)
    related = fit_trees(x, np.where(y == "unrelated", "unrelated", "related"))
    mask = y != "unrelated"
    # class-balanced: disagree is 8% of related pairs, and denials are what claimgraph is for
    stance = fit_trees(x[mask], y[mask], **(stance_params or {"class_weight": "balanced"}))
    return StanceModel(featurizer=featurizer, related=related, stance=stance)


def train_and_holdout(nlp, data: FncData, *, holdout: float = HOLDOUT) -> tuple[StanceModel, np.ndarray]:
    """Train on the bodies outside the held-out part; return the model and the held-out mask.

    The idf weights, too, come from the training part only.
    """
    held = split_bodies(data.body_ids, holdout)
    mask = np.array([b in held for b in data.body_ids])
    heads, h_sum, body_ids, b_sum = summaries(nlp, data)
    train_heads = {h for h, m in zip(data.headlines, mask, strict=True) if not m}
    featurizer = PairFeaturizer()
    featurizer.fit_idf(
        [s for h, s in zip(heads, h_sum, strict=True) if h in train_heads]
        + [s for b, s in zip(body_ids, b_sum, strict=True) if b not in held]
    )
    x = features(nlp, data, featurizer, ~mask)
    labels = np.asarray(data.labels)[~mask]
    return train_model(featurizer, x, labels), mask
