"""Fitting the attribution tagger on PolNeAR train (``claimgraph train statements``).

The CRF reads the features of :mod:`claimgraph.stages.statements.features`, one
sequence per paragraph block, with BIO labels read off the gold attributions; cue
lemmas often heading a gold cue are learnt beside it. Writes
``models/statements.crfsuite`` and its JSON sidecar.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.tokens import Doc

from claimgraph.eval.polnear import holdout_names, load_split, parse_articles
from claimgraph.knowledge.cues import cue_lemmas
from claimgraph.stages.statements.features import DocView, block_features, blocks
from claimgraph.stages.statements.group import RawStatement, classify
from claimgraph.stages.statements.stance import (
    STANCE_CLASSES,
    StanceModel,
    content_text,
    stance_features,
)
from claimgraph.stages.statements.stance import load_stance_model as _load_stance_model
from claimgraph.stages.statements.stance import model_path as stance_model_path
from claimgraph.stages.statements.tagger import MODEL_NAME, ROLE_TAGS, clear_tagger_cache, default_model_dir

if TYPE_CHECKING:
    from claimgraph.eval.stances import GoldStatement, StanceArticle

__all__ = [
    "STANCE_GRID",
    "TRAIN_SPLITS",
    "StanceExample",
    "StanceSettings",
    "cross_validate_stance",
    "fit_stance",
    "gold_labels",
    "held_out_scores",
    "learn_cue_lemmas",
    "stance_examples",
    "stance_scores",
    "train_stances",
    "train_statements",
    "train_tagger",
]


def clear_stance_cache() -> None:
    """Forget the loaded stance model (after writing a new one)."""
    _load_stance_model.cache_clear()


def _char_roles(n: int, attributions: Sequence[object]) -> tuple[list[str | None], list[int]]:
    roles: list[str | None] = [None] * n
    frag_ids: list[int] = [-1] * n
    fid = 0
    for att in attributions:
        for role in ("source", "cue", "content"):
            for s, e in getattr(att, role):
                fid += 1
                for c in range(max(0, s), min(n, e)):
                    roles[c] = role
                    frag_ids[c] = fid
    return roles, frag_ids


def gold_labels(doc: Doc, block: list[int], attributions: Sequence[object]) -> list[str]:
    """BIO labels of a block from gold attributions (objects with source/cue/content fragments)."""
    roles, frag_ids = _gold_cache(doc, attributions)
    labels: list[str] = []
    prev_fid = -1
    for i in block:
        tok = doc[i]
        # the role at the token's first character, else at its last
        c = tok.idx
        if roles[c] is None:
            c = tok.idx + len(tok.text) - 1
        role, fid = roles[c], frag_ids[c]
        if role is None:
            labels.append("O")
            prev_fid = -1
            continue
        tag = ROLE_TAGS[role]
        labels.append(("I-" if fid == prev_fid else "B-") + tag)
        prev_fid = fid
    return labels


#: The last document's character roles, with the doc and attributions they were read from (kept,
#: so an identity check cannot match a new object that reuses a freed one's id).
_GOLD: list[tuple[Doc, Sequence[object], tuple[list[str | None], list[int]]]] = []


def _gold_cache(doc: Doc, attributions: Sequence[object]) -> tuple[list[str | None], list[int]]:
    """Character roles of a document's gold attributions (one document remembered: the
    blocks of a document are labelled one after another)."""
    if not _GOLD or _GOLD[0][0] is not doc or _GOLD[0][1] is not attributions:
        _GOLD[:] = [(doc, attributions, _char_roles(len(doc.text) + 1, attributions))]
    return _GOLD[0][2]


def learn_cue_lemmas(
    docs: Sequence[Doc], golds: Sequence[Sequence[Any]], min_count: int = 3, min_ratio: float = 0.15
) -> list[str]:
    """Lemmas often heading a gold cue (beyond the knowledge lexicon)."""
    as_cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc, atts in zip(docs, golds, strict=True):
        for tok in doc:
            if tok.pos_ in {"VERB", "NOUN", "ADP", "ADJ"}:
                total[tok.lemma_.lower()] += 1
        for att in atts:
            for s, e in att.cue:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                heads = [t for t in span if t.pos_ in {"VERB", "NOUN", "ADP", "ADJ"}]
                if heads:
                    as_cue[span.root.lemma_.lower() if span.root in heads else heads[-1].lemma_.lower()] += 1
    base = cue_lemmas()
    out = [
        lm
        for lm, c in as_cue.items()
        if c >= min_count and c / max(total[lm], 1) >= min_ratio and lm not in base and lm.isalpha()
    ]
    return sorted(out)


def train_tagger(
    docs: Sequence[Doc],
    golds: Sequence[Sequence[object]],
    out_dir: Path,
    *,
    c1: float = 0.05,
    c2: float = 2.5,
    max_iterations: int = 150,
    log: Callable[[str], None] = print,
) -> dict[str, object]:
    """Train the CRF on parsed docs and their gold attributions; write the model files."""
    import pycrfsuite

    t0 = time.time()
    learnt = learn_cue_lemmas(docs, golds)
    lemmas = cue_lemmas() | frozenset(learnt)
    log(f"cue lemmas: {len(lemmas)} ({len(learnt)} learnt from the data)")
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tok = 0
    for doc, atts in zip(docs, golds, strict=True):
        view = DocView(doc, lemmas)
        for block in blocks(doc):
            trainer.append(block_features(view, block), gold_labels(doc, block, atts))
            n_tok += len(block)
    log(f"features for {n_tok:,} tokens in {time.time() - t0:.0f}s; training…")
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / f"{MODEL_NAME}.crfsuite"
    tmp = model_path.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(model_path)
    meta = {
        "model": MODEL_NAME,
        "trained_on": f"PolNeAR train ({len(docs)} articles, first annotator)",
        "tokens": n_tok,
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "learnt_cue_lemmas": learnt,
        "seconds": round(time.time() - t0, 1),
    }
    (out_dir / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    log(f"model written to {model_path} ({model_path.stat().st_size / 1e6:.1f} MB) in {meta['seconds']}s")
    clear_tagger_cache()
    return meta


def train_statements(
    data: Path,
    out: Path | None = None,
    *,
    holdout: bool = False,
    c1: float = 0.05,
    c2: float = 2.5,
    iterations: int = 150,
    workers: int = 1,
    log: Callable[[str], None] = print,
) -> dict[str, object]:
    """Parse PolNeAR train (cached), leave the development tenth out when ``holdout``, train
    the tagger and write it to ``out`` (default: the shipped models folder)."""
    articles = load_split(data, "train")
    docs = parse_articles(articles, "polnear-train", workers)
    keep = set(holdout_names(data)[0]) if holdout else None
    pairs = [(a, d) for a, d in zip(articles, docs, strict=True) if keep is None or a.name in keep]
    return train_tagger(
        [d for _, d in pairs],
        [a.attributions for a, _ in pairs],
        out or default_model_dir(),
        c1=c1,
        c2=c2,
        max_iterations=iterations,
        log=log,
    )


# -- the learnt statement stance (``claimgraph train stances``) ------------------------------
@dataclass
class StanceExample:
    """One labelled attribution: its features, the text its embedding reads, its document."""

    features: dict[str, float]
    text: str
    stance: str
    document: str
    #: True: the pipeline's own attribution matched to a gold statement (what the scorer
    #: measures); False: an attribution built from the gold speaker, cue and content spans
    found: bool


def stance_examples(articles: Sequence[StanceArticle], docs: Sequence[Doc]) -> list[StanceExample]:
    """Examples of the labelled statements of ``articles`` (parsed as ``docs``).

    Each gold statement gives the attribution the pipeline finds over it (matched as
    ``claimgraph eval stances`` matches them), and an attribution built from its own gold
    spans; passages labelled ``none`` give none.
    """
    from claimgraph.eval.stances import best_match
    from claimgraph.stages.statements import content_extent, kept_statements, raw_statements

    out: list[StanceExample] = []
    for art, doc in zip(articles, docs, strict=True):
        text = doc.text
        name = f"{art.corpus}/{art.path}"
        kept = kept_statements(doc, raw_statements(doc), learnt=False)
        feats = {id(a): (stance_features(doc, a, text), content_text(text, a)) for a in kept}
        extents = [content_extent(text, a) for a in kept]
        for gold in art.statements:
            if gold.stance not in STANCE_CLASSES:
                continue
            i = best_match(gold.content, extents)
            if i is not None:
                f, words = feats[id(kept[i])]
                out.append(StanceExample(f, words, gold.stance, name, True))
            att = _gold_attribution(doc, gold)
            if att is not None:
                out.append(
                    StanceExample(
                        stance_features(doc, att, text), content_text(text, att), gold.stance, name, False
                    )
                )
    return out


def _gold_attribution(doc: Doc, gold: GoldStatement) -> RawStatement | None:
    """An attribution made of a gold statement's spans, read by the rules (kind, cue, stance)."""
    att = RawStatement(content=[gold.content], origin="gold")
    if gold.cue is not None:
        att.cue = [gold.cue]
        span = doc.char_span(gold.cue[0], gold.cue[1], alignment_mode="expand")
        if span is not None:
            att.cue_lemma = span.root.lemma_.lower()
    if gold.speaker is not None:
        att.source = [gold.speaker]
    if doc.char_span(gold.content[0], gold.content[1], alignment_mode="expand") is None:
        return None
    return classify(doc, att, doc.text)


@dataclass(frozen=True)
class StanceSettings:
    """What cross-validation chooses: L2 strength, the embedding block's weight, whether the
    attributions built from gold spans join the training examples."""

    c: float = 1.0
    embedding_weight: float = 1.0
    gold_spans: bool = True
    #: class weights (n / (k · count)) ** power: 1 is "balanced", 0 no weighting
    class_weight_power: float = 1.0


def _vocabulary(examples: Sequence[StanceExample], min_count: int = 2) -> tuple[str, ...]:
    counts: Counter[str] = Counter(n for ex in examples for n in ex.features)
    return tuple(sorted(n for n, c in counts.items() if c >= min_count))


def fit_stance(
    examples: Sequence[StanceExample], embeddings: np.ndarray | None, settings: StanceSettings
) -> StanceModel:
    """A class-weighted multinomial logistic regression over the examples (rows of
    ``embeddings`` align with ``examples``; None: features alone)."""
    from sklearn.linear_model import LogisticRegression

    rows = [i for i, ex in enumerate(examples) if ex.found or settings.gold_spans]
    chosen = [examples[i] for i in rows]
    names = _vocabulary(chosen)
    index = {n: j for j, n in enumerate(names)}
    x = np.zeros((len(chosen), len(names)))
    for r, ex in enumerate(chosen):
        for n, v in ex.features.items():
            if n in index:
                x[r, index[n]] = v
    w = settings.embedding_weight
    use_emb = embeddings is not None and w > 0
    if use_emb:
        assert embeddings is not None
        x = np.hstack([x, w * embeddings[rows]])
    y = np.array([ex.stance for ex in chosen])
    labels, counts = np.unique(y, return_counts=True)
    weights = {
        str(c): (len(y) / (len(labels) * n)) ** settings.class_weight_power
        for c, n in zip(labels, counts, strict=True)
    }
    clf = LogisticRegression(C=settings.c, max_iter=5000, class_weight=weights)
    clf.fit(x, y)
    order = [list(clf.classes_).index(c) for c in STANCE_CLASSES if c in clf.classes_]
    coef = clf.coef_[order]
    k = len(names)
    return StanceModel(
        classes=tuple(str(clf.classes_[i]) for i in order),
        names=names,
        coef=coef[:, :k],
        intercept=clf.intercept_[order],
        emb_coef=coef[:, k:] * w if use_emb else None,
        meta={
            "c": settings.c,
            "embedding_weight": w if use_emb else 0.0,
            "gold_spans": settings.gold_spans,
            "class_weight_power": settings.class_weight_power,
        },
    )


def stance_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Per-class P/R/F1, macro-F1 and the confusion counts (as ``claimgraph eval stances``)."""
    from claimgraph.eval.stances import StanceScores

    scores = StanceScores(gold=len(gold), matched=len(gold))
    scores.confusion.update(zip(gold, predicted, strict=True))
    return scores.as_dict()


def cross_validate_stance(
    examples: Sequence[StanceExample],
    embeddings: np.ndarray | None,
    settings: StanceSettings,
    folds: int = 5,
    repeats: int = 1,
    always: frozenset[str] = frozenset(),
    parts: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, Any]:
    """Document-grouped k-fold: out-of-fold stances of the pipeline's own attributions (the
    examples ``claimgraph eval stances`` scores), fitted on the other documents' examples.
    With ``repeats`` > 1 the folds are drawn again (documents shuffled with seeds 1, 2, …)
    and the scores are over the out-of-fold stances of every repeat pooled: one fold
    assignment of 50 documents moves macro-F1 by ±0.02. The documents in ``always`` (extra
    training data) are in every fold's training part and never scored. ``parts`` names sets of
    documents whose out-of-fold stances are also scored apart (under ``"parts"``)."""
    docs = sorted({ex.document for ex in examples} - always)
    scored: list[tuple[str, str, str]] = []  # (document, gold, predicted)
    for repeat in range(repeats):
        order = docs if repeat == 0 else random.Random(repeat).sample(docs, len(docs))
        fold_of = {d: i % folds for i, d in enumerate(order)}
        for k in range(folds):
            train = [i for i, ex in enumerate(examples) if fold_of.get(ex.document, -1) != k]
            test = [i for i, ex in enumerate(examples) if fold_of.get(ex.document, -1) == k and ex.found]
            model = fit_stance(
                [examples[i] for i in train], None if embeddings is None else embeddings[train], settings
            )
            for i in test:
                emb = None if embeddings is None else embeddings[i]
                scored.append(
                    (examples[i].document, examples[i].stance, model.decide(examples[i].features, emb))
                )
    result = stance_scores([g for _, g, _ in scored], [p for *_, p in scored])
    if parts:
        result["parts"] = {
            name: stance_scores(
                [g for d, g, _ in scored if d in part], [p for d, _, p in scored if d in part]
            )
            for name, part in parts.items()
        }
    return result


def held_out_scores(
    train: Sequence[StanceExample],
    train_embeddings: np.ndarray | None,
    test: Sequence[StanceExample],
    test_embeddings: np.ndarray | None,
    settings: StanceSettings,
) -> dict[str, Any]:
    """Scores on ``test``'s pipeline attributions of a model fitted on ``train`` alone."""
    model = fit_stance(train, train_embeddings, settings)
    rows = [i for i, ex in enumerate(test) if ex.found]
    gold = [test[i].stance for i in rows]
    pred = [
        model.decide(test[i].features, None if test_embeddings is None else test_embeddings[i]) for i in rows
    ]
    return stance_scores(gold, pred)


#: Fold assignments pooled in the cross-validation that chooses the settings.
CV_REPEATS = 4

#: The settings cross-validation compares (L2 strength × embedding weight). A wider grid run
#: before (C 0.3-3, embedding weight 0/1/2, with and without the gold-span examples) had every
#: setting without the embedding or with the gold-span examples lower (BENCHMARKS.md, issue 16).
STANCE_GRID: tuple[StanceSettings, ...] = tuple(
    StanceSettings(c, w, False) for c in (0.3, 1.0, 3.0) for w in (1.0, 2.0)
)


#: The splits of the stance set the model is fitted on: ``dev`` and ``train2`` (330 more
#: statements labelled in 37 other documents, 2026-12-04).
TRAIN_SPLITS = ("dev", "train2")


def train_stances(
    labels: Path,
    data: Path,
    out: Path | None = None,
    *,
    grid: Sequence[StanceSettings] = STANCE_GRID,
    splits: Sequence[str] = TRAIN_SPLITS,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fit the statement stance model on the ``splits`` of the stance set; the settings with the
    best document-grouped cross-validated macro-F1 over all their documents are kept (each
    split's share of the out-of-fold stances is reported apart, and the first split's model is
    scored on the others as held-out data). Writes ``models/statements-stance.npz`` (or ``out``)
    and returns a summary."""
    from claimgraph.embeddings.static import embed, embedding_fingerprint
    from claimgraph.eval.stances import read_stances
    from claimgraph.nlp import load_pipeline

    t0 = time.time()
    nlp = load_pipeline()
    by_split: dict[str, list[StanceExample]] = {}
    n_docs = 0
    for split in splits:
        articles = read_stances(labels, data, split=split)
        by_split[split] = stance_examples(articles, list(nlp.pipe(a.text for a in articles)))
        n_docs += len(articles)
        found = sum(e.found for e in by_split[split])
        log(
            f"{split}: {len(by_split[split])} examples ({found} found by the pipeline)"
            f" in {len(articles)} documents"
        )
    examples = [e for split in splits for e in by_split[split]]
    embeddings = embed([e.text or "-" for e in examples])
    parts = {split: frozenset(e.document for e in by_split[split]) for split in splits}
    first = len(by_split[splits[0]])
    results = []
    for settings in grid:
        cv = cross_validate_stance(examples, embeddings, settings, repeats=CV_REPEATS, parts=parts)
        line = (
            f"C={settings.c} embedding={settings.embedding_weight} gold spans={settings.gold_spans}: "
            f"CV macro-F1 {cv['macro_f1']:.3f}, deny {_pr(cv)}"
        )
        for split in splits if len(splits) > 1 else ():
            line += f"; {split} part {cv['parts'][split]['macro_f1']:.3f} (deny {_pr(cv['parts'][split])})"
        if len(examples) > first:
            held = held_out_scores(
                examples[:first], embeddings[:first], examples[first:], embeddings[first:], settings
            )
            line += f"; fitted on {splits[0]} alone, the rest: {held['macro_f1']:.3f} (deny {_pr(held)})"
        log(line)
        results.append((cv["macro_f1"], settings, cv))
    best_f1, best, cv = max(results, key=lambda r: r[0])
    model = fit_stance(examples, embeddings, best)
    model.meta.update(
        {
            "trained_on": (
                f"stances_dev.tsv {'+'.join(splits)} ({n_docs} documents, {len(examples)} examples)"
            ),
            "embedding": embedding_fingerprint() if model.emb_coef is not None else None,
            "cv_macro_f1": best_f1,
            "cv": cv,
        }
    )
    target = out or stance_model_path()
    model.save(target)
    clear_stance_cache()
    log(f"wrote {target} ({target.stat().st_size / 1e3:.0f} kB) in {time.time() - t0:.0f}s")
    return {k: v for k, v in model.meta.items() if k != "cv"} | {"cv_per_class": cv["per_class"]}


def _pr(scores: Mapping[str, Any]) -> str:
    deny = scores["per_class"]["deny"]
    return f"P {deny['precision']:.3f} R {deny['recall']:.3f}"
