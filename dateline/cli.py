"""The ``dateline`` command: a thin layer over the library (readers, pipeline, store, eval)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from enum import Enum
from pathlib import Path

import typer

from .cli_corpus import plot_app, query_app
from .cliopts import (
    DateOpt,
    ModelOpt,
    PathsArg,
    PipelineArgs,
    StagesOpt,
    check_language,
    fail,
    pipeline_options,
    problem,
    warn,
)
from .pipeline import (
    Pipeline,
    PipelineError,
    StageFailure,
)
from .readers import Input, ReadError, ReadProblem, read_paths, unique_ids

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Dated news articles in, structured and sourced event data out.")
app.add_typer(query_app, name="query")
app.add_typer(plot_app, name="plot")


class Fmt(str, Enum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


class ExportFmt(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    gdelt = "gdelt"
    graphml = "graphml"


class EvalName(str, Enum):
    timex = "timex"
    actors = "actors"
    events = "events"
    dyads = "dyads"
    quotes = "quotes"
    places = "places"
    pages = "pages"


def open_store(db: Path, read_only: bool = False, dup_threshold: float | None = None):
    """The store at ``db``, or one clear line and exit 2 when it is missing, locked, foreign,
    damaged or cannot be written. Every command that opens a store goes through here."""
    from .store import Store, StoreError

    try:
        return Store(db, read_only=read_only, dup_threshold=dup_threshold)
    except ValueError as exc:  # a duplicate threshold out of range
        fail(str(exc))
    except StoreError as exc:
        fail(str(exc))


def writable_folder(out: Path) -> Path:
    """``out`` as a folder we can write into (created if need be), or one clear line and exit 2."""
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder to write into")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".dateline-write-test"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        fail(f"cannot write into {out}: {exc.strerror or exc}")
    return out


def inputs(paths: list[str], date: str | None, errors: list, max_chars: int | None = None, stored=None):
    """Inputs from the readers, one text per id (see ``unique_ids``; ``stored`` gives a store's
    text of an id); problems go to stderr and into ``errors``."""
    try:
        for item in unique_ids(read_paths(paths, date, max_chars), stored):
            if isinstance(item, ReadError):
                problem(item)
                errors.append(item)
                continue
            for w in item.warnings:
                warn(f"{item.origin}: {w}")
            yield item
    except ReadProblem as exc:
        fail(str(exc))


def run_inputs(pipe: Pipeline, items, errors: list, other: list | None = None):
    """(Input, Record) pairs in order; stage failures are reported and collected. An article in a
    language some stages do not support gets one warning, and its origin goes into ``other``."""
    pending: deque[Input] = deque()

    def feed():
        for item in items:
            pending.append(item)
            yield item.article

    for out in pipe.run(feed()):
        item = pending.popleft()
        if isinstance(out, StageFailure):
            err = ReadError(item.origin, out.message, raw=item.raw)
            problem(err)
            errors.append(err)
            continue
        for e in out.errors:  # the record stands without that stage's output
            warn(f"{item.origin}: stage {e.stage} failed, its output is missing: {e.message}")
        skipped = pipe.skipped(out.article.language)
        if skipped:
            warn(f"{item.origin}: language {out.article.language}: {', '.join(skipped)} "
                 f"not run (they read English only)")
            if other is not None:
                other.append(item.origin)
        yield item, out


def nothing_read(errors: list) -> None:
    """Exit 1 when no article came through, saying whether reading or processing failed."""
    if errors and all(isinstance(e, ReadError) and e.message.startswith("stage ") for e in errors):
        fail(f"no article could be processed ({len(errors)} failed in the pipeline)", 1)
    fail("no article could be read", 1)


@app.command()
@pipeline_options
def extract(
    paths: list[str] = PathsArg,
    fmt: Fmt = typer.Option(Fmt.jsonl, "--format", help="jsonl (a record per line), json, or text."),
    *,
    run: PipelineArgs,
):
    """Read articles and print one record per article (schema dateline.article/3)."""
    pipe = run.build()
    errors: list = []
    n = 0
    records = []
    for _item, rec in run_inputs(pipe, inputs(paths, run.date, errors, run.max_chars), errors):
        n += 1
        if fmt == Fmt.jsonl:
            sys.stdout.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == Fmt.json:
            records.append(rec.to_dict())
        else:
            from .render import render_text

            render_text(rec)
    if fmt == Fmt.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    if n == 0:
        nothing_read(errors)


@app.command()
@pipeline_options
def ingest(
    paths: list[str] = typer.Argument(None, help="Files, directories, globs, or - for stdin."),
    db: Path = typer.Option(Path("dateline.duckdb"), "--db", help="DuckDB file to write."),
    from_parquet: Path | None = typer.Option(None, "--from-parquet",
                                             help="Load the --out folder of `dateline spark` instead of reading inputs."),
    dup_threshold: float | None = typer.Option(None, "--dup-threshold", min=0.01, max=1.0,
                                               help="Similarity at which articles are copies (the store's own, "
                                                    "else 0.5; a new value re-clusters the store)."),
    *,
    run: PipelineArgs,
):
    """Extract articles into a DuckDB store; each batch commits whole, so a rerun resumes."""
    check_language(run.language)  # a bad code is reported before the store opens
    if from_parquet is not None:
        return _ingest_parquet(from_parquet, db)
    if not paths:
        fail("give the inputs to ingest (files, directories, globs, -), or --from-parquet DIR")
    # a locked, foreign or unwritable store is reported before the model loads
    store = open_store(db, dup_threshold=dup_threshold)
    try:
        _ingest(store, db, paths, run.date, run.batch_size, run.max_chars, run.build())
    finally:
        store.close()


def _ingest(store, db: Path, paths: list[str], date: str | None, batch_size: int, max_chars: int,
            pipe: Pipeline) -> None:
    from .store import Stored

    errors: list = []
    other: list = []  # articles in a language some stages do not read
    stored = skipped = seen = errors_written = failed_stages = 0
    started = time.perf_counter()
    tty = sys.stderr.isatty()
    queued: set[str] = set()  # ids sent to the pipeline in this run

    def fresh():
        nonlocal skipped
        for item in inputs(paths, date, errors, max_chars, stored=store.text_of):
            aid = item.article.id
            if aid in queued or store.known([aid]):
                skipped += 1  # the same article again (unique_ids gave a changed text its own id)
                continue
            queued.add(aid)
            yield item

    progress = None
    if tty:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(SpinnerColumn(), TextColumn("{task.completed} articles"),
                            TextColumn("{task.fields[rate]:.1f} articles/s"),
                            TextColumn("errors {task.fields[errors]}"), TimeElapsedColumn(),
                            console=None, transient=False)
        task = progress.add_task("ingest", total=None, rate=0.0, errors=0)
        progress.start()

    batch: list[Stored] = []

    def commit():
        nonlocal stored, batch, errors_written
        stored += store.write_batch(batch, errors[errors_written:])  # errors since the last commit
        errors_written = len(errors)
        batch = []
        if not progress:
            typer.echo(f"dateline: committed {stored} articles ({rate():.1f} articles/s, "
                       f"errors {len(errors)})", err=True)

    def rate() -> float:
        return seen / max(time.perf_counter() - started, 1e-9)

    try:
        for item, rec in run_inputs(pipe, fresh(), errors, other):
            seen += 1
            failed_stages += bool(rec.errors)
            batch.append(Stored(rec, item.origin, item.raw))
            if progress:
                progress.update(task, completed=seen, rate=rate(), errors=len(errors))
            if len(batch) >= batch_size:
                commit()
        commit()
    finally:
        if progress:
            progress.stop()
    elapsed = time.perf_counter() - started
    partial = f", {failed_stages} stored without a failed stage's output" if failed_stages else ""
    foreign = f", {len(other)} not English (English-only stages not run)" if other else ""
    typer.echo(f"dateline: {stored} articles stored in {db} ({skipped} already there, "
               f"{len(errors)} errors{partial}{foreign}, {elapsed:.1f}s)", err=True)
    if stored + skipped == 0:
        nothing_read(errors)


def _ingest_parquet(folder: Path, db: Path) -> None:
    from .spark import ingest_parquet

    with open_store(db) as store:
        try:
            added, errors = ingest_parquet(str(folder), store)
        except FileNotFoundError as exc:
            fail(str(exc))
    typer.echo(f"dateline: {added} articles stored in {db} from {folder} ({errors} errors)", err=True)


@app.command()
def spark(
    paths: list[str] = typer.Argument(..., help="Inputs, any path Spark reads: files, directories, "
                                      "WARC/JSONL/text, or a .parquet table with article columns."),
    out: str = typer.Option(..., "--out", help="Folder for the Parquet tables (any path Spark writes)."),
    master: str | None = typer.Option(None, "--master",
                                      help="Spark master, e.g. local[2] (default: spark-submit's, else local[*])."),
    partitions: int | None = typer.Option(None, "--partitions", min=1,
                                          help="Partitions to process in (default: 2 per core)."),
    stages: str | None = StagesOpt,
    model: str = ModelOpt,
    date: str | None = DateOpt,
):
    """Run dateline on Apache Spark and write Parquet tables partitioned by year and month."""
    try:
        import pyspark  # noqa: F401
    except ModuleNotFoundError:
        fail("pyspark is not installed: pip install 'dateline[spark]' (Java 17 is needed too)")
    from .spark import run as run_spark

    names = None if stages is None else [s.strip() for s in stages.split(",") if s.strip()]
    try:
        counts = run_spark(paths, out, master=master, partitions=partitions, stages=names, model=model,
                           date=date)
    except (PipelineError, ValueError) as exc:
        fail(str(exc))
    typer.echo("dateline: " + ", ".join(f"{t} {n}" for t, n in counts.items()) + f" rows written to {out}",
               err=True)


@app.command()
def serve(db: Path = typer.Option(Path("dateline.duckdb"), "--db", help="The store to serve (opened read-only)."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          allow_extract: bool = typer.Option(False, "--allow-extract",
                                             help="Let POST /api/extract run dateline on posted text.")):
    """Serve a store: the JSON API under /api (OpenAPI at /openapi.json) and the web page at /."""
    try:
        import uvicorn

        from .serve import create_app
        from .store import migrations
    except ModuleNotFoundError as exc:
        fail(f"{exc.name} is not installed: pip install 'dateline[serve]'")
    with open_store(db, read_only=True) as store:
        pending = [m for m, _ in migrations() if m not in store.applied_migrations()]
    if pending:
        fail(f"{db} was written by an older dateline (missing {', '.join(pending)}): "
             f"run `dateline ingest` into it once to upgrade it")
    server = uvicorn.Server(uvicorn.Config(create_app(db, allow_extract=allow_extract), host=host, port=port,
                                           log_level="warning"))
    typer.echo(f"dateline: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    server.run()


@app.command()
def stats(db: Path = typer.Option(Path("dateline.duckdb"), "--db"),
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """Counts of what a store holds."""
    with open_store(db, read_only=True) as store:
        s = store.stats()
    if as_json:
        typer.echo(json.dumps(s, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"dateline store {db}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in s.items():
        if isinstance(v, int):
            table.add_row(k, str(v))
    Console().print(table)
    typer.echo(f"dates: {s['date_range'][0]} to {s['date_range'][1]}")
    if s["event_types"]:
        typer.echo("events by type: " + ", ".join(f"{k} {v}" for k, v in s["event_types"].items()))


@app.command()
def export(db: Path = typer.Option(Path("dateline.duckdb"), "--db"),
           fmt: ExportFmt = typer.Option(ExportFmt.jsonl, "--format"),
           out: Path = typer.Option(Path("export"), "--out", help="Directory to write into.")):
    """Write a store out: JSON Lines records, CSV / Parquet tables, PLOVER JSON, GDELT 2.0 event and
    mention tables, or the country network as GraphML (docs/export.md)."""
    with open_store(db, read_only=True) as store:
        try:
            paths = store.export(fmt.value, writable_folder(out))
        except (OSError, store.Error) as exc:
            fail(f"cannot write into {out}: {getattr(exc, 'strerror', None) or str(exc).splitlines()[0]}")
    for p in paths:
        typer.echo(str(p))


@app.command("eval")
def evaluate(name: EvalName = typer.Argument(..., help="What to score."),
             paths: list[str] = typer.Argument(None, help="Benchmark files or folders (default: ../shared)."),
             baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="Score the baseline too."),
             limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents."),
             as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON.")):
    """Score a stage against an outside benchmark (see docs/ for each)."""
    import importlib

    try:
        mod = importlib.import_module(f"dateline.eval.{name.value}")
    except ModuleNotFoundError:
        fail(f"no evaluation for {name.value} yet")
    try:
        result = mod.evaluate(paths or [], baseline=baseline, limit=limit)
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    typer.echo(json.dumps(result, indent=2) if as_json else mod.report(result))


class TrainName(str, Enum):
    events = "events"


@app.command()
def train(name: TrainName = typer.Argument(..., help="What to train."),
          out: Path | None = typer.Option(None, "--out", help="Folder for the weights (default: the package's)."),
          dev: bool = typer.Option(True, "--dev/--no-dev", help="Train on the PLOVER gold dev records too.")):
    """Rebuild the event classifier from the shared data (fixed seed; see docs/classifier.md)."""
    from .events.train import PLV
    from .events.train import train as train_events

    if not PLV.exists():
        fail(f"{PLV} is absent: training needs the shared datasets beside the project")
    model = train_events(out, use_dev=dev)
    where = out or "dateline/events/model"
    typer.echo(f"trained {len(model.types.vocab)} type features, {len(model.modes.classes)} modes, "
               f"temperature {model.types.temperature}; weights in {where}")


@app.command()
def schema():
    """Print the JSON Schema of the output record (dateline.article/3)."""
    from importlib import resources

    typer.echo((resources.files("dateline") / "schema" / "article-3.json").read_text())


def main():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("dateline: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
