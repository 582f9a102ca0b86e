"""Fixtures for the web app: a small stored corpus (hand-made records), a fake analyser, clients."""

from __future__ import annotations

import threading
from typing import ClassVar

import pytest

pytest.importorskip("fastapi", reason="the web tests need the web extra: pip install -e '.[dev,web]'")

from fastapi.testclient import TestClient

from claimgraph.corpus.store import Corpus
from claimgraph.record import Actor, DocumentInfo, Record, Span, Technique
from claimgraph.web import WebConfig, create_app
from corpus.store.records import Said, make_record

SHELLS = "Pyongyang shipped artillery shells to Moscow"
HOSTILE = (
    '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> javascript:alert(1)'
)


def corpus_records() -> list[Record]:
    """Three documents from two outlets: a contested claim, IRN–RUS events in two months, hostile text."""
    first = make_record(
        "first",
        [
            Said("Kremlin", SHELLS, "deny"),
            Said("White House", SHELLS, "assert"),
            Said("Lavrov", "Tehran met Moscow", "assert", event=("Tehran", "Moscow", "042", 1.9, 1)),
        ],
        source="Example News",
        published="2024-04-28",
        claim_text=SHELLS,
    )
    second = make_record(
        "second",
        [
            Said("Blinken", SHELLS, "assert"),
            Said(
                "Lavrov",
                "Tehran signed a pact with Moscow",
                "assert",
                event=("Tehran", "Moscow", "057", 8.0, 2),
            ),
            Said("Blinken", "Moscow threatened Seoul", "assert", event=("Moscow", "Seoul", "138", -7.0, 4)),
        ],
        source="Other Wire",
        published="2024-05-10",
        claim_text=SHELLS,
    )
    hostile = make_record(
        "hostile",
        [Said("Kremlin", f"the report {HOSTILE} is false", "deny")],
        source="<script>alert(1)</script> Wire",
        published="2024-05-11",
    )
    return [first, second, hostile]


class FakeAnalyzer:
    """Finds the actors of a fixed list and marks the word "baseless" as Loaded_Language; counts calls.

    ``gate``: when set, each analysis waits for it (to hold the pool busy)."""

    NAMES: ClassVar[dict[str, str]] = {"Kremlin": "RUS", "Tehran": "IRN", "Washington": "USA"}

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.calls = 0
        self.gate = gate
        self.started = threading.Event()

    def analyze(self, document: DocumentInfo | str, **meta: object) -> Record:
        self.calls += 1
        self.started.set()
        if self.gate is not None:
            self.gate.wait(10)
        info = document if isinstance(document, DocumentInfo) else DocumentInfo(id="text", text=document)
        text = info.text
        actors = []
        for name, country in self.NAMES.items():
            at = text.find(name)
            if at >= 0:
                actors.append(
                    Actor(
                        id=f"A{len(actors) + 1}",
                        name=name,
                        kind="state",
                        country=country,
                        mentions=[Span.of(text, at, at + len(name))],
                    )
                )
        techniques = []
        at = text.find("baseless")
        if at >= 0:
            techniques.append(
                Technique(label="Loaded_Language", start=at, end=at + 8, text="baseless", score=0.9)
            )
        return Record(document=info, actors=actors, techniques=techniques, generator={"claimgraph": "test"})


@pytest.fixture(scope="session")
def stored_corpus(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'corpus.db'}"
    with Corpus(url) as corpus:
        for record in corpus_records():
            corpus.add(record)
    return url


@pytest.fixture
def fake() -> FakeAnalyzer:
    return FakeAnalyzer()


@pytest.fixture
def client(stored_corpus, fake):
    app = create_app(WebConfig(db_url=stored_corpus), analyzer=lambda: fake)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def empty_client(tmp_path, fake):
    app = create_app(WebConfig(db_url=f"sqlite:///{tmp_path / 'empty.db'}"), analyzer=lambda: fake)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
