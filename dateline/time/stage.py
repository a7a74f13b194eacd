"""The time stage: find temporal expressions with the data-driven grammar and normalise them.

Values are relative to the article date; weekday names, bare months and month-days take the
direction of the governing verb's tense from spaCy's parse; "a week later", "the next day"
anchor on an earlier expression. Config: ``{"extra": ["mine.json", ...]}`` adds rule and
lexicon files (format in docs/time.md).
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from ..datelines import find_dateline
from ..lexicon import words
from ..pipeline import Option, stage
from ..record import TIMEX_MODS, Timex
from ..syntax import clause_head
from ..syntax import tokens as doc_tokens
from .checks import CHECKS, tokens
from .grammar import Grammar, Match, load, select
from .resolve import NORMALISERS, Context

# Normalisers whose result depends on the tense of the governing verb.
_TENSED = {"date", "week_of", "day_of_month", "month", "weekday", "season", "quarter", "quarter_ref", "time", "holiday", "shift"}
# auxiliaries that look ahead: the future's and the modals' ("may meet on Friday")
_FUTURE_AUX = words("future_aux") | words("modal_aux") - words("past_modals")
_PAST_AUX = words("past_aux")
# A comparison of amounts on a date counted back ("more than a year ago") or ahead ("more than a
# week later") bounds the date: TimeML writes BEFORE for the first, AFTER for the second.
_MOD_AGO = {-1: {"MORE_THAN": "BEFORE", "LESS_THAN": "AFTER", "EQUAL_OR_MORE": "ON_OR_BEFORE",
                 "EQUAL_OR_LESS": "ON_OR_AFTER"},
            1: {"MORE_THAN": "AFTER", "LESS_THAN": "BEFORE", "EQUAL_OR_MORE": "ON_OR_AFTER",
                "EQUAL_OR_LESS": "ON_OR_BEFORE"}}


def parse_date(value: str | None) -> date | None:
    """The article date ("2025-08-28", or an ISO datetime) as a date; None when absent or bad."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def verb_tense(v) -> str:
    """past | future | present | unknown, from a verb token and its auxiliaries."""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass", "neg") or c.tag_ == "MD"]
    words = {c.lower_ for c in aux}
    if words & _FUTURE_AUX and "have" in words and v.tag_ == "VBN":
        return "past"  # "may have been", "would have met": a modal perfect looks back
    if words & _FUTURE_AUX or any(c.lower_ == "going" for c in aux):
        return "future"
    if v.tag_ == "VB" and any(c.lower_ == "to" for c in aux):
        return "future"  # "plans to meet on Friday"
    if words & _PAST_AUX or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ == "VBN":
        # "has given them until Tuesday": the perfect with a date is mostly a deadline ahead
        return "past" if not aux else "present"
    if v.tag_ == "VBG" and words & {"is", "are", "am", "'re", "'s"}:
        return "future"  # "is meeting on Friday"
    if v.tag_ in ("VBZ", "VBP"):
        return "present"
    return "unknown"


def _past_perfect(v) -> bool:
    """A verb in the past perfect, or the infinitive or complement of one ("had been due to expire")."""
    t = v
    for _ in range(3):
        if any(c.lower_ in ("had", "'d") and c.dep_ in ("aux", "auxpass") for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "acomp") or t.head is t:
            return False
        t = t.head
    return False


def tense_at(doc, start: int, end: int, forward: dict | None = None, backward: dict | None = None) -> str:
    """The tense of the verb governing the span; 'future' when the span hangs on a word that
    looks ahead whatever its tense (lexicon class 'forward': "payable Dec. 7"), 'past' when it is
    the object of a preposition that looks back (class 'backward': "since Jan. 13")."""
    span = tokens(doc, start, end)
    if span is None or len(span) == 0:
        return "unknown"
    root = span.root
    if root.dep_ == "poss" or (root.i + 1 < len(doc) and doc[root.i + 1].tag_ == "POS") or \
            (root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN"):
        return "unknown"  # "Wednesday's ruling", "a June agreement": the clause's verb does not date it
    head = root.head if root.head is not root else root
    v = clause_head(head)
    if root.dep_ == "pobj" and backward and head.lower_ in backward:
        return "past"  # "since Jan. 13"
    if _past_perfect(v):
        return "past"  # "had been due to expire Friday": a plan that is over
    if forward:
        if root.dep_ == "pobj" and head.lower_ in forward:
            return "future"  # "extended the deadline until Tuesday"
        near = head.head if head.dep_ == "prep" and root.dep_ == "pobj" else head
        if near.lemma_.lower() in forward or near.lower_ in forward or v.lemma_.lower() in forward:
            return "future"
    if v.pos_ not in ("VERB", "AUX"):
        return "unknown"
    return verb_tense(v)


def _sentence_starts(doc) -> list[int]:
    """Character offsets where sentences start (without building every Span)."""
    from spacy.attrs import SENT_START

    if len(doc) == 0:
        return [0]
    flags = doc.to_array([SENT_START]).ravel()
    toks = doc_tokens(doc)
    starts = [toks[i].idx for i in (flags == 1).nonzero()[0].tolist()]
    return starts if starts and starts[0] == 0 else [0] + starts


def _check(m: Match, text: str, doc) -> bool:
    """The token-level checks a rule asks for (see 'check' in rules.json; names in ``CHECKS``)."""
    return all(CHECKS[name](m, text, doc) for name in m.rule.check)


# Expressions of ordinary words; capitalised in mid-sentence they name a show or a paper ("This Week").
_COMMON = {"shift", "dayword", "duration", "set", "ref", "time"}
_OPENERS = {",", ":", ";", ".", "?", "!", "(", "-", "--"}


def _title(m: Match, text: str, doc) -> bool:
    if m.rule.norm not in _COMMON:
        return False
    words = re.findall(r"[^\W\d_]+", text[m.start:m.end])
    if not words or not all(w[0].isupper() and w[1:].islower() for w in words if len(w) > 1) or \
            any(w.lower() in ("a", "p", "m") for w in words if len(w) == 1):
        return False
    span = tokens(doc, m.start, m.end)
    if span is None or span[0].is_sent_start or span[0].i == 0:
        return False
    prev = doc[span[0].i - 1]
    if prev.is_space or "\n" in text[prev.idx:m.start]:
        return False  # a new line starts a sentence whatever the parser says
    if prev.is_quote or prev.text in _OPENERS:  # a quotation or clause may start here
        before = doc[prev.i - 1] if prev.i > 0 else None
        return before is not None and prev.is_quote and before.text not in _OPENERS and \
            not before.is_sent_start and not before.is_quote
    return True


def _past_verb(g: Grammar, m: Match, text: str, doc) -> Match | None:
    """A match that opens with a word the parser saw as a verb ("could last two years": to
    last, not the last two years) is the rule matched again after that word, if it still is."""
    span = tokens(doc, m.start, m.end)
    if span is None or len(span) < 2 or span[0].idx != m.start or span[0].tag_ not in ("VB", "VBP", "VBZ", "VBD"):
        return m
    return g.match_at(m.rule, text, span[1].idx)


def tag(doc, article_date: str | None, grammar: Grammar | None = None, dateline=...,
        text: str | None = None) -> list[Timex]:
    """Temporal expressions of a parsed text, normalised against the article date. ``dateline``:
    the article's (``analysis.dateline``); found here when not given. ``text``: the Doc's text,
    when the caller has it (``Doc.text`` joins every token)."""
    g = grammar or load()
    text = doc.text if text is None else text
    if dateline is ...:
        dateline = find_dateline(text)
    anchor = parse_date(article_date)
    found = [m for m in map(lambda m: _past_verb(g, m, text, doc), g.matches(text))
             if m is not None and (not m.rule.check or _check(m, text, doc)) and not _title(m, text, doc)]
    sent_starts = _sentence_starts(doc)
    ctx = Context(anchor=anchor, lex=g.lexicon)
    forward, backward = g.lexicon.get("forward"), g.lexicon.get("backward")
    out: list[Timex] = []
    for m in select(found):
        if m.start > 120:
            break
        if m.rule.norm == "date" and anchor is not None and dateline is not None \
                and dateline.place[1] < m.start and m.end <= dateline.end:
            # "BRUSSELS, March 12 (Xinhua) --": the date the writer wrote on is the anchor when it
            # is a day or two off the article's date (feeds often stamp the next day)
            try:
                own = date.fromisoformat(NORMALISERS["date"](dict(m.slots), ctx)[1] or "")
            except ValueError:
                own = None
            if own is not None and 0 < abs((anchor - own).days) <= 2:
                ctx.anchor = own
            break
    for m in select(found):
        norm = NORMALISERS.get(m.rule.norm)
        if norm is None:
            raise ValueError(f"time rule {m.rule.id!r} names unknown normaliser {m.rule.norm!r}")
        slots = dict(m.slots)
        slots["_text"] = text[m.start:m.end]
        ctx.sentence = bisect.bisect_right(sent_starts, m.start) - 1
        ctx.tense = tense_at(doc, m.start, m.end, forward, backward) if m.rule.norm in _TENSED else "unknown"
        try:
            typ, value = norm(slots, ctx)
        except (ValueError, KeyError, TypeError, OverflowError):
            typ, value = m.rule.type, None  # a match we cannot compute (e.g. year 0) stays unnormalised
        typ = m.rule.type  # the rule decides the type; normalisers only compute values
        out.append(Timex(start=m.start, end=m.end, text=text[m.start:m.end], type=typ, value=value,
                         mod=_mod(m.slots, typ)))
        ctx.earlier.append((ctx.sentence, value, m.rule.norm))
    return out


def _mod(slots: dict, typ: str) -> str | None:
    """TimeML's mod from the modifier slots: 'approx' (lexicon classes approx*: "about", "more than",
    "or so"), else 'mod' (class mod: "early", "the end of", or a rule's "with"); the outer word, which
    comes first in the text, wins ("around year end" is APPROX). '' in the data means none."""
    mod = slots.get("approx") or slots.get("mod") or None
    if mod and typ == "DATE" and slots.get("after") in _MOD_AGO:
        mod = _MOD_AGO[slots["after"]].get(mod, mod)  # "more than a year ago" is BEFORE that date
    return mod


@stage("time", requires=("doc",), provides=("timexes",), default_config={"extra": ()},
       options=(Option("--time", "extra", "Extra temporal grammar file (repeatable)."),))
def make_time(config: dict):
    grammar = load(tuple(str(p) for p in config["extra"]))
    for rule in grammar.rules:  # a typo in a user's rule file fails here, not on some article
        if rule.norm not in NORMALISERS:
            raise ValueError(f"time rule {rule.id!r} names unknown normaliser {rule.norm!r}")
        for name in rule.check:
            if name not in CHECKS:
                raise ValueError(f"time rule {rule.id!r} names unknown check {name!r}")
        if rule.fixed.get("mod", "") not in ("", *TIMEX_MODS):
            raise ValueError(f"time rule {rule.id!r} fixes mod {rule.fixed['mod']!r}, not one of TimeML's")
    for cls in ("mod", "approx", "approx_count", "approx_point", "approx_after", "bound_after"):
        for form, mod in grammar.lexicon.get(cls, {}).items():
            if mod not in ("", *TIMEX_MODS):
                raise ValueError(f"time lexicon class {cls!r}: {form!r} maps to {mod!r}, not one of TimeML's mods")

    def run(analysis) -> None:
        analysis.record.timexes = tag(analysis.doc, analysis.record.article.date, grammar, analysis.dateline,
                                      analysis.text)

    return run
