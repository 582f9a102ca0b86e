"""Training the technique models on PTC (``claimgraph train techniques``).

The CRF tagger learns BIO tags (a token inside several gold spans takes the
label of the shortest); the classifier learns the label of each gold span; the
candidate classifier learns, besides, the label (or ``none``) of the spans that
CRFs trained on the other folds propose in each fold of the training articles.
Both read features from :class:`~claimgraph.stages.techniques.features.DocFeatures`
over parses cached with :func:`claimgraph.nlp.cache.parse_cached`.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from claimgraph import models
from claimgraph.eval.ptc import PtcArticle, PtcSpan, held_out, parse_ptc, split_articles
from claimgraph.stages.techniques.calibration import Calibration, SpanContext, calibration_inputs
from claimgraph.stages.techniques.features import DocFeatures
from claimgraph.stages.techniques.model import (
    CANDIDATE_FILE,
    CLASSIFIER_FILE,
    META_FILE,
    NONE_LABEL,
    TAGGER_FILE,
    SpanTagger,
    TechniqueClassifier,
)

__all__ = [
    "DEFAULT_PARAMS",
    "bio_tags",
    "candidate_label",
    "classifier_data",
    "fit_calibration",
    "out_of_fold_candidates",
    "train_candidate_classifier",
    "train_classifier",
    "train_models",
    "train_tagger",
    "train_techniques",
]

#: Training settings of ``claimgraph train techniques`` (a model folder's own are in its
#: ``techniques.json``: the shipped models predate ``tc_context_scale`` and have no sentence block).
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
    # weight of the static embedding of the span's sentence (with the embedding block only);
    # 0 leaves it out
    "tc_context_scale": 0.5,
    # folds of the training articles for the candidate classifier's out-of-fold CRFs
    "cand_folds": 4,
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


#: The classifiers' training inputs: span features, labels, texts and sentences.
SpanData = tuple[list[list[str]], list[str], list[str], list[str]]


def classifier_data(feats: Sequence[DocFeatures], articles: Sequence[PtcArticle]) -> SpanData:
    """Span features, labels, texts and sentences of every gold span."""
    xs, ys, texts, sents = [], [], [], []
    for f, art in zip(feats, articles, strict=True):
        for sp, label in _gold_spans(art):
            xs.append(f.span_features(sp.start, sp.end))
            ys.append(label)
            texts.append(f.text[sp.start : sp.end])
            sents.append(f.span_sentence(sp.start, sp.end))
    return xs, ys, texts, sents


def _gold_spans(article: PtcArticle) -> list[tuple[PtcSpan, str]]:
    """The article's labelled, non-empty gold spans with their labels (what the classifier learns)."""
    return [(sp, sp.label) for sp in article.spans if sp.label is not None and sp.end > sp.start]


def train_classifier(
    feats: Sequence[DocFeatures], articles: Sequence[PtcArticle], params: dict | None = None
) -> TechniqueClassifier:
    """Fit the span classifier on the gold spans."""
    return _fit_classifier(*classifier_data(feats, articles), params)


def candidate_label(article: PtcArticle, start: int, end: int) -> str:
    """The label of the gold span that overlaps ``[start, end)`` most, or :data:`NONE_LABEL`."""
    best, label = 0, NONE_LABEL
    for sp in article.spans:
        overlap = min(end, sp.end) - max(start, sp.start)
        if sp.label is not None and overlap > best:
            best, label = overlap, sp.label
    return label


def out_of_fold_candidates(
    feats: Sequence[DocFeatures],
    articles: Sequence[PtcArticle],
    params: dict | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[tuple[int, int, int, str]]:
    """``(article index, start, end, label)`` of the spans a CRF proposes in articles it was not
    trained on: the articles are dealt into ``cand_folds`` folds, and a CRF trained on the
    others tags each fold (as :func:`~claimgraph.stages.techniques.propose` does at run time)."""
    from claimgraph.stages.techniques import propose

    p = {**DEFAULT_PARAMS, **(params or {})}
    k = int(p["cand_folds"])
    out = []
    with tempfile.TemporaryDirectory(prefix="claimgraph-crf-") as tmp:
        for fold in range(k):
            if progress:
                progress(f"candidate CRF {fold + 1}/{k}")
            fit = [i for i in range(len(articles)) if i % k != fold]
            path = Path(tmp) / f"crf{fold}.crfsuite"
            train_tagger([feats[i] for i in fit], [articles[i] for i in fit], path, params)
            tagger = SpanTagger(path)
            for i in range(fold, len(articles), k):
                for c in propose(feats[i].doc, feats[i], tagger, tagger.labels):
                    out.append((i, c.start, c.end, candidate_label(articles[i], c.start, c.end)))
    return out


def train_candidate_classifier(
    feats: Sequence[DocFeatures],
    articles: Sequence[PtcArticle],
    params: dict | None = None,
    progress: Callable[[str], None] | None = None,
    gold: SpanData | None = None,
) -> TechniqueClassifier:
    """Fit the candidate classifier on the gold spans and the out-of-fold CRF candidates
    (those overlapping no gold span labelled :data:`NONE_LABEL`); ``gold``: the gold spans'
    :func:`classifier_data`, when already computed."""
    gold_xs, gold_ys, gold_texts, gold_sents = gold or classifier_data(feats, articles)
    xs, ys, texts, sents = list(gold_xs), list(gold_ys), list(gold_texts), list(gold_sents)
    for i, start, end, label in out_of_fold_candidates(feats, articles, params, progress):
        xs.append(feats[i].span_features(start, end))
        ys.append(label)
        texts.append(feats[i].text[start:end])
        sents.append(feats[i].span_sentence(start, end))
    return _fit_classifier(xs, ys, texts, sents, params)


def _fit_classifier(
    xs: list[list[str]], ys: list[str], texts: list[str], sents: list[str], params: dict | None
) -> TechniqueClassifier:
    """Logistic regression over the hashed span features and, when ``tc_embedding_scale`` is
    set, the spans' static embeddings (and, with ``tc_context_scale``, their sentences')."""
    p = {**DEFAULT_PARAMS, **(params or {})}
    labels = sorted(set(ys))
    clf = TechniqueClassifier(
        np.zeros((len(labels), 1)), np.zeros(len(labels)), labels, int(p["tc_features"])
    )
    x = clf.matrix(xs)
    scale = float(p["tc_embedding_scale"])
    if scale:
        from scipy.sparse import csr_matrix, hstack

        from claimgraph.embeddings.static import embedding_fingerprint

        clf.emb_scale = scale
        blocks = [x, csr_matrix(clf.embedding(texts))]
        clf.ctx_scale = float(p["tc_context_scale"])
        if clf.ctx_scale:
            blocks.append(csr_matrix(clf.context_embedding(sents)))
        x = hstack(blocks).tocsr()
        clf.fingerprint = embedding_fingerprint()
    model = LogisticRegression(C=float(p["tc_C"]), max_iter=3000)
    model.fit(x, ys)
    n = clf.hasher.n_features
    clf.coef = model.coef_[:, :n].astype(np.float32)
    dim = (model.coef_.shape[1] - n) // (2 if scale and clf.ctx_scale else 1)
    clf.emb_coef = model.coef_[:, n : n + dim].astype(np.float32) if scale else None
    clf.ctx_coef = model.coef_[:, n + dim :].astype(np.float32) if scale and clf.ctx_scale else None
    clf.intercept = model.intercept_.astype(np.float32)
    clf.labels = [str(c) for c in model.classes_]
    return clf


def train_models(
    feats: Sequence[DocFeatures],
    articles: Sequence[PtcArticle],
    out_dir: Path,
    params: dict | None = None,
    meta: dict | None = None,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Train the CRF and both classifiers and write them, with a metadata file, into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    train_tagger(feats, articles, out_dir / TAGGER_FILE, params)
    gold = classifier_data(feats, articles)  # the gold spans' inputs, read once for both classifiers
    _fit_classifier(*gold, params).save(out_dir / CLASSIFIER_FILE)
    train_candidate_classifier(feats, articles, params, progress, gold).save(out_dir / CANDIDATE_FILE)
    info = {"params": {**DEFAULT_PARAMS, **(params or {})}, **(meta or {})}
    (out_dir / META_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def train_techniques(
    data: Path,
    out: Path | None = None,
    *,
    holdout: bool = False,
    fold: int = 0,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> tuple[Path, int]:
    """Parse the PTC folder ``data`` (cached), leave fifth ``fold`` out when ``holdout``, train
    the models into ``out`` (default: the shipped models folder); return it and the number of
    training articles."""
    articles, docs = _parse_as_written(data, workers)
    keep = set(split_articles([a.id for a in articles], k=5, fold=fold)[0]) if holdout else None
    pairs = [(a, d) for a, d in zip(articles, docs, strict=True) if keep is None or a.id in keep]
    target = out or models.path()
    if progress:
        progress(f"training on {len(pairs)} articles (about 10 minutes)")
    train_models(
        [DocFeatures(d, headings=False) for _, d in pairs],  # PTC's text as written (see DocFeatures)
        [a for a, _ in pairs],
        target,
        meta={
            "trained_on": sorted(a.id for a, _ in pairs),
            "holdout": {"k": 5, "fold": fold} if holdout else None,
        },
        progress=progress,
    )
    return target, len(pairs)


def _parse_as_written(data: Path, workers: int = 1) -> tuple[list[PtcArticle], list]:
    """PTC parsed for training: without the line-break component (:mod:`claimgraph.nlp.lines`),
    which ends sentences at line breaks before the parser. The models learn PTC's sentences as
    the parser reads them (the features cut sequences at line breaks in any case); trained on
    the parse with the component, held-out fifth 0 fell from SI 0.436 / labelled span F1 0.259
    to 0.417 / 0.244, while a model trained without it scores the same on either parse
    (0.436 / 0.259; BENCHMARKS.md, issue 17, fourteenth session)."""
    from claimgraph.nlp import load_pipeline
    from claimgraph.nlp.lines import COMPONENT

    nlp = load_pipeline()
    if COMPONENT not in nlp.pipe_names:
        return parse_ptc(data, workers)
    with nlp.select_pipes(disable=[COMPONENT]):
        return parse_ptc(data, workers)


#: Inverse L2 strength of the calibration's logistic fit (a few hundred spans, 17 weights).
CALIBRATION_C = 1.0


def fit_calibration(
    raw: Sequence[float],
    labels: Sequence[str],
    contexts: Sequence[SpanContext],
    targets: Sequence[float],
    label_set: Sequence[str],
    info: dict | None = None,
) -> Calibration:
    """Fit the calibration on out-of-fold spans: a logistic regression whose target is each
    span's share of characters in a gold span of its label (a fractional target, fitted as
    one positive row weighted by it and one negative row weighted by the rest)."""
    x = calibration_inputs(raw, labels, contexts, label_set)
    t = np.clip(np.asarray(targets, dtype=np.float64), 0.0, 1.0)
    xx = np.vstack([x, x])
    yy = np.concatenate([np.ones(len(t)), np.zeros(len(t))])
    ww = np.concatenate([t, 1.0 - t])
    keep = ww > 0
    model = LogisticRegression(C=CALIBRATION_C, max_iter=2000)
    model.fit(xx[keep], yy[keep], sample_weight=ww[keep])
    return Calibration(
        list(label_set), model.coef_[0].astype(np.float64), float(model.intercept_[0]), info or {}
    )


def train_calibration(
    model_dir: Path | Sequence[Path], data: Path, out: Path | None = None, workers: int = 1
) -> tuple[Path, int, int]:
    """Fit the calibration on held-out models' spans in the PTC articles each did not see (one
    model, or several fifths pooled) and write it (default: the shipped models folder); return
    the path, articles and spans."""
    from claimgraph.eval.technique_scores import scored_spans
    from claimgraph.stages.techniques.calibration import CALIBRATION_FILE
    from claimgraph.stages.techniques.model import load_models

    dirs = [model_dir] if isinstance(model_dir, Path) else list(model_dir)
    articles, docs = parse_ptc(data, workers)
    spans, held, label_set = [], [], None
    for d in dirs:
        found = load_models(str(d))
        keep = held_out(articles, found.meta.get("trained_on", []))
        spans += scored_spans(articles, docs, keep, found)
        held.append((found.meta.get("holdout"), len(keep)))
        label_set = label_set or found.classifier.labels
    calibration = fit_calibration(
        [s.raw for s in spans],
        [s.label for s in spans],
        [s.context for s in spans],
        [s.target for s in spans],
        label_set or [],
        info={
            "fitted_on": {
                "model": held[0][0] if len(held) == 1 else [h for h, _ in held],
                "articles": sum(n for _, n in held),
                "spans": len(spans),
            }
        },
    )
    target = out or models.path(CALIBRATION_FILE)
    calibration.save(target)
    return target, sum(n for _, n in held), len(spans)
