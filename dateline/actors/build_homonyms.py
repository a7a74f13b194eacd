"""Regenerate ``data/city_homonyms.tsv`` (a developer tool, not run by the stage).

    python -m dateline.actors.build_homonyms

Input: the places stage's city table (``places/data/cities.tsv.gz``, from GeoNames, CC BY 4.0) and the
country table's codes. Output: every city name that cities of at least ``MIN_PEOPLE`` people in two or more
countries share ("Tripoli": Libya and Lebanon), with those countries, most populous city first.
``cities.tsv`` keeps one country per name (the most populous); the actors stage reads this table to
take, for such a name, the one of its countries the article names (``Names.city``).
"""

from __future__ import annotations

from ..lexicon import countries, tsv_records
from .lexicon import DATA

PLACES = DATA.parent.parent / "places" / "data"
MIN_PEOPLE = 50000
HEADER = """# name\tcountries
# City names that cities of 50,000 people or more in two or more countries share, with those countries
# (ISO 3166-1 alpha-3, most populous city first). Derived by dateline/actors/build_homonyms.py from
# the places stage's GeoNames city table (CC BY 4.0); do not edit by hand.
"""


def build() -> dict[str, list[str]]:
    iso3 = {r["iso2"]: r["iso3"] for r in countries("places") if r["iso2"]}
    best: dict[str, dict[str, int]] = {}
    for r in tsv_records(PLACES / "cities.tsv.gz"):
        people = int(r["population"] or 0)
        if people >= MIN_PEOPLE and r["country"] in iso3:
            by = best.setdefault(r["name"], {})
            by[iso3[r["country"]]] = max(people, by.get(iso3[r["country"]], 0))
    return {name: sorted(by, key=lambda c: -by[c]) for name, by in best.items() if len(by) > 1}


def main() -> None:
    rows = build()
    with open(DATA / "city_homonyms.tsv", "w", encoding="utf-8") as out:
        out.write(HEADER)
        for name in sorted(rows):
            out.write(f"{name}\t{'|'.join(rows[name])}\n")
    print(f"{len(rows)} names")


if __name__ == "__main__":
    main()
