"""Technique profiles per outlet and per document (store query and ``claimgraph techniques``)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.corpus.store import Corpus
from claimgraph.corpus.store.profiles import profile_rows
from claimgraph.record import Technique

from .records import Said, make_record


def _with_techniques(record, spans):
    """``spans``: (words in the text, label, score, statement id or None)."""
    text = record.document.text
    found = []
    for words, label, score, statement in spans:
        start = text.index(words)
        speaker = None
        if statement is not None:
            speaker = next(s.speaker for s in record.statements if s.id == statement)
        found.append(
            Technique(
                label=label,
                start=start,
                end=start + len(words),
                text=words,
                score=score,
                speaker=speaker,
                statement=statement,
            )
        )
    return record.model_copy(update={"techniques": found})


def _records():
    a = make_record("a1", [Said("Kremlin", "Tehran staged a shameful provocation")], source="Outlet A")
    a = _with_techniques(
        a,
        [
            ("shameful provocation", "Loaded_Language", 0.6, "S1"),  # the Kremlin's words
            ("(Report a1.)", "Doubt", 0.5, None),  # the author's
            ("staged", "Loaded_Language", 0.05, None),  # under the threshold
        ],
    )
    b = make_record("b1", [Said("Blinken", "Moscow shipped shells")], source="Outlet A")
    b = _with_techniques(b, [("(Report b1.)", "Loaded_Language", 0.9, None)])
    c = make_record("c1", [Said("Lavrov", "Seoul held talks with Beijing")], source=None)
    return [a, b, c]


def test_profile_rows_per_outlet_and_document():
    rows = [(r.document.id, r.document.source, r.model_dump(mode="json", by_alias=True)) for r in _records()]
    outlets = {p.name: p.to_dict() for p in profile_rows(rows, "outlet", min_score=0.1)}
    a = outlets["Outlet A"]
    words = sum(len(r.document.text.split()) for r in _records()[:2])
    assert (a["documents"], a["words"], a["techniques"], a["author"], a["speakers"]) == (2, words, 3, 2, 1)
    assert a["per_1000_words"] == round(3000 / words, 3)
    assert a["top_labels"][0] == ["Loaded_Language", 2]
    assert a["top_author_labels"] == [["Doubt", 1], ["Loaded_Language", 1]]
    assert outlets["(unknown)"]["techniques"] == 0
    everything = {p.name: p for p in profile_rows(rows, "outlet", min_score=0.0)}
    assert everything["Outlet A"].author == 3  # the span scored 0.05 counts at 0
    docs = {p.name: p.to_dict() for p in profile_rows(rows, "document", min_score=0.1)}
    assert set(docs) == {"a1", "b1", "c1"}
    assert (docs["a1"]["author"], docs["a1"]["speakers"]) == (1, 1)
    with pytest.raises(ValueError, match="profile by"):
        profile_rows(rows, "country")


def test_a_quoted_span_is_not_the_authors():
    record = make_record("q1", [], source="Outlet Q")
    record = _with_techniques(record, [("(Report q1.)", "Slogans", 0.5, None)])
    quoted = record.techniques[0].model_copy(update={"quoted": True})
    rows = [("q1", "Outlet Q", record.model_copy(update={"techniques": [quoted]}).model_dump(mode="json"))]
    [prof] = profile_rows(rows, "outlet")
    assert (prof.author, prof.speakers) == (0, 1)


def test_store_and_cli(db_url):
    with Corpus(db_url) as corpus:
        for r in _records():
            corpus.add(r)
        found = {p.name: p.techniques for p in corpus.technique_profiles("outlet", min_score=0.1)}
    assert found == {"Outlet A": 3, "(unknown)": 0}
    out = CliRunner().invoke(app, ["techniques", "--db", db_url, "--by", "document", "-f", "json"])
    assert out.exit_code == 0, out.output
    by_doc = {r["name"]: r for r in json.loads(out.output)}
    # the reports' default threshold leaves out the span scored 0.05
    assert by_doc["a1"]["techniques"] == 2
    out = CliRunner().invoke(app, ["techniques", "--db", db_url, "-f", "csv", "--min-score", "0.7"])
    assert out.exit_code == 0, out.output
    lines = out.output.strip().splitlines()
    assert lines[0].startswith("outlet,documents,words,per_1000_words")
    assert any(line.startswith("Outlet A,2,") and ",1,0," in line for line in lines[1:])
    table = CliRunner().invoke(app, ["techniques", "--db", db_url])
    assert table.exit_code == 0 and "Outlet A" in table.output
