"""CheckThat! 2025 Task 1 (English) subjectivity, scored through the voice extractor.

The lab labels news sentences SUBJ (the author's own view) or OBJ and scores
macro-F1 over the two classes (Galassi et al., "Overview of the CLEF-2025
CheckThat! Lab Task 1 on Subjectivity in News Articles"). Here a sentence
counts as SUBJ when its record has at least one voice span: each item is
analysed as a one-sentence document through the Analyzer's stages up to
``voice`` (actors and statements first, so attributed content is cut away).

Files: TSV with ``sentence_id``, ``sentence``, ``label`` (and, for English,
``solved_conflict``), read without quote processing.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from claimgraph.errors import DataError
from claimgraph.eval import prf

__all__ = [
    "SubjectivityItem",
    "SubjectivityScore",
    "binary_scores",
    "load_subjectivity",
    "score_subjectivity",
]

LABELS = ("SUBJ", "OBJ")
#: The stages run for each item: voice needs actors and statements before it.
EVAL_STAGES: tuple[str, ...] = ("actors", "statements", "voice")


@dataclass(frozen=True)
class SubjectivityItem:
    id: str
    text: str
    label: str  # "SUBJ" | "OBJ"


def _unquote(text: str) -> str:
    """Undo the CSV quoting left in some rows: a field wrapped in quotes, inner quotes doubled."""
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        inner = text[1:-1]
        if '"' not in inner.replace('""', ""):
            return inner.replace('""', '"')
    return text


def load_subjectivity(path: Path) -> list[SubjectivityItem]:
    """Items of a CheckThat! subjectivity TSV file."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            items = []
            for number, row in enumerate(reader, 2):
                label = (row.get("label") or "").strip()
                text = row.get("sentence")
                if label not in LABELS or text is None:
                    raise DataError(f"{path}:{number}: expected a sentence and a SUBJ/OBJ label")
                items.append(SubjectivityItem(row.get("sentence_id") or str(number), _unquote(text), label))
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not items:
        raise DataError(f"{path}: no labelled sentences (expected columns sentence_id, sentence, label)")
    return items


def binary_scores(gold: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of each class (True = SUBJ) and their macro averages."""
    if len(gold) != len(pred):
        raise ValueError("gold and predicted labels differ in length")
    out: dict[str, float] = {}
    for name, positive in (("SUBJ", True), ("OBJ", False)):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == positive and p == positive)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != positive and p == positive)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == positive and p != positive)
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = prf(tp, fp, fn)
    for metric in ("precision", "recall", "f1"):
        out[f"macro_{metric}"] = (out[f"SUBJ_{metric}"] + out[f"OBJ_{metric}"]) / 2
    agree = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    out["accuracy"] = agree / len(gold) if len(gold) else 0.0
    return out


def _per_item(seconds: float, n: int) -> str:
    return f"{seconds / max(1, n) * 1000:.2f}"


@dataclass
class SubjectivityScore:
    n: int
    scores: dict[str, float]
    voice_seconds: float
    parse_seconds: float | None
    rows: list[tuple[str, str, float, str]] = field(default_factory=list)  # gold, predicted, score, text
    #: the sentence encoder of the voice model that was scored ("static", "transformer"; "none")
    encoder: str = "static"

    def summary(self) -> str:
        s = self.scores
        lines = [
            f"sentences: {self.n} (voice model's sentence encoder: {self.encoder})",
            f"macro-F1: {s['macro_f1']:.3f}  (P {s['macro_precision']:.3f}  R {s['macro_recall']:.3f})"
            f"  accuracy {s['accuracy']:.3f}",
            f"SUBJ  P {s['SUBJ_precision']:.3f}  R {s['SUBJ_recall']:.3f}  F1 {s['SUBJ_f1']:.3f}",
            f"OBJ   P {s['OBJ_precision']:.3f}  R {s['OBJ_recall']:.3f}  F1 {s['OBJ_f1']:.3f}",
            f"voice extractor: {self.voice_seconds:.3f}s ({_per_item(self.voice_seconds, self.n)} ms/item)",
        ]
        if self.parse_seconds is not None:
            share = self.voice_seconds / self.parse_seconds * 100 if self.parse_seconds else 0.0
            lines.append(
                f"spaCy parse: {self.parse_seconds:.3f}s ({_per_item(self.parse_seconds, self.n)} ms/item);"
                f" voice adds {share:.1f}% to the parse time"
            )
        return "\n".join(lines)


def score_subjectivity(
    nlp: Language,
    items: Sequence[SubjectivityItem],
    *,
    cache: bool = True,
    time_parse: bool = False,
    cache_key: str = "subjectivity",
) -> SubjectivityScore:
    """Analyse each item as a one-sentence document and score SUBJ = has a voice span."""
    from claimgraph.analyzer import Analyzer
    from claimgraph.nlp.cache import parse_cached
    from claimgraph.record import DocumentInfo
    from claimgraph.settings import Settings
    from claimgraph.stages.voice import voice
    from claimgraph.stages.voice.model import load_voice_model

    texts = [it.text for it in items]
    parse_seconds: float | None = None
    if time_parse or not cache:
        started = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        parse_seconds = time.perf_counter() - started
    else:
        docs = parse_cached(nlp, texts, cache_key)
    stages = tuple(s for s in EVAL_STAGES if s != "voice")
    analyzer = Analyzer(Settings(stages=stages), nlp=nlp)
    voice(docs[0], analyzer.record_from_doc(docs[0], DocumentInfo(id="warm-up", text=texts[0])))
    voice_seconds = 0.0
    gold: list[bool] = []
    pred: list[bool] = []
    rows: list[tuple[str, str, float, str]] = []
    for item, doc in zip(items, docs, strict=True):
        record = analyzer.record_from_doc(doc, DocumentInfo(id=item.id, text=item.text))
        started = time.perf_counter()
        spans = voice(doc, record)
        voice_seconds += time.perf_counter() - started
        subjective = bool(spans)
        gold.append(item.label == "SUBJ")
        pred.append(subjective)
        best = max((v.score for v in spans), default=0.0)
        rows.append((item.label, "SUBJ" if subjective else "OBJ", best, item.text))
    model = load_voice_model()
    encoder = model.encoder if model is not None else "none"
    return SubjectivityScore(
        len(items), binary_scores(gold, pred), voice_seconds, parse_seconds, rows, encoder=encoder
    )
