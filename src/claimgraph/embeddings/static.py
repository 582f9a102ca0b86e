"""The static sentence embedding every stage and the corpus share (numpy only at run time).

all-MiniLM-L6-v2 distilled with Model2Vec (Tulkens & van Dongen, 2024: token
embeddings of the transformer, PCA to 256 dimensions, SIF weighting), shipped in
``claimgraph/models/matching_static`` and rebuilt by ``claimgraph train matching``.
Claim matching compares these embeddings; the voice model and the technique
classifier read them as features.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from claimgraph import models
from claimgraph.errors import ModelError

__all__ = ["MODEL_NAME", "embed", "embedding_fingerprint", "load_embedder", "model_path", "unit_rows"]

#: Folder of the shipped static model inside ``claimgraph/models``.
MODEL_NAME = "matching_static"


def model_path() -> Path:
    """Where the shipped static model lives (``claimgraph/models/matching_static``)."""
    return models.path(MODEL_NAME)


@cache
def load_embedder(path: str | None = None):  # -> model2vec.StaticModel
    """Load the static model once per process, offline."""
    where = Path(path) if path else model_path()
    if not (where / "model.safetensors").is_file():
        raise ModelError(
            f"claim matching model not found at {where}: reinstall claimgraph, or rebuild it with "
            "`claimgraph train matching` (needs the distillation extra, see its --help)"
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return _from_folder(where)
    except Exception as exc:  # a broken or partial model folder
        raise ModelError(f"cannot load the claim matching model at {where}: {exc}") from exc


def _from_folder(where: Path):  # -> model2vec.StaticModel
    """The model in a local Model2Vec folder, read as ``StaticModel.from_pretrained`` reads it,
    without importing ``model2vec.persistence`` (which loads the Hugging Face Hub client: a
    second of start-up for a folder that is always local here)."""
    import json

    import safetensors
    from model2vec.model import StaticModel
    from tokenizers import Tokenizer

    with safetensors.safe_open(str(where / "model.safetensors"), framework="numpy") as tensors:
        names = set(tensors.keys())
        vectors = tensors.get_tensor("embeddings")
        weights = tensors.get_tensor("weights") if "weights" in names else None
        mapping = tensors.get_tensor("mapping") if "mapping" in names else None
    config = json.loads((where / "config.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(where / "tokenizer.json"))
    try:
        return StaticModel(
            vectors=vectors,
            tokenizer=tokenizer,
            config=config,
            normalize=config.get("normalize", False),
            weights=weights,
            token_mapping=mapping,
            max_length=config.get("max_length", 512),
        )
    except TypeError:  # an older model2vec whose constructor takes fewer arguments
        return StaticModel.from_pretrained(str(where))


@cache
def embedding_fingerprint() -> str | None:
    """Identity of the installed static embedding model (size of its weights + its config).

    Weights learnt over these embeddings (the voice model's, the technique
    classifier's) only fit the embedding model they were trained with; when this
    changes, those models leave the embedding out until retrained.
    """
    import hashlib

    folder = model_path()
    weights, config = folder / "model.safetensors", folder / "config.json"
    if not weights.is_file() or not config.is_file():
        return None
    digest = hashlib.sha1(config.read_bytes())
    digest.update(str(weights.stat().st_size).encode())
    return digest.hexdigest()[:16]


def embed(texts: Sequence[str], model_dir: str | None = None) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return unit_rows(np.asarray(load_embedder(model_dir).encode(list(texts)), dtype=np.float32))


def unit_rows(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (all-zero rows stay zero)."""
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)
