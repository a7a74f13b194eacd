"""What the quote finders share: the working state of one article (``Ctx``), an attribution under
construction, span helpers, and the cue look-ups (a verb or noun of the cue table, "according to")."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Span, Speaker
from .lexicon import Cue
from .marks import Region

# A quote's frame reaches at most this many tokens either side of it and a head chain is
# followed this far up: news sentences are far shorter, and the bound keeps a text of thousands
# of quotation marks in one "sentence" linear rather than quadratic.
FRAME_TOKENS = 300


@dataclass
class Attribution:
    speaker: Speaker | None
    cue: Span | None
    addressee: Span | None = None  # "AFP" in "told AFP"
    medium: Span | None = None  # "a statement" in "said in a statement"


@dataclass
class Ctx:
    text: str
    doc: object
    cues: dict[str, list[Cue]]
    pats: dict
    quote_cues: dict[str, list[Cue]]
    record: object  # the record being filled: its actors resolve speakers
    mentions: list[tuple[int, int, str, str]]  # start, end, actor id, name (sorted by start)
    regions: list[Region] = field(default_factory=list)
    in_quote: list[int] = field(default_factory=list)  # region index per token, -1 outside
    para_of: list[int] = field(default_factory=list)  # paragraph index per token
    sent_of: list[int] = field(default_factory=list)
    sents: list = field(default_factory=list)
    paras: list[tuple[int, int]] = field(default_factory=list)
    opens: list[int] = field(default_factory=list)  # each region's open_at, for bisecting
    ents: list = field(default_factory=list)  # doc.ents once (a Span's .ents walks them all)
    ent_starts: list[int] = field(default_factory=list)
    toks: list = field(default_factory=list)  # every token of doc, made once (syntax.tokens)


def span_of(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


def tok_span(text: str, a, b) -> tuple[int, int]:
    return a.idx, b.idx + len(b)


def trim(tokens: list) -> list:
    """Tokens without leading/trailing punctuation, or a leading complementiser or conjunction."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ in ("mark", "cc")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def match_cue(ctx: Ctx, tok, quoted: bool = False) -> Cue | None:
    """The lexicon entry this token is the head of, if any (verbs only). Words in quotation
    marks are someone's words whatever the verb's class ("blamed it on “knuckleheads”"), so
    ``quoted`` looks in every class."""
    if not tok.tag_.startswith("VB"):
        return None
    for cue in (ctx.quote_cues if quoted else ctx.cues).get(tok.lemma_.lower(), ()):
        if not cue.rest:
            return cue
        nxt = [t.lower_ for t in tok.doc[tok.i + 1: tok.i + 1 + len(cue.rest)]]
        if tuple(nxt) == cue.rest:
            return cue
    return None


def source_prep(ctx: Ctx, tok):
    """For 'according to X': the object of the preposition, else None."""
    prep = ctx.pats["source_phrases"].get(tok.lower_)
    if not prep or not isinstance(prep, str):
        return None
    for child in tok.children:
        if child.lower_ == prep:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == prep:
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def nominal_cue(ctx: Ctx, tok):
    """For 'her remark that “...”', 'Albright's warning': the possessor, else None."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ctx.pats["nominal_cues"]:
        return None
    return next((c for c in tok.children if c.dep_ == "poss" and ctx.in_quote[c.i] < 0), None)


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
