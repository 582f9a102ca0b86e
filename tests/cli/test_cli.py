"""The command line, called in-process: formats, output files, exit codes, bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

STORY = "Japan summoned the Russian ambassador on Tuesday. Moscow denied the reports, the ministry said."


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture()
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_json_output_is_one_record(runner, story):
    result = runner.invoke(app, ["analyze", str(story), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "claimgraph.record/1" and data["document"]["id"] == "story.txt"


def test_jsonl_output_has_a_record_per_document(runner, story, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Beijing dismissed the allegations as groundless.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(story), str(other), "-f", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["story.txt", "other.txt"]


def test_stdin_is_read_with_a_dash(runner):
    result = runner.invoke(app, ["analyze", "-", "-f", "json"], input=STORY)
    assert result.exit_code == 0 and json.loads(result.stdout)["document"]["id"] == "stdin"


def test_output_file_is_written(runner, story, tmp_path):
    out = tmp_path / "out" / "record.json"
    result = runner.invoke(app, ["analyze", str(story), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["document"]["text"] == STORY
    assert [p.name for p in out.parent.iterdir()] == ["record.json"]


def test_terminal_report_is_the_default(runner, story):
    result = runner.invoke(app, ["analyze", str(story)])
    assert result.exit_code == 0, result.output
    assert "story.txt" in result.stdout


def test_html_report_is_self_contained_and_escaped(runner, tmp_path):
    path = tmp_path / "xss.txt"
    path.write_text("Officials said <script>alert(1)</script> was found in Moscow.", encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["analyze", str(path), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "alert(1)&lt;/script&gt;" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


def test_events_csv_has_a_header(runner, story):
    result = runner.invoke(app, ["analyze", str(story), "-f", "events-csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].lower().startswith("document")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "has no text"), (b"   \n", "has no text"), (bytes(range(256)) * 8, "binary data")],
)
def test_a_single_bad_file_is_one_line_and_exit_2(runner, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_path_is_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_a_batch_reports_bad_documents_and_writes_the_others(runner, story, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Seoul accused Pyongyang."}\n{broken\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(story), str(bad), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.jsonl:2: invalid JSON" in result.stderr
    ids = [json.loads(line)["document"]["id"] for line in out.read_text().splitlines()]
    assert ids == ["story.txt", "ok"]


def test_too_large_document_is_refused(runner, story):
    result = runner.invoke(app, ["analyze", str(story), "--max-chars", "10"])
    assert result.exit_code == 2 and "over the limit" in result.stderr


def test_schema_prints_the_json_schema(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0 and json.loads(result.stdout)["$id"] == "claimgraph.record/1"


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path):
    from claimgraph.cli.common import atomic_write

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as fh:
        fh.write("half of the new cont")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_error_lines_print_brackets_as_written(capsys):
    # an install hint such as claimgraph[transformer] is text, not Rich markup
    from claimgraph.cli.common import report

    report('pip install "claimgraph[transformer]"')
    assert 'pip install "claimgraph[transformer]"' in capsys.readouterr().err


def test_min_score_leaves_out_low_technique_spans_in_every_format():
    sample = "examples/sample_article.html"
    everything = json.loads(
        CliRunner().invoke(app, ["analyze", sample, "-f", "json", "--min-score", "0"]).output
    )
    scores = sorted(t["score"] for t in everything["techniques"])
    assert scores, "the sample should have technique spans"
    cut = scores[len(scores) // 2]
    kept = [t for t in everything["techniques"] if t["score"] >= cut]
    for fmt in ("json", "jsonl"):
        out = CliRunner().invoke(app, ["analyze", sample, "-f", fmt, "--min-score", str(cut)])
        record = json.loads(out.output.splitlines()[0] if fmt == "jsonl" else out.output)
        assert record["techniques"] == kept
    html = CliRunner().invoke(app, ["analyze", sample, "-f", "html", "--min-score", "1"]).output
    low = CliRunner().invoke(app, ["analyze", sample, "-f", "html", "--min-score", "0"]).output
    assert len(html) < len(low)  # the spans are gone from the report too
    shown_all = CliRunner().invoke(app, ["analyze", sample, "--min-score", "0"]).output
    assert f"{len(scores)} techniques" in shown_all and "Technique spans" in shown_all
    terminal = CliRunner().invoke(app, ["analyze", sample, "--min-score", "1"]).output
    assert "Technique spans" not in terminal  # and from the terminal report
