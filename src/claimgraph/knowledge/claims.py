"""The claim lexicon: evidence cues, claim-referring nouns, refutation and doubt words.

``data/claims.tsv`` (claimgraph developers, MIT) lists ``word``, ``category`` and
an optional ``extra`` column; see the file's header for the categories. The
claims stage and the FNC-1 stance model read it through these cached loaders.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from claimgraph.errors import DataError
from claimgraph.knowledge import data_path

__all__ = [
    "CATEGORIES",
    "claim_lexicon",
    "claim_noun_verbs",
    "event_verbs",
    "lexicon_map",
    "lexicon_phrases",
    "lexicon_words",
    "past_forms",
    "predicate_families",
]

#: The categories of ``claims.tsv``.
CATEGORIES: tuple[str, ...] = (
    "evidence",
    "evidence_verb",
    "claim_noun",
    "refute",
    "doubt",
    "hedge",
    "support",
    "family",
    "past",
    "nominal",
    "endorse",
    "light",
)


@cache
def claim_lexicon() -> dict[str, dict[str, str]]:
    """category → {word (lower case): extra column ("" when none)}."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    path = data_path("claims.tsv")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:  # pragma: no cover - a broken install
        raise DataError(f"cannot read the claim lexicon {path}: reinstall claimgraph") from exc
    header_seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = line.split("\t")
        if len(cells) < 2 or cells[1] not in CATEGORIES:
            raise DataError(f"{path}:{number}: expected 'word<TAB>category[<TAB>extra]', got {line!r}")
        out[cells[1]][cells[0].lower()] = cells[2] if len(cells) > 2 else ""
    return {c: dict(out.get(c, {})) for c in CATEGORIES}


@cache
def lexicon_words(category: str) -> frozenset[str]:
    """Single words of one category (multi-word entries are left to :func:`lexicon_phrases`)."""
    return frozenset(w for w in claim_lexicon()[category] if " " not in w)


@cache
def lexicon_phrases(category: str) -> tuple[str, ...]:
    """Multi-word entries of one category ("no evidence", "without proof")."""
    return tuple(w for w in claim_lexicon()[category] if " " in w)


@cache
def lexicon_map(category: str) -> dict[str, str]:
    """One category of the claim lexicon as a ``term → value`` dict (read once)."""
    return dict(claim_lexicon()[category])


def claim_noun_verbs() -> dict[str, str]:
    """Claim-referring noun lemma → the verb it nominalises ("allegation" → "allege")."""
    return lexicon_map("claim_noun")


def predicate_families() -> dict[str, str]:
    """Lemma → predicate family ("shipment", "deliver" → "transfer")."""
    return lexicon_map("family")


def past_forms() -> dict[str, str]:
    """Irregular past forms ("send" → "sent") for canonical claim texts."""
    return lexicon_map("past")


def event_verbs() -> dict[str, str]:
    """Event noun → the verb it nominalises ("shipment" → "ship"), for canonical claim texts."""
    return lexicon_map("nominal")
