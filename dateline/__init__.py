"""dateline: dated news articles in, structured and sourced event data out.

    >>> import dateline
    >>> rec = dateline.extract("Kim will visit Beijing next week.", date="2025-08-28")
    >>> rec.to_dict()["schema"]
    'dateline.article/3'
"""

from __future__ import annotations

from .record import SCHEMA, Article, Record

__version__ = "0.1.0"


def extract(text: str, date: str | None = None, *, stages=None, **meta) -> Record:
    """Extract one article's record with every available stage (or the ``stages`` named)."""
    from .pipeline import default_pipeline

    return default_pipeline(stages).extract(text, date, **meta)


__all__ = ["SCHEMA", "Article", "Record", "extract", "__version__"]
