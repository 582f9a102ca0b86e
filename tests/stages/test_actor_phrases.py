"""The actor phrase trie matches what a spaCy PhraseMatcher on LOWER matches."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher

from claimgraph.knowledge.actors import actor_knowledge
from claimgraph.stages.actors.match import _Compiled

TEXT = (
    "The U.S. State Department and the European Union condemned the strikes. "
    "Russian troops, backed by the Kremlin, entered eastern Ukraine; the foreign minister of "
    "Saudi Arabia met NATO officials and the US ambassador in the united states capitol. "
    "Iran-backed militias and Hamas fighters clashed near Gaza City, the UN said."
)


def test_plain_phrases_split_as_the_tokenizer_splits_them(nlp):
    kb = actor_knowledge()
    tokenizer = English(vocab=nlp.vocab).tokenizer
    compiled = _Compiled(nlp.vocab, kb)
    for entries in compiled.by_lower.values():
        for words, surface in entries:
            assert words == tuple(t.text for t in tokenizer(surface.phrase)), surface.phrase
    for role in kb.roles.values():
        assert compiled.phrase_words(role.phrase) == tuple(t.text for t in tokenizer(role.phrase)), (
            role.phrase
        )
    for phrase in ("Bogotá", "São Tomé and Príncipe", "cannot", "U.S.", "Bosnia-Herzegovina"):
        assert compiled.phrase_words(phrase) == tuple(t.text for t in tokenizer(phrase)), phrase


def test_trie_finds_the_phrase_matcher_matches(nlp):
    kb = actor_knowledge()
    compiled = _Compiled(nlp.vocab, kb)
    tokenizer = English(vocab=nlp.vocab).tokenizer
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for phrase, entries in compiled.by_lower.items():
        matcher.add("AE:" + phrase, [tokenizer(s.phrase) for _, s in entries])
    for phrase, role in kb.roles.items():
        matcher.add("AR:" + phrase, [tokenizer(role.phrase)])
    doc = nlp(TEXT)
    expected = sorted((nlp.vocab.strings[k], s, e) for k, s, e in matcher(doc))
    found = compiled(doc)
    assert sorted(found) == expected
    assert found == sorted(found, key=lambda m: (m[1], m[2]))
    assert ("AE:european union", 6, 8) in found
