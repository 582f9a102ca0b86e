"""JSON lines: one document per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from claimgraph.errors import BinaryInputError, InputError, MalformedInputError
from claimgraph.ingest.decode import decode_bytes, normalize_newlines
from claimgraph.ingest.html import html_to_fields
from claimgraph.record import DocumentInfo

__all__ = ["METADATA_FIELDS", "jsonl_documents"]

#: Optional fields copied from a JSON line into the document.
METADATA_FIELDS: tuple[str, ...] = ("title", "url", "source", "published", "author")


def _document(obj: Any, where: str, default_id: str) -> DocumentInfo:
    if not isinstance(obj, dict):
        raise MalformedInputError("a JSON line must be an object with a 'text' or 'html' field", source=where)
    meta = {k: str(obj[k]) for k in METADATA_FIELDS if obj.get(k) not in (None, "")}
    doc_id = str(obj["id"]) if obj.get("id") not in (None, "") else default_id
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return DocumentInfo.model_validate({"id": doc_id, "text": normalize_newlines(text), **meta})
    if isinstance(html, str) and html.strip():
        fields = html_to_fields(html, source=where, url=meta.get("url"))
        fields.update(meta)
        return DocumentInfo.model_validate({"id": doc_id, **fields})
    raise MalformedInputError("the JSON line has no non-empty 'text' or 'html' field", source=where)


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
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield MalformedInputError(f"invalid JSON ({exc.msg} at column {exc.colno})", source=where)
            continue
        try:
            doc = _document(obj, where, f"{id_prefix}:{number}")
        except InputError as exc:
            yield exc
            continue
        yield doc.model_copy(update={"encoding": encoding})
    if not seen_any:
        yield MalformedInputError("the JSON-lines file has no documents", source=name)
