"""statements extractor (being written: see its issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.record import Statement, Record

__all__ = ["statements"]


def statements(doc: Doc, record: Record) -> list[Statement]:
    """The record's statements (not yet implemented: returns none)."""
    return []
