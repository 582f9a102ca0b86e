"""Character n-grams of one word, as scikit-learn's ``analyzer="char_wb"`` makes them.

Shared by the hashed n-gram features (:mod:`claimgraph.ml.hashing`) and the voice model's
character n-grams (:mod:`claimgraph.stages.voice.model`); plain Python, no imports.
"""

from __future__ import annotations

__all__ = ["padded_word_ngrams"]


def padded_word_ngrams(word: str, low: int, high: int) -> list[str]:
    """The ``low``–``high`` character n-grams of ``word`` padded with a space on each side; a
    padded word no longer than ``n`` yields itself once, and no longer n-grams."""
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        if size <= n:
            grams.append(padded)
            break
        grams += [padded[i : i + n] for i in range(size - n + 1)]
    return grams
