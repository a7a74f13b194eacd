"""The questions analysts ask of a store, as functions returning plain rows (lists of dicts).

The ``dateline query`` command and the HTTP API call these; every value a caller gives goes into
the SQL as a parameter, never into its text. Each function takes a ``Store`` or a DuckDB
connection. Dates are ``datetime.date`` (or ISO strings on input); missing values are ``None``.

Actor codes are ISO3 alone (``CHN``: any sector) or ISO3 and a sector (``CHNGOV``). By default
the counting queries count occurrences (one per thing that happened, however many articles
report it; docs/corpus.md); ``unit="mentions"`` counts every mention event of every article.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

BY = ("day", "week", "month", "year")
UNITS = ("occurrences", "mentions")
MAX_LIMIT = 100_000
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}

# The date of a mention event: its own day where the text gave one, else its article's.
_MENTION_DATE = "coalesce(try_cast(substr(e.date_value, 1, 10) AS DATE), a.date)"
# One relation per unit with the same column names, so the counting queries are written once.
# A two-sided occurrence ("Japan and Korea signed") counts in both directions.
_OCC = "o.date AS date, o.type, o.status, o.cameo, o.quad_class, o.goldstein, o.confidence, "
_UNIT_FROM = {
    "occurrences": f"(SELECT {_OCC} o.source_country, o.source_sector, o.target_country, o.target_sector "
                   f"FROM occurrences o UNION ALL SELECT {_OCC} o.target_country, o.target_sector, o.source_country, "
                   "o.source_sector FROM occurrences o WHERE o.two_sided) u",
    "mentions": f"(SELECT {_MENTION_DATE} AS date, e.type, e.status, e.cameo, e.quad_class, e.goldstein, "
                "e.confidence, e.source_country, e.source_sector, e.target_country, e.target_sector "
                "FROM events e JOIN articles a ON a.id = e.article_id) u",
}


def _con(store):
    return getattr(store, "con", store)


def _rows(con, sql: str, params: list) -> list[dict]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def parse_code(code: str) -> tuple[str, str | None]:
    """``CHNGOV`` -> (``CHN``, ``GOV``); ``CHN`` -> (``CHN``, None)."""
    code = code.strip().upper()
    if len(code) < 3 or not code[:3].isalpha():
        raise ValueError(f"actor code {code!r}: expected ISO3 (CHN) or ISO3 and a sector (CHNGOV)")
    return code[:3], code[3:] or None


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"date {value!r}: expected YYYY-MM-DD") from None


def _limit(limit: int) -> int:
    if not 0 < int(limit) <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    return int(limit)


class _Where:
    """WHERE clauses and their parameters, built together."""

    def __init__(self):
        self.clauses: list[str] = []
        self.params: list = []

    def add(self, clause: str, *params) -> None:
        self.clauses.append(clause)
        self.params += params

    def side(self, prefix: str, code: str | None) -> None:
        if code:
            self.add(*_side(prefix, code))

    def sides(self, source: str | None, target: str | None) -> None:
        """Source and target of an occurrence; a two-sided one matches either way round."""
        if not (source or target):
            return
        ways = []
        for src, tgt in ((source, target), (target, source)):
            parts = [_side(f"o.{side}", code) for side, code in (("source", src), ("target", tgt)) if code]
            ways.append((" AND ".join(p[0] for p in parts), [x for p in parts for x in p[1:]]))
        self.add(f"(({ways[0][0]}) OR (o.two_sided AND {ways[1][0]}))", *ways[0][1], *ways[1][1])

    def dates(self, column: str, date_from, date_to) -> None:
        if date_from is not None:
            self.add(f"{column} >= ?", _day(date_from))
        if date_to is not None:
            self.add(f"{column} <= ?", _day(date_to))

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _side(prefix: str, code: str) -> tuple:
    """(clause, params...) matching one side's country, and its sector where the code has one."""
    country, sector = parse_code(code)
    if sector:
        return f"({prefix}_country = ? AND {prefix}_sector = ?)", country, sector
    return f"{prefix}_country = ?", country


def events(store, *, type: str | None = None, source: str | None = None, target: str | None = None,
           country: str | None = None, date_from=None, date_to=None, status: str | None = None,
           min_confidence: float | None = None, occurrences: bool = False, sort: str = "date",
           limit: int = 100, offset: int = 0) -> list[dict]:
    """Mention events (one per article that reports it), or with ``occurrences`` the merged events.
    ``country``: either side's country; ``sort``: ``date`` or ``mentions`` (most reported first)."""
    w = _Where()
    p = "o" if occurrences else "e"
    if type:
        w.add(f"{p}.type = ?", type.upper())
    if occurrences:
        w.sides(source, target)
    else:
        w.side("e.source", source)
        w.side("e.target", target)
    if country:
        w.add(f"(? IN ({p}.source_country, {p}.target_country))", parse_code(country)[0])
    if status:
        w.add(f"{p}.status = ?", status)
    if min_confidence is not None:
        w.add(f"{p}.confidence >= ?", float(min_confidence))
    if sort not in ("date", "mentions"):
        raise ValueError("sort must be date or mentions")
    if occurrences:
        w.dates("o.date", date_from, date_to)
        order = "o.num_mentions DESC, o.date, o.id" if sort == "mentions" else "o.date, o.id"
        sql = ("SELECT o.id, o.date, o.date_end, o.type, o.status, o.source_country || coalesce(o.source_sector, '') "
               "AS source, o.target_country || coalesce(o.target_sector, '') AS target, o.cameo, o.quad_class, "
               "o.goldstein, o.confidence, o.place_name AS place, o.place_country, o.num_mentions, o.num_articles, "
               "o.num_sources, o.num_copies, o.first_seen, o.last_seen, o.two_sided FROM occurrences o"
               f"{w.sql()} ORDER BY {order} LIMIT ? OFFSET ?")
    else:
        w.dates(_MENTION_DATE, date_from, date_to)
        # The page is chosen on the events and articles alone, and only its rows are joined to the
        # rest: on a store of millions of events the joins then cost a page, not the whole filter.
        count = "coalesce(o.num_mentions, 0)" if sort == "mentions" else "0"
        mentions = ("LEFT JOIN occurrence_mentions om ON om.article_id = e.article_id AND om.event_id = e.event_id "
                    "LEFT JOIN occurrences o ON o.id = om.occurrence_id ") if sort == "mentions" else ""
        page = (f"SELECT e.article_id, e.event_id, {_MENTION_DATE} AS date, e.type, e.mode, e.status, "
                "e.source_country || coalesce(e.source_sector, '') AS source, e.source_text, "
                "e.target_country || coalesce(e.target_sector, '') AS target, e.target_text, e.cameo, e.quad_class, "
                "e.goldstein, e.confidence, e.trigger_text AS trigger, e.location, a.source AS outlet, a.title, "
                f"a.url, e.pair_id AS pair, {count} AS om_count "
                f"FROM events e JOIN articles a ON a.id = e.article_id {mentions}{w.sql()} "
                "ORDER BY om_count DESC, date, e.article_id, e.event_id LIMIT ? OFFSET ?")
        sql = (f"WITH page AS ({page}) "
               "SELECT p.article_id, p.event_id, p.date, p.type, p.mode, p.status, p.source, p.source_text, "
               "p.target, p.target_text, p.cameo, p.quad_class, p.goldstein, p.confidence, p.trigger, "
               "pl.name AS place, p.outlet, p.title, p.url, om.occurrence_id, d.duplicate_of, p.pair, p.om_count "
               "FROM page p "
               "LEFT JOIN places pl ON pl.article_id = p.article_id AND pl.place_id = p.location "
               "LEFT JOIN occurrence_mentions om ON om.article_id = p.article_id AND om.event_id = p.event_id "
               "LEFT JOIN duplicates d ON d.article_id = p.article_id "
               "ORDER BY p.om_count DESC, p.date, p.article_id, p.event_id")
    rows = _rows(_con(store), sql, [*w.params, _limit(limit), int(offset)])
    for r in rows:
        r.pop("om_count", None)
    return rows


def occurrence(store, occurrence_id: int) -> dict | None:
    """One occurrence with every mention event linked to it (``counted``: false for the copies)."""
    con = _con(store)
    rows = _rows(con, "SELECT * FROM occurrences WHERE id = ?", [int(occurrence_id)])
    if not rows:
        return None
    out = rows[0]
    out["mentions"] = _rows(con, (
        f"SELECT om.article_id, om.event_id, {_MENTION_DATE} AS date, a.date AS published, a.source AS outlet, "
        "a.title, a.url, e.trigger_text AS trigger, e.trigger_start, e.trigger_end, e.source_text, e.target_text, "
        "e.status, e.confidence, d.duplicate_of FROM occurrence_mentions om "
        "JOIN events e ON e.article_id = om.article_id AND e.event_id = om.event_id "
        "JOIN articles a ON a.id = om.article_id LEFT JOIN duplicates d ON d.article_id = om.article_id "
        "WHERE om.occurrence_id = ? ORDER BY a.date, om.article_id, om.event_id"), [int(occurrence_id)])
    return out


def dyad(store, source: str, target: str, *, by: str = "month", date_from=None, date_to=None,
         unit: str = "occurrences") -> list[dict]:
    """A time series of SOURCE's events towards TARGET: per period the count, the Goldstein sum and
    the QuadClass split."""
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}")
    date_from, date_to = _day(date_from), _day(date_to)
    by_country = not any(code and parse_code(code)[1] for code in (source, target))
    if _unit(unit) == "occurrences" and by in ("month", "year") and by_country and _whole_months(date_from, date_to):
        return _dyad_months(_con(store), source, target, by, date_from, date_to)
    w = _Where()
    w.side("u.source", source)
    w.side("u.target", target)
    w.add("u.date IS NOT NULL")
    w.dates("u.date", date_from, date_to)
    quads = ", ".join(f"count(*) FILTER (WHERE u.quad_class = {q}) AS {n}" for q, n in QUAD_NAMES.items())
    sql = (f"SELECT CAST(date_trunc('{by}', u.date) AS DATE) AS period, count(*) AS events, "
           f"coalesce(sum(u.goldstein), 0) AS goldstein_sum, {quads} FROM {_UNIT_FROM[unit]}"
           f"{w.sql()} GROUP BY 1 ORDER BY 1")
    return _rows(_con(store), sql, w.params)


def _whole_months(date_from: date | None, date_to: date | None) -> bool:
    return (date_from is None or date_from.day == 1) and (date_to is None or (date_to + timedelta(days=1)).day == 1)


def _dyad_months(con, source, target, by: str, date_from, date_to) -> list[dict]:
    """The same series between two countries from the monthly dyad table (migration 0005), which
    the corpus layer keeps up to date: countries x countries x months rows at most, read instead of
    every occurrence."""
    w = _Where()
    for prefix, code in (("source", source), ("target", target)):
        if code:
            w.add(f"{prefix}_country = ?", parse_code(code)[0])
    w.dates("month", date_from, date_to)
    sums = ", ".join(f"CAST(sum({n}) AS BIGINT) AS {n}" for n in QUAD_NAMES.values())
    sql = (f"SELECT CAST(date_trunc('{by}', month) AS DATE) AS period, CAST(sum(events) AS BIGINT) AS events, "
           f"CAST(sum(goldstein_sum) AS DOUBLE) AS goldstein_sum, {sums} FROM dyad_months{w.sql()} "
           "GROUP BY 1 ORDER BY 1")
    return _rows(con, sql, w.params)


def actors(store, *, top: int = 20, q: str | None = None, country: str | None = None, date_from=None,
           date_to=None, unit: str = "occurrences") -> list[dict]:
    """The most active actor codes, with their events as source and as target, and the name most
    often used for them. ``q``: a code or name prefix; ``country``: only that country's actors."""
    w = _Where()
    w.dates("date", date_from, date_to)
    if country:
        w.add("country = ?", parse_code(country)[0])
    sides = (f"SELECT u.date, u.source_country AS country, u.source_sector AS sector, 1 AS s, 0 AS t "
             f"FROM {_UNIT_FROM[_unit(unit)]} UNION ALL "
             f"SELECT u.date, u.target_country, u.target_sector, 0, 1 FROM {_UNIT_FROM[unit]}")
    w.add("country IS NOT NULL")
    sql = (f"SELECT country || coalesce(sector, '') AS code, country, sector, sum(s) AS as_source, "
           f"sum(t) AS as_target, count(*) AS events FROM ({sides}){w.sql()} GROUP BY ALL")
    params = w.params
    if q:
        sql = (f"SELECT * FROM ({sql}) WHERE code ILIKE ? || '%' OR code IN (SELECT x.country || "
               "coalesce(x.sector, '') FROM actors x WHERE x.name ILIKE '%' || ? || '%')")
        params = [*params, q, q]
    rows = _rows(_con(store), f"{sql} ORDER BY events DESC, code LIMIT ?", [*params, _limit(top)])
    names = dict(_con(store).execute(
        "SELECT code, arg_max(name, n) FROM (SELECT country || coalesce(sector, '') AS code, name, count(*) AS n "
        "FROM actors WHERE country || coalesce(sector, '') IN (SELECT unnest(?)) GROUP BY ALL) GROUP BY code",
        [[r["code"] for r in rows]]).fetchall()) if rows else {}
    for r in rows:
        r["name"] = names.get(r["code"])
    return rows


def network(store, *, date_from=None, date_to=None, min_weight: int = 1, unit: str = "occurrences") -> list[dict]:
    """Country-to-country edges: how many events each source country directed at each target
    country, with their Goldstein sum and mean."""
    w = _Where()
    w.add("u.source_country IS NOT NULL")
    w.add("u.target_country IS NOT NULL")
    w.add("u.source_country <> u.target_country")
    w.dates("u.date", date_from, date_to)
    sql = (f"SELECT u.source_country AS source, u.target_country AS target, count(*) AS weight, "
           f"coalesce(sum(u.goldstein), 0) AS goldstein_sum, avg(u.goldstein) AS goldstein_mean "
           f"FROM {_UNIT_FROM[_unit(unit)]}{w.sql()} GROUP BY 1, 2 HAVING count(*) >= ? "
           "ORDER BY weight DESC, source, target")
    return _rows(_con(store), sql, [*w.params, int(min_weight)])


def quotes(store, *, speaker: str | None = None, text: str | None = None, limit: int = 100,
           offset: int = 0) -> list[dict]:
    """Quotes whose speaker's name (or words) contains SPEAKER, and whose text contains every
    word of TEXT (case-insensitive)."""
    w = _Where()
    if speaker:
        w.add("(q.speaker_name ILIKE '%' || ? || '%' OR q.speaker_text ILIKE '%' || ? || '%')", speaker, speaker)
    for word in (text or "").split():
        w.add("q.text ILIKE '%' || ? || '%'", word)
    sql = ("SELECT q.article_id, q.quote_id, a.date, a.source AS outlet, coalesce(q.speaker_name, q.speaker_text) "
           "AS speaker, q.kind, q.text, a.title, a.url, d.duplicate_of FROM quotes q "
           "JOIN articles a ON a.id = q.article_id LEFT JOIN duplicates d ON d.article_id = q.article_id"
           f"{w.sql()} ORDER BY a.date, q.article_id, q.start LIMIT ? OFFSET ?")
    return _rows(_con(store), sql, [*w.params, _limit(limit), int(offset)])


def articles(store, *, q: str | None = None, date_from=None, date_to=None, source: str | None = None,
             language: str | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
    """Articles (copies included, with the article they copy) whose title or text contains every
    word of ``q``."""
    w = _Where()
    for word in (q or "").split():
        w.add("(a.title ILIKE '%' || ? || '%' OR a.text ILIKE '%' || ? || '%')", word, word)
    w.dates("a.date", date_from, date_to)
    if source:
        w.add("a.source = ?", source)
    if language:
        w.add("a.language = ?", language)
    sql = ("SELECT a.id, a.date, a.title, a.source AS outlet, a.url, a.language, length(a.text) AS chars, "
           "d.duplicate_of, d.similarity FROM articles a LEFT JOIN duplicates d ON d.article_id = a.id"
           f"{w.sql()} ORDER BY a.date, a.id LIMIT ? OFFSET ?")
    return _rows(_con(store), sql, [*w.params, _limit(limit), int(offset)])


def article(store, article_id: str) -> dict | None:
    """The full record of one article (its own schema version), or None."""
    row = next(iter(_con(store).execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchall()), None)
    return json.loads(row[0]) if row else None


def duplicates(store, article_id: str) -> list[dict]:
    """The cluster of copies an article belongs to: every member with its similarity to the first."""
    con = _con(store)
    row = con.execute("SELECT coalesce((SELECT duplicate_of FROM duplicates WHERE article_id = ?), ?)",
                      [article_id, article_id]).fetchall()[0]
    return _rows(con, "SELECT a.id, a.date, a.source AS outlet, a.title, d.similarity FROM articles a "
                      "LEFT JOIN duplicates d ON d.article_id = a.id WHERE a.id = ? OR d.duplicate_of = ? "
                      "ORDER BY a.date, a.id", [row[0], row[0]])


def _unit(unit: str) -> str:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    return unit


def event_places(store, *, date_from=None, date_to=None, limit: int = 500) -> list[dict]:
    """Places where events happened, with coordinates and how many events each holds (for a map)."""
    w = _Where()
    w.add("pl.lat IS NOT NULL AND pl.lon IS NOT NULL")
    w.dates(_MENTION_DATE, date_from, date_to)
    sql = ("SELECT pl.name, pl.country, round(pl.lat, 4) AS lat, round(pl.lon, 4) AS lon, count(*) AS events "
           "FROM events e JOIN articles a ON a.id = e.article_id "
           "JOIN places pl ON pl.article_id = e.article_id AND pl.place_id = e.location"
           f"{w.sql()} GROUP BY 1, 2, 3, 4 ORDER BY events DESC, pl.name LIMIT ?")
    return _rows(_con(store), sql, [*w.params, _limit(limit)])
