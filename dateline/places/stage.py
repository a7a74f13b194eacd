"""The places stage: every place mention in the article, resolved to a place with coordinates.

Config (all optional):
    {"geonames": "/path/allCountries.txt"}  a GeoNames dump to use in place of our cities table
    {"pull": 1.0}  how strongly ambiguous names are drawn to the story's own region (0: not at all)
"""

from __future__ import annotations

import math

from ..pipeline import Analysis, Option, stage
from ..record import Place
from . import gazetteer
from .mentions import find_mentions
from .resolve import demonym_context, resolve


@stage("places", requires=("doc",), provides=("places",), languages=("*",),
       default_config={"geonames": None, "pull": 1.0},
       options=(Option("--gazetteer", "geonames", "GeoNames dump (allCountries.txt format) to geocode with.",
                       many=False),))
def make_places(config: dict):
    gaz = gazetteer.load(config.get("geonames"))
    pull = float(config.get("pull", 1.0))

    def run(analysis: Analysis) -> None:
        doc = analysis.doc
        outlet = gaz.outlet(analysis.record.article.source)
        mentions = resolve(find_mentions(doc, gaz, analysis.text, analysis.dateline), gaz, demonym_context(doc, gaz), outlet, pull)
        places = []
        for m in mentions:
            e = m.choice
            pid = f"p{len(places) + 1}"
            if e is None:  # a place name the gazetteer does not know: no coordinates
                places.append(Place(id=pid, start=m.start, end=m.end, text=m.text, name=m.text, country=m.country))
                continue
            located = not (math.isnan(e.lat) or math.isnan(e.lon))  # a user's table may lack them
            places.append(Place(
                id=pid, start=m.start, end=m.end, text=m.text, name=e.name,
                country=e.country, admin1=e.admin1 if e.feature != "country" else None,
                lat=round(e.lat, 5) if located else None, lon=round(e.lon, 5) if located else None,
                feature=e.feature, geonames_id=e.geonames_id))
        analysis.record.places = places

    return run
