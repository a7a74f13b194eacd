"""Pure look-ups over a filled record, for the quotes and events stages."""

from __future__ import annotations

from ..record import Actor, Record


def actors_at(record: Record, start: int, end: int) -> list[Actor]:
    """Every actor with a mention overlapping [start, end), best first (see ``actor_at``)."""
    scored = []
    for a in record.actors:
        best = None
        for m in a.mentions:
            if m.end <= start or m.start >= end:
                if not (m.start == m.end == start):
                    continue
            if (m.start, m.end) == (start, end):
                key = (0, 0, 0)
            elif m.start <= start and m.end >= end:
                key = (1, m.end - m.start, 0)  # covers the span: the tighter the better
            else:
                overlap = min(end, m.end) - max(start, m.start)
                key = (2, abs(m.start - start), -overlap)  # inside the span: the one it starts with
            if best is None or key < best:
                best = key
        if best is not None:
            scored.append((best, a))
    scored.sort(key=lambda x: x[0])
    return [a for _, a in scored]


def actor_at(record: Record, start: int, end: int) -> Actor | None:
    """The actor whose mention covers or overlaps the character span [start, end) best: an exact
    mention first, then the tightest mention covering the span, then the mention the span starts with."""
    found = actors_at(record, start, end)
    return found[0] if found else None


def actor_for_token(record: Record, token) -> Actor | None:
    """The actor mentioned by the noun phrase that the spaCy ``token`` heads (a name, a title,
    a pronoun): the actor with the tightest mention containing the token, else None. A phrase
    that only contains an actor ("Kim's visit") is not that actor."""
    t0, t1 = token.idx, token.idx + len(token.text)
    best, best_len = None, None
    for a in record.actors:
        for m in a.mentions:
            if m.start <= t0 and m.end >= t1 and (best_len is None or m.end - m.start < best_len):
                best, best_len = a, m.end - m.start
    return best
