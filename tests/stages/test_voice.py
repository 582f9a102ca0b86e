"""The author's voice: where the writer asserts or evaluates without attribution."""

from __future__ import annotations

import pytest

from claimgraph.knowledge.subjectivity import cue_lexicon, cue_matches
from claimgraph.record import DocumentInfo, Record, Statement
from claimgraph.stages.voice import voice
from claimgraph.stages.voice.features import attributed_tokens, quoted_tokens, sentence_features
from claimgraph.stages.voice.model import load_voice_model

needs_model = pytest.mark.skipif(load_voice_model() is None, reason="voice model not trained")


def _record(text: str, statements: list[Statement] | None = None) -> Record:
    return Record(document=DocumentInfo(id="t", text=text), statements=statements or [])


def _voice(nlp, text: str, statements: list[Statement] | None = None):
    return voice(nlp(text), _record(text, statements))


# -- the lexicon ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "category"),
    [
        (["a", "cynical", "smear"], "evaluative_negative"),
        (["end", "of", "story"], "closure"),
        (["they", "must", "go"], "obligation"),
        (["the", "claims", "are", "false"], "denial_assertion"),
        (["there", "is", "no", "evidence"], "denial_assertion"),
        (["sadly", "it", "failed"], "stance_adverb"),
    ],
)
def test_cue_matches_find_the_category(words: list[str], category: str) -> None:
    assert category in {cat for _, _, cat in cue_matches(words, words)}


def test_lexicon_loads_every_category_with_terms() -> None:
    lex = cue_lexicon()
    assert "say" in lex.terms("reporting_verb")
    assert "allegation" in lex.terms("claim_noun")
    assert len(lex.words) > 500


# -- attribution ------------------------------------------------------------------------
def test_quoted_tokens_cover_the_quotation_only(nlp) -> None:
    doc = nlp("“This is a cynical smear,” the minister said.")
    inside = {doc[i].text for i in quoted_tokens(doc[:])}
    assert {"cynical", "smear"} <= inside
    assert "minister" not in inside


def test_apostrophes_are_not_quotes(nlp) -> None:
    doc = nlp("The country’s leaders don’t agree.")
    assert quoted_tokens(doc[:]) == set()


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("“The country’s plan is a sham,” he said.", {"country", "sham"}, {"he", "said"}),
        ("He called it ‘a sham’ and ‘a farce’ today.", {"sham", "farce"}, {"and", "today"}),
        ("She said “it will not last", {"will", "last"}, {"She"}),  # left open: to the end
        ("The «so-called» talks", {"so"}, {"talks"}),
    ],
)
def test_quoted_tokens_single_curly_guillemets_and_open_quotes(nlp, text, inside, outside) -> None:
    doc = nlp(text)
    found = {doc[i].text for i in quoted_tokens(doc[:])}
    assert inside <= found
    assert not outside & found


@pytest.mark.parametrize(
    ("text", "reports"),
    [
        ("The minister said the accusations were a cynical smear campaign.", True),
        ("According to the ministry, the talks failed.", True),
        ("I think the accusations are a cynical smear campaign.", False),
        ("The accusations are a cynical smear campaign.", False),
    ],
)
def test_main_reporting_verb_with_another_speaker(nlp, text: str, reports: bool) -> None:
    _, main_reports = attributed_tokens(next(nlp(text).sents))
    assert main_reports is reports


def test_features_count_cues_in_the_author_region_only(nlp) -> None:
    doc = nlp("The minister said the plan was absurd.")
    features, _ = sentence_features(doc[:])
    assert features.get("cue:evaluative_negative")
    assert not features.get("cue_author:evaluative_negative")


# -- the extractor --------------------------------------------------------------------
@needs_model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The accusations are false.", "author_assertion"),
        ("There is no evidence for the claims.", "author_assertion"),
        ("This is a cynical smear campaign cooked up by hostile capitals.", "author_evaluation"),
        ("Washington needs someone to blame for its own failures.", "author_evaluation"),
        (
            "Without a shred of proof, the ridiculous allegations keep coming. End of story.",
            "author_evaluation",
        ),
    ],
)
def test_author_voice_is_found(nlp, text: str, kind: str) -> None:
    found = _voice(nlp, text)
    assert found, text
    assert kind in {v.kind for v in found}
    for v in found:
        assert text[v.start : v.end] == v.text
        assert 0.5 <= v.score <= 1.0


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "“This is a cynical smear campaign cooked up by hostile capitals,” the minister said.",
        "The minister said the accusations were a cynical smear campaign.",
        "The ministry published the trade figures on Tuesday.",
        "Officials met in Geneva on Monday to discuss the ceasefire.",
    ],
)
def test_reporting_and_attributed_judgements_are_not_voice(nlp, text: str) -> None:
    assert _voice(nlp, text) == []


@needs_model
def test_statement_content_is_cut_from_voice(nlp) -> None:
    text = "The plan is a cynical smear campaign, and it will fail."
    free = _voice(nlp, text)
    assert free
    content = Record(document=DocumentInfo(id="t", text=text)).span(0, len(text) - 1)
    statement = Statement(id="S1", speaker="A1", content=content, kind="mixed")
    assert _voice(nlp, text, [statement]) == []


def test_voice_of_an_empty_document(nlp) -> None:
    assert _voice(nlp, "   ") == []


@needs_model
def test_the_cue_model_decides_alone_without_embeddings(nlp) -> None:
    model = load_voice_model()
    features, _ = sentence_features(nlp("This is an absurd and shameful farce.")[:])
    (p,) = model.probabilities([features], None)
    assert 0.0 <= p <= 1.0
    assert model.decision_threshold(with_embedding=False) == model.threshold_cues
