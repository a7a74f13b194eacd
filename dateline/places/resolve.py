"""Resolving each place mention to one gazetteer entry.

Every candidate a name may mean is scored: population, feature type, whether the name is the
place's own or only an alternate, capitals, and the article's context (the countries and regions
its other places lie in, demonyms such as "Texan", a qualifier such as "Paris, Texas", nearby
readings of its other names, and the story's own region, ``region.py``). docs/places.md
describes the rules and their weights.
"""

from __future__ import annotations

import math
from collections import Counter

from ..syntax import entities
from .gazetteer import ADMIN, CITY, CONTINENT, COUNTRY, LANDMARK, REGION, WATER, Entry, Gazetteer, norm
from .mentions import Mention, contains
from .region import Region, story_region

__all__ = ["resolve", "demonym_context"]

# Feature priors, in log10-population units: a curated entry or a country is what a news text
# means far more often than a town of the same name.
PRIOR = {COUNTRY: 4.0, CONTINENT: 5.0, REGION: 4.0, WATER: 4.0, LANDMARK: 4.0, ADMIN: 1.0, CITY: 0.0}
# Curated table entries have no population: give them the weight of a large place.
TABLE_POP = 10_000_000
# National capitals, in log10-population units.
CAPITAL_BONUS = 2.0
# Readings kept per mention, the most likely first.
MAX_CANDIDATES = 40
# Features of local places (and second-level regions), which lend each other plausibility when
# they lie near each other.
LOCAL = (CITY, LANDMARK)
NEAR_KM = 150.0
SUPPORT_CANDIDATES = 12
# The pull of the story's own region (region.py), in log10-population units, times the stage's
# "pull" setting (1 by default; 0 switches the region off, for scores and for keeping small
# towns without support): a reading in the region's country gains PULL_COUNTRY, one in its
# first-level region PULL_ADMIN1 more. A qualifier in the text
# ("Paris, France") weighs 8 and overrides it; so does a namesake about 30 times as populous
# with no other support.
PULL_COUNTRY = 0.5
PULL_ADMIN1 = 1.0


def resolve(mentions: list[Mention], gaz: Gazetteer, demonym_countries: Counter,
            outlet: tuple[str, str | None] | None = None, pull: float = 1.0) -> list[Mention]:
    """Pick each mention's entry: a first pass on priors alone, then a second with the context
    the first pass, the demonyms and the story's region (from the first pass and the outlet's
    place, ``outlet``) give. Weak mentions are kept only when one of their readings lies in a
    country the article's other places are in, or, for a local one, in the story's region.
    Returns the mentions kept."""
    weak = [m for m in mentions if m.source == "weak"]
    unknown = [m for m in mentions if m.source == "unknown"]
    mentions = [m for m in mentions if m.source not in ("weak", "unknown")]

    def base(e: Entry, exact: bool, cands=()) -> float:
        pop = e.population or (TABLE_POP if e.key.startswith("table:") else 0)
        score = math.log10(pop + 10) + PRIOR.get(e.feature, 0.0)
        if e.feature == ADMIN and any(ex and c.feature == CITY and c.country == e.country and c.admin1 == e.admin1
                                      and c.population >= 100_000 for c, ex in cands):
            score -= 3.0  # "Tokyo", "Moscow": the city, not the region named after it
        if e.feature == ADMIN and e.level == 2:
            score -= 1.5
        if not exact:
            score -= 1.5  # exonyms ("Mecca") are alternates too; junk alternates are on small towns
        if e.feature == CITY and exact and (e.country, norm(e.name)) in gaz.capitals:
            score += CAPITAL_BONUS  # news names capitals far more than their namesakes
        return score

    for m in mentions + weak:
        # The most likely readings only: common names ("Washington") have dozens.
        m.candidates = sorted(m.candidates, key=lambda ce, m=m: -base(*ce, m.candidates))[:MAX_CANDIDATES]
        inside = [c for c, _ in m.candidates if any(contains(q, c) for q, _ in m.qualifier)]
        m.choice = (inside or [m.candidates[0][0]])[0]  # "Boston, Lincolnshire" is the English one

    support = _support(mentions + weak, base)
    region = story_region(mentions, gaz, outlet, base) if pull > 0 else Region()
    for _ in range(2):
        countries: Counter = Counter(demonym_countries)
        admins: Counter = Counter()
        regions: Counter = Counter()  # first-level regions named, per country
        for m in mentions:
            c = m.choice
            if c.country:
                countries[c.country] += 1
            if c.admin1 and c.feature != COUNTRY:
                admins[(c.country, c.admin1)] += 1
            if c.feature == ADMIN and c.level == 1:
                regions[c.country] += 1
        total = sum(countries.values()) or 1
        for m in mentions:
            ctx = (countries, admins, total, m, support, regions, region, pull)
            m.choice = max(m.candidates, key=lambda ce, ctx=ctx: _score(ce, ctx, base))[0]

    for m in weak:
        m.candidates = [(c, ex) for c, ex in m.candidates
                        if _plausible(m, c, ex, countries, demonym_countries, region, gaz)]
        if m.candidates:
            m.choice = m.candidates[0][0]
            ctx = (countries, admins, total, m, support, regions, region, pull)
            m.choice = max(m.candidates, key=lambda ce, ctx=ctx: _score(ce, ctx, base))[0]
            mentions.append(m)
    _one_sense(mentions)
    # Unknown names lie, most likely, in the article's main country, when it has one.
    main = countries.most_common(1)
    for m in unknown:
        m.country = main[0][0] if main and main[0][1] * 2 >= total else None
        mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _one_sense(mentions: list[Mention]) -> None:
    """A name the text places once ("Boston, Lincolnshire", a dateline) keeps that place when it
    comes again alone ("crews from Boston")."""
    fixed = {}
    for m in mentions:
        if m.qualifier or m.source == "dateline":
            fixed.setdefault(norm(m.text), m.choice)
    for m in mentions:
        e = fixed.get(norm(m.text))
        if e is not None and not m.qualifier and any(c.key == e.key for c, _ in m.candidates):
            m.choice = e


def _plausible(m: Mention, c: Entry, exact: bool, countries: Counter, demonym_countries: Counter,
               region: Region, gaz: Gazetteer) -> bool:
    """Whether a weak mention may mean ``c``: anything but a town or region may; a national
    capital may (news names capitals far more than namesakes: "flew to Dakar", with Dakar taken
    for a person by the parser); a town in the story's first-level region may; and, when the
    text supports the name, a town in a country the article's other places are in."""
    if c.feature not in (CITY, ADMIN) or region.holds(c):
        return True
    if c.feature == CITY and exact and (c.country, norm(c.name)) in gaz.capitals:
        return True
    return not m.local and countries[c.country] > demonym_countries[c.country]


def _score(ce, ctx, base) -> float:
    e, exact = ce
    countries, admins, total, m, support, regions, region, pull = ctx
    own = m.choice
    sc = base(e, exact, m.candidates)
    # Context: the share of the article's other places in the same country, and the same region.
    n_c = countries[e.country] - (1 if own.country == e.country else 0) if e.country else 0
    sc += 2.5 * min(1.0, n_c / max(1, total - 1)) + (1.0 if n_c > 0 else 0.0)
    if (e.admin1 and e.feature in (CITY, LANDMARK)) or (e.feature == ADMIN and e.level == 2):
        same = (own.country, own.admin1) == (e.country, e.admin1)
        if admins[(e.country, e.admin1)] - same > 0:
            sc += 1.5
    if e.feature == ADMIN and e.level == 1:
        # Other states or provinces of the same country named: "Washington" among "Iowa" and
        # "Texas" is the state.
        same = own.feature == ADMIN and own.level == 1 and own.country == e.country
        if regions[e.country] - same > 0:
            sc += 1.5
    if m.qualifier and any(contains(q, e) for q, _ in m.qualifier):
        sc += 8.0
    if region.country and e.country == region.country:
        sc += pull * PULL_COUNTRY
    if region.holds(e):
        sc += pull * PULL_ADMIN1
    sc += 1.5 * support.get((norm(m.text), e.key), 0.0)
    return sc


def _support(mentions: list[Mention], base) -> dict[tuple[str, str], float]:
    """How much each local reading of a name is backed by a likely reading of another name
    nearby: "Springfield" and "Peoria" together are the pair in Illinois, 100 km apart.
    A partner counts by how close it is to its own name's best reading (exp of the score gap),
    so that "Paris and London" stay in Europe rather than in Ontario."""
    by_name: dict[str, list[tuple[Entry, float]]] = {}
    for m in mentions:
        key = norm(m.text)
        if key in by_name:
            continue
        scored = [(e, base(e, ex, m.candidates)) for e, ex in m.candidates[:SUPPORT_CANDIDATES]]
        best = max((b for _, b in scored), default=0.0)
        local = [(e, math.exp(b - best)) for e, b in scored if e.feature in LOCAL or (e.feature == ADMIN and e.level == 2)]
        if local:
            by_name[key] = local
    out: dict[tuple[str, str], float] = {}
    names = list(by_name)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            for ea, wa in by_name[a]:
                k = math.cos(math.radians(ea.lat))
                for eb, wb in by_name[b]:
                    if abs(ea.lat - eb.lat) > 2 or 111.2 * math.hypot(ea.lat - eb.lat, (ea.lon - eb.lon) * k) > NEAR_KM:
                        continue
                    if wb > out.get((a, ea.key), 0.0):
                        out[(a, ea.key)] = wb
                    if wa > out.get((b, eb.key), 0.0):
                        out[(b, eb.key)] = wa
    return out


def demonym_context(doc, gaz: Gazetteer) -> Counter:
    """Countries the article's NORP entities ("Chinese", "North Korean") point at."""
    out: Counter = Counter()
    for ent in entities(doc):
        if ent.label_ == "NORP":
            a3 = gaz.demonym(ent.text)
            if a3:
                out[a3] += 1
    return out
