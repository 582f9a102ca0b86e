"""Persuasion-technique profiles of the corpus: per document or per outlet.

For each document (or each outlet: the documents' ``source``, "(unknown)" when none): words,
technique spans scored at least ``min_score`` and their rate per 1,000 words, split by whose
words they are (the author's own: outside every statement and every quotation; quoted or
reported speakers'), and the most frequent labels. Read from the stored records (the
techniques live in each document's record, with their calibrated scores).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from claimgraph.corpus.store.models import Document

__all__ = ["PROFILE_BY", "TechniqueProfile", "profile_rows", "technique_profiles"]

#: What a profile is per.
PROFILE_BY: tuple[str, ...] = ("outlet", "document")
#: Outlet name for documents stored without a source.
UNKNOWN_OUTLET = "(unknown)"
#: Labels listed per profile.
TOP_LABELS = 3


@dataclass
class TechniqueProfile:
    """Technique use of one document or outlet."""

    name: str
    documents: int = 0
    words: int = 0
    author: int = 0
    speakers: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    author_labels: Counter[str] = field(default_factory=Counter)
    #: documents using each label at least once
    label_documents: Counter[str] = field(default_factory=Counter)

    @property
    def techniques(self) -> int:
        return self.author + self.speakers

    def per_1000_words(self, count: int) -> float:
        return round(1000 * count / self.words, 3) if self.words else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "documents": self.documents,
            "words": self.words,
            "techniques": self.techniques,
            "per_1000_words": self.per_1000_words(self.techniques),
            "author": self.author,
            "author_per_1000_words": self.per_1000_words(self.author),
            "speakers": self.speakers,
            "speakers_per_1000_words": self.per_1000_words(self.speakers),
            "top_labels": [[lab, n] for lab, n in self.labels.most_common(TOP_LABELS)],
            "top_author_labels": [[lab, n] for lab, n in self.author_labels.most_common(TOP_LABELS)],
        }


def profile_rows(
    rows: Iterable[tuple[str, str | None, dict]], by: str = "outlet", min_score: float = 0.0
) -> list[TechniqueProfile]:
    """Profiles from ``(doc_id, source, record dict)`` rows; most techniques per 1,000 words first."""
    if by not in PROFILE_BY:
        raise ValueError(f"profile by {by!r}: one of {', '.join(PROFILE_BY)}")
    found: dict[str, TechniqueProfile] = {}
    for doc_id, source, record in rows:
        name = doc_id if by == "document" else (source or UNKNOWN_OUTLET)
        prof = found.setdefault(name, TechniqueProfile(name))
        prof.documents += 1
        prof.words += len(str(record.get("document", {}).get("text", "")).split())
        used: set[str] = set()
        for t in record.get("techniques", []):
            if float(t.get("score", 0.0)) < min_score:
                continue
            prof.labels[t["label"]] += 1
            used.add(t["label"])
            if t.get("statement") is None and t.get("speaker") is None and not t.get("quoted"):
                prof.author += 1
                prof.author_labels[t["label"]] += 1
            else:
                prof.speakers += 1
        prof.label_documents.update(used)
    return sorted(found.values(), key=lambda p: (-p.per_1000_words(p.techniques), p.name))


def technique_profiles(engine: Engine, by: str = "outlet", min_score: float = 0.0) -> list[TechniqueProfile]:
    """:func:`profile_rows` over every stored document."""
    with engine.connect() as conn:
        result = conn.execute(select(Document.doc_id, Document.source, Document.record)).yield_per(200)
        return profile_rows(((r[0], r[1], r[2]) for r in result), by, min_score)
