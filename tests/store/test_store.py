"""The DuckDB store: migrations, idempotent ingest, crash and resume, exports."""

import json

import duckdb
import pyarrow.parquet as pq
from test_record import full_record, modded_record, quoted_record, version_1

import dateline.store as store_module
from dateline.readers import ReadError
from dateline.record import Span
from dateline.store import CORPUS_TABLES, TABLES, Store, Stored, migrations


def test_migrations_are_named_recorded_and_run_once(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        assert s.applied_migrations() == [name for name, _ in migrations()]
        assert s.migrate() == []
    with Store(db) as s:  # reopening applies nothing twice
        assert s.migrate() == []


def test_a_store_of_the_first_schema_upgrades_to_article_2_and_keeps_its_rows(tmp_path, monkeypatch):
    db = tmp_path / "old.duckdb"
    shipped = migrations()
    assert [n for n, _ in shipped][:2] == ["0001_initial", "0002_article_2"]
    monkeypatch.setattr(store_module, "migrations", lambda: shipped[:1])  # a dateline of /1 days
    old = version_1(full_record())
    with Store(db) as s:
        assert s.applied_migrations() == ["0001_initial"]
        q = full_record().quotes[0]
        s.con.execute("INSERT INTO articles (id, text, record) VALUES (?, ?, ?)",
                      [old["article"]["id"], old["article"]["text"], json.dumps(old)])
        s.con.execute("INSERT INTO quotes (article_id, quote_id, start, \"end\", text, kind, cue_text) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)", [old["article"]["id"], q.id, q.start, q.end, q.text, q.kind, "said"])
        s.con.execute("INSERT INTO events (article_id, event_id, type) VALUES (?, 'e1', 'CONSULT')",
                      [old["article"]["id"]])
    monkeypatch.undo()
    with Store(db) as s:
        assert s.applied_migrations() == ["0001_initial", "0002_article_2", "0003_article_3", "0004_corpus",
                                         "0005_corpus_dyads"]
        # the corpus layer catches up with the articles stored before it
        assert s.con.execute("SELECT count(*) FROM article_signatures").fetchone() == (1,)
        assert s.con.execute("SELECT type, num_mentions FROM occurrences").fetchall() == [("CONSULT", 1)]
        assert s.con.execute("SELECT quote_id, cue_text, addressee_text, medium_start FROM quotes").fetchall() \
            == [("q1", "said", None, None)]
        assert s.con.execute("SELECT event_id, type, quote_id FROM events").fetchall() == [("e1", "CONSULT", None)]
        assert s.con.execute("SELECT mod FROM timexes").fetchall() == []
        assert list(s.records()) == [old]  # the /1 record stays as it was stored
        assert s.write_batch([Stored(quoted_record())]) == 1  # and /2 records go in beside it
        assert s.con.execute("SELECT count(*) FROM quotes").fetchone() == (2,)
        (jl,) = s.export("jsonl", tmp_path / "j")
    assert {json.loads(x)["schema"] for x in jl.read_text().splitlines()} == \
        {"dateline.article/1", "dateline.article/3"}
    with Store(db) as s:
        assert s.migrate() == []


def test_the_article_2_columns_are_written(tmp_path):
    rec = quoted_record()
    with Store(tmp_path / "s.duckdb") as s:
        s.write_batch([Stored(rec)])
        assert s.con.execute("SELECT cue_text, addressee_start, addressee_end, addressee_text, medium_start, "
                             "medium_end, medium_text FROM quotes").fetchone() == \
            ("told", 39, 42, "AFP", 46, 57, "a statement")
        assert s.con.execute("SELECT event_id, quote_id FROM events").fetchone() == ("e1", "q1")
        assert list(s.records()) == [rec.to_dict()]
    modded = modded_record()
    with Store(tmp_path / "m.duckdb") as s:
        s.write_batch([Stored(modded)])
        assert s.con.execute("SELECT idx, text, value, mod FROM timexes ORDER BY idx").fetchall() == \
            [(0, "early 2027", "2027", "START"), (1, "more than two years", "P2Y", "MORE_THAN")]
        assert list(s.records()) == [modded.to_dict()]


def test_every_field_lands_and_the_same_article_is_stored_once(tmp_path):
    rec = full_record()
    with Store(tmp_path / "s.duckdb") as s:
        assert s.write_batch([Stored(rec, "f.txt", "raw input")], [ReadError("bad.txt", "empty file", "")]) == 1
        assert s.write_batch([Stored(rec, "f.txt", "raw input")]) == 0
        st = s.stats()
        assert {k: st[k] for k in TABLES} == {"articles": 1, "timexes": 1, "actors": 1, "actor_mentions": 1,
                                              "events": 1, "quotes": 1, "places": 1, "segments": 0, "stage_errors": 0,
                                                  "ingest_errors": 1}
        assert st["event_types"] == {"CONSULT": 1}
        row = s.con.execute("SELECT source_country, date_from, contexts, location FROM events").fetchone()
        assert row == ("CHL", "text", [], "p1")
        assert s.con.execute("SELECT raw, origin FROM articles").fetchone() == ("raw input", "f.txt")
        assert list(s.records()) == [rec.to_dict()]


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    rec = full_record()
    broken = full_record()
    broken.article.id = "other"
    broken.places.append(broken.places[0])  # duplicate primary key: the insert fails mid-batch
    with Store(tmp_path / "s.duckdb") as s:
        try:
            s.write_batch([Stored(rec), Stored(broken)])
        except duckdb.Error:
            pass
        assert s.stats()["articles"] == 0 and s.stats()["timexes"] == 0


def test_exports(tmp_path):
    rec = full_record()
    with Store(tmp_path / "s.duckdb") as s:
        s.write_batch([Stored(rec)])
        (jl,) = s.export("jsonl", tmp_path / "j")
        assert json.loads(jl.read_text()) == rec.to_dict()
        csvs = s.export("csv", tmp_path / "c")
        assert {p.name for p in csvs} == {f"{t}.csv" for t in (*TABLES, *CORPUS_TABLES)}
        s.export("parquet", tmp_path / "p")
        (plover,) = s.export("plover", tmp_path / "pl")
        gdelt, mentions = s.export("gdelt", tmp_path / "g")
    assert pq.read_table(tmp_path / "p" / "events").num_rows == 1  # partitioned by year and month
    assert pq.read_table(tmp_path / "p" / "quotes.parquet").num_rows == 1
    (pl,) = [json.loads(x) for x in plover.read_text().splitlines()]
    assert pl["event"] == ["CONSULT"] and pl["actor"][0]["code"] == "CHL" and pl["date"] == "2026-01-02"
    header, row = [x.split("\t") for x in gdelt.read_text().splitlines()]
    g = dict(zip(header, row, strict=True))
    assert (g["Day"], g["EventCode"], g["Actor1CountryCode"], g["ActionGeo_CountryCode"]) == \
        ("20260102", "040", "CHL", "PER")


def test_plover_rule_codes_planned_cooperation_as_agree():
    from dateline.export import plover_records

    rec = full_record()
    rec.events[0].status = "planned"
    (pl,) = plover_records(rec)
    assert pl["event"] == ["AGREE"] and "planned CONSULT" in pl["comment"]


def test_exports_name_the_quote_an_event_is_reported_in(tmp_path):
    from dateline.export import gdelt, write
    from dateline.record import Actor

    rec = quoted_record()
    speaker = rec.quotes[0].speaker
    rec.actors = [Actor("a1", "Ukraine", "UKR", "GOV", "the minister",
                        [Span(speaker.start, speaker.end, speaker.text)])]
    speaker.actor, speaker.name = "a1", "Olena Koval"
    narrated = full_record()  # an event outside any quote
    (plover,) = write([rec, narrated], "plover", tmp_path)
    pl = [json.loads(x) for x in plover.read_text().splitlines()]
    assert pl[0]["quote"] == {"id": f"{rec.article.id}-q1", "speaker": {
        "code": "UKR", "sector": "GOV", "entity_text": "the minister", "identifier_id": "a1"}}
    assert "quote" not in pl[1]
    _, mentions = write([rec, narrated], "gdelt", tmp_path)
    lines = [x.split("\t") for x in mentions.read_text().splitlines()]
    assert lines[0] == list(gdelt.MENTION_COLUMNS + gdelt.MENTION_EXTRA)
    rows = [dict(zip(lines[0], row, strict=True)) for row in lines[1:]]
    assert [(g["QuoteID"], g["QuoteSpeaker"]) for g in rows] == [("q1", "Olena Koval"), ("", "")]


def test_the_article_3_columns_and_tables_are_written(tmp_path):
    from dateline.record import Segment, StageError

    rec = full_record()
    rec.article.language = "en"
    rec.actors[0].country_from = "mention"
    rec.events[0].source.country_from = "context"
    rec.events[0].pair, rec.events[0].headline = "e2", True
    rec.segments = [Segment("headline", 0, 10)]
    rec.errors = [StageError("quotes", "failed")]
    with Store(tmp_path / "s.duckdb") as s:
        s.write_batch([Stored(rec)])
        assert s.con.execute("SELECT language FROM articles").fetchone() == ("en",)
        assert s.con.execute("SELECT country_from FROM actors").fetchone() == ("mention",)
        assert s.con.execute("SELECT source_country_from, target_country_from, pair_id, headline "
                             "FROM events").fetchone() == ("context", None, "e2", True)
        assert s.con.execute("SELECT kind, start, \"end\" FROM segments").fetchall() == [("headline", 0, 10)]
        assert s.con.execute("SELECT stage, message FROM stage_errors").fetchall() == [("quotes", "failed")]
        assert list(s.records()) == [rec.to_dict()]
