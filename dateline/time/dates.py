"""Calendar points and their arithmetic, numbers in words, holidays, and the choices the tense of
the governing verb makes (which year a month-day is in, which week a weekday): what the time
normalisers (``resolve.py``) compute with."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

SEASONS = ("SP", "SU", "FA", "WI")  # in calendar order; winter starts in December
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                    9: "FA", 10: "FA", 11: "FA"}
TIME_UNITS = {"H", "MIN", "S"}


@dataclass
class Point:
    """A calendar point at a granularity: D, W, WE, M, Q, H1/H2 (half), season, Y, DE, CE."""

    day: date
    gran: str


@dataclass
class Context:
    anchor: date | None
    tense: str = "unknown"  # past | future | present | unknown
    earlier: list[tuple[int, str | None, str]] = field(default_factory=list)  # (sentence, value, normaliser)
    sentence: int = 0
    lex: dict = field(default_factory=dict)


# ---------------------------------------------------------------- formatting and arithmetic

def fmt(p: Point | None, gran: str | None = None) -> str:
    g = gran or (p.gran if p else "D")
    if p is None:
        return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX",
                "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}.get(g, "XXXX-XX-XX")
    d = p.day
    if g == "D":
        return d.isoformat()
    if g in ("W", "WE"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if g == "WE" else "")
    if g == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if g == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if g == "H":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if g in SEASONS:
        return f"{d.year:04d}-{g}"
    if g == "Y":
        return f"{d.year:04d}"
    if g == "DE":  # decades as n_decade writes them: "202X"
        return f"{d.year // 10:03d}X"
    if g == "CE":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    if not 1 <= y <= 9999:
        raise ValueError("year out of range")
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: date, unit: str, n: float) -> date:
    n_int = int(n)
    if unit == "D":
        return d + timedelta(days=n_int)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n_int)
    if unit == "2W":
        return d + timedelta(weeks=2 * n_int)
    if unit == "M":
        return add_months(d, n_int)
    if unit == "Q":
        return add_months(d, 3 * n_int)
    if unit == "H":  # half year when used as a calendar unit
        return add_months(d, 6 * n_int)
    if unit == "Y":
        return add_months(d, 12 * n_int)
    if unit == "DE":
        return add_months(d, 120 * n_int)
    if unit == "CE":
        return add_months(d, 1200 * n_int)
    return d


_VALUE = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})(-WE)?|Q([1-4])|H([12])|(SP|SU|FA|WI)))?")


def parse_value(v: str | None) -> Point | None:
    """A concrete TimeML date value back to a Point (None for X forms and references)."""
    if not v:
        return None
    m = _VALUE.match(v)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            return Point(date(y, int(m.group(2)), int(m.group(3))), "D")
        if m.group(2):
            return Point(date(y, int(m.group(2)), 1), "M")
        if m.group(4):
            return Point(date.fromisocalendar(y, int(m.group(4)), 1), "WE" if m.group(5) else "W")
        if m.group(6):
            return Point(date(y, 3 * int(m.group(6)) - 2, 1), "Q")
        if m.group(7):
            return Point(date(y, 1 if m.group(7) == "1" else 7, 1), "H")
        if m.group(8):
            return Point(date(y, {"SP": 4, "SU": 7, "FA": 10, "WI": 12}[m.group(8)], 1), m.group(8))
        return Point(date(y, 1, 1), "Y")
    except ValueError:
        return None


GRAN_RANK = {"D": 0, "W": 1, "WE": 1, "M": 2, "Q": 3, "H": 4, "SP": 3, "SU": 3, "FA": 3, "WI": 3, "Y": 5,
              "DE": 6, "CE": 7}


# ---------------------------------------------------------------- numbers

def number(text, lex) -> float | None:
    """'80', '1,000', 'two', 'twenty-five', 'a', 'two and a half' -> a number."""
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text)
    t = text.lower().strip()
    half = 0.0
    if t.endswith("and a half"):
        half, t = 0.5, t[: -len("and a half")].strip()
    m = re.match(r"^(\d+)?\s*(\d+)/(\d+)$", t)
    if m and int(m.group(3)):
        return float(m.group(1) or 0) + int(m.group(2)) / int(m.group(3))
    t = t.replace(",", "")
    if t in ("a", "an"):
        return 1.0 + half
    try:
        return float(t) + half
    except ValueError:
        pass
    words = lex.get("numword", {})
    if t in words:
        return float(words[t]) + half
    total, cur = 0.0, 0.0
    for w in re.split(r"[\s-]+", t):
        v = words.get(w)
        if v is None:
            return None
        if v == 100:
            cur = (cur or 1) * 100
        else:
            cur += v
    total += cur
    return total + half


def num_str(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


# ---------------------------------------------------------------- tense-driven choices

def pick_year(anchor: date, month: int, day: int | None, tense: str) -> int:
    """The year of a bare month(-day): forwards for the future, backwards for the past, else nearest."""
    y = anchor.year

    def key(yy):
        try:
            return date(yy, month, day or 1)
        except ValueError:
            return date(yy, month, 28)

    if day is None:  # month granularity: compare months
        here = anchor.month
        if tense == "past":  # next month is still this year's: "mid-November" said in late October
            return y if month <= here + 1 else y - 1
        if tense == "future":
            return y if month >= here else y + 1
        # Otherwise the nearest, leaning to the past as news does: up to eight months back,
        # three ahead.
        diff = month - here
        if diff > 3:
            return y - 1
        if diff < -8:
            return y + 1
        return y
    this = key(y)
    if tense == "past":  # a date a few weeks ahead is this year's whatever the verb says
        return y if this <= anchor + timedelta(days=31) else y - 1
    if tense == "future":  # a deadline a few days gone is still this year's
        return y if this >= anchor - timedelta(days=7) else y + 1
    delta = (this - anchor).days  # nearest, leaning to the past: up to 9 months back, 3 ahead
    if delta > 92:
        return y - 1
    if delta < -273:
        return y + 1
    return y


def pick_weekday(anchor: date, wd: int, tense: str, direction: int | None = None) -> date:
    """The date of a weekday name (1 = Monday): by an explicit last/next/this, else by tense."""
    cur = anchor.isoweekday()
    back = anchor - timedelta(days=(cur - wd) % 7)  # on or before the anchor
    fwd = anchor + timedelta(days=(wd - cur) % 7)  # on or after
    if direction == -1:
        return back if back != anchor else anchor - timedelta(days=7)
    if direction == 1:
        # "next Friday" is read as the first Friday after today (usage varies; TimeML does so)
        return fwd if fwd != anchor else anchor + timedelta(days=7)
    if direction == 0:
        return anchor + timedelta(days=wd - cur)  # the one in this week
    if tense == "future":
        return fwd
    if tense == "past":
        return back
    if tense == "unknown":  # no verb to go by ("Thursday's closing price"): news looks back
        return back if (anchor - back).days <= 4 else fwd
    return back if (anchor - back) <= (fwd - anchor) else fwd


def holiday_date(spec: str, year: int) -> date | None:
    """A holiday's date in a year from its lexicon spec (fixed:MM-DD, nth:M:WD:N, last:M:WD, easter:N)."""
    kind, _, arg = spec.partition(":")
    if kind == "fixed":
        m, d = arg.split("-")
        return date(year, int(m), int(d))
    if kind == "nth":
        m, wd, n = (int(x) for x in arg.split(":"))
        first = date(year, m, 1)
        return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    if kind == "last":
        m, wd = (int(x) for x in arg.split(":"))
        last = date(year, m, calendar.monthrange(year, m)[1])
        return last - timedelta(days=(last.isoweekday() - wd) % 7)
    if kind == "election":  # US: the Tuesday after the first Monday of November
        first_monday = holiday_date("nth:11:1:1", year)
        return first_monday + timedelta(days=1)
    if kind in ("easter", "easterweek"):
        a, b, c = year % 19, year // 100, year % 100
        d, e = b // 4, b % 4
        f = (b + 8) // 25
        g = (b - f + 1) // 3
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * l_) // 451
        month = (h + l_ - 7 * m + 114) // 31
        day = (h + l_ - 7 * m + 114) % 31 + 1
        return date(year, month, day) + timedelta(days=int(arg or 0))
    return None
