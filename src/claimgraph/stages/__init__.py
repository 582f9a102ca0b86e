"""Extractors: pure functions of (parsed doc, record so far) that return new parts.

Each stage returns the list that fills one field of the record; the
:class:`~claimgraph.analyzer.Analyzer` is the one place that puts them in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.tokens import Doc

from claimgraph.record import Record
from claimgraph.stages.actors import actors
from claimgraph.stages.claims import claims, link_statements
from claimgraph.stages.events import events
from claimgraph.stages.statements import statements
from claimgraph.stages.techniques import techniques
from claimgraph.stages.voice import voice

__all__ = [
    "EXTRACTORS",
    "Extractor",
    "actors",
    "claims",
    "events",
    "run_stages",
    "statements",
    "techniques",
    "voice",
]

Extractor = Callable[[Doc, Record], list[Any]]

#: Record field → extractor, in the order they run.
EXTRACTORS: dict[str, Extractor] = {
    "actors": actors,
    "statements": statements,
    "events": events,
    "techniques": techniques,
    "voice": voice,
    "claims": claims,
}


def run_stages(doc: Doc, record: Record, stages: Iterable[str]) -> Record:
    """Run the extraction ``stages`` over ``doc`` and return the filled record.

    The one place where extractor output goes into the record. After the
    claims stage, each statement's ``claim`` points back to its claim.
    """
    for stage in stages:
        record = record.model_copy(update={stage: EXTRACTORS[stage](doc, record)})
        if stage == "claims":
            linked = link_statements(record.statements, record.claims)
            record = record.model_copy(update={"statements": linked})
    return record
