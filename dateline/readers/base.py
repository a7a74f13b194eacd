"""What readers share: the Input/ReadError types, byte decoding and date checks."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass

from ..record import Article


class ReadProblem(ValueError):
    """An input that cannot become an article; the message is for the user."""


@dataclass
class Input:
    article: Article
    origin: str  # file name, with ":LINE" or "#N" where one file holds several articles
    raw: str  # the input as read (a JSONL line, an HTML page, a text file), kept in the store
    warnings: tuple[str, ...] = ()


@dataclass
class ReadError:
    origin: str
    message: str
    raw: str | None = None

    def to_dict(self) -> dict:
        """The one error shape dateline prints and stores."""
        return {"error": {"origin": self.origin, "message": self.message}}

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
# Characters no article means: NUL and the C0/C1 controls other than tab, newline, CR, form feed.
_STRAY = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes) -> str:
    """Bytes to text: BOMs honoured (UTF-8, UTF-16), UTF-16 without a BOM recognised by its zero
    bytes, UTF-8 else Windows-1252, line by line so a file of mixed encodings keeps its UTF-8
    lines intact. Binary data is refused."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return data[:len(data) // 2 * 2].decode(utf16, errors="replace")
    if len(_CONTROL.findall(data[:8192])) > max(2, len(data[:8192]) // 100):
        raise ReadProblem("binary file, not text (give text, JSONL, HTML, a feed or a WARC file)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the zero bytes of mostly-ASCII text sit at every other
    place (each Latin letter is one byte and one zero there), else None."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.4 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.4 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def replace_stray(text: str) -> tuple[str, int]:
    """NUL and control characters each replaced by a space, so that every offset into the text
    we store stays that of the input; returns the text and how many were replaced."""
    n = len(_STRAY.findall(text))
    return (_STRAY.sub(" ", text), n) if n else (text, 0)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return line.decode("cp1252")
        except UnicodeDecodeError:
            return line.decode("latin-1")


DATE_HINT = "pass --date YYYY-MM-DD to set the article date"


def check_date(value: str) -> str:
    """A calendar date as YYYY-MM-DD (a longer ISO timestamp is cut to its date)."""
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if not m:
        raise ReadProblem(f"date {s!r} is not YYYY-MM-DD")
    try:
        return dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        raise ReadProblem(f"impossible date {s!r}") from None


def make_input(text: str, origin: str, raw: str, date: str | None, fallback_date: str | None,
               *, normalise: bool = True, **meta) -> Input:
    """An Input from extracted text; the input's own date wins over --date (``fallback_date``),
    which stands in when the input has none or one that is no date."""
    text, stray = replace_stray(text)
    if normalise:
        text = text.strip()
    if not text.strip():
        raise ReadProblem("no article text")
    warnings = []
    fallback_date = check_date(fallback_date) if fallback_date else None
    if stray:
        warnings.append(f"{stray} NUL or control character(s) replaced by spaces (offsets unchanged)")
    if date:
        try:
            date = check_date(date)
        except ReadProblem as exc:
            if not fallback_date:
                raise ReadProblem(f"{exc} in the input; {DATE_HINT} instead") from None
            warnings.append(f"{exc} in the input; using --date {fallback_date}")
            date = fallback_date
    elif fallback_date:
        date = fallback_date
    else:
        warnings.append(f"no article date: relative times stay unresolved; {DATE_HINT}")
    meta = {k: v for k, v in meta.items() if v not in (None, "")}
    ident = meta.pop("id", None)
    article = Article.make(text, date, id=str(ident) if ident is not None else None, **meta)
    return Input(article, origin, raw, tuple(warnings))
