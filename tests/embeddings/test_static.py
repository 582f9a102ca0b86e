"""The shipped static model, read without the Hugging Face Hub client, is Model2Vec's own model."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from claimgraph.embeddings.static import _from_folder, model_path

TEXTS = [
    "Pyongyang denied the reports, the ministry said.",
    "Kyiv accuses Tehran of new drone shipments. " * 200,  # past max_length: truncated alike
    "",
]


def test_the_folder_reader_gives_model2vecs_embeddings():
    from model2vec import StaticModel

    ours = _from_folder(model_path())
    theirs = StaticModel.from_pretrained(str(model_path()))
    assert ours.config == theirs.config
    assert np.array_equal(ours.encode(TEXTS), theirs.encode(TEXTS))


def test_loading_imports_no_hub_client():
    code = (
        "import sys; from claimgraph.embeddings.static import load_embedder; load_embedder(); "
        "print('huggingface_hub' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
