"""English stop words (``knowledge/data/stopwords_en.txt``, spaCy's list), read once.

Claim matching leaves them out of the content words it compares. The list is a
plain file so that reading it imports no spaCy language class.
"""

from __future__ import annotations

from functools import cache

from claimgraph.knowledge import data_path

__all__ = ["english_stop_words"]


@cache
def english_stop_words() -> frozenset[str]:
    """The English stop words, lower case, two letters or more."""
    with open(data_path("stopwords_en.txt"), encoding="utf-8") as fh:
        return frozenset(w for line in fh if (w := line.strip()) and not w.startswith("#"))
