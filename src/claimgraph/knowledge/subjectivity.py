"""Subjectivity and author-voice cues (``data/subjectivity.tsv``), loaded once.

The file lists, per category, words and phrases that mark an author's own
judgement (evaluative adjectives and nouns, intensifiers, stance adverbs,
modal judgements such as "must" and "should", rhetorical and closing
formulas such as "End of story"), verdicts on the truth of claims ("false",
"no evidence"), and the reporting verbs and claim nouns that mark attributed
content. It was written for claimgraph (MIT); no third-party lexicon was
copied. Categories follow the clues named in the subjectivity literature
(Wiebe et al. 2004, "Learning subjective language"; Riloff & Wiebe 2003) and
the CheckThat! subjectivity annotation guidelines (Antici et al. 2024).

:func:`cue_matches` finds the cues in a list of tokens: single words match on
the lower-case form or the lemma, phrases on a lower-case token sequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from claimgraph.errors import DataError
from claimgraph.knowledge import data_path

__all__ = ["CATEGORIES", "CueLexicon", "cue_lexicon", "cue_matches"]

FILE_NAME = "subjectivity.tsv"

#: Categories whose cues mark evaluation (as opposed to verdicts or attribution).
EVALUATIVE: frozenset[str] = frozenset(
    {
        "evaluative_negative",
        "evaluative_positive",
        "intensifier",
        "stance_adverb",
        "obligation",
        "rhetorical",
        "closure",
        "pejorative_label",
        "emotion",
    }
)

CATEGORIES: tuple[str, ...] = (
    "evaluative_negative",
    "evaluative_positive",
    "judgement_noun",
    "intensifier",
    "hedge",
    "certainty",
    "stance_adverb",
    "obligation",
    "first_singular",
    "first_plural",
    "second_person",
    "rhetorical",
    "closure",
    "generalisation",
    "pejorative_label",
    "emotion",
    "denial_assertion",
    "affirm_assertion",
    "attribution_hedge",
    "contrast",
    "comparison",
    "reporting_verb",
    "claim_noun",
)


@dataclass(frozen=True)
class CueLexicon:
    """Words (``word → categories``) and phrases (``first word → [(words, category)]``)."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    #: category → its single words (what :meth:`terms` answers)
    by_category: dict[str, frozenset[str]]

    @cached_property
    def starts(self) -> frozenset[str]:
        """The lower-case forms that start a cue (the words and the phrases' first words)."""
        return frozenset(self.words) | frozenset(self.phrases)

    def categories(self, word: str) -> frozenset[str]:
        return self.words.get(word, frozenset())

    def terms(self, category: str) -> frozenset[str]:
        """Every single word of a category (for tests and rules)."""
        return self.by_category.get(category, frozenset())


@cache
def cue_lexicon() -> CueLexicon:
    """Load ``data/subjectivity.tsv`` once per process."""
    path = data_path(FILE_NAME)
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"cannot read the subjectivity lexicon {path}: reinstall claimgraph") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("category\t"):
            continue
        category, sep, terms = line.partition("\t")
        if not sep or category not in CATEGORIES:
            raise DataError(f"{path}:{number}: expected a known category, a tab and terms")
        for term in terms.split(","):
            parts = tuple(term.strip().lower().split())
            if not parts:
                continue
            if len(parts) == 1:
                words.setdefault(parts[0], set()).add(category)
            else:
                phrases.setdefault(parts[0], []).append((parts, category))
    return CueLexicon(
        words={w: frozenset(c) for w, c in words.items()},
        phrases={w: tuple(p) for w, p in phrases.items()},
        by_category={c: frozenset(w for w, cats in words.items() if c in cats) for c in CATEGORIES},
    )


def cue_matches(lowers: Sequence[str], lemmas: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, category)`` token ranges of every cue in the token sequence."""
    lex = cue_lexicon()
    found: list[tuple[int, int, str]] = []
    n = len(lowers)
    words, starts = lex.words, lex.starts
    # most tokens start no cue: one set test each picks the few that do
    for i in [i for i in range(n) if lowers[i] in starts or lemmas[i] in words]:
        low = lowers[i]
        for cat in lex.words.get(low, ()):
            found.append((i, i + 1, cat))
        lemma = lemmas[i]
        if lemma != low:
            for cat in lex.words.get(lemma, ()):
                if cat not in lex.words.get(low, ()):
                    found.append((i, i + 1, cat))
        for parts, cat in lex.phrases.get(low, ()):
            k = len(parts)
            if i + k <= n and all(lowers[i + j] == parts[j] for j in range(1, k)):
                found.append((i, i + k, cat))
    return found
