"""The CAMEO example scorer and ``claimgraph eval cameo``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import DataError
from claimgraph.eval.cameo import best_event, load_examples, score_cameo
from claimgraph.record import DocumentInfo, Record
from claimgraph.stages.events import events

# Sentences written for this test (the manual's examples are never copied into the repo).
ROWS = [
    {
        "name": "x",
        "code": "01",
        "goldstein": "0",
        "description": "NULL",
        "usage_notes": "NULL",
        "example": "NULL",
    },
    {
        "name": "x",
        "code": "042",
        "goldstein": "1.9",
        "description": "d",
        "usage_notes": "u",
        "example": "The foreign minister visited Hanoi on Monday. Note: one event.",
    },
    {
        "name": "x",
        "code": "163",
        "goldstein": "-8",
        "description": "d",
        "usage_notes": "u",
        "example": "The European Union imposed new sanctions on Iran, officials said.",
    },
    {
        "name": "x",
        "code": "1312",
        "goldstein": "-5.8",
        "description": "d",
        "usage_notes": "u",
        "example": "Beijing threatened to impose sanctions on Lithuania.",
    },
    {
        "name": "x",
        "code": "0841",
        "goldstein": "7",
        "description": "d",
        "usage_notes": "u",
        "example": "The weather was mild in the capital.",
    },
]


@pytest.fixture()
def eventtypes(tmp_path: Path) -> Path:
    path = tmp_path / "eventtypes.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    return path


def test_load_examples_skips_empty_and_strips_notes(eventtypes: Path) -> None:
    examples = load_examples(eventtypes)
    assert [e.code for e in examples] == ["042", "163", "1312", "0841"]
    assert examples[0].text == "The foreign minister visited Hanoi on Monday."


def test_load_examples_rejects_other_csv(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_examples(path)
    with pytest.raises(DataError):
        load_examples(tmp_path / "missing.csv")


def test_best_event_is_the_main_predicate(nlp) -> None:
    text = "Officials said the minister, who praised the deal, visited Hanoi."
    doc = nlp(text)
    evs = events(doc, Record(document=DocumentInfo(id="t", text=text)))
    assert {e.cameo for e in evs} >= {"051", "042"}
    best = best_event(doc, evs)
    assert best is not None and best.cameo == "042"
    assert best_event(doc, []) is None


def test_score(nlp, eventtypes: Path) -> None:
    score = score_cameo(nlp, load_examples(eventtypes), cache=False)
    assert score.n == 4 and score.with_event == 3
    assert score.code_correct == 3 and score.root_accuracy == 0.75
    assert score.per_root()["08"] == (0, 1)
    table = score.confusion_table()
    assert table.splitlines()[0].startswith("| gold \\ pred |") and "| 08 |" in table


def test_cli(eventtypes: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "cameo", "--data", str(eventtypes), "--no-cache", "--errors", "5"]
    )
    assert result.exit_code == 0, result.output
    assert "root accuracy: 0.750" in result.output and "code accuracy: 0.750" in result.output


def test_cli_bad_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "cameo", "--data", str(tmp_path / "none.csv")])
    assert result.exit_code == 2


@pytest.mark.data
def test_cameo_manual_targets(nlp, shared_data: Path) -> None:
    """The issue's targets on the CAMEO manual's example sentences (a development set)."""
    path = shared_data / "cameo" / "eventtypes.csv"
    if not path.exists():
        pytest.skip("cameo/eventtypes.csv not available")
    score = score_cameo(nlp, load_examples(path))
    assert score.n >= 280
    assert score.root_accuracy >= 0.70
    assert score.code_accuracy >= 0.45


def test_dyads_score_the_examples_plover_codes(nlp, eventtypes: Path, tmp_path: Path) -> None:
    import json

    from claimgraph.eval.cameo import load_dyads

    gold = [
        ("The European Union imposed new sanctions on Iran, officials said.", "IGO", "IRN"),
        ("Beijing threatened to impose sanctions on Lithuania.", "CHN", "LTU"),
        ("The foreign minister visited Hanoi on Monday.", "FRA", "VNM"),  # the sentence names no France
    ]
    path = tmp_path / "gsr.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(
                {
                    "id": str(i),
                    "text": t,
                    "event": "SANCTION",
                    "source": [{"code": s}],
                    "target": [{"code": g}],
                }
            )
            for i, (t, s, g) in enumerate(gold)
        ),
        encoding="utf-8",
    )
    score = score_cameo(nlp, load_examples(eventtypes), cache=False, dyads=load_dyads(path))
    assert (score.dyads, score.dyad_correct) == (3, 2)
    assert score.root_accuracy == 0.75  # the codes are scored without actors, as before
    result = CliRunner().invoke(
        app, ["eval", "cameo", "--data", str(eventtypes), "--no-cache", "--dyads", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert "dyad accuracy: 0.667  (2/3 examples" in result.output
