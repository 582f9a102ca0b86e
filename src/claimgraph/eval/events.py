"""The project's own event set: hand-labelled events in real articles, and its scorer.

``benchmarks/data/events_dev.tsv`` labels every event in 30 PolNeAR and FNC-1 articles
(or in a labelled region of each): the trigger's and the sentence's character offsets,
the PLOVER type and CAMEO root, source and target (ISO 3166 alpha-3, ``IGO``, ``-``;
``A+B`` for coordinated actors), mode, date with its precision, and location. No text is
stored; the articles are read from the research corpora. Split ``dev`` is for
development, ``check`` is kept untouched for the final figure.

A predicted event (its trigger inside a labelled region) is matched one-to-one to a gold
event of the same PLOVER type: first where their triggers overlap, then where the
predicted trigger lies in the gold event's sentence. Measures:

- **type** precision/recall: matched events over predicted / gold events;
- **fully right** precision/recall: matched events whose source and target are also
  right (a predicted side is right when its actor's country, or IGO, is one of the gold
  codes of that side, or when both have none);
- over matched events: **mode accuracy**, **date accuracy** (gold ``day``/``month``/
  ``year`` dates: the predicted date at that precision; gold ``document``: a predicted
  date of precision ``document`` or none; gold ``relative`` — an FNC-1 body with no
  publication date — is not scored) and **location accuracy** (the country, or none).
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
from claimgraph.eval.plover import side_code
from claimgraph.record import DocumentInfo, Event, Record

__all__ = ["EventArticle", "EventScores", "GoldEvent", "format_table", "read_events", "score"]

#: Columns of the label file.
COLUMNS: tuple[str, ...] = (
    "corpus",
    "path",
    "sent_start",
    "sent_end",
    "trig_start",
    "trig_end",
    "trig_sha1",
    "plover",
    "cameo",
    "source",
    "target",
    "mode",
    "date",
    "precision",
    "location",
    "split",
)


@dataclass(frozen=True)
class GoldEvent:
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    plover: str
    sources: frozenset[str]
    targets: frozenset[str]
    mode: str
    date: str | None
    precision: str
    location: str | None


@dataclass
class EventArticle:
    corpus: str
    path: str
    split: str
    text: str
    published: str | None
    regions: list[tuple[int, int]] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return f"{self.corpus}/{self.path}"

    def document(self) -> DocumentInfo:
        return DocumentInfo(id=self.doc_id, text=self.text, published=self.published)

    def in_region(self, start: int) -> bool:
        return any(s <= start < e for s, e in self.regions)


def _codes(value: str) -> frozenset[str]:
    return frozenset() if value in ("", "-") else frozenset(value.split("+"))


def read_events(labels: Path, data_dir: Path, *, split: str | None = "dev") -> list[EventArticle]:
    """The labelled articles of ``split`` (``dev``, ``check``, or None for both)."""
    rows = [r for r in labelled_rows(labels, COLUMNS) if split is None or r["split"] == split]
    corpora = CorpusTexts(data_dir)
    articles: dict[tuple[str, str], EventArticle] = {}
    for r in rows:
        key = (r["corpus"], r["path"])
        if key not in articles:
            try:
                text, published = corpora.text(*key), corpora.published(*key)
            except (OSError, KeyError, ValueError) as exc:
                raise DataError(f"cannot read the labelled articles from {data_dir}: {exc}") from None
            articles[key] = EventArticle(r["corpus"], r["path"], r["split"], text, published)
        art = articles[key]
        trigger = (int(r["trig_start"]), int(r["trig_end"]))
        if r["plover"] == "_region":
            art.regions.append(trigger)
            continue
        art.events.append(
            GoldEvent(
                sentence=(int(r["sent_start"]), int(r["sent_end"])),
                trigger=trigger,
                plover=r["plover"],
                sources=_codes(r["source"]),
                targets=_codes(r["target"]),
                mode=r["mode"],
                date=None if r["date"] in ("", "-") else r["date"],
                precision=r["precision"],
                location=None if r["location"] in ("", "-") else r["location"],
            )
        )
    return sorted(articles.values(), key=lambda a: a.doc_id)


# -- scoring --------------------------------------------------------------------------
def event_mode(event: Event) -> str:
    """The predicted event's mode (records without the field: negated or asserted)."""
    mode = getattr(event, "mode", None)
    return str(mode) if mode else ("negated" if event.negated else "asserted")


def event_date(event: Event) -> tuple[str | None, str | None]:
    date = getattr(event, "date", None)
    return (date.value, date.precision) if date is not None else (None, None)


def event_location(event: Event) -> str | None:
    place = getattr(event, "location", None)
    return place.country if place is not None else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(gold: Sequence[GoldEvent], predicted: Sequence[Event]) -> list[tuple[GoldEvent, Event]]:
    pairs: list[tuple[GoldEvent, Event]] = []
    free_gold, free_pred = list(gold), list(predicted)
    for near in (True, False):
        for g in list(free_gold):
            for p in free_pred:
                if p.plover != g.plover:
                    continue
                where = (p.trigger.start, p.trigger.end)
                if _overlap(where, g.trigger) if near else g.sentence[0] <= where[0] < g.sentence[1]:
                    pairs.append((g, p))
                    free_gold.remove(g)
                    free_pred.remove(p)
                    break
    return pairs


def _date_right(gold: GoldEvent, value: str | None, precision: str | None) -> bool | None:
    if gold.precision == "document":
        return value is None or precision == "document"
    if gold.precision not in ("day", "month", "year") or gold.date is None:
        return None
    return value is not None and precision != "document" and value[: len(gold.date)] == gold.date


@dataclass
class EventScores:
    gold: int = 0
    predicted: int = 0
    typed: int = 0
    full: int = 0
    mode: Counter[str] = field(default_factory=Counter)
    date: Counter[str] = field(default_factory=Counter)
    location: Counter[str] = field(default_factory=Counter)
    #: (gold mode, predicted mode) counts
    modes: Counter[tuple[str, str]] = field(default_factory=Counter)
    per_type: dict[str, Counter[str]] = field(default_factory=dict)
    #: what went wrong, by cause (see :func:`score`)
    causes: Counter[str] = field(default_factory=Counter)
    #: one line per miss: cause, gold, predicted, sentence (for ``--errors``)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    def ratio(self, counts: Counter[str]) -> float:
        n = counts["right"] + counts["wrong"]
        return counts["right"] / n if n else 0.0

    def as_dict(self) -> dict[str, Any]:
        tp, tr, tf = prf(self.typed, self.predicted - self.typed, self.gold - self.typed)
        fp, fr, ff = prf(self.full, self.predicted - self.full, self.gold - self.full)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "type": {"precision": round(tp, 4), "recall": round(tr, 4), "f1": round(tf, 4)},
            "fully_right": {"precision": round(fp, 4), "recall": round(fr, 4), "f1": round(ff, 4)},
            "mode_accuracy": round(self.ratio(self.mode), 4),
            "date_accuracy": round(self.ratio(self.date), 4),
            "location_accuracy": round(self.ratio(self.location), 4),
            "matched": self.typed,
            "modes": {f"{g}>{p}": n for (g, p), n in sorted(self.modes.items())},
            "per_type": {k: dict(v) for k, v in sorted(self.per_type.items())},
            "causes": dict(sorted(self.causes.items())),
        }


def _side_cause(record: Record, event: Event, gold: frozenset[str], side: str) -> str | None:
    code = side_code(record, event, side)
    if code is None if not gold else code in gold:
        return None
    if code is None:
        actor_id = getattr(event, side)
        actor = record.actor(actor_id) if actor_id else None
        return f"{side} missing" if actor is None else f"{side} without a code"
    return f"{side} spurious" if not gold else f"{side} wrong"


def _describe(record: Record, event: Event) -> str:
    def side(name: str) -> str:
        actor = record.actor(getattr(event, name))
        code = side_code(record, event, name) or "?"
        return code if actor is None else f"{actor.name}={code}"

    date = event_date(event)
    return (
        f"{event.plover} '{event.trigger.text}' {side('source')} -> {side('target')} "
        f"{event_mode(event)} {date[0]}/{date[1]}"
    )


def _gold_text(art: EventArticle, g: GoldEvent) -> str:
    src, tgt = "+".join(sorted(g.sources)) or "-", "+".join(sorted(g.targets)) or "-"
    trig = art.text[g.trigger[0] : g.trigger[1]]
    return f"{g.plover} '{trig}' {src} -> {tgt} {g.mode} {g.date}/{g.precision}"


def _sentence(art: EventArticle, span: tuple[int, int]) -> str:
    return " ".join(art.text[span[0] : span[1]].split())


def _score_article(out: EventScores, art: EventArticle, record: Record) -> None:
    predicted = [e for e in record.events if art.in_region(e.trigger.start)]
    out.gold += len(art.events)
    out.predicted += len(predicted)
    for g in art.events:
        out.per_type.setdefault(g.plover, Counter())["gold"] += 1
    for p in predicted:
        out.per_type.setdefault(p.plover or "-", Counter())["predicted"] += 1
    pairs = _match(art.events, predicted)
    for g, p in pairs:
        out.typed += 1
        counts = out.per_type[g.plover]
        counts["matched"] += 1
        causes = [
            c
            for c in (
                _side_cause(record, p, g.sources, "source"),
                _side_cause(record, p, g.targets, "target"),
            )
            if c
        ]
        if not causes:
            out.full += 1
            counts["full"] += 1
        mode = event_mode(p)
        out.modes[(g.mode, mode)] += 1
        out.mode["right" if mode == g.mode else "wrong"] += 1
        if mode != g.mode:
            causes.append("mode wrong")
        right = _date_right(g, *event_date(p))
        if right is not None:
            out.date["right" if right else "wrong"] += 1
            if not right:
                causes.append("date wrong")
        out.location["right" if event_location(p) == g.location else "wrong"] += 1
        for cause in causes:
            out.causes[cause] += 1
            out.misses.append((cause, _gold_text(art, g), _describe(record, p), _sentence(art, g.sentence)))
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    for g in art.events:
        if id(g) in matched_gold:
            continue
        near = [p for p in predicted if g.sentence[0] <= p.trigger.start < g.sentence[1]]
        cause = "gold: other type predicted" if near else "gold: no event in the sentence"
        out.causes[cause] += 1
        pred = "; ".join(_describe(record, p) for p in near) or "-"
        out.misses.append((cause, _gold_text(art, g), pred, _sentence(art, g.sentence)))
    for p in predicted:
        if id(p) in matched_pred:
            continue
        in_gold = any(g.sentence[0] <= p.trigger.start < g.sentence[1] for g in art.events)
        cause = "predicted: other type in gold" if in_gold else "predicted: no gold event in the sentence"
        out.causes[cause] += 1
        out.misses.append((cause, "-", _describe(record, p), " ".join(p.sentence.text.split())))


def score(articles: Iterable[EventArticle], records: Iterable[Record]) -> EventScores:
    """Score the records of the labelled articles (same order).

    Every miss is counted by cause: a gold event with no predicted event in its sentence
    or only events of another type; a predicted event in a sentence without a gold event
    (not an event) or of another type; and, over matched events, a side missing (no
    actor), without a code (an actor with no country), wrong or spurious, a wrong mode
    and a wrong date.
    """
    out = EventScores()
    for art, record in zip(articles, records, strict=True):
        _score_article(out, art, record)
    return out


def format_table(scores: EventScores, title: str) -> str:
    d = scores.as_dict()
    lines = [
        f"{title}: {d['gold']} gold events, {d['predicted']} predicted, {d['matched']} matched by type",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name in ("type", "fully_right"):
        m = d[name]
        lines.append(f"{name.replace('_', ' '):14}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}")
    lines.append(
        f"over matched events: mode accuracy {d['mode_accuracy']:.3f}, date accuracy "
        f"{d['date_accuracy']:.3f}, location accuracy {d['location_accuracy']:.3f}"
    )
    lines.append(f"{'type':<11}{'gold':>6}{'pred':>6}{'match':>7}{'full':>6}")
    for name, c in d["per_type"].items():
        cells = (c.get(k, 0) for k in ("gold", "predicted", "matched", "full"))
        lines.append(f"{name:<11}" + "".join(f"{n:>{w}}" for n, w in zip(cells, (6, 6, 7, 6), strict=True)))
    lines.append("causes of misses:")
    lines.extend(f"  {cause:<44}{n:>5}" for cause, n in d["causes"].items())
    return "\n".join(lines)
