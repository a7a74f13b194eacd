"""dateline on Apache Spark: one pipeline, the same records, written as Parquet tables.

    dateline spark INPUT... --out DIR [--master local[2]] [--partitions N] [--stages ...]
    spark-submit --master yarn -m dateline.spark INPUT... --out DIR      # on a cluster (see docs/spark.md)

Inputs are any paths Spark reads (local, HDFS, S3...): files of the kinds the readers know (text,
JSON Lines, HTML, feeds, WARC/WARC.gz, directories of them) are read whole, one file per task, by
the same readers as ``dateline extract``; a path ending in ``.parquet`` is a table with article
columns (``text``, and any of ``id``, ``date``, ``title``, ``source``, ``url``).

Each executor's Python worker builds the pipeline once and reuses it for every partition. A batch
of records is written into an in-memory store, the very code of ``dateline ingest``, and its rows
leave as the store's tables with the store's column names, so Spark's output and a DuckDB store
cannot drift apart. Each table is written under ``DIR/<table>/year=YYYY/month=M/`` (the article's
date; undated articles under Spark's null partition), replacing only the partitions a run writes:
a re-run of the same input gives the same rows (ids are content hashes) and duplicates nothing.
Articles that cannot be read or processed become rows of ``DIR/errors``; the job goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice

from .readers import Input, ReadError, known_file, read_bytes
from .record import Article

# The store's per-article tables that a Spark run writes, and the columns it leaves out: the raw
# input (the record keeps the text) and the ingest time (a re-run must give the same rows).
TABLES = ("articles", "timexes", "actors", "actor_mentions", "events", "quotes", "places", "segments",
          "stage_errors")
DROPPED = {"articles": ("raw", "ingested_at")}
ERRORS = "errors"
ERROR_COLUMNS = (("article_id", "VARCHAR"), ("origin", "VARCHAR"), ("stage", "VARCHAR"),
                 ("message", "VARCHAR"))
ARTICLE_COLUMNS = ("id", "date", "title", "source", "url", "text")
BATCH = 32  # articles per in-memory store batch on an executor


def columns() -> dict[str, list[tuple[str, str]]]:
    """(name, DuckDB type) of every output table, read from a fresh store's schema."""
    from .store import Store

    with Store(":memory:") as store:
        out = {}
        for table in TABLES:
            rows = store.con.execute(f"DESCRIBE {table}").fetchall()
            out[table] = [(r[0], r[1]) for r in rows if r[0] not in DROPPED.get(table, ())]
    out[ERRORS] = list(ERROR_COLUMNS)
    return out


def _year_month(date: str | None) -> tuple[int | None, int | None]:
    if not date or len(date) < 7 or not date[:4].isdigit():
        return None, None
    return int(date[:4]), int(date[5:7])


# -- executor side ---------------------------------------------------------------------------
_PIPELINES: dict = {}  # one pipeline per executor process, per (stages, model)
_STORES: list = []  # one in-memory store per executor process, emptied after each batch


def _pipeline(stages: tuple[str, ...] | None, model: str | None):
    from .pipeline import DEFAULT_MODEL, Pipeline, available_stages

    key = (stages, model)
    if key not in _PIPELINES:
        names = list(available_stages() if stages is None else stages)
        _PIPELINES[key] = Pipeline(names, model=model or DEFAULT_MODEL)
    return _PIPELINES[key]


def _store():
    from .store import Store

    if not _STORES:  # copies, occurrences: where the output is loaded
        _STORES.append(Store(":memory:", corpus=False))
    return _STORES[0]


def _select(table: str, table_columns: list[tuple[str, str]]) -> str:
    """The table's output columns (JSON as text), with its article's year and month."""
    cols = ", ".join(f't."{c}"::VARCHAR AS "{c}"' if duck == "JSON" else f't."{c}"' for c, duck in table_columns)
    on = "a.id = t.id" if table == "articles" else "a.id = t.article_id"
    return (f"SELECT {cols}, year(a.date)::INTEGER AS year, month(a.date)::INTEGER AS month "
            f"FROM {table} t LEFT JOIN articles a ON {on}")


def process(items: Iterable[Input | ReadError], stages: tuple[str, ...] | None = None,
            model: str | None = None, cols: dict[str, list[tuple[str, str]]] | None = None
            ) -> Iterator[tuple[str, bytes]]:
    """Run the pipeline over one partition: per batch and table, ``(table, data)`` with
    the rows as an Arrow IPC stream in the output schema (``columns()``, then year and month).
    Rows travel as Arrow, not as pickled tuples, so Spark's share of the work stays small."""
    import pyarrow as pa

    from .pipeline import StageFailure
    from .store import Stored

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    cols = cols or columns()
    targets = {t: arrow_schema(c) for t, c in cols.items()}  # each table's Arrow schema, made once
    pipe = _pipeline(stages, model)
    it = iter(items)
    while batch := list(islice(it, BATCH)):
        errors = [(None, x.origin, "read", x.message, None, None) for x in batch if isinstance(x, ReadError)]
        inputs = [x for x in batch if not isinstance(x, ReadError)]
        stored = []
        for item, out in zip(inputs, pipe.run(i.article for i in inputs), strict=True):
            if isinstance(out, StageFailure):
                errors.append((item.article.id, item.origin, out.stage, out.error, *_year_month(item.article.date)))
            else:
                stored.append(Stored(out, item.origin, None))
        if errors:
            names = [c for c, _ in cols[ERRORS]] + ["year", "month"]
            rows = [dict(zip(names, e, strict=True)) for e in errors]
            yield ERRORS, _ipc(pa.Table.from_pylist(rows, schema=targets[ERRORS]))
        if not stored:
            continue
        store = _store()
        store.write_batch(stored)
        try:
            for table in TABLES:
                data = _to_arrow(store.con.sql(_select(table, cols[table])))
                if data.num_rows:
                    yield table, _ipc(data.cast(targets[table]))
        finally:
            for table in TABLES:
                store.con.execute(f"DELETE FROM {table}")


def _to_arrow(relation):
    """A query's result as an Arrow table (duckdb 2 renamed ``arrow`` ``to_arrow_table``)."""
    fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
    return fetch()


def _ipc(table) -> bytes:
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _widen(batches, cols: dict[str, list[tuple[str, str]]]):
    """``mapInArrow``: each ``data`` blob of ``process`` as rows of ``wide_schema``: its table's
    name, year and month, its columns in the struct named after the table, the other structs null."""
    import pyarrow as pa

    tables = (*TABLES, ERRORS)
    types = {t: pa.struct(list(arrow_schema(cols[t]))[:-2]) for t in tables}
    for batch in batches:
        for name, blob in zip(batch.column("table").to_pylist(), batch.column("data"), strict=True):
            data = pa.ipc.open_stream(blob.as_buffer()).read_all().combine_chunks()
            n = data.num_rows
            own = pa.StructArray.from_arrays([data.column(f.name).chunk(0) for f in types[name]], fields=list(types[name]))
            yield pa.RecordBatch.from_arrays(
                [pa.array([name] * n, pa.string()), data.column("year").chunk(0), data.column("month").chunk(0),
                 *(own if t == name else pa.nulls(n, types[t]) for t in tables)],
                names=["table", "year", "month", *tables])


# -- driver side -----------------------------------------------------------------------------
def _spark_type(duck: str):
    from pyspark.sql import types as T

    if duck.endswith("[]"):
        return T.ArrayType(_spark_type(duck[:-2]))
    return {"VARCHAR": T.StringType(), "JSON": T.StringType(), "INTEGER": T.IntegerType(),
            "BIGINT": T.LongType(), "DOUBLE": T.DoubleType(), "BOOLEAN": T.BooleanType(),
            "DATE": T.DateType(), "TIMESTAMP": T.TimestampType()}[duck]


def schema(table_columns: list[tuple[str, str]]):
    from pyspark.sql import types as T

    fields = [T.StructField(name, _spark_type(duck), True) for name, duck in table_columns]
    return T.StructType([*fields, T.StructField("year", T.IntegerType(), True),
                         T.StructField("month", T.IntegerType(), True)])


def wide_schema(cols: dict[str, list[tuple[str, str]]]):
    """Every table's rows in one frame: the table's name, year and month, and a struct per table."""
    from pyspark.sql import types as T

    tables = (*TABLES, ERRORS)
    return T.StructType([T.StructField("table", T.StringType()), T.StructField("year", T.IntegerType()),
                         T.StructField("month", T.IntegerType()),
                         *(T.StructField(t, T.StructType(schema(cols[t]).fields[:-2])) for t in tables)])


def arrow_schema(table_columns: list[tuple[str, str]]):
    """The Arrow schema Spark expects for a table of ``schema``."""
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema(table_columns))


def session(master: str | None = None, app: str = "dateline"):
    import sys

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if master is None or master.startswith("local"):
        # local workers run this very interpreter (a venv's), not whatever `python3` is on PATH
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.config("spark.sql.sources.partitionOverwriteMode", "dynamic") \
        .config("spark.sql.session.timeZone", "UTC").config("spark.ui.showConsoleProgress", "false") \
        .getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    # directories are read recursively, as `dateline extract` reads them
    spark.sparkContext._jsc.hadoopConfiguration().set(
        "mapreduce.input.fileinputformat.input.dir.recursive", "true")
    return spark


def _read_files(sc, path: str, date: str | None):
    def articles(pair):
        name, data = pair
        local = name.removeprefix("file:")
        return list(read_bytes(bytes(data), local, local, date))

    return sc.binaryFiles(path).filter(lambda p: known_file(p[0])).flatMap(articles)


def _read_parquet(spark, path: str, date: str | None):
    df = spark.read.parquet(path)
    have = [c for c in ARTICLE_COLUMNS if c in df.columns]
    if "text" not in have:
        raise ValueError(f"{path}: a Parquet input needs a 'text' column (and may have "
                         f"{', '.join(c for c in ARTICLE_COLUMNS if c != 'text')})")

    def to_input(row):
        d = row.asDict()
        meta = {k: d.get(k) for k in ("title", "source", "url") if d.get(k) is not None}
        day = d.get("date")
        day = str(day)[:10] if day is not None else date
        article = Article.make(d["text"] or "", day, id=d.get("id") or None, **meta)
        return Input(article, f"{path}#{article.id}", "")

    return df.select(*have).rdd.map(to_input)


def run(inputs: list[str], out: str, *, master: str | None = None, partitions: int | None = None,
        stages: Iterable[str] | None = None, model: str | None = None, date: str | None = None,
        spark=None) -> dict[str, int]:
    """Run the job; returns the number of rows written per table."""
    from pyspark import StorageLevel

    spark = spark or session(master)
    sc = spark.sparkContext
    parts = [(_read_parquet(spark, p, date) if p.rstrip("/").endswith(".parquet")
              else _read_files(sc, p, date)) for p in inputs]
    items = parts[0] if len(parts) == 1 else sc.union(parts)
    n = partitions or max(2, sc.defaultParallelism * 2)
    items = items.repartition(n)
    cols = columns()
    stage_names = None if stages is None else tuple(stages)
    blobs = items.mapPartitions(lambda it: process(it, stage_names, model, cols))
    blobs = spark.createDataFrame(blobs, "table STRING, data BINARY")
    # Decoded once into one frame (Arrow in, Arrow out) and kept: the pipeline runs once, and each
    # table is then a column scan and a Parquet write in the JVM, with no Python in between.
    rows = blobs.mapInArrow(lambda b: _widen(b, cols), wide_schema(cols)).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = {r[0]: r[1] for r in rows.groupBy("table").count().collect()}  # runs the pipeline, once
        for table in (*TABLES, ERRORS):
            part = rows.where(rows.table == table).select(f"{table}.*", "year", "month")
            part = part.repartition(n, "year", "month", _spread(table, sc.defaultParallelism))
            part.write.mode("overwrite").partitionBy("year", "month").parquet(f"{out.rstrip('/')}/{table}")
    finally:
        rows.unpersist()
    return {t: counts.get(t, 0) for t in (*TABLES, ERRORS)}


def _spread(table: str, ways: int):
    """A column that spreads a month's rows over ``ways`` writers by article: each month's rows are
    written by at most that many tasks, not by every task that holds some of them (a corpus over
    many months otherwise writes tasks x months small files per table)."""
    from pyspark.sql import functions as F

    key = "id" if table == "articles" else "article_id"
    return F.pmod(F.xxhash64(F.col(key)), F.lit(max(1, ways)))


def ingest_parquet(folder: str, store, batch: int = 256) -> tuple[int, int]:
    """Load a Spark run's output into a store through the store's own writes (so duplicates,
    occurrences and every table come out as ``dateline ingest`` makes them); returns (articles
    added, errors recorded). Runs on DuckDB alone: no Spark needed."""
    import json

    import duckdb

    from .readers import ReadError
    from .record import Record
    from .store import Stored

    base = folder.rstrip("/")
    con = duckdb.connect()
    try:
        if not os.path.isdir(f"{base}/articles"):
            raise FileNotFoundError(f"{folder}: no articles table here (the --out folder of `dateline spark`)")
        added = 0
        if _has_parquet(f"{base}/articles"):
            cur = con.execute("SELECT record, origin FROM read_parquet(?, hive_partitioning = true) "
                              "ORDER BY id", [f"{base}/articles/**/*.parquet"])
            while rows := cur.fetchmany(batch):
                added += store.write_batch([Stored(Record.from_dict(json.loads(r)), o or "") for r, o in rows])
        errors = []
        if _has_parquet(f"{base}/{ERRORS}"):
            errors = [ReadError(o or "", f"{st}: {m}" if st != "read" else m) for o, st, m in con.execute(
                "SELECT origin, stage, message FROM read_parquet(?, hive_partitioning = true) ORDER BY origin",
                [f"{base}/{ERRORS}/**/*.parquet"]).fetchall()]
            store.write_batch([], errors)
    finally:
        con.close()
    return added, len(errors)


def _has_parquet(folder: str) -> bool:
    return any(f.endswith(".parquet") for _, _, files in os.walk(folder) for f in files)


def main(argv: list[str] | None = None) -> None:
    """``python -m dateline.spark ...`` (for spark-submit): the ``dateline spark`` command."""
    import sys

    from .cli import main as cli_main

    sys.argv = ["dateline", "spark", *(sys.argv[1:] if argv is None else argv)]
    cli_main()


if __name__ == "__main__":
    main()
