"""The corpus commands under hostile conditions: damaged or read-only databases, huge searches,
formulas in CSV cells, escape sequences, full disks, and long values on both backends."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.corpus.store import Corpus
from claimgraph.corpus.store.engine import display_url
from claimgraph.record import DocumentInfo, Record

from .records import Said, make_record

runner = CliRunner()
REPO = Path(__file__).resolve().parents[3]
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _fill(url: str) -> None:
    with Corpus(url) as corpus:
        for i in range(12):
            corpus.add(
                make_record(
                    f"a{i}",
                    [
                        Said(
                            "White House",
                            f"Pyongyang shipped {i + 2} trains of artillery shells to Moscow",
                            event=("Pyongyang", "Moscow", "070", -4.0, 4),
                        ),
                        Said("Kremlin", "Pyongyang shipped no artillery shells to Moscow", "deny"),
                    ],
                    source="@Wire" if i == 0 else "Wire B",
                    claim_text=FORMULA if i == 0 else None,
                )
            )


@pytest.fixture
def filled(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    _fill(url)
    return url


def _one_error_line(result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def _full_disk(monkeypatch, after: int = 0) -> None:
    calls = {"n": 0}
    real = os.fsync

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


# -- CSV cells and terminal text ---------------------------------------------------------
def test_claims_csv_cells_are_never_formulas(filled):
    out = runner.invoke(app, ["claims", "--db", filled, "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    hostile = [r for r in rows if "HYPERLINK" in r["claim"]]
    assert hostile and all(r["claim"] == "'" + FORMULA for r in hostile)
    assert any(r["outlets"] == "'@Wire" for r in rows)
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values()), row


def test_events_csv_keeps_negative_numbers(filled, tmp_path):
    for args, total in ((["--mentions"], "-48.0"), ([], "-4.0")):  # 12 reports of one event
        out = runner.invoke(app, ["events", "--db", filled, "--format", "csv", *args])
        assert out.exit_code == 0, out.output
        [row] = list(csv.DictReader(io.StringIO(out.stdout)))
        assert row["goldstein_sum"] == total  # a number, not a formula: no quote


def test_tables_and_progress_lines_carry_no_escape_sequences(tmp_path, monkeypatch):
    from .test_cli import _FakeAnalyzer

    monkeypatch.setattr("claimgraph.analyzer.Analyzer", _FakeAnalyzer)
    folder = tmp_path / "in"
    folder.mkdir()
    line = {"id": "a\x1b[2J\x9b31m\u202e[red][/bad]", "text": "Moscow denied it."}
    (folder / "feed.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    out = runner.invoke(app, ["ingest", str(folder), "--db", url])
    assert out.exit_code == 0, out.output
    assert "a[red][/bad]" in out.stderr and not set(out.stderr) & set("\x1b\x9b\u202e")
    with Corpus(url) as corpus:
        record = make_record("b\x1b]0;owned\x07[bold]", [Said("Kremlin", "Seoul \x1b[31mlied\x9b2J")])
        corpus.add(record.model_copy(update={"claims": []}))
        corpus.add(make_record("c", [Said("Kremlin", "x")], claim_text="Seoul \x1b[5mlied\u202e [bold]"))
    out = runner.invoke(app, ["claims", "--db", url])
    assert out.exit_code == 0, out.output
    assert "[bold]" in out.stdout and not set(out.stdout) & set("\x1b\x9b\u202e\x07")


def test_ingest_summary_masks_the_password(tmp_path, monkeypatch):
    from .test_cli import _FakeAnalyzer

    class FakeCorpus:
        def __init__(self, url, **kwargs):
            self.url = url

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        def unchanged(self, doc_id, digest):
            return None

        def add_many(self, records, *, replace=False):
            return iter(())

    monkeypatch.setattr("claimgraph.analyzer.Analyzer", _FakeAnalyzer)
    monkeypatch.setattr("claimgraph.corpus.store.Corpus", FakeCorpus)
    (tmp_path / "a.txt").write_text("Moscow denied it.", encoding="utf-8")
    url = "postgresql+psycopg://analyst:s3cr3t-pw@db.example:5432/news"
    out = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", url, "-q"])
    assert out.exit_code == 0, out.output
    assert "s3cr3t" not in out.output and "analyst:***@db.example" in out.output


def test_display_url_masks_passwords_of_every_url():
    assert display_url("postgresql+psycopg://u:pw@h/db") == "postgresql+psycopg://u:***@h/db"
    assert "pw" not in display_url("postgresql+psycopg://u:pw@h:notaport/db")
    assert display_url("sqlite:///c.db") == "sqlite:///c.db"


# -- damaged, read-only and missing databases ---------------------------------------------
def _corrupt(path: Path, tables: tuple[str, ...]) -> None:
    """Overwrite the root pages of ``tables`` with garbage (the rest of the file is intact)."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'").fetchall())
    conn.close()
    assert not Path(f"{path}-wal").exists()  # checkpointed: the pages are in the file
    with open(path, "r+b") as fh:
        for table in tables:
            fh.seek((roots[table] - 1) * page_size)
            fh.write(b"\xa5" * page_size)


@pytest.mark.parametrize(
    ("command", "table"),
    [(["claims"], "claim_members"), (["events"], "events"), (["export", "--format", "jsonl"], "documents")],
)
def test_a_corrupt_page_is_one_line(filled, tmp_path, command, table):
    path = Path(filled.removeprefix("sqlite:///"))
    _corrupt(path, (table,))
    args = [*command, "--db", filled]
    if command[0] == "export":
        args.append(str(tmp_path / "export"))
    result = runner.invoke(app, args)
    _one_error_line(result, "cannot read the corpus database", str(path), "malformed")
    if command[0] == "export":
        assert list((tmp_path / "export").iterdir()) == []


def test_a_huge_search_is_a_search(filled):
    out = runner.invoke(app, ["claims", "--db", filled, "--search", "x" * 100_000, "--format", "json"])
    assert out.exit_code == 0, out.output
    assert out.stdout.strip() == "[]"
    out = runner.invoke(app, ["claims", "--db", filled, "--search", "%_", "--format", "json"])
    assert out.exit_code == 0 and out.stdout.strip() == "[]"  # wildcards are text
    out = runner.invoke(app, ["claims", "--db", filled, "--search", "ARTILLERY SHELLS", "--format", "csv"])
    assert out.exit_code == 0 and "artillery shells" in out.stdout


def test_search_is_the_same_on_both_backends(db_url):
    _fill(db_url)
    with Corpus(db_url) as corpus:
        assert corpus.claims(search="y" * 100_000) == []
        assert corpus.claims(search="a\x00b") == []
        assert corpus.claims(search="%") == []
        assert [c.text for c in corpus.claims(search="hyperlink(")] == [FORMULA]


def test_a_missing_database_is_one_line_and_not_created(tmp_path):
    path = tmp_path / "none.db"
    for command in (["claims"], ["events"], ["export", str(tmp_path / "x")]):
        result = runner.invoke(app, [*command, "--db", f"sqlite:///{path}"])
        _one_error_line(result, str(path), "no such file")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_query_never_writes_the_database(filled):
    path = Path(filled.removeprefix("sqlite:///"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for command in (["claims"], ["events", "--format", "csv"]):
        out = runner.invoke(app, [*command, "--db", filled])
        assert out.exit_code == 0, out.output
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


READ_ONLY_QUERIES = """
import sys
from typer.testing import CliRunner
from claimgraph.cli import app
url, out = sys.argv[1], sys.argv[2]
queries = (["claims", "--format", "csv"], ["events", "--format", "csv"], ["export", "--format", "jsonl", out])
for args in queries:
    result = CliRunner().invoke(app, [*args, "--db", url])
    print(args[0], result.exit_code, result.output.count("\\n"), repr(result.output[-300:]))
"""


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv to drop privileges"
)
def test_a_read_only_database_is_queryable():
    # root bypasses file permissions: run the queries without CAP_DAC_OVERRIDE, so that a 0444
    # file in a 0555 folder is really read-only (as for any other user)
    folder = Path(tempfile.mkdtemp(prefix="cg-ro-"))
    try:
        db = folder / "ro" / "c.db"
        db.parent.mkdir()
        _fill(f"sqlite:///{db}")
        (folder / "out").mkdir()
        db.chmod(0o444)
        db.parent.chmod(0o555)
        drop = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", sys.executable, "-c"]
        check = subprocess.run([*drop, "import sys; open(sys.argv[1], 'r+')", str(db)], capture_output=True)
        if check.returncode == 0:
            pytest.skip("setpriv did not make the file read-only here")
        result = subprocess.run(
            [*drop, READ_ONLY_QUERIES, f"sqlite:///{db}", str(folder / "out")],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert [line.split()[:2] for line in lines] == [["claims", "0"], ["events", "0"], ["export", "0"]], (
            result.stdout
        )
        assert (folder / "out" / "corpus_claims.jsonl").stat().st_size > 0
        assert sorted(p.name for p in db.parent.iterdir()) == ["c.db"]
    finally:
        for root, dirs, _files in os.walk(folder):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(folder)


# -- output files ---------------------------------------------------------------------------
def test_events_parquet_on_a_full_disk_is_one_line(filled, tmp_path, monkeypatch):
    target = tmp_path / "events.parquet"
    _full_disk(monkeypatch)
    result = runner.invoke(app, ["events", "--db", filled, "--format", "parquet", "-o", str(target)])
    _one_error_line(result, str(target), "no space left on device")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.db"]


def test_events_to_a_folder_is_one_line(filled, tmp_path):
    result = runner.invoke(app, ["events", "--db", filled, "--format", "parquet", "-o", str(tmp_path)])
    _one_error_line(result, str(tmp_path), "folder")


def test_export_on_a_full_disk_writes_nothing(filled, tmp_path, monkeypatch):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "documents.parquet").write_text("an earlier export", encoding="utf-8")
    _full_disk(monkeypatch, after=3)  # three files flushed, the fourth fails
    result = runner.invoke(app, ["export", "--db", filled, str(folder)])
    _one_error_line(result, "no space left on device", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["documents.parquet"]
    assert (folder / "documents.parquet").read_text(encoding="utf-8") == "an earlier export"


def test_export_into_a_file_or_a_read_only_folder_is_one_line(filled, tmp_path, monkeypatch):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", "--db", filled, str(not_a_folder)])
    _one_error_line(result, str(not_a_folder), "not a folder")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = runner.invoke(app, ["export", "--db", filled, str(tmp_path / "ro")])
    _one_error_line(result, "read-only file system")
    assert list((tmp_path / "ro").iterdir()) == []


# -- the same corpus on both backends ------------------------------------------------------
def test_long_ids_sources_and_dates_are_stored_on_both_backends(db_url):
    long_id = "feed.jsonl:" + "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))
    record = make_record(
        long_id,
        [
            Said(
                "White House",
                "Pyongyang shipped artillery shells to Moscow",
                event=("Pyongyang", "Moscow", "070", 7.0, 2),
            )
        ],
        source="S" * 5000,
        published="2024-03-05T10:00:00" + "+" * 500,
        claim_text="Pyongyang shipped artillery shells to Moscow",
    )
    bare = Record(
        document=DocumentInfo(id="i" * 10_000, source="o" * 10_000, published="p" * 1000, text="Hi.")
    )
    with Corpus(db_url) as corpus:
        assert corpus.add(record).status == "added"
        assert corpus.add(bare).status == "added"
        assert corpus.record(long_id) == record
        assert corpus.record("i" * 10_000) == bare
        [claim] = corpus.claims()
        assert claim.documents == [long_id] and claim.outlets == ["S" * 5000]
        assert claim.first_seen == "2024-03-05"
        assert corpus.stats()["documents"] == 2
