"""``claimgraph serve``: its options, and one line for a corpus it cannot open."""

from __future__ import annotations

from typer.testing import CliRunner

from claimgraph.cli import app


def test_serve_help_shows_safe_defaults():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--workers", "--allow-fetch", "--max-body"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def test_serve_with_a_bad_database_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path}/missing/folder/x.db"])
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output
