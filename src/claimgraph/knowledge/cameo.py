"""CAMEO knowledge: event codes, verb and noun patterns, moods, sub-code domains.

Files in ``knowledge/data`` (each names its source in its header):

- ``cameo_codes.tsv`` — code, label, Goldstein weight, quad class, PLOVER type
  (generated from PETRARCH2's MIT tables and the CC BY-SA CAMEO→PLOVER map by
  ``tools/build_event_knowledge.py``). The Goldstein table is PETRARCH2's
  ``CAMEO.goldsteinscale.txt`` (the GDELT variant: 016 "deny" = -2.0).
- ``event_patterns.jsonl`` — PETRARCH2's ``CAMEO.2.0.txt`` verb blocks, flattened
  (generated, MIT).
- ``event_lexicon.tsv`` and ``event_moods.tsv`` — this project's own lexicon
  (verb and noun triggers, moods, light verbs, domains) and mood table.

Everything is loaded once per process (:func:`functools.cache`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from claimgraph.errors import DataError
from claimgraph.knowledge import data_path

__all__ = [
    "MOODS",
    "CameoCode",
    "EventLexicon",
    "Pattern",
    "cameo_code",
    "cameo_codes",
    "event_agents",
    "event_lexicon",
]

#: The moods that frame another action, in CAMEO's parallel structure.
MOODS: tuple[str, ...] = ("appeal", "intent", "demand", "reject", "threaten")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code with its label, Goldstein weight, quad class and PLOVER type."""

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover: str | None


@dataclass(frozen=True)
class Pattern:
    """A trigger pattern: every slot (a set of alternative words) must be among the argument words."""

    value: str
    slots: tuple[frozenset[str], ...] = ()
    swap: bool = False
    origin: str = "lexicon"

    def matches(self, words: frozenset[str] | set[str]) -> bool:
        return all(not slot.isdisjoint(words) for slot in self.slots)


@dataclass(frozen=True)
class EventLexicon:
    """The compiled lexicon the events extractor matches against."""

    verbs: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    nouns: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    adjs: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    verb_moods: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    noun_moods: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    light: frozenset[str] = frozenset()
    domains: dict[str, frozenset[str]] = field(default_factory=dict)
    domain_order: tuple[str, ...] = ()
    spec: dict[tuple[str, str], str] = field(default_factory=dict)
    mood_table: dict[str, dict[str, str]] = field(default_factory=dict)

    def mood_code(self, action: str | None, mood: str) -> str:
        """The code of ``action`` framed by ``mood`` (nearest listed parent, else the mood default)."""
        if action:
            for key in (action, action[:3], action[:2]):
                row = self.mood_table.get(key)
                if row and row.get(mood):
                    return row[mood]
        return self.mood_table["*"][mood]

    def reframe(self, code: str, mood: str) -> str:
        """A code that already carries a mood, in another mood (intent 0333 → reject 1223)."""
        for action, row in self.mood_table.items():
            if action != "*" and code in row.values():
                return self.mood_code(action, mood)
        return self.mood_table["*"][mood]


def _read_rows(name: str) -> list[list[str]]:
    path = data_path(name)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:  # pragma: no cover - a broken install
        raise DataError(f"knowledge file {name} is missing: reinstall claimgraph") from exc
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code of ``cameo_codes.tsv``, by code."""
    out: dict[str, CameoCode] = {}
    for row in _read_rows("cameo_codes.tsv")[1:]:
        code, label, gold, quad, plover = (row + [""] * 5)[:5]
        out[code] = CameoCode(code, label, float(gold), int(quad), plover or None)
    return out


def cameo_code(code: str) -> CameoCode | None:
    """The entry of ``code``, or of its nearest parent (``0345`` → ``034``), or None."""
    table = cameo_codes()
    for key in (code, code[:3], code[:2]):
        if key in table:
            entry = table[key]
            return (
                entry
                if key == code
                else CameoCode(code, entry.label, entry.goldstein, entry.quad_class, entry.plover)
            )
    return None


def _slots(args: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(a.split("|")) for a in args.split())


def _add(index: dict[str, list[Pattern]], keys: str, pattern: Pattern) -> None:
    for key in keys.split("|"):
        key = key.strip().lower()
        if not key:
            continue
        lemma, _, particle = key.partition(" ")
        slots = (frozenset([particle]), *pattern.slots) if particle else pattern.slots
        index.setdefault(lemma, []).append(Pattern(pattern.value, slots, pattern.swap, pattern.origin))


def _freeze(index: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
    """The project's lexicon before the derived patterns; most specific first within each."""
    return {
        k: tuple(sorted(v, key=lambda p: (p.origin != "lexicon", -len(p.slots)))) for k, v in index.items()
    }


def _derived(verbs: dict[str, list[Pattern]]) -> None:
    """Add the flattened PETRARCH2 verb blocks (``event_patterns.jsonl``)."""
    path = data_path("event_patterns.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        block = json.loads(line)
        patterns = [
            Pattern(code, _slots(args), flag == "swap", "cameo2") for code, args, flag in block["patterns"]
        ]
        for key, own in block["verbs"].items():
            default = own or block["code"]
            lemma, _, particle = key.partition(" ")
            if particle:  # multi-word verbs keep only their own default
                if default != "-":
                    _add(verbs, key, Pattern(default, (), False, "cameo2"))
                continue
            # the block's patterns as they are (frozen): one list extend, not a copy of each
            # (45,000 patterns: a third of a second at every start)
            if patterns:
                verbs.setdefault(lemma.strip().lower(), []).extend(patterns)
            if default != "-":
                _add(verbs, lemma, Pattern(default, (), False, "cameo2"))


@cache
def event_agents() -> frozenset[str]:
    """Nouns that name an actor ("ministry", "rebels", "police"): PETRARCH2 agents + the lexicon's own."""
    words = {
        line.strip()
        for line in data_path("event_agents.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for row in _read_rows("event_lexicon.tsv"):
        if row[0].strip() == "agent":
            words.update(w.strip() for w in row[1].split("|"))
    return frozenset(words)


@cache
def event_lexicon() -> EventLexicon:
    """The compiled event lexicon (project lexicon + derived PETRARCH2 patterns + mood table)."""
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    adjs: dict[str, list[Pattern]] = {}
    vmoods: dict[str, list[Pattern]] = {}
    nmoods: dict[str, list[Pattern]] = {}
    light: set[str] = set()
    domains: dict[str, set[str]] = {}
    domain_order: list[str] = []
    spec: dict[tuple[str, str], str] = {}
    for row in _read_rows("event_lexicon.tsv"):
        if len(row) > 4:
            raise DataError(f"event_lexicon.tsv: too many columns in {chr(9).join(row)!r}")
        kind, keys = row[0].strip(), row[1] if len(row) > 1 else ""
        args = row[2].strip() if len(row) > 2 else ""
        value = row[3].strip() if len(row) > 3 else ""
        if kind == "agent":
            continue
        if kind == "light":
            light.update(k.strip() for k in keys.split("|"))
            continue
        if kind == "domain":
            if args not in domain_order:
                domain_order.append(args)
            for k in keys.split("|"):
                domains.setdefault(k.strip(), set()).add(args)
            continue
        if kind == "spec":
            spec[(keys.strip(), args)] = value
            continue
        swap = value.endswith(":swap")  # "received aid from X": the event goes from X
        pattern = Pattern(value.removesuffix(":swap"), _slots(args), swap)
        if kind == "mood":
            _add(vmoods, keys, pattern)
        elif kind == "verb":
            _add(verbs, keys, pattern)
        elif kind == "noun":
            _add(nmoods if value in MOODS else nouns, keys, pattern)
        elif kind == "adj":
            _add(adjs, keys, pattern)
        else:
            raise DataError(f"event_lexicon.tsv: unknown kind {kind!r}")
    _derived(verbs)
    table: dict[str, dict[str, str]] = {}
    rows = _read_rows("event_moods.tsv")
    for row in rows[1:]:
        row = (row + [""] * 6)[:6]
        table[row[0]] = {m: c.strip() for m, c in zip(MOODS, row[1:], strict=True)}
    return EventLexicon(
        verbs=_freeze(verbs),
        nouns=_freeze(nouns),
        adjs=_freeze(adjs),
        verb_moods=_freeze(vmoods),
        noun_moods=_freeze(nmoods),
        light=frozenset(light),
        domains={k: frozenset(v) for k, v in domains.items()},
        domain_order=tuple(domain_order),
        spec=spec,
        mood_table=table,
    )
