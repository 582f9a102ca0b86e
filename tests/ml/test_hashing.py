"""The run-time hashers build exactly the matrices scikit-learn's hashers built at training time."""

from __future__ import annotations

import random

import numpy as np
import pytest

from claimgraph.ml.hashing import NgramHasher, StringHasher, bucket, char_wb_ngrams, word_ngrams

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
sklearn_hash = pytest.importorskip("sklearn.feature_extraction")

TEXTS = [
    "Russia denied on Monday that it had sent 40 tanks to Syria, the ministry said.",
    "  Spaces\tand\n\nnewlines   between  words ",
    "Ünïcödé wörds — dashes, 日本語 and emoji 😀 too",
    "a",
    "",
    "state-run media; U.S. officials' remarks (2024)",
]


def _same(ours, theirs) -> None:
    theirs = theirs.tocsr()
    assert ours.shape == theirs.shape
    assert np.array_equal(ours.toarray(), theirs.toarray())


@pytest.mark.parametrize(
    ("analyzer", "ngram_range"), [("word", (1, 2)), ("word", (1, 1)), ("word", (2, 3)), ("char_wb", (2, 5))]
)
def test_ngram_hasher_equals_hashing_vectorizer(analyzer, ngram_range):
    def pre(text: str) -> str:
        return text.lower().replace("4", "0")

    theirs = sklearn_text.HashingVectorizer(
        n_features=2**10,
        ngram_range=ngram_range,
        analyzer=analyzer,
        alternate_sign=False,
        norm=None,
        preprocessor=pre,
    )
    ours = NgramHasher(2**10, ngram_range, analyzer=analyzer, preprocessor=pre)
    _same(ours.transform(TEXTS), theirs.transform(TEXTS))


@pytest.mark.parametrize("alternate_sign", [False, True])
def test_string_hasher_equals_feature_hasher(alternate_sign):
    rng = random.Random(7)
    alphabet = "abcdeé日 -0xyz😀"
    samples = [
        ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(rng.randint(0, 40))]
        for _ in range(50)
    ]
    samples[3] = ["w=the", "w=the", "pos=NOUN"]  # repeats are summed
    theirs = sklearn_hash.FeatureHasher(n_features=2**12, input_type="string", alternate_sign=alternate_sign)
    ours = StringHasher(2**12, alternate_sign=alternate_sign)
    _same(ours.transform(samples), theirs.transform(samples))


def test_ngram_lists_follow_sklearn_analyzers():
    assert word_ngrams("the big cat", (1, 2)) == ["the", "big", "cat", "the big", "big cat"]
    assert word_ngrams("a cat", (1, 2)) == ["cat"]  # one-letter words are not tokens
    assert char_wb_ngrams("ab", (2, 5)) == [" a", "ab", "b ", " ab", "ab ", " ab "]


def test_bucket_is_in_range_with_a_sign():
    for feature in ("", "x", "w=the", "日本"):
        index, sign = bucket(feature, 100)
        assert 0 <= index < 100
        assert sign in (1, -1)


def test_unknown_analyzer_is_refused():
    with pytest.raises(ValueError, match="analyzer"):
        NgramHasher(16, (1, 1), analyzer="char")
