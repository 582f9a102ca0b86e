"""claimgraph's extractors as spaCy pipeline components.

>>> nlp = spacy.load("en_core_web_sm")
>>> nlp.add_pipe("claimgraph_statements")   # adds actors first when missing
>>> doc = nlp(text); doc._.claimgraph       # the Record so far

Each component runs one extractor and stores the growing record on
``doc._.claimgraph``; ``claimgraph`` runs every stage at once.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.record import DocumentInfo, Record
from claimgraph.settings import STAGES
from claimgraph.stages import run_stages

__all__ = ["ClaimgraphComponent"]

if not Doc.has_extension("claimgraph"):
    Doc.set_extension("claimgraph", default=None)


class ClaimgraphComponent:
    """Run the given extraction stages and keep the record on ``doc._.claimgraph``."""

    def __init__(self, stages: tuple[str, ...]) -> None:
        self.stages = stages

    def __call__(self, doc: Doc) -> Doc:
        record = doc._.claimgraph or Record(document=DocumentInfo(id="doc", text=doc.text))
        doc._.claimgraph = run_stages(doc, record, self.stages)
        return doc


def _prerequisites(stage: str) -> tuple[str, ...]:
    return STAGES[: STAGES.index(stage) + 1]


@Language.factory("claimgraph")
def make_all(nlp: Language, name: str) -> ClaimgraphComponent:
    return ClaimgraphComponent(STAGES)


@Language.factory("claimgraph_actors")
def make_actors(nlp: Language, name: str) -> ClaimgraphComponent:
    return ClaimgraphComponent(("actors",))


@Language.factory("claimgraph_statements")
def make_statements(nlp: Language, name: str) -> ClaimgraphComponent:
    """Statements need actors: runs both (the stages up to statements)."""
    return ClaimgraphComponent(_prerequisites("statements"))


@Language.factory("claimgraph_events")
def make_events(nlp: Language, name: str) -> ClaimgraphComponent:
    """Events need actors and statements: runs the stages up to events."""
    return ClaimgraphComponent(_prerequisites("events"))
