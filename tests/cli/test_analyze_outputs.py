"""``analyze``: several formats from one pass (``--output-dir``) and ``--resume``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimgraph.analyzer import Analyzer
from claimgraph.cli import app

runner = CliRunner()
TEXTS = {
    "a.txt": "Japan summoned the Russian ambassador on Tuesday. Moscow denied the reports.",
    "b.txt": "Seoul said Pyongyang fired two missiles, the ministry said.",
    "c.txt": "Beijing dismissed the accusations as groundless, a spokesman said.",
}


@pytest.fixture()
def folder(tmp_path):
    where = tmp_path / "in"
    where.mkdir()
    for name, text in TEXTS.items():
        (where / name).write_text(text, encoding="utf-8")
    return where


@pytest.fixture()
def analysed(monkeypatch):
    """The ids of the documents that reach the analyser."""
    seen: list[str] = []
    real_pipe = Analyzer.pipe

    def counting_pipe(self, documents, **kwargs):
        def passing(docs):
            for doc in docs:
                seen.append(doc.id)
                yield doc

        return real_pipe(self, passing(documents), **kwargs)

    monkeypatch.setattr(Analyzer, "pipe", counting_pipe)
    return seen


def test_several_formats_from_one_pass(tmp_path, folder, analysed):
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["analyze", str(folder), "-f", "jsonl,html,events-csv", "--output-dir", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "records.jsonl", "report.html"]
    assert sorted(analysed) == sorted(TEXTS)  # each document analysed once for three formats
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["document"]["id"] for line in lines] == sorted(TEXTS)
    assert (out / "events.csv").read_text(encoding="utf-8").startswith("document_id,")
    assert "Beijing dismissed" in (out / "report.html").read_text(encoding="utf-8")
    alone = runner.invoke(app, ["analyze", str(folder), "-f", "jsonl", "-o", str(tmp_path / "one.jsonl")])
    assert alone.exit_code == 0, alone.output
    assert (tmp_path / "one.jsonl").read_text(encoding="utf-8") == (out / "records.jsonl").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "jsonl,html"], "--output-dir"),
        (["-f", "jsonl,xml", "--output-dir", "{tmp}/o"], "unknown output format 'xml'"),
        (["-f", "jsonl", "-o", "{tmp}/a.jsonl", "--output-dir", "{tmp}/o"], "not both"),
        (["-f", "json", "-o", "{tmp}/a.json", "--resume"], "--resume"),
        (["--resume"], "--resume"),
    ],
)
def test_output_options_that_do_not_fit_are_one_line(tmp_path, folder, analysed, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, ["analyze", str(folder), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert analysed == []


def test_resume_appends_only_what_is_missing_and_mends_a_cut_line(tmp_path, folder, analysed):
    target = tmp_path / "records.jsonl"
    first = runner.invoke(
        app, ["analyze", str(folder / "a.txt"), str(folder / "b.txt"), "-f", "jsonl", "-o", str(target)]
    )
    assert first.exit_code == 0, first.output
    whole = target.read_text(encoding="utf-8")
    with open(target, "a", encoding="utf-8") as fh:
        fh.write('{"schema": "claimgraph.record/1", "document": {"id": "c.t')  # interrupted mid-line
    analysed.clear()
    again = runner.invoke(app, ["analyze", str(folder), "-f", "jsonl", "-o", str(target), "--resume"])
    assert again.exit_code == 0, again.output
    assert analysed == ["c.txt"]
    text = target.read_text(encoding="utf-8")
    assert text.startswith(whole)
    ids = [json.loads(line)["document"]["id"] for line in text.splitlines()]
    assert ids == ["a.txt", "b.txt", "c.txt"]
    analysed.clear()
    done = runner.invoke(app, ["analyze", str(folder), "-f", "jsonl", "-o", str(target), "--resume"])
    assert done.exit_code == 0, done.output
    assert analysed == []
    assert target.read_text(encoding="utf-8") == text


def test_resume_refuses_a_file_that_is_not_records(tmp_path, folder, analysed):
    target = tmp_path / "notes.jsonl"
    target.write_text('{"note": "mine"}\n', encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(folder), "-f", "jsonl", "-o", str(target), "--resume"])
    assert result.exit_code == 2
    assert "not a claimgraph record" in result.output
    assert target.read_text(encoding="utf-8") == '{"note": "mine"}\n'
    assert analysed == []
