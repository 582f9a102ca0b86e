"""Ingest: paths, directories, JSON lines and standard input → documents.

:func:`read_documents` streams :class:`~claimgraph.record.DocumentInfo`
objects, one per document, and, in place of a document that cannot be read,
the :class:`~claimgraph.errors.InputError` saying why — so a batch can report
bad inputs and go on.

Formats: ``.txt`` (and any other text file named directly), ``.html`` /
``.htm`` (main text and metadata by trafilatura), ``.jsonl`` (one document
per line: ``text`` or ``html``, optional ``id``, ``title``, ``url``,
``source``, ``published``), directories (recursive, those extensions) and
``-`` for standard input (HTML when it looks like HTML).

Document ids: a file argument's own name; a file found in a directory, its
path relative to that directory; a JSON line, its ``id`` field or
``FILE:LINE``; standard input, ``stdin``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from claimgraph.errors import InputError, InputTooLargeError
from claimgraph.ingest.decode import decode_bytes, encoding_warning
from claimgraph.ingest.jsonl import jsonl_documents
from claimgraph.record import DocumentInfo

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "count_documents",
    "decode_bytes",
    "document_from_bytes",
    "read_documents",
]

#: File name endings picked up when a directory is given.
SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl")
#: Files larger than this are refused before they are read.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def document_from_bytes(data: bytes, *, doc_id: str, kind: str | None = None) -> DocumentInfo:
    """A document from raw bytes; ``kind`` is ``"html"``, ``"text"`` or None (sniffed). Bytes that
    are not valid Unicode are decoded with a guessed code page, with a warning."""
    text, encoding = decode_bytes(data, source=doc_id)
    note = encoding_warning(encoding)
    warnings = [note] if note else []
    if kind == "html" or (kind is None and _looks_like_html(text)):
        from claimgraph.ingest.html import html_to_fields  # trafilatura: only for HTML

        return DocumentInfo(
            id=doc_id, encoding=encoding, warnings=warnings, **html_to_fields(text, source=doc_id)
        )
    return DocumentInfo(id=doc_id, text=text, encoding=encoding, warnings=warnings)


def _files_under(folder: Path) -> Iterator[Path | InputError]:
    """The files of ``folder`` with one of :data:`SUFFIXES`, sorted, and an error for each
    sub-folder that cannot be read (it is skipped, not silently)."""
    found: list[Path] = []
    failures: list[OSError] = []
    for root, _dirs, names in os.walk(folder, onerror=failures.append):
        found += [Path(root) / n for n in names if Path(n).suffix.lower() in SUFFIXES]
    for exc in failures:
        where = exc.filename or str(folder)
        yield InputError(f"cannot read this folder ({exc.strerror or exc}); skipped", source=str(where))
    files = sorted(p for p in found if p.is_file())
    if not files and not failures:
        yield InputError(f"no {', '.join(SUFFIXES)} files in this directory", source=str(folder))
    yield from files


def _read_file(path: Path, doc_id: str, max_bytes: int) -> Iterator[DocumentInfo | InputError]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(
                f"file of {size:,} bytes is over the limit of {max_bytes:,} bytes", source=str(path)
            )
        data = path.read_bytes()
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read file ({exc.strerror or exc})", source=str(path))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from jsonl_documents(data, name=str(path), id_prefix=doc_id)
        return
    kind = "html" if suffix in (".html", ".htm") else ("text" if suffix == ".txt" else None)
    try:
        yield document_from_bytes(data, doc_id=doc_id, kind=kind)
    except InputError as exc:
        yield exc


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[DocumentInfo | InputError]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputTooLargeError(f"input over the limit of {max_bytes:,} bytes", source="stdin")
        return
    stripped = data.lstrip()
    if stripped.startswith(b"{") and b"\n{" in data.strip():
        yield from jsonl_documents(data, name="stdin", id_prefix="stdin")
        return
    try:
        yield document_from_bytes(data, doc_id="stdin")
    except InputError as exc:
        yield exc


def read_documents(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[DocumentInfo | InputError]:
    """Stream documents (or the error for each unreadable input) from ``paths``."""
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _files_under(path):
                if isinstance(file, InputError):
                    yield file
                else:
                    yield from _read_file(file, file.relative_to(path).as_posix(), max_bytes)
        elif path.is_file():
            yield from _read_file(path, path.name, max_bytes)
        elif path.exists():
            yield InputError("not a regular file or directory", source=str(path))
        else:
            yield InputError("no such file or directory", source=str(path))


def count_documents(paths: Sequence[str | Path]) -> int | None:
    """About how many items :func:`read_documents` gives for ``paths``, without decoding any:
    a file is one, a JSON lines file its non-blank lines, a folder its files. For a progress
    bar's total; None with standard input (unknown until read)."""
    total = 0
    for raw in paths:
        if str(raw) == "-":
            return None
        path = Path(raw)
        files = [f for f in _files_under(path) if isinstance(f, Path)] if path.is_dir() else [path]
        for file in files:
            total += _lines(file) if file.suffix.lower() == ".jsonl" else 1
    return total


def _lines(path: Path) -> int:
    try:
        with open(path, "rb") as fh:
            return max(1, sum(1 for line in fh if line.strip()))
    except OSError:
        return 1  # read_documents reports it: one error
