"""Occurrences: the events of many articles that report one thing that happened, merged.

Two mention events report the same occurrence when they have the same PLOVER type and status
class, the same source and target (country and sector), compatible dates and, where both name
one, the same place. Compatibility is not transitive (Monday ~ "last week" ~ the Friday before),
so the merge is anchored on what the reports pin down:

* every mention gets the days its date allows: one day ("on Monday"), a stated week or month,
  or, when the article dates nothing, the week up to the article's date; a date vaguer than a
  month ("in 2019") merges with nothing;
* a mention dated to one day with a place is its own anchor: (day, place);
* any other mention joins the anchor in its days with the most day-dated mentions (a placed
  mention only an anchor of its place; a placeless one prefers a placed anchor), ties to the
  earliest day; with no anchor in reach it is keyed by its own days and place.

The occurrence is a hash of that key, so it is the same whatever order the articles came in, and
re-ingesting changes nothing. A new mention can only move mentions whose days include its day,
so each ingest re-decides those and nothing else. The two directions of a two-sided event
(``Event.pair``) share the key with source and target in sorted order: one occurrence.

Counts treat a cluster of copies (``duplicates``) as one article: per cluster, only its first
article that reports the occurrence counts; the others are ``num_copies``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

import pyarrow as pa

FACTUAL = ("asserted", "reported")  # statuses that report something done: one status class
# Types whose occurrence has no direction: "X met Y", "Y hosted X" and "X and Y held talks" are one
# meeting (the stored direction is the one most reports give).
UNDIRECTED = ("CONSULT",)
ARTICLE_WINDOW = 6  # days before the article's date an undated report may be about

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_COLUMNS = ("article_id", "event_id", "occurrence_id", "group_key", "lo", "hi", "place_key")


def days(value: str | None, from_: str | None, article_date: date | None) -> tuple[date, date] | None:
    """The first and last day a mention's date allows, or None when it cannot merge."""
    try:
        if from_ != "text" or not value:
            return (article_date - timedelta(days=ARTICLE_WINDOW), article_date) if article_date else None
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return (monday + timedelta(days=5), monday + timedelta(days=6)) if m[3] else \
                (monday, monday + timedelta(days=6))
        if m := _MONTH.match(value):
            first = date(int(m[1]), int(m[2]), 1)
            return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    except ValueError:  # an impossible date from the text: treat as vague
        return None
    return None


def _code(country, sector) -> str:
    return f"{country or ''}|{sector or ''}"


def group_key(type_, status, source, target, paired: bool) -> str:
    """type|status class|source country|sector|target country|sector; a pair, or an undirected
    type, in sorted order."""
    if paired or type_ in UNDIRECTED:
        source, target = sorted((source, target))
    return "|".join((type_ or "", "asserted" if status in FACTUAL else status or "", source, target))


def place_key(geonames_id, name, country, feature=None) -> str:
    """The place two reports must share; a whole country is no place ("in Argentina" does not
    keep a report from the one that says Buenos Aires)."""
    if feature == "country":
        return ""
    if geonames_id is not None:
        return f"gn:{geonames_id}"
    return f"{(name or '').lower()}|{country or ''}" if name else ""


def occurrence_id(key: str) -> int:
    """53 bits of a hash: unique in practice, and exact as a JavaScript number."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") >> 11


def _facts(con, ids: list[str]) -> list[tuple]:
    """occurrence_mentions rows (occurrence 0: not yet decided) for the events of these articles."""
    rows = con.execute(
        "SELECT e.article_id, e.event_id, e.type, e.status, e.source_country, e.source_sector, "
        "e.target_country, e.target_sector, e.pair_id, e.date_value, e.date_from, a.date, "
        "p.geonames_id, p.name, p.country, p.feature FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.location "
        "WHERE e.article_id IN (SELECT unnest(?))", [ids]).fetchall()
    out = []
    for aid, eid, typ, status, sc, ss, tc, ts, pair, value, from_, adate, gid, pname, pcountry, feat in rows:
        g = group_key(typ, status, _code(sc, ss), _code(tc, ts), pair is not None)
        span = days(value, from_, adate)
        lo, hi = span if span else (None, None)
        out.append((aid, eid, 0, g, lo, hi, place_key(gid, pname, pcountry, feat)))
    return out


def _rows_table(rows: list[tuple]) -> pa.Table:
    cols = list(zip(*rows, strict=True)) if rows else [[] for _ in _COLUMNS]
    types = (pa.string(), pa.string(), pa.int64(), pa.string(), pa.date32(), pa.date32(), pa.string())
    return pa.table({n: pa.array(c, type=t) for n, c, t in zip(_COLUMNS, cols, types, strict=True)})


def _decide(mention: tuple, support: dict) -> str:
    """The occurrence key of one mention, given the day-dated mentions of its group
    (support: (group, day) -> {place: count})."""
    aid, eid, _, g, lo, hi, pk = mention
    if lo is None:
        return f"{g}|own|{aid}|{eid}"
    if lo == hi and pk:
        return f"{g}|{lo}|{lo}|{pk}"
    best = None  # (-count, day, place)
    d = lo
    while d <= hi:
        for place, n in support.get((g, d), {}).items():
            if pk and place != pk:
                continue
            rank = (0 if pk or place else 1, -n, d, place)  # a placeless mention prefers a placed anchor
            if best is None or rank < best:
                best = rank
        d += timedelta(days=1)
    if best is None:
        return f"{g}|{lo}|{hi}|{pk}"
    return f"{g}|{best[2]}|{best[2]}|{best[3]}"


def add(con, ids: list[str], duplicates_changed: set[str] = frozenset()) -> set[int]:
    """Link the events of newly stored articles to occurrences, re-decide the mentions they may
    move, and rewrite every occurrence touched (also those of articles whose duplicate cluster
    changed). Returns the touched occurrence ids."""
    new = _facts(con, ids) if ids else []
    if new:
        con.register("_new_mentions", _rows_table(new))
        con.execute("INSERT INTO occurrence_mentions SELECT * FROM _new_mentions")
        con.unregister("_new_mentions")
    anchors = sorted({(m[3], m[4]) for m in new if m[4] is not None and m[4] == m[5]})
    candidates = {(m[0], m[1]): m for m in new}
    if anchors:
        con.register("_anchors", pa.table({"g": [a for a, _ in anchors], "d": pa.array([d for _, d in anchors],
                                                                                         type=pa.date32())}))
        for row in con.execute(
                "SELECT DISTINCT m.* FROM occurrence_mentions m JOIN _anchors a ON m.group_key = a.g "
                "AND m.lo <= a.d AND m.hi >= a.d WHERE NOT (m.lo = m.hi AND m.place_key <> '')").fetchall():
            candidates.setdefault((row[0], row[1]), row)
        con.unregister("_anchors")
    touched: set[int] = set()
    if candidates:
        touched |= _assign(con, list(candidates.values()))
    if duplicates_changed:
        touched |= {r[0] for r in con.execute(
            "SELECT DISTINCT occurrence_id FROM occurrence_mentions WHERE article_id IN (SELECT unnest(?))",
            [list(duplicates_changed)]).fetchall()}
    touched.discard(0)
    aggregate(con, touched)
    return touched


def _assign(con, mentions: list[tuple]) -> set[int]:
    spans: dict[str, tuple[date, date]] = {}
    for m in mentions:
        if m[4] is not None:
            lo, hi = spans.get(m[3], (m[4], m[5]))
            spans[m[3]] = (min(lo, m[4]), max(hi, m[5]))
    support: dict = {}
    if spans:
        con.register("_spans", pa.table({"g": list(spans), "lo": pa.array([s[0] for s in spans.values()],
                                                                           type=pa.date32()),
                                         "hi": pa.array([s[1] for s in spans.values()], type=pa.date32())}))
        for g, d, place, n in con.execute(
                "SELECT m.group_key, m.lo, m.place_key, count(*) FROM occurrence_mentions m JOIN _spans s "
                "ON m.group_key = s.g AND m.lo BETWEEN s.lo AND s.hi WHERE m.lo = m.hi GROUP BY ALL").fetchall():
            support.setdefault((g, d), {})[place] = n
        con.unregister("_spans")
    changed, touched = [], set()
    for m in mentions:
        occ = occurrence_id(_decide(m, support))
        if occ != m[2]:
            changed.append((m[0], m[1], occ))
            touched |= {occ, m[2]}
    if changed:
        con.register("_moves", pa.table({"a": [c[0] for c in changed], "e": [c[1] for c in changed],
                                         "o": pa.array([c[2] for c in changed], type=pa.int64())}))
        con.execute("UPDATE occurrence_mentions SET occurrence_id = _moves.o FROM _moves "
                    "WHERE occurrence_mentions.article_id = _moves.a AND occurrence_mentions.event_id = _moves.e")
        con.unregister("_moves")
    return touched


_AGGREGATE = """
WITH m AS (
    SELECT om.occurrence_id AS id, om.article_id, om.event_id, om.group_key, om.lo, om.hi, om.place_key,
           e.cameo, e.quad_class, e.goldstein, e.confidence, e.pair_id, e.sentence_start, e.headline,
           e.source_country AS e_sc, e.source_sector AS e_ss, e.target_country AS e_tc, e.target_sector AS e_ts,
           a.date AS adate, a.source AS asource, coalesce(d.duplicate_of, om.article_id) AS cluster,
           p.name AS pname, p.country AS pcountry, p.lat, p.lon, p.feature
    FROM occurrence_mentions om
    JOIN events e ON e.article_id = om.article_id AND e.event_id = om.event_id
    JOIN articles a ON a.id = om.article_id
    LEFT JOIN duplicates d ON d.article_id = om.article_id
    LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.location
    WHERE om.occurrence_id IN (SELECT id FROM _touched)
),
counted AS (  -- per cluster of copies, its first article that reports the occurrence
    SELECT id, cluster, arg_min(article_id, coalesce(CAST(adate AS VARCHAR), '9999') || article_id) AS article_id
    FROM m GROUP BY id, cluster
),
c AS (SELECT m.* FROM m JOIN counted USING (id, article_id)),
everyone AS (SELECT id, count(DISTINCT article_id) AS n, min(adate) AS first, max(adate) AS last FROM m GROUP BY id),
dirs AS (  -- the direction most reports give (an undirected type's or a pair's key is sorted)
    SELECT id, arg_min([sc, ss, tc, ts], lpad(CAST(1000000 - n AS VARCHAR), 7, '0')
                       || concat_ws('|', coalesce(sc, ''), coalesce(ss, ''), coalesce(tc, ''), coalesce(ts, '')))
           AS codes
    FROM (SELECT id, e_sc AS sc, e_ss AS ss, e_tc AS tc, e_ts AS ts, count(*) AS n FROM c GROUP BY ALL) GROUP BY id
),
cameos AS (
    SELECT id, arg_min(cameo, lpad(CAST(1000000 - n AS VARCHAR), 7, '0') || cameo) AS cameo
    FROM (SELECT id, cameo, count(*) AS n FROM c WHERE cameo IS NOT NULL GROUP BY ALL) GROUP BY id
)
SELECT c.id,
       split_part(any_value(c.group_key), '|', 1), split_part(any_value(c.group_key), '|', 2),
       any_value(cameos.cameo),
       arg_min(c.quad_class, c.cameo <> coalesce(cameos.cameo, '')),
       any_value(dirs.codes)[1], any_value(dirs.codes)[2], any_value(dirs.codes)[3], any_value(dirs.codes)[4],
       bool_or(c.pair_id IS NOT NULL),
       arg_min(c.lo, [datediff('day', c.lo, c.hi), epoch(c.lo)]),
       arg_min(c.hi, [datediff('day', c.lo, c.hi), epoch(c.lo)]),
       arg_min(c.pname, c.article_id || c.event_id) FILTER (WHERE c.place_key <> ''),
       arg_min(c.pcountry, c.article_id || c.event_id) FILTER (WHERE c.place_key <> ''),
       arg_min(c.lat, c.article_id || c.event_id) FILTER (WHERE c.place_key <> ''),
       arg_min(c.lon, c.article_id || c.event_id) FILTER (WHERE c.place_key <> ''),
       arg_min(c.feature, c.article_id || c.event_id) FILTER (WHERE c.place_key <> ''),
       count(DISTINCT c.article_id || '/' || least(c.event_id, coalesce(c.pair_id, c.event_id))),
       count(DISTINCT c.article_id), count(DISTINCT c.asource),
       any_value(everyone.n) - count(DISTINCT c.article_id), any_value(everyone.first), any_value(everyone.last),
       avg(c.goldstein), avg(c.confidence), bool_or(c.sentence_start = 0 OR coalesce(c.headline, false))
FROM c LEFT JOIN cameos ON cameos.id = c.id JOIN everyone ON everyone.id = c.id JOIN dirs ON dirs.id = c.id
GROUP BY c.id
"""


# An occurrence's contribution to dyad_months (migration 0005): a two-sided one in both directions.
_DYAD_ROWS = """
SELECT coalesce({a}_country, '') AS sc, coalesce({b}_country, '') AS tc, CAST(date_trunc('month', date) AS DATE) AS month, CAST(round(goldstein, 6) AS DECIMAL(38, 6)) AS g,
       quad_class AS q
FROM occurrences WHERE {which} AND date IS NOT NULL {only}
"""
_DYAD_SUMS = """
SELECT sc, tc, month, {sign} * count(*) AS events, {sign} * coalesce(sum(g), 0) AS g,
       {sign} * count(*) FILTER (WHERE q = 1) AS q1, {sign} * count(*) FILTER (WHERE q = 2) AS q2,
       {sign} * count(*) FILTER (WHERE q = 3) AS q3, {sign} * count(*) FILTER (WHERE q = 4) AS q4
FROM ({rows} UNION ALL {reversed}) GROUP BY ALL
"""
_KEYS = "d.source_country = x.sc AND d.target_country = x.tc AND d.month = x.month"


def _dyad_sums(sign: int, which: str = "id IN (SELECT id FROM _touched)") -> str:
    return _DYAD_SUMS.format(sign=sign, rows=_DYAD_ROWS.format(a="source", b="target", only="", which=which),
                             reversed=_DYAD_ROWS.format(a="target", b="source", only="AND two_sided", which=which))


def refill_dyad_months(con) -> None:
    """dyad_months from every occurrence (for occurrences written other than through ``aggregate``)."""
    con.execute("DELETE FROM dyad_months")
    con.execute(f"INSERT INTO dyad_months {_dyad_sums(1, 'true')}")


def aggregate(con, ids) -> None:
    """Rewrite the occurrences rows of these ids from their mentions (none left: the row goes),
    and move their counts in dyad_months from what they were to what they are."""
    ids = sorted(ids)
    if not ids:
        return
    con.register("_touched", pa.table({"id": pa.array(ids, type=pa.int64())}))
    con.execute(f"CREATE OR REPLACE TEMP TABLE _dyad_delta AS {_dyad_sums(-1)}")
    con.execute("DELETE FROM occurrences WHERE id IN (SELECT id FROM _touched)")
    con.execute(f"INSERT INTO occurrences {_AGGREGATE}")
    con.execute(f"INSERT INTO _dyad_delta {_dyad_sums(1)}")
    con.unregister("_touched")
    con.execute("CREATE OR REPLACE TEMP TABLE _dyad_net AS SELECT sc, tc, month, sum(events) AS events, "
                "sum(g) AS g, sum(q1) AS q1, sum(q2) AS q2, sum(q3) AS q3, sum(q4) AS q4 FROM _dyad_delta "
                "GROUP BY ALL HAVING sum(events) <> 0 OR sum(g) <> 0")
    con.execute("UPDATE dyad_months d SET events = d.events + x.events, goldstein_sum = d.goldstein_sum + x.g, "
                "verbal_coop = d.verbal_coop + x.q1, material_coop = d.material_coop + x.q2, "
                "verbal_conflict = d.verbal_conflict + x.q3, material_conflict = d.material_conflict + x.q4 "
                f"FROM _dyad_net x WHERE {_KEYS}")
    con.execute(f"INSERT INTO dyad_months SELECT x.* FROM _dyad_net x WHERE NOT EXISTS "
                f"(SELECT 1 FROM dyad_months d WHERE {_KEYS})")
    con.execute("DELETE FROM dyad_months WHERE events = 0")
    con.execute("DROP TABLE _dyad_delta")
    con.execute("DROP TABLE _dyad_net")


def rebuild(con) -> None:
    """Decide every mention again from scratch (the same answer ``add`` reaches step by step)."""
    for table in ("occurrence_mentions", "occurrences", "dyad_months"):
        con.execute(f"DELETE FROM {table}")
    ids = [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
    rows = _facts(con, ids)
    if rows:
        con.register("_new_mentions", _rows_table(rows))
        con.execute("INSERT INTO occurrence_mentions SELECT * FROM _new_mentions")
        con.unregister("_new_mentions")
        _assign(con, rows)
    aggregate(con, {r[0] for r in con.execute("SELECT DISTINCT occurrence_id FROM occurrence_mentions").fetchall()})
