"""Quotes: direct, partial and indirect speech with speaker and cue (stage ``quotes``)."""

from .extract import find_quotes
from .lexicon import cue_table, read_cues

__all__ = ["cue_table", "find_quotes", "read_cues"]
