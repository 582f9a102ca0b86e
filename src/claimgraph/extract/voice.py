"""voice extractor (being written: see its issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.record import Voice, Record

__all__ = ["voice"]


def voice(doc: Doc, record: Record) -> list[Voice]:
    """The record's voice (not yet implemented: returns none)."""
    return []
