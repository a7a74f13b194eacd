"""The typed record of one article: the public JSON contract ``dateline.article/2``.

Everything dateline extracts lives here as plain dataclasses. This module imports nothing
of ours, so any tool can read and write records without pulling in the pipeline.
Every ``start``/``end`` is a Python string index into ``article.text`` and
``article.text[start:end] == text`` holds for every span (``Record.check_spans``).

Version 2 added optional fields over version 1: ``Quote.addressee`` and ``Quote.medium``
(spans), ``Event.quote`` (a quote id) and ``Timex.mod`` (a TimeML modifier).
``Record.from_dict`` reads both versions; a version 1 record keeps its schema string and is
written back without the version 2 keys.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA = "dateline.article/2"
SCHEMAS = ("dateline.article/1", SCHEMA)  # the versions from_dict reads
# Keys version 2 added, per list: a version 1 record is written back without them when unset.
_V2_KEYS = {"events": ("quote",), "quotes": ("addressee", "medium"), "timexes": ("mod",)}

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
# TimeML's MOD attribute: "early 2019" START, "about three weeks" APPROX, "more than a year" MORE_THAN.
TIMEX_MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
              "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX")
EVENT_STATUSES = ("asserted", "planned", "negated", "hypothetical", "reported")
QUOTE_KINDS = ("direct", "partial", "indirect")
DATE_FROM = ("text", "article")


def article_id(text: str, date: str | None) -> str:
    """Stable content hash: the same text with the same date is the same article."""
    return hashlib.sha256(f"{date or ''}\n{text}".encode()).hexdigest()[:16]


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Article:
    id: str
    date: str | None
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None

    @classmethod
    def make(cls, text: str, date: str | None = None, *, id: str | None = None, **meta: Any) -> Article:
        return cls(id=id or article_id(text, date), date=date, text=text, **meta)


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TimeML value; None only when the expression cannot be normalised at all
    mod: str | None = None  # one of TIMEX_MODS ("early 2019": START), None when the text says none


@dataclass
class Actor:
    id: str
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3, or PLOVER's IGO, NGO, ...
    sector: str | None = None  # PLOVER sector: GOV, MIL, MED, ...
    role: str | None = None  # the text that justified the coding ("North Korean leader")
    mentions: list[Span] = field(default_factory=list)


@dataclass
class ArgRef:
    """An event's source or target: the words in the text and the actor they resolve to."""

    actor: str | None
    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None


@dataclass
class EventDate:
    value: str | None
    start: int | None = None
    end: int | None = None
    from_: str = "article"  # "text" when a temporal expression dated it; JSON key "from"


@dataclass
class SentenceSpan:
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str  # PLOVER event type
    trigger: Span
    sentence: SentenceSpan
    date: EventDate
    status: str = "asserted"
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source: ArgRef | None = None
    target: ArgRef | None = None
    location: str | None = None  # a place id
    confidence: float = 1.0
    quote: str | None = None  # id of the innermost quote whose words contain the trigger (since /2)


@dataclass
class Speaker:
    actor: str | None
    name: str | None
    text: str
    start: int
    end: int


@dataclass
class Quote:
    id: str
    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect
    speaker: Speaker | None = None
    cue: Span | None = None
    addressee: Span | None = None  # who the words were said to: "AFP" in "told AFP" (since /2)
    medium: Span | None = None  # the channel: "a statement" in "said in a statement" (since /2)


@dataclass
class Place:
    id: str
    start: int
    end: int
    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    geonames_id: int | None = None


def _to_json(obj: Any) -> Any:
    if isinstance(obj, EventDate):
        return {"value": obj.value, "start": obj.start, "end": obj.end, "from": obj.from_}
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _to_json(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, list):
        return [_to_json(x) for x in obj]
    return obj


@dataclass
class Record:
    article: Article
    timexes: list[Timex] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        d = {
            "schema": self.schema,
            "article": {"id": a.id, "date": a.date, "title": a.title, "source": a.source,
                        "url": a.url, "text": a.text},
            "timexes": _to_json(self.timexes),
            "actors": _to_json(self.actors),
            "events": _to_json(self.events),
            "quotes": _to_json(self.quotes),
            "places": _to_json(self.places),
        }
        if self.schema == SCHEMAS[0]:  # a /1 record read back is written back as it was read
            for part, keys in _V2_KEYS.items():
                for item in d[part]:
                    for k in keys:
                        if item[k] is None:
                            del item[k]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """Read a ``dateline.article/1`` or ``/2`` record; fields a /1 record lacks are None."""
        schema = d.get("schema", SCHEMA)
        if schema not in SCHEMAS:
            raise ValueError(f"unknown record schema {schema!r}; this dateline reads {', '.join(SCHEMAS)}")

        def span(x):
            return Span(**x) if x else None

        def arg(x):
            return ArgRef(**x) if x else None

        events = []
        for e in d.get("events", []):
            e = dict(e)
            dt = dict(e.pop("date"))
            dt["from_"] = dt.pop("from", "article")
            events.append(Event(**{**e, "trigger": Span(**e["trigger"]),
                                   "sentence": SentenceSpan(**e["sentence"]), "date": EventDate(**dt),
                                   "source": arg(e.get("source")), "target": arg(e.get("target"))}))
        return cls(
            schema=schema,
            article=Article(**d["article"]),
            timexes=[Timex(**t) for t in d.get("timexes", [])],
            actors=[Actor(**{**a, "mentions": [Span(**m) for m in a.get("mentions", [])]})
                    for a in d.get("actors", [])],
            events=events,
            quotes=[Quote(**{**q, "speaker": Speaker(**q["speaker"]) if q.get("speaker") else None,
                             "cue": span(q.get("cue")), "addressee": span(q.get("addressee")),
                             "medium": span(q.get("medium"))}) for q in d.get("quotes", [])],
            places=[Place(**p) for p in d.get("places", [])],
        )

    def spans(self):
        """Every (path, start, end, text) in the record, for the offset invariant."""
        for i, t in enumerate(self.timexes):
            yield f"timexes[{i}]", t.start, t.end, t.text
        for i, a in enumerate(self.actors):
            for j, m in enumerate(a.mentions):
                yield f"actors[{i}].mentions[{j}]", m.start, m.end, m.text
        for i, e in enumerate(self.events):
            yield f"events[{i}].trigger", e.trigger.start, e.trigger.end, e.trigger.text
            for side in ("source", "target"):
                ref = getattr(e, side)
                if ref is not None:
                    yield f"events[{i}].{side}", ref.start, ref.end, ref.text
        for i, q in enumerate(self.quotes):
            yield f"quotes[{i}]", q.start, q.end, q.text
            if q.speaker is not None:
                yield f"quotes[{i}].speaker", q.speaker.start, q.speaker.end, q.speaker.text
            for part in ("cue", "addressee", "medium"):
                sp = getattr(q, part)
                if sp is not None:
                    yield f"quotes[{i}].{part}", sp.start, sp.end, sp.text
        for i, p in enumerate(self.places):
            yield f"places[{i}]", p.start, p.end, p.text

    def check_spans(self) -> list[str]:
        """Names of spans that break ``article.text[start:end] == text`` (empty when all hold)."""
        text = self.article.text
        bad = [path for path, s, e, t in self.spans() if not (0 <= s <= e <= len(text) and text[s:e] == t)]
        for i, e in enumerate(self.events):
            if not (0 <= e.sentence.start <= e.sentence.end <= len(text)):
                bad.append(f"events[{i}].sentence")
            if e.date.start is not None and not (0 <= e.date.start <= e.date.end <= len(text)):
                bad.append(f"events[{i}].date")
        return bad


__all__ = [
    "SCHEMA", "SCHEMAS", "Article", "Actor", "ArgRef", "Event", "EventDate", "Place", "Quote", "Record",
    "SentenceSpan", "Span", "Speaker", "Timex", "article_id", "asdict",
]
