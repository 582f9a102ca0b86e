"""Training the author-voice classifier (``claimgraph train voice``); needs scikit-learn.

Data: CheckThat! 2025 Task 1 English subjectivity, **train split only**
(``../shared/data/subjectivity/train_en.tsv``). Each item is parsed once with
:func:`claimgraph.nlp.cache.parse_cached`.

* The **cue** model (fallback when no embedding is installed): logistic
  regression over the hashed cue features; C chosen by stratified 5-fold
  cross-validation.
* The **joint** model (:class:`~claimgraph.stages.voice.model.JointModel`):
  one logistic regression over [cue features × ``cue_scale``, embedding ×
  ``emb_scale``, char 3–5-gram tf-idf] (the tf-idf vocabulary and idf are
  fitted inside each fold). The block scales and C are chosen on a small grid
  (:data:`JOINT_GRID`) by mean macro-F1 over :data:`CV_SEEDS` repetitions of
  stratified 5-fold cross-validation (repeating the split lowers the variance
  of the choice on 830 sentences).

The decision threshold maximises macro-F1 of the pooled out-of-fold
probabilities, with the two classes weighted equally (:data:`BALANCED_PRIOR`):
the share of subjective sentences differs between collections (36% in train,
52% in dev), so the threshold should not bake in the training split's share.
Classes are weighted equally in the fits too (``class_weight="balanced"``).
Nothing is fitted on dev.

``claimgraph train voice --distill`` then replaces the static joint model with one
fitted to the transformer model's probabilities on unlabelled news sentences
(:mod:`claimgraph.stages.voice.distill`); that is the shipped ``voice.npz``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language

from claimgraph.errors import ModelError
from claimgraph.eval.subjectivity import load_subjectivity
from claimgraph.nlp import load_pipeline
from claimgraph.nlp.cache import parse_cached
from claimgraph.stages.voice.features import sentence_features
from claimgraph.stages.voice.model import (
    CUE_BITS,
    JointModel,
    VoiceModel,
    char_ngrams,
    hash_index,
    load_voice_model,
    model_path,
    transformer_problem,
)

__all__ = [
    "JOINT_GRID",
    "TrainingReport",
    "char_vectorizer",
    "featurize",
    "hashed_matrix",
    "joint_blocks",
    "joint_from_fit",
    "logreg",
    "train_voice",
    "train_voice_model",
]

SEED = 13
CV_SEEDS = (13, 7, 42)
#: Choose the threshold as if SUBJ and OBJ were equally frequent (the share of SUBJ in new
#: text is unknown: 36% in train, 52% in dev); False: the train split's own proportions.
BALANCED_PRIOR = True
FOLDS = 5
CUE_C_GRID = (0.03, 0.05, 0.1, 0.2, 0.3)
#: (cue_scale, emb_scale, C) of the joint model; the char block has scale 1.
JOINT_GRID: tuple[tuple[float, float, float], ...] = tuple(
    (cw, a, c) for cw in (0.2, 0.3) for a in (2.0, 3.0) for c in (0.1, 0.3)
)
CHAR_MIN_DF = 2


@dataclass(frozen=True)
class TrainingReport:
    n: int
    positives: int
    chosen: dict[str, object]
    cv_macro_f1: dict[str, float]
    threshold: float
    threshold_cues: float


def featurize(nlp: Language, texts: Sequence[str], cache_key: str) -> list[dict[str, float]]:
    """Feature dicts of whole items (each item as one span), parsing through the cache."""
    docs = parse_cached(nlp, list(texts), cache_key)
    return [sentence_features(doc[:])[0] for doc in docs]


def hashed_matrix(features: Sequence[dict[str, float]], bits: int):  # type: ignore[no-untyped-def]
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


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def _folds(y: np.ndarray, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import StratifiedKFold

    return list(StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))


def logreg(c: float, *, balanced: bool = True):  # type: ignore[no-untyped-def]
    """The logistic regression every voice model uses (classes weighted equally unless told)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)


def char_vectorizer():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, min_df=CHAR_MIN_DF, dtype=np.float64)


def joint_blocks(X_cues, emb: np.ndarray, chars, cw: float, a: float):  # type: ignore[no-untyped-def]
    import scipy.sparse as sp

    return sp.hstack([X_cues * cw, sp.csr_matrix(emb * a), chars]).tocsr()


def _cv_cues(X, y: np.ndarray) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """The best C of the cue model, its CV macro-F1 and the threshold that gave it."""
    best: tuple[float, float, float] | None = None
    for c in CUE_C_GRID:
        out = np.zeros(len(y))
        for train, test in _folds(y, SEED):
            out[test] = logreg(c).fit(X[train], y[train]).decision_function(X[test])
        score, threshold = _best_threshold(y, _sigmoid(out))
        if best is None or score > best[0]:
            best = (score, c, threshold)
    assert best is not None
    return best[1], best[0], best[2]


def _cv_joint(
    X_cues, emb: np.ndarray, texts: Sequence[str], y: np.ndarray
) -> tuple[tuple[float, float, float], float, float]:  # type: ignore[no-untyped-def]
    """The grid point with the best mean CV macro-F1, that score, and its pooled threshold."""
    splits = []  # char tf-idf fitted inside each fold, shared by all grid points
    for seed in CV_SEEDS:
        for train, test in _folds(y, seed):
            vec = char_vectorizer()
            chars_tr = vec.fit_transform([texts[i] for i in train])
            splits.append((seed, train, test, chars_tr, vec.transform([texts[i] for i in test])))
    best: tuple[float, tuple[float, float, float], dict[int, np.ndarray]] | None = None
    for cw, a, c in JOINT_GRID:
        oof = {seed: np.zeros(len(y)) for seed in CV_SEEDS}
        for seed, train, test, chars_tr, chars_te in splits:
            model = logreg(c).fit(joint_blocks(X_cues[train], emb[train], chars_tr, cw, a), y[train])
            oof[seed][test] = model.decision_function(joint_blocks(X_cues[test], emb[test], chars_te, cw, a))
        score = float(np.mean([_best_threshold(y, _sigmoid(o))[0] for o in oof.values()]))
        if best is None or score > best[0] + 1e-9:
            best = (score, (cw, a, c), oof)
    assert best is not None
    pooled_y = np.concatenate([y] * len(CV_SEEDS))
    pooled_p = _sigmoid(np.concatenate([best[2][s] for s in CV_SEEDS]))
    return best[1], best[0], _best_threshold(pooled_y, pooled_p)[1]


def _fit_joint(
    X_cues,
    emb: np.ndarray,
    texts: Sequence[str],
    y: np.ndarray,
    params: tuple[float, float, float],
    threshold: float,
) -> JointModel:  # type: ignore[no-untyped-def]
    cw, a, c = params
    vec = char_vectorizer()
    chars = vec.fit_transform(texts)
    model = logreg(c).fit(joint_blocks(X_cues, emb, chars, cw, a), y)
    return joint_from_fit(model, vec, (X_cues.shape[1], emb.shape[1]), (cw, a), threshold)


def joint_from_fit(
    model, vec, widths: tuple[int, int], scales: tuple[float, float], threshold: float
) -> JointModel:  # type: ignore[no-untyped-def]
    """The :class:`JointModel` of a fitted regression over :func:`joint_blocks` (scales folded in)."""
    (n_cue, n_emb), (cw, a) = widths, scales
    w = model.coef_[0]
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    return JointModel(
        cue_weights=(w[:n_cue] * cw).astype(np.float32),
        emb_weights=(w[n_cue : n_cue + n_emb] * a).astype(np.float32),
        char_vocab=tuple(vocab),
        char_idf=vec.idf_.astype(np.float32),
        char_weights=w[n_cue + n_emb :].astype(np.float32),
        bias=float(model.intercept_[0]),
        threshold=threshold,
    )


def train_voice_model(
    features: Sequence[dict[str, float]],
    labels: Sequence[int],
    embeddings: np.ndarray | None,
    meta: dict[str, object],
    texts: Sequence[str] | None = None,
) -> tuple[VoiceModel, TrainingReport]:
    """Fit the cue fallback and (with embeddings and texts) the joint model (see module docstring)."""
    y = np.asarray(labels, dtype=int)
    X_cues = hashed_matrix(features, CUE_BITS)
    c_cues, f_cues, thr_cues = _cv_cues(X_cues, y)
    chosen: dict[str, object] = {"cues_C": c_cues}
    scores = {"cues": f_cues}
    cue_model = logreg(c_cues).fit(X_cues, y)
    joint: JointModel | None = None
    thr_full = thr_cues
    if embeddings is not None and texts is not None:
        params, f_joint, thr_full = _cv_joint(X_cues, embeddings, texts, y)
        chosen["joint"] = {"cue_scale": params[0], "emb_scale": params[1], "C": params[2]}
        scores["joint"] = f_joint
        joint = _fit_joint(X_cues, embeddings, texts, y, params, thr_full)
    model = VoiceModel(
        cue_weights=cue_model.coef_[0].astype(np.float32),
        cue_bias=float(cue_model.intercept_[0]),
        threshold_cues=thr_cues,
        joint=joint,
        meta={**meta, "chosen": chosen, "cv_macro_f1": scores},
    )
    report = TrainingReport(
        n=len(y),
        positives=int(y.sum()),
        chosen=chosen,
        cv_macro_f1=scores,
        threshold=thr_full,
        threshold_cues=thr_cues,
    )
    return model, report


def train_voice(
    data: Path,
    out: Path | None = None,
    *,
    embedding: bool = True,
    encoder: str = "static",
    distill_from: Path | None = None,
    progress: Callable[[str], None] = print,
) -> tuple[VoiceModel, TrainingReport, Path]:
    """Train on the CheckThat! TSV ``data`` and write the model; return it, its report and
    where it was written (default: the shipped file of ``encoder``).

    ``encoder``: ``static`` (Model2Vec) or ``transformer`` (the extra's all-MiniLM-L6-v2).
    ``distill_from``: the research corpora folder; the static model's joint part is then
    fitted to the transformer voice model's probabilities on their news sentences
    (:mod:`claimgraph.stages.voice.distill`). The teacher and the corpora are checked
    before any training.
    """
    if encoder not in ("static", "transformer"):
        raise ValueError(f"encoder must be static or transformer, not {encoder!r}")
    distilling = None  # (teacher, unlabelled articles)
    if distill_from is not None:
        from claimgraph.stages.voice.distill import news_articles

        problem = transformer_problem()
        if problem is not None:
            raise ModelError(f"--distill needs the transformer voice model: {problem}")
        teacher = load_voice_model(str(model_path("transformer")))
        if teacher is None:  # checked above; keeps the type narrow
            raise ModelError("--distill needs the transformer voice model")
        distilling = (teacher, news_articles(distill_from))
    items = load_subjectivity(data)
    texts = [it.text for it in items]
    progress(f"parsing and featurising {len(items)} sentences")
    features = featurize(load_pipeline(), texts, f"subjectivity-{data.stem}")
    embeddings, fingerprint = None, None
    if embedding and encoder == "transformer":
        from claimgraph.embeddings.transformer import transformer_embed, transformer_fingerprint

        progress(f"encoding {len(texts)} sentences with the transformer")
        embeddings, fingerprint = transformer_embed(texts), transformer_fingerprint()
    elif embedding:
        from claimgraph.embeddings.static import embed, embedding_fingerprint

        embeddings, fingerprint = embed(texts), embedding_fingerprint()
    progress("cross-validating and fitting")
    model, report = train_voice_model(
        features,
        [1 if it.label == "SUBJ" else 0 for it in items],
        embeddings,
        meta={"data": data.name, "n": len(items), "encoder": encoder, "embedding_fingerprint": fingerprint},
        texts=texts,
    )
    if distilling is not None:
        from claimgraph.stages.voice.distill import distill_voice_model

        progress("distilling the transformer model on unlabelled news sentences")
        model = distill_voice_model(load_pipeline(), model, *distilling)
    target = out or model_path(encoder)
    model.save(target)
    return model, report, target
