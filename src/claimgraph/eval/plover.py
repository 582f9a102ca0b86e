"""PLOVER gold-standard records: event type and dyad on CAMEO-manual sentences.

``plover/gsr_dev.jsonl`` (openeventdata/PLOVER, CC BY-SA 4.0) holds sentences with one
gold event each: a PLOVER type and the codes of its source and target actors (an ISO
3166 alpha-3 country, ``IGO``, ``NGO``, …). Each sentence is analysed as a document of
its own (actors, statements, events) and scored:

- **type recall**: the sentence has a predicted event of the gold type;
- **type+dyad recall**: … of the gold type whose source and target actors match the
  gold codes (an actor's country, else ``IGO``/``NGO``/``IMG`` from its code; an event side with
  no gold actor matches only a predicted side with none);
- **event precision**: predicted events of the sentence's gold type, over all
  predicted events (the sentences carry one gold event each, so a second, real event
  counts against precision: read it as a lower bound).

The records use PLOVER 0.8's types (CAMEO2PLOVER); the gold file uses a later draft's
names for four of them, mapped by :data:`TYPE_ALIASES`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import DataError
from claimgraph.eval import prf
from claimgraph.record import Event, Record

__all__ = [
    "CODE_ALIASES",
    "TYPE_ALIASES",
    "GoldEvent",
    "PloverScores",
    "actor_code",
    "read_gold",
    "score",
    "side_code",
]

#: Later PLOVER names in the gold file → the PLOVER 0.8 names the records carry.
TYPE_ALIASES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}
#: Old CAMEO country codes in the gold file → ISO 3166 alpha-3.
CODE_ALIASES: dict[str, str] = {"JAP": "JPN", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
#: Non-state codes compared by their first three letters (IGO…, NGO…, IMG…: the gold file codes
#: international militarized groups such as al-Qaeda ``IMG``).
_GROUP_CODES = ("IGO", "NGO", "IMG")


@dataclass(frozen=True)
class GoldEvent:
    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


def _codes(actors: Any) -> frozenset[str]:
    out = set()
    for a in actors or []:
        code = str(a.get("code") or "").upper()[:3]
        if code:
            out.add(CODE_ALIASES.get(code, code))
    return frozenset(out)


def read_gold(path: Path) -> list[GoldEvent]:
    """The gold records of a PLOVER GSR JSON-lines file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    gold: list[GoldEvent] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            event = str(row["event"]).upper()
            gold.append(
                GoldEvent(
                    id=str(row.get("id") or number),
                    text=str(row["text"]),
                    type=TYPE_ALIASES.get(event, event),
                    sources=_codes(row.get("source")),
                    targets=_codes(row.get("target")),
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DataError(f"{path}:{number}: not a PLOVER gold record ({exc})") from None
    if not gold:
        raise DataError(f"{path}: no gold records")
    return gold


def actor_code(record: Record, actor_id: str | None) -> str | None:
    """The code an event side is compared by: the actor's country, else IGO/NGO/IMG."""
    if actor_id is None:
        return None
    actor = record.actor(actor_id)
    if actor is None:
        return None
    if actor.country:
        return actor.country
    code = (actor.code or "").upper()
    if code.startswith(_GROUP_CODES):
        return code[:3]
    return "IGO" if actor.kind == "organisation" and actor.sector == "IGO" else None


def side_code(record: Record, event: Event, side: str) -> str | None:
    """The code an event side is compared by: the country the event gives it (which places a
    group without a country), else :func:`actor_code` of its actor."""
    placed = getattr(event, f"{side}_country", None)
    return placed or actor_code(record, getattr(event, side))


def _side_matches(gold: frozenset[str], predicted: str | None) -> bool:
    return predicted is None if not gold else predicted in gold


@dataclass
class PloverScores:
    n: int = 0
    typed: int = 0
    dyad: int = 0
    predicted: int = 0
    predicted_typed: int = 0
    per_type: dict[str, Counter[str]] = field(default_factory=dict)
    #: (gold id, gold type, gold dyad, what was predicted) of each sentence without a type+dyad match
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def type_recall(self) -> float:
        return self.typed / self.n if self.n else 0.0

    @property
    def dyad_recall(self) -> float:
        return self.dyad / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return self.predicted_typed / self.predicted if self.predicted else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.n,
            "type_recall": round(self.type_recall, 4),
            "type_dyad_recall": round(self.dyad_recall, 4),
            "event_precision": round(self.precision, 4),
            "type_f1": round(
                prf(self.predicted_typed, self.predicted - self.predicted_typed, self.n - self.typed)[2], 4
            ),
            "predicted_events": self.predicted,
            "per_type": {k: dict(v) for k, v in sorted(self.per_type.items())},
        }


def _describe(record: Record, events: Sequence[Event]) -> str:
    return (
        "; ".join(
            f"{e.plover or e.cameo} {side_code(record, e, 'source') or '-'}>"
            f"{side_code(record, e, 'target') or '-'}"
            for e in events
        )
        or "no event"
    )


def score(gold: Sequence[GoldEvent], records: Sequence[Record]) -> PloverScores:
    """Score the records of the gold sentences (same order)."""
    out = PloverScores()
    for item, record in zip(gold, records, strict=True):
        out.n += 1
        counts = out.per_type.setdefault(item.type, Counter())
        counts["gold"] += 1
        events = record.events
        of_type = [e for e in events if e.plover == item.type]
        out.predicted += len(events)
        out.predicted_typed += len(of_type)
        if of_type:
            out.typed += 1
            counts["type"] += 1
        if any(
            _side_matches(item.sources, side_code(record, e, "source"))
            and _side_matches(item.targets, side_code(record, e, "target"))
            for e in of_type
        ):
            out.dyad += 1
            counts["dyad"] += 1
        else:
            dyad = f"{'+'.join(sorted(item.sources)) or '-'}>{'+'.join(sorted(item.targets)) or '-'}"
            out.misses.append((item.id, item.type, dyad, _describe(record, events)))
    return out


def format_table(result: PloverScores) -> str:
    """The scores as plain text, with per-type recall."""
    lines = [
        f"PLOVER gold sentences: {result.n}, predicted events: {result.predicted}",
        f"type recall {result.type_recall:.3f}   type+dyad recall {result.dyad_recall:.3f}   "
        f"event precision {result.precision:.3f}",
        f"{'type':<11}{'gold':>6}{'type':>7}{'dyad':>7}",
    ]
    for name, c in sorted(result.per_type.items()):
        lines.append(f"{name:<11}{c['gold']:>6}{c['type']:>7}{c['dyad']:>7}")
    return "\n".join(lines)
