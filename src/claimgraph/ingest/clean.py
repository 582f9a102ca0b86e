"""The text a record carries: a document's text as the analyser keeps it.

Lone surrogates (which no encoder accepts) are replaced by U+FFFD in the text and the
metadata, with a warning. The corpus keys a document by the hash of that text, so
``claimgraph ingest`` hashes :func:`analysed_text` to skip a stored document before
analysing it; it imports no NLP.
"""

from __future__ import annotations

from typing import Any

from claimgraph.ingest.decode import replace_lone_surrogates
from claimgraph.record import DocumentInfo

__all__ = ["analysed_text", "without_lone_surrogates"]


def without_lone_surrogates(info: DocumentInfo) -> DocumentInfo:
    """The document with lone surrogates in its text and metadata replaced by U+FFFD, and a
    warning saying how many; unchanged when there are none."""
    changes: dict[str, Any] = {}
    count = 0
    for name, value in info:
        if isinstance(value, str):
            clean, n = replace_lone_surrogates(value)
            if n:
                changes[name], count = clean, count + n
    if not count:
        return info
    note = f"{count} lone surrogate code point(s) replaced by U+FFFD"
    return info.model_copy(update={**changes, "warnings": [*info.warnings, note]})


def analysed_text(document: DocumentInfo) -> str:
    """The text a record of ``document`` carries (``record.document.text``)."""
    return without_lone_surrogates(document).text
