"""Two-sided events: "X and Y met", "talks between X and Y", "the two countries agreed".

PLOVER codes a joint action of two sides as one event each way; we emit both directions and link
them through ``Event.pair`` (one occurrence). "The two countries", "both sides" stand for the two
sides of the last two-sided event told before, else for the last two countries the article named.
"""

from __future__ import annotations

from dataclasses import replace

from dateline.record import ArgRef


def two_sided(entry, cues) -> bool:
    """A joint action: a meeting-like predicate (``reciprocal``) or a type in ``two_sided_types``."""
    return bool(entry.reciprocal) or entry.type in cues["two_sided_types"]


def pair_sides(events: list) -> None:
    """The two events of one trigger with two sources and no target become one event each way:
    A->B and B->A, each the other's ``pair``."""
    if len(events) != 2 or any(e.target is not None or e.source is None for e in events):
        return
    a, b = events
    if a.source.actor is not None and a.source.actor == b.source.actor:
        return
    a.target, b.target = b.source, a.source
    a.pair, b.pair = b.id, a.id


def both_sides_subject(tok, cues) -> bool:
    """"the two countries", "both sides", "the two governments": a subject naming two sides."""
    return tok.lemma_.lower() in cues["side_nouns"] and any(
        c.lower_ in cues["two_words"] for c in tok.children if c.dep_ in ("nummod", "det", "predet", "amod"))


def the_two_sides(tok, events, record) -> list[ArgRef]:
    """The two sides "the two countries" stands for: those of the last two-sided event before it,
    else the two actors the actors stage joined the phrase to (the two countries the text has been
    about), else the last two countries named before it (each as the words that named it)."""
    for e in reversed(events):
        if e.pair is not None and e.trigger.start < tok.idx and e.source is not None and e.target is not None:
            return [_as_side(e.source, tok, record), _as_side(e.target, tok, record)]
    start, end = tok.left_edge.idx, tok.idx + len(tok.text)
    joined = [a for a in record.actors if a.country and any(m.start <= start and end <= m.end for m in a.mentions)]
    if len(joined) == 2 and joined[0].country != joined[1].country:
        return [_as_side(ArgRef(actor=a.id, text=a.name, start=start, end=end, country=a.country, sector=a.sector),
                         tok, record) for a in joined]
    seen: dict[str, ArgRef] = {}
    mentions = sorted(((m.start, m.end, m.text, a) for a in record.actors for m in a.mentions if a.country),
                      key=lambda x: x[0])
    for start, end, text, actor in mentions:
        if end > tok.idx:
            break
        seen.pop(actor.country, None)  # keep the latest mention of each country, in order
        seen[actor.country] = ArgRef(actor=actor.id, text=text, start=start, end=end, country=actor.country,
                                     sector=actor.sector)
    sides = list(seen.values())[-2:]
    return [_as_side(s, tok, record) for s in sides] if len(sides) == 2 else []


def _as_side(ref: ArgRef, tok, record) -> ArgRef:
    """The side as this phrase names it ("the two countries"): its words, the side's actor and country."""
    start, end = tok.left_edge.idx, tok.idx + len(tok.text)
    return replace(ref, text=record.article.text[start:end], start=start, end=end, country_from="coreference")
