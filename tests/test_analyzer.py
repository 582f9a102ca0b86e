"""The Analyzer: one parse per document, records in order, bad documents as errors."""

from __future__ import annotations

import itertools

import pytest

from claimgraph import Analyzer, Settings, analyze
from claimgraph.errors import ClaimgraphError, EmptyInputError, InputTooLargeError
from claimgraph.record import SCHEMA_ID, DocumentInfo

TEXT = "Chinese Foreign Minister Wang Yi met his Russian counterpart in Moscow on Monday."


def test_analyze_gives_a_record_with_metadata(analyzer):
    record = analyzer.analyze(TEXT, id="x1", title="Talks", published="2024-03-01")
    assert record.schema_ == SCHEMA_ID
    assert (record.document.id, record.document.title, record.document.language) == ("x1", "Talks", "en")
    assert record.document.text == TEXT
    assert record.generator["claimgraph"] and record.generator["spacy_model"]
    assert record.generator["voice_encoder"] in ("static", "transformer")
    assert record.check_spans() == []


def test_module_level_analyze_shares_a_default_analyzer():
    assert analyze(TEXT).document.text == TEXT


def test_nlp_is_the_spacy_language(analyzer):
    assert analyzer.nlp.lang == "en" and "parser" in analyzer.nlp.pipe_names


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_refused(analyzer, text):
    with pytest.raises(EmptyInputError):
        analyzer.analyze(text)


def test_text_over_the_limit_is_refused(nlp):
    small = Analyzer(Settings(max_chars=20), nlp=nlp)
    with pytest.raises(InputTooLargeError, match="over the limit of 20"):
        small.analyze(TEXT)


def test_non_english_text_is_analysed_with_a_warning(analyzer):
    record = analyzer.analyze("Le ministre des Affaires étrangères a démenti les accusations de la Russie.")
    assert record.document.language == "fr"
    assert any("not English" in w for w in record.document.warnings)


def test_pipe_streams_records_in_order_and_yields_errors(analyzer):
    docs = [DocumentInfo(id="a", text=TEXT), DocumentInfo(id="b", text=" "), "Moscow denied it."]
    results = list(analyzer.pipe(docs, errors="yield"))
    assert [type(r).__name__ for r in results] == ["Record", "EmptyInputError", "Record"]
    assert results[0].document.id == "a" and results[2].document.id == "text-3"


def test_pipe_raises_by_default(analyzer):
    with pytest.raises(ClaimgraphError):
        list(analyzer.pipe(["fine text here", ""]))


def test_pipe_with_worker_processes_matches_one_process(analyzer):
    """Records in input order, equal to one process's, over several chunks on both workers."""
    texts = [TEXT, "Japan summoned the Russian ambassador.", "", "Beijing dismissed the reports."] * 3
    texts += ["Seoul said Pyongyang fired two missiles on Monday.", "The Kremlin denied it."]
    local = [
        r.to_dict() if not isinstance(r, Exception) else str(r) for r in analyzer.pipe(texts, errors="yield")
    ]
    multi = [
        r.to_dict() if not isinstance(r, Exception) else str(r)
        for r in Analyzer(analyzer.settings).pipe(texts, workers=2, errors="yield")
    ]
    assert multi == local


@pytest.mark.parametrize("workers", [1, 2])
def test_pipe_streams_with_a_bounded_number_of_documents_in_flight(analyzer, workers):
    """An endless input: the pipe never reads more than ``in_flight`` documents ahead of the
    records it has given, so memory does not grow with the input."""
    pulled = 0

    def endless():
        nonlocal pulled
        for n in itertools.count():
            pulled += 1
            yield f"Seoul said Pyongyang fired {n} missiles."

    pipe = analyzer if workers == 1 else Analyzer(analyzer.settings)
    bound = pipe.in_flight(workers)
    records = pipe.pipe(endless(), workers=workers)
    ahead = []
    for n, record in enumerate(records, start=1):
        ahead.append(pulled - n)
        assert record.document.text == f"Seoul said Pyongyang fired {n - 1} missiles."
        if n == 3 * bound:
            break
    records.close()
    assert max(ahead) <= bound
