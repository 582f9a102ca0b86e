"""The project's own statement-stance set, and its scorer (``claimgraph eval stances``).

``benchmarks/data/stances_dev.tsv`` labels statements in PolNeAR, FNC-1 and PTC articles
with the speaker's stance toward the content as the claim states it (``assert``,
``deny``, ``doubt``, ``question``, ``commit``), and a few passages that are no one's
statement (``none``: the author's negated facts, refusals to comment, the author's
comments). Only offsets, labels and hashes are stored; the texts are read from the
research corpora. Split ``dev`` is for development; ``check`` is kept untouched.

The set is not exhaustive, so it measures how statements are read, not how many are
found. Each gold statement is matched to the predicted statement whose content overlaps
its content most (at least half of the shorter of the two); per-class precision, recall
and F1 are over the matched pairs, with the share of gold statements matched reported
beside them. A predicted statement over a ``none`` passage is a false statement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import DataError
from claimgraph.eval import labelled_rows, prf
from claimgraph.eval.corpora import CorpusTexts
from claimgraph.record import DocumentInfo, Record, Statement

__all__ = [
    "STANCES",
    "GoldStatement",
    "StanceArticle",
    "StanceScores",
    "best_match",
    "format_table",
    "read_stances",
    "score",
]

STANCES: tuple[str, ...] = ("assert", "deny", "doubt", "question", "commit")


@dataclass(frozen=True)
class GoldStatement:
    content: tuple[int, int]
    stance: str  #: one of STANCES, or "none"
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None


def _offsets(row: dict[str, str], role: str) -> tuple[int, int] | None:
    s, e = row[f"{role}_start"], row[f"{role}_end"]
    return None if s == "-" or e == "-" else (int(s), int(e))


@dataclass
class StanceArticle:
    corpus: str
    path: str
    split: str
    text: str
    statements: list[GoldStatement] = field(default_factory=list)

    def document(self) -> DocumentInfo:
        return DocumentInfo(id=f"{self.corpus}/{self.path}", text=self.text)


def read_stances(labels: Path, data: Path, *, split: str | None = "dev") -> list[StanceArticle]:
    """The labelled documents of ``split`` (``dev``, ``check`` or None for both)."""
    try:
        rows = labelled_rows(labels)
        corpora = CorpusTexts(data)
        articles: dict[tuple[str, str], StanceArticle] = {}
        for r in rows:
            if split is not None and r["split"] != split:
                continue
            key = (r["corpus"], r["path"])
            if key not in articles:
                articles[key] = StanceArticle(r["corpus"], r["path"], r["split"], corpora.text(*key))
            articles[key].statements.append(
                GoldStatement(
                    (int(r["content_start"]), int(r["content_end"])),
                    r["stance"],
                    _offsets(r, "speaker"),
                    _offsets(r, "cue"),
                )
            )
    except (OSError, KeyError, ValueError, IndexError) as exc:
        raise DataError(f"cannot read the stance labels {labels} with the texts in {data}: {exc}") from None
    return sorted(articles.values(), key=lambda a: (a.corpus, a.path))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_match(gold: tuple[int, int], contents: Sequence[tuple[int, int]]) -> int | None:
    """Index of the content that overlaps the gold content most, at least half of the shorter
    of the two (None: no such content). Among contents that overlap it equally, the one with
    the least text beyond the gold content: a content that covers the gold clause and a
    clause more ("X has two wives but neither is named Y") is not the better match of that
    clause than a content that is the clause itself."""
    best, key = None, (0, 0)
    for i, got in enumerate(contents):
        shared = _overlap(gold, got)
        shorter = min(gold[1] - gold[0], got[1] - got[0])
        if shared <= 0 or shorter <= 0 or shared * 2 < shorter:
            continue
        extra = (got[1] - got[0]) - shared
        if best is None or (shared, -extra) > key:
            best, key = i, (shared, -extra)
    return best


def _best(gold: GoldStatement, predicted: Sequence[Statement]) -> Statement | None:
    i = best_match(gold.content, [(st.content.start, st.content.end) for st in predicted])
    return None if i is None else predicted[i]


@dataclass
class StanceScores:
    gold: int = 0
    matched: int = 0
    none_gold: int = 0
    none_taken: int = 0  #: ``none`` passages read as someone's statement
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def per_class(self) -> dict[str, dict[str, float]]:
        out = {}
        for label in STANCES:
            tp = self.confusion[(label, label)]
            fp = sum(n for (g, p), n in self.confusion.items() if p == label and g != label)
            fn = sum(n for (g, p), n in self.confusion.items() if g == label and p != label)
            p, r, f = prf(tp, fp, fn)
            out[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": tp + fn}
        return out

    def as_dict(self) -> dict[str, Any]:
        classes = self.per_class()
        return {
            "gold_statements": self.gold,
            "matched": self.matched,
            "coverage": round(self.matched / self.gold, 4) if self.gold else 0.0,
            "macro_f1": round(sum(c["f1"] for c in classes.values()) / len(classes), 4),
            "per_class": classes,
            "none_passages": self.none_gold,
            "none_read_as_statements": self.none_taken,
            "confusion": {f"{g}>{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


def score(articles: Iterable[StanceArticle], records: Iterable[Record]) -> StanceScores:
    """Score the records of the labelled documents (same order)."""
    out = StanceScores()
    for art, record in zip(articles, records, strict=True):
        for gold in art.statements:
            found = _best(gold, record.statements)
            if gold.stance == "none":
                out.none_gold += 1
                out.none_taken += found is not None
                continue
            out.gold += 1
            if found is not None:
                out.matched += 1
                out.confusion[(gold.stance, found.stance)] += 1
    return out


def format_table(scores: StanceScores, title: str) -> str:
    d = scores.as_dict()
    lines = [
        f"{title}: {d['gold_statements']} gold statements, {d['matched']} matched "
        f"(coverage {d['coverage']:.3f}); macro-F1 over stances {d['macro_f1']:.3f}",
        f"{'':10}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}",
    ]
    for name, m in d["per_class"].items():
        lines.append(f"{name:10}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}{m['gold']:7d}")
    lines.append(f"non-statements read as statements: {d['none_read_as_statements']} of {d['none_passages']}")
    return "\n".join(lines)
