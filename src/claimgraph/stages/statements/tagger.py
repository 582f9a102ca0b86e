"""The CRF tagger of attribution roles (source, cue, content) and its training.

The model is a linear-chain CRF (python-crfsuite) over the features of
:mod:`claimgraph.stages.statements.features`, one sequence per paragraph block,
with BIO labels ``B-SRC I-SRC B-CUE I-CUE B-CON I-CON O``. It ships as
``claimgraph/models/statements.crfsuite`` with a small JSON sidecar listing
the cue lemmas learnt from the training data (added to the knowledge lexicon).

Retrain with ``claimgraph train statements --data ../shared/data/polnear/data``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from claimgraph import models
from claimgraph.errors import ModelError
from claimgraph.knowledge.cues import cue_lemmas
from claimgraph.settings import Settings
from claimgraph.stages.statements.features import DocView, block_features, blocks

__all__ = [
    "MODEL_NAME",
    "RoleSpan",
    "Tagger",
    "default_model_dir",
    "gold_labels",
    "learn_cue_lemmas",
    "load_tagger",
    "train_tagger",
]

MODEL_NAME = "statements"
ROLE_TAGS = {"source": "SRC", "cue": "CUE", "content": "CON"}
TAG_ROLES = {v: k for k, v in ROLE_TAGS.items()}


@dataclass
class RoleSpan:
    """A tagged span: role and token range ``[start, end)`` of the doc (block-local order kept)."""

    role: str
    start: int
    end: int
    block: int
    prob: float = 1.0


def default_model_dir() -> Path:
    """``CLAIMGRAPH_STATEMENTS_MODEL`` when set, else the package's ``models/`` folder."""
    return Settings.from_env().statements_model or models.path()


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
    _load_cached.cache_clear()
    return meta


class Tagger:
    """A loaded CRF model with its cue lemma set."""

    def __init__(self, model_dir: Path) -> None:
        import pycrfsuite

        path = model_dir / f"{MODEL_NAME}.crfsuite"
        if not path.is_file():
            raise ModelError(f"statements model not found at {path}: run `claimgraph train statements`")
        meta_path = model_dir / f"{MODEL_NAME}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        self.meta = meta
        self.lemmas = cue_lemmas() | frozenset(meta.get("learnt_cue_lemmas", []))
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def tag_view(self, doc: Doc) -> tuple[list[list[int]], list[RoleSpan], DocView]:
        """The blocks of ``doc``, the role spans tagged in them, and the :class:`DocView` it
        read (for reuse by later steps)."""
        bl = blocks(doc)
        view = DocView(doc, self.lemmas)
        spans: list[RoleSpan] = []
        for b_i, block in enumerate(bl):
            if not block:
                continue
            labels = self._tagger.tag(block_features(view, block))
            if all(lab == "O" for lab in labels):
                continue
            found = decode(block, labels, b_i)
            for sp in found:
                if sp.role == "cue":  # the tagger's confidence in the cue (mean marginal of its labels)
                    pos = [j for j, i in enumerate(block) if sp.start <= i < sp.end]
                    sp.prob = sum(self._tagger.marginal(labels[j], j) for j in pos) / len(pos)
            spans.extend(found)
        return bl, spans, view


def decode(block: list[int], labels: Sequence[str], b_i: int) -> list[RoleSpan]:
    """BIO labels → role spans (an I- after another role starts a new span)."""
    out: list[RoleSpan] = []
    cur: RoleSpan | None = None
    for i, lab in zip(block, labels, strict=True):
        if lab == "O":
            cur = None
            continue
        prefix, tag = lab.split("-", 1)
        role = TAG_ROLES[tag]
        if cur is not None and prefix == "I" and cur.role == role:
            cur.end = i + 1
        else:
            cur = RoleSpan(role, i, i + 1, b_i)
            out.append(cur)
    return out


@cache
def _load_cached(model_dir: str) -> Tagger:
    return Tagger(Path(model_dir))


def load_tagger(model_dir: Path | None = None) -> Tagger:
    """The tagger shipped with claimgraph (or from ``model_dir``), loaded once."""
    return _load_cached(str(model_dir or default_model_dir()))
