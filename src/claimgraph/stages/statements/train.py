"""Fitting the attribution tagger on PolNeAR train (``claimgraph train statements``).

The CRF reads the features of :mod:`claimgraph.stages.statements.features`, one
sequence per paragraph block, with BIO labels read off the gold attributions; cue
lemmas often heading a gold cue are learnt beside it. Writes
``models/statements.crfsuite`` and its JSON sidecar.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from claimgraph.eval.polnear import holdout_names, load_split, parse_articles
from claimgraph.knowledge.cues import cue_lemmas
from claimgraph.stages.statements.features import DocView, block_features, blocks
from claimgraph.stages.statements.tagger import MODEL_NAME, ROLE_TAGS, clear_tagger_cache, default_model_dir

__all__ = ["gold_labels", "learn_cue_lemmas", "train_statements", "train_tagger"]


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
