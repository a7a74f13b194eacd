"""The typed record of one article: the public JSON contract ``dateline.article/3``.

Everything dateline extracts lives here as plain dataclasses. This module imports nothing
of ours, so any tool can read and write records without pulling in the pipeline.
Every ``start``/``end`` is a Python string index into ``article.text`` and
``article.text[start:end] == text`` holds for every span (``Record.check_spans``).

Version 2 added optional fields over version 1: ``Quote.addressee`` and ``Quote.medium``
(spans), ``Event.quote`` (a quote id) and ``Timex.mod`` (a TimeML modifier).
Version 3 added ``Article.language``, ``Actor.country_from`` and ``ArgRef.country_from`` (where a
country code came from), ``Event.pair`` (the other direction of a two-sided event) and
``Event.headline``, and the record-level ``segments`` (the parts of a page) and ``errors`` (stages
that failed on this article).
``Record.from_dict`` reads every version; an older record keeps its schema string and is written
back without the keys later versions added, where they are unset.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA = "dateline.article/3"
SCHEMAS = ("dateline.article/1", "dateline.article/2", SCHEMA)  # the versions from_dict reads
# Keys each version added, per part of the record ("" is the record itself): an older record is
# written back without them where they are unset, so it reads back exactly as it was.
_ADDED = {
    "dateline.article/2": {"events": ("quote",), "quotes": ("addressee", "medium"), "timexes": ("mod",)},
    "dateline.article/3": {"article": ("language",), "actors": ("country_from",),
                           "events": ("pair", "headline"), "": ("segments", "errors")},
}
_ARG_ADDED = {"dateline.article/3": ("country_from",)}  # keys of events[].source / .target

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
# TimeML's MOD attribute: "early 2019" START, "about three weeks" APPROX, "more than a year" MORE_THAN.
TIMEX_MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
              "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX")
EVENT_STATUSES = ("asserted", "planned", "negated", "hypothetical", "reported")
QUOTE_KINDS = ("direct", "partial", "indirect")
DATE_FROM = ("text", "article")
# Where an actor's country code came from: a word on the mention itself ("Kenyan police"), a
# dictionary of known persons and bodies, another mention of the same actor, or the article's
# context (its dateline, the country it is about).
COUNTRY_FROM = ("mention", "dictionary", "coreference", "context")
# The parts of a page the text reader tells apart; stages skip the furniture kinds.
SEGMENT_KINDS = ("headline", "kicker", "dateline", "byline", "body", "caption", "related", "furniture")
FURNITURE = ("kicker", "byline", "caption", "related", "furniture")


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
    language: str | None = None  # ISO 639-1, detected or given (since /3)

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
    country_from: str | None = None  # one of COUNTRY_FROM when country is set (since /3)


@dataclass
class ArgRef:
    """An event's source or target: the words in the text and the actor they resolve to."""

    actor: str | None
    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    country_from: str | None = None  # one of COUNTRY_FROM when country is set (since /3)


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
    pair: str | None = None  # the other direction of a two-sided event: one occurrence (since /3)
    headline: bool = False  # told in the headline (merged with the body's event where it has one; since /3)


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


@dataclass
class Segment:
    """A part of the page: ``kind`` is one of SEGMENT_KINDS; offsets into ``article.text``."""

    kind: str
    start: int
    end: int


@dataclass
class StageError:
    """A stage that failed on this article: its output is missing, the rest of the record stands."""

    stage: str
    message: str


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
    segments: list[Segment] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        d = {
            "schema": self.schema,
            "article": {"id": a.id, "date": a.date, "title": a.title, "source": a.source,
                        "url": a.url, "language": a.language, "text": a.text},
            "timexes": _to_json(self.timexes),
            "actors": _to_json(self.actors),
            "events": _to_json(self.events),
            "quotes": _to_json(self.quotes),
            "places": _to_json(self.places),
            "segments": _to_json(self.segments),
            "errors": _to_json(self.errors),
        }
        # An older record read back is written back as it was read: no key a later version added
        # unless it was set.
        for version in SCHEMAS[SCHEMAS.index(self.schema) + 1:]:
            for part, keys in _ADDED.get(version, {}).items():
                items = [d] if part == "" else [d[part]] if part == "article" else d[part]
                for item in items:
                    for k in keys:
                        if not item.get(k):
                            item.pop(k, None)
            for e in d["events"]:
                for side in ("source", "target"):
                    for k in _ARG_ADDED.get(version, ()):
                        if e.get(side) and e[side].get(k) is None:
                            del e[side][k]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """Read a ``dateline.article/1``, ``/2`` or ``/3`` record; fields an older one lacks are unset."""
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
            segments=[Segment(**g) for g in d.get("segments", [])],
            errors=[StageError(**x) for x in d.get("errors", [])],
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
        bad += [f"segments[{i}]" for i, g in enumerate(self.segments) if not (0 <= g.start <= g.end <= len(text))]
        return bad


__all__ = [
    "COUNTRY_FROM", "FURNITURE", "SCHEMA", "SCHEMAS", "SEGMENT_KINDS", "Article", "Actor", "ArgRef", "Event",
    "EventDate", "Place", "Quote", "Record", "Segment", "SentenceSpan", "Span", "Speaker", "StageError", "Timex",
    "article_id", "asdict",
]
