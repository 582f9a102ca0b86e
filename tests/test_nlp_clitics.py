"""Clitic verbs typed with "’" get their ASCII form's lemma (claimgraph.nlp.clitics)."""

from __future__ import annotations

from claimgraph.nlp import load_pipeline
from claimgraph.nlp.clitics import COMPONENT


def _lemmas(nlp, text: str) -> dict[str, str]:
    return {t.text: t.lemma_ for t in nlp(text)}


def test_the_component_runs_after_the_lemmatizer(nlp):
    names = load_pipeline().pipe_names
    assert names.index(COMPONENT) == names.index("lemmatizer") + 1


def test_typographic_clitics_have_the_ascii_lemmas(nlp):
    lemmas = _lemmas(nlp, "It’s not true, they’re wrong and I’m sure we’ve said so; she’ll repeat it.")
    assert (lemmas["’s"], lemmas["’re"], lemmas["’m"], lemmas["’ve"], lemmas["’ll"]) == (
        "be",
        "be",
        "be",
        "have",
        "will",
    )
    ascii_ = _lemmas(nlp, "It's not true, they're wrong and I'm sure we've said so; she'll repeat it.")
    assert (ascii_["'s"], ascii_["'re"], ascii_["'ll"]) == ("be", "be", "will")


def test_a_possessive_keeps_its_lemma(nlp):
    doc = nlp("The minister’s plan was rejected.")
    clitic = next(t for t in doc if t.text == "’s")
    assert clitic.tag_ == "POS" and clitic.lemma_ != "be"
