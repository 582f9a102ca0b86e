"""Score the events coder on the example sentences of the CAMEO manual.

``eventtypes.csv`` (andybega/cameo, content from the CAMEO manual 1.1b3, CC BY-NC-SA
3.0, read from ``../shared/data/cameo``, never shipped) gives one example sentence
for 282 codes. Each sentence is analysed alone (no actors needed: only the code
is scored) and its *best* event is the one whose trigger is closest to the root
of the dependency tree (the main predicate; earlier wins a tie).

- root accuracy: share of sentences whose best event has the gold root (2 digits);
- code accuracy: share whose best event has the gold full code;
- a confusion table of roots (gold → predicted, ``--`` when no event was found);
- **dyad accuracy**, where the data allows: the examples that PLOVER's gold-standard
  file (``../shared/data/plover/gsr_dev.jsonl``) also codes with source and target
  countries are analysed again with their actors, and the best event's sides are compared
  with PLOVER's codes (as ``claimgraph eval plover`` compares them). The code accuracy
  is taken without actors, as before, so the two figures do not mix.

This is a development set; the lexicon is written from the CAMEO codebook and the
PETRARCH2 dictionary, not fitted sentence by sentence.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.errors import DataError
from claimgraph.eval.plover import read_gold, side_code
from claimgraph.nlp.cache import parse_cached
from claimgraph.record import DocumentInfo, Event, Record
from claimgraph.stages.actors import actors
from claimgraph.stages.events import events

__all__ = ["CameoExample", "CameoScore", "best_event", "load_dyads", "load_examples", "score_cameo"]

#: (source codes, target codes) of a sentence, keyed by :func:`sentence_key`.
Dyads = dict[str, tuple[frozenset[str], frozenset[str]]]

_NOTE = re.compile(r"\s*Note:.*$", re.S)


@dataclass(frozen=True)
class CameoExample:
    code: str
    text: str


@dataclass
class CameoScore:
    n: int = 0
    root_correct: int = 0
    code_correct: int = 0
    with_event: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    parse_seconds: float = 0.0
    events_seconds: float = 0.0
    #: examples with gold source/target codes, and those whose best event has both sides right
    dyads: int = 0
    dyad_correct: int = 0

    @property
    def dyad_accuracy(self) -> float:
        return self.dyad_correct / self.dyads if self.dyads else 0.0

    @property
    def root_accuracy(self) -> float:
        return self.root_correct / self.n if self.n else 0.0

    @property
    def code_accuracy(self) -> float:
        return self.code_correct / self.n if self.n else 0.0

    def per_root(self) -> dict[str, tuple[int, int]]:
        """Gold root → (correct, total)."""
        out: dict[str, list[int]] = {}
        for (gold, pred), k in self.confusion.items():
            row = out.setdefault(gold, [0, 0])
            row[1] += k
            if gold == pred:
                row[0] += k
        return {r: (c, t) for r, (c, t) in sorted(out.items())}

    def confusion_table(self) -> str:
        """Gold roots as rows, predicted roots as columns (Markdown)."""
        golds = sorted({g for g, _ in self.confusion})
        preds = sorted({p for _, p in self.confusion})
        lines = ["| gold \\ pred | " + " | ".join(preds) + " | acc |", "|---" * (len(preds) + 2) + "|"]
        for g in golds:
            total = sum(self.confusion[(g, p)] for p in preds)
            cells = [str(self.confusion[(g, p)] or "") for p in preds]
            acc = self.confusion[(g, g)] / total if total else 0.0
            lines.append(f"| {g} | " + " | ".join(cells) + f" | {acc:.2f} |")
        return "\n".join(lines)


def load_examples(path: Path) -> list[CameoExample]:
    """The (code, sentence) pairs of ``eventtypes.csv`` that have an example."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror}; pass --data PATH/TO/eventtypes.csv") from exc
    if not rows or "code" not in rows[0] or "example" not in rows[0]:
        raise DataError(f"{path}: not a CAMEO eventtypes.csv (needs the columns code and example)")
    out = []
    for row in rows:
        example = (row.get("example") or "").strip()
        if not example or example == "NULL" or example.upper().startswith("NEED EXAMPLE"):
            continue
        text = _NOTE.sub("", example).strip()
        if text:
            out.append(CameoExample(row["code"].strip(), " ".join(text.split())))
    return out


def sentence_key(text: str) -> str:
    """A sentence compared across files: words joined by one space, lower case, no final stop."""
    return " ".join(text.split()).rstrip(".").lower()


def load_dyads(path: Path) -> Dyads:
    """Source and target codes of the sentences of a PLOVER gold-standard file."""
    return {sentence_key(g.text): (g.sources, g.targets) for g in read_gold(path)}


def _side_right(gold: frozenset[str], code: str | None) -> bool:
    return code is None if not gold else code in gold


def _dyad_right(doc: Doc, text: str, gold: tuple[frozenset[str], frozenset[str]]) -> bool:
    record = Record(document=DocumentInfo(id="cameo-dyad", text=text))
    record = record.model_copy(update={"actors": actors(doc, record)})
    ev = best_event(doc, events(doc, record))
    return (
        ev is not None
        and _side_right(gold[0], side_code(record, ev, "source"))
        and _side_right(gold[1], side_code(record, ev, "target"))
    )


def _depth(doc: Doc, start: int) -> int:
    """Tree depth of the predicate at ``start``; a nominal trigger counts as its governing verb."""
    tok = next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)
    while tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i:
        tok = tok.head
    depth = 0
    while tok is not None and tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def best_event(doc: Doc, evs: list[Event]) -> Event | None:
    """The event of the main predicate: shallowest trigger (a noun counts as its verb), then earliest."""
    if not evs:
        return None
    return min(evs, key=lambda e: (_depth(doc, e.trigger.start), e.trigger.start))


def score_cameo(
    nlp: Language, examples: list[CameoExample], *, cache: bool = True, dyads: Dyads | None = None
) -> CameoScore:
    """Code every example and score its best event against the gold code; with ``dyads``,
    also the sides of the best event of the examples that have gold codes for them."""
    texts = [e.text for e in examples]
    t0 = time.perf_counter()
    docs = parse_cached(nlp, texts, "cameo-examples") if cache else list(nlp.pipe(texts))
    score = CameoScore(parse_seconds=time.perf_counter() - t0)
    t1 = time.perf_counter()
    found = []
    for doc, ex in zip(docs, examples, strict=True):
        record = Record(document=DocumentInfo(id=f"cameo-{ex.code}", text=ex.text))
        found.append(best_event(doc, events(doc, record)))
    score.events_seconds = time.perf_counter() - t1
    for ex, ev in zip(examples, found, strict=True):
        pred = ev.cameo if ev else "--"
        score.n += 1
        score.with_event += ev is not None
        score.root_correct += pred[:2] == ex.code[:2]
        score.code_correct += pred == ex.code
        score.confusion[(ex.code[:2], pred[:2])] += 1
        score.rows.append((ex.code, pred, ex.text))
    for doc, ex in zip(docs, examples, strict=True):
        gold = (dyads or {}).get(sentence_key(ex.text))
        if gold is not None:
            score.dyads += 1
            score.dyad_correct += _dyad_right(doc, ex.text, gold)
    return score
