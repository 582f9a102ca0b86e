"""Ingest: every format, encodings, ids, and bad input as errors (never exceptions)."""

from __future__ import annotations

import io
import json

import pytest

from claimgraph.errors import BinaryInputError, InputError, InputTooLargeError, MalformedInputError
from claimgraph.ingest import decode_bytes, read_documents

STORY = "North Korea denied the reports on Tuesday, the ministry said in a statement."
HTML = f"""<!DOCTYPE html><html><head><title>Denial</title>
<meta name="author" content="Alma Writer"><meta property="og:site_name" content="Ledger">
<meta property="article:published_time" content="2024-03-14"></head>
<body><nav>Home | World</nav><article><h1>Denial</h1><p>{STORY} {STORY}</p>
<p>Officials in Seoul said they had evidence of the shipments and would share it.</p></article>
<footer>Copyright</footer></body></html>"""


def one(paths, **kw):
    items = list(read_documents(paths, **kw))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("Caf\u00e9 \u201cquoted\u201d".encode(), "utf-8", "Caf\u00e9 \u201cquoted\u201d"),
        ("Caf\u00e9 \u201cquoted\u201d".encode("utf-8-sig"), "utf-8", "Caf\u00e9 \u201cquoted\u201d"),
        ("Caf\u00e9 \u201cquoted\u201d".encode("utf-16"), "utf-16", "Caf\u00e9 \u201cquoted\u201d"),
        (
            "The minister\u2019s caf\u00e9 \u201cstatement\u201d was denied on Tuesday.".encode("cp1252"),
            "cp1252",
            "The minister\u2019s caf\u00e9 \u201cstatement\u201d was denied on Tuesday.",
        ),
        (b"line one\r\nline two\rline three", "utf-8", "line one\nline two\nline three"),
    ],
)
def test_encodings_are_detected_and_recorded(data, encoding, text):
    assert decode_bytes(data) == (text, encoding)


def test_binary_data_is_refused():
    with pytest.raises(BinaryInputError):
        decode_bytes(bytes(range(256)) * 4)


def test_text_file_id_is_its_own_name(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    doc = one([path])
    assert (doc.id, doc.text, doc.encoding) == ("story.txt", STORY, "utf-8")


def test_html_gives_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    doc = one([path])
    assert STORY in doc.text and "Copyright" not in doc.text and "Home | World" not in doc.text
    assert doc.title == "Denial" and doc.author == "Alma Writer" and doc.source == "Ledger"
    assert doc.published == "2024-03-14"


def test_html_without_main_text_is_an_error(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    assert isinstance(one([path]), MalformedInputError)


def test_jsonl_lines_become_documents_and_bad_lines_errors(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": STORY, "source": "Ledger", "published": "2024-01-02"}),
        "{not json",
        json.dumps({"html": HTML, "url": "https://example.org/x"}),
        json.dumps({"text": "   "}),
        json.dumps(["a list"]),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_documents([path]))
    assert [type(i).__name__ for i in items] == [
        "DocumentInfo",
        "MalformedInputError",
        "DocumentInfo",
        "MalformedInputError",
        "MalformedInputError",
    ]
    assert (items[0].id, items[0].source, items[0].published) == ("a", "Ledger", "2024-01-02")
    assert items[2].id == "batch.jsonl:3" and items[2].url == "https://example.org/x"
    assert str(items[1]).startswith(f"{path}:2: invalid JSON")


def test_jsonl_text_line_ends_are_normalised(tmp_path):
    path = tmp_path / "ends.jsonl"
    path.write_text(json.dumps({"text": "One.\r\nTwo.\rThree."}) + "\n", encoding="utf-8")
    [doc] = read_documents([path])
    assert doc.text == "One.\nTwo.\nThree."


def test_directories_are_read_recursively_with_relative_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "two.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF-1.4")
    ids = [d.id for d in read_documents([tmp_path])]
    assert ids == ["a/one.txt", "two.html"]


def test_several_paths_and_stdin(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(STORY, encoding="utf-8")
    items = list(read_documents([path, "-"], stdin=io.BytesIO(HTML.encode())))
    assert [i.id for i in items] == ["x.txt", "stdin"] and items[1].title == "Denial"


@pytest.mark.parametrize("name", ["missing.txt", "nowhere/"])
def test_missing_paths_are_errors(tmp_path, name):
    item = one([tmp_path / name])
    assert isinstance(item, InputError) and "no such file" in str(item)


def test_oversized_files_are_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    assert isinstance(one([path], max_bytes=100), InputTooLargeError)


def test_binary_file_is_an_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    assert isinstance(one([path]), BinaryInputError)
