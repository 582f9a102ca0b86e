"""The extraction stages: one package each, a pure function of (parsed doc, record so far).

Each stage's ``__init__`` holds its stage function, which returns the list that fills
one field of the record; its helpers, features and model (inference only) sit beside
it, its fitting code in ``train.py``. Stages meet only in the Record (import-linter
contracts in ``pyproject.toml``). :func:`run_stages` is the one place their output
goes into the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.tokens import Doc

from claimgraph.nlp.columns import forget_columns
from claimgraph.record import Record
from claimgraph.settings import STAGES
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

#: Each stage's extractor, by the record field it fills.
_BY_FIELD: dict[str, Extractor] = {
    "actors": actors,
    "claims": claims,
    "events": events,
    "statements": statements,
    "techniques": techniques,
    "voice": voice,
}

#: Record field → extractor, in the order of :data:`claimgraph.settings.STAGES` (the one place
#: the order is written).
EXTRACTORS: dict[str, Extractor] = {stage: _BY_FIELD[stage] for stage in STAGES}


def run_stages(doc: Doc, record: Record, stages: Iterable[str]) -> Record:
    """Run the extraction ``stages`` over ``doc`` and return the filled record.

    The one place where extractor output goes into the record. After the
    claims stage, each statement's ``claim`` points back to its claim.
    """
    forget_columns(doc)  # read afresh: a component before this one may have changed the parse
    try:
        for stage in stages:
            record = record.model_copy(update={stage: EXTRACTORS[stage](doc, record)})
            if stage == "claims":
                linked = link_statements(record.statements, record.claims)
                record = record.model_copy(update={"statements": linked})
    finally:
        forget_columns(doc)  # the lists need not outlive the stages
    return record
