"""HTML pages: trafilatura finds the main text, the title and the publication date."""

from __future__ import annotations

from .base import ReadProblem, decode, make_input

# Fewer words than this is navigation or boilerplate that trafilatura fell back on, not an article.
MIN_WORDS = 5


def extract_html(html: str):
    """(text, title, date, url, sitename) of an HTML page's main content; text may be None."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None or len((doc.text or "").split()) < MIN_WORDS:
        return None, None, None, None, None
    return doc.text, doc.title, doc.date, doc.url, doc.sitename


def read_html(data: bytes, origin: str, date: str | None):
    html = decode(data)
    text, title, own_date, url, site = extract_html(html)
    if not text:
        raise ReadProblem("HTML page with no article text")
    yield make_input(text, origin, html, own_date, date, title=title, url=url, source=site)
