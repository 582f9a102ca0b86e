"""The check-worthiness character columns remembered per word equal the hasher's matrix."""

from __future__ import annotations

import pytest

from claimgraph.ml import hashing
from claimgraph.ml.hashing import NgramHasher
from claimgraph.stages.claims import checkworthiness as cw

TEXTS = [
    "We're consuming 00 percent of the world's cocaine.",
    "",
    "   ",
    "a",
    "the the the",
    "Über tab\tand\u00a0no-break — \u2018quoted\u2019 words\u2026 (again) the",
    "ab cd ab",
]


def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    assert a.shape == b.shape
    assert a.indices.dtype == b.indices.dtype and a.indptr.dtype == b.indptr.dtype
    assert a.indptr.tolist() == b.indptr.tolist()
    assert a.indices.tolist() == b.indices.tolist()
    assert a.data.tolist() == b.data.tolist()


@pytest.mark.parametrize("cache_size", [1, 3, 50_000])
def test_char_columns_equal_the_hasher(monkeypatch: pytest.MonkeyPatch, cache_size: int) -> None:
    monkeypatch.setattr(hashing, "CHAR_WORD_CACHE_SIZE", cache_size)
    hasher = NgramHasher(cw.N_FEATURES, (2, 5), analyzer="char_wb", preprocessor=str.lower)
    columns = cw.CharColumns(hasher)
    for _ in range(2):  # the second pass reads the remembered words
        _same(columns.transform(TEXTS), hasher.transform(TEXTS))
    assert len(columns._words) <= cache_size
    _same(columns.transform([]), hasher.transform([]))


def test_char_columns_refuse_other_hashers() -> None:
    with pytest.raises(ValueError):
        cw.CharColumns(NgramHasher(16, (1, 2)))
    with pytest.raises(ValueError):
        cw.CharColumns(NgramHasher(16, (2, 5), analyzer="char_wb", alternate_sign=True))


def test_unquoted_token_indices(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.stages.claims.author import _unquoted

    doc = nlp('Officials called it \u201ca total hoax\u201d and "fake news" today.')
    (sent,) = doc.sents
    assert [doc[i].text for i in _unquoted(sent)] == ["Officials", "called", "it", "and", "today", "."]
