"""The parts of a page: headline, kicker, dateline, byline, body, captions, related stories, furniture.

What users feed dateline is often a crawled page, not a clean story. ``segment`` reads a text line
by line, the way a person scans a page, and returns ``Segment``s (kinds in ``record.SEGMENT_KINDS``)
as offsets into the text; nothing is cut out. The heuristics, in order (docs/pages.md):

1. Each line is matched against the patterns of ``data/furniture.tsv`` (read-time, share, copyright,
   advertising, tag lists, related-story headings and promos, photo credits, bylines), then against
   the shapes of navigation bars (three or more short items between ``|``/``•``/``›``) and share-button
   rows (``data/share_words.txt``), both furniture. A line that is only a timestamp
   (``data/date_words.txt`` and numbers: "Tue 13 May 2025 10.32 BST") is a dateline: the story's date,
   which TimeML annotates and the time stage may read.
2. The body starts at the first remaining line that reads as prose: eight words or more ending as a
   sentence ends, or opening with a dateline ("GOMA, Congo (Reuters) - ", as ``datelines.find_dateline``
   reads it).
3. Before the body: the headline is the line equal to the given title, else the first line of three
   words or more; the line just above it is a kicker ("WORLD NEWS"), lines further up are furniture
   (a site name); below it, a name-like line is a byline, a longer line a second headline (a deck),
   anything else furniture. A line above the headline that the page's footer repeats ("Copyright 2025
   The Valley Herald") is the site's name, never the headline.
4. In the body, the lines after a list heading ("Related stories", "Related Topics") belong to the list
   while they are short and not prose; every other line is body. A dateline opening the body is a
   segment of its own.

A text with no prose line (a lone headline, one sentence without a full stop) is all body, so that
a single sentence is never mistaken for page furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datelines import find_dateline
from ..lexicon import tsv_rows, word_lines
from ..record import Segment

DATA = Path(__file__).parent / "data"

PROSE_WORDS = 8  # a body line has at least this many words and ends as a sentence ends
HEADLINE_WORDS = 3  # a headline has at least this many words; shorter lines above it are kickers
KICKER_WORDS = 5
PATTERN_WORDS = 30  # longer lines are never furniture, whatever pattern they match
CAPTION_WORDS = 60
LIST_ITEM_WORDS = 20  # a line in a related-stories or tag list has at most this many words

_END = re.compile(r"[.!?…:;]['\"’”»)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…]['\"’”»]*$")
_NAV_SPLIT = re.compile(r"\s*[|•·›»]\s*|\s+>\s+")
_NAV_MARK = re.compile(r"[|•·›»]|\s>\s")
_WORD = re.compile(r"[\w'’.-]+")
_NUMBER = re.compile(r"^\d+([:.h/-]\d+)*(am|pm|h)?$|^\d{1,2}(st|nd|rd|th)$")  # 10:32, 03.03.2025, 11h20, 4th
_NAME_JOINERS = {"and", "in", "de", "da", "van", "von", "der", "la", "le", "del", "bin", "al", "el", "y", "et", "und"}


@dataclass(frozen=True)
class Rule:
    kind: str
    whole_line: bool
    pattern: re.Pattern


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The patterns of data/furniture.tsv, in file order."""
    out = []
    for n, (kind, match, pattern, *_) in tsv_rows(DATA / "furniture.tsv", numbered=True):
        if match not in ("line", "part"):
            raise ValueError(f"furniture.tsv:{n}: MATCH must be line or part, not {match!r}")
        out.append(Rule(kind, match == "line", re.compile(pattern, re.I)))
    return tuple(out)


@lru_cache(maxsize=1)
def _share_words() -> frozenset[str]:
    return frozenset(word_lines(DATA / "share_words.txt"))


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    return frozenset(word_lines(DATA / "date_words.txt"))


@lru_cache(maxsize=1)
def _matchers() -> tuple[re.Pattern, re.Pattern, list[str], list[str]]:
    """The rules as two regular expressions, one for whole lines and one for parts, each an
    alternation of named groups in file order (the first rule that matches wins), and the kind of
    each group: one match per line instead of one per rule."""
    whole, part = [r for r in rules() if r.whole_line], [r for r in rules() if not r.whole_line]

    def joined(rs):
        return re.compile("|".join(f"(?P<r{i}>{r.pattern.pattern})" for i, r in enumerate(rs)), re.I)

    return joined(whole), joined(part), [r.kind for r in whole], [r.kind for r in part]


def _pattern_kind(line: str, n_words: int) -> str | None:
    """The kind of the first rule that matches (line rules before part rules, as the file orders them
    within each), for lines short enough to be furniture. Part rules (photo credits) are tried only
    on lines that do not end as a sentence ends: a credit closes its caption ("... REUTERS/Name")."""
    whole, part, whole_kinds, part_kinds = _matchers()
    if n_words <= PATTERN_WORDS:
        m = whole.fullmatch(line)
        if m:
            return whole_kinds[int(m.lastgroup[1:])]
    if n_words <= CAPTION_WORDS and not _SENTENCE_END.search(line):
        m = part.search(line)
        if m:
            return part_kinds[int(m.lastgroup[1:])]
    return None


def _is_nav(line: str) -> bool:
    parts = [p for p in _NAV_SPLIT.split(line) if p]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def _only(words: list[str], vocab: frozenset[str], numbers: bool = False) -> bool:
    return bool(words) and all(w in vocab or (numbers and _NUMBER.match(w)) for w in words)


def _shape_kind(line: str) -> str | None:
    """Navigation bars and share-button rows (furniture), and timestamp lines (datelines), by their shape."""
    if _NAV_MARK.search(line) and _is_nav(line):
        return "furniture"
    raw = line.split()
    if len(raw) > 12:
        return None
    words = [w for w in (w.strip(".,;:()[]|•·-–—").lower() for w in raw) if w]
    if len(words) <= 8 and _only(words, _share_words()):
        return "furniture"
    if any(_NUMBER.match(w) for w in words) and _only(words, _date_words(), numbers=True):
        return "dateline"
    return None


def _is_prose(line: str, n_words: int) -> bool:
    return n_words >= PROSE_WORDS and (bool(_END.search(line)) or _opens_with_dateline(line))


def _opens_with_dateline(line: str) -> bool:
    dl = find_dateline(line)
    return dl is not None and dl.start == 0


def _is_name(line: str) -> bool:
    """A name-like line under a headline ("Jane Mwangi in Nairobi"): a byline without "By"."""
    words = line.split()
    caps = [w for w in words if w[:1].isupper()]
    return 2 <= len(words) <= 7 and len(caps) >= 2 and not any(ch.isdigit() for ch in line) \
        and all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in words)


def lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) of each non-blank line, stripped of surrounding spaces."""
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            out.append((start, start + len(stripped), stripped))
        pos += len(raw)
    return out


def segment(text: str, title: str | None = None, source: str | None = None) -> list[Segment]:
    """The parts of a page, in text order; consecutive lines of one kind are one segment.
    ``title`` and ``source`` (the site name), when known, mark the headline and a site-name line."""
    rows = lines(text)
    if not rows:
        return []
    kinds = [_pattern_kind(s, len(s.split())) or _shape_kind(s) for _, _, s in rows]
    site = (source or "").strip().lower()
    for i, (_, _, s) in enumerate(rows):
        if site and s.lower() == site:
            kinds[i] = "furniture"
    body = next((i for i, (_, _, s) in enumerate(rows) if kinds[i] is None and _is_prose(s, len(s.split()))), None)
    if body is None:  # no prose: a lone headline or sentence is the story itself
        kinds = ["body" if k is None else k for k in kinds]
    else:
        _front(rows, kinds, body, title)
        _rest(rows, kinds, body)
    out = _runs(rows, kinds)
    return _split_dateline(text, out, rows[body][0] if body is not None else None)


def _front(rows, kinds, body: int, title: str | None) -> None:
    """Headline, kicker, byline and deck among the lines before the body."""
    footer = " ".join(rows[i][2].lower() for i in range(body, len(rows)) if kinds[i] == "furniture")
    for i in range(body):
        if kinds[i] is None and len(rows[i][2]) > 3 and rows[i][2].lower() in footer:
            kinds[i] = "furniture"  # the site's name, repeated in its copyright line
    free = [i for i in range(body) if kinds[i] is None]
    want = (title or "").strip().lower()
    head = next((i for i in free if want and rows[i][2].lower() == want), None)
    if head is None:
        head = next((i for i in free if len(rows[i][2].split()) >= HEADLINE_WORDS), None)
    for i in free:
        s = rows[i][2]
        if head is None:
            kinds[i] = "furniture"
        elif i < head:
            kinds[i] = "kicker" if i == head - 1 and len(s.split()) <= KICKER_WORDS else "furniture"
        elif i == head:
            kinds[i] = "headline"
        elif _is_name(s):
            kinds[i] = "byline"
        elif len(s.split()) >= KICKER_WORDS:
            kinds[i] = "headline"  # a deck under the headline
        else:
            kinds[i] = "furniture"


def _rest(rows, kinds, body: int) -> None:
    """Body lines, and the items of lists that follow a list heading."""
    listing = None
    for i in range(body, len(rows)):
        k, s = kinds[i], rows[i][2]
        n = len(s.split())
        if k in ("related_list", "furniture_list"):
            listing = k.removesuffix("_list")
            kinds[i] = listing
        elif k is not None:
            kinds[i] = k
        elif listing and n <= LIST_ITEM_WORDS and not _is_prose(s, n):
            kinds[i] = listing
        else:
            listing = None
            kinds[i] = "body"


def _runs(rows, kinds) -> list[Segment]:
    out: list[Segment] = []
    for (start, end, _), kind in zip(rows, kinds, strict=True):
        kind = kind.removesuffix("_list")
        if out and out[-1].kind == kind:
            out[-1].end = end
        else:
            out.append(Segment(kind, start, end))
    return out


def _split_dateline(text: str, segments: list[Segment], body_start: int | None) -> list[Segment]:
    """A dateline opening the body (``datelines.find_dateline``) becomes its own segment."""
    if body_start is None:
        return segments
    line_end = text.find("\n", body_start)
    dl = find_dateline(text[body_start:line_end if line_end >= 0 else len(text)])
    if dl is None or dl.start != 0:
        return segments
    rest = body_start + dl.end
    while rest < len(text) and text[rest] in " \t":
        rest += 1
    for i, g in enumerate(segments):
        if g.kind == "body" and g.start == body_start and rest < g.end:
            return segments[:i] + [Segment("dateline", g.start, body_start + dl.end), Segment("body", rest, g.end)] \
                + segments[i + 1:]
    return segments


__all__ = ["segment", "lines", "rules"]
