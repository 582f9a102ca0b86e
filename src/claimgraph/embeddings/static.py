"""The static sentence embedding every stage and the corpus share (numpy only at run time).

all-MiniLM-L6-v2 distilled with Model2Vec (Tulkens & van Dongen, 2024: token
embeddings of the transformer, PCA to 256 dimensions, SIF weighting), shipped in
``claimgraph/models/matching_static`` and rebuilt by ``claimgraph train matching``.
Claim matching compares these embeddings; the voice model and the technique
classifier read them as features.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from claimgraph import models
from claimgraph.errors import ModelError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

__all__ = [
    "MODEL_NAME",
    "StaticEmbedder",
    "embed",
    "embedding_fingerprint",
    "load_embedder",
    "model_path",
    "unit_rows",
]

#: Folder of the shipped static model inside ``claimgraph/models``.
MODEL_NAME = "matching_static"


def model_path() -> Path:
    """Where the shipped static model lives (``claimgraph/models/matching_static``)."""
    return models.path(MODEL_NAME)


@cache
def load_embedder(path: str | None = None) -> StaticEmbedder:
    """Load the static model once per process, offline."""
    where = Path(path) if path else model_path()
    if not (where / "model.safetensors").is_file():
        raise ModelError(
            f"claim matching model not found at {where}: reinstall claimgraph, or rebuild it with "
            "`claimgraph train matching` (needs the distillation extra, see its --help)"
        )
    try:
        return StaticEmbedder.from_folder(where)
    except Exception as exc:  # a broken or partial model folder
        raise ModelError(f"cannot load the claim matching model at {where}: {exc}") from exc


class StaticEmbedder:
    """A Model2Vec static model read from its folder, encoding as ``StaticModel.encode`` does.

    Model2Vec is a table lookup: a text's vector is the mean of its tokens' rows (unknown
    tokens dropped, at most ``max_length`` tokens, the text first cut to ``max_length`` times
    the median token length in characters), then scaled to unit length when the config says
    ``normalize``. Reading the folder with ``safetensors`` and ``tokenizers`` alone keeps the
    model2vec package (its Hub client, joblib, tqdm) out of the analysis: about a fifth of a
    second of every start. A test checks the vectors equal model2vec's own.
    """

    def __init__(
        self,
        vectors: np.ndarray,
        tokenizer: Tokenizer,
        config: dict[str, Any],
        weights: np.ndarray | None = None,
        mapping: np.ndarray | None = None,
    ) -> None:
        self.vectors = vectors
        self.weights = weights
        self.mapping = mapping
        self.config = config
        self.normalize = bool(config.get("normalize", False))
        self.max_length: int | None = config.get("max_length", 512)
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        if self.max_length is not None:
            self.tokenizer.enable_truncation(self.max_length)
        else:
            self.tokenizer.no_truncation()
        unk = getattr(tokenizer.model, "unk_token", None)
        self.unk_id: int | None = tokenizer.token_to_id(unk) if unk else None
        self._cut: int | None = None

    @classmethod
    def from_folder(cls, where: Path) -> StaticEmbedder:
        """The model in a local Model2Vec folder (``model.safetensors``, ``tokenizer.json``,
        ``config.json``)."""
        import json

        import safetensors
        from tokenizers import Tokenizer

        with safetensors.safe_open(str(where / "model.safetensors"), framework="numpy") as tensors:
            names = set(tensors.keys())
            vectors = tensors.get_tensor("embeddings")
            weights = tensors.get_tensor("weights") if "weights" in names else None
            mapping = tensors.get_tensor("mapping") if "mapping" in names else None
        config = json.loads((where / "config.json").read_text(encoding="utf-8"))
        return cls(vectors, Tokenizer.from_file(str(where / "tokenizer.json")), config, weights, mapping)

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def _cut_chars(self) -> int | None:
        """Texts are cut to this many characters before tokenising (Model2Vec's rule)."""
        if self.max_length is None:
            return None
        if self._cut is None:
            lengths = [len(token) for token in self.tokenizer.get_vocab(with_added_tokens=True)]
            self._cut = self.max_length * int(np.median(lengths))
        return self._cut

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's token ids, unknown tokens left out."""
        if self.max_length is not None and any(len(t) > self.max_length for t in texts):
            cut = self._cut_chars()
            texts = [t[:cut] for t in texts]
        encodings = self.tokenizer.encode_batch_fast(list(texts), add_special_tokens=False)
        if self.unk_id is None:
            return [e.ids for e in encodings]
        return [[i for i in e.ids if i != self.unk_id] for e in encodings]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text (zeros for a text without known tokens), in the model's dtype."""
        ids = self.token_ids(texts)
        dtype = np.dtype(np.float32) if self.vectors.dtype == np.int8 else self.vectors.dtype
        out = np.zeros((len(ids), self.dim), dtype=dtype)
        if self.mapping is None and self.weights is None:
            by_length: dict[int, list[int]] = {}
            for i, row in enumerate(ids):
                if row:
                    by_length.setdefault(len(row), []).append(i)
            for rows in by_length.values():
                out[rows] = self.vectors[np.array([ids[i] for i in rows], dtype=np.int64)].mean(axis=1)
        else:
            for i, row in enumerate(ids):
                if row:
                    looked_up = self.vectors[row if self.mapping is None else self.mapping[row]]
                    if self.weights is not None:
                        looked_up = looked_up * self.weights[row][:, None]
                    out[i] = looked_up.mean(axis=0)
        if self.normalize:
            wide = out.astype(np.float32)
            return (wide / (np.linalg.norm(wide, axis=1, keepdims=True) + 1e-32)).astype(out.dtype)
        return out


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
