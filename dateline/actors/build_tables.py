"""Regenerate the actor tables derived from PETRARCH2's dictionaries (a developer tool, not run by the stage).

    python -m dateline.actors.build_tables [PETRARCH2_DICTIONARY_DIR]

Input: the actor and agent dictionaries of PETRARCH2 (Open Event Data Alliance, MIT licence; default
``../shared/datasets/petrarch2``; their format is described in that folder's ``dictionaries.rst``):
``Phoenix.Countries.actors.txt`` (persons and national bodies with dated CAMEO codes),
``Phoenix.International.actors.txt`` (international organisations and NGOs),
``Phoenix.MilNonState.actors.txt`` (armed non-state groups) and ``Phoenix.agents.txt`` (role words).

Outputs, in ``data/``, in the formats of our own tables (docs/actors.md):

* ``petrarch_people.tsv`` (the format of ``leaders.tsv``): one line per dated code of a person;
* ``petrarch_orgs.tsv`` (the format of ``orgs.tsv``): national bodies, IGOs and NGOs, armed groups;
* ``petrarch_agents.tsv`` (the format of ``roles.tsv``): role words by sector, kind ``group``.

What is left out: one-word armed group names that are not acronyms (most are a militant's name, or
a word like "Tigers") and three-letter acronyms but a few ("EPA" is no Venezuelan army), national
bodies with a name other countries use for their own bodies ("National Security Council"), country
entries (names, adjectives, cities: the shared ``dateline/data/countries.tsv`` and
``dateline/data/cities.tsv.gz`` code places), multinational companies (CAMEO's ``MNC``, no PLOVER code), one-word person names,
phrases with gaps or substitution sets, codes whose country is no ISO 3166 code (CAMEO's regions),
and every name our own tables already have (ours win).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from ..lexicon import LIST_SEP, countries, split_list, tsv_rows
from .lexicon import DATA, WORDS, norm

SOURCE = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "petrarch2"
SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "JRN", "EDU", "BUS", "CVL", "REL",
           "LAB", "AGR", "REF", "LEG", "ELI", "HLH", "CRM", "UAF"}
SECTOR_ALIASES = {"PPL": "CVL"}  # CAMEO's "people" is PLOVER's civilians
INTERNATIONAL = {"IGO", "NGO", "IMG"}
SMALL = {"of", "the", "and", "for", "in", "on", "to", "de", "la", "du", "del", "des", "al", "el", "bin", "ibn"}
# words that make a dated entry without CountryInfo's mark a body, not a person
BODY_WORDS = {"party", "ministry", "council", "committee", "army", "front", "forces", "force", "movement",
              "government", "assembly", "parliament", "court", "commission", "union", "league", "police",
              "office", "department", "agency", "service", "bank", "house", "congress", "senate", "guard",
              "organization", "organisation", "alliance", "brigade", "brigades", "group", "association",
              "state", "islamic", "republic", "federation", "national"}
HEADER = """# {what}
# Derived by dateline/actors/build_tables.py from the dictionaries of PETRARCH2, Copyright (c) 2014
# Open Event Data Alliance, MIT licence (its text: PETRARCH2-LICENSE.txt beside this file).
# Do not edit by hand: rebuild, and put corrections in our own tables, which win.
"""


def records(path: Path):
    """(primary phrase, synonyms, codes, is_person) of each record of an actor dictionary."""
    rec = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line, _, comment = raw.partition("#")
        if ";" in line and "[" not in line.split(";", 1)[1]:
            line, _, more = line.partition(";")  # TABARI's older ";" comments
            comment += more
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        phrase = re.sub(r"\[[^\]]*\]", "", line).strip()
        if line[0] in " \t":
            if rec:
                rec[2].extend(codes)
        elif line.startswith("+"):
            if rec:
                rec[1].append(phrase[1:].strip())
                rec[2].extend(codes)
        else:
            if rec:
                yield rec
            rec = (phrase, [], codes, "CountryInfo" in comment)
    if rec:
        yield rec


def surface(phrase: str) -> str | None:
    """A dictionary phrase as text: "CARLOS_SAUL_MENEM_" -> "Carlos Saul Menem"; None for phrases with
    gaps or substitution sets, which our exact matcher cannot follow."""
    phrase = re.sub(r"\([^)]*\)", "", phrase).strip().strip("_")
    if not phrase or " " in phrase or "!" in phrase or not re.fullmatch(r"[A-Za-z0-9.'&-]+(_+[A-Za-z0-9.'&-]+)*", phrase):
        return None
    words = [w for w in phrase.split("_") if w]
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]  # our loader drops a leading "the" anyway: "THE_FOUNDATION" is "Foundation"
    if not any(c.isalpha() for c in phrase) or len(words) == 1 and len(words[0]) < 3:
        return None  # "313", "UN": numbers and two letters are not names to look for
    if len(words) == 1 and len(words[0]) <= 5 and words[0].isupper():
        return words[0]  # an acronym: matched in capitals only
    out = []
    for k, w in enumerate(words):
        low = w.lower()
        out.append(low if k and low in SMALL else "-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    return " ".join(out)


def iso_date(s: str) -> str | None:
    """CAMEO's YYMMDD or YYYYMMDD as ISO; two-digit years below 20 are 20xx (the files end in 2014)."""
    if re.fullmatch(r"\d{8}", s):
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if re.fullmatch(r"\d{6}", s):
        yy = int(s[:2])
        return f"{2000 + yy if yy < 20 else 1900 + yy}-{s[2:4]}-{s[4:]}"
    return None


def parse_code(code: str, countries: set[str]) -> tuple[str | None, str | None, str | None, str | None] | None:
    """(country, sector, start, end) of "IRQGOV 040601-050503", "USAGOVLEG", "ELI", "RUSGOV >20100601"."""
    parts = code.split()
    if not parts:
        return None
    body, start, end = parts[0].upper(), None, None
    if len(parts) > 1:
        d = parts[1]
        if d.startswith("<"):
            end = iso_date(d[1:])
        elif d.startswith(">"):
            start = iso_date(d[1:])
        elif "-" in d:
            a, _, b = d.partition("-")
            start, end = iso_date(a), iso_date(b)
        if not (start or end):
            return None  # a date we cannot read
    chunks = [body[i:i + 3] for i in range(0, len(body), 3)]
    country = None
    if chunks and (chunks[0] in countries or chunks[0] in INTERNATIONAL):
        country = chunks.pop(0)
    elif chunks and chunks[0] not in SECTORS:
        return None  # a region or a company: no PLOVER country
    sectors = [SECTOR_ALIASES.get(c, c) for c in chunks]
    sectors = [c for c in sectors if c in SECTORS]
    sector = sectors[0] if sectors else None
    if sector == "GOV" and any(c in ("LEG", "JUD") for c in sectors[1:]):
        sector = next(c for c in sectors[1:] if c in ("LEG", "JUD"))  # a legislature, a court
    return country, sector, start, end


def is_person(name: str, codes: list, marked: bool) -> bool:
    if marked:
        return True
    words = name.lower().split()
    dated = codes and all(c[2] or c[3] for c in codes if c[1] != "ELI" or c[0])
    return bool(dated) and 2 <= len(words) <= 4 and not set(words) & BODY_WORDS


GENERIC = {"national", "supreme", "constitutional", "central", "federal", "state", "general", "high", "ministry",
           "council", "people's", "peoples", "republican", "democratic", "revolutionary", "islamic", "security"}
# three-letter acronyms of armed groups that news means: the others collide with ordinary ones ("EPA")
ARMED_ACRONYMS = {"IRA", "ETA", "PKK", "ELN", "RUF", "LRA", "ADF", "FLN", "UDA", "UVF", "INLA", "JEM", "LET"}


def generic(name: str, adjectives: set[str]) -> bool:
    """A national body's name that other countries use for their own ("National Security Council"),
    unless it names its country ("Chinese Communist Party")."""
    words = name.lower().split()
    return words[0] in GENERIC and not any(w in adjectives for w in words)


def titles() -> set[str]:
    """Our person titles, lower case: a dictionary name that starts with one ("President Xi Jinping")
    is left out, so the title stays a title in the text."""
    return {r[0].lower() for r in tsv_rows(DATA / "roles.tsv") if len(r) > 2 and r[2] == "person"}


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def titled(name: str, terms: set[str]) -> bool:
    """Does the name start with one of our titles ("President of the United States") or with a month
    ("May 15": a date in a text)?"""
    w = name.lower().split()
    return w[0] in MONTHS or any(" ".join(w[:k]) in terms or " ".join(w[:k]).rstrip(".") in terms
                                 for k in (1, 2, 3)) or any(x in terms for x in w[-2:]) and len(w) <= 4


def ours() -> set[str]:
    """Every name our own tables have, as lexicon keys."""
    keys = set()
    for r in countries("actors"):
        for col in ("names", "adjectives", "demonyms", "capitals", "contextual"):
            keys.update(norm(x) for x in r[col])
    for f, cols in (("orgs.tsv", (0, 1)), ("leaders.tsv", (0, 1)), ("roles.tsv", (0,))):
        for r in tsv_rows(DATA / f):
            for c in cols:
                if c < len(r):
                    keys.update(norm(x) for x in split_list(r[c]))
    return keys


def build(src: Path) -> dict[str, list[list[str]]]:
    isos = {r["iso3"] for r in countries("actors")}
    known = ours()
    terms = titles()
    adjectives = {w.lower() for r in countries("actors") for x in r["names"] + r["adjectives"] for w in x.split()}
    people: dict[str, tuple[list[str], list[tuple]]] = {}
    orgs: dict[str, list] = {}
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        armed = "MilNonState" in fname
        for phrase, syns, raw_codes, marked in records(src / fname):
            name = surface(phrase)
            aliases = [s for s in (surface(x) for x in syns) if s and s != name]
            if name and norm(name) in known:  # ours has the name: its other names may still be new
                name = next((a for a in aliases if norm(a) not in known), None)
            codes = [c for c in (parse_code(x, isos) for x in raw_codes) if c]
            if not name or not codes or any(c[0] == "MNC" for c in codes):
                continue
            if all(c[1] is None for c in codes) and not armed and not any(c[0] in INTERNATIONAL for c in codes):
                continue  # a country, its adjectives or its cities: our tables code places
            aliases = [a for a in aliases if a != name]
            if is_person(name, codes, marked):
                names = [n for n in [name, *aliases] if not titled(n, terms)]
                if names and len(names[0].split()) >= 2 and norm(names[0]) not in known:
                    people.setdefault(names[0], (names[1:], codes))
                continue
            country, sector, _s, _e = next((c for c in codes if not (c[2] or c[3])), codes[-1])
            if armed and sector is None:
                sector = "REB"
            national = country not in INTERNATIONAL and not armed
            names = [n for n in [name, *aliases] if not titled(n, terms) and norm(n) not in known
                     and not (armed and " " not in n and not n.isupper() and "-" not in n)
                     and not (armed and n.isupper() and len(n) <= 3 and n not in ARMED_ACRONYMS)
                     and not (national and generic(n, adjectives))]
            if names and names[0] not in orgs:
                orgs[names[0]] = [names[0], names[1:], country or "", sector or ""]
    # "Carlos Saul Menem" is written "Carlos Menem": first and last name, where no one else has them
    short = Counter()
    for name in people:
        w = name.split()
        if len(w) >= 3:
            short[f"{w[0]} {w[-1]}"] += 1
    full = {norm(n) for n in people}
    out_people = []
    for name, (aliases, codes) in sorted(people.items()):
        w = name.split()
        extra = [f"{w[0]} {w[-1]}"] if len(w) >= 3 and short[f"{w[0]} {w[-1]}"] == 1 and \
            norm(f"{w[0]} {w[-1]}") not in full | known else []
        names = LIST_SEP.join(dict.fromkeys(a for a in aliases + extra if norm(a) not in known and len(a.split()) >= 2))
        home = next((c[0] for c in codes if c[0]), "")
        dated = [c for c in codes if c[2] or c[3]] + [c for c in codes if not (c[2] or c[3])]
        for country, sector, start, end in dated:
            out_people.append([name, names, country or home, sector or "ELI", "", start or "", end or "", ""])
    out_orgs = [[n, LIST_SEP.join(a), c, s] for n, a, c, s in sorted(orgs.values())]
    return {"people": out_people, "orgs": out_orgs, "agents": agents(src / "Phoenix.agents.txt", known)}


def agents(path: Path, known: set[str]) -> list[list[str]]:
    """Role words: "TRADE_UNIONIST [~LAB]" -> ["trade unionist", "LAB", "group", ""]; a term whose
    last word is one of our roles takes that role's kind ("agriculture minister": person)."""
    kinds = {r[0].lower(): r[2] for r in tsv_rows(DATA / "roles.tsv") if len(r) > 2 and r[2]}
    places = set(WORDS["place_head"]) | {"town", "village", "villages", "capital", "camp"}
    out: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.partition("#")[0]
        m = re.match(r"\s*([^\s\[{]+)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        term = surface(m.group(1))
        code = m.group(3)
        sector = SECTOR_ALIASES.get(code[:3], code[:3])
        if sector == "GOV" and code[3:6] in ("LEG", "JUD", "MIL", "COP", "SPY"):
            sector = code[3:6]
        if not term or sector not in SECTORS or norm(term) in known or term.lower() in out or \
                term.lower() in places:  # "village": a place, whatever CAMEO's agents say
            continue
        out[term.lower()] = [term.lower(), sector, kinds.get(term.lower().split()[-1], "group"), ""]
    return sorted(out.values())


def write(path: Path, what: str, columns: str, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {columns}\n" + HEADER.format(what=what))
        for r in rows:
            f.write("\t".join(r) + "\n")


def main(argv: list[str]) -> None:
    src = Path(argv[0]) if argv else SOURCE
    t = build(src)
    write(DATA / "petrarch_people.tsv", "Persons with dated country-sector codes, one line per code (the format "
          "of leaders.tsv; undated codes last: they hold outside the dated ones).",
          "name\taliases\tcountry\tsector\trole\tstart\tend\twikidata", t["people"])
    write(DATA / "petrarch_orgs.tsv", "National bodies, international organisations and NGOs, armed non-state "
          "groups (the format of orgs.tsv).", "name\taliases\tcountry\tsector", t["orgs"])
    write(DATA / "petrarch_agents.tsv", "Role words by PLOVER sector (the format of roles.tsv), kind group.",
          "term\tsector\tkind\tsame_as", t["agents"])
    (DATA / "PETRARCH2-LICENSE.txt").write_text((src / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    print({k: len(v) for k, v in t.items()})


if __name__ == "__main__":
    main(sys.argv[1:])
