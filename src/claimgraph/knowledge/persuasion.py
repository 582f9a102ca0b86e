"""Persuasion lexicons: loaded words, intensifiers, clichés, doubt and other technique cues.

Each category is one file ``knowledge/data/persuasion-<category>.txt``: one
entry a line, lower case, a line starting with ``#`` is a comment; several words make a phrase
(matched token by token), and a trailing ``*`` on a word matches any ending
(``outrage*`` → outraged, outrageous). Entries match a token's lower-cased text
or its lemma. The lists were written for claimgraph from the PTC guidelines'
definitions of the techniques.

>>> matcher = lexicon_matcher()
>>> [hit for hit in matcher.match(["the", "so", "-", "called", "regime"]) if hit[2] == "doubt"]
[(1, 4, 'doubt')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from claimgraph.knowledge import data_path

__all__ = ["CATEGORIES", "LexiconMatcher", "lexicon", "lexicon_matcher"]

#: Lexicon categories, each a file ``persuasion-<name with - for _>.txt``.
CATEGORIES: tuple[str, ...] = (
    "loaded",
    "intensifiers",
    "exaggeration",
    "name_calling",
    "doubt",
    "fear",
    "flag_waving",
    "causal",
    "authority",
    "bandwagon",
    "black_white",
    "cliches",
    "slogans",
    "whataboutism",
)


@cache
def lexicon(category: str) -> tuple[str, ...]:
    """The entries of one category, in file order."""
    if category not in CATEGORIES:
        raise KeyError(f"unknown persuasion lexicon {category!r}; known: {', '.join(CATEGORIES)}")
    path = data_path(f"persuasion-{category.replace('_', '-')}.txt")
    entries = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            entry = line.strip().lower()
            if entry and not entry.startswith("#"):
                entries.append(" ".join(entry.split()))
    return tuple(dict.fromkeys(entries))


def _tokens(entry: str) -> tuple[str, ...]:
    """An entry split like spaCy splits hyphens and clitics: ``so-called`` → so, -, called."""
    out: list[str] = []
    for word in entry.split():
        if "-" in word.strip("-*") and not word.startswith("-"):
            parts = word.split("-")
            for i, part in enumerate(parts):
                if i:
                    out.append("-")
                if part:
                    out.append(part)
        elif word.endswith(("n't", "'s", "'re", "'ll")) and len(word) > 3:
            cut = word.rfind("n't") if word.endswith("n't") else word.rfind("'")
            out += [word[:cut], word[cut:]]
        else:
            out.append(word)
    return tuple(out)


@dataclass
class LexiconMatcher:
    """Finds lexicon entries in a token sequence (longest match per category and start)."""

    #: first word → [(rest of the phrase, category)], for exact first words
    exact: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=lambda: defaultdict(list))
    #: prefix (of a ``word*`` first word) → [(rest, category)]
    prefixes: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=lambda: defaultdict(list))
    max_prefix: int = 0
    _memo: dict[tuple[str, str], _Starts | None] = field(default_factory=dict, repr=False)

    def add(self, entry: str, category: str) -> None:
        words = _tokens(entry)
        if not words:
            return
        first, rest = words[0], words[1:]
        self._memo.clear()
        if first.endswith("*") and len(first) > 1:
            self.prefixes[first[:-1]].append((rest, category))
            self.max_prefix = max(self.max_prefix, len(first) - 1)
        else:
            self.exact[first].append((rest, category))

    def match(self, words: Sequence[str], lemmas: Sequence[str] | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, category)`` token ranges, sorted; ``lemmas`` widen the match."""
        lower = [w.lower() for w in words]
        lem = [w.lower() for w in lemmas] if lemmas is not None else lower
        found: dict[tuple[int, str], int] = {}
        n = len(lower)
        for i, word in enumerate(lower):
            starts = self._candidates(word, lem[i])
            if starts is None:
                continue
            entries = starts.any_next
            if starts.by_next and i + 1 < n:
                entries = [*entries, *starts.by_next.get(lower[i + 1], ())]
                if lem[i + 1] != lower[i + 1]:
                    entries += starts.by_next.get(lem[i + 1], ())
            for rest, category in entries:
                end = i + 1 + len(rest)
                if rest and (end > n or not _rest_matches(rest, lower, lem, i + 1)):
                    continue
                key = (i, category)
                if found.get(key, 0) < end:
                    found[key] = end
        return sorted((s, e, c) for (s, c), e in found.items())

    def _candidates(self, word: str, lemma: str) -> _Starts | None:
        """Entries that can start at a word, by their second word (memoised: a vocabulary
        is small); None when no entry starts there."""
        key = (word, lemma)
        try:  # one look-up: safe if another thread clears the memo meanwhile
            return self._memo[key]
        except KeyError:
            pass
        found = list(self.exact.get(word, ()))
        if lemma != word:
            found += self.exact.get(lemma, ())
        for n in range(min(len(word), self.max_prefix), 0, -1):
            found += self.prefixes.get(word[:n], ())
        starts = _Starts.of(found) if found else None
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[key] = starts
        return starts


@dataclass
class _Starts:
    """The lexicon entries that start at one word: those a plain second word must follow,
    keyed by it (most entries: "the" starts 37 phrases), and the rest."""

    any_next: list[tuple[tuple[str, ...], str]]
    by_next: dict[str, list[tuple[tuple[str, ...], str]]]

    @classmethod
    def of(cls, entries: list[tuple[tuple[str, ...], str]]) -> _Starts:
        any_next: list[tuple[tuple[str, ...], str]] = []
        by_next: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for rest, category in entries:
            if rest and not rest[0].endswith("*"):
                by_next[rest[0]].append((rest, category))
            else:
                any_next.append((rest, category))
        return cls(any_next, dict(by_next))


def _rest_matches(rest: tuple[str, ...], lower: list[str], lem: list[str], at: int) -> bool:
    return all(_word_matches(p, lower[at + k], lem[at + k]) for k, p in enumerate(rest))


def _word_matches(pattern: str, word: str, lemma: str) -> bool:
    if pattern.endswith("*") and len(pattern) > 1:
        return word.startswith(pattern[:-1])
    return pattern in (word, lemma)


@cache
def lexicon_matcher() -> LexiconMatcher:
    """One matcher over every category (built once per process)."""
    matcher = LexiconMatcher()
    for category in CATEGORIES:
        for entry in lexicon(category):
            matcher.add(entry, category)
    return matcher
