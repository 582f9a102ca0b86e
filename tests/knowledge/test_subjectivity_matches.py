"""Cue matches of the subjectivity lexicon: words by form or lemma, phrases by form."""

from __future__ import annotations

from claimgraph.knowledge.subjectivity import cue_lexicon, cue_matches


def test_starts_are_words_and_phrase_heads() -> None:
    lex = cue_lexicon()
    assert lex.starts == frozenset(lex.words) | frozenset(lex.phrases)
    assert "witch" in lex.starts and "absurd" in lex.starts


def test_matches_by_form_lemma_and_phrase() -> None:
    lowers = ["it", "is", "a", "witch", "hunt", "and", "absurd", "lies", "."]
    lemmas = ["it", "be", "a", "witch", "hunt", "and", "absurd", "lie", "."]
    found = cue_matches(lowers, lemmas)
    assert (3, 5, "evaluative_negative") in found  # "witch hunt"
    assert (6, 7, "evaluative_negative") in found
    assert (7, 8, "evaluative_negative") in found
    assert all(s in (3, 6, 7) or lowers[s] in cue_lexicon().starts for s, _, _ in found)
    assert cue_matches([], []) == []
    # a lemma that is a cue when the form is not
    assert cue_matches(["liars"], ["absurd"]) == [(0, 1, c) for c in cue_lexicon().words["absurd"]]
