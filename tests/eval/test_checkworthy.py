"""Check-worthiness: the model round trip, the positive-class F1, and the dev figure."""

from __future__ import annotations

import pytest

from claimgraph.eval.checkworthy import binary_scores, evaluate, read_split
from claimgraph.stages.claims.checkworthiness import CheckWorthinessModel, score
from claimgraph.stages.claims.train import fit_checkworthiness

TEXTS = [
    "Unemployment fell to 3.5 percent last year.",
    "We spent 40 billion dollars on the program.",
    "Crime has doubled in our cities since 2010.",
    "Thank you all for coming tonight.",
    "Let me say something about that.",
    "I love this country.",
]
LABELS = [True, True, True, False, False, False]


def test_binary_scores_by_hand():
    s = binary_scores([True, True, False, False], [True, False, True, False])
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)


def test_model_round_trip(tmp_path):
    model = fit_checkworthiness(TEXTS, LABELS, c=10.0)
    path = tmp_path / "cw.npz"
    model.save(path)
    again = CheckWorthinessModel.load(path)
    assert again.score(TEXTS) == pytest.approx(model.score(TEXTS), abs=1e-3)
    assert model.score([]) == []


def test_shipped_model_ranks_a_factual_claim_above_small_talk():
    factual, chatter = score(
        [
            "Unemployment among young people doubled to 14 percent in 2023.",
            "Thank you so much, it's great to be here.",
        ]
    )
    assert 0.0 <= chatter < 0.5 < factual <= 1.0


@pytest.mark.data
def test_dev_f1_of_the_shipped_model(shared_data):
    from claimgraph.stages.claims.checkworthiness import load_model

    folder = shared_data / "checkworthy"
    assert len(read_split(folder, "dev")[0]) == 1032
    assert evaluate(load_model(), folder, "dev").f1 >= 0.8


@pytest.mark.data
def test_eval_checkworthy_command(shared_data):
    import json

    from typer.testing import CliRunner

    from claimgraph.cli import app

    result = CliRunner().invoke(
        app, ["eval", "checkworthy", "--data", str(shared_data / "checkworthy"), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["f1"] >= 0.8
