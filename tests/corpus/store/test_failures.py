"""A document that fails mid-write, or a process killed mid-write, leaves no trace; the rest is intact."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimgraph.corpus.store import AddResult, Corpus
from claimgraph.errors import StoreError

from .records import Said, make_record

REPO = Path(__file__).resolve().parents[3]


def _batch() -> list:
    return [
        make_record(
            f"doc{i}",
            [
                Said("White House", f"Pyongyang shipped {i + 2} trains of artillery shells to Moscow"),
                Said("Kremlin", "Moscow received no weapons from Pyongyang", "deny"),
            ],
        )
        for i in range(5)
    ]


def _doc_rows(corpus: Corpus) -> dict[str, int]:
    stats = corpus.stats()
    return {k: stats[k] for k in ("documents", "actors", "statements", "claim_members", "claim_stances")}


def test_bad_document_mid_batch_is_reported_and_absent(db_url):
    records = _batch()
    with Corpus(db_url) as corpus:
        calls = {"n": 0}

        def fault(stage: str) -> None:
            if stage == "claims" and corpus_doc["id"] == "doc2":
                calls["n"] += 1
                raise RuntimeError("simulated failure after the parts were written")

        corpus_doc = {"id": ""}
        corpus.fault = fault

        def items():
            for r in records:
                corpus_doc["id"] = r.document.id
                yield r

        results = list(corpus.add_many(items()))
        assert [type(r) for r in results] == [AddResult, AddResult, StoreError, AddResult, AddResult]
        assert "doc2" in str(results[2])
        assert calls["n"] == 1  # not retried: not a transient database error
        stored = [f"doc{i}" for i in range(5) if corpus.record(f"doc{i}") is not None]
        assert stored == ["doc0", "doc1", "doc3", "doc4"]
        rows = _doc_rows(corpus)
        assert rows == {"documents": 4, "actors": 16, "statements": 8, "claim_members": 8, "claim_stances": 8}
        corpus.fault = None
        assert corpus.add(records[2]).status == "added"
        assert _doc_rows(corpus)["documents"] == 5


CRASHER = textwrap.dedent(
    """
    import os, sys
    from claimgraph.record import Record
    from claimgraph.corpus.store import Corpus
    url, path, crash_at = sys.argv[1], sys.argv[2], sys.argv[3]
    records = [Record.from_json(line) for line in open(path, encoding="utf-8")]
    corpus = Corpus(url)
    current = {"id": None}
    def fault(stage):
        if stage == "claims" and current["id"] == crash_at:
            os._exit(17)  # the process dies inside the transaction
    corpus.fault = fault
    for record in records:
        current["id"] = record.document.id
        print(corpus.add(record).status, record.document.id, flush=True)
    """
)


def _run(url: str, records_file: Path, crash_at: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CRASHER, url, str(records_file), crash_at],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def test_process_killed_mid_document_loses_nothing_and_writes_nothing_half(db_url, tmp_path):
    records_file = tmp_path / "records.jsonl"
    records_file.write_text("".join(r.to_json(indent=None) + "\n" for r in _batch()), encoding="utf-8")
    crashed = _run(db_url, records_file, "doc3")
    assert crashed.returncode == 17, crashed.stderr
    assert crashed.stdout.split() == ["added", "doc0", "added", "doc1", "added", "doc2"]
    with Corpus(db_url) as corpus:
        assert corpus.record("doc3") is None
        assert _doc_rows(corpus) == {
            "documents": 3,
            "actors": 12,
            "statements": 6,
            "claim_members": 6,
            "claim_stances": 6,
        }
    with Corpus(db_url) as corpus:
        assert [corpus.add(r).status for r in _batch()] == ["unchanged"] * 3 + ["added"] * 2
        assert _doc_rows(corpus)["documents"] == 5


@pytest.mark.parametrize(
    "url", ["sqlite:////nonexistent-folder/x.db", "mysql://nobody@localhost/x", "nonsense"]
)
def test_unusable_urls_are_one_line_errors(url):
    with pytest.raises(StoreError):
        Corpus(url)
