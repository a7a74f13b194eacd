"""Long articles in windows: an article longer than a window is cut at paragraph breaks into
windows, each parsed and run through the stages on its own, and the windows' records are merged
into one record over the whole text. Time and memory then grow with the length, not its square,
and no window's work depends on the article's size.

Merging shifts every offset by the window's start, numbers ids afresh across the article, and
makes one actor of the same name, country and sector found in several windows. What a stage
links across paragraphs (a pronoun to a name, a quote running over paragraphs) is kept within
a window and lost across a window's edge; windows are large (``WINDOW_CHARS``) so that this is rare.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields, is_dataclass, replace

from .record import Article, Record, StageError

WINDOW_CHARS = 100_000


def windows(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each window (of ``size``, default WINDOW_CHARS): the whole text when it
    fits, else pieces cut at paragraph breaks (see ``chunk_text``)."""
    from .pipeline import chunk_text

    size = size or WINDOW_CHARS
    return [(0, len(text))] if len(text) <= size else chunk_text(text, size)


def window_article(article: Article, start: int, end: int) -> Article:
    return replace(article, text=article.text[start:end])


def shift(obj, offset: int, done: set[int] | None = None) -> None:
    """Add ``offset`` to every ``start`` and ``end`` in a record part, in place, once per object
    (stages share objects: one speaker for several quotes, one date for several events)."""
    done = set() if done is None else done
    if isinstance(obj, list):
        for x in obj:
            shift(x, offset, done)
        return
    if not is_dataclass(obj) or id(obj) in done:
        return
    done.add(id(obj))
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.name in ("start", "end") and isinstance(value, int):
            setattr(obj, f.name, value + offset)
        elif is_dataclass(value) or isinstance(value, list):
            shift(value, offset, done)


def merge(article: Article, parts: list[tuple[int, int, Record]], segments: list | None = None) -> Record:
    """One record over ``article`` from the (start, end, record) of each of its windows; the
    article's own ``segments`` (each window saw its part of them)."""
    out = Record(article=article, segments=list(segments or []))
    counters: dict[str, int] = defaultdict(int)
    actors: dict[tuple, object] = {}

    def fresh(old: str) -> str:
        prefix = old.rstrip("0123456789")
        counters[prefix] += 1
        return f"{prefix}{counters[prefix]}"

    for n, (start, end, rec) in enumerate(parts, 1):
        shift([rec.timexes, rec.actors, rec.places, rec.quotes, rec.events], start)
        ids: dict[str, str] = {}
        for a in rec.actors:
            same = actors.get((a.name, a.country, a.sector))
            if same is not None:
                same.mentions.extend(a.mentions)
                ids[a.id] = same.id
                continue
            ids[a.id] = a.id = fresh(a.id)
            actors[(a.name, a.country, a.sector)] = a
            out.actors.append(a)
        for item in (*rec.places, *rec.quotes, *rec.events):
            ids[item.id] = item.id = fresh(item.id)
        # speakers and event arguments may be shared objects: each is renamed once
        refs = {id(r): r for r in [q.speaker for q in rec.quotes] + [e.source for e in rec.events]
                + [e.target for e in rec.events] if r is not None and r.actor is not None}
        for r in refs.values():
            r.actor = ids.get(r.actor, r.actor)
        for e in rec.events:
            e.location, e.quote, e.pair = (ids.get(x, x) if x else x for x in (e.location, e.quote, e.pair))
        out.timexes += rec.timexes
        out.places += rec.places
        out.quotes += rec.quotes
        out.events += rec.events
        out.errors += [StageError(x.stage, f"window {n} of {len(parts)} (characters {start:,} to {end:,}): "
                                           f"{x.message}") for x in rec.errors]
    return out
