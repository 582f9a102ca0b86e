"""The record's closed vocabularies that code outside the analysis needs.

:mod:`claimgraph.record` (pydantic models) uses and re-exports them; the query commands
and the store import them from here, without loading pydantic.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["EVENT_MODES", "TECHNIQUE_LABELS", "EventMode", "TechniqueLabel"]

EventMode = Literal["asserted", "negated", "intended", "hypothetical", "demanded"]
TechniqueLabel = Literal[
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
]
#: The modes of an event, in the record's order.
EVENT_MODES: tuple[str, ...] = get_args(EventMode)
#: The 14 labels of the Propaganda Techniques Corpus, spelt exactly as in PTC.
TECHNIQUE_LABELS: tuple[str, ...] = get_args(TechniqueLabel)
