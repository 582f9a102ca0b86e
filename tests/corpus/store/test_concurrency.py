"""Two processes ingesting overlapping batches into one corpus at the same time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select

from claimgraph.corpus.store import Corpus
from claimgraph.corpus.store.models import ClaimMember, CorpusClaim, Document, DocumentEvent, EventCluster

from .records import Said, make_record

REPO = Path(__file__).resolve().parents[3]

WORKER = textwrap.dedent(
    """
    import os, sys, time
    from claimgraph.record import Record
    from claimgraph.corpus.store import Corpus
    url, path, go = sys.argv[1], sys.argv[2], sys.argv[3]
    records = [Record.from_json(line) for line in open(path, encoding="utf-8")]
    corpus = Corpus(url)
    from claimgraph.embeddings.static import load_embedder
    load_embedder()
    while not os.path.exists(go):
        time.sleep(0.01)
    for record in records:
        print(corpus.add(record).status, record.document.id, flush=True)
    """
)

TOPICS = [
    "Pyongyang shipped artillery shells to Moscow",
    "Tehran delivered attack drones to Moscow",
    "Beijing sold machine tools to Moscow",
    "Seoul sent tanks to Kyiv",
]
#: the event each topic reports (source, target, CAMEO, Goldstein, quad class)
EVENTS = [
    ("Pyongyang", "Moscow", "070", 7.0, 2),
    ("Tehran", "Moscow", "070", 7.0, 2),
    ("Beijing", "Moscow", "061", 6.4, 2),
    ("Seoul", None, "070", 7.0, 2),
]


def _records(n: int) -> list:
    return [
        make_record(
            f"doc{i:02d}",
            [
                Said("White House", TOPICS[i % 4], event=EVENTS[i % 4]),
                Said("Kremlin", TOPICS[(i + 1) % 4], "deny"),
            ],
        )
        for i in range(n)
    ]


def test_two_processes_ingest_overlapping_batches(db_url, tmp_path):
    records = _records(18)
    Corpus(db_url).close()  # create the schema first, as `claimgraph ingest` would
    go = tmp_path / "go"
    batches = {"a": records[:12], "b": list(reversed(records[6:]))}
    procs = {}
    for name, batch in batches.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(r.to_json(indent=None) + "\n" for r in batch), encoding="utf-8")
        procs[name] = subprocess.Popen(
            [sys.executable, "-c", WORKER, db_url, str(path), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
    time.sleep(0.5)
    go.touch()
    outputs = {name: p.communicate(timeout=180) for name, p in procs.items()}
    for name, p in procs.items():
        assert p.returncode == 0, outputs[name][1]
    statuses = [line.split()[0] for out, _ in outputs.values() for line in out.splitlines()]
    assert len(statuses) == 24
    assert statuses.count("added") == 18
    assert statuses.count("unchanged") == 6
    with Corpus(db_url) as corpus:
        stats = corpus.stats()
        assert stats["documents"] == 18
        assert stats["statements"] == 36
        assert stats["claim_members"] == 36
        with corpus.engine.connect() as conn:
            hashes = conn.execute(select(func.count(func.distinct(Document.content_hash)))).scalar_one()
            assert hashes == 18
            orphans = conn.execute(
                select(func.count())
                .select_from(CorpusClaim)
                .where(~CorpusClaim.id.in_(select(ClaimMember.corpus_claim_id)))
            ).scalar_one()
            assert orphans == 0
        # writers were serialised, so each proposition is one corpus claim, each event one cluster
        assert stats["corpus_claims"] == 4
        assert stats["events"] == 18
        assert stats["event_clusters"] == 4
        with corpus.engine.connect() as conn:
            empty = conn.execute(
                select(func.count())
                .select_from(EventCluster)
                .where(~EventCluster.id.in_(select(DocumentEvent.cluster_id)))
            ).scalar_one()
            assert empty == 0
