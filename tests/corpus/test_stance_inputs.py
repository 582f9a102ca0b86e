"""``claimgraph stance`` inputs and output: short rows, FIFOs and folders, formulas in the predictions."""

from __future__ import annotations

import csv
import io
import os
import signal

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.corpus.stance import read_pairs, write_predictions
from claimgraph.errors import DataError

BODIES = "Body ID,articleBody\n1,Seoul said Pyongyang shipped shells.\n"


@pytest.fixture()
def bodies(tmp_path):
    path = tmp_path / "bodies.csv"
    path.write_text(BODIES, encoding="utf-8")
    return path


def _stance(pairs, bodies, out):
    return CliRunner().invoke(app, ["stance", "--pairs", str(pairs), "--bodies", str(bodies), "-o", str(out)])


def _one_error_line(result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("content", "missing"),
    [
        ("Headline,Body ID\nShells were shipped,1\nA short row\n", "Body ID"),
        ("Body ID,Headline\n1,Shells were shipped\n1\n", "Headline"),
    ],
)
def test_a_short_row_is_one_line_naming_the_file_and_line(tmp_path, bodies, content, missing):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(content, encoding="utf-8")
    out = tmp_path / "pred.csv"
    _one_error_line(_stance(pairs, bodies, out), str(pairs), "line 3", missing)
    assert not out.exists()
    with pytest.raises(DataError, match="line 3"):
        read_pairs(pairs)


class _Alarm(Exception):
    pass


@pytest.fixture()
def no_hang():
    """Fail instead of hanging when something blocks (a FIFO opened without a writer)."""

    def ring(*_args):
        raise _Alarm("the command hung")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("which", ["pairs", "bodies"])
def test_a_fifo_is_refused_at_once(tmp_path, bodies, no_hang, which):
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("Headline,Body ID\nShells were shipped,1\n", encoding="utf-8")
    out = tmp_path / "pred.csv"
    result = _stance(fifo, bodies, out) if which == "pairs" else _stance(pairs, fifo, out)
    _one_error_line(result, str(fifo), "not a regular file", "FIFO")
    assert not out.exists()


def test_a_folder_is_refused(tmp_path, bodies):
    out = tmp_path / "pred.csv"
    _one_error_line(_stance(tmp_path, bodies, out), str(tmp_path), "not a regular file")


def test_predictions_csv_cells_are_never_formulas():
    buffer = io.StringIO()
    rows = [
        {"Headline": '=HYPERLINK("http://evil")', "Body ID": "-1"},
        {"Headline": "@SUM(A1)", "Body ID": "2"},
        {"Headline": "Plain", "Body ID": "3"},
    ]
    write_predictions(buffer, rows, ["agree", "unrelated", "discuss"])
    got = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [r["Headline"] for r in got] == ['\'=HYPERLINK("http://evil")', "'@SUM(A1)", "Plain"]
    assert [r["Body ID"] for r in got] == ["-1", "2", "3"]  # numbers stay numbers
