"""Readers: files, directories, globs or stdin in; ``Input`` (an article and its raw form) or
``ReadError`` out, one per problem, so that one bad file or line never stops a corpus.

Formats, chosen by file name or, for stdin, by sniffing the content:
- ``.txt`` and anything else: plain text; a leading ``date YYYY-MM-DD`` sets the date (the seed format)
- ``.jsonl``/``.ndjson`` (and ``.json``: one object or a list): records with ``text`` and ``date``
- ``.html``/``.htm``: the main text and metadata through trafilatura
- ``.xml``/``.rss``/``.atom``: RSS or Atom feeds through feedparser, one article per entry
- ``.warc``/``.warc.gz``: HTML responses in a web archive (as in CC-NEWS), through warcio
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import Input, ReadError, ReadProblem, decode
from .feeds import read_feed
from .html import read_html
from .jsonl import read_json, read_jsonl
from .text import read_text
from .warc import read_warc

_BY_SUFFIX = {
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".json": read_json,
    ".html": read_html, ".htm": read_html,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
    ".warc": read_warc, ".arc": read_warc,
}
KNOWN_SUFFIXES = set(_BY_SUFFIX) | {".txt", ".text", ".gz"}


def reader_for(name: str, head: bytes):
    """The reader for a file name; for stdin or unknown names, sniff the first bytes."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".arc.gz")):
        return read_warc
    suffix = os.path.splitext(lower)[1]
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in (".txt", ".text"):
        return read_text
    start = head.lstrip()[:200].lower()
    if head[:2] == b"\x1f\x8b" or start.startswith(b"warc/"):
        return read_warc
    if start.startswith(b"{") or start.startswith(b"["):
        return read_jsonl if start.startswith(b"{") else read_json
    if b"<rss" in start or b"<feed" in start or b"<rdf" in start:
        return read_feed
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return read_html
    return read_text


def expand(paths: Iterable[str]) -> Iterator[str | ReadError]:
    """Paths, directories (recursively, known file types) and globs, in a stable order."""
    for p in paths:
        if p == "-":
            yield p
        elif os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and known_file(f):
                        yield os.path.join(root, f)
        elif os.path.exists(p):
            yield p
        elif any(ch in p for ch in "*?["):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield ReadError(p, "no file matches this pattern")
            for m in matches:
                yield from expand([m]) if os.path.isdir(m) else [m]
        else:
            yield ReadError(p, "no such file or directory")


def known_file(name: str) -> bool:
    """Whether a file name is of a kind the readers take when walking a directory."""
    lower = name.lower()
    return os.path.splitext(lower)[1] in KNOWN_SUFFIXES or lower.endswith((".warc.gz", ".jsonl.gz"))


# Longer inputs are refused (dateline.cli --max-chars): a 2 MB article is a book, not news.
MAX_CHARS = 2_000_000


def read_paths(paths: Iterable[str], date: str | None = None,
               max_chars: int | None = None) -> Iterator[Input | ReadError]:
    """Every article in the given paths; ``date`` fills in where the input gives none; an
    article longer than ``max_chars`` becomes a ReadError."""
    from .base import check_date

    if date is not None:
        try:
            date = check_date(date)  # an impossible --date is refused before any work
        except ReadProblem as exc:
            raise ReadProblem(f"--date: {exc}") from None
    for p in expand(paths):
        if isinstance(p, ReadError):
            yield p
            continue
        try:
            data = sys.stdin.buffer.read() if p == "-" else Path(p).read_bytes()
        except OSError as exc:
            yield ReadError(p, f"cannot read: {exc.strerror or exc}")
            continue
        yield from read_bytes(data, "" if p == "-" else p, "<stdin>" if p == "-" else p, date, max_chars)


def read_bytes(data: bytes, name: str, origin: str, date: str | None = None,
               max_chars: int | None = None) -> Iterator[Input | ReadError]:
    """The articles in one file's bytes (the reader chosen by ``name``, else by sniffing), for
    callers that fetch files themselves (a Spark job reading any path Spark reads)."""
    if not data.strip():
        yield ReadError(origin, "empty file")
        return
    reader = reader_for(name, data[:4096])
    try:
        for item in reader(data, origin, date):
            yield _too_long(item, max_chars) or item
    except ReadProblem as exc:
        yield ReadError(origin, str(exc), raw=_raw_preview(data))


def _too_long(item: Input | ReadError, max_chars: int | None) -> ReadError | None:
    if max_chars and isinstance(item, Input) and len(item.article.text) > max_chars:
        return ReadError(item.origin, f"article of {len(item.article.text):,} characters is over --max-chars "
                                      f"{max_chars}: split it, or raise --max-chars")
    return None


def unique_ids(items: Iterable[Input | ReadError],
               stored: Callable[[str], str | None] | None = None) -> Iterator[Input | ReadError]:
    """The items with one text per id: an id seen before (in this run, or in a store through
    ``stored``, which gives the text kept under an id) with a different text becomes ``id#2``
    (then ``#3`` ...), with a warning, so that no article is dropped for its name."""
    seen: dict[str, bytes] = {}  # id -> digest of its text

    def digest(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        base = ident = item.article.id
        mine, n = digest(item.article.text), 1
        while True:
            have = seen.get(ident)
            if have is None and stored is not None:
                text = stored(ident)
                have = digest(text) if text is not None else None
            if have is None or have == mine:
                break
            n += 1
            ident = f"{base}#{n}"
        seen[ident] = mine
        if ident != base:
            item.article.id = ident
            item.warnings += (f"id {base!r} is already used for another text: this one is {ident!r}",)
        yield item


def _raw_preview(data: bytes) -> str:
    try:
        return decode(data)
    except ReadProblem:
        return data[:2000].decode("latin-1")


__all__ = ["Input", "ReadError", "ReadProblem", "MAX_CHARS", "read_paths", "read_bytes", "unique_ids", "expand",
           "reader_for", "known_file"]
