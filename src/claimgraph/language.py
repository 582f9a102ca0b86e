"""Language identification, good enough to flag non-English input.

Writing systems decide first (a text mostly in Cyrillic, Arabic, CJK, … is
Russian, Arabic, Chinese, …); Latin-script text is identified by py3langid
(Lui & Baldwin 2012, "langid.py: An Off-the-shelf Language Identification Tool",
ACL; a naive Bayes model over byte n-grams of 97 languages). claimgraph analyses
English; other languages are still analysed, with a warning in the record
(``document.warnings``), since the English pipeline degrades on them.

The model is loaded on first use (about 0.4 s), never at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from typing import Any

__all__ = ["detect_language"]

_SCRIPTS = {
    "CYRILLIC": "ru",
    "ARABIC": "ar",
    "HEBREW": "he",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "GREEK": "el",
    "THAI": "th",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Under this probability the best language is a guess: ``"und"``.
_SURE = 0.5
#: English wins when its probability is at least this share of the best one's: short
#: English headlines share their few words with other languages.
_NEAR_TIE = 0.5
#: Up to this many words a text is short, and English wins against more (``_SHORT_TIE``).
_SHORT_WORDS = 12
_SHORT_TIE = 0.2
#: Characters the model reads (its byte walk is Python: ~25 µs a character); plenty for a language.
_MODEL_SAMPLE = 2_000


@cache
def _identifier() -> Any:  # py3langid.langid.LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def _rank(text: str) -> dict[str, float]:
    """Language → probability, as py3langid's ``rank`` (normalised probabilities), reading only
    the byte n-grams the text has: its dense ``fv @ nb_ptc`` casts the whole 7,480 × 97 table to
    float64 at every call (about two thirds of its time on an article)."""
    import numpy as np

    identifier = _identifier()
    fv = identifier.instance2fv(text)
    seen = np.flatnonzero(fv)
    log_probs = fv[seen].astype(np.float64) @ identifier.nb_ptc[seen].astype(np.float64) + identifier.nb_pc
    with np.errstate(over="ignore"):  # as py3langid: an overflow to inf gives probability 0
        probs = 1 / np.exp(log_probs[None, :] - log_probs[:, None]).sum(1)
    return dict(zip(identifier.nb_classes, probs.tolist(), strict=True))


@cache
def _script(ch: str) -> str | None:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    for key in _SCRIPTS:
        if name.startswith(key) or (key == "CJK" and "CJK UNIFIED" in name):
            return key
    return "LATIN" if "LATIN" in name else None


def detect_language(text: str, sample: int = 20_000) -> str:
    """ISO 639-1 code of the text's language, or ``"und"`` when it cannot tell."""
    head = text[:sample]
    scripts = Counter(s for s in map(_script, head) if s)
    letters = sum(scripts.values())
    if not letters:
        return "und"
    top, n = scripts.most_common(1)[0]
    if top != "LATIN" and n / letters > 0.5:
        return _SCRIPTS[top]
    words = _WORD.findall(head)
    if len(words) < 3:
        return "en" if top == "LATIN" else "und"
    ranked = _rank(head[:_MODEL_SAMPLE])
    best = max(ranked, key=ranked.__getitem__)
    tie = _SHORT_TIE if len(words) <= _SHORT_WORDS else _NEAR_TIE
    if best == "en" or ranked.get("en", 0.0) >= tie * ranked[best]:
        return "en"
    return best if ranked[best] >= _SURE else "und"
