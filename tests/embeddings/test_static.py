"""The shipped static model, read without model2vec, encodes as Model2Vec's own model does."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from claimgraph.embeddings.static import StaticEmbedder, model_path

TEXTS = [
    "Pyongyang denied the reports, the ministry said.",
    "Kyiv accuses Tehran of new drone shipments. " * 200,  # past max_length: truncated alike
    "",
    "ﾟ∀ﾟ ✓ \u200b",  # nothing the vocabulary knows: a zero row
    "Same length one.",
    "Same length two.",  # rows of the same token count are averaged together
    "Zürich, São Paulo and Kraków; 2,500 troops — 40% of them.",
]


def test_the_own_reader_gives_model2vecs_embeddings():
    model2vec = pytest.importorskip("model2vec", reason="model2vec (the dev extra) compares the encoders")
    ours = StaticEmbedder.from_folder(model_path())
    theirs = model2vec.StaticModel.from_pretrained(str(model_path()))
    assert ours.config["normalize"] == theirs.normalize
    assert np.array_equal(ours.encode(TEXTS), theirs.encode(TEXTS))
    assert np.array_equal(ours.encode(TEXTS[:1]), theirs.encode(TEXTS[:1]))
    assert not ours.encode(TEXTS[3:4]).any()


def test_loading_imports_neither_model2vec_nor_the_hub_client():
    code = (
        "import sys; from claimgraph.embeddings.static import load_embedder; load_embedder(); "
        "print(sorted({'model2vec', 'huggingface_hub'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
