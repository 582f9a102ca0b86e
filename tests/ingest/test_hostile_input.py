"""Hostile input costs only itself: limits on JSON lines, lone surrogates, guessed encodings,
deep HTML, unreadable folders, and one failing document inside a batch."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import AnalysisError, InputError, MalformedInputError
from claimgraph.ingest import jsonl as jsonl_module
from claimgraph.ingest import read_documents
from claimgraph.ingest.jsonl import MAX_DEPTH, MAX_INT_DIGITS, jsonl_documents
from claimgraph.record import DocumentInfo, Record

GOOD_1 = '{"id": "good-1", "text": "North Korea denied the reports, the ministry said."}'
GOOD_2 = '{"id": "good-2", "text": "Japan summoned the Russian ambassador on Monday."}'
#: (line, what its one-line error says)
HOSTILE = [
    ('{"id": "digits", "text": "x", "n": ' + "9" * 5000 + "}", f"at most {MAX_INT_DIGITS}"),
    ('{"id": "deep", "text": "x", "d": ' + "[" * 3000 + "]" * 3000 + "}", f"at most {MAX_DEPTH}"),
    ('{"id": "broken", "text": "x"', "invalid JSON"),
    ('["a list", "not an object"]', "must be an object"),
]


def _lines(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


def test_each_hostile_line_is_its_own_error_and_the_good_lines_are_read():
    items = list(jsonl_documents(_lines(GOOD_1, *(h for h, _ in HOSTILE), GOOD_2), name="f", id_prefix="f"))
    assert [i.id for i in items if isinstance(i, DocumentInfo)] == ["good-1", "good-2"]
    errors = [i for i in items if not isinstance(i, DocumentInfo)]
    assert len(errors) == len(HOSTILE)
    for error, (_, says) in zip(errors, HOSTILE, strict=True):
        assert isinstance(error, MalformedInputError)
        assert says in str(error) and "\n" not in str(error)


def test_brackets_inside_strings_do_not_count_as_nesting():
    line = json.dumps({"id": "s", "text": "[" * 500 + ' quoted {{ \\" ]] text'})
    (doc,) = jsonl_documents(line.encode(), name="f", id_prefix="f")
    assert isinstance(doc, DocumentInfo) and doc.text.startswith("[[[")


def test_an_overlong_line_is_refused(monkeypatch):
    monkeypatch.setattr(jsonl_module, "MAX_LINE_CHARS", 100)
    items = list(
        jsonl_documents(_lines(GOOD_1, json.dumps({"text": "y" * 200}), GOOD_2), name="f", id_prefix="f")
    )
    assert [type(i).__name__ for i in items] == ["DocumentInfo", "MalformedInputError", "DocumentInfo"]
    assert "at most 100" in str(items[1])


def test_lone_surrogates_are_replaced_with_a_warning():
    line = '{"id": "s\\ud800", "title": "T\\udfff", "text": "Moscow \\ud83d denied it, officials said."}'
    (doc,) = jsonl_documents(line.encode(), name="f", id_prefix="f")
    assert isinstance(doc, DocumentInfo)
    assert (doc.id, doc.title, doc.text) == ("s\ufffd", "T\ufffd", "Moscow \ufffd denied it, officials said.")
    assert doc.warnings == ["3 lone surrogate code point(s) replaced by U+FFFD"]
    doc.model_dump_json()  # serialisable: nothing left that an encoder refuses


def test_a_valid_surrogate_pair_is_kept():
    (doc,) = jsonl_documents(b'{"text": "Smile \\ud83d\\ude00 said Kim."}', name="f", id_prefix="f")
    assert doc.text == "Smile \U0001f600 said Kim." and doc.warnings == []


def test_the_python_api_replaces_lone_surrogates(analyzer):
    record = analyzer.analyze("The ministry \ud800 denied the reports.", title="T\udc00")
    assert record.document.text == "The ministry \ufffd denied the reports."
    assert record.document.title == "T\ufffd"
    assert "2 lone surrogate" in record.document.warnings[-1]
    json.loads(record.to_json())


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("The minister\u2019s caf\u00e9 statement was denied on Tuesday.".encode("cp1252"))
    (doc,) = read_documents([path])
    assert doc.encoding == "cp1252"
    assert any("not valid UTF-8" in w and "cp1252" in w for w in doc.warnings)
    (utf8,) = read_documents([_write(tmp_path / "ok.txt", "Caf\u00e9 said so.")])
    assert utf8.warnings == []


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_html_nested_deeper_than_libxml2s_limit_keeps_its_text(tmp_path):
    story = "North Korea denied the reports on Tuesday, the ministry said in a statement. " * 3
    html = "<html><head><title>Deep</title></head><body>" + "<div>" * 600 + f"<p>{story}</p>"
    path = _write(tmp_path / "deep.html", html + "</div>" * 600 + "</body></html>")
    (doc,) = read_documents([path])
    assert isinstance(doc, DocumentInfo), doc
    assert "North Korea denied the reports" in doc.text and doc.title == "Deep"


def test_an_unreadable_sub_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("Seoul said so.", encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        if onerror is not None:
            error = PermissionError(13, "Permission denied")
            error.filename = str(tmp_path / "locked")
            onerror(error)
        yield from real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(os, "walk", walk)
    items = list(read_documents([tmp_path]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'locked'}: cannot read this folder (Permission denied); skipped"
    ]
    assert [i.id for i in items if isinstance(i, DocumentInfo)] == ["ok.txt"]


def test_an_unexpected_failure_costs_one_document(analyzer, monkeypatch):
    from claimgraph import stages

    real = stages.EXTRACTORS["events"]

    def events(doc, record):
        if "BOOM" in doc.text:
            raise RuntimeError("something broke\nsecond line")
        return real(doc, record)

    monkeypatch.setitem(stages.EXTRACTORS, "events", events)
    texts = ["Japan summoned the Russian ambassador.", "BOOM went the parser.", "Seoul denied it."]
    results = list(analyzer.pipe(texts, errors="yield"))
    assert [type(r).__name__ for r in results] == ["Record", "AnalysisError", "Record"]
    assert str(results[1]) == (
        "text-2: analysis failed (RuntimeError: something broke); set CLAIMGRAPH_DEBUG=1 for the traceback"
    )
    with pytest.raises(AnalysisError):
        analyzer.analyze("BOOM again.")


def test_hostile_lines_among_good_ones_in_analyze(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(_lines(GOOD_1, *(h for h, _ in HOSTILE), GOOD_2))
    out_file = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "jsonl", "-o", str(out_file), "-q"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    records = [Record.model_validate_json(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [r.document.id for r in records] == ["good-1", "good-2"]
    assert result.output.count("error:") == len(HOSTILE) + 1  # one line each, then the summary


def test_a_dead_worker_process_is_one_error(analyzer, monkeypatch):
    import multiprocessing

    from claimgraph import stages

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the injected fault reaches workers only when they are forked")
    real = stages.EXTRACTORS["events"]

    def events(doc, record):
        if "DIE" in doc.text:
            os._exit(9)
        return real(doc, record)

    monkeypatch.setitem(stages.EXTRACTORS, "events", events)
    with pytest.raises(AnalysisError, match="a worker process died"):
        list(analyzer.pipe(["Seoul denied it.", "DIE now.", "Tokyo agreed."], workers=2, errors="yield"))
