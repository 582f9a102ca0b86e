"""JSON lines: one document per line.

Each line is parsed with limits, so that one hostile line costs only itself: at most
:data:`MAX_LINE_CHARS` characters, nesting at most :data:`MAX_DEPTH` deep, integers of at
most :data:`MAX_INT_DIGITS` digits. A line over a limit, or not JSON, yields its one-line
:class:`~claimgraph.errors.MalformedInputError` and the next line is read. Lone surrogate
escapes (``"\\ud800"``), which no encoder accepts, are replaced by U+FFFD in every field
read, with a warning in the document's ``warnings``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from claimgraph.errors import BinaryInputError, InputError, MalformedInputError
from claimgraph.ingest.decode import (
    decode_bytes,
    encoding_warning,
    normalize_newlines,
    replace_lone_surrogates,
)
from claimgraph.record import DocumentInfo

__all__ = ["MAX_DEPTH", "MAX_INT_DIGITS", "MAX_LINE_CHARS", "METADATA_FIELDS", "jsonl_documents"]

#: Optional fields copied from a JSON line into the document.
METADATA_FIELDS: tuple[str, ...] = ("title", "url", "source", "published", "author")
#: Longest line read, in characters (a document's text is limited again, more tightly, by
#: the analyzer's ``max_chars``).
MAX_LINE_CHARS = 32_000_000
#: Deepest nesting of arrays and objects accepted.
MAX_DEPTH = 64
#: Most digits of an integer accepted (Python refuses to convert more than 4,300).
MAX_INT_DIGITS = 64

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


class _LimitError(ValueError):
    """A JSON line over one of the limits."""


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _LimitError(f"an integer of {len(digits.lstrip('-')):,} digits (at most {MAX_INT_DIGITS})")
    return int(digits)


def _nesting(line: str) -> int:
    """How deep the line's arrays and objects nest (brackets inside strings do not count)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', line)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _parse(line: str, where: str) -> Any:
    """The JSON value of one line, within the limits."""
    try:
        if len(line) > MAX_LINE_CHARS:
            raise _LimitError(f"a line of {len(line):,} characters (at most {MAX_LINE_CHARS:,})")
        if (depth := _nesting(line)) > MAX_DEPTH:
            raise _LimitError(f"nesting {depth} deep (at most {MAX_DEPTH})")
        return json.loads(line, parse_int=_bounded_int)
    except _LimitError as exc:
        raise MalformedInputError(f"JSON line over a limit: {exc}", source=where) from None
    except json.JSONDecodeError as exc:
        raise MalformedInputError(f"invalid JSON ({exc.msg} at column {exc.colno})", source=where) from None
    except (ValueError, RecursionError) as exc:
        raise MalformedInputError(f"invalid JSON ({type(exc).__name__})", source=where) from None


def _clean(value: Any, replaced: list[int]) -> str:
    """A field as text, lone surrogates replaced (their count added to ``replaced``)."""
    text, count = replace_lone_surrogates(value if isinstance(value, str) else str(value))
    replaced[0] += count
    return text


def _document(obj: Any, where: str, default_id: str) -> DocumentInfo:
    if not isinstance(obj, dict):
        raise MalformedInputError("a JSON line must be an object with a 'text' or 'html' field", source=where)
    replaced = [0]
    meta = {k: _clean(obj[k], replaced) for k in METADATA_FIELDS if obj.get(k) not in (None, "")}
    doc_id = _clean(obj["id"], replaced) if obj.get("id") not in (None, "") else default_id
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        fields: dict[str, Any] = {"text": normalize_newlines(_clean(text, replaced))}
    elif isinstance(html, str) and html.strip():
        from claimgraph.ingest.html import html_to_fields  # trafilatura: only for HTML

        fields = html_to_fields(_clean(html, replaced), source=where, url=meta.get("url"))
    else:
        raise MalformedInputError("the JSON line has no non-empty 'text' or 'html' field", source=where)
    warnings = [f"{replaced[0]} lone surrogate code point(s) replaced by U+FFFD"] if replaced[0] else []
    fields.update(meta)
    return DocumentInfo.model_validate({"id": doc_id, **fields, "warnings": warnings})


def jsonl_documents(data: bytes, *, name: str, id_prefix: str) -> Iterator[DocumentInfo | InputError]:
    """Documents from JSON-lines bytes; a bad line yields its error, the rest go on.

    A line's id is its ``id`` field, or ``FILE:LINE`` (1-based).
    """
    try:
        text, encoding = decode_bytes(data, source=name)
    except BinaryInputError as exc:
        yield exc
        return
    seen_any = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{name}:{number}"
        try:
            doc = _document(_parse(line, where), where, f"{id_prefix}:{number}")
        except InputError as exc:
            yield exc
            continue
        note = encoding_warning(encoding)
        yield doc.model_copy(
            update={"encoding": encoding, "warnings": [*doc.warnings, *([note] if note else [])]}
        )
    if not seen_any:
        yield MalformedInputError("the JSON-lines file has no documents", source=name)
