"""The one reader of our data formats, and the English word lists every stage shares.

Data files (docs/data.md) are UTF-8 and come in two formats:

- TSV: tab-separated cells; a line starting with ``#`` is a comment, a blank line is skipped; a
  cell holding a list separates its items with ``|`` (``LIST_SEP``), the one list separator of
  every table. ``.tsv.gz`` is read the same way.
- JSON: an object; keys starting with ``_`` (``"_doc"``) are comments and are dropped on reading;
  a value written ``"english:NAME"`` is the shared word list NAME (below), so a stage's table can
  use a shared list without copying it.

``data/english.json`` holds the word lists more than one stage needs (speech verbs, auxiliaries,
pronouns, months, news agencies...): one copy, read through ``words``. ``data/countries.tsv`` is
the one country table, a row per ISO code, read by each stage through ``countries``;
``data/cities.tsv.gz`` the one city table, read through ``city_lines`` and ``cities``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
LIST_SEP = "|"


def _open(path: str | Path):
    path = Path(path)
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def tsv_rows(path: str | Path, numbered: bool = False) -> Iterator:
    """A TSV file's rows as lists of stripped cells, comment and blank lines skipped; with
    ``numbered``, (line number, cells) pairs, for error messages."""
    with _open(path) as fh:
        for n, line in enumerate(fh, 1):
            if line.lstrip().startswith("#") or not line.strip():
                continue
            cells = [c.strip() for c in line.rstrip("\r\n").split("\t")]
            yield (n, cells) if numbered else cells


def tsv_records(path: str | Path) -> Iterator[dict[str, str]]:
    """A TSV file's rows as dicts keyed by its header (the first row that is not a comment).
    A short row's missing cells are empty strings."""
    rows = tsv_rows(path)
    header = next(rows, None)
    if header is None:
        return
    for row in rows:
        yield dict(zip(header, row + [""] * (len(header) - len(row)), strict=False))


def word_lines(path: str | Path) -> list[str]:
    """A word-list file: one word or phrase a line, stripped; '#' comments and blank lines skipped."""
    return [row[0] for row in tsv_rows(path)]


def split_list(cell: str | None) -> list[str]:
    """The items of a list cell ("a|b|c"), stripped, empty ones dropped."""
    return [x.strip() for x in (cell or "").split(LIST_SEP) if x.strip()]


SHARED = "english:"


def _uncomment(value):
    if isinstance(value, dict):
        return {k: _uncomment(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_uncomment(v) for v in value]
    if isinstance(value, str) and value.startswith(SHARED):
        shared = english()[value[len(SHARED):]]
        return dict(shared) if isinstance(shared, dict) else list(shared)
    return value


def read_json(path: str | Path) -> dict:
    """A JSON data file, its ``_``-comment keys dropped and its ``english:`` references filled in,
    at every level."""
    with open(path, encoding="utf-8") as fh:
        return _uncomment(json.load(fh))


@lru_cache(maxsize=1)
def english() -> dict:
    """The shared English word lists (``data/english.json``), as read."""
    with open(DATA / "english.json", encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if not k.startswith("_")}


@cache
def words(name: str) -> frozenset[str]:
    """One shared word list as a set (a mapping's keys, for a list with values such as months)."""
    lists = english()
    if name not in lists:
        raise KeyError(f"no word list {name!r} in {DATA / 'english.json'}; known: {', '.join(sorted(lists))}")
    return frozenset(lists[name])


def mapping(name: str) -> dict:
    """One shared list that maps words to values (``months``: "jan." -> 1)."""
    value = english()[name]
    if not isinstance(value, dict):
        raise TypeError(f"word list {name!r} is a list, not a mapping")
    return dict(value)


def verb_forms(lemma: str) -> set[str]:
    """A verb's written forms: the lemma, its -s, -ed and -ing forms by the regular spelling rules,
    and its irregular forms (``irregular_forms``: "said"). A regular form that English does not use
    ("sayed") is harmless in a set that words are looked up in."""
    if lemma.endswith("e"):
        regular = {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        regular = {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x")):
        regular = {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        regular = {lemma + "s", lemma + "ed", lemma + "ing"}
    return {lemma, *regular, *english().get("irregular_forms", {}).get(lemma, ())}


# --- the shared country table (docs/data.md) ---
COUNTRIES = DATA / "countries.tsv"
COUNTRY_COLUMNS = ("iso3", "iso2", "name", "actor_name", "names", "actor_names", "place_names", "adjectives",
                   "actor_adjectives", "place_adjectives", "demonyms", "capitals", "contextual", "lat", "lon",
                   "population", "geonames_id")
_OWN = {"actors": "actor", "places": "place"}  # a stage's own columns: actor_names, place_adjectives...


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@cache
def countries(stage: str) -> tuple[dict, ...]:
    """The country table's rows as ``stage`` ("actors" or "places") reads them: ``name`` is the name
    it prints; ``names`` every name it matches (its printed one, the shared ``names``, its own
    column), ``adjectives`` likewise, both lists; ``demonyms``, ``capitals`` and ``contextual`` as
    lists; the other cells as written. The places stage reads only the rows with a centre."""
    if stage not in _OWN:
        raise ValueError(f"no country view for stage {stage!r}; known: {', '.join(_OWN)}")
    own = _OWN[stage]
    rows = []
    for r in tsv_records(COUNTRIES):
        if stage == "places" and not (r["lat"] and r["lon"]):
            continue
        name = (stage == "actors" and r["actor_name"]) or r["name"]
        rows.append(r | {
            "name": name,
            "names": _unique([name, *split_list(r["names"]), *split_list(r[f"{own}_names"])]),
            "adjectives": _unique([*split_list(r["adjectives"]), *split_list(r[f"{own}_adjectives"])]),
            **{k: split_list(r[k]) for k in ("demonyms", "capitals", "contextual")}})
    return tuple(rows)


def write_countries(rows: Iterable[dict], path: str | Path = COUNTRIES, header: str = "") -> None:
    """Write the country table from each stage's view of its rows, the inverse of ``countries``:
    each row has ``iso3``, ``actors`` and ``places`` (each a dict with ``names``, the printed name
    first, and ``adjectives``; an empty dict where the stage has no such country), and the other
    columns' cells (lists for ``demonyms``, ``capitals``, ``contextual``). What both stages know is
    written once, in the shared column; the rest in the stage's own."""
    lines = [header + "\t".join(COUNTRY_COLUMNS)]
    for r in sorted(rows, key=lambda r: r["iso3"]):
        a, p = r["actors"].get("names", []), r["places"].get("names", [])
        name = (p or a)[0]
        a_rest = [n for n in a if n != a[0]]
        p_rest = [n for n in p if n != name]
        a_adj, p_adj = r["actors"].get("adjectives", []), r["places"].get("adjectives", [])
        cells = r | {
            "name": name, "actor_name": a[0] if a and a[0] != name else "",
            "names": [n for n in a_rest if n in p_rest],
            "actor_names": [n for n in a_rest if n not in p_rest],
            "place_names": [n for n in p_rest if n not in a_rest],
            "adjectives": [x for x in a_adj if x in p_adj],
            "actor_adjectives": [x for x in a_adj if x not in p_adj],
            "place_adjectives": [x for x in p_adj if x not in a_adj]}
        lines.append("\t".join(LIST_SEP.join(v) if isinstance(v, list) else "" if v is None else str(v)
                               for v in (cells.get(c, "") for c in COUNTRY_COLUMNS)))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


@cache
def alpha3_codes() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 for every row of the country table with both ("XK" is Kosovo's
    GeoNames code, not ISO's)."""
    return {r["iso2"]: r["iso3"] for r in tsv_records(COUNTRIES) if r["iso2"]}


# --- the shared city table (docs/data.md) ---
CITIES = DATA / "cities.tsv.gz"
CITY_COLUMNS = ("geonames_id", "name", "country", "admin1_code", "population", "lat", "lon")


@cache
def city_lines() -> list[str]:
    """The city table's rows as lines of text, most populous city first, header dropped; read
    once per process and kept as text (the places gazetteer splits a row only when a name asks
    for it)."""
    with _open(CITIES) as fh:
        return fh.read().splitlines()[1:]


def _top_city_lines() -> Iterator[str]:
    # the lines read already, or the file read from its top for as long as the caller asks
    if city_lines.cache_info().currsize:
        yield from city_lines()
        return
    with _open(CITIES) as fh:
        next(fh, None)
        for line in fh:
            yield line.rstrip("\r\n")


def cities(min_people: int = 0) -> Iterator[tuple[str, str | None, int]]:
    """(name, ISO alpha-3 country or None, population) of each city of the table with
    ``min_people`` or more, most populous first. The table is sorted by population, so only its
    top is read unless a stage has read it all (``city_lines``) already."""
    alpha3 = alpha3_codes()
    for line in _top_city_lines():
        _gid, name, cc, _admin1, people = line.split("\t", 5)[:5]
        n = int(people or 0)
        if n < min_people:
            return
        yield name, alpha3.get(cc), n
