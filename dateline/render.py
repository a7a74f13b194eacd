"""A readable summary of a record for a person at a terminal (``--format text``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .record import Record


def _table(title: str, columns: list[str], rows: list[list]) -> Table | None:
    if not rows:
        return None
    t = Table(title=title, title_justify="left", show_lines=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*["" if v is None else str(v) for v in r])
    return t


def render_text(rec: Record, console: Console | None = None) -> None:
    console = console or Console()
    a = rec.article
    console.rule(f"[bold]{a.title or a.id}[/bold]  {a.date or 'no date'}")
    console.print(f"id {a.id}  {len(a.text.split())} words" + (f"  {a.url}" if a.url else ""))
    tables = [
        _table("Events", ["type", "source", "target", "date", "status", "trigger", "cameo", "quote"],
               [[e.type + (f"/{e.mode}" if e.mode else ""),
                 e.source and f"{e.source.text} ({e.source.country or '?'})",
                 e.target and f"{e.target.text} ({e.target.country or '?'})",
                 e.date.value, e.status, e.trigger.text, e.cameo, e.quote] for e in rec.events]),
        _table("Actors", ["id", "name", "country", "sector", "role", "mentions"],
               [[x.id, x.name, x.country, x.sector, x.role, len(x.mentions)] for x in rec.actors]),
        _table("Time", ["text", "type", "value", "mod"], [[t.text, t.type, t.value, t.mod] for t in rec.timexes]),
        _table("Quotes", ["speaker", "kind", "to / via", "quote"],
               [[q.speaker and (q.speaker.name or q.speaker.text), q.kind,
                 " / ".join(x.text for x in (q.addressee, q.medium) if x),
                 q.text if len(q.text) < 120 else q.text[:117] + "..."] for q in rec.quotes]),
        _table("Places", ["text", "name", "country", "feature", "lat, lon"],
               [[p.text, p.name, p.country, p.feature,
                 f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None else None] for p in rec.places]),
    ]
    shown = [t for t in tables if t is not None]
    for t in shown:
        console.print(t)
    if not shown:
        console.print("nothing extracted")
