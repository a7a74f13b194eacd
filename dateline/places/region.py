"""The story's own region: the country and first-level region an article is set in.

Local news names its places without saying where they are: a Springfield is the one near the
newspaper, an Alexandria the one the dateline is in. The region is voted for by what fixes
it: the dateline's place (3 votes), the outlet in ``Article.source`` when outlets.tsv knows it
(3 votes), and each unambiguous place the article names (1 vote each): a qualified name
("Roswell, Ga."), a state abbreviation, or a name whose best reading is far likelier than its
next (a score gap of 2, in log10-population units). The country with more than half the votes is
the region's country; the first-level region with more than half of that country's regional
votes is its region. ``resolve`` then pulls ambiguous names towards it (see PULL_* there).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .gazetteer import COUNTRY, Entry, Gazetteer

DATELINE_VOTES = 3.0
OUTLET_VOTES = 3.0
ANCHOR_VOTES = 1.0
# A reading this much likelier than the next (log10-population units) makes a name unambiguous.
CLEAR_GAP = 2.0
SHARE = 0.5


@dataclass(frozen=True)
class Region:
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None  # the first-level region's name, as in Entry.admin1

    def holds(self, e: Entry) -> bool:
        """Whether a reading lies in the region's first-level region."""
        return bool(self.admin1) and e.country == self.country and e.feature != COUNTRY and e.admin1 == self.admin1


def _unambiguous(m, base) -> bool:
    if m.source in ("dateline", "abbrev") or m.qualifier:
        return True
    if len(m.candidates) == 1:
        return True
    (a, ax), (b, bx) = m.candidates[:2]  # sorted by ``base`` already
    return base(a, ax, m.candidates) - base(b, bx, m.candidates) >= CLEAR_GAP


def story_region(mentions, gaz: Gazetteer, outlet: tuple[str, str | None] | None, base) -> Region:
    """The region from the mentions' first readings (``m.choice``), the outlet's place
    ((alpha-3, "cc.code") or None) and the prior ``base(entry, exact, candidates)``."""
    countries: Counter = Counter()
    regions: Counter = Counter()  # (alpha-3, admin1 name)

    def vote(country: str | None, admin1: str | None, w: float) -> None:
        if country:
            countries[country] += w
            if admin1:
                regions[(country, admin1)] += w

    if outlet:
        a1 = gaz.admin1.get(outlet[1]) if outlet[1] else None
        vote(outlet[0], a1.name if a1 else None, OUTLET_VOTES)
    for m in mentions:
        e = m.choice
        if e is None or m.source == "weak" or not _unambiguous(m, base):
            continue
        w = DATELINE_VOTES if m.source == "dateline" else ANCHOR_VOTES
        vote(e.country, e.admin1 if e.feature != COUNTRY else None, w)
    if not countries:
        return Region()
    country, n = countries.most_common(1)[0]
    if n <= SHARE * sum(countries.values()):
        return Region()
    inside = {a: w for (c, a), w in regions.items() if c == country}
    admin1 = max(inside, key=inside.get) if inside else None
    if admin1 and inside[admin1] <= SHARE * sum(inside.values()):
        admin1 = None
    return Region(country, admin1)
