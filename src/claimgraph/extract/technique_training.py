"""Training the technique models on PTC (``claimgraph train techniques``).

The CRF tagger learns BIO tags (a token inside several gold spans takes the
label of the shortest); the classifier learns the label of each gold span.
Both read features from :class:`~claimgraph.extract.technique_features.DocFeatures`
over parses cached with :func:`claimgraph.nlp.parse_cached`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from claimgraph.eval.ptc import PtcArticle, PtcSpan
from claimgraph.extract.technique_features import DocFeatures
from claimgraph.extract.technique_model import (
    CLASSIFIER_FILE,
    META_FILE,
    TAGGER_FILE,
    TechniqueClassifier,
)

__all__ = [
    "DEFAULT_PARAMS",
    "bio_tags",
    "classifier_data",
    "train_classifier",
    "train_models",
    "train_tagger",
]

#: Training settings of the shipped models.
DEFAULT_PARAMS: dict[str, float | int] = {
    "crf_c1": 0.1,
    "crf_c2": 0.3,
    "crf_iterations": 150,
    "crf_minfreq": 2,
    "tc_C": 1.0,
    "tc_features": 2**17,
    # weight of the span's static embedding (claim matching's model) beside the hashed features;
    # 0 leaves it out
    "tc_embedding_scale": 3.0,
}


def bio_tags(feats: DocFeatures, article: PtcArticle) -> list[list[str]]:
    """BIO tags for each sequence of ``feats`` from the article's gold spans."""
    label_of: dict[int, tuple[int, str, int]] = {}  # token → (span length, label, span start)
    for sp in article.spans:
        if sp.label is None:
            continue
        a, b = feats.token_range(sp.start, sp.end)
        for i in range(a, b):
            cand = (sp.end - sp.start, sp.label, sp.start)
            if i not in label_of or cand < label_of[i]:
                label_of[i] = cand
    out = []
    for seq in feats.sequences:
        tags = []
        prev: tuple[int, str, int] | None = None
        for i in seq:
            cur = label_of.get(i)
            if cur is None:
                tags.append("O")
            else:
                tags.append(("I-" if prev == cur else "B-") + cur[1])
            prev = cur
        out.append(tags)
    return out


def train_tagger(
    feats: Sequence[DocFeatures], articles: Sequence[PtcArticle], path: Path, params: dict | None = None
) -> None:
    """Train the CRF on the articles and write it to ``path``."""
    import pycrfsuite

    p = {**DEFAULT_PARAMS, **(params or {})}
    trainer = pycrfsuite.Trainer(verbose=False)
    for f, art in zip(feats, articles, strict=True):
        for seq, tags in zip(f.sequences, bio_tags(f, art), strict=True):
            trainer.append(f.token_features(seq), tags)
    trainer.set_params(
        {
            "c1": float(p["crf_c1"]),
            "c2": float(p["crf_c2"]),
            "max_iterations": int(p["crf_iterations"]),
            "feature.minfreq": float(p["crf_minfreq"]),
            "feature.possible_transitions": True,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))


def classifier_data(
    feats: Sequence[DocFeatures], articles: Sequence[PtcArticle]
) -> tuple[list[list[str]], list[str]]:
    """Span features and labels of every gold span."""
    xs, ys = [], []
    for f, art in zip(feats, articles, strict=True):
        for sp, label in _gold_spans(art):
            xs.append(f.span_features(sp.start, sp.end))
            ys.append(label)
    return xs, ys


def _gold_spans(article: PtcArticle) -> list[tuple[PtcSpan, str]]:
    """The article's labelled, non-empty gold spans with their labels (what the classifier learns)."""
    return [(sp, sp.label) for sp in article.spans if sp.label is not None and sp.end > sp.start]


def train_classifier(
    feats: Sequence[DocFeatures], articles: Sequence[PtcArticle], params: dict | None = None
) -> TechniqueClassifier:
    """Fit the span classifier on the gold spans."""
    p = {**DEFAULT_PARAMS, **(params or {})}
    xs, ys = classifier_data(feats, articles)
    labels = sorted(set(ys))
    clf = TechniqueClassifier(
        np.zeros((len(labels), 1)), np.zeros(len(labels)), labels, int(p["tc_features"])
    )
    x = clf.matrix(xs)
    scale = float(p["tc_embedding_scale"])
    if scale:
        from scipy.sparse import csr_matrix, hstack

        from claimgraph.matching import embedding_fingerprint

        clf.emb_scale = scale
        texts = [
            f.text[sp.start : sp.end]
            for f, art in zip(feats, articles, strict=True)
            for sp, _ in _gold_spans(art)
        ]
        x = hstack([x, csr_matrix(clf.embedding(texts))]).tocsr()
        clf.fingerprint = embedding_fingerprint()
    model = LogisticRegression(C=float(p["tc_C"]), max_iter=3000)
    model.fit(x, ys)
    n = clf.hasher.n_features
    clf.coef = model.coef_[:, :n].astype(np.float32)
    clf.emb_coef = model.coef_[:, n:].astype(np.float32) if scale else None
    clf.intercept = model.intercept_.astype(np.float32)
    clf.labels = [str(c) for c in model.classes_]
    return clf


def train_models(
    feats: Sequence[DocFeatures],
    articles: Sequence[PtcArticle],
    out_dir: Path,
    params: dict | None = None,
    meta: dict | None = None,
) -> None:
    """Train both models and write them, with a metadata file, into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    train_tagger(feats, articles, out_dir / TAGGER_FILE, params)
    train_classifier(feats, articles, params).save(out_dir / CLASSIFIER_FILE)
    info = {"params": {**DEFAULT_PARAMS, **(params or {})}, **(meta or {})}
    (out_dir / META_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
