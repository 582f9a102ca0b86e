"""claims extractor (being written: see its issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.record import Claim, Record

__all__ = ["claims"]


def claims(doc: Doc, record: Record) -> list[Claim]:
    """The record's claims (not yet implemented: returns none)."""
    return []
