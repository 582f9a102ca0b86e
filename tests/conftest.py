"""Shared fixtures: one spaCy pipeline and one Analyzer for the whole test session."""

from __future__ import annotations

import os

import pytest

from claimgraph.analyzer import Analyzer
from claimgraph.errors import DataError
from claimgraph.eval import shared_data_dir
from claimgraph.nlp import load_pipeline

# The suite tests the default voice model, also where the transformer extra is installed
# (its own tests ask for it by name).
os.environ.setdefault("CLAIMGRAPH_VOICE_ENCODER", "static")


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def analyzer(nlp):
    return Analyzer(nlp=nlp)


@pytest.fixture(scope="session")
def shared_data():
    """The research corpora folder; tests that need it skip when it is absent."""
    try:
        return shared_data_dir()
    except DataError as exc:
        pytest.skip(f"research data not available: {exc}")
