"""The entry point builds only the top-level commands for a top-level command, and everything else."""

from __future__ import annotations

import sys

import pytest

from claimgraph import cli


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["claimgraph", *args])
    with pytest.raises(SystemExit) as done:
        cli.main()
    return int(done.value.code or 0), capsys.readouterr().out


def test_top_level_commands_are_the_app_s(monkeypatch, capsys):
    names = {i.name or i.callback.__name__ for i in cli.app.registered_commands if i.callback}
    assert names == set(cli._TOP_LEVEL)
    code, out = _run(monkeypatch, capsys, "claims", "--help")
    assert code == 0
    assert "--contested" in out


@pytest.mark.parametrize(
    ("args", "shown"),
    [(["eval", "--help"], "polnear"), (["train", "--help"], "stances"), (["--help"], "eval")],
)
def test_groups_and_help_go_to_the_whole_app(monkeypatch, capsys, args, shown):
    code, out = _run(monkeypatch, capsys, *args)
    assert code == 0
    assert shown in out


def test_the_script_entry_runs_the_command_line_with_the_collector_running(monkeypatch, capsys):
    import gc

    from claimgraph import console

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    before = gc.get_threshold()
    monkeypatch.setattr(sys, "argv", ["claimgraph", "claims", "--help"])
    with pytest.raises(SystemExit) as done:
        console.main()
    assert int(done.value.code or 0) == 0
    assert "--contested" in capsys.readouterr().out
    assert gc.get_threshold() == before
    import os

    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"


def test_train_stances_refuses_the_check_split(monkeypatch, capsys, tmp_path):
    out = tmp_path / "stance.npz"
    argv = ["claimgraph", "train", "stances", "--split", "check", "--out", str(out)]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert int(done.value.code or 0) == 2
    assert "kept for the final figure" in " ".join(capsys.readouterr().err.split())
    assert not out.exists()
