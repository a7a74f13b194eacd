"""The normalisers that turn a rule's slots into a TimeML value (calendar arithmetic: ``dates.py``).

A normaliser gets the slots a rule captured, a ``Context`` (the anchor date, the tense of the
governing verb, the earlier expressions) and returns ``(type, value)``. Without an anchor,
whatever needs one stays unresolved with TimeML's X placeholders; nothing is guessed.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .dates import (
    GRAN_RANK,
    SEASON_OF_MONTH,
    SEASONS,
    TIME_UNITS,
    Context,
    Point,
    add_months,
    fmt,
    holiday_date,
    num_str,
    number,
    parse_value,
    pick_weekday,
    pick_year,
    shift,
)

# ---------------------------------------------------------------- normalisers

def _int(v) -> int | None:
    if v is None:
        return None
    if isinstance(v, int):
        return v
    m = re.match(r"\d+", str(v))
    return int(m.group()) if m else None


def _year(s: dict, ctx: Context) -> int | None:
    if s.get("year") is not None:
        return _int(s["year"])
    if s.get("yy") is not None:
        yy = int(str(s["yy"]).strip("'"))
        base = ctx.anchor.year if ctx.anchor else 2000
        y = base - base % 100 + yy
        return y - 100 if y > base + 10 else y
    return None


def n_date(s, ctx):
    month, day = _int(s.get("month")), _int(s.get("day"))
    year = _year(s, ctx)
    if day is None:  # month and year
        return "DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"
    if year is None:
        if day > calendar.monthrange(2000, month)[1]:
            return "DATE", None  # "February 30": no such day in any year
        if ctx.anchor is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
        tense = {-1: "past", 1: "future"}.get(s.get("dir"), ctx.tense)  # "last Oct. 23"
        year = pick_year(ctx.anchor, month, day, tense)
        wd = _int(s.get("weekday"))
        if wd:  # "Saturday, April 25": the year in which that day is a Saturday
            for y in (year, year - 1, year + 1):
                try:
                    if date(y, month, day).isoweekday() == wd:
                        year = y
                        break
                except ValueError:
                    continue
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return "DATE", None


def n_week_of(s, ctx):
    """'the week of March 6': the ISO week holding that day."""
    v = n_date(s, ctx)[1]
    p = parse_value(v) if v and not v.startswith("X") else None
    return "DATE", fmt(p, "W") if p is not None else ("XXXX-WXX" if v else None)


def n_day_of_month(s, ctx):
    """'on the 5th': a day of this month, or of the month before or after by tense."""
    day = _int(s["day"])
    if ctx.anchor is None:
        return "DATE", f"XXXX-XX-{day:02d}"
    a = ctx.anchor
    cands = []
    for off in (-1, 0, 1):
        first = add_months(a.replace(day=1), off)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            cands.append(first.replace(day=day))
    if ctx.tense == "past":
        pool = [c for c in cands if c <= a]
    elif ctx.tense == "future":
        pool = [c for c in cands if c >= a]
    else:
        pool = cands
    if not pool:
        return "DATE", None
    return "DATE", min(pool, key=lambda c: abs((c - a).days)).isoformat()


def n_month(s, ctx):
    month = _int(s["month"])
    d = s.get("dir")
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    a = ctx.anchor
    if d == -1:  # the most recent April before this month
        y = a.year if month < a.month else a.year - 1
    elif d == 1:
        y = a.year if month > a.month else a.year + 1
    elif d == 0 and "dir" in s and s.get("dir_text", "").lower() in ("this", "this coming", "the current"):
        y = a.year
    else:
        y = pick_year(a, month, None, ctx.tense)
    return "DATE", f"{y:04d}-{month:02d}"


def n_month_yeardir(s, ctx):
    month = _int(s["month"])
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", f"{ctx.anchor.year + (s.get('dir') or 0):04d}-{month:02d}"


def n_year(s, ctx):
    y = _year(s, ctx)
    return "DATE", f"{y:04d}" if y is not None else None


def n_year_words(s, ctx):
    """'nineteen ninety-six', 'two thousand and one', 'the year two thousand'."""
    words = re.findall(r"[a-z]+", (s.get("yearword") or "").lower())
    if "thousand" in words:
        rest = number(" ".join(w for w in words[words.index("thousand") + 1:] if w != "and"), ctx.lex)
        return "DATE", f"{2000 + int(rest or 0):04d}"
    first = number(words[0], ctx.lex)
    rest = number(" ".join(w for w in words[1:] if w not in ("hundred", "oh")), ctx.lex)
    if first is None or rest is None or rest >= 100:
        return "DATE", None
    return "DATE", f"{int(first) * 100 + int(rest):04d}"


def n_decade(s, ctx):
    # A decade is "195X", the form the issue and TimeML's guidelines give (TimeBank also writes "195").
    t = str(s["decade"]).lower().strip("'s").replace("'", "")
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
             "eighties": 8, "nineties": 9}
    if t in words or t + "s" in words:
        return "DATE", f"19{words.get(t, words.get(t + 's'))}X"
    digits = re.sub(r"\D", "", t)
    if len(digits) == 4:
        return "DATE", digits[:3] + "X"
    if len(digits) == 2:
        base = ctx.anchor.year if ctx.anchor else 1999
        century = base // 100
        yy = int(digits)
        c = century if century * 100 + yy <= base else century - 1
        return "DATE", f"{c:02d}{digits[0]}X"
    return "DATE", None


def n_century(s, ctx):
    n = _int(s.get("ordinal"))
    return "DATE", f"{n - 1:02d}" if n else None


def n_dayword(s, ctx):
    off = _int(s.get("daywords")) or 0
    part = s.get("partday")
    if ctx.anchor is None:
        v = "XXXX-XX-XX"
    else:
        v = (ctx.anchor + timedelta(days=off)).isoformat()
    if part:
        return "TIME", f"{v}T{part}"
    return "DATE", v


# Expressions that are themselves relative comparisons; others do not anchor on them.
_COMPARATIVE = {"ago", "shift_ref", "quarter_ref"}


def _ref_point(ctx: Context, same_sentence_only: bool = False, skip=_COMPARATIVE, only=None,
               reported: bool = False) -> Point | None:
    """The latest earlier expression with a concrete date, in this sentence (or before it);
    with reported, a quarter or half not over at the article date (a forecast) does not count."""
    for sent, value, norm in reversed(ctx.earlier):
        if same_sentence_only and sent != ctx.sentence:
            break
        if norm in skip or (only is not None and norm not in only):
            continue
        p = parse_value(value)
        if p is not None and reported and ctx.anchor is not None and p.gran in ("Q", "H") and \
                add_months(p.day, 3 if p.gran == "Q" else 6) > ctx.anchor:
            continue
        if p is not None:
            return p
    return None


def n_relday(s, ctx):
    off = _int(s.get("relday")) or 0
    p = _ref_point(ctx)
    if p is not None and p.gran == "D":
        return "DATE", (p.day + timedelta(days=off)).isoformat()
    if p is not None and off == 0 and (s.get("_text") or "").lower() == "then":
        return "DATE", fmt(p)  # "until then": the time just named
    if ctx.anchor is None or (p is not None):
        return "DATE", "XXXX-XX-XX"
    return "DATE", (ctx.anchor + timedelta(days=off)).isoformat()


def n_shift(s, ctx):
    unit = s.get("calunit") or s.get("unit")
    n = s.get("dir") or 0
    if unit in TIME_UNITS:
        return "DATE", "PRESENT_REF" if n == 0 else ("PAST_REF" if n < 0 else "FUTURE_REF")
    text = (s.get("dir_text") or "").lower()
    anchored = text.startswith(("the following", "the previous", "the preceding", "the same", "that",
                                "the next", "the prior"))
    base = None
    if anchored:
        p = _ref_point(ctx)
        if p is not None:
            base = p.day
        elif text.startswith(("the following", "the previous", "the preceding", "the same", "that")):
            return "DATE", fmt(None, unit)
    if base is None:
        base = ctx.anchor
    if base is None:
        return "DATE", fmt(None, unit)
    if unit == "WE" and s.get("dir") is None and ctx.tense == "past" and base.isoweekday() < 6:
        n = -1  # "over the weekend" in a report on a weekday: the one just gone
    return "DATE", fmt(Point(shift(base, unit, n), unit))


def n_shift_ref(s, ctx):
    unit, n = s["calunit"], s["dir"]
    p = _ref_point(ctx, only={"quarter", "half"}, reported=True)
    if p is not None:
        return "DATE", fmt(Point(shift(p.day, unit, n), p.gran))
    if ctx.anchor is None:
        return "DATE", fmt(None, unit)
    return "DATE", fmt(Point(shift(ctx.anchor, unit, n), unit))


def _months_reported_last(ctx: Context) -> bool:
    """Whether the latest reporting period mentioned is a span of months ("the first nine
    months") rather than a quarter or half."""
    for _sent, value, norm in reversed(ctx.earlier):
        if norm in ("quarter", "half"):
            return False
        if norm == "duration" and re.fullmatch(r"P([6-9]|1[01])M", value or ""):
            return True
    return False


def n_ago(s, ctx):
    unit = s.get("unit") or s.get("calunit")
    sign = s.get("after") if isinstance(s.get("after"), int) else -1
    if s.get("after") is None and " after " in (s.get("_text") or "").lower():
        sign = 1  # "two days after tomorrow"
    vague = s.get("vague") is not None or s.get("num") is None
    if vague or unit in TIME_UNITS:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = number(s.get("num"), ctx.lex) or 1
    word = (s.get("after_text") or "").lower()
    relative = word in ("earlier", "later", "before", "after", "afterwards", "afterward", "on", "previously")
    p = _ref_point(ctx, same_sentence_only=True) if relative else None
    if p is None and unit == "Y" and n == 1 and not _months_reported_last(ctx):
        # "a year ago" in a report on a quarter or half compares the same period a year before
        # (after "the first nine months" it is the year before)
        p = _ref_point(ctx, only={"quarter", "half"}, reported=True)
    if p is not None:
        gran = p.gran if GRAN_RANK.get(p.gran, 0) < GRAN_RANK.get(unit, 0) else unit
        return "DATE", fmt(Point(shift(p.day, unit, sign * n), gran))
    if s.get("daywords") is not None and ctx.anchor is not None:
        base = ctx.anchor + timedelta(days=_int(s["daywords"]))
        return "DATE", fmt(Point(shift(base, unit, sign * n), "D"))
    # at the unit's granularity: "three years ago" is a year, "six weeks ago" a week
    gran = {"2W": "W"}.get(unit, unit)
    if ctx.anchor is None:
        return "DATE", fmt(None, gran)
    return "DATE", fmt(Point(shift(ctx.anchor, unit, sign * n), gran))


def n_weekday(s, ctx):
    wd = _int(s["weekday"])
    part = s.get("partday")
    if ctx.anchor is None:
        v = f"XXXX-WXX-{wd}"
    else:
        v = pick_weekday(ctx.anchor, wd, ctx.tense, s.get("dir") if "dir" in s else None).isoformat()
    return ("TIME", f"{v}T{part}") if part else ("DATE", v)


def n_season(s, ctx):
    season = s["season"]
    y = _year(s, ctx)
    if y is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-{season}"
        a = ctx.anchor
        # Seasons run SP, SU, FA, WI within a season year; January and February belong to the
        # winter that began the December before.
        sy = a.year - 1 if a.month <= 2 else a.year
        cur = SEASONS.index(SEASON_OF_MONTH[a.month])
        idx = SEASONS.index(season)
        d = s.get("dir")
        if d == -1:
            y = sy if idx < cur else sy - 1
        elif d == 1:
            y = sy if idx > cur else sy + 1
        elif d == 0:
            y = sy
        elif ctx.tense == "past":
            y = sy if idx <= cur else sy - 1
        elif ctx.tense == "future":
            y = sy if idx >= cur else sy + 1
        else:
            y = sy
    return "DATE", f"{y:04d}-{season}"


def n_quarter(s, ctx):
    q = _int(s.get("quarterord") or s.get("quarterq", "").lstrip("Qq"))
    y = _year(s, ctx)
    if y is None and ctx.anchor is not None:
        if s.get("dir") is not None:
            y = ctx.anchor.year + s["dir"]  # "last year's third quarter"
        elif s.get("ydir") is not None:
            y = ctx.anchor.year + s["ydir"]  # "the first quarter of last year"
        elif (s.get("quarterord_text") or "").lower() in ("last", "final"):
            # "the last quarter" without a year is the one before the current quarter
            return "DATE", fmt(Point(shift(ctx.anchor, "Q", -1), "Q"))
    if y is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-Q{q}"
        cur = (ctx.anchor.month - 1) // 3 + 1
        y = ctx.anchor.year
        if ctx.tense == "past" and q > cur:
            y -= 1
    return "DATE", f"{y:04d}-Q{q}"


def n_quarter_ref(s, ctx):
    text = (s.get("_text") or "").lower()
    year = _year(s, ctx)
    for _sent, value, norm in reversed(ctx.earlier):
        if norm == "quarter" and re.match(r"^\d{4}-Q[1-4]$", value or ""):
            p = parse_value(value)
            if ctx.anchor is not None and ctx.tense != "future" and year is None and \
                    add_months(p.day, 3) > ctx.anchor and "same" not in text:
                continue  # a quarter not yet over is no quarter reported on ("the latest quarter")
            if year is not None:  # "the 1988 quarter": the quarter under discussion, that year
                return "DATE", f"{year:04d}-Q{(p.day.month - 1) // 3 + 1}"
            if "year-ago" in text or "year-earlier" in text or "a year" in text:
                return "DATE", fmt(Point(shift(p.day, "Y", -1), "Q"))
            return "DATE", value
    if year is not None:
        return "DATE", f"{year:04d}"
    if ctx.anchor is None:
        return "DATE", "XXXX-QX"
    d = ctx.anchor
    if ctx.tense != "future" and "same" not in text:
        d = shift(d, "Q", -1)  # news reports on the quarter just ended
    if "year-ago" in text or "year-earlier" in text or "a year" in text:
        d = shift(d, "Y", -1)
    return "DATE", fmt(Point(d, "Q"))


def n_same_period(s, ctx):
    """'the same period last year', 'the same month a year ago': the period under discussion
    (the latest explicit one, else the current one) a year before."""
    unit = s.get("calunit")
    p = _ref_point(ctx, only={"quarter", "half", "date", "month", "month_yeardir"}, reported=True)
    if unit is None:  # "period": the granularity of what was discussed, a reported quarter first
        p = _ref_point(ctx, only={"quarter", "half"}, reported=True) or p
        unit = p.gran if p is not None and p.gran in ("Q", "H", "M") else "Y"
    if p is not None and p.gran == unit:
        base = p.day
    elif ctx.anchor is not None:
        base = ctx.anchor
    else:
        return "DATE", fmt(None, unit)
    return "DATE", fmt(Point(shift(base, "Y", -1), unit))


def n_half(s, ctx):
    h = _int(s["halford"])
    y = _year(s, ctx)
    if y is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-H{h}"
        y = ctx.anchor.year
    return "DATE", f"{y:04d}-H{h}"


def n_time(s, ctx):
    if s.get("timeword"):
        hh, mm = s["timeword"].split(":")
        h, m = int(hh), int(mm)
    else:
        h = _int(s.get("hour"))
        if h is None:
            h = int(number(s.get("hour_text") or s.get("hour"), ctx.lex) or 0)
        m = _int(s.get("minute")) or 0
    ap = s.get("ampm")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    if h > 24 or m > 59:
        return "TIME", None
    if s.get("month") is not None and s.get("day") is not None:
        day = n_date(s, ctx)[1]  # "5 p.m. EST, Nov. 6"
        if day is None:
            return "TIME", None
    elif s.get("weekday") is None and s.get("daywords") is None and \
            (p := _ref_point(ctx, same_sentence_only=True)) is not None and p.gran == "D":
        day = p.day.isoformat()  # "flew on Tuesday ... at 18:00 UTC": the day said just before
    elif ctx.anchor is None:
        day = "XXXX-XX-XX"
    elif s.get("weekday") is not None:
        day = pick_weekday(ctx.anchor, _int(s["weekday"]), ctx.tense).isoformat()
    else:
        day = (ctx.anchor + timedelta(days=_int(s.get("daywords")) or 0)).isoformat()
    return "TIME", f"{day}T{h:02d}:{m:02d}{s.get('zone') or ''}"


_DUR_TIME = {"H": "H", "MIN": "M", "S": "S"}


_FRACTION = {"Y": (12, "M", ""), "D": (24, "H", "T"), "H": (60, "M", ""), "MIN": (60, "S", "")}


def _duration(n: float | None, unit: str) -> str:
    if n is not None and n != int(n) and unit in _FRACTION:
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
        k, small, t = _FRACTION[unit]
        whole, part = int(n), round((n - int(n)) * k)
        big = _duration(float(whole), unit) if whole else ("PT" if unit in _DUR_TIME else "P")
        return f"{big}{t if 'T' not in big else ''}{part}{small}"
    if n is not None and n != int(n) and unit == "W":
        return f"P{num_str(n * 7)}D"
    q = "X" if n is None else num_str(n)
    if unit == "2W":
        return f"P{'X' if n is None else num_str(2 * n)}W"
    if unit == "NI":
        return f"P{q}D"  # nights are counted as days
    if unit in _DUR_TIME:
        return f"PT{q}{_DUR_TIME[unit]}"
    if unit in ("DE", "CE"):  # TimeBank writes decades and centuries in years
        return f"P{'X' if n is None else num_str((10 if unit == 'DE' else 100) * n)}Y"
    return f"P{q}{unit}"


def n_duration(s, ctx):
    unit = s.get("unit")
    if s.get("vague") is not None and s.get("num") is None:
        return "DURATION", _duration(None, unit)
    n = number(s.get("num"), ctx.lex)
    if n is not None and s.get("plushalf"):
        n += 0.5  # "a year and a half"
    return "DURATION", _duration(n, unit)


def n_duration_half(s, ctx):
    t = (s.get("_text") or "").lower()
    for word, v in (("hour", "PT30M"), ("day", "PT12H"), ("year", "P6M"), ("century", "P50Y"), ("decade", "P5Y")):
        if word in t:
            return "DURATION", v
    return "DURATION", None


def n_holiday(s, ctx):
    spec = s["holiday"]
    gran = "W" if spec == "easterweek" else "D"
    y = _year(s, ctx)
    if y is None:
        if ctx.anchor is None:
            return "DATE", fmt(None, gran)
        a = ctx.anchor
        this = holiday_date(spec, a.year)
        d = s.get("dir")
        if d == -1 or (d is None and ctx.tense == "past"):
            y = a.year if this < a else a.year - 1
        elif d == 1 or (d is None and ctx.tense == "future"):
            y = a.year if this > a else a.year + 1
        else:  # nearest
            y = a.year if abs((this - a).days) <= 183 else (a.year - 1 if this > a else a.year + 1)
    return "DATE", fmt(Point(holiday_date(spec, y), gran))


def n_set(s, ctx):
    return "SET", s["setword"]


def n_set_every(s, ctx):
    n = number(s.get("num"), ctx.lex)
    return "SET", _duration(n, s["unit"])


def n_set_weekday(s, ctx):
    return "SET", f"XXXX-WXX-{_int(s['weekday'])}"


def n_set_month(s, ctx):
    return "SET", f"XXXX-{_int(s['month']):02d}"


def n_set_season(s, ctx):
    return "SET", f"XXXX-{s['season']}"


def n_set_part(s, ctx):
    return "SET", f"XXXX-XX-XXT{s['partday']}"


def n_ref(s, ctx):
    return "DATE", s["ref"]


NORMALISERS = {name[2:]: f for name, f in globals().items() if name.startswith("n_") and callable(f)}
