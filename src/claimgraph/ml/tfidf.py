"""Hashed tf-idf shared by the check-worthiness and stance models (as scikit-learn computes it)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["smooth_idf", "tfidf"]


def smooth_idf(counts: sp.csr_matrix, n_features: int) -> np.ndarray:
    """Smoothed idf of each column, ``log((1 + n) / (1 + df)) + 1`` (float64)."""
    df = np.bincount(counts.indices, minlength=n_features)
    return np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0


def tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf × idf, rows scaled to unit length (as sklearn's TfidfTransformer)."""
    x = sp.csr_matrix(counts, dtype=np.float64, copy=True)
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x.data /= np.repeat(norms, np.diff(x.indptr))
    return x
