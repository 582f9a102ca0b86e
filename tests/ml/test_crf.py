"""The numpy CRF (claimgraph.ml.crf) against python-crfsuite: the same labels and the same
marginals to the bit, on models trained here on constructed sequences and on the shipped ones."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from claimgraph import models
from claimgraph.errors import ModelError
from claimgraph.ml.crf import CrfModel

LABELS = ["O", "B-X", "I-X", "B-Y", "I-Y"]
#: attribute names with the awkward parts: a '|' and '=' inside, non-ASCII, near-duplicates
WORDS = ["w=a", "w=b|c", "w=b", "p=N", "p=V", "x==", "w=\u00e9t\u00e9", "bg=a|b|c", "s=Aa", "s=a"]


def _sequence(rng: random.Random, n: int) -> tuple[list[list[str]], list[str]]:
    xs, ys = [], []
    for _ in range(n):
        feats = ["b", *rng.sample(WORDS, rng.randint(1, 5))]
        if rng.random() < 0.2:
            feats.append(feats[-1])  # a feature twice in one token counts twice
        xs.append(feats)
        ys.append(rng.choice(LABELS))
    return xs, ys


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(7)
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(60):
        trainer.append(*_sequence(rng, rng.randint(1, 12)))
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 40})
    path = tmp_path_factory.mktemp("crf") / "toy.crfsuite"
    trainer.train(str(path))
    return path


def _same_as_crfsuite(path: Path, sequences: list[list[list[str]]]) -> int:
    """Assert labels and every marginal equal python-crfsuite's; the number of marginals compared."""
    model = CrfModel.load(path)
    ref = pycrfsuite.Tagger()
    ref.open(str(path))
    compared = 0
    for seq, got in zip(sequences, model.tag(sequences, marginals=True), strict=True):
        assert [model.labels[j] for j in got.labels] == ref.tag(seq)
        assert got.marginals is not None
        for t in range(len(seq)):
            for j, label in enumerate(model.labels):
                assert got.marginals[t, j] == ref.marginal(label, t)  # exactly, not approximately
                compared += 1
    return compared


def test_toy_model_reads_as_crfsuite_does(trained: Path) -> None:
    model = CrfModel.load(trained)
    info = pycrfsuite.Tagger()
    info.open(str(trained))
    meta = info.info()
    assert sorted(model.labels) == sorted(meta.labels)
    for (attr, label), weight in meta.state_features.items():
        assert model.state[model.rows[attr], model.label_index[label]] == pytest.approx(weight, abs=1e-6)
    for (src, dst), weight in meta.transitions.items():
        assert model.trans[model.label_index[src], model.label_index[dst]] == pytest.approx(weight, abs=1e-6)
    assert not model.state[model.unknown].any()


def test_toy_model_labels_and_marginals_equal_crfsuite(trained: Path) -> None:
    rng = random.Random(11)
    sequences = [_sequence(rng, n)[0] for n in [1, 1, 2, 5, 17, 3, 40, 9, 1, 8]]
    sequences.append([["b", "w=never-seen"], ["w=a", "unknown=1"], ["b"]])  # features the model lacks
    sequences.append([[]])  # a token without any feature
    assert _same_as_crfsuite(trained, sequences) > 0


def test_a_nul_ends_the_feature_as_in_crfsuite(trained: Path) -> None:
    model = CrfModel.load(trained)
    assert model.rows["w=a\x00trailing"] == model.rows["w=a"]
    assert model.rows["\x00w=a"] == model.unknown
    _same_as_crfsuite(trained, [[["b", "w=a\x00x"], ["p=N\x00", "s=a"]]])


def test_batches_do_not_change_results(trained: Path) -> None:
    model = CrfModel.load(trained)
    rng = random.Random(3)
    sequences = [_sequence(rng, rng.randint(1, 15))[0] for _ in range(12)]
    together = model.tag(sequences, marginals=True)
    for seq, got in zip(sequences, together, strict=True):
        (alone,) = model.tag([seq], marginals=True)
        assert alone.labels == got.labels
        assert alone.marginals is not None and got.marginals is not None
        assert np.array_equal(alone.marginals, got.marginals)


def test_sums_run_left_to_right() -> None:
    """The reductions the forward-backward relies on add slice after slice (no pairwise sum)."""
    rng = np.random.default_rng(5)
    for n in (1, 2, 7):
        x = rng.standard_normal((29, n, 29)) * 10.0 ** rng.integers(-9, 9, (29, n, 29))
        expected = x[0].copy()
        for k in range(1, len(x)):
            expected = expected + x[k]
        assert np.array_equal(np.add.reduce(x, axis=0), expected)


def test_not_a_model(tmp_path: Path) -> None:
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model at all, just some bytes of text")
    with pytest.raises(ModelError):
        CrfModel.load(bad)
    with pytest.raises(ModelError):
        CrfModel.load(tmp_path / "missing.crfsuite")


def test_empty_sequence_is_refused(trained: Path) -> None:
    model = CrfModel.load(trained)
    assert model.tag([]) == []
    with pytest.raises(ValueError):
        model.tag([[["b"]], []])


@pytest.mark.parametrize("name", ["statements.crfsuite", "techniques-crf.crfsuite"])
def test_shipped_models_equal_crfsuite(name: str) -> None:
    path = models.path() / name
    if not path.is_file():
        pytest.skip(f"{name} not installed")
    model = CrfModel.load(path)
    rng = random.Random(1)
    # attributes the model knows, drawn at random, and a few it does not
    known = list(model.rows)
    sequences = [[[*rng.sample(known, 30), "no-such-feature"] for _ in range(n)] for n in (1, 4, 25, 60, 2)]
    assert _same_as_crfsuite(path, sequences) > 0
