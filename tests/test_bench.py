"""``claimgraph bench`` on a tiny folder: every run measured, figures consistent (no timing targets).

The measurements fork from this warm test process (``start="fork"``) so that the suite stays
fast; the command itself spawns, which also measures Python's and the pipeline's start-up.
"""

from __future__ import annotations

import json
from functools import partial

import pytest
from typer.testing import CliRunner

import claimgraph.bench
from claimgraph.bench import BenchReport, Measure, run_bench
from claimgraph.cli import app
from claimgraph.errors import InputError
from claimgraph.record import DocumentInfo

TEXTS = [
    "Japan summoned the Russian ambassador on Tuesday. Moscow denied the reports, the ministry said.",
    "Beijing dismissed the allegations as groundless, a spokesman said on Monday.",
    "The minister met his Turkish counterpart in Ankara to discuss the grain deal.",
]


@pytest.fixture(scope="module")
def warm(analyzer):
    """The pipeline, knowledge and models loaded once here, before forking."""
    analyzer.analyze(TEXTS[0])
    return analyzer


@pytest.fixture()
def folder(tmp_path, warm):
    for n, text in enumerate(TEXTS, start=1):
        (tmp_path / f"doc{n}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def _check(measure: Measure, documents: int, words: int) -> None:
    assert measure.documents == documents and measure.words == words
    assert 0 < measure.startup_s <= measure.wall_s
    assert measure.peak_rss_mb > 50  # a process holding a spaCy pipeline
    assert measure.failed == 0
    if measure.workers == 1:
        assert measure.warm_s is not None and measure.warm_s == pytest.approx(
            measure.wall_s - measure.startup_s
        )
        assert measure.warm_cpu_s is not None and measure.warm_cpu_s > 0
    else:  # three documents: too few for a steady rate (the first tenth is none of them)
        assert measure.warm_s is None and measure.warm_docs_per_s is None


def test_every_run_is_measured_on_the_same_documents(warm):
    documents = [DocumentInfo(id=f"d{n}", text=t) for n, t in enumerate(TEXTS)]
    words = sum(len(t.split()) for t in TEXTS)
    report = run_bench(documents, workers=2, settings=warm.settings, start="fork")
    assert [(m.kind, m.workers) for m in report.measures] == [
        ("parse", 1),
        ("analysis", 1),
        ("parse", 2),
        ("analysis", 2),
    ]
    for measure in report.measures:
        _check(measure, len(TEXTS), words)
    parse, analysis = report.get("parse", 1), report.get("analysis", 1)
    assert parse is not None and analysis is not None and parse.warm_s and analysis.warm_s
    assert report.ratio == pytest.approx(parse.warm_s / analysis.warm_s)
    assert parse.warm_cpu_s and analysis.warm_cpu_s
    assert report.cpu_ratio == pytest.approx(parse.warm_cpu_s / analysis.warm_cpu_s)
    many = report.get("analysis", 2)
    assert many is not None and report.speedup == pytest.approx(analysis.wall_s / many.wall_s)
    data = report.to_dict()
    assert data["documents"] == 3 and data["words"] == words and len(data["measures"]) == 4
    json.dumps(data)  # plain JSON


def test_no_documents_is_an_input_error():
    with pytest.raises(InputError):
        run_bench([])


def test_repeat_alternates_the_one_worker_runs_and_keeps_the_median(monkeypatch):
    calls: list[tuple[str, int]] = []
    warm = iter([3.0, 9.0, 1.0, 8.0, 2.0, 7.0])  # parse, analysis, parse, analysis, …

    def measured(kind, workers, settings, documents, *, start):
        calls.append((kind, workers))
        w = next(warm) if workers == 1 else 1.0
        return Measure(kind, workers, 1, 1, startup_s=1.0, wall_s=1.0 + w, warm_s=w, peak_rss_mb=1)

    monkeypatch.setattr(claimgraph.bench, "measure", measured)
    documents = [DocumentInfo(id="d", text="Text.")]
    report = run_bench(documents, workers=2, repeat=3)
    assert calls == [("parse", 1), ("analysis", 1)] * 3 + [("parse", 2), ("analysis", 2)]
    parse, analysis = report.get("parse", 1), report.get("analysis", 1)
    assert parse is not None and parse.warm_s == 2.0  # median of 3, 1, 2
    assert analysis is not None and analysis.warm_s == 8.0  # median of 9, 8, 7
    with pytest.raises(InputError):
        run_bench(documents, repeat=0)


def test_ratio_and_speedup_need_their_runs():
    one = Measure("analysis", 1, 10, 100, startup_s=1.0, wall_s=5.0, warm_s=4.0, peak_rss_mb=300)
    report = BenchReport(documents=10, words=100, workers=2, spacy_model="m", measures=[one])
    assert report.ratio is None and report.speedup is None and report.cpu_ratio is None
    assert one.docs_per_s == 2.0 and one.warm_words_per_s == 25.0


@pytest.fixture()
def forking(monkeypatch):
    monkeypatch.setattr(claimgraph.bench, "run_bench", partial(run_bench, start="fork"))


def test_cli_json(folder, forking):
    result = CliRunner().invoke(app, ["bench", str(folder), "--workers", "1", "--docs", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 2 and data["workers"] == 1
    assert {(m["kind"], m["workers"]) for m in data["measures"]} == {("parse", 1), ("analysis", 1)}
    assert data["ratio"] > 0 and data["speedup"] is None


def test_cli_table(folder, monkeypatch):
    def measured(documents, *, workers, settings, repeat):
        n, words = len(documents), sum(len(d.text.split()) for d in documents)
        runs = [
            Measure(
                "parse", 1, n, words, startup_s=2.0, wall_s=3.0, warm_s=1.0, peak_rss_mb=300, warm_cpu_s=0.9
            ),
            Measure(
                "analysis",
                1,
                n,
                words,
                startup_s=4.0,
                wall_s=6.0,
                warm_s=2.0,
                peak_rss_mb=500,
                warm_cpu_s=1.5,
            ),
            Measure(
                "analysis",
                2,
                n,
                words,
                startup_s=5.0,
                wall_s=4.0,
                warm_s=0.5,
                peak_rss_mb=480,
                warm_documents=n - 1,
            ),
        ]
        return BenchReport(n, words, workers, "en_test", runs)

    monkeypatch.setattr(claimgraph.bench, "run_bench", measured)
    result = CliRunner().invoke(app, ["bench", str(folder)])
    assert result.exit_code == 0, result.output
    assert "3 documents" in result.stdout and "parse only" in result.stdout and "480" in result.stdout
    assert "full analysis / parse only (1 worker, warm): 0.50; on CPU time: 0.60" in result.stdout
    assert "2 workers / 1 worker (full analysis, wall time): 1.50×" in result.stdout
    assert "2 workers / 1 worker (full analysis, once running): 2.67×" in result.stdout


def test_steady_rate_starts_after_the_first_tenth():
    from claimgraph.bench import _steady

    outputs = [10.0 + i for i in range(20)]  # one output a second after a 10 s start-up
    assert _steady(outputs) == (29.0 - 11.0, 18)
    assert _steady(outputs[:5]) == (None, None)
    many = Measure(
        "analysis", 2, 20, 200, startup_s=10.0, wall_s=29.0, warm_s=18.0, peak_rss_mb=1, warm_documents=18
    )
    one = Measure("analysis", 1, 20, 200, startup_s=5.0, wall_s=45.0, warm_s=40.0, peak_rss_mb=1)
    assert many.warm_docs_per_s == 1.0 and many.warm_words_per_s == 10.0
    report = BenchReport(20, 200, 2, "m", [one, many])
    assert report.warm_speedup == pytest.approx(1.0 / 0.5)
    assert report.speedup == pytest.approx(45.0 / 29.0)


def test_cli_folder_without_documents_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["bench", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "error:" in result.output
