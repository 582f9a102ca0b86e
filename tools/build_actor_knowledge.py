"""Regenerate the actor knowledge files in ``src/claimgraph/knowledge/data``.

Sources:

- the PETRARCH2 / Phoenix actor and agent dictionaries in ``../shared/data/cameo``
  (``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
  ``Phoenix.MilNonState.actors.txt``, ``Phoenix.agents.txt``) and the
  ``text_to_CAMEO`` country names, all MIT-licensed (openeventdata/petrarch2,
  openeventdata/text_to_CAMEO, Copyright (c) 2014 Open Event Data Alliance);
- the hand-written additions in ``tools/actor_knowledge/*.tsv`` (MIT,
  claimgraph developers), which win wherever both say something.

Run from the repository root::

    .venv/bin/python tools/build_actor_knowledge.py [--data ../shared/data]

The output is deterministic: rerunning on the same inputs gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAND = ROOT / "tools" / "actor_knowledge"
OUT = ROOT / "src" / "claimgraph" / "knowledge" / "data"

PHOENIX_CREDIT = (
    "# Derived from the Phoenix/PETRARCH2 dictionaries (openeventdata/petrarch2) and "
    "openeventdata/text_to_CAMEO, MIT licence, Copyright (c) 2014 Open Event Data Alliance;\n"
    "# with hand-written additions by the claimgraph developers (MIT). "
    "Regenerate with tools/build_actor_knowledge.py.\n"
)
HAND_CREDIT = (
    "# Hand-written by the claimgraph developers (MIT); Phoenix/PETRARCH2 codes "
    "(openeventdata/petrarch2, MIT, (c) 2014 Open Event Data Alliance).\n"
    "# Regenerate with tools/build_actor_knowledge.py.\n"
)

#: CAMEO country codes that are not ISO 3166 alpha-3 (suffix rules handle USAGUM-style codes).
CAMEO_TO_ISO = {"TMP": "TLS", "KSV": "XKX", "IMY": "IMN", "GZA": "PSE", "ROM": "ROU", "ZAR": "COD"}
#: text_to_CAMEO names of territories coded as another country ("Jersey" would match "New Jersey").
TERRITORY_NAMES = {"Jersey", "Guernsey", "Mayotte", "Saint Barthelemy", "Saint Martin (French part)"}
#: Earliest role end kept in people.tsv (older roles only bloat the file).
PEOPLE_SINCE = date(1960, 1, 1)
ORG_WORDS = re.compile(
    r"\b(ARMY|FORCES?|PARTY|MINISTRY|COUNCIL|FRONT|MOVEMENT|BRIGADES?|ORGANI[SZ]ATION|UNION|"
    r"LEAGUE|COMMITTEE|ASSOCIATION|AGENCY|BANK|FUND|GROUP|COMMISSION|CONGRESS|ASSEMBLY|"
    r"SERVICE|GUARDS?|POLICE|COURT|INSTITUTE|UNIVERSITY|COMPANY|CORPORATION|NEWS|RADIO|"
    r"TELEVISION|MILITIA|CORPS|NAVY|COMMAND|OFFICE|DEPARTMENT|BUREAU|AUTHORITY|STATE|"
    r"REPUBLIC|NATIONS|FEDERATION|COALITION|ALLIANCE|CENTER|CENTRE|FOUNDATION|NETWORK|"
    r"PROGRAM|PROGRAMME|MISSION|TRIBUNAL|PARLIAMENT|SOCIETY|CLUB|CHURCH|RED|JIHAD|AL-QAEDA)\b"
)
NAME_VARIANT_OF = re.compile(
    r"\b(REPUBLIC|KINGDOM|FEDERATION|EMIRATES?|SULTANATE|PRINCIPALITY|COMMONWEALTH|STATES?) OF\b"
)
TITLE_WORDS = re.compile(
    r"\b(PRESIDENT|MINISTER|PRIME|SECRETARY|SENATOR|GENERAL|KING|QUEEN|PRINCE|CHANCELLOR|"
    r"AMBASSADOR|LEADER|CHAIRMAN|FORMER|DR|MR|MRS|MS|SHEIKH|EMIR|GOVERNOR|COMMANDER|"
    r"SPOKESMAN|DEPUTY|CHIEF|AYATOLLAH|MAYOR|REP|SEN|GEN|ADMIRAL|COLONEL|JUDGE|LORD|BARON|"
    r"BARONESS|LADY|SIR)\b"
)


# -- TABARI/PETRARCH actor dictionaries ------------------------------------------------
@dataclass
class Entry:
    """One block of a TABARI actor dictionary: a name, its synonyms and its codes."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    comment: str = ""
    section: str = ""


_CODE = re.compile(r"\[([^\]]*)\]")


def parse_date(text: str) -> date | None:
    """A TABARI date (YYMMDD, 00-30 meaning 20YY, or YYYYMMDD) as a date."""
    text = text.strip()
    if not text.isdigit():
        return None
    try:
        if len(text) <= 7:
            yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:6])
            return date(2000 + yy if yy <= 30 else 1900 + yy, max(mm, 1), max(dd, 1))
        return date(int(text[:4]), max(int(text[4:6]), 1), max(int(text[6:8]), 1))
    except ValueError:
        return None


def parse_codes(text: str) -> list[tuple[str, date | None, date | None]]:
    """``[RUSGOV 991231-080507] [RUSELI]`` as (code, start, end) triples."""
    out = []
    for raw in _CODE.findall(text):
        parts = raw.split()
        if not parts or parts[0] in ("---", "~"):
            continue
        code = parts[0].strip()
        start = end = None
        if len(parts) > 1:
            spec = "".join(parts[1:])
            if spec.startswith(">"):
                start = parse_date(spec[1:])
            elif spec.startswith("<"):
                end = parse_date(spec[1:])
            elif "-" in spec:
                a, b = spec.split("-", 1)
                start, end = parse_date(a), parse_date(b)
        out.append((code, start, end))
    return out


def read_tabari(path: Path) -> Iterator[Entry]:
    """Entries of a TABARI-format ``.actors`` file (comments, synonyms, dated codes)."""
    current: Entry | None = None
    section = ""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw.startswith("#"):
            text = raw.strip("# ").strip()
            if (text and raw.startswith("###")) or (text and text.isupper() and len(text) < 60):
                section = text
            continue
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        if line.startswith("+"):
            if current is not None:
                syn = line[1:]
                syn = _CODE.sub("", syn).strip()
                if syn:
                    current.synonyms.append(syn)
            continue
        if line[0] in " \t" or line.lstrip().startswith("["):
            if current is not None:
                current.codes.extend(parse_codes(line))
            continue
        if current is not None:
            yield current
        name = _CODE.split(line)[0].strip()
        current = Entry(name=name, codes=parse_codes(line), comment=comment.strip(), section=section)
    if current is not None:
        yield current


def phrase(tabari: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``VLADIMIR V. PUTIN`` (still upper case)."""
    text = tabari.replace("_", " ").replace("\t", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" ,")


def nice_case(upper: str) -> str:
    """A readable casing for an upper-case dictionary name."""
    small = {
        "OF",
        "THE",
        "AND",
        "FOR",
        "IN",
        "ON",
        "DE",
        "DA",
        "DI",
        "DU",
        "VON",
        "VAN",
        "DER",
        "LA",
        "LE",
        "BIN",
    }
    words = []
    for i, w in enumerate(upper.split()):
        if i and w in small:
            words.append(w.lower())
        elif re.fullmatch(r"[A-Z]{2,5}", w) and (len(w) <= 3 or not re.search(r"[AEIOU]", w)):
            words.append(w)  # acronyms without vowels: NATO-like words keep their case
        else:
            words.append("-".join(p[:1] + p[1:].lower() for p in w.split("-")))
    out = " ".join(words)
    return re.sub(r"(Al|El)-", lambda m: m.group(1).lower() + "-", out)


def person_case(upper: str) -> str:
    """``BASHAR_AL_ASSAD`` -> ``Bashar al Assad``: every word capitalised but for particles."""
    small = {"AL", "EL", "BIN", "BEN", "DE", "DA", "DI", "DU", "VON", "VAN", "DER", "LA", "LE", "DOS", "DAS"}
    words = []
    for i, w in enumerate(upper.split()):
        if i and w in small:
            words.append(w.lower())
        else:
            words.append("-".join(p[:1] + p[1:].lower() for p in w.split("-")))
    return " ".join(words)


def cameo_to_iso(code: str, iso_codes: set[str]) -> str | None:
    """The ISO 3166 alpha-3 country at the head of a CAMEO actor code, or None (IGOs, regions)."""
    head = code[:3]
    if head in CAMEO_TO_ISO:
        return CAMEO_TO_ISO[head]
    return head if head in iso_codes else None


# -- hand-written files ----------------------------------------------------------------------
def read_hand(name: str) -> list[dict[str, str]]:
    with (HAND / name).open(encoding="utf-8") as f:
        rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
        return [{k: (v or "").strip() for k, v in row.items()} for row in rows]


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def write_tsv(path: Path, header: str, columns: list[str], rows: list[list[str]]) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        f.write("\t".join(columns) + "\n")
        for row in rows:
            f.write("\t".join(c.replace("\t", " ") for c in row) + "\n")
    tmp.replace(path)
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows, {path.stat().st_size / 1024:.0f} KiB")


# -- countries -------------------------------------------------------------------------------
def build_countries(cameo: Path) -> tuple[list[list[str]], set[str], dict[str, str]]:
    hand = read_hand("countries.tsv")
    iso_codes = {r["iso3"] for r in hand}
    iso_to_cameo = {iso: iso for iso in iso_codes}
    iso_to_cameo.update({v: k for k, v in CAMEO_TO_ISO.items() if v in iso_codes and k in ("TMP", "KSV")})
    rows: list[list[str]] = []
    seen: set[tuple[str, str]] = set()

    def add(iso: str, kind: str, text: str, flags: str = "") -> None:
        key = (kind if kind in ("demonym", "plural") else "name", text.lower())
        if key in seen or not text:
            return
        seen.add(key)
        rows.append([iso, iso_to_cameo.get(iso, iso), kind, text, flags])

    for r in hand:
        iso, flags = r["iso3"], r["flags"]
        add(iso, "name", r["name"], flags)
        for a in split(r["aliases"]):
            add(iso, "alias", a, flags)
        for d in split(r["demonyms"]):
            add(iso, "demonym", d)
        for p in split(r["plurals"]):
            add(iso, "plural", p)
        for c in split(r["capitals"]):
            add(iso, "capital", c)
    for r in read_hand("places.tsv"):
        rows.append(["-", "-", "place", r["phrase"], ""])
    for r in read_hand("regions.tsv"):  # "New York businessman": evidence of the country only
        rows.append([r["iso3"], iso_to_cameo.get(r["iso3"], r["iso3"]), "region", r["phrase"], ""])
    # text_to_CAMEO country names and Phoenix name variants ("Islamic Republic of Iran")
    canonical = {r["iso3"]: r["name"].upper() for r in hand}
    for line in (cameo / "text_to_CAMEO" / "countrynames.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[1]) == 3:
            iso = CAMEO_TO_ISO.get(parts[1], parts[1])
            if iso in iso_codes and "," not in parts[0] and parts[0].strip() not in TERRITORY_NAMES:
                add(iso, "alias", parts[0].strip(), "")
    demonyms = {t.lower() for _, _, kind, t, _ in rows if kind in ("demonym", "plural")}
    for entry in read_tabari(cameo / "Phoenix.Countries.actors.txt"):
        codes = [c for c, _, _ in entry.codes]
        if len(codes) != 1 or len(codes[0]) != 3:
            continue
        iso = CAMEO_TO_ISO.get(codes[0], codes[0])
        if iso not in iso_codes:
            continue
        for syn in entry.synonyms:
            text = re.sub(r"^THE ", "", phrase(syn))
            if "(" in text or not text.replace(" ", "").replace("'", "").replace("-", "").isalpha():
                continue
            if text.lower() in demonyms:
                continue
            last = canonical[iso].split()[-1]
            if NAME_VARIANT_OF.search(text) and text.endswith(last):
                add(iso, "alias", nice_case(text), "")
    return rows, iso_codes, iso_to_cameo


# -- organisations ---------------------------------------------------------------------------
def looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and not ORG_WORDS.search(name) and all(w[:1].isalpha() for w in words)


def build_organisations(cameo: Path, iso_codes: set[str], taken: set[str]) -> list[list[str]]:
    """Organisations; ``taken``: lower-cased names already used by groups of states."""
    rows: list[list[str]] = []
    seen: set[str] = set(taken)

    def add(
        name: str, aliases: list[str], kind: str, country: str, sector: str, code: str, flags: str
    ) -> None:
        keep = [a for a in dict.fromkeys([name, *aliases]) if a and a.lower() not in seen]
        if not keep:
            return
        seen.update(a.lower() for a in keep)
        rows.append([name, ";".join(a for a in keep if a != name), kind, country, sector, code, flags])

    for r in read_hand("organisations.tsv"):
        country = r["country"] if r["country"] != "-" else ""
        code = r["code"] if r["code"] != "-" else (country + r["sector"] if country else r["sector"])
        add(r["name"], split(r["aliases"]), r["kind"], country, r["sector"], code, r["flags"])

    def from_phoenix(path: Path, want: str) -> None:
        for entry in read_tabari(path):
            undated = [c for c, s, e in entry.codes if s is None and e is None] or [
                c for c, _, _ in entry.codes
            ]
            if not undated:
                continue
            code = undated[0]
            if any(s or e for _, s, e in entry.codes) or "rulers" in entry.comment:
                continue  # dated codes: a person in office
            name = phrase(entry.name)
            if not name or looks_like_person(name):
                continue
            if want == "IGO" and not code.startswith(("IGO", "NGO")):
                continue
            iso = cameo_to_iso(code, iso_codes)
            if code.startswith(("NGO", "IGO")) and not iso:
                iso = cameo_to_iso(code[3:], iso_codes)  # NGOUSAJUD: a US legal NGO
            rest = code[3:] if iso and not code.startswith(("NGO", "IGO")) else code
            sector = (
                "IGO" if code.startswith("IGO") else "NGO" if code.startswith("NGO") else (rest[:3] or "GOV")
            )
            if want == "REB" and not iso:
                sector = "REB"
            aliases = []
            for syn in entry.synonyms:
                text = phrase(syn)
                if looks_like_person(text) and not ORG_WORDS.search(text):
                    continue  # leaders listed as synonyms of their group
                if len(text.split()) == 1 and not (
                    text.isupper() and 3 <= len(text) <= 6 and "-" not in text
                ):
                    continue
                aliases.append(text)
            single_ok = len(name.split()) > 1 or (name.isalpha() and len(name) >= 4)
            if not single_ok:
                continue
            nice = [n if (len(n) <= 6 and " " not in n) else nice_case(n) for n in [name, *aliases]]
            add(nice[0], nice[1:], "organisation", iso or "", sector, code, "phoenix")

    from_phoenix(cameo / "Phoenix.International.actors.txt", "IGO")
    from_phoenix(cameo / "Phoenix.MilNonState.actors.txt", "REB")
    return rows


# -- people ----------------------------------------------------------------------------------
def person_key(name: str) -> str:
    return re.sub(r"[\s._\-']+", " ", name.lower()).strip()


def build_people(cameo: Path, iso_codes: set[str]) -> list[list[str]]:
    people: dict[str, dict] = {}
    order: list[str] = []

    index: dict[str, str] = {}  # any name or alias key -> the person's key

    def merge(name: str, aliases: list[str], gender: str, roles: list[tuple[str, str, str]]) -> None:
        key = person_key(name)
        multi = [person_key(a) for a in [name, *aliases] if " " in person_key(a)]
        key = next((index[k] for k in multi if k in index), key)
        for k in multi:
            index.setdefault(k, key)
        if key not in people:
            people[key] = {"name": name, "aliases": [], "gender": gender, "roles": []}
            order.append(key)
        p = people[key]
        for a in aliases:
            if person_key(a) != key and a not in p["aliases"]:
                p["aliases"].append(a)
        if gender and gender != "-":
            p["gender"] = gender
        for role in roles:
            if role not in p["roles"]:
                p["roles"].append(role)

    hand = read_hand("people.tsv")
    for r in hand:
        roles = []
        for spec in split(r["roles"]):
            code, start, end = [*spec.split(":"), "", ""][:3]
            roles.append((code, start, end))
        merge(r["name"], split(r["aliases"]), r["gender"], roles)
    hand_keys = set(people)

    def keep_role(start: date | None, end: date | None) -> bool:
        return end is None or end >= PEOPLE_SINCE

    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for entry in read_tabari(cameo / fname):
            name = phrase(entry.name)
            if not entry.codes or not looks_like_person(name) or TITLE_WORDS.search(name):
                continue
            if (
                fname.startswith("Phoenix.Countries")
                and "CountryInfo" not in entry.comment
                and not any(s or e for _, s, e in entry.codes)
            ):
                continue
            if fname.startswith("Phoenix.International") and not (
                "rulers" in entry.comment or any(s or e for _, s, e in entry.codes)
            ):
                continue
            dated = [(c, s, e) for c, s, e in entry.codes if s or e]
            if dated and not any(keep_role(s, e) for _, s, e in dated):
                continue
            if not dated and fname.startswith("Phoenix.Countries"):
                continue
            roles = [
                (c, s.isoformat() if s else "", e.isoformat() if e else "")
                for c, s, e in entry.codes
                if (c[:3] in iso_codes or c[:3] in CAMEO_TO_ISO or c.startswith(("IGO", "NGO")))
            ]
            if not roles:
                continue
            roles = [
                (CAMEO_TO_ISO.get(c[:3], c[:3]) + c[3:] if c[:3] in CAMEO_TO_ISO else c, s, e)
                for c, s, e in roles
            ]
            aliases = [
                person_case(phrase(s))
                for s in entry.synonyms
                if not TITLE_WORDS.search(phrase(s))
                and not ORG_WORDS.search(phrase(s))
                and "ADMINISTRATION" not in s
                and "(" not in s
                and phrase(s)
            ]
            keys = [person_key(a) for a in [person_case(name), *aliases] if " " in person_key(a)]
            if any(index.get(k) in hand_keys for k in keys):
                merge(person_case(name), aliases, "", [])  # hand roles are newer and win
            else:
                merge(person_case(name), aliases, "", roles)
    # single-word aliases only where they name people of one country ("Khamenei", not "Kim")
    countries: dict[str, set[str]] = defaultdict(set)
    for key in order:
        for a in {person_key(x) for x in people[key]["aliases"]}:
            if " " not in a:
                countries[a].update({c[:3] for c, _, _ in people[key]["roles"]} or {"?" + key})
    rows = []
    for key in order:
        p = people[key]
        aliases = [a for a in p["aliases"] if " " in person_key(a) or len(countries[person_key(a)]) == 1]
        roles = ";".join(f"{c}:{s}:{e}" for c, s, e in p["roles"])
        rows.append([p["name"], ";".join(aliases), p["gender"] or "-", roles])
    return rows


# -- roles (agents) ---------------------------------------------------------------------------
_PREP = re.compile(r" (of|for|to|in|on|at|with|from|and) ")


def role_head(text: str) -> str:
    """The head word of a role phrase: "minister for foreign affairs" -> "minister"."""
    return _PREP.split(text, maxsplit=1)[0].split()[-1]


def plural_of(text: str) -> str:
    m = _PREP.search(text)
    if m:
        return plural_of(text[: m.start()]) + text[m.start() :]
    head, _, last = text.rpartition(" ")
    low = last.lower()
    if low.endswith(("man", "woman")) and not low.endswith("human"):
        p = last[:-3] + ("men" if last[-3:].islower() else "MEN")
    elif low == "person":
        p = "people"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        p = last + "es"
    elif low.endswith("y") and low[-2:-1] not in "aeiou":
        p = last[:-1] + "ies"
    else:
        p = last + "s"
    return f"{head} {p}" if head else p


PERSON_SUFFIX = re.compile(
    r"(man|woman|person|er|or|ist|ian|ant|ee|eer|crat|arch|ard|ier|ic|ive|ent|at|ar|ess)$"
)


def build_roles(cameo: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    seen: set[str] = set()
    hand = read_hand("roles.tsv")
    head_kind = {role_head(r["phrase"].lower()): r["kind"] for r in hand}

    def add(text: str, sector: str, kind: str, gender: str, flags: str, number: str) -> None:
        if text.lower() in seen:
            return
        seen.add(text.lower())
        rows.append([text, sector, kind, gender, flags, number])

    plurals = []
    for r in hand:
        flags = set(split(r["flags"].replace(",", ";")))
        number = "plural" if "plural" in flags else "singular"
        add(r["phrase"], r["sector"], r["kind"], r["gender"], ";".join(sorted(flags - {"plural"})), number)
        if (number == "singular" and r["kind"] != "state") or r["phrase"] in (
            "government",
            "regime",
            "administration",
        ):
            kind = r["kind"]
            if kind == "person":
                kind = "state" if "plural_state" in flags else "organisation"
            plurals.append((plural_of(r["phrase"]), r["sector"], kind, flags - {"title", "plural_state"}))
    for text, sector, kind, flags in plurals:
        add(text, sector, kind, "-", ";".join(sorted(flags)), "plural")

    subs: dict[str, list[str]] = {}
    for raw in (cameo / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]+)\]", line)
        if not m:
            continue
        body, plural, code = m.group(1).strip(), m.group(2), m.group(3)
        forms = [body]
        for key, values in subs.items():
            if f"!{key}!" in body:
                forms = [f.replace(f"!{key}!", "_" + v) for f in forms for v in values]
        for form in forms:
            stem = not form.endswith("_")
            text = phrase(form).lower()
            if not text or "{" in text or len(text) < 3:
                continue
            if stem and text.endswith("minist"):
                variants = [(text + "er", "person"), (text + "ry", "organisation")]
            else:
                last = role_head(text)
                kind = head_kind.get(last) or ("person" if PERSON_SUFFIX.search(last) else "organisation")
                variants = [(text, kind)]
            for text_v, kind in variants:
                sector = code[:3]
                head = role_head(text_v)
                if (head.endswith("s") and not head.endswith(("ss", "us", "is"))) or head in (
                    "men",
                    "women",
                    "people",
                ):
                    add(
                        text_v, sector, kind if kind != "person" else "organisation", "-", "phoenix", "plural"
                    )
                    continue
                add(text_v, sector, kind, "-", "phoenix", "singular")
                if plural is None or plural.strip("{} "):
                    ptext = (
                        phrase(plural.strip("{} ")).lower()
                        if plural and plural.strip("{} ")
                        else plural_of(text_v)
                    )
                    add(ptext, sector, kind if kind != "person" else "organisation", "-", "phoenix", "plural")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    cameo = args.data / "cameo"
    if not (cameo / "Phoenix.Countries.actors.txt").exists():
        print(f"no Phoenix dictionaries under {cameo}: pass --data", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    countries, iso_codes, _ = build_countries(cameo)
    write_tsv(
        OUT / "countries.tsv",
        "# claimgraph country names, abbreviations, demonyms and capitals (type: name, alias, "
        "demonym, plural, capital).\n" + PHOENIX_CREDIT,
        ["iso3", "cameo", "type", "phrase", "flags"],
        countries,
    )
    groups = [
        [r["name"], r["aliases"], r["members"], "" if r["code"] == "-" else r["code"], r["flags"]]
        for r in read_hand("groups.tsv")
    ]
    taken = {a.lower() for g in groups for a in [g[0], *split(g[1])]}
    taken |= {re.sub(r"[- ]", " ", a) for a in taken}
    write_tsv(
        OUT / "organisations.tsv",
        "# claimgraph organisations: seats of government, international bodies, media, companies, "
        "armed groups.\n" + PHOENIX_CREDIT,
        ["name", "aliases", "kind", "country", "sector", "code", "flags"],
        build_organisations(cameo, iso_codes, taken),
    )
    write_tsv(
        OUT / "groups.tsv",
        "# claimgraph groups of states and their members.\n" + HAND_CREDIT,
        ["name", "aliases", "members", "code", "flags"],
        groups,
    )
    write_tsv(
        OUT / "people.tsv",
        "# claimgraph people with dated roles (CODE:start:end, ISO dates; empty = open).\n" + PHOENIX_CREDIT,
        ["name", "aliases", "gender", "roles"],
        build_people(cameo, iso_codes),
    )
    write_tsv(
        OUT / "actor_roles.tsv",
        "# claimgraph role words: titles and actor nouns with their CAMEO sector.\n" + PHOENIX_CREDIT,
        ["phrase", "sector", "kind", "gender", "flags", "number"],
        build_roles(cameo),
    )
    names = read_hand("given_names.tsv")
    write_tsv(
        OUT / "given_names.tsv",
        "# claimgraph common first names with gender (for he/she).\n" + HAND_CREDIT,
        ["name", "gender"],
        [[r["name"], r["gender"]] for r in names],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
