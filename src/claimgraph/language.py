"""Language identification, good enough to flag non-English input.

A document is scored against the stop-word lists that spaCy ships for a few
languages, and against writing systems (Cyrillic, Arabic, CJK, …). claimgraph
analyses English; other languages are still analysed, with a warning in the
record (``document.warnings``), since the English pipeline degrades on them.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections import Counter
from functools import cache

__all__ = ["detect_language", "stop_words"]

_STOPWORD_LANGS = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl", "tr", "id")
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


@cache
def stop_words(lang: str) -> frozenset[str]:
    module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    return frozenset(w.lower() for w in module.STOP_WORDS if len(w) > 1)


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
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < 3:
        return "en" if top == "LATIN" else "und"
    scores = {lang: sum(1 for w in words if w in stop_words(lang)) / len(words) for lang in _STOPWORD_LANGS}
    best = max(scores, key=scores.__getitem__)
    if scores[best] < 0.05:
        return "und"
    # English wins ties and near-ties: short English headlines share words with others.
    if best != "en" and scores["en"] >= 0.85 * scores[best]:
        return "en"
    return best
