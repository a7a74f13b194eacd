"""Output for a person at a terminal (``--format text``, ``query --format table``) and the plain
row formats (csv, json) of ``dateline query``.

Tables must read at 80 columns (a default terminal, and what rich assumes for piped output): a
table is drawn only when every column fits its longest word, so text folds on spaces and never
inside a word ("Japanes / e"); otherwise each row becomes a block of ``column: value`` lines.
"""

from __future__ import annotations

import csv
import json
import sys
import textwrap
from datetime import date, datetime

from rich.console import Console
from rich.table import Table

from .record import Record


def cell(v) -> str:
    """A value as text: empty for a missing one (never "None" or "nan")."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, list | tuple):
        return ", ".join(cell(x) for x in v)
    return str(v)


def _widths(columns: list[str], rows: list[list[str]], width: int) -> list[int] | None:
    """Column widths that fit the table in ``width`` without breaking a word (each column at
    least its longest word, the room left shared by how much more each would take), or None.
    A column costs three more characters: a border and a space each side."""
    lo, hi = [], []
    for i, c in enumerate(columns):
        cells = [r[i] for r in rows] + [c]
        lo.append(max(len(w) for x in cells for w in (x.split() or [""])) or 1)
        hi.append(max(len(x) for x in cells) or 1)
    room = width - 3 * len(columns) - 1
    if sum(lo) > room:
        return None
    if sum(hi) <= room:
        return hi
    spare, want = room - sum(lo), sum(h - m for h, m in zip(hi, lo, strict=True))
    return [m + (h - m) * spare // want for h, m in zip(hi, lo, strict=True)]


def show_table(console: Console, title: str, columns: list[str], rows: list[list]) -> None:
    """A table at the console's width, or one block per row when a table would break words."""
    if not rows:
        return
    text = [[cell(v) for v in r] for r in rows]
    widths = _widths(columns, text, console.width)
    if widths:
        t = Table(title=title, title_justify="left", show_lines=False)
        for c, w in zip(columns, widths, strict=True):
            t.add_column(c, width=w, overflow="fold")
        for r in text:
            t.add_row(*r)
        console.print(t)
        return
    console.print(f"[bold]{title}[/bold]" if title else "")
    label = max(len(c) for c in columns)
    wrap = max(console.width - label - 4, 20)
    for i, r in enumerate(text):
        lines = []
        for c, v in zip(columns, r, strict=True):
            if not v:
                continue
            parts = textwrap.wrap(v, wrap, break_long_words=False, break_on_hyphens=False) or [""]
            lines.append(f"  {c.rjust(label)}  {parts[0]}")
            lines += [" " * (label + 4) + p for p in parts[1:]]
        console.print(("" if i == 0 else "\n") + "\n".join(lines), markup=False, highlight=False, soft_wrap=True)


def write_rows(rows: list[dict], fmt: str, title: str = "", out=None, console: Console | None = None,
               brief: list[str] | None = None) -> None:
    """Rows of a query as ``table`` (for a person: the ``brief`` columns where given, headers
    folding at their underscores), ``csv`` (a header, empty for missing values) or ``json`` (a list
    of objects, dates as ISO strings)."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=_json_default) + "\n")
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        if columns:
            w.writerow(columns)
        w.writerows([cell(r[c]) if not isinstance(r[c], bool) else str(r[c]).lower() for c in columns]
                    for r in rows)
        return
    console = console or Console()
    if not rows:
        console.print(f"{title}: nothing found" if title else "nothing found")
        return
    columns = [c for c in brief if c in columns] if brief else columns
    show_table(console, title, [c.replace("_", " ") for c in columns], [[r[c] for c in columns] for r in rows])


def _json_default(v):
    if isinstance(v, date | datetime):
        return v.isoformat()
    raise TypeError(f"cannot write {type(v).__name__} as JSON")


def _code(ref) -> str | None:
    """An event side as its words and its code: 'Japanese Prime Minister JPNGOV'."""
    if ref is None:
        return None
    code = (ref.country or "") + (ref.sector or "")
    return f"{ref.text} {code}" if code else ref.text


def render_text(rec: Record, console: Console | None = None) -> None:
    console = console or Console()
    a = rec.article
    console.rule(f"[bold]{a.title or a.id}[/bold]  {a.date or 'no date'}")
    console.print(f"id {a.id}  {len(a.text.split())} words" + (f"  {a.url}" if a.url else ""))
    tables = [
        ("Events", ["type", "source", "target", "date", "status", "trigger", "cameo", "quote"],
         [[e.type + (f"/{e.mode}" if e.mode else ""), _code(e.source), _code(e.target),
           e.date.value, e.status, e.trigger.text, e.cameo, e.quote] for e in rec.events]),
        ("Actors", ["id", "name", "country", "sector", "role", "mentions"],
         [[x.id, x.name, x.country, x.sector, x.role, len(x.mentions)] for x in rec.actors]),
        ("Time", ["text", "type", "value", "mod"], [[t.text, t.type, t.value, t.mod] for t in rec.timexes]),
        ("Quotes", ["speaker", "kind", "to / via", "quote"],
         [[q.speaker and (q.speaker.name or q.speaker.text), q.kind,
           " / ".join(x.text for x in (q.addressee, q.medium) if x),
           q.text if len(q.text) < 120 else q.text[:117] + "..."] for q in rec.quotes]),
        ("Places", ["text", "name", "country", "feature", "lat, lon"],
         [[p.text, p.name, p.country, p.feature,
           f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None else None] for p in rec.places]),
    ]
    shown = [t for t in tables if t[2]]
    for title, columns, rows in shown:
        show_table(console, title, columns, rows)
    if not shown:
        console.print("nothing extracted")
