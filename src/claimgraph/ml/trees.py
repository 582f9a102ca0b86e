"""Gradient-boosted trees as plain arrays: export from scikit-learn, predict with numpy.

scikit-learn's :class:`~sklearn.ensemble.HistGradientBoostingClassifier` is
trained once; its trees are saved as node arrays in an ``.npz`` file, so the
shipped model needs neither pickles nor a matching scikit-learn version to run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import ModelError

__all__ = ["TreeEnsemble"]

_FIELDS = ("feature", "threshold", "left", "right", "value", "leaf", "missing_left")


@dataclass
class TreeEnsemble:
    """Additive trees; one column of raw scores per class (one for a binary model).

    Node arrays are concatenated over all trees; ``roots[t]`` is tree ``t``'s
    root and ``tree_class[t]`` the column it adds to.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    leaf: np.ndarray
    missing_left: np.ndarray
    roots: np.ndarray
    tree_class: np.ndarray
    baseline: np.ndarray
    classes: list[str]

    @classmethod
    def from_sklearn(cls, model: Any) -> TreeEnsemble:
        """Copy the trees of a fitted ``HistGradientBoostingClassifier`` (numeric features only)."""
        parts: dict[str, list[np.ndarray]] = {f: [] for f in _FIELDS}
        roots, tree_class, offset = [], [], 0
        for iteration in model._predictors:
            for k, predictor in enumerate(iteration):
                nodes = predictor.nodes
                if np.any(nodes["is_categorical"]):
                    raise ModelError("categorical splits cannot be exported")
                parts["feature"].append(nodes["feature_idx"].astype(np.int32))
                parts["threshold"].append(nodes["num_threshold"].astype(np.float64))
                parts["left"].append(nodes["left"].astype(np.int32) + offset)
                parts["right"].append(nodes["right"].astype(np.int32) + offset)
                parts["value"].append(nodes["value"].astype(np.float64))
                parts["leaf"].append(nodes["is_leaf"].astype(bool))
                parts["missing_left"].append(nodes["missing_go_to_left"].astype(bool))
                roots.append(offset)
                tree_class.append(k)
                offset += len(nodes)
        arrays = {f: np.concatenate(v) for f, v in parts.items()}
        return cls(
            **arrays,
            roots=np.array(roots, dtype=np.int32),
            tree_class=np.array(tree_class, dtype=np.int32),
            baseline=np.asarray(model._baseline_prediction, dtype=np.float64).ravel(),
            classes=[str(c) for c in model.classes_],
        )

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Raw additive scores, shape (n_samples, n_columns)."""
        x = np.asarray(x, dtype=np.float64)
        n = x.shape[0]
        out = np.tile(self.baseline, (n, 1))
        rows = np.arange(n)
        for root, column in zip(self.roots, self.tree_class, strict=True):
            node = np.full(n, root, dtype=np.int64)
            active = ~self.leaf[node]
            while active.any():
                idx = node[active]
                values = x[rows[active], self.feature[idx]]
                go_left = np.where(np.isnan(values), self.missing_left[idx], values <= self.threshold[idx])
                node[active] = np.where(go_left, self.left[idx], self.right[idx])
                active = ~self.leaf[node]
            out[:, column] += self.value[node]
        return out

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities, columns in the order of :attr:`classes`."""
        raw = self.raw(x)
        if raw.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            return np.column_stack([1.0 - p, p])
        raw -= raw.max(axis=1, keepdims=True)
        e = np.exp(raw)
        return e / e.sum(axis=1, keepdims=True)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        arrays = {f"{prefix}{f}": getattr(self, f) for f in (*_FIELDS, "roots", "tree_class", "baseline")}
        arrays[f"{prefix}value"] = arrays[f"{prefix}value"].astype(np.float32)
        arrays[f"{prefix}classes"] = np.array(self.classes)
        return arrays

    @classmethod
    def from_arrays(cls, data: Any, prefix: str) -> TreeEnsemble:
        names = (*_FIELDS, "roots", "tree_class", "baseline")
        kwargs = {f: np.asarray(data[f"{prefix}{f}"]) for f in names}
        kwargs["value"] = kwargs["value"].astype(np.float64)
        return cls(**kwargs, classes=[str(c) for c in data[f"{prefix}classes"]])

    def save(self, path: Path) -> None:
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **self.to_arrays(""))  # type: ignore[arg-type]
