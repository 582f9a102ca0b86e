"""Output files under a full disk, a read-only folder or a folder given as a file; killed writers;
hostile text in error lines. Each failure is one ``error:`` line, exit 2, and nothing half-written."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import OutputError
from claimgraph.fileio import atomic_paths, atomic_write, remove_stale

STORY = "Japan summoned the Russian ambassador on Tuesday. Moscow denied the reports, the ministry said."
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture()
def story(tmp_path):
    path = tmp_path / "in" / "story.txt"
    path.parent.mkdir()
    path.write_text(STORY, encoding="utf-8")
    return path


def _one_error_line(result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def _full_disk(monkeypatch, after: int = 0) -> None:
    """Every ``fsync`` after the first ``after`` fails with ENOSPC, as on a full disk."""
    calls = {"n": 0}
    real = os.fsync

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_analyze_to_a_folder_is_one_line(runner, story, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    result = runner.invoke(app, ["analyze", str(story), "-f", "json", "-o", str(folder)])
    _one_error_line(result, str(folder), "folder")
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_analyze_on_a_full_disk_leaves_the_old_file_and_no_temporary(runner, story, tmp_path, monkeypatch):
    out = tmp_path / "record.json"
    out.write_text("old", encoding="utf-8")
    _full_disk(monkeypatch)
    result = runner.invoke(app, ["analyze", str(story), "-f", "json", "-o", str(out)])
    _one_error_line(result, str(out), "no space left on device")
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "record.json"]


def test_analyze_into_a_read_only_folder_is_one_line(runner, story, tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    out = tmp_path / "ro" / "record.json"
    result = runner.invoke(app, ["analyze", str(story), "-f", "json", "-o", str(out)])
    _one_error_line(result, str(out), "read-only file system")
    assert not out.exists()


def test_a_write_error_mid_file_is_one_line_and_no_half_file(tmp_path):
    out = tmp_path / "events.csv"
    with pytest.raises(OutputError, match="no space left on device"), atomic_write(out) as fh:
        fh.write("half,a,row")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert list(tmp_path.iterdir()) == []


def test_several_files_are_moved_only_when_all_are_written(tmp_path, monkeypatch):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a", encoding="utf-8")
    _full_disk(monkeypatch, after=1)  # a is flushed, b is not
    with pytest.raises(OutputError), atomic_paths([a, b]) as (ta, tb):
        ta.write_text("new a", encoding="utf-8")
        tb.write_text("new b", encoding="utf-8")
    assert a.read_text(encoding="utf-8") == "old a" and not b.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from claimgraph.fileio import atomic_write
    with atomic_write(Path(sys.argv[1])) as fh:
        fh.write("half of a record")
        fh.flush()
        print("writing", flush=True)
        time.sleep(60)
    """
)


def test_temporary_files_of_a_killed_writer_are_removed_on_the_next_run(runner, story, tmp_path):
    out = tmp_path / "record.json"
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(out)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].startswith(f".record.json.{writer.pid}.")
    alive = tmp_path / f".record.json.{os.getpid()}.live1234.tmp"  # a writer still running: kept
    alive.write_text("in progress", encoding="utf-8")
    other = tmp_path / f".other.json.{writer.pid}.abcd1234.tmp"  # another target's: kept
    other.write_text("x", encoding="utf-8")

    result = runner.invoke(app, ["analyze", str(story), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", "record.json", alive.name, other.name])
    assert remove_stale(out) == []


def test_error_lines_carry_no_escape_sequences(runner, tmp_path):
    name = "evil\x1b]0;owned\x07\x1b[2J\u202e[/bold].txt"
    result = runner.invoke(app, ["analyze", str(tmp_path / name)])
    line = _one_error_line(result, "evil", "[/bold].txt", "no such file")
    assert not set(line) & set("\x1b\x07\u202e")


def test_report_is_one_line(capsys):
    from claimgraph.cli.common import report

    report("first line\nsecond line\r\x1b[31m[red]not markup[/red]")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "\r" not in err
    assert "first line second line [red]not markup[/red]" in err


def test_terminal_report_of_a_hostile_file_name(runner, tmp_path):
    path = tmp_path / "doc\x1b[2J\x9b31m\u202e[red].txt"
    path.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "doc[red].txt" in result.stdout
    assert not set(result.stdout) & set("\x1b\x9b\u202e")


def test_a_fifo_or_device_is_never_replaced_by_a_file(runner, story, tmp_path):
    import stat

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["analyze", str(story), "-f", "json", "-o", str(fifo)])
    _one_error_line(result, str(fifo), "not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.fifo"]
