"""actors extractor (being written)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.record import Actor, Record

__all__ = ["actors"]


def actors(doc: Doc, record: Record) -> list[Actor]:
    """The record's actors (not yet implemented: returns none)."""
    return []
