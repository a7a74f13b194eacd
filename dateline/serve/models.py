"""The shapes of the API's answers, for its OpenAPI document and for checking every response.

Rows come from ``dateline.store.queries``; every field may be null (a store holds what the text
gave), and rows may carry fields added after these models (extra fields are kept).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class Listed(Row):
    """What every row that names its article carries: its date, title, outlet and url, and the
    article it copies, if any."""

    date: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    duplicate_of: str | None = None


class Article(Listed):
    id: str
    language: str | None = None
    chars: int | None = None
    similarity: float | None = None


class Event(Listed):
    """A mention event (one per article reporting it) or, with ``occurrences``, a merged occurrence."""

    type: str | None = None
    status: str | None = None
    source: str | None = None
    target: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    confidence: float | None = None
    place: str | None = None
    # mention events
    article_id: str | None = None
    event_id: str | None = None
    mode: str | None = None
    source_text: str | None = None
    target_text: str | None = None
    trigger: str | None = None
    occurrence_id: int | None = None
    pair: str | None = None
    # occurrences
    id: int | None = None
    date_end: dt.date | None = None
    place_country: str | None = None
    num_mentions: int | None = None
    num_articles: int | None = None
    num_sources: int | None = None
    num_copies: int | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    two_sided: bool | None = None


class Occurrence(Row):
    id: int
    type: str | None = None
    mentions: list[dict[str, Any]] = Field(default_factory=list)


class EventPlace(Row):
    name: str | None = None
    country: str | None = None
    lat: float
    lon: float
    events: int


class QuoteRow(Listed):
    article_id: str
    quote_id: str
    speaker: str | None = None
    kind: str | None = None
    text: str | None = None


class Actor(Row):
    code: str
    country: str | None = None
    sector: str | None = None
    as_source: int
    as_target: int
    events: int
    name: str | None = None


class DyadPoint(Row):
    period: dt.date
    events: int
    goldstein_sum: float
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int


class Edge(Row):
    source: str
    target: str
    weight: int
    goldstein_sum: float
    goldstein_mean: float | None = None


class ExtractRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=1_000_000)
    date: dt.date | None = None
    title: str | None = Field(None, max_length=1_000)
