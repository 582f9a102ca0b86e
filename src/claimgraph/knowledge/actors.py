"""Actor knowledge: countries, organisations, groups of states, people and role words.

The files in ``knowledge/data`` (``countries.tsv``, ``organisations.tsv``, ``groups.tsv``,
``people.tsv``, ``actor_roles.tsv``, ``given_names.tsv``) are built by
``tools/build_actor_knowledge.py`` from the Phoenix/PETRARCH2 dictionaries
(openeventdata/petrarch2, MIT) and hand-written additions. :func:`actor_knowledge`
reads them once per process.

Surface forms (names, aliases, demonyms, capitals, organisation names, role words) are
kept as :class:`Surface` rows for the extractor's phrase matcher; people are looked up
by normalised name (:func:`name_key`), never scanned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from claimgraph.errors import DataError
from claimgraph.knowledge import data_path

__all__ = [
    "ActorKnowledge",
    "Country",
    "Person",
    "Role",
    "Surface",
    "actor_knowledge",
    "name_key",
    "parse_date",
]

#: Surface kinds: what a matched phrase is ("place": a non-actor name such as "South China Sea";
#: "region": a US state or other subdivision, evidence of its country but never an actor).
SURFACE_KINDS = ("country", "demonym", "plural", "capital", "region", "organisation", "group", "place")


@dataclass(frozen=True)
class Country:
    """A country: ISO 3166 alpha-3 code, CAMEO code, canonical English name."""

    iso3: str
    cameo: str
    name: str
    ambiguous: bool = False


@dataclass(frozen=True)
class Surface:
    """One phrase the matcher looks for and what it stands for.

    ``kind``: country (a name or abbreviation), demonym ("Chinese"), plural
    ("Americans"), capital ("Pyongyang"), organisation (seats, IGOs, media,
    companies, armed groups) or group (of states). ``actor_kind`` is the record's
    kind for the actor it names (state, organisation, group).
    """

    phrase: str
    kind: str
    name: str
    actor_kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    members: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Role:
    """A role word: a title ("foreign minister") or actor noun ("troops", "ministry")."""

    phrase: str
    sector: str
    kind: str  # person | state | organisation
    gender: str | None = None
    plural: bool = False
    flags: frozenset[str] = frozenset()

    @property
    def inherit(self) -> bool:
        """Takes the sector of the organisation named with it ("Pentagon spokesman")."""
        return "inherit" in self.flags

    @property
    def country(self) -> str | None:
        """The country a title belongs to ("Chancellor of the Exchequer": GBR), if only one."""
        return next((f[8:] for f in self.flags if f.startswith("country=")), None)


@dataclass(frozen=True)
class Person:
    """A person with dated roles: ``(code, start, end)``, dates None when open."""

    name: str
    gender: str | None
    roles: tuple[tuple[str, date | None, date | None], ...] = ()

    def role_at(self, when: date | None) -> str | None:
        """The CAMEO code of the role held on ``when`` (or the latest role when undated).

        A role without dates is the default, used when no dated role covers the day.
        """
        dated = [r for r in self.roles if r[1] or r[2]]
        default = next((r[0] for r in self.roles if not (r[1] or r[2])), None)
        if when is not None:
            holding = [r for r in dated if (r[1] is None or r[1] <= when) and (r[2] is None or when <= r[2])]
            if holding:
                return max(holding, key=lambda r: r[1] or date.min)[0]
            return default or (dated and _nearest(dated, when)) or None
        if dated:
            return max(dated, key=lambda r: (r[2] or date.max, r[1] or date.min))[0]
        return default


def _nearest(roles: list[tuple[str, date | None, date | None]], when: date) -> str:
    """The code of the role closest in time to ``when`` (a person keeps their country)."""

    def gap(r: tuple[str, date | None, date | None]) -> int:
        start, end = r[1] or date.min, r[2] or date.max
        return 0 if start <= when <= end else min(abs((start - when).days), abs((when - end).days))

    return min(roles, key=gap)[0]


@dataclass(frozen=True)
class ActorKnowledge:
    """Everything the actor extractor knows, loaded once (see :func:`actor_knowledge`)."""

    countries: dict[str, Country]
    surfaces: tuple[Surface, ...]
    roles: dict[str, Role]
    people: _People
    given_names: dict[str, str]
    cameo_to_iso: dict[str, str] = field(default_factory=dict)

    def person(self, name: str) -> tuple[Person, ...]:
        """People known by this name (any spelling :func:`name_key` unifies)."""
        for key in _name_variants(name):
            found = self.people.get(key)
            if found:
                return found
        return ()

    def country_of_code(self, code: str | None) -> str | None:
        """The ISO3 country at the head of a CAMEO actor code (``RUSGOV`` -> ``RUS``)."""
        if not code or len(code) < 3:
            return None
        head = code[:3]
        if head in self.countries:
            return head
        return self.cameo_to_iso.get(head)


_KEY_PUNCT = re.compile(r"[\s._\-'’]+")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def name_key(name: str) -> str:
    """A person's name normalised for lookup: lower case, no dots, hyphens or apostrophes."""
    return _KEY_PUNCT.sub(" ", name.lower()).strip()


def _name_variants(name: str) -> Iterator[str]:
    key = name_key(name)
    yield key
    words = [w for w in key.split() if w not in _SUFFIXES]
    short = [w for w in words if len(w) > 1]
    if short != key.split():
        yield " ".join(short)
    if len(short) > 2:
        yield f"{short[0]} {short[-1]}"


def parse_date(value: str | None) -> date | None:
    """The date at the start of an ISO 8601 string, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


# -- loading ---------------------------------------------------------------------------------
def _rows(name: str) -> list[dict[str, str]]:
    """The rows of a tab-separated knowledge file (``#`` lines are comments; no quoting)."""
    path = data_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(
            f"actor knowledge file {path} is missing: reinstall claimgraph or run "
            "tools/build_actor_knowledge.py"
        ) from exc
    lines = [ln for ln in text.split("\n") if ln and not ln.startswith("#")]
    if not lines:
        raise DataError(f"actor knowledge file {path} is empty: run tools/build_actor_knowledge.py")
    header = lines[0].split("\t")
    width = len(header)
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


def _split(value: str) -> list[str]:
    return [v for v in value.split(";") if v] if value else []


def _load_countries() -> tuple[dict[str, Country], list[Surface], dict[str, str]]:
    countries: dict[str, Country] = {}
    surfaces: list[Surface] = []
    cameo: dict[str, str] = {}
    kinds = {
        "name": "country",
        "alias": "country",
        "demonym": "demonym",
        "plural": "plural",
        "capital": "capital",
        "region": "region",
    }
    for row in _rows("countries.tsv"):
        iso, kind, text = row["iso3"], row["type"], row["phrase"]
        flags = frozenset(_split(row["flags"]))
        if kind == "place":  # a place named after a country: matched so that it blocks, never an actor
            surfaces.append(Surface(text, "place", text, "place"))
            continue
        if kind == "name":
            countries[iso] = Country(iso, row["cameo"], text, "ambiguous" in flags)
            if row["cameo"] != iso:
                cameo[row["cameo"]] = iso
        name = countries[iso].name if iso in countries else text
        surfaces.append(
            Surface(
                text,
                kinds[kind],
                name,
                "state",
                country=iso,
                sector="GOV" if kind == "capital" else None,
                flags=flags,
            )
        )
    return countries, surfaces, cameo


def _load_organisations() -> list[Surface]:
    out = []
    for row in _rows("organisations.tsv"):
        country = row["country"] or None
        flags = frozenset(_split(row["flags"]))
        for text in [row["name"], *_split(row["aliases"])]:
            out.append(
                Surface(
                    text,
                    "organisation",
                    row["name"],
                    row["kind"] or "organisation",
                    country=country,
                    sector=row["sector"] or None,
                    code=row["code"] or None,
                    flags=flags,
                )
            )
    return out


def _load_groups() -> list[Surface]:
    out = []
    for row in _rows("groups.tsv"):
        members = tuple(_split(row["members"]))
        flags = frozenset(_split(row["flags"]))
        for text in [row["name"], *_split(row["aliases"])]:
            out.append(
                Surface(
                    text,
                    "group",
                    row["name"],
                    "group",
                    sector=None,
                    code=row["code"] or None,
                    members=members,
                    flags=flags,
                )
            )
    return out


def _load_roles() -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for row in _rows("actor_roles.tsv"):
        phrase = row["phrase"].lower()
        if phrase in roles:
            continue
        roles[phrase] = Role(
            row["phrase"],
            row["sector"],
            row["kind"],
            row["gender"] if row["gender"] in "mf" and row["gender"] else None,
            row["number"] == "plural",
            frozenset(_split(row["flags"])),
        )
    return roles


class _People:
    """People by name key, read at the first lookup (a document that names no one never reads
    the 60,000 rows); a row is parsed into a :class:`Person` only when looked up."""

    def __init__(self, read: Callable[[], list[dict[str, str]]]) -> None:
        self._read = read
        self._loaded: tuple[list[dict[str, str]], dict[str, list[int]]] | None = None
        self._parsed: dict[int, Person] = {}

    def _tables(self) -> tuple[list[dict[str, str]], dict[str, list[int]]]:
        if self._loaded is None:
            rows = self._read()
            index: dict[str, list[int]] = {}
            for i, row in enumerate(rows):
                for text in [row["name"], *_split(row["aliases"])]:
                    bucket = index.setdefault(name_key(text), [])
                    if not bucket or bucket[-1] != i:
                        bucket.append(i)
            self._loaded = (rows, index)
        return self._loaded

    def __len__(self) -> int:
        return len(self._tables()[0])

    def _person(self, i: int) -> Person:
        person = self._parsed.get(i)
        if person is None:
            row = self._tables()[0][i]
            roles = []
            for spec in _split(row["roles"]):
                code, _, rest = spec.partition(":")
                start, _, end = rest.partition(":")
                roles.append((code, parse_date(start), parse_date(end)))
            gender = row["gender"] if row["gender"] in ("m", "f") else None
            person = self._parsed[i] = Person(row["name"], gender, tuple(roles))
        return person

    def get(self, key: str) -> tuple[Person, ...]:
        return tuple(self._person(i) for i in self._tables()[1].get(key, ()))


#: The knowledge files :func:`actor_knowledge` reads.
ACTOR_FILES = (
    "countries.tsv",
    "organisations.tsv",
    "groups.tsv",
    "given_names.tsv",
    "people.tsv",
    "actor_roles.tsv",
)


def actor_inputs() -> list[Path]:
    """What the actor knowledge is built from: its files and this module's code (the key of
    tables compiled from it, :mod:`claimgraph.diskcache`)."""
    return [*(data_path(name) for name in ACTOR_FILES), Path(__file__)]


@cache
def actor_knowledge() -> ActorKnowledge:
    """The actor knowledge, read from the package's data files once per process (the people
    when a name is first looked up)."""
    countries, surfaces, cameo = _load_countries()
    surfaces += _load_organisations()
    surfaces += _load_groups()
    names = {r["name"]: r["gender"] for r in _rows("given_names.tsv")}
    return ActorKnowledge(
        countries=countries,
        surfaces=tuple(surfaces),
        roles=_load_roles(),
        people=_People(lambda: _rows("people.tsv")),
        given_names=names,
        cameo_to_iso=cameo,
    )
