"""The public surface is small and pinned (a change here is an API change)."""

from __future__ import annotations

import claimgraph


def test_exported_names():
    assert sorted(claimgraph.__all__) == [
        "Analyzer",
        "ClaimgraphError",
        "Record",
        "Settings",
        "__version__",
        "analyze",
    ]
    for name in claimgraph.__all__:
        assert hasattr(claimgraph, name)


def test_spacy_component_adds_the_record(nlp):
    import spacy

    from claimgraph import components  # noqa: F401  (registers the factories)

    pipeline = spacy.load(nlp.path) if nlp.path else None
    if pipeline is None:
        return
    pipeline.add_pipe("claimgraph_actors")
    doc = pipeline("Japan summoned the Russian ambassador.")
    assert doc._.claimgraph is not None and doc._.claimgraph.document.text == doc.text
