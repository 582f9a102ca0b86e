"""The statements tagger without feature strings: block_rows gives the rows the strings of
block_features look up, and the tagger's spans equal those of python-crfsuite's Tagger."""

from __future__ import annotations

import pycrfsuite
import pytest

from claimgraph.stages.statements.features import DocView, FeatureRows, block_features, block_rows, blocks
from claimgraph.stages.statements.tagger import decode, load_tagger

TEXTS = [
    # reporting verbs, quotes, a line break, a word holding '|', an '=' in a word
    "The minister said on Monday that the plan would fail. \u201cIt is a mistake,\u201d she told "
    "reporters.\n\n"
    'Critics, according to a|b analysts, argued the x=y rule "never worked" and warned it would cost jobs.',
    "He added: 'We will not back down.' Officials denied the report, saying it was false.",
    "No speech here at all, just a sentence about the weather in Paris and the rain.",
    "\u00c9t\u00e9 fran\u00e7ais? The spokesman claimed that prices rose by 3%, a claim the union disputed.",
]


def _reference(doc, tagger):  # type: ignore[no-untyped-def]
    """The tagger's spans as python-crfsuite gives them (the code before the numpy CRF)."""
    ref = pycrfsuite.Tagger()
    ref.open(str(tagger.model_path))
    view = DocView(doc, tagger.lemmas)
    spans = []
    for b_i, block in enumerate(blocks(doc)):
        if not block:
            continue
        labels = ref.tag(block_features(view, block))
        if all(lab == "O" for lab in labels):
            continue
        found = decode(block, labels, b_i)
        for sp in found:
            if sp.role == "cue":
                pos = [j for j, i in enumerate(block) if sp.start <= i < sp.end]
                sp.prob = sum(ref.marginal(labels[j], j) for j in pos) / len(pos)
        spans.extend(found)
    return [(s.role, s.start, s.end, s.block, s.prob) for s in spans]


@pytest.mark.parametrize("text", TEXTS)
def test_block_rows_are_the_feature_strings_rows(nlp, text: str) -> None:
    tagger = load_tagger()
    doc = nlp(text)
    view = DocView(doc, tagger.lemmas)
    doc_blocks = [b for b in blocks(doc) if b]
    rows = block_rows(view, doc_blocks, tagger.rows).tolist()
    strings = [f for b in doc_blocks for f in block_features(view, b)]
    assert len(rows) == len(strings)
    unknown = tagger.model.unknown
    for got, feats in zip(rows, strings, strict=True):
        expected = [tagger.model.rows[f] for f in feats]
        # the same known features in the same order (a zero row where a token has none)
        assert [r for r in got if r != unknown] == [r for r in expected if r != unknown]


def test_feature_rows_read_pairs_at_every_bar() -> None:
    names = {"bg=a|b|c": 0, "pd=NOUN|nsubj": 1, "w=a|b": 2, "b": 3, "cue=1": 4}
    index = FeatureRows(names, 5)
    import numpy as np

    num = index.numbers
    assert index.pair_rows("bg", num(["a", "a|b", "x"]), num(["b|c", "c", "c"])).tolist() == [0, 0, 5]
    assert index.pair_rows("pd", num(["NOUN"]), num(["nsubj"])).tolist() == [1]
    assert index.dense("w")[num(["a|b", "a"])].tolist() == [2, 5]
    assert index.flag("b") == 3 and index.flag("cue=1") == 4 and index.flag("ss") == 5
    assert index.pair_rows("hd", np.array([0]), np.array([0])).tolist() == [5]  # no such template


@pytest.mark.parametrize("text", TEXTS)
def test_tagger_spans_equal_crfsuite(nlp, text: str) -> None:
    tagger = load_tagger()
    doc = nlp(text)
    _, spans, _ = tagger.tag_view(doc)
    assert [(s.role, s.start, s.end, s.block, s.prob) for s in spans] == _reference(doc, tagger)


def test_tagger_reads_strings_when_the_text_holds_a_nul(nlp) -> None:
    tagger = load_tagger()
    doc = nlp("The mayor said\x00 that taxes will rise, officials told reporters.")
    view = DocView(doc, tagger.lemmas)
    assert any("\x00" in t for t in view.text)
    _, spans, _ = tagger.tag_view(doc)
    assert [(s.role, s.start, s.end, s.block, s.prob) for s in spans] == _reference(doc, tagger)
