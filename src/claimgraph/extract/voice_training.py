"""Training the author-voice classifier (``claimgraph train voice``); needs scikit-learn.

Data: CheckThat! 2025 Task 1 English subjectivity, **train split only**
(``../shared/data/subjectivity/train_en.tsv``). Each item is parsed once with
:func:`claimgraph.nlp.parse_cached`. For each of the two base models of
:mod:`~claimgraph.extract.voice_model` the regularisation strength is chosen by
stratified 5-fold cross-validation on train; the stacker is fitted on the
out-of-fold logits and the decision threshold is the one that maximises
macro-F1 of the out-of-fold stacked probabilities, with the two classes
weighted equally (:data:`BALANCED_PRIOR`): the share of subjective sentences
differs between collections (36% in train, 52% in dev), so the threshold
should not bake in the training split's share. Nothing is fitted on dev.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.language import Language

from claimgraph.extract.voice_features import sentence_features
from claimgraph.extract.voice_model import CUE_BITS, VoiceModel, hash_index
from claimgraph.nlp import parse_cached

__all__ = ["TrainingReport", "featurize", "train_voice_model"]

SEED = 13
#: Choose the threshold as if SUBJ and OBJ were equally frequent (the share of SUBJ in new
#: text is unknown: 36% in train, 52% in dev); False: the train split's own proportions.
BALANCED_PRIOR = True
FOLDS = 5
C_GRID = {"cues": (0.03, 0.05, 0.1, 0.2, 0.3), "embedding": (0.3, 1.0, 3.0, 10.0, 30.0)}


@dataclass(frozen=True)
class TrainingReport:
    n: int
    positives: int
    chosen_c: dict[str, float]
    cv_macro_f1: dict[str, float]
    threshold: float
    threshold_cues: float


def featurize(nlp: Language, texts: Sequence[str], cache_key: str) -> list[dict[str, float]]:
    """Feature dicts of whole items (each item as one span), parsing through the cache."""
    docs = parse_cached(nlp, list(texts), cache_key)
    return [sentence_features(doc[:])[0] for doc in docs]


def _matrix(features: Sequence[dict[str, float]], bits: int):  # type: ignore[no-untyped-def]
    import scipy.sparse as sp

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, f in enumerate(features):
        for name, value in f.items():
            rows.append(i)
            cols.append(hash_index(name, bits))
            vals.append(value)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(features), 1 << bits), dtype=np.float64)


def _best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The threshold with the best macro-F1, both classes weighted equally (see module docstring)."""
    from sklearn.metrics import f1_score

    weights = np.where(y == 1, 0.5 / max(1, int(y.sum())), 0.5 / max(1, int(len(y) - y.sum())))
    if not BALANCED_PRIOR:
        weights = np.ones(len(y))
    best = (-1.0, 0.5)
    for t in np.arange(0.2, 0.8, 0.01):
        score = f1_score(y, p >= t, average="macro", sample_weight=weights)
        if score > best[0] + 1e-9:
            best = (float(score), float(t))
    return best


def _oof_logits(X, y: np.ndarray, c: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros(len(y))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y):
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        model.fit(X[train], y[train])
        out[test] = model.decision_function(X[test])
    return out


def _choose(X, y: np.ndarray, grid: Sequence[float]) -> tuple[float, np.ndarray, float]:  # type: ignore[no-untyped-def]
    best: tuple[float, float, np.ndarray] | None = None
    for c in grid:
        logits = _oof_logits(X, y, c)
        score, _ = _best_threshold(y, 1 / (1 + np.exp(-logits)))
        if best is None or score > best[0]:
            best = (score, c, logits)
    assert best is not None
    return best[1], best[2], best[0]


def _fit(X, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(X, y)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def _stack(columns: list[np.ndarray], y: np.ndarray) -> tuple[np.ndarray, float, float]:
    from sklearn.linear_model import LogisticRegression

    Z = np.column_stack(columns)
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(Z, y)
    p = model.predict_proba(Z)[:, 1]
    score, threshold = _best_threshold(y, p)
    return np.append(model.coef_[0], model.intercept_[0]), threshold, score


def train_voice_model(
    features: Sequence[dict[str, float]],
    labels: Sequence[int],
    embeddings: np.ndarray | None,
    meta: dict[str, object],
) -> tuple[VoiceModel, TrainingReport]:
    """Fit the base models, the stackers and the thresholds (see module docstring)."""
    y = np.asarray(labels, dtype=int)
    X_cues = _matrix(features, CUE_BITS)
    c_cues, oof_cues, f_cues = _choose(X_cues, y, C_GRID["cues"])
    chosen = {"cues": c_cues}
    scores = {"cues": f_cues}
    thr_cues = _best_threshold(y, 1 / (1 + np.exp(-oof_cues)))[1]
    cue_w, cue_b = _fit(X_cues, y, c_cues)
    emb_w: np.ndarray | None = None
    emb_b = 0.0
    stack = np.array([1.0, 0.0, 0.0])
    thr_full = thr_cues
    if embeddings is not None:
        c_emb, oof_emb, f_emb = _choose(embeddings, y, C_GRID["embedding"])
        chosen["embedding"] = c_emb
        scores["embedding"] = f_emb
        stack, thr_full, f_full = _stack([oof_cues, oof_emb], y)
        scores["stacked"] = f_full
        emb_w, emb_b = _fit(embeddings, y, c_emb)
    model = VoiceModel(
        cue_weights=cue_w,
        cue_bias=cue_b,
        emb_weights=emb_w,
        emb_bias=emb_b,
        stack=stack,
        threshold=thr_full,
        threshold_cues=thr_cues,
        meta={**meta, "chosen_c": chosen, "cv_macro_f1": scores},
    )
    report = TrainingReport(
        n=len(y),
        positives=int(y.sum()),
        chosen_c=chosen,
        cv_macro_f1=scores,
        threshold=thr_full,
        threshold_cues=thr_cues,
    )
    return model, report
