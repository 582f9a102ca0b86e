"""The claim lexicon (knowledge/data/claims.tsv) and its loaders."""

from __future__ import annotations

from claimgraph.knowledge.claims import (
    CATEGORIES,
    claim_lexicon,
    claim_noun_verbs,
    lexicon_phrases,
    lexicon_words,
    past_forms,
    predicate_families,
)


def test_every_category_has_entries():
    lexicon = claim_lexicon()
    assert set(lexicon) == set(CATEGORIES)
    assert all(lexicon[c] for c in CATEGORIES)


def test_claim_nouns_name_the_verb_they_nominalise():
    assert claim_noun_verbs()["allegation"] == "allege"
    assert claim_noun_verbs()["accusation"] == "accuse"


def test_families_fold_nominalisations_and_synonyms():
    families = predicate_families()
    assert families["shipment"] == families["deliver"] == families["supply"]
    assert families["shell"] == families["munition"]


def test_words_and_phrases_are_separate():
    assert {"satellite", "intelligence", "investigation"} <= lexicon_words("evidence")
    assert "baseless" in lexicon_words("refute")
    assert "without evidence" in lexicon_phrases("doubt")
    assert "without evidence" not in lexicon_words("doubt")
    assert past_forms()["send"] == "sent"
