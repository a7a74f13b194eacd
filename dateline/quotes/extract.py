"""Who said what: direct, partial and indirect quotes from a parsed article.

Direct and partial quotes start from quotation marks (``marks.py``); the attribution is sought
in the words of the same sentences outside the marks: a cue verb from the lexicon and its
subject. Indirect speech starts from a cue verb whose clause complement is not quoted
("X said that ..."), or "according to X". Speakers given by pronouns or surnames are resolved
through the actors' mentions, else to the nearest earlier speaker or person of that name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from ..lexicon import words
from ..record import Quote, Span, Speaker
from ..syntax import paragraphs
from .lexicon import Cue

try:  # the actors stage's look-up: a token to the actor its noun phrase mentions
    from ..actors import actor_for_token as _actor_for_token
except ImportError:  # pragma: no cover - quotes still work, names from the entities
    _actor_for_token = None
from .marks import Region, find_regions

_SENT_END = re.compile(r"[.!?\u2026][\s\"'\u2019\u201d)]*$")
_WORD = re.compile(r"\w+")
_RELATIVE = words("relative_pronouns")
_CLOSING = "\u201d\u00bb\""
# "..., saying", "by saying": the subject is the head verb's
_SUBJ_CLIMB = {"conj", "advcl", "xcomp", "pcomp", "prep"}
# A quote's frame reaches at most this many tokens either side of it and a head chain is
# followed this far up: news sentences are far shorter, and the bound keeps a text of thousands
# of quotation marks in one "sentence" linear rather than quadratic.
_FRAME_TOKENS = 300


@dataclass
class Attribution:
    speaker: Speaker | None
    cue: Span | None
    addressee: Span | None = None  # "AFP" in "told AFP"
    medium: Span | None = None  # "a statement" in "said in a statement"


@dataclass
class _Ctx:
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


def _span(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


def _tok_span(text: str, a, b) -> tuple[int, int]:
    return a.idx, b.idx + len(b)


def _trim(tokens: list) -> list:
    """Tokens without leading/trailing punctuation, or a leading complementiser or conjunction."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ in ("mark", "cc")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


# -- cues and speakers ---------------------------------------------------------------------

def match_cue(ctx: _Ctx, tok, quoted: bool = False) -> Cue | None:
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


def source_prep(ctx: _Ctx, tok):
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


_NOT_SPEAKER_ENTS = {"TIME", "DATE", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
_NP_INNER = {"appos", "compound", "prep", "pobj", "amod", "flat", "nummod", "poss", "punct", "det"}


def _subject(ctx: _Ctx, verb, cue: Cue | None = None):
    """The speaker's head token for a cue verb, or None when the text does not say it plainly."""
    subj = _raw_subject(ctx, verb, cue)
    if subj is None:
        return None
    if subj.lower_ in ctx.pats["no_speaker_words"] or subj.ent_type_ in _NOT_SPEAKER_ENTS:
        return None  # the writer ("I"), the reader ("you"), a time stamp or a figure
    if ctx.para_of[subj.i] != ctx.para_of[verb.i]:
        return None  # a parse that ran across paragraphs
    return subj


def _raw_subject(ctx: _Ctx, verb, cue: Cue | None):
    t = verb
    for _ in range(4):
        for c in t.children:
            if c.dep_ in ctx.pats["subject_deps"] and ctx.in_quote[c.i] < 0 and not c.is_punct:
                if _before_dash(c):
                    continue  # "Boston (AFP) – Senator Adler has ...": the dateline, not the subject
                c = _past_dateline(c)
                if c.lower_ in _RELATIVE and t.dep_ == "relcl":
                    return t.head
                if c.dep_ == "nsubjpass" or c.dep_ == "expl":
                    return None  # "it was said", "he was asked": not the speaker
                if cue is not None and cue.addressee and c.i > verb.i:
                    return _np_before(ctx, verb)  # "..., X tells Breitbart News": not the audience
                if t.i != verb.i and t.dep_ == "ccomp" and match_cue(ctx, t.head) is not None:
                    break  # "X said the plan could be “messy,” adding ...": X is the one adding
                return c
        if t.i == verb.i and t.i > 0 and ctx.in_quote[t.i - 1] < 0:
            prev = t.doc[t.i - 1]
            if prev.head.i == t.i and prev.dep_ == "compound" and prev.pos_ == "PROPN":
                return prev  # "“...,” Beck joked": a name the parser took for the verb's modifier
        if t.dep_ in _SUBJ_CLIMB | {"ccomp"} and t.head.i != t.i and (t.i == verb.i or t.dep_ != "ccomp"
                                                                     or match_cue(ctx, t.head)):
            t = t.head
        else:
            break
    if cue is not None and cue.addressee:
        return _np_before(ctx, verb)
    # "said Chong Ja Ian, ...", "said election lawyer Joe Birkenstock": a name among the
    # words right after the cue, before any comma
    doc = verb.doc
    for t in doc[verb.i + 1: min(len(doc), verb.i + 6)]:
        if t.is_punct or ctx.in_quote[t.i] >= 0 or t.pos_ in ("ADP", "VERB", "AUX", "SCONJ"):
            break  # "wrote on Twitter": a medium, not the speaker
        if t.ent_type_ in ("PERSON", "ORG"):
            ent = next(e for e in doc.ents if e.start <= t.i < e.end)
            return ent.root
    return None


_DASHES = ("\u2014", "\u2013", "\u2015", "--", "-")


def _is_dash(t) -> bool:
    """A dash between words ('PARIS (Reuters) - Trump'), not a hyphen ('Seitz-Wald')."""
    return t.text in _DASHES and (t.text != "-" or (bool(t.whitespace_) and t.i > 0
                                                    and bool(t.doc[t.i - 1].whitespace_)))


def _past_dateline(tok):
    """'PARIS (Reuters) - Donald Trump said', parsed with the place as the subject and the
    name as its apposition after the dash: the name."""
    dash = [t for t in tok.rights if _is_dash(t)]
    if dash and tok.left_edge.is_sent_start:
        after = [t for t in tok.rights if t.dep_ == "appos" and t.i > dash[0].i]
        if after:
            return after[0]
    return tok


def _before_dash(tok) -> bool:
    """The phrase of tok ends just before a dash: a dateline ('WASHINGTON (AP) —')."""
    doc, i = tok.doc, tok.right_edge.i
    if not tok.left_edge.is_sent_start or sum(_is_dash(t) for t in doc[tok.left_edge.i:i + 2]) > 1:
        return False  # "Smith — who ran in 2012 — said": an aside between dashes
    return _is_dash(doc[i]) or (i + 1 < len(doc) and _is_dash(doc[i + 1]))


def _np_before(ctx: _Ctx, verb):
    """The noun phrase ending just before the verb ("Ramos, 58, told AFP"), by its head."""
    i = verb.i - 1
    while i >= 0 and (verb.doc[i].is_punct or verb.doc[i].is_space):
        i -= 1
    if i < 0 or ctx.in_quote[i] >= 0:
        return None
    t = verb.doc[i]
    while t.dep_ in _NP_INNER and t.head.i < verb.i and t.head.i != t.i and ctx.in_quote[t.head.i] < 0:
        t = t.head
    return t if t.pos_ in ("PROPN", "NOUN", "PRON") else None


def _speaker_tokens(subj, para_start: int = 0) -> list:
    """The words of the subject noun phrase, appositions kept, relative clauses left out."""
    if subj.pos_ == "PRON":
        return [subj]
    left, right = subj.left_edge.i, subj.i
    # "PARIS (Reuters) - Donald Trump": the dateline before a dash is not part of the speaker
    left = max([left] + [t.i + 1 for t in subj.doc[left:subj.i] if _is_dash(t)])
    for c in subj.rights:
        if c.dep_ in ("relcl", "acl", "advcl", "cc", "conj"):
            break
        if c.dep_ == "case":  # "Albright's"
            continue
        right = max(right, c.right_edge.i)
    toks = _trim([t for t in subj.doc[left:right + 1] if t.idx >= para_start])
    return toks or [subj]


def _cue_span(ctx: _Ctx, verb, cue: Cue | None) -> Span:
    s, e = verb.idx, verb.idx + len(verb)
    if cue is not None and cue.rest:
        last = verb.doc[verb.i + len(cue.rest)]
        e = last.idx + len(last)
    return _span(ctx.text, s, e)


_AUDIENCE_ENTS = {"PERSON", "ORG", "NORP"}  # not places: "admitting them to the USA" is a destination
_AUDIENCE_PRONOUNS = words("object_pronouns")
_MEDIUM_ENTS = {"ORG", "WORK_OF_ART", "PRODUCT"}  # "on CNN", "on 'Meet the Press'"


def _phrase(ctx: _Ctx, head, after) -> Span:
    """A noun phrase by its head: its words up to the head, and the whole name when the head
    is part of one ("The Associated Press", "Fox News Sunday"); no trailing clause or phrase,
    nothing before the word ``after`` (a parse that hangs the cue's subject on its object)."""
    s, e = head.left_edge.idx, head.idx + len(head)
    if head.ent_type_:
        ent = next((x for x in head.doc.ents if x.start <= head.i < x.end), None)
        if ent is not None:
            s, e = min(s, ent.start_char), max(e, ent.end_char)
    s = max(s, after.idx + len(after))
    return _span(ctx.text, *_strip(ctx.text, s, e))


def _audience(ctx: _Ctx, verb, cue: Cue | None) -> tuple[Span | None, Span | None]:
    """Whom the words were said to and through what, from the cue's dependants: the object of
    a telling cue ("told AFP"), "to X" ("said to reporters"), and a medium after in/on/at
    ("in a statement", "on Twitter", "at a news conference"; "in an interview with CNN" also
    names the addressee). Media and audiences are the lists in attribution.json."""
    media, audiences = ctx.pats["media"], ctx.pats["audiences"]
    addressee = medium = None
    heads = list(verb.children)
    if cue is not None and not cue.addressee:  # "announced X at a news conference"
        heads += [g for c in verb.children if c.dep_ == "dobj" for g in c.children
                  if g.i > c.i and _setting(ctx, g)]
    for c in heads:
        if ctx.in_quote[c.i] >= 0:
            continue
        if c.dep_ in ("dobj", "dative") and c.i > verb.i and cue is not None and cue.addressee:
            if c.lemma_.lower() in ctx.pats["spoken_things"] or not c.is_alpha or c.tag_ in ("WDT", "WP"):
                continue  # "tells a joke": what was said, not to whom; "asked which ..."
            if c.lemma_.lower() in media and c.pos_ != "PROPN":  # "told the Post": a newspaper
                medium = medium or _phrase(ctx, c, verb)  # "told a news conference"
            elif c.ent_type_ not in _NOT_SPEAKER_ENTS:
                addressee = addressee or _phrase(ctx, c, verb)
            continue
        if c.dep_ != "prep":
            continue
        obj = next((g for g in c.children if g.dep_ == "pobj" and ctx.in_quote[g.i] < 0), None)
        if obj is None:
            continue
        if c.lower_ == "to" and addressee is None and (
                obj.lemma_.lower() in audiences or obj.ent_type_ in _AUDIENCE_ENTS
                or obj.lower_ in _AUDIENCE_PRONOUNS):
            addressee = _phrase(ctx, obj, c)
        elif c.lower_ in ctx.pats["media_prepositions"] and medium is None and (
                obj.lemma_.lower() in media or c.lower_ == "on" and obj.ent_type_ in _MEDIUM_ENTS):
            medium = _phrase(ctx, obj, c)
            for w in obj.children:  # "an interview with CNN", "a statement to the AP"
                if w.dep_ == "prep" and w.lower_ in ("with", "to") and addressee is None:
                    who = next((g for g in w.children if g.dep_ == "pobj"), None)
                    if who is not None and ctx.in_quote[who.i] < 0:
                        addressee = _phrase(ctx, who, w)
    return addressee, medium


def _setting(ctx: _Ctx, prep) -> bool:
    """A prepositional phrase that says where or when words were said: a medium ("at a news
    conference") or a time ("on Thursday")."""
    if prep.dep_ != "prep" or prep.lower_ not in ctx.pats["media_prepositions"]:
        return False
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return obj is not None and (obj.lemma_.lower() in ctx.pats["media"] or obj.ent_type_ in ("DATE", "TIME"))


def _verb_attribution(ctx: _Ctx, verb, cue: Cue | None, speaker: Speaker | None) -> Attribution:
    return Attribution(speaker, _cue_span(ctx, verb, cue), *_audience(ctx, verb, cue))


def _speaker(ctx: _Ctx, subj) -> Speaker | None:
    return _speaker_from(ctx, subj, _speaker_tokens(subj, ctx.paras[ctx.para_of[subj.i]][0] if ctx.paras else 0))


def _speaker_from(ctx: _Ctx, subj, toks: list) -> Speaker:
    """The speaker given by these words with this head, resolved to an actor where one is mentioned."""
    s, e = _tok_span(ctx.text, toks[0], toks[-1])
    found = _actor_for_token(ctx.record, subj) if _actor_for_token and ctx.record is not None else None
    if found is not None and not any(aid == found.id for _, _, aid, _ in _overlapping(ctx, s, e)):
        found = None  # the look-up strayed outside the speaker's words
    if found is not None and _shared(ctx, found, subj):
        return Speaker(actor=None, name=None, text=ctx.text[s:e], start=s, end=e)  # "both countries"
    if found is not None:
        actor, name = found.id, found.name
    else:
        actor, name = _resolve(ctx, s, e, toks)
    return Speaker(actor=actor, name=name, text=ctx.text[s:e], start=s, end=e)


def _shared(ctx: _Ctx, actor, tok) -> bool:
    """Another actor has the very mention that names this one here: a group of several."""
    near = list(_overlapping(ctx, tok.idx, tok.idx + 1))
    spans = {(ms, me) for ms, me, aid, _ in near if aid == actor.id}
    return any(aid != actor.id and (ms, me) in spans for ms, me, aid, _ in near)


def _overlapping(ctx: _Ctx, s: int, e: int):
    """The actor mentions (start, end, actor id, name) overlapping s..e, from the last back."""
    i = bisect.bisect_left(ctx.mentions, (e,)) - 1
    while i >= 0 and ctx.mentions[i][0] >= s - 400:
        if ctx.mentions[i][1] > s:
            yield ctx.mentions[i]
        i -= 1


def _resolve(ctx: _Ctx, s: int, e: int, toks: list) -> tuple[str | None, str | None]:
    """Without the actors' look-up: the longest actor mention overlapping the speaker's words;
    else a name from the entities (a surname gets the full name said earlier)."""
    best = None
    for ms, me, aid, name in _overlapping(ctx, s, e):
        if best is None or (me - ms) > (best[1] - best[0]):
            best = (ms, me, aid, name)
    if best:
        return best[2], best[3]
    doc = ctx.doc
    span = doc.char_span(s, e, alignment_mode="expand")
    ents = [x for x in (_ents_in(ctx, span) if span is not None else []) if x.label_ in ("PERSON", "ORG", "NORP", "GPE")]
    if ents:
        ent = max(ents, key=lambda x: (x.label_ == "PERSON", len(x)))
        if len(ent) == 1:  # a surname: the full name said earlier
            return None, _long_name(doc, ent[0], s) or ent.text
        return None, ent.text
    heads = [t for t in toks if t.pos_ == "PROPN"]
    if heads and heads[-1].pos_ == "PROPN":
        return None, _long_name(doc, heads[-1], s) or _propn_run(doc, heads[-1])
    return None, None


def _ents_in(ctx: _Ctx, span) -> list:
    """The entities inside a span, as ``span.ents`` gives them, found by bisection."""
    out = []
    for k in range(bisect.bisect_left(ctx.ent_starts, span.start), len(ctx.ents)):
        ent = ctx.ents[k]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out


def _propn_run(doc, tok) -> str:
    """The proper nouns around tok ("Hong Lei"), at most four words."""
    a = b = tok.i
    while a > 0 and tok.i - a < 3 and doc[a - 1].pos_ == "PROPN" and doc[a - 1].whitespace_:
        a -= 1
    while b + 1 < len(doc) and b - a < 3 and doc[b + 1].pos_ == "PROPN" and doc[b].whitespace_:
        b += 1
    return doc[a:b + 1].text


def _long_name(doc, tok, before: int) -> str | None:
    """The first longer name that contains this word, said earlier (a surname's full name)."""
    for t in doc:
        if t.idx >= before:
            break
        if t.lower_ != tok.lower_ or t.pos_ != "PROPN":
            continue
        if t.ent_type_ == "PERSON":
            ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
            if ent is not None and len(ent) > 1:
                return ent.text
        run = _propn_run(doc, t)
        if " " in run:
            return run
    return None


def nominal_cue(ctx: _Ctx, tok):
    """For 'her remark that “...”', 'Albright's warning': the possessor, else None."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ctx.pats["nominal_cues"]:
        return None
    return next((c for c in tok.children if c.dep_ == "poss" and ctx.in_quote[c.i] < 0), None)


def attribution_from_cue(ctx: _Ctx, tok, quoted: bool = False) -> Attribution | None:
    cue = match_cue(ctx, tok, quoted)
    if cue is None and quoted:
        owner = nominal_cue(ctx, tok)
        if owner is not None:
            return Attribution(_speaker(ctx, owner), _span(ctx.text, tok.idx, tok.idx + len(tok)))
    if cue is not None:
        subj = _subject(ctx, tok, cue)
        return _verb_attribution(ctx, tok, cue, _speaker(ctx, subj) if subj is not None else None)
    obj = source_prep(ctx, tok)
    if obj is not None:
        prep = obj.head
        return Attribution(_speaker(ctx, obj), _span(ctx.text, tok.idx, prep.idx + len(prep)))
    return None


# -- direct and partial quotes -------------------------------------------------------------

def _frame(ctx: _Ctx, r: Region) -> tuple[list, list, list]:
    """Tokens outside quotes that could attribute region r: before it and after it in its
    sentences (and the next sentence when it is the tail '..., he added'), and the region's own."""
    doc = ctx.doc
    inside = [t for t in doc.char_span(r.start, r.end, alignment_mode="expand") or [] if not t.is_space]
    if not inside:
        return [], [], []
    first, last = inside[0], inside[-1]
    s0 = ctx.sents[ctx.sent_of[first.i]]
    s1 = ctx.sents[ctx.sent_of[last.i]]
    p0, p1 = ctx.para_of[first.i], ctx.para_of[last.i]
    cap = _FRAME_TOKENS
    before = [t for t in doc[max(s0.start, first.i - cap):first.i] if ctx.in_quote[t.i] < 0 and ctx.para_of[t.i] == p0]
    after_end = min(s1.end, last.i + 1 + cap)
    # "“...,” | he added." split into two sentences: the tail belongs to the quote
    if after_end < len(doc) and after_end == s1.end:
        nxt = ctx.sents[ctx.sent_of[after_end]]
        tail_starts = any(ctx.in_quote[t.i] < 0 and not t.is_punct and not t.is_space
                          for t in doc[last.i + 1:s1.end])
        if not tail_starts and ctx.para_of[nxt.start] == p1:
            words = [t for t in nxt[:cap] if not t.is_punct and not t.is_space]
            lead = words[0] if words else None
            # "“...?” Trump asked.": a cue among the first words is the tail's verb
            # ... unless that sentence reports something of its own ("He added that ...")
            # or an object of its own ("He demands safeguards"), not an audience ("he told AFP")
            own = any((c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and not cue.addressee)
                      and ctx.in_quote[c.i] < 0
                      for t in words if (cue := match_cue(ctx, t)) is not None for c in t.children)
            # ... or introduces a quote of its own ("Mills then writes back, “You look cute.”")
            own = own or _opens_own_quote(ctx, nxt)
            # "“...?” | Vitter demanded.": after a quote left open by ? ! or a comma, a short
            # sentence whose main verb has nothing else to say is its tail, whatever the verb
            open_end = ctx.text[r.start:r.end].rstrip(" \u201d\"'")[-1:] in ",?!"
            short_tail = open_end and len(words) <= 6 and any(
                t.dep_ == "ROOT" and t.pos_ == "VERB" and not any(
                    c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") for c in t.children) for t in words)
            if lead is not None and not own and (lead.is_lower or lead.pos_ == "PRON" or short_tail or any(
                    match_cue(ctx, t) is not None and t.dep_ == "ROOT" for t in words[:6])):
                after_end = min(nxt.end, nxt.start + cap)
    after = [t for t in doc[last.i + 1:after_end] if ctx.in_quote[t.i] < 0 and ctx.para_of[t.i] == p1]
    if not [t for t in before if not (t.is_punct or t.is_space)]:
        # "X said:\n\n“...”": a colon ending the words just before introduces the quote,
        # in the quote's sentence or the previous one, in its paragraph or the previous one
        lo = ctx.sents[ctx.sent_of[s0.start - 1]].start if s0.start > 0 else 0
        toks = [t for t in doc[max(lo, first.i - cap):first.i] if ctx.in_quote[t.i] < 0 and ctx.para_of[t.i] in (p0, p0 - 1)
                and not t.is_space]
        if toks and toks[-1].text == ":" or (len(toks) > 1 and toks[-2].text == ":" and toks[-1].is_punct):
            before = toks
    return before, after, inside


def _is_direct(ctx: _Ctx, r: Region, before: list) -> bool:
    content = ctx.text[r.start:r.end].strip()
    lead = next((c for c in content if c.isalnum()), "")
    if not (lead.isupper() or lead.isdigit()):
        return False
    prior = [t for t in before if t.idx + len(t) <= r.open_at]
    prev = prior[-1] if prior else None
    if prev is not None and prev.is_alpha and match_cue(ctx, prev) is None \
            and ctx.text[prev.idx + len(prev):r.open_at].strip() == "":
        return False  # 'labelled “Made in the U.S.A.”', 'had “Syrian roots.”': woven into the sentence
    if _SENT_END.search(content) or content.endswith(","):
        return True
    words = len(_WORD.findall(content))
    # a capitalised fragment in the middle of a narrative sentence is a title or a name
    mid = [t for t in before if not t.is_punct and t.dep_ != "ROOT"]
    return words >= 6 or (words >= 4 and not mid)


def _is_heading(ctx: _Ctx, r: Region) -> bool:
    """A paragraph that is nothing but a short quoted phrase without a full stop."""
    if r.first_para != r.last_para:
        return False
    ps, pe = ctx.paras[r.first_para]
    outside = ctx.text[ps:r.open_at] + ctx.text[(r.close_at + 1 if r.close_at is not None else pe):pe]
    content = ctx.text[r.start:r.end].strip()
    return (not outside.strip(" .:")) and not _SENT_END.search(content) \
        and len(_WORD.findall(content)) <= ctx.pats["heading_max_words"]


def _nearest_cue(ctx: _Ctx, r: Region, before: list, after: list, inside: list,
                 direct: bool) -> Attribution | None:
    """The cue nearest the quote among the framing words. A partial quote needs a cue that
    governs it, so a scare-quoted word in a narrative sentence stays unattributed."""
    region_toks = {t.i for t in inside}
    heads = _heads(region_toks, inside[0].doc)
    words_b = [t for t in before if not (t.is_punct or t.is_space)]
    words_a = [t for t in after if not (t.is_punct or t.is_space)]
    cands = [(len(words_b) - k, t) for k, t in enumerate(words_b)] + [(k + 1, t) for k, t in enumerate(words_a)]
    near = ctx.pats["max_cue_distance"]
    # a cue far from the quote that does not govern it speaks of something else
    found = [tok for dist, tok in sorted(cands, key=lambda x: x[0])
             if ((direct and dist <= near) or tok.i in heads)
             # "a candidate who promised ...: “...”": a relative clause describes its noun
             and (tok.dep_ not in ("relcl", "acl") or tok.i in heads)
             and (match_cue(ctx, tok, True) is not None or source_prep(ctx, tok) is not None
                  or nominal_cue(ctx, tok) is not None)]
    # "X would signal that “...”, Chong told AFP": the outer cue is the attribution; but a cue
    # with another quotation between it and this one attributes that one first
    # ("someone shouted, “Cruz,” Beck joked, “Amen!”": joked, however the parse nests it)
    # — unless the inner cue itself introduces the quote and names a person as its subject
    # ("Lee noted that ... Smith boasted, “...”": Smith's words, whatever Lee noted)
    found.sort(key=lambda t: (_beyond_quote(ctx, t, r), _nested(ctx, t) and not _introduces(ctx, t, region_toks)))
    for tok in found:
        att = attribution_from_cue(ctx, tok, True)
        if att is not None:
            return att
    return _frame_verb(ctx, before, words_a, ctx.text[r.start:r.end].rstrip(), r.end) if direct else None


def _frame_verb(ctx: _Ctx, before: list, words_a: list, r_text: str, r_end: int) -> Attribution | None:
    """A verb outside the lexicon can still attribute a direct quote by its place alone:
    '“...,” Hollande retaliated.' or 'Oliver barked:' then the quote. The verb must have a
    subject and report nothing else (no object, no clause of its own)."""
    marks = "".join(ctx.pats["quote_marks"]["open"] + ctx.pats["quote_marks"]["both"])
    lead = [t for t in before if not t.is_space and t.text not in marks]
    cands = []
    if len(lead) > 1 and lead[-1].text == ":" and lead[-2].dep_ == "ROOT":
        cands.append(lead[-2])
    # '“...,” X verbed': the quote ends with a comma, ? or !, and the tail follows at once
    if words_a and r_text[-1:] in ",?!" and not ctx.text[r_end:words_a[0].idx].strip(" \u201d\"',"):
        cands.extend(words_a[:6])
    for v in cands:
        if not v.tag_.startswith("VB") or v.pos_ != "VERB" or ctx.in_quote[v.i] >= 0:
            continue
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") and ctx.in_quote[c.i] < 0 for c in v.children):
            continue
        subj = _subject(ctx, v)
        if subj is None or subj.i not in {t.i for t in words_a[:6]} | {t.i for t in lead[-8:]}:
            continue
        return _verb_attribution(ctx, v, None, _speaker(ctx, subj))
    return None


def _opens_own_quote(ctx: _Ctx, sent) -> bool:
    """The sentence's cue introduces a quotation in that sentence (only a comma, a colon or an
    adverb between them), so the sentence is not the tail of the quote before it."""
    for t in sent:
        if ctx.in_quote[t.i] >= 0 or match_cue(ctx, t) is None:
            continue
        for u in sent.doc[t.i + 1:sent.end]:
            if ctx.in_quote[u.i] >= 0:
                return True
            if not (u.is_punct and (u.text in ",:" or u.is_quote) or u.pos_ in ("ADV", "ADP") or u.is_space):
                break
    return False


def _beyond_quote(ctx: _Ctx, tok, r: Region) -> bool:
    """Another quotation lies between the cue and region r. Regions are in order and do not
    overlap, so the first one opening after ``lo`` (other than r) is the one to look at."""
    lo, hi = (tok.idx, r.open_at) if tok.idx < r.open_at else (r.end, tok.idx)
    for k in range(bisect.bisect_left(ctx.opens, lo), len(ctx.regions)):
        o = ctx.regions[k]
        if o is not r:
            return o.open_at <= hi and o.end <= hi
    return False


def _introduces(ctx: _Ctx, tok, region_toks: set[int]) -> bool:
    """The cue is the quote's own head, stands between the cue it is nested in and the quote,
    and its subject is a name: it introduces the words."""
    if not any(tok.doc[i].head.i == tok.i for i in region_toks) or tok.i > min(region_toks):
        return False
    if any(a.i > tok.i and match_cue(ctx, a) is not None for a in tok.ancestors):
        return False  # "Feld said “...” he said": the tail cue is the quote's own
    return any(c.dep_ == "nsubj" and c.pos_ == "PROPN" and ctx.in_quote[c.i] < 0 for c in tok.children)


def _heads(region_toks: set[int], doc) -> set[int]:
    """Indices of the ancestors of the quoted tokens (each chain followed _FRAME_TOKENS up): a cue
    among them governs the quote (the quote sits in what it reports)."""
    out: set[int] = set()
    for i in region_toks:
        t, steps = doc[i], 0
        while t.head.i != t.i and steps < _FRAME_TOKENS:
            t, steps = t.head, steps + 1
            if t.i in out:
                break  # the rest of this chain is in already
            out.add(t.i)
    return out


def _clear(ctx: _Ctx, before: list, after: list) -> bool:
    """No narrative words besides the quote in its sentences."""
    return not [t for t in before + after if not (t.is_punct or t.is_space)]


# -- the whole article ---------------------------------------------------------------------

def find_quotes(text: str, doc, cues: dict[str, list[Cue]], pats: dict, record=None,
                quote_cues: dict[str, list[Cue]] | None = None) -> list[Quote]:
    """The quotes of one parsed article. ``cues`` attribute indirect speech, ``quote_cues``
    (default: the same) words in quotation marks; ``record`` gives the actors for speakers."""
    mentions = [(m.start, m.end, a.id, a.name) for a in record.actors for m in a.mentions] if record else []
    ctx = _Ctx(text, doc, cues, pats, quote_cues or cues, record, sorted(mentions))
    ctx.paras = paragraphs(text)
    qm = pats["quote_marks"]
    ctx.regions = find_regions(text, ctx.paras, "".join(qm["open"]), "".join(qm["close"]), "".join(qm["both"]))
    ctx.opens = [r.open_at for r in ctx.regions]
    ctx.ents = list(doc.ents)
    ctx.ent_starts = [e.start for e in ctx.ents]
    n = len(doc)
    starts = [t.idx for t in doc]
    ctx.in_quote = [-1] * n
    for k, r in enumerate(ctx.regions):
        lo = bisect.bisect_left(starts, r.start)
        hi = bisect.bisect_left(starts, r.end)
        for i in range(lo, hi):
            ctx.in_quote[i] = k
    pstarts = [p[0] for p in ctx.paras]
    ctx.para_of = [max(0, bisect.bisect_right(pstarts, t.idx) - 1) for t in doc]
    ctx.sents = list(doc.sents)
    ctx.sent_of = [0] * n
    for k, s in enumerate(ctx.sents):
        for i in range(s.start, s.end):
            ctx.sent_of[i] = k

    out: list[tuple[int, int, str, Attribution]] = []
    last_direct: tuple[int, int, Attribution] | None = None  # (paragraph, frame end, attribution)
    for r in ctx.regions:
        if _is_heading(ctx, r):
            continue
        before, after, inside = _frame(ctx, r)
        if not inside:
            continue
        # a Title Case name ("Sunday Morning Futures") counts only when a cue governs it
        direct = not _is_title(ctx, inside) and _is_direct(ctx, r, before)
        att = _nearest_cue(ctx, r, before, after, inside, direct)
        if att is None and direct and _clear(ctx, before, after):
            att = _lead_in(ctx, inside[0])  # "Or maybe Bush, consultant Phil Musser says. “...”"
            if att is None and last_direct is not None \
                    and r.first_para - last_direct[0] <= pats["continuation_paragraphs"] \
                    and not _WORD.search(text[last_direct[1]:r.open_at]):
                att = Attribution(last_direct[2].speaker, None)  # the same speaker goes on
        if att is None:
            if not direct:
                continue  # a scare quote or a title, not a statement
            att = Attribution(None, None)
        s, e = _strip(text, r.start, r.end)
        if e > s:
            out.append((s, e, "direct" if direct else "partial", att))
        if direct:
            end = max([r.end + 1] + [t.idx + len(t) for t in after])
            last_direct = (r.last_para, end, att) if att.speaker is not None else None

    out.extend(_indirect(ctx))
    out.extend(_headline(ctx))
    _resolve_pronouns(ctx, out)
    out.sort(key=lambda x: (x[0], x[1]))
    quotes = []
    for k, (s, e, kind, att) in enumerate(out, 1):
        quotes.append(Quote(id=f"q{k}", start=s, end=e, text=text[s:e], kind=kind,
                            speaker=att.speaker, cue=att.cue, addressee=att.addressee,
                            medium=att.medium))
    return quotes


def _lead_in(ctx: _Ctx, first) -> Attribution | None:
    """A quote standing alone after a sentence whose main verb is a cue with a subject
    ("Iowa State's Dianne Bystrom agreed."): that sentence introduces it."""
    k = ctx.sent_of[first.i] - 1
    if k < 0:
        return None
    prev = ctx.sents[k]
    if any(ctx.in_quote[t.i] >= 0 for t in prev) or ctx.para_of[prev.start] < ctx.para_of[first.i] - 1:
        return None
    root = prev.root
    cue = match_cue(ctx, root)
    if cue is None or cue.cls != "speech":  # "he sees Cruz as a uniter." introduces no quote
        return None
    att = attribution_from_cue(ctx, root)
    return att if att is not None and att.speaker is not None else None


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _indirect(ctx: _Ctx) -> list[tuple[int, int, str, Attribution]]:
    """'X said (that) ...', 'X told reporters ...', 'according to X, ...' outside quotes."""
    out = []
    doc, text = ctx.doc, ctx.text
    for tok in doc:
        if ctx.in_quote[tok.i] >= 0:
            continue
        cue = match_cue(ctx, tok)
        content = None
        if cue is not None:
            content = _complement(ctx, tok, cue)
            if content is None and tok.dep_ == "parataxis" and ctx.in_quote[tok.head.i] < 0:
                # "His wife, he says, plans to leave ...": the cue is a parenthesis in what it reports
                own = {t.i for t in tok.subtree}
                sent = ctx.sents[ctx.sent_of[tok.i]]
                rest = [t for t in tok.head.subtree if t.i not in own and sent.start <= t.i < sent.end]
                content = tok.doc[rest[0].i:rest[-1].i + 1] if rest else None
                content = list(content) if content is not None else None
        elif source_prep(ctx, tok) is not None:
            sent = ctx.sents[ctx.sent_of[tok.i]]
            phrase = {t.i for t in tok.subtree}
            left = [t for t in sent if t.i < tok.i and t.i not in phrase]
            right = [t for t in sent if t.i > tok.i and t.i not in phrase]
            content = max(_trim(left), _trim(right), key=len)
        if not content:
            continue
        content = _trim(content)
        if not content:
            continue
        quoted = sum(ctx.in_quote[t.i] >= 0 for t in content)
        if quoted > 0.8 * len(content):
            continue  # all but quoted: the direct quote carries it
        if any(ctx.para_of[t.i] != ctx.para_of[tok.i] for t in (content[0], content[-1])):
            continue  # a parse that runs across paragraphs
        if _nested(ctx, tok):
            continue
        att = attribution_from_cue(ctx, tok)
        if att is None:
            continue
        s, e = _tok_span(text, content[0], content[-1])
        if e < len(text) and ctx.in_quote[content[-1].i] >= 0 and text[e] in _CLOSING:
            e += 1  # 'that the visit was “historic”.': keep the closing mark of a quote it ends on
        out.append((s, e, "indirect", att))
    return out


_OBJECT_TAIL = ("oprd", "xcomp", "ccomp")  # "called it a sham", "described him as ..."


def _complement(ctx: _Ctx, tok, cue: Cue) -> list | None:
    """The tokens of what the cue reports: its clause, infinitive, object or prepositional object."""
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp") and c.dep_ in cue.complements:
            return list(c.subtree)
    if "pobj" in cue.complements and cue.rest:
        for c in tok.children:
            if c.dep_ in ("prep", "prt") and c.lower_ == cue.rest[-1]:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    return list(objs[0].subtree)
    if "dobj" in cue.complements:
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if objs:
            obj = objs[0]
            parts = [obj] + [c for c in tok.children if c.i > obj.i and
                             (c.dep_ in _OBJECT_TAIL or (c.dep_ == "prep" and c.lower_ == "as"))]
            lo = min(p.left_edge.i for p in parts)
            hi = max(p.right_edge.i for p in parts)
            # "announced Kim's attendance at a press conference on Thursday": the setting the
            # parser hung on the object is not what was announced
            setting = [c.i for c in obj.children if c.i > obj.i and _setting(ctx, c)]
            if setting and len(parts) == 1:
                hi = min(setting) - 1
            return list(tok.doc[lo:hi + 1])
    return None


def _headline(ctx: _Ctx) -> list[tuple[int, int, str, Attribution]]:
    """'Graham: Trump's rhetoric hurts the party': a short name, a colon, what they said,
    opening a paragraph (the headline convention)."""
    out = []
    doc, text = ctx.doc, ctx.text
    max_left = ctx.pats["headline_max_source_words"]
    people = {t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_title}
    for ps, pe in ctx.paras:
        colon = text.find(":", ps, pe)
        if colon < 0:
            continue
        left = doc.char_span(ps, colon, alignment_mode="expand")
        if left is None or not 0 < len(left) <= max_left:
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in left) or not left[0].text[:1].isupper():
            continue
        # a name: an entity, an actor's mention, or a word of a person's name said elsewhere
        if not any(t.ent_type_ in ("PERSON", "ORG", "NORP") or _mentioned(ctx, t) or t.lower_ in people
                   for t in left) or any(t.lower_ in ctx.pats["headline_not_sources"] for t in left):
            continue  # a label ("Editor's Note:", "Follow X on Twitter:"), not a source
        s, e = _strip(text, colon + 1, pe)
        if e - s < 8 or any(ctx.in_quote[t.i] >= 0 for t in left):
            continue
        head = max(left, key=lambda t: (t.pos_ in ("PROPN", "NOUN"), t.i))
        sp = _speaker_from(ctx, head, list(left))
        if sp.name is None:
            sp.name = _long_name(doc, head, len(text))
        out.append((s, e, "indirect", Attribution(sp, _span(text, colon, colon + 1))))
    return out


def _mentioned(ctx: _Ctx, tok) -> bool:
    """An actor mention covers this token."""
    i = bisect.bisect_right(ctx.mentions, (tok.idx, 1 << 30)) - 1
    while i >= 0 and ctx.mentions[i][0] > tok.idx - 200:
        if ctx.mentions[i][0] <= tok.idx < ctx.mentions[i][1]:
            return True
        i -= 1
    return False


def _is_title(ctx: _Ctx, inside: list) -> bool:
    """A short quoted Title Case phrase without a verb names a show, a book or a slogan
    (unless a cue governs it: 'called her “Crooked Hillary”')."""
    words = [t for t in inside if t.is_alpha]
    if not words or len(words) > ctx.pats["title_max_words"]:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return all(t.text[0].isupper() for t in words if len(t) > 3)


def _nested(ctx: _Ctx, tok) -> bool:
    """A cue inside what another cue reports ("X said Y claimed ...") is part of X's statement."""
    t = tok
    while t.head.i != t.i:
        child, t = t, t.head
        if child.dep_ in ("ccomp", "xcomp") and ctx.in_quote[t.i] < 0 and match_cue(ctx, t) is not None:
            return True
    return False


def _resolve_pronouns(ctx: _Ctx, out: list) -> None:
    """'“...,” X said. “...,” he added': a singular pronoun speaker is the previous named speaker
    when that one spoke in this paragraph or the one before and no other person was named
    between (outside quotation marks); otherwise the actors' resolution stands, and without one
    the nearest earlier named speaker or person."""
    singular = words("male_pronouns") | words("female_pronouns")
    pronouns = ctx.pats["pronouns"] | singular
    named = sorted(((a.speaker.start, a.speaker) for _, _, _, a in out
                    if a.speaker and a.speaker.name and a.speaker.text.lower() not in pronouns),
                   key=lambda x: x[0])
    named_starts = [x for x, _ in named]
    people = [e for e in ctx.doc.ents if e.label_ == "PERSON"]
    people_starts = [e.start_char for e in people]
    people_ends = [e.end_char for e in people]
    pstarts = [p[0] for p in ctx.paras]
    reported = sorted((s, e) for s, e, _, _ in out)
    rep_starts = [s for s, _ in reported]
    rep_reach = list(itertools.accumulate((e for _, e in reported), max))  # furthest end so far
    subjects = _paragraph_subjects(ctx)

    def in_reported(e) -> bool:
        k = bisect.bisect_right(rep_starts, e.start_char)
        return k > 0 and rep_reach[k - 1] >= e.end_char

    def last_named_before(start: int):
        k = bisect.bisect_right(named_starts, start)
        while k > 0:
            k -= 1
            if named[k][1].end <= start:
                return named[k][1]
        return None

    for _, _, _, att in out:
        sp = att.speaker
        if sp is None or sp.text.lower() not in singular:
            continue
        last = last_named_before(sp.start)
        subj = _paragraph_subject(ctx, subjects, sp.start)
        if subj is not None and (last is None or last.start < subj.idx):
            # "Fallon fired back: “...” he wrote": the person just named as a speaker or an actor
            # in this paragraph, nearer than any earlier speaker
            found = _speaker_from(ctx, subj, [subj])
            sp.name, sp.actor = found.name or _propn_run(ctx.doc, subj), found.actor
            continue
        if last is not None:
            gap_paras = bisect.bisect_right(pstarts, sp.start) - bisect.bisect_right(pstarts, last.start)
            # a person named in what someone reported ("X recalled that Obama was ...") does
            # not interrupt: only one named in the narration does
            between = any(e.end_char <= sp.start and ctx.in_quote[e.start] < 0 and e.text not in (last.name or "")
                          and not in_reported(e)
                          for e in people[bisect.bisect_left(people_starts, last.end):
                                          bisect.bisect_left(people_starts, sp.start)])
            if gap_paras <= 1 and not between:
                sp.name, sp.actor = last.name, last.actor
                continue
        if sp.name is not None:
            continue
        k = bisect.bisect_right(people_ends, sp.start)  # the people named before it (entities do not overlap)
        person = people[k - 1] if k else None
        if last is not None and (person is None or last.start >= person.start_char - 1500):
            sp.name, sp.actor = last.name, last.actor
        elif person is not None:
            sp.name = _full_name(person, people)


def _full_name(ent, people) -> str:
    if len(ent) == 1:
        for p in people:
            if len(p) > 1 and p[-1].lower_ == ent[0].lower_:
                return p.text
    return ent.text


def _paragraph_subjects(ctx: _Ctx) -> list:
    """For each token, the nearest singular proper-noun subject of a cue or of a sentence's main
    verb, outside quotation marks, at or before it in its paragraph (None where there is none):
    one pass, so that each pronoun's look-up is constant."""
    out, current, para = [], None, -1
    for t in ctx.doc:
        if ctx.para_of[t.i] != para:
            current, para = None, ctx.para_of[t.i]
        if ctx.in_quote[t.i] < 0 and t.dep_ == "nsubj" and t.tag_ == "NNP" and t.ent_type_ in ("PERSON", "ORG", "") \
                and (t.head.dep_ == "ROOT" or match_cue(ctx, t.head) is not None):
            current = t
        out.append(current)
    return out


def _paragraph_subject(ctx: _Ctx, subjects: list, before: int):
    """The nearest such subject earlier in the paragraph of the character ``before``."""
    k = ctx.doc.char_span(before, before + 1, alignment_mode="expand")
    if k is None or k.start == 0:
        return None
    t = subjects[k.start - 1]
    return t if t is not None and ctx.para_of[t.i] == ctx.para_of[k.start] else None
