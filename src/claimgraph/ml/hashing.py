"""Feature hashing at run time without importing scikit-learn.

The shipped models were trained on scikit-learn's ``FeatureHasher`` and ``HashingVectorizer``
matrices. Importing scikit-learn costs about a second of start-up (it pulls pandas and
scipy.stats), more than parsing a short document, so the analysis path hashes with the
same function here: MurmurHash3 (x86, 32-bit, seed 0) of the UTF-8 feature name, the
bucket ``abs(h) % n_features``, duplicates summed. ``murmurhash`` is the hash package spaCy
already depends on; its ``hash`` equals ``sklearn.utils.murmurhash3_32`` (a test checks both
matrices are identical, so the models need no retraining).

>>> m = hashed_matrix([["a", "b", "a"]], n_features=16)
>>> m.toarray().sum()
3.0
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from murmurhash.mrmr import hash as murmurhash3_32

from claimgraph.ml.ngrams import padded_word_ngrams

__all__ = [
    "CHAR_WORD_CACHE_SIZE",
    "CharColumns",
    "NgramHasher",
    "StringHasher",
    "bucket",
    "char_wb_ngrams",
    "hashed_matrix",
    "word_ngrams",
]

_INT32_MIN = -(2**31)
#: scikit-learn's default token pattern: two or more word characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _overflow_bucket(n_features: int) -> int:
    """The column of the one hash, -2**31, whose ``abs`` overflows an int32 in scikit-learn's
    Cython: it defines the bucket this way."""
    return (2**31 - 1 - (n_features - 1)) % n_features


def bucket(feature: str, n_features: int) -> tuple[int, int]:
    """The column of ``feature`` among ``n_features`` and the sign of its hash (+1 or -1)."""
    h = murmurhash3_32(feature)
    index = _overflow_bucket(n_features) if h == _INT32_MIN else abs(h) % n_features
    return index, (1 if h >= 0 else -1)


def hashed_matrix(
    samples: Iterable[Iterable[str]], n_features: int, *, alternate_sign: bool = False
) -> sp.csr_matrix:
    """Rows of hashed feature counts, as ``FeatureHasher(input_type="string")`` builds them."""
    hashes: list[int] = []
    indptr = [0]
    for sample in samples:
        hashes.extend(map(murmurhash3_32, sample))
        indptr.append(len(hashes))
    h = np.asarray(hashes, dtype=np.int64)
    indices = np.abs(h) % n_features
    indices[h == _INT32_MIN] = _overflow_bucket(n_features)
    values = np.where(h >= 0, 1.0, -1.0) if alternate_sign else np.ones(len(h))
    matrix = sp.csr_matrix(
        (values, indices.astype(np.int32), np.asarray(indptr, dtype=np.int64)),
        shape=(len(indptr) - 1, n_features),
    )
    matrix.sum_duplicates()  # also sorts the indices
    return matrix


def word_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams of ``text`` as ``HashingVectorizer(analyzer="word")`` lists them."""
    tokens = _TOKEN.findall(text)
    low, high = ngram_range
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams inside word boundaries, padded with a space (``analyzer="char_wb"``)."""
    low, high = ngram_range
    grams: list[str] = []
    for word in text.split():  # str.split's whitespace is the regex \s scikit-learn collapses
        grams += padded_word_ngrams(word, low, high)
    return grams


class NgramHasher:
    """A ``HashingVectorizer`` replacement (no norm) for models trained with one.

    ``analyzer`` is ``"word"`` or ``"char_wb"``; ``preprocessor`` replaces lower-casing,
    as a custom preprocessor does in scikit-learn.
    """

    def __init__(
        self,
        n_features: int,
        ngram_range: tuple[int, int],
        *,
        analyzer: str = "word",
        preprocessor: Callable[[str], str] = str.lower,
        alternate_sign: bool = False,
    ) -> None:
        if analyzer not in ("word", "char_wb"):
            raise ValueError(f"unknown analyzer {analyzer!r}")
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.analyzer = analyzer
        self.preprocessor = preprocessor
        self.alternate_sign = alternate_sign

    def grams(self, text: str) -> list[str]:
        split = word_ngrams if self.analyzer == "word" else char_wb_ngrams
        return split(self.preprocessor(text), self.ngram_range)

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        return hashed_matrix(
            (self.grams(t) for t in texts), self.n_features, alternate_sign=self.alternate_sign
        )


class StringHasher:
    """A ``FeatureHasher(input_type="string")`` replacement: each sample is a list of feature names."""

    def __init__(self, n_features: int, *, alternate_sign: bool = False) -> None:
        self.n_features = n_features
        self.alternate_sign = alternate_sign

    def transform(self, samples: Iterable[Iterable[str]]) -> sp.csr_matrix:
        return hashed_matrix(samples, self.n_features, alternate_sign=self.alternate_sign)


#: Most distinct words whose character n-gram columns :class:`CharColumns` keeps (cleared when full).
CHAR_WORD_CACHE_SIZE = 50_000


class CharColumns:
    """``hasher.transform`` of a ``char_wb`` :class:`NgramHasher` with the columns of each word
    remembered: a word's n-grams never depend on its neighbours, and the same words recur in
    every sentence, so each is hashed once (for check-worthiness the hashing was a third of
    the claims stage)."""

    def __init__(self, hasher: NgramHasher) -> None:
        if hasher.analyzer != "char_wb" or hasher.alternate_sign:
            raise ValueError("CharColumns stands in for an unsigned char_wb hasher only")
        self.hasher = hasher
        self._words: dict[str, np.ndarray] = {}

    def _columns(self, word: str) -> np.ndarray:
        cols = self._words.get(word)
        if cols is None:
            if len(self._words) >= CHAR_WORD_CACHE_SIZE:
                self._words.clear()
            n = self.hasher.n_features
            low, high = self.hasher.ngram_range
            cols = np.array([bucket(g, n)[0] for g in padded_word_ngrams(word, low, high)], dtype=np.int32)
            self._words[word] = cols
        return cols

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The same matrix as ``hasher.transform(texts)`` (counts summed, indices sorted)."""
        parts: list[np.ndarray] = []
        indptr = [0]
        total = 0
        for text in texts:
            # char_wb_ngrams: the preprocessed text's str.split() words, each padded and cut
            for word in self.hasher.preprocessor(text).split():
                cols = self._columns(word)
                parts.append(cols)
                total += len(cols)
            indptr.append(total)
        indices = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        matrix = sp.csr_matrix(
            (np.ones(len(indices)), indices, np.asarray(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, self.hasher.n_features),
        )
        matrix.sum_duplicates()
        return matrix
