"""The corpus commands of ``dateline``: ``query`` and ``plot`` over a store (docs/corpus.md).

They print the rows of ``dateline.store.queries`` and draw them with ``dateline.plot``; cli.py
registers both groups.
"""

from __future__ import annotations

from pathlib import Path

import typer

query_app = typer.Typer(no_args_is_help=True, help="Ask a store the questions analysts ask (docs/corpus.md).")
QDbOpt = typer.Option(Path("dateline.duckdb"), "--db", help="DuckDB store to read.")
QFmtOpt = typer.Option("table", "--format", help="table (for a person), csv or json.")
FromOpt = typer.Option(None, "--from", help="First day, YYYY-MM-DD.")
ToOpt = typer.Option(None, "--to", help="Last day, YYYY-MM-DD.")
UnitOpt = typer.Option(False, "--mentions", help="Count every article's mention events, not occurrences.")


# What a table at 80 columns shows of the wider rows (csv and json give every column).
BRIEF = {"events": ["date", "type", "source", "target", "status", "trigger", "outlet", "duplicate_of"],
         "occurrences": ["id", "date", "type", "source", "target", "place", "num_mentions", "num_articles",
                         "num_sources"],
         "quotes": ["date", "outlet", "speaker", "text"]}


def run_query(db: Path, fmt: str, title: str, fn, *args, brief: str | None = None, **kwargs) -> None:
    """Open the store read-only, run one function of dateline.store.queries, print its rows."""
    from .cli import fail, open_store
    from .render import write_rows

    if fmt not in ("table", "csv", "json"):
        fail(f"--format {fmt!r}: choose table, csv or json")
    with open_store(db, read_only=True) as store:
        try:
            rows = fn(store, *args, **kwargs)
        except ValueError as exc:
            fail(str(exc))
    write_rows(rows, fmt, title, brief=BRIEF.get(brief))


@query_app.command("events")
def query_events(db: Path = QDbOpt, fmt: str = QFmtOpt,
                 type: str | None = typer.Option(None, "--type", help="PLOVER event type."),
                 source: str | None = typer.Option(None, "--source", help="Source: ISO3 or ISO3+sector (CHNGOV)."),
                 target: str | None = typer.Option(None, "--target", help="Target: ISO3 or ISO3+sector."),
                 country: str | None = typer.Option(None, "--country", help="Either side's country."),
                 date_from: str | None = FromOpt, date_to: str | None = ToOpt,
                 status: str | None = typer.Option(None, "--status", help="asserted, planned, negated, ..."),
                 min_confidence: float | None = typer.Option(None, "--min-confidence"),
                 occurrences: bool = typer.Option(False, "--occurrences",
                                                  help="Merged events (one per occurrence) instead of mentions."),
                 sort: str = typer.Option("date", "--sort", help="date, or mentions (most reported first)."),
                 limit: int = typer.Option(50, "--limit", min=1)):
    """Events matching the filters: mention events, or merged occurrences."""
    from .store import queries

    run_query(db, fmt, "Occurrences" if occurrences else "Events", queries.events,
              brief="occurrences" if occurrences else "events", type=type, source=source,
              target=target, country=country, date_from=date_from, date_to=date_to, status=status,
              min_confidence=min_confidence, occurrences=occurrences, sort=sort, limit=limit)


@query_app.command("dyad")
def query_dyad(source: str = typer.Argument(..., help="ISO3 or ISO3+sector (CHNGOV)."),
               target: str = typer.Argument(..., help="ISO3 or ISO3+sector."),
               db: Path = QDbOpt, fmt: str = QFmtOpt,
               by: str = typer.Option("month", "--by", help="day, week, month or year."),
               date_from: str | None = FromOpt, date_to: str | None = ToOpt, mentions: bool = UnitOpt):
    """SOURCE's events towards TARGET per period: count, Goldstein sum, QuadClass split."""
    from .store import queries

    run_query(db, fmt, f"{source} -> {target} by {by}", queries.dyad, source, target, by=by,
              date_from=date_from, date_to=date_to, unit="mentions" if mentions else "occurrences")


@query_app.command("actors")
def query_actors(db: Path = QDbOpt, fmt: str = QFmtOpt, top: int = typer.Option(20, "--top", min=1),
                 date_from: str | None = FromOpt, date_to: str | None = ToOpt, mentions: bool = UnitOpt):
    """The most active actors, by events as source and as target."""
    from .store import queries

    run_query(db, fmt, "Actors", queries.actors, top=top, date_from=date_from, date_to=date_to,
              unit="mentions" if mentions else "occurrences")


@query_app.command("network")
def query_network(db: Path = QDbOpt, fmt: str = QFmtOpt, date_from: str | None = FromOpt,
                  date_to: str | None = ToOpt, min_weight: int = typer.Option(1, "--min-weight", min=1),
                  mentions: bool = UnitOpt):
    """Weighted country-to-country edges."""
    from .store import queries

    run_query(db, fmt, "Network", queries.network, date_from=date_from, date_to=date_to,
              min_weight=min_weight, unit="mentions" if mentions else "occurrences")


@query_app.command("quotes")
def query_quotes(db: Path = QDbOpt, fmt: str = QFmtOpt,
                 speaker: str | None = typer.Option(None, "--speaker", help="Words of the speaker's name."),
                 text: str | None = typer.Option(None, "--text", help="Words the quote contains (all of them)."),
                 limit: int = typer.Option(50, "--limit", min=1)):
    """Quotes by speaker or by their words."""
    from .store import queries

    if not speaker and not text:
        from .cli import fail

        fail("give --speaker NAME or --text WORDS")
    run_query(db, fmt, "Quotes", queries.quotes, brief="quotes", speaker=speaker, text=text, limit=limit)


plot_app = typer.Typer(no_args_is_help=True, help="Draw a store's events (docs/corpus.md): PNG or SVG.")
PlotOutOpt = typer.Option(..., "--out", help="The file to write: .png or .svg.")
ByOpt = typer.Option("month", "--by", help="day, week, month or year.")


def run_plot(db: Path, fn, *args, **kwargs) -> None:
    """Open the store read-only, draw one plot of dateline.plot, print the file's name."""
    from . import plot
    from .cli import fail, open_store

    with open_store(db, read_only=True) as store:
        try:
            path = getattr(plot, fn)(store, *args, **kwargs)
        except ValueError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"cannot write {kwargs.get('out') or args[-1]}: {exc.strerror or exc}")
    typer.echo(str(path))


@plot_app.command("dyad")
def plot_dyad(source: str = typer.Argument(..., help="ISO3 or ISO3+sector (CHNGOV)."),
              target: str = typer.Argument(..., help="ISO3 or ISO3+sector."),
              out: Path = PlotOutOpt, db: Path = QDbOpt, by: str = ByOpt, date_from: str | None = FromOpt,
              date_to: str | None = ToOpt, mentions: bool = UnitOpt):
    """A timeline of SOURCE's events towards TARGET, coloured by QuadClass, with the Goldstein sum."""
    run_plot(db, "dyad", source, target, out, by=by, date_from=date_from, date_to=date_to,
             unit="mentions" if mentions else "occurrences")


@plot_app.command("network")
def plot_network(out: Path = PlotOutOpt, db: Path = QDbOpt, date_from: str | None = FromOpt,
                 date_to: str | None = ToOpt, min_weight: int = typer.Option(1, "--min-weight", min=1),
                 top: int = typer.Option(40, "--top", min=2, help="Draw the N most active countries."),
                 mentions: bool = UnitOpt):
    """The country network: edges weighted by events, coloured by mean Goldstein."""
    run_plot(db, "network", out, date_from=date_from, date_to=date_to, min_weight=min_weight, top=top,
             unit="mentions" if mentions else "occurrences")


@plot_app.command("activity")
def plot_activity(country: str = typer.Option(..., "--country", help="ISO3 code."), out: Path = PlotOutOpt,
                  db: Path = QDbOpt, by: str = ByOpt, date_from: str | None = FromOpt, date_to: str | None = ToOpt,
                  mentions: bool = UnitOpt):
    """A country's events as source and as target over time, by QuadClass."""
    run_plot(db, "activity", country, out, by=by, date_from=date_from, date_to=date_to,
             unit="mentions" if mentions else "occurrences")
