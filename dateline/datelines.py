"""The dateline: the place (and date, and agency) a news story was filed from, found once per article.

"KYIV, Ukraine, March 3 (Reuters) - ...", "BRUSSELS, March 12 (Xinhua) -- ...", "WASHINGTON —":
a place in capitals at the start of one of the article's first lines (a headline may come before),
an optional region or country, an optional date, an optional agency in brackets, then a dash (or
the bracketed agency alone); failing those, "HYDERABAD: ..." (``Dateline.colon``). The stages read it from ``analysis.dateline``
(``dateline.pipeline.Analysis``) rather than each looking for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import words

WITHIN = 600  # a dateline starts within this many characters of the article's start

_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'\-]*(?:[ ][A-Z][A-Z.'\-]*)*)"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.'\-]*(?:[ ][A-Z][A-Za-z.'\-]*)*))?"
    r"(?:,[ \t]*(?P<date>[^\n()\u2014\u2013]{1,40}?))?,?"
    r"(?:[ \t]*\([ \t]*(?P<agency>[A-Z][\w .&-]*?)[ \t]*\)(?:[ \t]*(?:--|\u2014|\u2013|-|_))?"
    r"|[ \t]*(?:--|\u2014|\u2013|-|_))",
    re.M,
)
# "HYDERABAD: Heavy rain ...": the South Asian form, a place in capitals and a colon at a line's start
_COLON = re.compile(r"^[ \t]*(?P<place>[A-Z][A-Z.'\-]*(?:[ ][A-Z][A-Z.'\-]*)*):[ \t]", re.M)


@dataclass(frozen=True)
class Dateline:
    start: int  # the dateline's first character
    end: int  # just after its dash (or its closing bracket)
    place: tuple[int, int]  # "KYIV"
    region: tuple[int, int] | None  # "Ukraine"
    date: tuple[int, int] | None  # "March 3"
    agency: tuple[int, int] | None  # "Reuters" (inside the brackets)
    colon: bool = False  # the "HYDERABAD: ..." form, which "UPDATE: ..." also has: check the place

    def place_text(self, text: str) -> str:
        return text[self.place[0]:self.place[1]]

    def agency_known(self, text: str) -> bool:
        """The bracketed agency is one of the news agencies we list (data/english.json)."""
        return self.agency is not None and text[self.agency[0]:self.agency[1]] in words("agencies")


def find_dateline(text: str) -> Dateline | None:
    """The article's dateline, or None."""
    for m in _DATELINE.finditer(text, 0, WITHIN):
        place = m.group("place")
        if sum(c.isalpha() for c in place) < 2 or not place.isupper():
            continue
        if text[m.end() - 1] == "-" and text[m.end() - 2:m.end()] != "--" and m.end() < len(text) \
                and not text[m.end()].isspace():
            continue  # "ANTI-WAR protests": a hyphen inside a word, not a dash
        return Dateline(m.start("place"), m.end(), m.span("place"), _span(m, "region"), _span(m, "date"),
                        _span(m, "agency"))
    for m in _COLON.finditer(text, 0, WITHIN):  # only when no dateline of the other forms is there
        if sum(c.isalpha() for c in m.group("place")) >= 2:
            return Dateline(m.start("place"), m.end() - 1, m.span("place"), None, None, None, colon=True)
    return None


def _span(m: re.Match, group: str) -> tuple[int, int] | None:
    return m.span(group) if m.group(group) is not None else None
