"""Hand-built records for the corpus tests: articles whose events we state, without running spaCy."""

from __future__ import annotations

from dateline.record import ArgRef, Article, Event, EventDate, Place, Record, SentenceSpan, Span

WIRE = ("Chinese and Japanese foreign ministers met in Tokyo on Monday for three hours of talks on fishing "
        "rights in the East China Sea, the first such meeting in two years. Both sides described the talks as "
        "frank. A joint statement promised a hotline between the two coast guards before the summer, and "
        "officials said working groups would meet again next month in Beijing to draft the details.")
MET = dict(type="CONSULT", trigger="met", source="CHNGOV", target="JPNGOV", date="2026-01-05",
           place=("Tokyo", "JPN", "city"), cameo="040", quad=1, goldstein=1.0)


def stories_store(path):
    """A store at ``path`` holding ``stories()``, for the tests that query or plot them."""
    from dateline.store import Store, Stored

    with Store(path) as s:
        s.write_batch([Stored(r) for r in stories()])
    return path


def stories():
    """Two copies of a wire story, an independent report of the same meeting, and other events."""
    copy = WIRE.replace("frank", "frank and useful").replace("before the summer", "by June")
    return [
        record(WIRE, "2026-01-06", "AP", [MET]),
        record(copy, "2026-01-07", "Daily Star", [MET]),
        record("Beijing's top diplomat sat down with his counterpart in the Japanese capital at the start of the "
               "week, a foreign ministry spokesman told reporters.", "2026-01-08", "Reuters",
               [dict(type="CONSULT", trigger="sat down", source="CHNGOV", target="JPNGOV", cameo="040", quad=1,
                     goldstein=1.0, place=("Japanese capital", "JPN"))]),
        record("The two foreign ministers held talks in Tokyo this week.", "2026-01-09", "NHK",
               [dict(type="CONSULT", trigger="talks", source="CHNGOV", target="JPNGOV", date="2026-W02",
                     cameo="040", quad=1, goldstein=1.0)]),
        record("Protesters marched in Osaka on Tuesday against a new port.", "2026-01-06", "Kyodo",
               [dict(type="PROTEST", trigger="marched", source="JPNCVL", date="2026-01-06",
                     place=("Osaka", "JPN"), cameo="141", quad=3, goldstein=-6.5)]),
        record("Protesters marched in Nagoya on Tuesday against a new port.", "2026-01-06", "Kyodo",
               [dict(type="PROTEST", trigger="marched", source="JPNCVL", date="2026-01-06",
                     place=("Nagoya", "JPN"), cameo="141", quad=3, goldstein=-6.5)]),
        record("Seoul and Tokyo signed a deal.", "2026-02-10", "Yonhap",
               [dict(type="AGREE", trigger="signed", source="KORGOV", target="JPNGOV", date="2026-02-10",
                     cameo="057", quad=1, goldstein=8.0, pair="e2"),
                dict(type="AGREE", trigger="signed", source="JPNGOV", target="KORGOV", date="2026-02-10",
                     cameo="057", quad=1, goldstein=8.0, pair="e1")]),
    ]


def record(text: str, date: str | None, source: str | None = None, events=(), id: str | None = None) -> Record:
    """events: dicts with type, trigger (a word of the text), source/target ("CHN" or "CHNGOV"),
    date (a TimeML value, dated from the text) and place (a word of the text, its country and
    optionally its feature)."""
    rec = Record(article=Article.make(text, date, id=id, source=source, title=text[:30]))
    for i, spec in enumerate(events):
        trig = _span(text, spec["trigger"])
        ev = Event(f"e{i + 1}", spec["type"], trig, SentenceSpan(0, len(text)),
                   EventDate(spec["date"], None, None, "text") if spec.get("date") else EventDate(date),
                   status=spec.get("status", "asserted"), cameo=spec.get("cameo"), quad_class=spec.get("quad"),
                   goldstein=spec.get("goldstein"), confidence=spec.get("confidence", 0.9),
                   pair=spec.get("pair"))
        for side in ("source", "target"):
            if spec.get(side):
                code = spec[side]
                setattr(ev, side, ArgRef(None, trig.text, trig.start, trig.end, code[:3], code[3:] or None))
        if spec.get("place"):
            name, country, *feature = spec["place"]
            p = _span(text, name)
            rec.places.append(Place(f"p{i + 1}", p.start, p.end, name, name, country, feature=(feature or [None])[0]))
            ev.location = f"p{i + 1}"
        rec.events.append(ev)
    return rec


def _span(text: str, word: str) -> Span:
    i = text.index(word)
    return Span(i, i + len(word), word)
