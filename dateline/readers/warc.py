"""WARC and WARC.gz files: each HTML response becomes an article (as in the CC-NEWS crawl).

A file cut short (an interrupted download) gives the records before the cut, then one error
naming the byte offset where reading stopped and how many records were read."""

from __future__ import annotations

import io

from .base import ReadError, ReadProblem, decode, make_input
from .html import extract_html


def read_warc(data: bytes, origin: str, date: str | None):
    from warcio.archiveiterator import ArchiveIterator

    found = records = end = 0
    it = ArchiveIterator(io.BytesIO(data))
    records_of = iter(it)
    while True:
        try:  # warcio fails in many ways of its own on damaged input: each is the file's end
            record = next(records_of)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001
            if not records:
                raise ReadProblem(f"not a readable WARC file ({type(exc).__name__}: {exc})") from None
            yield _cut(origin, data, end, records, f"damaged ({type(exc).__name__}: {exc})")
            return
        records += 1
        item = _response(record, origin, date, found + 1)
        try:
            it.read_to_end(record)
            end = it.get_record_offset() + it.get_record_length()
        except Exception:  # noqa: BLE001  the next read reports it
            pass
        if item is not None:
            found += 1
            yield item
    if data[end:].strip():
        yield _cut(origin, data, end, records, "truncated")
    elif not found:
        raise ReadProblem("no HTML responses in this WARC file")


def _cut(origin: str, data: bytes, end: int, records: int, what: str) -> ReadError:
    return ReadError(origin, f"{what} at byte {end:,} of {len(data):,}: {records} records read before it "
                             f"(an interrupted download? the rest is lost)")


def _response(record, origin: str, date: str | None, n: int):
    """The Input (or ReadError) of an HTML response record; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = record.http_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{origin}#{url or n}"
    try:
        body = record.content_stream().read()
    except Exception as exc:  # noqa: BLE001  a damaged body (bad chunking or compression)
        return ReadError(where, f"unreadable response body ({type(exc).__name__}: {exc})")
    try:
        html = decode(body)
        text, title, own_date, _, site = extract_html(html)
        if not text:
            raise ReadProblem("HTML response with no article text")
        crawl_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
        return make_input(text, where, html, own_date or crawl_date, date, title=title, url=url, source=site)
    except ReadProblem as exc:
        return ReadError(where, str(exc), raw=body[:100000].decode("utf-8", "replace"))
