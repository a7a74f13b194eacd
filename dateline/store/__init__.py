"""The embedded DuckDB store: schema by named migrations, transactional batch writes, exports.

Articles are keyed by their id (a content hash unless the input named one), so ingesting the
same article twice stores it once, and a killed ingest resumes where its last batch committed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..record import Record

TABLES = ("articles", "timexes", "actors", "actor_mentions", "events", "quotes", "places", "segments",
          "stage_errors", "ingest_errors")
CORPUS_TABLES = ("duplicates", "occurrences", "occurrence_mentions")  # what the corpus layer derives
CORPUS_MIGRATIONS = ("0004_corpus", "0005_corpus_dyads")


def migrations() -> list[tuple[str, str]]:
    """(name, sql) of every migration shipped, in order."""
    folder = resources.files(__package__) / "migrations"
    return sorted((p.name.removesuffix(".sql"), p.read_text()) for p in folder.iterdir()
                  if p.name.endswith(".sql"))


@dataclass
class Stored:
    record: Record
    origin: str = ""
    raw: str | None = None


class StoreError(Exception):
    """A store that cannot be opened as asked; the message is one line for the user."""


class Store:
    """``corpus``: keep near-duplicates and occurrences up to date at each write (docs/corpus.md);
    ``dup_threshold``: the similarity at which articles are copies (a store keeps one; a new
    value re-clusters it)."""

    from duckdb import Error  # what the database raises, for callers that catch it

    def __init__(self, path: str | Path = "dateline.duckdb", read_only: bool = False, corpus: bool = True,
                 dup_threshold: float | None = None):
        """Open (or, writable, create) a store. Raises StoreError, saying what is wrong, for a
        missing, locked, foreign, damaged or unwritable file, before any work is done."""
        import duckdb

        self.path = str(path)
        self._types: dict[str, dict] = {}  # table -> column -> Arrow type (``_arrow_types``)
        where = Path(path)
        if read_only and not where.exists():
            raise StoreError(f"no store at {path} (run `dateline ingest` first)")
        if where.is_dir():
            raise StoreError(f"{path} is a folder, not a store file")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(_open_problem(path, exc)) from None
        try:
            self._check_ours(read_only)
            if not read_only:
                self.migrate()
            self.corpus = corpus and not read_only and set(CORPUS_MIGRATIONS) <= set(self.applied_migrations())
            if self.corpus:
                from .corpus import catch_up

                with self._transaction():
                    catch_up(self.con, dup_threshold)
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def _check_ours(self, read_only: bool) -> None:
        """A DuckDB file of someone else's (tables, but none of our migrations) is left alone;
        a read-only store must already be at the shipped schema."""
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "_migrations" not in tables:
            if tables or read_only:
                raise StoreError(f"{self.path} is a DuckDB database but not a dateline store "
                                 f"(it has no dateline tables); give another --db")
            return
        if read_only:
            missing = [n for n, _ in migrations() if n not in set(self.applied_migrations())]
            if missing:
                raise StoreError(f"{self.path} was made by an older dateline (missing {', '.join(missing)}); "
                                 f"run `dateline ingest` on it once to upgrade")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextmanager
    def _transaction(self):
        """All or nothing: a failure rolls the whole block back."""
        self.con.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- schema ------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded in the database; return their names."""
        self.con.execute("CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, "
                         "applied_at TIMESTAMP DEFAULT current_timestamp)")
        done = {r[0] for r in self.con.execute("SELECT name FROM _migrations").fetchall()}
        applied = []
        for name, sql in migrations():
            if name in done:
                continue
            with self._transaction():
                self.con.execute(sql)
                self.con.execute("INSERT INTO _migrations (name) VALUES (?)", [name])
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]

    # -- writing -----------------------------------------------------------------------------
    def known(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def text_of(self, article_id: str) -> str | None:
        """The text stored under an id, or None."""
        row = self.con.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def write_batch(self, items: Iterable[Stored], errors: Iterable = ()) -> int:
        """Write records and errors in one transaction; articles already stored are skipped.
        Returns how many articles were added."""
        items = list(items)
        errors = list(errors)
        added, new = [], []
        with self._transaction():
            have = self.known(s.record.article.id for s in items)
            for s in items:
                aid = s.record.article.id
                if aid in have:
                    continue
                have.add(aid)
                new.append(s)
                added.append((aid, s.record.article.text, s.record.segments))
            self._insert(new)
            if self.corpus:
                from .corpus import update
                from .dedup import content

                update(self.con, [(aid, content(text, [(g.kind, g.start, g.end) for g in segs]))
                                  for aid, text, segs in added])
            for e in errors:  # one row per origin and reason, however often the input is re-run
                self.con.execute("INSERT INTO ingest_errors (origin, message, raw) SELECT ?, ?, ? WHERE NOT EXISTS "
                                 "(SELECT 1 FROM ingest_errors WHERE origin = ? AND message = ?)",
                                 [e.origin, e.message, e.raw, e.origin, e.message])
        return len(added)

    def _insert(self, items: list[Stored]) -> None:
        """Every row of these records, one bulk insert per table."""
        tables: dict[str, list] = {}
        for s in items:
            for table, rows in _rows(s).items():
                tables.setdefault(table, []).extend(rows)
        for table, rows in tables.items():
            self._many(table, rows, ARTICLE_COLUMNS if table == "articles" else None)

    def _many(self, table: str, rows: list, columns: tuple[str, ...] | None = None) -> None:
        """Insert rows (tuples in the order of ``columns``, else of the table's columns) in one
        statement, as an Arrow table that DuckDB casts to the columns' types: ``executemany``
        binds row by row and took longer than the pipeline's stages on a batch of articles."""
        if not rows:
            return
        import pyarrow as pa

        types = self._arrow_types(table)
        names = columns or list(types)
        cols = zip(*rows, strict=True)
        data = pa.table({f"c{i}": pa.array(col, type=types[name])
                         for i, (col, name) in enumerate(zip(cols, names, strict=True))})
        into = f"{table} ({', '.join(names)})" if columns else table
        self.con.register("_dateline_rows", data)
        try:
            self.con.execute(f"INSERT INTO {into} SELECT * FROM _dateline_rows")
        finally:
            self.con.unregister("_dateline_rows")

    def _arrow_types(self, table: str) -> dict:
        """column -> the Arrow type its Python values are given before DuckDB casts them (dates
        and JSON travel as strings, as they did as parameters)."""
        if table not in self._types:
            self._types[table] = {name: _arrow_type(t) for name, t in self.con.execute(
                f"SELECT name, type FROM pragma_table_info('{table}')").fetchall()}
        return self._types[table]

    # -- reading -----------------------------------------------------------------------------
    def stats(self) -> dict:
        out = {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        if "0004_corpus" in self.applied_migrations():  # the corpus layer: copies and merged events
            out.update({t: self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                        for t in ("duplicates", "occurrences")})
        lo, hi = self.con.execute("SELECT min(date), max(date) FROM articles").fetchone()
        out["date_range"] = [str(lo) if lo else None, str(hi) if hi else None]
        out["event_types"] = dict(self.con.execute(
            "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1").fetchall())
        out["migrations"] = self.applied_migrations()
        return out

    def records(self) -> Iterable[dict]:
        for (rec,) in self.con.execute("SELECT record FROM articles ORDER BY date, id").fetchall():
            yield json.loads(rec)

    def export(self, fmt: str, out_dir: str | Path) -> list[Path]:
        """Write the store out in a format of ``dateline.export``: records (jsonl, PLOVER JSON),
        GDELT event and mention tables of the occurrences, csv/parquet tables, GraphML network."""
        from ..export import write_store

        tables = (*TABLES, *CORPUS_TABLES) if "0004_corpus" in self.applied_migrations() else TABLES
        return write_store(self.con, self.records, fmt, out_dir, tables)


def _open_problem(path, exc: Exception) -> str:
    """duckdb's message on a failed open, as one line that says what to do."""
    msg = str(exc)
    if "lock" in msg.lower():
        pid = re.search(r"PID (\d+)", msg)
        holder = f" (process {pid.group(1)})" if pid else ""
        return f"{path} is in use by another process{holder}, such as a running ingest: wait for it to finish"
    if "not a valid DuckDB database" in msg or "database file" in msg.lower():
        return f"{path} is not a DuckDB database (or it is damaged); give another --db"
    if "Permission denied" in msg or "Read-only file system" in msg:
        return f"cannot write {path}: permission denied; give a --db in a folder you can write"
    if "Not a directory" in msg or "No such file or directory" in msg:
        return f"cannot create {path}: its folder does not exist or is a file"
    return f"cannot open {path}: {msg.splitlines()[0]}"


def _span_columns(span) -> tuple:
    """(start, end, text) of an optional span, as the tables store it."""
    return (span.start, span.end, span.text) if span is not None else (None, None, None)


ARTICLE_COLUMNS = ("id", "date", "title", "source", "url", "text", "origin", "raw", "record", "language")


def _rows(s: Stored) -> dict[str, list[tuple]]:
    """table -> the rows of one record, each in its table's column order."""
    rec = s.record
    a = rec.article
    aid = a.id
    out = {"articles": [(aid, a.date, a.title, a.source, a.url, a.text, s.origin, s.raw,
                         json.dumps(rec.to_dict(), ensure_ascii=False), a.language)]}
    out["timexes"] = [(aid, i, t.start, t.end, t.text, t.type, t.value, t.mod) for i, t in enumerate(rec.timexes)]
    out["actors"] = [(aid, x.id, x.name, x.country, x.sector, x.role, x.country_from) for x in rec.actors]
    out["actor_mentions"] = [(aid, x.id, j, m.start, m.end, m.text)
                             for x in rec.actors for j, m in enumerate(x.mentions)]
    out["events"] = [_event_row(aid, e) for e in rec.events]
    out["quotes"] = [_quote_row(aid, q) for q in rec.quotes]
    out["places"] = [(aid, p.id, p.start, p.end, p.text, p.name, p.country, p.admin1, p.lat, p.lon, p.feature,
                      p.geonames_id) for p in rec.places]
    out["segments"] = [(aid, i, g.kind, g.start, g.end) for i, g in enumerate(rec.segments)]
    out["stage_errors"] = [(aid, i, x.stage, x.message) for i, x in enumerate(rec.errors)]
    return out


def _event_row(aid: str, e) -> tuple:
    row = [aid, e.id, e.type, e.mode, e.contexts, e.cameo, e.quad_class, e.goldstein]
    for ref in (e.source, e.target):
        row += [ref.actor, ref.text, ref.start, ref.end, ref.country, ref.sector] if ref else [None] * 6
    row += [e.date.value, e.date.start, e.date.end, e.date.from_, e.location, e.status,
            e.trigger.start, e.trigger.end, e.trigger.text, e.sentence.start, e.sentence.end,
            e.confidence, e.quote, e.source.country_from if e.source else None,
            e.target.country_from if e.target else None, e.pair, e.headline]
    return tuple(row)


def _quote_row(aid: str, q) -> tuple:
    sp = q.speaker
    return (aid, q.id, q.start, q.end, q.text, q.kind,
            *((sp.actor, sp.name, sp.text, sp.start, sp.end) if sp else [None] * 5),
            *_span_columns(q.cue), *_span_columns(q.addressee), *_span_columns(q.medium))


def _arrow_type(duck: str):
    import pyarrow as pa

    if duck.endswith("[]"):
        return pa.list_(_arrow_type(duck[:-2]))
    return {"INTEGER": pa.int64(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
            "BOOLEAN": pa.bool_()}.get(duck, pa.string())
