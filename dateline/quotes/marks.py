"""Quotation marks paired into quoted regions, paragraph by paragraph.

News style lets a quote run over several paragraphs: a paragraph that opens a quote without
closing it continues in the next one, which opens again with a fresh mark. Such a quote is one
region. A quote left open by a paragraph whose successor does not reopen it ends with its
paragraph, so one stray mark cannot swallow the rest of the article.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Region:
    start: int  # first character inside the opening mark
    end: int  # the closing mark's index (or the paragraph's end when left open)
    open_at: int
    close_at: int | None
    first_para: int
    last_para: int


def _opens(text: str, i: int) -> bool:
    """A two-way mark (") opens when it follows a space, a bracket or the line's start."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{\u2014-:"


def find_regions(text: str, paras: list[tuple[int, int]], open_marks: str, close_marks: str,
                 both_marks: str) -> list[Region]:
    regions: list[Region] = []
    pending: tuple[int, int] | None = None  # (open_at, first_para) of a quote continuing
    for p, (ps, pe) in enumerate(paras):
        open_at, first = pending if pending else (None, p)
        skip = ps if pending else -1  # the reopening mark of a continued quote
        pending = None
        for i in range(ps, pe):
            ch = text[i]
            if i == skip:
                continue
            is_open = ch in open_marks or (ch in both_marks and open_at is None and _opens(text, i))
            is_close = ch in close_marks or (ch in both_marks and open_at is not None)
            if is_open and open_at is None:
                open_at, first = i, p
            elif is_close and open_at is not None:
                regions.append(Region(open_at + 1, i, open_at, i, first, p))
                open_at = None
            elif is_open:  # a second opener: the first was never closed; restart here
                open_at, first = i, p
        if open_at is not None:
            nxt = paras[p + 1][0] if p + 1 < len(paras) else None
            if nxt is not None and (text[nxt] in open_marks or text[nxt] in both_marks):
                pending = (open_at, first)
            else:
                regions.append(Region(open_at + 1, pe, open_at, None, first, p))
    return [r for r in regions if r.end > r.start]
