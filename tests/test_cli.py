"""The command line, end to end, in process (so every record is checked by conftest)."""

import json
import re

import click
import pytest
from conftest import EXAMPLES, ROOT, validate_record
from typer.main import get_command
from typer.testing import CliRunner

from dateline.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_extract_examples_jsonl_validates():
    res = run("extract", EXAMPLES, "--stages", "")
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(records) == 7
    for r in records:
        validate_record(r)
    assert {r["article"]["date"] for r in records} >= {"2026-03-12", "2026-07-21", "2026-09-02"}


def test_extract_json_and_text_formats(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("date 2026-01-01 The council of Turin approved the budget on Monday.")
    res = run("extract", f, "--format", "json", "--stages", "")
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["article"]["date"] == "2026-01-01"
    res = run("extract", f, "--format", "text")
    assert res.exit_code == 0 and "2026-01-01" in res.stdout


def test_extract_reports_each_problem_and_fails_only_when_nothing_was_read(tmp_path):
    (tmp_path / "good.jsonl").write_text(json.dumps({"text": "Rain fell in Oslo.", "date": "2026-01-01"}) + "\n{oops\n")
    (tmp_path / "empty.txt").write_text("")
    res = run("extract", tmp_path / "good.jsonl", tmp_path / "empty.txt", "--stages", "")
    assert res.exit_code == 0
    assert len(res.stdout.splitlines()) == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("dateline: error:")]
    assert len(errors) == 2 and "good.jsonl:2" in errors[0] and "empty file" in errors[1]
    assert "Traceback" not in res.output
    res = run("extract", tmp_path / "empty.txt", "--stages", "")
    assert res.exit_code == 1 and "no article could be read" in res.stderr


def test_bad_date_option_is_one_clear_line(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    res = run("extract", tmp_path / "a.txt", "--date", "2026-02-30")
    assert res.exit_code == 2 and "impossible date" in res.stderr and "--date" in res.stderr


def test_missing_date_warns_and_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("The port of Hamburg reopened.")
    res = run("extract", tmp_path / "a.txt", "--stages", "")
    assert res.exit_code == 0 and "--date" in res.stderr
    assert json.loads(res.stdout)["article"]["date"] is None


def test_ingest_stats_export_round_trip(tmp_path):
    db = tmp_path / "d.duckdb"
    res = run("ingest", EXAMPLES, "--db", db, "--stages", "")
    assert res.exit_code == 0, res.output
    assert "7 articles stored" in res.stderr
    res = run("ingest", EXAMPLES, "--db", db, "--stages", "")
    assert "0 articles stored" in res.stderr and "7 already there" in res.stderr
    res = run("stats", "--db", db, "--json")
    assert json.loads(res.stdout)["articles"] == 7
    assert run("stats", "--db", db).exit_code == 0
    for fmt in ("jsonl", "csv", "parquet"):
        res = run("export", "--db", db, "--format", fmt, "--out", tmp_path / fmt)
        assert res.exit_code == 0, res.output
    lines = (tmp_path / "jsonl" / "articles.jsonl").read_text().splitlines()
    assert len(lines) == 7


def test_ingest_records_errors_with_raw_input(tmp_path):
    import duckdb

    (tmp_path / "in.jsonl").write_text(json.dumps({"text": "Snow closed roads in Kyiv.", "date": "2026-01-09"})
                                       + "\n{broken line\n")
    db = tmp_path / "d.duckdb"
    res = run("ingest", tmp_path / "in.jsonl", "--db", db, "--stages", "")
    assert res.exit_code == 0
    con = duckdb.connect(str(db))
    assert con.execute("SELECT origin LIKE '%in.jsonl:2', raw FROM ingest_errors").fetchall() == [(True, "{broken line")]


def test_stats_without_a_store():
    res = run("stats", "--db", "/nonexistent/x.duckdb")
    assert res.exit_code == 2 and "dateline ingest" in res.stderr


def test_schema_command_prints_the_shipped_schema():
    assert json.loads(run("schema").stdout)["$id"] == "dateline.article/3"


@pytest.mark.parametrize("name,cmd", list(get_command(app).commands.items()))
def test_every_command_and_option_is_documented(name, cmd):
    doc = (ROOT / "docs" / "cli.md").read_text()
    assert re.search(rf"^## `dateline {name}\b", doc, re.M), f"docs/cli.md has no section for {name}"
    for p in cmd.params:
        if isinstance(p, click.Option):
            for opt in p.opts:
                if opt != "--help":
                    assert opt in doc, f"{opt} of `dateline {name}` is not documented in docs/cli.md"


def test_several_workers_give_the_same_records():
    one = run("extract", EXAMPLES, "--stages", "")
    two = run("extract", EXAMPLES, "--stages", "", "--workers", "2")
    assert two.exit_code == 0, two.output
    assert two.stdout == one.stdout


def test_user_data_files_reach_their_stages(tmp_path):
    """--actors and --cues: a user's own dictionary and cue list change what is extracted."""
    art = tmp_path / "a.txt"
    art.write_text("date 2026-05-01 Zorblat Mining closed its mine. Ana Quispe intoned that the town would recover.")
    actors = tmp_path / "mine.json"
    actors.write_text(json.dumps({"orgs": [{"name": "Zorblat Mining", "country": "ZAF", "sector": "BUS"}]}))
    cues = tmp_path / "my_cues.tsv"
    cues.write_text("intone\tspeech\tccomp\tno\n")

    def extract(*extra):
        res = run("extract", art, "--stages", "actors,quotes", *extra)
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)

    plain = extract()
    mine = extract("--actors", actors, "--cues", cues)
    coded = {a["name"]: a["country"] for a in mine["actors"]}
    assert coded.get("Zorblat Mining") == "ZAF"
    assert "ZAF" not in {a["country"] for a in plain["actors"]}
    cue_words = [q["cue"]["text"] for q in mine["quotes"] if q["cue"]]
    assert "intoned" in cue_words
    assert "intoned" not in [q["cue"]["text"] for q in plain["quotes"] if q["cue"]]
