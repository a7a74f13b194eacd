"""What the pipeline does with the parts of a page (``Record.segments``) once a stage has run.

One mechanism for every stage, so that no stage needs to know about pages:
- ``drop_furniture`` removes timexes, places, actor mentions, quotes and events whose span starts in
  a furniture segment (``record.FURNITURE``: kicker, byline, caption, related stories, page
  furniture); quotes in a headline go too ("Lawmakers: the vote is rigged" is the editor's summary of
  what the story quotes). References to what was removed are cleared.
- ``merge_headline_events`` keeps a headline's event once: when the body tells the same event (the
  first body event of the same type whose source and target do not differ in country or sector: a
  headline's "Police" is the lead's "Kenyan police") the body's event is kept and marked ``headline``;
  otherwise the headline's own event is kept, marked ``headline``.
"""

from __future__ import annotations

import bisect

from .record import FURNITURE, Event, Record, Segment


class Spans:
    """Sorted, non-overlapping (start, end) spans; ``covers(i)`` by bisection."""

    def __init__(self, segments: list[Segment], kinds) -> None:
        pairs = sorted((g.start, g.end) for g in segments if g.kind in kinds)
        self.starts = [s for s, _ in pairs]
        self.ends = [e for _, e in pairs]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def covers(self, i: int) -> bool:
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and i < self.ends[k]


def drop_furniture(record: Record) -> None:
    furniture = Spans(record.segments, FURNITURE)
    headline = Spans(record.segments, ("headline",))
    if not furniture and not headline:
        return
    record.timexes = [t for t in record.timexes if not furniture.covers(t.start)]
    record.places = [p for p in record.places if not furniture.covers(p.start)]
    for a in record.actors:
        a.mentions = [m for m in a.mentions if not furniture.covers(m.start)]
    record.actors = [a for a in record.actors if a.mentions]
    quotes = {q.id for q in record.quotes}
    record.quotes = [q for q in record.quotes if not furniture.covers(q.start) and not headline.covers(q.start)]
    gone = quotes - {q.id for q in record.quotes}
    events = {e.id for e in record.events}
    record.events = [e for e in record.events if not furniture.covers(e.trigger.start)]
    _clear_refs(record.events, events - {e.id for e in record.events}, gone)


def merge_headline_events(record: Record) -> None:
    headline = Spans(record.segments, ("headline",))
    if not headline:
        return
    heads = [e for e in record.events if headline.covers(e.trigger.start)]
    body = [e for e in record.events if not headline.covers(e.trigger.start)]
    replaced: dict[str, str] = {}
    for h in heads:
        h.headline = True
        same = next((b for b in body if _same(h, b)), None)
        if same is not None:
            same.headline = True
            replaced[h.id] = same.id
    if replaced:
        record.events = [e for e in record.events if e.id not in replaced]
        for e in record.events:
            if e.pair in replaced:
                e.pair = replaced[e.pair] if replaced[e.pair] != e.id else None


def _same(a: Event, b: Event) -> bool:
    """One event told twice: the same type and no side whose country or sector differ (a headline
    names actors more briefly than the story, so their actor ids seldom match)."""
    if a.type != b.type:
        return False
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x is None or y is None:
            continue
        if (x.country and y.country and x.country != y.country) or (x.sector and y.sector and x.sector != y.sector):
            return False
    return True


def _clear_refs(events: list[Event], gone_events: set[str], gone_quotes: set[str]) -> None:
    for e in events:
        if e.pair in gone_events:
            e.pair = None
        if e.quote in gone_quotes:
            e.quote = None


__all__ = ["Spans", "drop_furniture", "merge_headline_events"]
