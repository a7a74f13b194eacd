"""The Spark job in local[2]: the same rows as `dateline extract` + `ingest`, errors kept, re-runs idempotent."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest
from conftest import EXAMPLES, ROOT

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'dateline[spark]')")
if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java on this machine: Spark needs Java 17", allow_module_level=True)

pytestmark = pytest.mark.slow

# Articles we wrote for these tests, beside the shipped examples: about 20 in all.
OWN = [
    ("2026-01-12", "Ghana's president met the visiting prime minister of Togo in Accra on Monday. The two "
                   "leaders agreed to reopen the border crossing at Aflao."),
    ("2026-01-20", "Police in Nairobi arrested 40 protesters on Tuesday after a march against fuel prices. "
                   "\"We will not be silenced,\" said Grace Achieng, an organiser."),
    ("2026-02-03", "Chile and Peru signed a fisheries agreement in Lima. The deal takes effect in March."),
    ("2026-02-14", "The United Nations appealed for aid to flood victims in Mozambique, where heavy rain has "
                   "displaced thousands of families since last week."),
    ("2026-03-01", "Thai soldiers exchanged fire with rebels near the Malaysian border on Sunday, the army said."),
    ("2026-03-09", "Norway will send medical supplies to Ukraine, its foreign minister announced in Oslo."),
    ("2026-03-30", "Farmers blocked roads around Lyon to protest against new water rules, French media reported."),
    ("2026-04-05", "India's foreign minister will visit Nepal next week to discuss hydropower projects."),
    ("2026-04-18", "Argentina accused Britain of militarising the South Atlantic, a claim London rejected."),
    ("2026-05-02", "The European Union imposed sanctions on six Belarusian officials on Friday."),
    ("2026-05-21", "Vietnam and the Philippines held talks in Hanoi on fishing rights in disputed waters."),
    ("2026-06-07", "Kenya's high court suspended the new housing levy on Wednesday, ruling that parliament "
                   "had skipped a public consultation."),
    (None, "Rescue teams searched for survivors after a landslide buried a village, officials said."),
]


@pytest.fixture(scope="module")
def spark():
    # Python workers import this checkout's dateline, run by this interpreter.
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from dateline.spark import session

    s = session("local[2]", app="dateline-tests")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(EXAMPLES, folder / "examples")
    with open(folder / "own.jsonl", "w", encoding="utf-8") as f:
        for i, (date, text) in enumerate(OWN):
            f.write(json.dumps({"id": f"own-{i}", "date": date, "text": text}) + "\n")
        f.write('{"id": "broken", "text": "no closing brace"\n')  # a broken record
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)  # not text at all
    return folder


def store_rows(store, table, cols):
    names = ", ".join(f'"{c}"' for c in cols)
    return sorted(store.con.execute(f"SELECT {names} FROM {table}").fetchall(), key=repr)


def parquet_rows(out, table, cols):
    import duckdb

    if not any((out / table).rglob("*.parquet")):  # Spark writes no file for a table with no rows
        return []
    names = ", ".join(f'"{c}"' for c in cols)
    rows = duckdb.connect().execute(f"SELECT {names} FROM read_parquet(?, hive_partitioning = true)",
                                    [f"{out}/{table}/**/*.parquet"]).fetchall()
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def expected(corpus, tmp_path_factory, nlp):
    """The same inputs through the readers, the pipeline and the store, as `dateline ingest` does."""
    from dateline.pipeline import Pipeline, available_stages
    from dateline.readers import ReadError, read_paths
    from dateline.store import Store, Stored

    pipe = Pipeline(available_stages())
    pipe._nlp = nlp
    items = [i for i in read_paths([str(corpus)]) if not isinstance(i, ReadError)]
    store = Store(tmp_path_factory.mktemp("db") / "expected.duckdb")
    store.write_batch([Stored(rec, i.origin) for i, rec in zip(items, pipe.run(i.article for i in items),
                                                                strict=True)])
    yield store
    store.close()


def test_the_spark_output_equals_extract_row_for_row_and_reruns_change_nothing(spark, corpus, expected,
                                                                                 tmp_path):
    from dateline.spark import TABLES, columns, run

    out = tmp_path / "out"
    counts = run([str(corpus)], str(out), spark=spark)
    cols = columns()
    assert counts["articles"] == len(OWN) + 7
    assert counts["events"] > 10
    for table in TABLES:
        names = [c for c, _ in cols[table]]
        assert parquet_rows(out, table, names) == store_rows(expected, table, names), table
    # the broken JSON line and the binary file are errors with their origin; the job went on
    errors = parquet_rows(out, "errors", ["origin", "stage", "message"])
    assert len(errors) == 2 and {e[1] for e in errors} == {"read"}
    assert any(e[0].endswith("own.jsonl:14") for e in errors) and any(e[0].endswith("binary.txt") for e in errors)
    # partitioned by the article's year and month, hive style
    assert (tmp_path / "out" / "events" / "year=2026" / "month=3").is_dir()
    # a re-run replaces the partitions it writes: the same rows, nothing duplicated
    again = run([str(corpus)], str(out), spark=spark)
    assert again == counts
    for table in ("articles", "events", "actors"):
        names = [c for c, _ in cols[table]]
        assert parquet_rows(out, table, names) == store_rows(expected, table, names), table


def test_parquet_input_and_loading_the_output_into_a_store(spark, corpus, expected, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dateline.spark import ingest_parquet, run
    from dateline.store import Store

    table = pa.table({"id": [f"own-{i}" for i in range(len(OWN))], "date": [d for d, _ in OWN],
                      "text": [t for _, t in OWN]})
    pq.write_table(table, tmp_path / "articles.parquet")
    out = str(tmp_path / "out")
    counts = run([str(tmp_path / "articles.parquet")], out, spark=spark)
    assert counts["articles"] == len(OWN) and counts["errors"] == 0
    with Store(tmp_path / "loaded.duckdb") as store:
        assert ingest_parquet(out, store) == (len(OWN), 0)
        assert ingest_parquet(out, store) == (0, 0)  # loading twice stores nothing twice
        loaded = {r["article"]["id"]: r for r in store.records()}
    want = {r["article"]["id"]: r for r in expected.records() if r["article"]["id"].startswith("own-")}
    assert loaded == want


def test_the_commands_run_the_job_and_load_its_output(spark, tmp_path):
    from typer.testing import CliRunner

    from dateline.cli import app

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"c{i}", "date": d, "text": t}) + "\n"
                           for i, (d, t) in enumerate(OWN[:3])))
    out, db = tmp_path / "out", tmp_path / "s.duckdb"
    runner = CliRunner()
    res = runner.invoke(app, ["spark", str(src), "--out", str(out), "--master", "local[2]", "--stages", "time"])
    assert res.exit_code == 0, res.output
    assert "articles 3" in res.output
    res = runner.invoke(app, ["ingest", "--from-parquet", str(out), "--db", str(db)])
    assert res.exit_code == 0 and "3 articles stored" in res.output, res.output
    res = runner.invoke(app, ["ingest", "--from-parquet", str(tmp_path / "nowhere"), "--db", str(db)])
    assert res.exit_code == 2 and "no articles table" in res.output
