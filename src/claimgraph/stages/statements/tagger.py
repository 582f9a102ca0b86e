"""The CRF tagger of attribution roles (source, cue, content); its fitting is in ``train.py``.

The model is a linear-chain CRF (python-crfsuite) over the features of
:mod:`claimgraph.stages.statements.features`, one sequence per paragraph block,
with BIO labels ``B-SRC I-SRC B-CUE I-CUE B-CON I-CON O``. It ships as
``claimgraph/models/statements.crfsuite`` with a small JSON sidecar listing
the cue lemmas learnt from the training data (added to the knowledge lexicon).

Retrain with ``claimgraph train statements --data ../shared/data/polnear/data``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from claimgraph import models
from claimgraph.errors import ModelError
from claimgraph.knowledge.cues import cue_lemmas
from claimgraph.ml.crf import CrfModel
from claimgraph.settings import Settings
from claimgraph.stages.statements.features import DocView, FeatureRows, block_features, block_rows, blocks

__all__ = [
    "MODEL_NAME",
    "RoleSpan",
    "Tagger",
    "clear_tagger_cache",
    "default_model_dir",
    "load_tagger",
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


class Tagger:
    """A loaded CRF model with its cue lemma set.

    The model is CRFsuite's file, scored by :class:`claimgraph.ml.crf.CrfModel` (labels and
    marginals as python-crfsuite's ``Tagger`` gives them) on the rows :func:`block_rows`
    looks up by template and value, without building the feature strings."""

    def __init__(self, model_dir: Path) -> None:
        path = model_dir / f"{MODEL_NAME}.crfsuite"
        if not path.is_file():
            raise ModelError(f"statements model not found at {path}: run `claimgraph train statements`")
        meta_path = model_dir / f"{MODEL_NAME}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        self.meta = meta
        self.lemmas = cue_lemmas() | frozenset(meta.get("learnt_cue_lemmas", []))
        self.model_path = path
        self.model = CrfModel.load(path)
        self.rows = FeatureRows(self.model.rows, self.model.unknown)

    def slots(self, view: DocView, doc_blocks: list[list[int]]) -> np.ndarray:
        """The model rows of the blocks' token features (:func:`block_rows`; from the feature
        strings when the text holds a NUL, which CRFsuite reads as the end of a feature)."""
        if any("\x00" in t for t in view.text):
            return self.model.slots([block_features(view, b) for b in doc_blocks])
        return block_rows(view, doc_blocks, self.rows)

    def tag_view(self, doc: Doc) -> tuple[list[list[int]], list[RoleSpan], DocView]:
        """The blocks of ``doc``, the role spans tagged in them, and the :class:`DocView` it
        read (for reuse by later steps)."""
        bl = blocks(doc)
        view = DocView(doc, self.lemmas)
        spans: list[RoleSpan] = []
        kept = [b_i for b_i, block in enumerate(bl) if block]
        if not kept:
            return bl, spans, view
        model = self.model
        lengths = [len(bl[b_i]) for b_i in kept]
        scores = model.state_scores(self.slots(view, [bl[b_i] for b_i in kept]), lengths)
        names = model.labels
        found_in: list[tuple[int, list[str], list[RoleSpan]]] = []
        for k, (b_i, path) in enumerate(zip(kept, model.best_paths(scores, lengths), strict=True)):
            labels = [names[j] for j in path]
            if all(lab == "O" for lab in labels):
                continue
            found_in.append((k, labels, decode(bl[b_i], labels, b_i)))
        # the tagger's confidence in a cue: the mean marginal of its labels
        with_cue = [k for k, _, found in found_in if any(sp.role == "cue" for sp in found)]
        probs = dict(
            zip(with_cue, model.marginals(scores[with_cue], [lengths[k] for k in with_cue]), strict=True)
        )
        index = model.label_index
        for k, labels, found in found_in:
            block = bl[kept[k]]
            for sp in found:
                if sp.role == "cue":
                    marg = probs[k]
                    pos = [j for j, i in enumerate(block) if sp.start <= i < sp.end]
                    sp.prob = sum(float(marg[j, index[labels[j]]]) for j in pos) / len(pos)
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


def clear_tagger_cache() -> None:
    """Forget loaded taggers (after training writes a new model)."""
    _load_cached.cache_clear()


def load_tagger(model_dir: Path | None = None) -> Tagger:
    """The tagger shipped with claimgraph (or from ``model_dir``), loaded once."""
    return _load_cached(str(model_dir or default_model_dir()))
