"""SemEval-2023 Task 3 (English), paragraph-level persuasion techniques: reader and scorer.

``../shared/data/semeval2023/``: ``articles/articleID.txt`` (one paragraph a line, line 1 the
title) and ``paragraph-labels.tsv`` (``ID<TAB>line<TAB>labels``, 23 techniques of the 2023
task). The 2023 labels are mapped to the 14 of PTC (:data:`TO_PTC`; the five with no PTC
label are dropped). A paragraph *has* a label when a predicted span of that label overlaps
it; the score is micro-F1 over (article, line, label) triples of every labelled line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.errors import DataError

__all__ = ["TO_PTC", "SemevalArticle", "article_folds", "micro_f1", "paragraph_pairs", "read_semeval"]

#: SemEval-2023 label → PTC label (the data's README); labels absent here have none.
TO_PTC: dict[str, str] = {
    "Loaded_Language": "Loaded_Language",
    "Name_Calling-Labeling": "Name_Calling,Labeling",
    "Repetition": "Repetition",
    "Doubt": "Doubt",
    "Exaggeration-Minimisation": "Exaggeration,Minimisation",
    "Appeal_to_Fear-Prejudice": "Appeal_to_fear-prejudice",
    "Flag_Waving": "Flag-Waving",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Slogans": "Slogans",
    "Appeal_to_Authority": "Appeal_to_Authority",
    "False_Dilemma-No_Choice": "Black-and-White_Fallacy",
    "Conversation_Killer": "Thought-terminating_Cliches",
    "Guilt_by_Association": "Bandwagon,Reductio_ad_hitlerum",
    "Appeal_to_Popularity": "Bandwagon,Reductio_ad_hitlerum",
    "Red_Herring": "Whataboutism,Straw_Men,Red_Herring",
    "Appeal_to_Hypocrisy": "Whataboutism,Straw_Men,Red_Herring",
    "Whataboutism": "Whataboutism,Straw_Men,Red_Herring",
    "Straw_Man": "Whataboutism,Straw_Men,Red_Herring",
}

Triple = tuple[str, int, str]


@dataclass
class SemevalArticle:
    """One article: its text and, per labelled line, the character range and PTC labels."""

    id: str
    text: str
    #: line number (from 1) → [start, end) in ``text``
    lines: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: line number → PTC labels (empty: no technique)
    labels: dict[int, set[str]] = field(default_factory=dict)

    def gold(self) -> set[Triple]:
        return {(self.id, line, lab) for line, labs in self.labels.items() for lab in labs}


def read_semeval(data_dir: Path) -> list[SemevalArticle]:
    """The articles with their labelled lines, sorted by id."""
    labels_path = data_dir / "paragraph-labels.tsv"
    if not labels_path.exists():
        raise DataError(f"no SemEval-2023 labels at {labels_path}")
    by_id: dict[str, dict[int, set[str]]] = {}
    with labels_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) < 2 or not row[1].strip().isdigit():
                continue
            raw = row[2].split(",") if len(row) > 2 else []
            by_id.setdefault(row[0], {})[int(row[1])] = {
                TO_PTC[x.strip()] for x in raw if x.strip() in TO_PTC
            }
    out = []
    for art_id in sorted(by_id):
        text = (data_dir / "articles" / f"article{art_id}.txt").read_text(encoding="utf-8")
        lines: dict[int, tuple[int, int]] = {}
        offset = 0
        for number, line in enumerate(text.split("\n"), start=1):
            lines[number] = (offset, offset + len(line))
            offset += len(line) + 1
        labelled = {n: labs for n, labs in by_id[art_id].items() if n in lines}
        out.append(SemevalArticle(art_id, text, {n: lines[n] for n in labelled}, labelled))
    return out


def paragraph_pairs(article: SemevalArticle, spans: Iterable[tuple[str, int, int]]) -> set[Triple]:
    """(article, line, label) of every labelled line that a ``(label, start, end)`` span overlaps."""
    out = set()
    for label, s, e in spans:
        for line, (a, b) in article.lines.items():
            if s < b and a < e:
                out.add((article.id, line, label))
    return out


def micro_f1(pred: set[Triple], gold: set[Triple]) -> tuple[float, float, float]:
    """Precision, recall and F1 over the triples."""
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def article_folds(articles: list[SemevalArticle], k: int = 5) -> list[int]:
    """The cross-validation fold of each article: dealt in turn by sorted id."""
    return [i % k for i in range(len(articles))]
