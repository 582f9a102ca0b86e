"""Check-worthiness: how much a sentence deserves fact-checking, from 0 to 1.

A hashed tf-idf (word 1–2-grams and character 2–5-grams within words, digits
folded to ``0``) feeding a logistic regression, trained on the CheckThat! 2024
Task 1 English training set (Hasanain et al., CLEF 2024). The model file holds
only arrays (idf weights, coefficients) in ``models/checkworthy.npz``: no
pickles, no torch, about 3 MB; hashing makes the vocabulary implicit.

>>> from claimgraph.stages.claims.checkworthiness import score
>>> score(["We're consuming 50 percent of the world's cocaine."])  # doctest: +SKIP
[0.93]

Fitted in :mod:`claimgraph.stages.claims.train` (``claimgraph train checkworthy``); scored by
``claimgraph eval checkworthy``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from claimgraph import models
from claimgraph.errors import ModelError
from claimgraph.ml.hashing import CharColumns, NgramHasher
from claimgraph.ml.tfidf import tfidf

__all__ = ["N_FEATURES", "CheckWorthinessModel", "default_model_path", "hashed_counts", "load_model", "score"]

#: Hash buckets per feature family (word n-grams, character n-grams).
N_FEATURES = 2**18
_DIGIT = re.compile(r"\d")


def _preprocess(text: str) -> str:
    return _DIGIT.sub("0", text).lower()


def _as_is(text: str) -> str:
    return text


@cache
def _vectorizers() -> tuple[NgramHasher, NgramHasher]:
    """Word and character hashers of texts already :func:`_preprocess`-ed."""
    words = NgramHasher(N_FEATURES, (1, 2), preprocessor=_as_is)
    chars = NgramHasher(N_FEATURES, (2, 5), analyzer="char_wb", preprocessor=_as_is)
    return words, chars


@cache
def _char_columns() -> CharColumns:
    return CharColumns(_vectorizers()[1])


def hashed_counts(texts: Sequence[str]) -> sp.csr_matrix:
    """Raw hashed n-gram counts of ``texts`` (words, then characters), each text preprocessed once."""
    words, _chars = _vectorizers()
    prepared = [_preprocess(t) for t in texts]
    return sp.hstack([words.transform(prepared), _char_columns().transform(prepared)]).tocsr()


@dataclass
class CheckWorthinessModel:
    """Arrays of a trained model: ``idf`` and ``coef`` over the hashed features, ``intercept``."""

    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float = 0.5

    def score(self, texts: Sequence[str]) -> list[float]:
        """Probability that each text is check-worthy."""
        if not texts:
            return []
        x = tfidf(hashed_counts(list(texts)), self.idf)
        z = x @ self.coef.astype(np.float64) + self.intercept
        return [float(v) for v in 1.0 / (1.0 + np.exp(-z))]

    def predict(self, texts: Sequence[str]) -> list[bool]:
        return [s >= self.threshold for s in self.score(texts)]

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(
                fh,
                idf=self.idf.astype(np.float16),
                coef=self.coef,
                meta=np.array([self.intercept, self.threshold, N_FEATURES], dtype=np.float64),
            )

    @classmethod
    def load(cls, path: Path) -> CheckWorthinessModel:
        try:
            with np.load(path) as data:
                meta = data["meta"]
                if int(meta[2]) != N_FEATURES:
                    raise ModelError(
                        f"{path}: built for another feature size; run `claimgraph train checkworthy`"
                    )
                return cls(
                    idf=data["idf"].astype(np.float32),
                    coef=data["coef"],
                    intercept=float(meta[0]),
                    threshold=float(meta[1]),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(
                f"cannot load the check-worthiness model {path}: run `claimgraph train checkworthy`"
            ) from exc


def default_model_path() -> Path:
    """Where the shipped model lives (``claimgraph/models/checkworthy.npz``)."""
    return models.path("checkworthy.npz")


@cache
def load_model(path: str | None = None) -> CheckWorthinessModel:
    """The model at ``path`` (default: the shipped one), loaded once per process."""
    return CheckWorthinessModel.load(Path(path) if path else default_model_path())


def score(texts: Sequence[str]) -> list[float]:
    """Check-worthiness in [0, 1] of each text, with the shipped model."""
    return load_model().score(texts)
