"""JSON Lines records ``{"id", "date", "title", "text", "source", "url"}``; only text and date are
required. ``text`` is kept exactly as given so that offsets line up with outside annotations."""

from __future__ import annotations

import json

from .base import ReadError, ReadProblem, decode, make_input

FIELDS = ("id", "title", "source", "url")
# What each optional field may hold (besides null); an id may be a number.
_TYPES = {"id": (str, int), "date": (str,), "title": (str,), "source": (str,), "url": (str,)}


def _record(obj, origin: str, raw: str, date: str | None):
    if not isinstance(obj, dict):
        raise ReadProblem("not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadProblem("no 'text' string")
    for name, types in _TYPES.items():
        value = obj.get(name)
        if value is not None and (not isinstance(value, types) or isinstance(value, bool)):
            what = "a string or a number" if int in types else "a string"
            raise ReadProblem(f"field {name!r} must be {what}, not {json.dumps(value)[:60]}")
    meta = {k: obj.get(k) for k in FIELDS}
    return make_input(text, origin, raw, obj.get("date"), date, normalise=False, **meta)


def read_jsonl(data: bytes, origin: str, date: str | None):
    for n, line in enumerate(decode(data).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            obj = json.loads(line)
            yield _record(obj, where, line, date)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"malformed JSON ({exc.msg} at column {exc.colno})", raw=line)
        except ReadProblem as exc:
            yield ReadError(where, str(exc), raw=line)


def read_json(data: bytes, origin: str, date: str | None):
    text = decode(data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        # Many ".json" files are really JSON Lines.
        yield from read_jsonl(data, origin, date)
        return
    items = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(items, 1):
        where = f"{origin}#{n}" if isinstance(obj, list) else origin
        try:
            yield _record(item, where, json.dumps(item, ensure_ascii=False), date)
        except ReadProblem as exc:
            yield ReadError(where, str(exc), raw=json.dumps(item, ensure_ascii=False)[:100000])
