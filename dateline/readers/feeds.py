"""RSS and Atom feeds: one article per entry, from its content or else its summary."""

from __future__ import annotations

import datetime as dt
import json

from .base import ReadError, ReadProblem, make_input


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment with paragraph and line breaks kept."""
    import lxml.html

    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml refuses some fragments; the raw text is better than nothing
        return fragment
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines()).strip()


def read_feed(data: bytes, origin: str, date: str | None):
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        raise ReadProblem("no entries in this feed (or not an RSS/Atom feed)")
    source = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        where = f"{origin}#{n}"
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else None
        body = body or entry.get("summary") or ""
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        own_date = dt.date(*parsed[:3]).isoformat() if parsed else None
        raw = json.dumps({k: entry.get(k) for k in ("id", "title", "link", "published", "updated")}
                         | {"body": body}, ensure_ascii=False, default=str)
        try:
            yield make_input(html_to_text(body), where, raw, own_date, date, title=entry.get("title"),
                             url=entry.get("link"), source=source)
        except ReadProblem as exc:
            yield ReadError(where, str(exc), raw=raw)
