"""Places: place mentions resolved offline to coordinates, and ``locate`` for events.

``locate(record, start, end)`` is the small pure lookup other stages use: the id of the place an
event whose clause spans ``[start, end)`` happened at; ``is_capital(country, name)`` says whether
a place is its country's national capital.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..record import Place, Record

# How specific a feature is: an event "in Beijing's Tiananmen Square" is at the square.
_SPECIFIC = {"landmark": 4, "city": 3, "admin region": 2, "body of water": 2, "region": 1,
             "country": 1, "continent": 0}
_PREP = re.compile(r"\b(in|at|near|outside|inside|across|into|from|to|on|off|around|throughout|"
                   r"towards?|through|within|over)\s+(?:the\s+|[\w.\-]+['\u2019]s\s+|[\w.\-]+,\s+)*$", re.I)


def _in_clause(text: str, p: Place) -> float:
    """Rank a place mentioned inside an event's clause."""
    score = _SPECIFIC.get(p.feature or "", 1)
    if _PREP.search(text[max(0, p.start - 60):p.start]):
        score += 4  # governed by a locative preposition: where it happened
    if text[p.end:p.end + 2] in ("'s", "\u2019s"):
        score -= 5  # "Tokyo's attack": the place stands for its government, an actor
    return score


def dateline_place(record: Record) -> Place | None:
    """The place in the article's dateline ("BEIJING (Reuters) -"), if it has one."""
    from ..datelines import find_dateline

    dl = find_dateline(record.article.text)
    if dl is None:
        return None
    s, e = dl.place
    return next((p for p in record.places if p.start < e and s < p.end), None)


def main_place(record: Record) -> Place | None:
    """The place the article is about: its dateline place, else the first place it mentions."""
    return dateline_place(record) or (record.places[0] if record.places else None)


def locate(record: Record, start: int, end: int) -> str | None:
    """The id of the place for an event whose clause spans [start, end): the place mentioned
    in the clause (preferring one after a locative preposition, the most specific, the first),
    else the place the article is about; None when the article names no place."""
    text = record.article.text
    inside = [p for p in record.places if p.start >= start and p.end <= end]
    if inside:
        return max(enumerate(inside), key=lambda ip: (_in_clause(text, ip[1]), -ip[0]))[1].id
    p = main_place(record)
    return p.id if p else None


__all__ = ["locate", "main_place", "dateline_place"]


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """The gazetteer's capitals, read from the country table alone: a lookup for other stages
    should not load the whole gazetteer."""
    from ..lexicon import countries
    from .gazetteer import norm

    return frozenset((r["iso3"], norm(r["capitals"][0])) for r in countries("places") if r["capitals"])


def is_capital(country: str | None, name: str) -> bool:
    """Whether ``name`` (any spelling the gazetteer normalises alike) is the national capital of
    ``country`` (ISO alpha-3), by our country table."""
    from .gazetteer import norm

    return (country, norm(name)) in _capitals()
