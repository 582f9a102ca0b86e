"""techniques extractor (being written: see its issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.record import Technique, Record

__all__ = ["techniques"]


def techniques(doc: Doc, record: Record) -> list[Technique]:
    """The record's techniques (not yet implemented: returns none)."""
    return []
