"""Every store and output fault a command can meet: one clear line, a non-zero exit, no traceback;
and the counts of an ingest always add up to its inputs."""

import json
import os
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from dateline.cli import app

runner = CliRunner()
TEXT = "The harbour master of Rijeka said on Monday that the ferry line to Cres would reopen in May."


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def one_clear_line(res, code: int = 2) -> str:
    assert res.exit_code == code, res.output
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)
    errors = [line for line in res.stderr.splitlines() if line.startswith("dateline: error:")]
    assert len(errors) == 1, res.stderr
    return errors[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    (folder / "in.jsonl").write_text(json.dumps({"text": TEXT, "date": "2026-04-01"}) + "\n")
    db = folder / "d.duckdb"
    assert run("ingest", folder / "in.jsonl", "--db", db, "--stages", "").exit_code == 0
    return db


def _foreign(path):
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (x INTEGER)")
    con.close()
    return path


@pytest.mark.parametrize("kind", ["random", "empty", "foreign", "folder", "missing"])
@pytest.mark.parametrize("command", ["stats", "export"])
def test_stats_and_export_on_what_is_not_a_store(tmp_path, kind, command):
    db = tmp_path / "x.duckdb"
    if kind == "random":
        db.write_bytes(os.urandom(3000))
    elif kind == "empty":
        db.write_bytes(b"")
    elif kind == "foreign":
        _foreign(db)
    elif kind == "folder":
        db.mkdir()
    args = [command, "--db", db] + (["--out", tmp_path / "out"] if command == "export" else [])
    line = one_clear_line(run(*args))
    expect = {"random": "not a DuckDB database", "empty": "not a DuckDB database",
              "foreign": "not a dateline store", "folder": "is a folder", "missing": "no store at"}[kind]
    assert expect in line and str(db) in line


def test_ingest_into_someone_elses_duckdb_is_refused_before_touching_it(tmp_path):
    db = _foreign(tmp_path / "theirs.duckdb")
    (tmp_path / "a.txt").write_text(TEXT)
    line = one_clear_line(run("ingest", tmp_path / "a.txt", "--db", db, "--stages", ""))
    assert "not a dateline store" in line and "Catalog Error" not in line
    con = duckdb.connect(str(db))
    assert [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()] == ["articles"]
    con.close()


def test_a_locked_store_is_one_clear_line(store):
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(store)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        for args in (["stats", "--db", store], ["export", "--db", store, "--out", store.parent / "o"]):
            line = one_clear_line(run(*args))
            assert "in use by another process" in line and str(holder.pid) in line
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_export_onto_a_file_or_under_one_is_one_clear_line(store, tmp_path):
    f = tmp_path / "taken"
    f.write_text("mine")
    line = one_clear_line(run("export", "--db", store, "--out", f))
    assert "is a file" in line and f.read_text() == "mine"
    line = one_clear_line(run("export", "--db", store, "--out", f / "sub"))
    assert "cannot write into" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_export_into_a_read_only_folder_is_one_clear_line(store, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        line = one_clear_line(run("export", "--db", store, "--format", "csv", "--out", ro))
        assert "cannot write into" in line
    finally:
        ro.chmod(0o700)


def test_ingest_checks_the_store_before_loading_the_model(tmp_path, monkeypatch):
    import dateline.pipeline

    def no_model(*a, **k):
        raise AssertionError("the model was loaded before the store was checked")

    monkeypatch.setattr(dateline.pipeline, "load_spacy", no_model)
    (tmp_path / "a.txt").write_text(TEXT)
    blocker = tmp_path / "file"
    blocker.write_text("")
    line = one_clear_line(run("ingest", tmp_path / "a.txt", "--db", blocker / "d.duckdb"))
    assert "cannot create" in line


def _summary(res) -> str:
    return [line for line in res.stderr.splitlines() if "articles stored" in line][-1]


def counts(res) -> tuple[int, int, int]:
    """(stored, already there, errors) of an ingest's summary line."""
    import re

    line = _summary(res)
    return tuple(int(re.search(pattern, line).group(1)) for pattern in
                 (r"(\d+) articles stored", r"(\d+) already there", r"(\d+) errors"))


def test_rerun_counts_add_up_and_input_errors_are_stored_once(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"text": TEXT, "date": "2026-04-01"}) + "\n{broken\n"
                 + json.dumps({"text": TEXT + " It did.", "date": "2026-04-02"}) + "\n"
                 + json.dumps({"text": TEXT, "date": "2026-04-01"}) + "\n")  # the first line again
    db = tmp_path / "d.duckdb"
    first = run("ingest", f, "--db", db, "--stages", "")
    assert first.exit_code == 0
    assert counts(first) == (2, 1, 1)  # 4 lines: 2 new, the repeated one, the broken one
    for _ in range(2):
        again = run("ingest", f, "--db", db, "--stages", "")
        assert counts(again) == (0, 3, 1)
    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    con.close()


def test_a_repeated_id_with_another_text_is_stored_under_a_derived_id(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "r1", "text": TEXT, "date": "2026-04-01"}) + "\n"
                 + json.dumps({"id": "r1", "text": "A different story about Split.", "date": "2026-04-01"}) + "\n")
    db = tmp_path / "d.duckdb"
    res = run("ingest", f, "--db", db, "--stages", "")
    assert counts(res) == (2, 0, 0) and "'r1#2'" in res.stderr
    g = tmp_path / "later.jsonl"  # a later file reusing the id for a third text
    g.write_text(json.dumps({"id": "r1", "text": "A third story about Zadar.", "date": "2026-04-01"}) + "\n")
    res = run("ingest", g, "--db", db, "--stages", "")
    assert counts(res) == (1, 0, 0) and "'r1#3'" in res.stderr
    con = duckdb.connect(str(db))
    assert sorted(r[0] for r in con.execute("SELECT id FROM articles").fetchall()) == ["r1", "r1#2", "r1#3"]
    con.close()


def test_a_failing_stage_keeps_the_article_and_says_which_stage(tmp_path):
    from dateline.pipeline import REGISTRY, stage

    @stage("_explodes", requires=("doc",), provides=("quotes",))
    def explodes(config):
        def run_(analysis):
            raise RuntimeError("no luck")
        return run_

    try:
        (tmp_path / "a.txt").write_text(TEXT)
        res = run("extract", tmp_path / "a.txt", "--date", "2026-04-01", "--stages", "_explodes")
        assert res.exit_code == 0, res.output
        assert json.loads(res.stdout)["errors"] == [{"stage": "_explodes", "message": "RuntimeError: no luck"}]
        assert "stage _explodes failed" in res.stderr and "no article could be read" not in res.stderr
        db = tmp_path / "d.duckdb"
        res = run("ingest", tmp_path / "a.txt", "--db", db, "--date", "2026-04-01", "--stages", "_explodes")
        assert counts(res) == (1, 0, 0) and "1 stored without a failed stage's output" in _summary(res)
        con = duckdb.connect(str(db))
        assert con.execute("SELECT stage, message FROM stage_errors").fetchall() == [("_explodes", "RuntimeError: no luck")]
        con.close()
    finally:
        REGISTRY.pop("_explodes")


def test_an_impossible_input_date_with_the_date_option_says_what_happened(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"text": TEXT, "date": "2026-13-01"}) + "\n")
    res = run("extract", f, "--date", "2026-04-01", "--stages", "")
    assert res.exit_code == 0 and json.loads(res.stdout)["article"]["date"] == "2026-04-01"
    assert "using --date 2026-04-01" in res.stderr and "pass --date" not in res.stderr


def test_long_articles_report_progress_and_max_chars_refuses_longer_ones(tmp_path, monkeypatch):
    import dateline.windows

    monkeypatch.setattr(dateline.windows, "WINDOW_CHARS", 300)
    f = tmp_path / "long.txt"
    f.write_text("\n\n".join([TEXT] * 6))
    res = run("extract", f, "--date", "2026-04-01", "--stages", "time")
    assert res.exit_code == 0, res.output
    progress = [line for line in res.stderr.splitlines() if "window" in line]
    assert progress[0].startswith("dateline: article ") and "window 1 of " in progress[0]
    assert json.loads(res.stdout)["article"]["text"] == f.read_text()
    res = run("extract", f, "--date", "2026-04-01", "--stages", "", "--max-chars", "100")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert f"{f}: article of 562 characters is over --max-chars 100" in res.stderr
