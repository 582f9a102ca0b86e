"""events extractor (being written: see its issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.record import Event, Record

__all__ = ["events"]


def events(doc: Doc, record: Record) -> list[Event]:
    """The record's events (not yet implemented: returns none)."""
    return []
