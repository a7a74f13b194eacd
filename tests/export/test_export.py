"""Exports of a store: GDELT 2.0 tables read by pandas, hive-partitioned Parquet, GraphML, and no
"None"/"nan"/"null" in any text field."""

import csv
import json

import networkx as nx
import pandas as pd
import pyarrow.dataset as ds
import pytest
from corpus_records import stories

from dateline.export import gdelt
from dateline.store import Store, Stored

EMPTY_WORDS = {"None", "none", "nan", "NaN", "null", "NULL"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    recs = stories()
    recs[0].article.language = "en"
    recs[0].events[0].source.country_from = "mention"
    path = tmp_path_factory.mktemp("x") / "s.duckdb"
    with Store(path) as s:
        s.write_batch([Stored(r) for r in recs])
    with Store(path, read_only=True) as s:
        yield s


def test_gdelt_tables_have_gdelt_columns_in_order_and_pandas_reads_them(store, tmp_path):
    events_path, mentions_path = store.export("gdelt", tmp_path)
    assert len(gdelt.EVENT_COLUMNS) == 61 and len(gdelt.MENTION_COLUMNS) == 16
    ev = pd.read_csv(events_path, sep="\t", dtype={"Day": str, "EventCode": str})
    assert list(ev.columns[:61]) == list(gdelt.EVENT_COLUMNS)
    assert list(ev.columns[:3]) == ["GlobalEventID", "Day", "MonthYear"] and ev.columns[60] == "SOURCEURL"
    assert len(ev) == store.con.execute("SELECT count(*) FROM occurrences").fetchone()[0]
    tokyo = ev[ev["ActionGeo_FullName"] == "Tokyo"].iloc[0]
    assert (tokyo["Day"], tokyo["EventCode"], tokyo["Actor1Code"], tokyo["Actor2CountryCode"]) == \
        ("20260105", "040", "CHNGOV", "JPN")
    assert (tokyo["NumMentions"], tokyo["NumArticles"], tokyo["NumSources"], tokyo["NumCopies"]) == (2, 2, 2, 1)
    assert tokyo["MonthYear"] == 202601 and tokyo["Year"] == 2026 and tokyo["ActionGeo_Type"] == 4
    assert pd.isna(tokyo["AvgTone"]) and tokyo["DATEADDED"] == 20260106000000
    me = pd.read_csv(mentions_path, sep="\t")
    assert list(me.columns[:16]) == list(gdelt.MENTION_COLUMNS)
    assert len(me) == 8 and set(me["GlobalEventID"]) == set(ev["GlobalEventID"])
    first = me[me["Language"] == "en"].iloc[0]
    assert first["Actor1CountryFrom"] == "mention" and first["Confidence"] == 90
    assert me["Pair"].notna().sum() == 2 and me["DuplicateOf"].notna().sum() == 1


def test_parquet_is_partitioned_by_year_and_month(store, tmp_path):
    store.export("parquet", tmp_path)
    for table, n in (("articles", 7), ("events", 8), ("occurrences", 5)):
        t = ds.dataset(tmp_path / table, partitioning="hive").to_table()
        assert t.num_rows == n and {"year", "month"} <= set(t.column_names) and "_d" not in t.column_names
    assert sorted(p.name for p in (tmp_path / "events").iterdir()) == ["year=2026"]
    assert sorted(p.name for p in (tmp_path / "events" / "year=2026").iterdir()) == ["month=1", "month=2"]
    assert (tmp_path / "duplicates.parquet").exists()


def test_graphml_is_the_country_network(store, tmp_path):
    (path,) = store.export("graphml", tmp_path)
    g = nx.read_graphml(path)
    assert g.is_directed() and g["CHN"]["JPN"]["weight"] == 2 and g.nodes["JPN"]["as_target"] == 3


def test_no_text_export_writes_a_missing_value_as_a_word(store, tmp_path):
    files = [*store.export("csv", tmp_path / "c"), *store.export("gdelt", tmp_path / "g")]
    for path in files:
        delim = "\t" if path.suffix == ".tsv" else ","
        with path.open(newline="") as f:
            rows = list(csv.reader(f, delimiter=delim))
        cells = {c for r in rows for c in r}
        assert not cells & EMPTY_WORDS, path.name
    (plover,) = store.export("plover", tmp_path / "p")
    for line in plover.read_text().splitlines():
        assert not {v for v in json.loads(line).values() if isinstance(v, str)} & EMPTY_WORDS


def test_plover_records_carry_language_country_from_and_pair(store, tmp_path):
    (plover,) = store.export("plover", tmp_path)
    recs = [json.loads(x) for x in plover.read_text().splitlines()]
    first = [r for r in recs if r.get("language") == "en"]
    assert first and first[0]["actor"][0]["country_from"] == "mention"
    pairs = [r for r in recs if "pair" in r]
    assert len(pairs) == 2 and {r["pair"] for r in pairs} == {r["id"] for r in pairs}
