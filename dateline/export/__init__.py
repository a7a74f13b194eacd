"""Exports: dateline's own records (jsonl), PLOVER JSON, GDELT 2.0 tables, CSV and Parquet
tables, and the actor network as GraphML (docs/export.md).

``write`` works on any stream of records (the CLI, the store, a user's own); ``write_store``
adds what needs a store: the corpus layer's occurrences (GDELT events, the network) and the
tables. No text export writes "None", "nan" or "null" for a missing value: it is empty.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from ..record import Record
from . import gdelt

RECORD_FORMATS = ("jsonl", "plover", "gdelt")
STORE_FORMATS = ("csv", "parquet", "graphml")
# Tables partitioned by year and month (hive style) in the Parquet export, by the date an analyst
# filters on: the article's, the event's own day (else its article's), the occurrence's.
PARTITIONED = {
    "articles": "SELECT *, date AS _d FROM articles",
    "events": "SELECT e.*, coalesce(try_cast(substr(e.date_value, 1, 10) AS DATE), a.date) AS _d "
              "FROM events e JOIN articles a ON a.id = e.article_id",
    "occurrences": "SELECT *, date AS _d FROM occurrences",
}


def plover_records(rec: Record) -> list[dict]:
    """PLOVER JSON of each event, with the fields of dateline.article/3 PLOVER has no place for:
    the article's ``language``, each side's ``country_from``, and ``pair`` (the id of the other
    direction of a two-sided event)."""
    from ..ontology import to_plover

    out = []
    for e in rec.events:
        p = to_plover(e, rec)
        if rec.article.language:
            p["language"] = rec.article.language
        for key, ref in (("actor", e.source), ("recipient", e.target)):
            if ref is not None and ref.country_from and p.get(key):
                p[key][0]["country_from"] = ref.country_from
        if e.pair:
            p["pair"] = f"{rec.article.id}-{e.pair}"
        out.append(p)
    return out


def write(records: Iterable[Record | dict], fmt: str, out_dir: str | Path) -> list[Path]:
    """Write records as ``articles.jsonl``, ``events.plover.jsonl``, or ``events.gdelt.tsv`` with
    ``mentions.gdelt.tsv`` (each event its own GDELT event)."""
    if fmt not in RECORD_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(RECORD_FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    recs = (r if isinstance(r, Record) else Record.from_dict(r) for r in records)
    if fmt == "gdelt":
        pairs = (gdelt.record_rows(r) for r in recs)
        events, mentions = [], []
        for ev, me in pairs:
            events += ev
            mentions += me
        return _gdelt_files(out, events, mentions)
    path = out / ("articles.jsonl" if fmt == "jsonl" else "events.plover.jsonl")
    with path.open("w", encoding="utf-8", newline="") as f:
        for rec in recs:
            for item in [rec.to_dict()] if fmt == "jsonl" else plover_records(rec):
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
    return [path]


def write_store(con, records: Callable[[], Iterable[dict]], fmt: str, out_dir: str | Path,
                tables: Iterable[str]) -> list[Path]:
    """Write a store (its DuckDB connection; ``records`` gives its records) in any format."""
    out = Path(out_dir)
    if fmt == "gdelt":
        out.mkdir(parents=True, exist_ok=True)
        return _gdelt_files(out, (gdelt.event_row(o) for o in _dicts(con, gdelt.STORE_OCCURRENCES)),
                            (gdelt.mention_row(m) for m in _dicts(con, gdelt.STORE_MENTIONS)))
    if fmt in RECORD_FORMATS:
        return write(records(), fmt, out)
    if fmt not in STORE_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from "
                         f"{', '.join(RECORD_FORMATS + STORE_FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        return [write_graphml(con, out / "network.graphml")]
    paths = []
    for table in tables:
        if fmt == "parquet" and table in PARTITIONED:
            path = out / table  # year=2026/month=1/data_0.parquet; no date: __HIVE_DEFAULT_PARTITION__
            con.execute(f"COPY (SELECT * EXCLUDE (_d), year(_d) AS year, month(_d) AS month FROM "
                        f"({PARTITIONED[table]})) TO '{_sql_str(path)}' "
                        "(FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)")
            paths.append(path)
            continue
        path = out / f"{table}.{fmt}"
        option = "(FORMAT parquet)" if fmt == "parquet" else "(HEADER, DELIMITER ',')"
        con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql_str(path)}' {option}")
        paths.append(path)
    return paths


def write_graphml(con, path: Path, **filters) -> Path:
    """The country network (occurrences, ``dateline.store.queries.network``) as GraphML: a node per
    country with its events as source and as target, an edge per direction with its weight and
    Goldstein sum and mean."""
    import networkx as nx

    from ..store import queries

    g = nx.DiGraph()
    for e in queries.network(con, **filters):
        for node in (e["source"], e["target"]):
            if node not in g:
                g.add_node(node, label=node, as_source=0, as_target=0)
        g.nodes[e["source"]]["as_source"] += e["weight"]
        g.nodes[e["target"]]["as_target"] += e["weight"]
        attrs = {"weight": e["weight"], "goldstein_sum": float(e["goldstein_sum"])}
        if e["goldstein_mean"] is not None:
            attrs["goldstein_mean"] = float(e["goldstein_mean"])
        g.add_edge(e["source"], e["target"], **attrs)
    nx.write_graphml(g, path)
    return path


def _dicts(con, sql: str) -> Iterable[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(10_000):
        yield from (dict(zip(names, r, strict=True)) for r in batch)


def _gdelt_files(out: Path, events: Iterable[list], mentions: Iterable[list]) -> list[Path]:
    paths = []
    for name, header, rows in (("events.gdelt.tsv", gdelt.EVENT_COLUMNS + gdelt.EVENT_EXTRA, events),
                               ("mentions.gdelt.tsv", gdelt.MENTION_COLUMNS + gdelt.MENTION_EXTRA, mentions)):
        path = out / name
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write("\t".join(header) + "\n")
            for row in rows:
                f.write("\t".join(_tsv(v) for v in row) + "\n")
        paths.append(path)
    return paths


def _tsv(v) -> str:
    """A field as text: empty for a missing value, never "None" or "nan"."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, date):
        return v.isoformat()
    return str(v).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")
