"""The collector is paused while long-lived tables are built, and left as it was after."""

from __future__ import annotations

import gc

from claimgraph.analyzer import Analyzer
from claimgraph.collector import collection_paused


def test_a_pause_survives_a_library_that_enables_the_collector():
    before = gc.get_threshold()
    with collection_paused():
        gc.enable()  # what msgpack does after reading spaCy's weights
        assert gc.get_threshold()[0] == 0
        with collection_paused():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == before


def test_the_pause_ends_when_the_block_fails():
    before = gc.get_threshold()
    try:
        with collection_paused():
            raise ValueError("a build that fails")
    except ValueError:
        pass
    assert gc.get_threshold() == before


def test_the_analyzer_freezes_once_and_leaves_the_collector_running(nlp, monkeypatch):
    import claimgraph.collector

    frozen: list[int] = []
    monkeypatch.setattr(claimgraph.collector, "freeze_long_lived", lambda: frozen.append(1))
    before = gc.get_threshold()
    text = "Russia expelled two British diplomats on Monday, the ministry said."
    Analyzer(nlp=nlp, freeze_tables=False).analyze(text)
    assert frozen == []  # asked not to freeze
    assert gc.get_threshold() == before
    assert gc.isenabled()
    analyzer = Analyzer(nlp=nlp)
    analyzer.analyze(text)
    analyzer.analyze(text)
    assert frozen == [1]  # after the first record, once
    assert gc.get_threshold() == before


def test_a_freezing_pause_freezes_inside_and_only_when_the_block_succeeds(monkeypatch):
    import claimgraph.collector

    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(claimgraph.collector, "freeze_long_lived", lambda: seen.append(gc.get_threshold()))
    with collection_paused(freeze=True):
        pass
    assert [t[0] for t in seen] == [0]  # frozen while collection was still paused
    try:
        with collection_paused(freeze=True):
            raise ValueError("a failed build")
    except ValueError:
        pass
    assert len(seen) == 1  # a failed block freezes nothing
