"""The query functions (dateline.store.queries) and the `dateline query` command over them."""

import csv
import io
import json
from datetime import date

import pytest
from corpus_records import stories, stories_store
from typer.testing import CliRunner

from dateline.cli import app
from dateline.store import Store, Stored, queries


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return stories_store(tmp_path_factory.mktemp("q") / "s.duckdb")


@pytest.fixture
def store(db):
    with Store(db, read_only=True) as s:
        yield s


def test_events_mentions_and_occurrences_with_filters(store):
    mentions = queries.events(store, type="consult")
    assert len(mentions) == 4 and {m["source"] for m in mentions} == {"CHNGOV"}
    assert sum(m["duplicate_of"] is not None for m in mentions) == 1
    assert [m["outlet"] for m in queries.events(store, source="CHN", target="JPNGOV", date_from="2026-01-09")] \
        == ["NHK"]
    occ = queries.events(store, type="CONSULT", occurrences=True, sort="mentions")
    assert [(o["num_mentions"], o["place"]) for o in occ] == [(2, "Tokyo"), (1, "Japanese capital")]
    assert queries.events(store, country="KOR", occurrences=True)[0]["two_sided"] is True
    for src, tgt in (("KORGOV", "JPN"), ("JPN", "KOR")):  # a two-sided occurrence matches either way round
        assert [o["type"] for o in queries.events(store, source=src, target=tgt, occurrences=True)] == ["AGREE"]
        assert [r["events"] for r in queries.dyad(store, src, tgt)] == [1]
    assert queries.events(store, source="KOR", target="CHN", occurrences=True) == []
    assert queries.events(store, status="negated") == []
    assert len(queries.events(store, min_confidence=0.95)) == 0
    assert len(queries.events(store, limit=2)) == 2 and len(queries.events(store, limit=2, offset=7)) == 1
    with pytest.raises(ValueError):
        queries.events(store, source="C1")


def test_an_occurrence_lists_its_mentions(store):
    (top,) = queries.events(store, type="CONSULT", occurrences=True, sort="mentions", limit=1)
    occ = queries.occurrence(store, top["id"])
    assert [m["outlet"] for m in occ["mentions"]] == ["AP", "Daily Star", "NHK"]
    assert [m["duplicate_of"] is not None for m in occ["mentions"]] == [False, True, False]
    assert queries.occurrence(store, 12345) is None


def test_dyad_series_counts_occurrences_or_mentions(store):
    series = queries.dyad(store, "CHNGOV", "JPN", by="month")
    assert series == [{"period": date(2026, 1, 1), "events": 2, "goldstein_sum": 2.0, "verbal_coop": 2,
                       "material_coop": 0, "verbal_conflict": 0, "material_conflict": 0}]
    assert [r["events"] for r in queries.dyad(store, "CHN", "JPN", by="month", unit="mentions")] == [4]
    weeks = queries.dyad(store, "CHN", "JPN", by="week", date_from="2026-01-03")
    assert [(str(r["period"]), r["events"]) for r in weeks] == [("2026-01-05", 1)]
    with pytest.raises(ValueError):
        queries.dyad(store, "CHN", "JPN", by="fortnight")


def test_the_monthly_dyad_table_gives_the_series_the_occurrences_give(store, db, tmp_path):
    from collections import Counter

    for src, tgt in (("CHN", "JPN"), ("CHNGOV", "JPNGOV"), ("JPN", "KOR"), ("KOR", "JPN"), ("JPN", None)):
        fast = queries.dyad(store, src, tgt, by="month")  # from dyad_months
        days = queries.dyad(store, src, tgt, by="day")  # from the occurrences themselves
        months = Counter()
        for r in days:
            months[r["period"].replace(day=1)] += r["events"]
        assert {r["period"]: r["events"] for r in fast} == dict(months), (src, tgt)
    # not whole months: counted from the occurrences (the Reuters report's range starts on the 2nd)
    assert [r["events"] for r in queries.dyad(store, "CHN", "JPN", by="month", date_from="2026-01-05")] == [1]
    assert [r["events"] for r in queries.dyad(store, "CHN", "JPN", by="month", date_from="2026-01-01")] == [2]
    # migration 0005 fills the table from the occurrences a store already has
    old = tmp_path / "old.duckdb"
    with Store(old) as s:
        s.write_batch([Stored(r) for r in stories()])
        s.con.execute("DROP TABLE dyad_months")
        s.con.execute("DELETE FROM _migrations WHERE name = '0005_corpus_dyads'")
    with Store(old) as s:
        assert sorted(s.con.execute("SELECT * FROM dyad_months").fetchall()) == \
            sorted(store.con.execute("SELECT * FROM dyad_months").fetchall())


def test_actors_network_quotes_articles(store):
    top = queries.actors(store, top=2)
    # the two-sided deal counts both ways: JPNGOV is its source and its target
    assert top[0]["code"] == "JPNGOV" and top[0]["as_target"] == 3 and top[0]["as_source"] == 1
    assert [a["code"] for a in queries.actors(store, country="JPN")] == ["JPNGOV", "JPNCVL"]
    edges = {(e["source"], e["target"]): e["weight"] for e in queries.network(store)}
    assert edges == {("CHN", "JPN"): 2, ("JPN", "KOR"): 1, ("KOR", "JPN"): 1}
    assert queries.network(store, min_weight=2) == [{"source": "CHN", "target": "JPN", "weight": 2,
                                                     "goldstein_sum": 2.0, "goldstein_mean": 1.0}]
    assert queries.quotes(store, speaker="nobody") == []
    found = queries.articles(store, q="protesters port")
    assert [a["title"][:10] for a in found] == ["Protesters", "Protesters"]
    copies = queries.duplicates(store, found[0]["id"])
    assert len(copies) == 1
    wire = queries.articles(store, source="Daily Star")[0]
    assert [c["outlet"] for c in queries.duplicates(store, wire["id"])] == ["AP", "Daily Star"]
    assert queries.article(store, wire["id"])["article"]["source"] == "Daily Star"


def _run(*args):
    result = CliRunner().invoke(app, ["query", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_query_command_prints_tables_that_fit_80_columns_and_plain_csv_and_json(db):
    for args in (["events"], ["events", "--occurrences"], ["dyad", "CHN", "JPN", "--by", "week"],
                 ["actors"], ["network"], ["quotes", "--text", "anything"]):
        out = _run(*args, "--db", str(db))
        assert max(len(line) for line in out.splitlines()) <= 80, out
    rows = list(csv.DictReader(io.StringIO(_run("events", "--db", str(db), "--format", "csv"))))
    assert len(rows) == 8 and rows[0]["type"]
    cells = [v for r in rows for v in r.values()]
    assert not {"None", "nan", "null", "NaN"} & set(cells) and "" in cells
    occ = json.loads(_run("events", "--occurrences", "--db", str(db), "--format", "json"))
    assert {o["type"] for o in occ} == {"CONSULT", "PROTEST", "AGREE"} and occ[0]["date"] == "2026-01-02"
    bad = CliRunner().invoke(app, ["query", "dyad", "C", "JPN", "--db", str(db)])
    assert bad.exit_code == 2 and "actor code" in bad.output
