"""FNC-1 stance: exported trees, the shipped model and the ``claimgraph stance`` command."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.corpus.stance import LABELS, load_model, read_pairs
from claimgraph.ml.trees import TreeEnsemble


@pytest.mark.parametrize("n_classes", [2, 3])
def test_exported_trees_predict_like_sklearn(n_classes, tmp_path):
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 5))
    x[rng.random(x.shape) < 0.05] = np.nan  # missing values take the learnt side
    y = np.array(["a", "b", "c"])[(np.nan_to_num(x[:, 0]) > 0).astype(int) + (n_classes == 3) * (x[:, 1] > 1)]
    model = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(x, y)
    trees = TreeEnsemble.from_sklearn(model)
    np.testing.assert_allclose(trees.predict_proba(x), model.predict_proba(x), atol=1e-6)
    trees.save(tmp_path / "t.npz")
    with np.load(tmp_path / "t.npz") as data:
        again = TreeEnsemble.from_arrays(data, "")
    np.testing.assert_allclose(again.predict_proba(x), model.predict_proba(x), atol=1e-5)
    assert again.classes == trees.classes


HEADLINE = "North Korea shipped artillery shells to Russia, US says"
BODIES = {
    "1": (
        "The White House said on Friday that North Korea has shipped more than a thousand containers of "
        "artillery shells to Russia. A spokesman said the shipments were seen by satellites. "
        "Pyongyang has not commented."
    ),
    "2": (
        "The city council approved a new budget for public libraries on Tuesday. The mayor said "
        "opening hours would be extended on weekends, and that two branches would be renovated."
    ),
}


def _write(tmp_path, pairs, bodies):
    p, b = tmp_path / "stances.csv", tmp_path / "bodies.csv"
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "Body ID"])
        w.writerows(pairs)
    with open(b, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Body ID", "articleBody"])
        w.writerows(bodies.items())
    return p, b


def test_shipped_model_tells_related_from_unrelated(nlp):
    labels = load_model().predict(nlp, [HEADLINE, HEADLINE], [BODIES["1"], BODIES["2"]])
    assert labels[0] != "unrelated"
    assert labels[1] == "unrelated"


def test_stance_command_writes_fnc1_predictions(tmp_path):
    pairs, bodies = _write(tmp_path, [(HEADLINE, "1"), (HEADLINE, "2")], BODIES)
    out = tmp_path / "pred.csv"
    result = CliRunner().invoke(
        app, ["stance", "--pairs", str(pairs), "--bodies", str(bodies), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = read_pairs(out)
    assert [r["Body ID"] for r in rows] == ["1", "2"]
    assert all(r["Stance"] in LABELS for r in rows)
    assert rows[0]["Headline"] == HEADLINE


@pytest.mark.parametrize("problem", ["missing_body", "bad_columns"])
def test_stance_command_reports_bad_input_in_one_line(tmp_path, problem):
    if problem == "missing_body":
        pairs, bodies = _write(tmp_path, [(HEADLINE, "9")], BODIES)
    else:
        pairs, bodies = _write(tmp_path, [], BODIES)
        pairs.write_text("Title,Body\nx,1\n", encoding="utf-8")
    out = tmp_path / "pred.csv"
    result = CliRunner().invoke(
        app, ["stance", "--pairs", str(pairs), "--bodies", str(bodies), "--output", str(out)]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not out.exists()


def test_empty_and_blank_inputs_do_not_crash(nlp):
    assert load_model().predict(nlp, [], []) == []
    assert load_model().predict(nlp, ["", "Aliens landed"], ["", "..."]) == ["unrelated", "unrelated"]
