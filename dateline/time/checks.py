"""Token-level checks a time rule can ask for (``"check"`` in rules.json): each takes the match, the
text and the parsed Doc and says whether the match stands. ``CHECKS`` is the dispatch table; the
stage refuses, when it loads, a rule that names a check not in it."""

from __future__ import annotations

import re

# Month spellings that are also ordinary words; alone they must look like a name.
AMBIGUOUS_MONTH = {"may", "march", "jan", "mar", "jun", "sep", "sept", "dec", "oct", "nov", "aug", "apr",
                   "jul", "feb"}


def tokens(doc, start: int, end: int):
    """The tokens covering characters start..end (None when they fall inside no token)."""
    return doc.char_span(start, end, alignment_mode="expand")


def month_word(m, text, doc) -> bool:
    mt = m.slots.get("month_text", "")
    if not mt[:1].isupper():
        return False
    if m.rule.id == "month" and mt.lower() in AMBIGUOUS_MONTH and mt.lower() not in ("may", "march"):
        return False  # a bare "Jan" or "Dec" is more often a name than a month
    if m.rule.id == "month":
        # "April Smith said": a first name, unless a preposition says it is a month
        span = tokens(doc, m.start, m.end)
        if span is not None:
            t = span[-1]
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            prv = doc[span[0].i - 1] if span[0].i > 0 else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and \
                    (prv is None or prv.pos_ not in ("ADP", "DET", "ADJ", "ADV")):
                return False
    if mt.lower() in AMBIGUOUS_MONTH:
        span = tokens(doc, m.end - len(mt), m.end)
        if span is None or span[-1].tag_ in ("MD", "VB", "VBP", "VBZ", "VBD"):
            return False
    return True


def year_number(m, text, doc) -> bool:
    span = tokens(doc, m.start, m.end)
    if span is None:
        return False
    tok = span[-1]
    prev = text[max(0, m.start - 4):m.start]
    if prev.rstrip().endswith(("$", "#", "No.", "no.", "£", "€")) or text[max(0, m.start - 1):m.start] in ".,":
        return False
    # "1990 people" counts; "the 1996 budget" is a year
    return not (tok.dep_ in ("nummod", "quantmod") and tok.head.i != tok.i and tok.head.tag_ in ("NNS", "NNPS"))


def noun(m, text, doc) -> bool:
    span = tokens(doc, m.start, m.end)
    return span is not None and span[-1].pos_ in ("NOUN", "PROPN")


def not_a_year(m, text, doc) -> bool:
    """"the 1988 quarter" is no duration of 1988 quarters."""
    return not re.fullmatch(r"(1[5-9]|20)\d\d", str(m.slots.get("num", "")))


def number_agrees(m, text, doc) -> bool:
    """"a decades-long feud" is no duration of one decade."""
    return not (str(m.slots.get("num", "")).lower() in ("a", "an")
                and m.slots.get("unit_text", "").lower().endswith("s"))


def not_ordinal(m, text, doc) -> bool:
    """"a second consecutive day": an ordinal, not one second."""
    if m.slots.get("unit_text", "").lower() == "second":
        span = tokens(doc, m.start, m.end)
        nxt = doc[span.end] if span is not None and span.end < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "ADJ", "PROPN", "NUM"):
            return False
    return True


def no_noun_after(m, text, doc) -> bool:
    """"on the 5th floor" is no date."""
    span = tokens(doc, m.start, m.end)
    nxt = doc[span.end] if span is not None and span.end < len(doc) else None
    return not (nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"))


def not_fraction(m, text, doc) -> bool:
    """"three-quarters of its food", "a quarter of the market"."""
    return not (m.slots.get("unit") == "Q" and (re.match(r"\s+of\b", text[m.end:m.end + 4])
                                                or "-quarter" in m.slots.get("_text", text[m.start:m.end]).lower()
                                                and m.slots.get("unit_text", "").lower().endswith("s")))


def not_a_noun(m, text, doc) -> bool:
    """"the party daily Granma" is a newspaper."""
    span = tokens(doc, m.start, m.end)
    if span is not None and len(span) == 1:
        t = span[0]
        if t.pos_ in ("NOUN", "PROPN"):
            return False
        # "the Communist Party daily Granma": a paper's name follows, a noun precedes
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        prv = doc[t.i - 1] if t.i > 0 else None
        if nxt is not None and prv is not None and nxt.pos_ == "PROPN" and \
                prv.pos_ in ("NOUN", "PROPN") and nxt.text[:1].isupper():
            return False
    return True


def plural_unit(m, text, doc) -> bool:
    return m.slots.get("unit_text", "").lower().endswith(("s", "ies"))


def singular_unit(m, text, doc) -> bool:
    return not m.slots.get("unit_text", "").lower().endswith("s")


CHECKS = {f.__name__: f for f in (month_word, year_number, noun, not_a_year, number_agrees, not_ordinal,
                                   not_fraction, not_a_noun, no_noun_after, plural_unit, singular_unit)}
