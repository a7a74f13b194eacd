"""WARC and WARC.gz files: each HTML response becomes an article (as in the CC-NEWS crawl)."""

from __future__ import annotations

import io

from .base import ReadError, ReadProblem, decode, make_input
from .html import extract_html


def read_warc(data: bytes, origin: str, date: str | None):
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            found += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{url or found}"
            body = record.content_stream().read()
            try:
                html = decode(body)
                text, title, own_date, _, site = extract_html(html)
                if not text:
                    raise ReadProblem("HTML response with no article text")
                crawl_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                yield make_input(text, where, html, own_date or crawl_date, date,
                                 title=title, url=url, source=site)
            except ReadProblem as exc:
                yield ReadError(where, str(exc), raw=body[:100000].decode("utf-8", "replace"))
    except ArchiveLoadFailed as exc:
        raise ReadProblem(f"not a readable WARC file ({exc})") from None
    if not found:
        raise ReadProblem("no HTML responses in this WARC file")
