"""Hostile JSON lines among good ones: `ingest` stores the good documents on every backend."""

from __future__ import annotations

from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.corpus.store import Corpus

LINES = [
    '{"id": "good-1", "text": "North Korea denied the reports, the ministry said."}',
    '{"id": "digits", "text": "x", "n": ' + "7" * 5000 + "}",
    '{"id": "deep", "text": "x", "d": ' + "{" * 1500 + "}" * 1500 + "}",
    '{"id": "surrogate\\ud800", "title": "\\udfff", "text": "Seoul \\ud800 said Pyongyang sent shells."}',
    '{"id": "good-2", "text": "Japan summoned the Russian ambassador on Monday."}',
]


def test_ingest_keeps_the_good_documents_of_a_hostile_feed(tmp_path, db_url):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(LINES), encoding="utf-8")
    out = CliRunner().invoke(app, ["ingest", str(feed), "--db", db_url, "-q"])
    assert out.exit_code == 1, out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)
    assert "3 added, 0 replaced, 0 unchanged, 2 failed" in out.output
    with Corpus(db_url) as corpus:
        assert corpus.stats()["documents"] == 3
        texts = {c.text for c in corpus.claims()}
    assert not any("\ud800" in t for t in texts)
