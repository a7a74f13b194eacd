"""Temporal expressions: the ``time`` stage and lookups other stages may call."""

from .govern import governing_timex
from .stage import parse_date, tag

__all__ = ["governing_timex", "parse_date", "tag"]
