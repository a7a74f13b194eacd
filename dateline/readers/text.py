"""Plain text, and the seed format: a leading ``date YYYY-MM-DD`` then the text on the same line."""

from __future__ import annotations

import re

from .base import Input, decode, make_input

_DATELINE = re.compile(r"^\s*date\s+(\S+)\s+")


def read_text(data: bytes, origin: str, date: str | None):
    text = decode(data)
    m = _DATELINE.match(text)
    own_date = None
    if m:
        own_date, text = m.group(1), text[m.end():]
    yield make_input(text, origin, decode(data), own_date, date)


__all__ = ["read_text", "Input"]
