"""The Ray engine on a local Ray instance: the same output as the local path.

One Ray instance for the session (two CPUs, no dashboard); skipped where the extra
``claimgraph[ray]`` is not installed. The engine's blocks are made tiny so that a few
documents cross several blocks and actors (each dataset starts its actors, which load the
pipeline: the slow part, so windows of several datasets are tested on their own).
"""

from __future__ import annotations

import builtins
import json
import socket

import pytest
from sqlalchemy import create_engine, select
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.corpus.store.models import Document
from claimgraph.engines import ray as engine
from claimgraph.errors import AnalysisError, EmptyInputError
from claimgraph.settings import Settings

TEXTS = {
    "a.txt": "Japan summoned the Russian ambassador. Moscow denied the reports, the ministry said.",
    "b.txt": "Beijing dismissed the allegations as groundless, a spokesman said on Monday.",
    "c.txt": "   ",  # no text: an error in its place, the others go on
    "d.txt": "The minister met his Turkish counterpart in Ankara to discuss the grain deal.",
    "e.txt": "Iran accused Israel of attacking its consulate, and vowed to respond.",
}


@pytest.fixture(scope="session")
def local_ray():
    ray = pytest.importorskip("ray", reason="the Ray engine needs the extra: pip install 'claimgraph[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


@pytest.fixture()
def tiny_blocks(monkeypatch):
    monkeypatch.setattr(engine, "BLOCK_SIZE", 2)  # three blocks for five documents


@pytest.fixture()
def folder(tmp_path):
    root = tmp_path / "articles"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_analyze_output_equals_the_local_path(local_ray, tiny_blocks, folder, tmp_path):
    here, there = tmp_path / "here.jsonl", tmp_path / "ray.jsonl"
    local = _run("analyze", str(folder), "-f", "jsonl", "-q", "-o", str(here))
    on_ray = _run(
        "analyze", str(folder), "-f", "jsonl", "-q", "-o", str(there), "--engine", "ray", "--actors", "2"
    )
    assert local.exit_code == on_ray.exit_code == 1  # c.txt has no text
    assert "c.txt: the document has no text" in on_ray.output
    assert there.read_bytes() == here.read_bytes()
    ids = [json.loads(line)["document"]["id"] for line in there.read_text(encoding="utf-8").splitlines()]
    assert ids == ["a.txt", "b.txt", "d.txt", "e.txt"]  # input order


def _stored(url: str) -> dict[str, tuple[str, dict]]:
    db = create_engine(url)
    with db.connect() as conn:
        rows = conn.execute(select(Document.content_hash, Document.doc_id, Document.record)).all()
    db.dispose()
    return {row.content_hash: (row.doc_id, row.record) for row in rows}


def test_ingest_stores_what_the_local_path_stores_and_is_idempotent(local_ray, tiny_blocks, folder, tmp_path):
    here, there = f"sqlite:///{tmp_path / 'here.db'}", f"sqlite:///{tmp_path / 'ray.db'}"
    local = _run("ingest", str(folder), "--db", here, "-q")
    first = _run("ingest", str(folder), "--db", there, "--engine", "ray", "--actors", "1")
    assert local.exit_code == first.exit_code == 1
    assert "4 added, 0 replaced, 0 unchanged, 1 failed" in first.output
    lines = [line.split() for line in first.output.splitlines() if line.strip().startswith("added")]
    assert [words[1] for words in lines] == ["a.txt", "b.txt", "d.txt", "e.txt"]  # reported in input order
    assert _stored(there) == _stored(here)
    again = _run("ingest", str(folder), "--db", there, "--engine", "ray", "--actors", "1", "-q")
    assert "0 added, 0 replaced, 4 unchanged, 1 failed" in again.output
    assert len(_stored(there)) == 4


def test_documents_go_in_numbered_windows():
    windows = list(engine._windows(iter("abcde"), 2))
    assert windows == [[(0, "a"), (1, "b")], [(2, "c"), (3, "d")], [(4, "e")]]


def test_results_come_back_in_input_order():
    rows = [{"index": i} for i in (12, 10, 11, 14, 13)]
    assert [r["index"] for r in engine._in_order(rows, 10, 5)] == [10, 11, 12, 13, 14]
    with pytest.raises(engine.EngineError, match="no result for document 11"):
        list(engine._in_order([{"index": 11}], 10, 2))
    with pytest.raises(engine.EngineError, match="no result for document 12"):
        list(engine._in_order([{"index": 10}], 10, 2))


def test_errors_keep_their_class_and_message():
    error = engine._error_from("EmptyInputError", "c.txt: the document has no text")
    assert isinstance(error, EmptyInputError) and str(error) == "c.txt: the document has no text"
    assert isinstance(engine._error_from("KeyError", "boom"), AnalysisError)


def test_workers_get_the_drivers_settings():
    settings = Settings(voice_encoder="static", max_chars=1000, debug=True)
    assert engine._environment(settings) == {
        "CLAIMGRAPH_MAX_CHARS": "1000",
        "CLAIMGRAPH_VOICE_ENCODER": "static",
        "CLAIMGRAPH_DEBUG": "1",
    }
    assert engine._environment(Settings()) == {}


def test_a_relative_sqlite_file_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert engine._absolute("sqlite:///news.db") == f"sqlite:///{tmp_path / 'news.db'}"
    assert engine._absolute("sqlite:////abs/news.db") == "sqlite:////abs/news.db"
    assert engine._absolute("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_an_address_nobody_listens_on_is_one_line(folder):
    pytest.importorskip("ray", reason="the Ray engine needs the extra: pip install 'claimgraph[ray]'")
    with socket.socket() as probe:  # a port just freed: nothing listens on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = _run("analyze", str(folder), "--engine", "ray", "--address", f"127.0.0.1:{port}")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"error: cannot reach the Ray cluster at '127.0.0.1:{port}'" in result.output


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_without_the_extra_one_line_names_it(command, folder, tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    extra = ["--db", f"sqlite:///{tmp_path / 'x.db'}"] if command == "ingest" else []
    result = _run(command, str(folder), "--engine", "ray", *extra)
    assert result.exit_code == 2
    assert "error: --engine ray needs the optional extra: pip install 'claimgraph[ray]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()  # nothing created before the check
