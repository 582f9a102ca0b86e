"""The actor knowledge files: credited, modest in size, internally consistent."""

from __future__ import annotations

import re

import pytest

from claimgraph.knowledge import data_path
from claimgraph.knowledge.actors import actor_knowledge, parse_date

FILES = [
    "countries.tsv",
    "organisations.tsv",
    "groups.tsv",
    "people.tsv",
    "actor_roles.tsv",
    "given_names.tsv",
]


@pytest.mark.parametrize("name", FILES)
def test_files_are_credited(name):
    head = data_path(name).read_text(encoding="utf-8").split("\n", 3)[:3]
    assert head[0].startswith("#")
    text = " ".join(head)
    assert "MIT" in text and "build_actor_knowledge.py" in text


def test_files_are_modest():
    assert sum(data_path(n).stat().st_size for n in FILES) < 3 * 1024 * 1024


def test_countries_are_iso3():
    kb = actor_knowledge()
    assert all(re.fullmatch(r"[A-Z]{3}", iso) for iso in kb.countries)
    assert {"USA", "RUS", "CHN", "PRK", "KOR", "GBR", "XKX", "PSE"} <= set(kb.countries)


def test_regions_are_evidence_only():
    kb = actor_knowledge()
    regions = {s.phrase: s for s in kb.surfaces if s.kind == "region"}
    assert regions["Texas"].country == "USA" and regions["New Mexico"].country == "USA"
    assert "Washington" not in regions and "Georgia" not in regions  # a capital and a country


def test_titles_of_one_country():
    roles = actor_knowledge().roles
    assert roles["chancellor of the exchequer"].country == "GBR"
    assert roles["secretary of the treasury"].country == "USA"
    assert roles["foreign minister"].country is None


def test_group_members_are_countries():
    kb = actor_knowledge()
    for s in kb.surfaces:
        if s.kind == "group":
            assert s.members and set(s.members) <= set(kb.countries), s.name


@pytest.mark.parametrize(
    ("phrase", "kind", "country", "code"),
    [
        ("the Kremlin", "organisation", "RUS", "RUSGOV"),
        ("Pentagon", "organisation", "USA", "USAMIL"),
        ("NATO", "organisation", None, "IGOWSTNAT"),
        ("European Community", "organisation", None, "IGOEUREEC"),  # the EU's earlier name
        ("Asia-Pacific Economic Cooperation", "organisation", None, "IGOASABUSAPC"),
        ("U.S.", "country", "USA", None),
        ("DPRK", "country", "PRK", None),
        ("North Korean", "demonym", "PRK", None),
        ("Pyongyang", "capital", "PRK", None),
    ],
)
def test_surfaces(phrase, kind, country, code):
    kb = actor_knowledge()
    found = [s for s in kb.surfaces if s.phrase == phrase]
    assert found, phrase
    s = found[0]
    assert (s.kind, s.country) == (kind, country)
    if code:
        assert s.code == code


def test_people_roles_are_dated():
    kb = actor_knowledge()
    (pompeo,) = kb.person("Mike Pompeo")
    assert pompeo.role_at(parse_date("2017-06-01")) == "USASPY"
    assert pompeo.role_at(parse_date("2019-06-01")) == "USAGOV"
    assert kb.person("Vladimir V. Putin") == kb.person("Putin")


def test_every_file_the_actor_knowledge_reads_keys_its_compiled_tables(monkeypatch):
    """The compiled-table cache is keyed by ACTOR_FILES: a file read but not listed would leave
    a stale trie in the cache when it changes."""
    from claimgraph.knowledge import actors

    read: list[str] = []
    rows = actors._rows

    def recording(name: str) -> list[dict[str, str]]:
        read.append(name)
        return rows(name)

    monkeypatch.setattr(actors, "_rows", recording)
    kb = actors.actor_knowledge.__wrapped__()  # built afresh, not the cached one
    kb.person("Vladimir Putin")  # the people are read at the first lookup
    assert "people.tsv" in read
    assert set(read) <= set(actors.ACTOR_FILES)
