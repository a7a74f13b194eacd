"""Who said it, and to whom: the speaker of a cue (its subject, climbing through coordination and
past a dateline), the speaker's name resolved through the actors' mentions, the audience and the
medium ("told reporters", "said in a statement"), and pronoun speakers resolved to the nearest
named one."""

from __future__ import annotations

import bisect
import itertools

from ..actors import actor_for_token as _actor_for_token
from ..lexicon import words
from ..record import Span, Speaker
from . import context
from .context import (
    Attribution,
    Ctx,
    match_cue,
    span_of,
    strip_span,
    tok_span,
    trim,
)
from .lexicon import Cue

_RELATIVE = words("relative_pronouns")


# "..., saying", "by saying": the subject is the head verb's
_SUBJ_CLIMB = {"conj", "advcl", "xcomp", "pcomp", "prep"}


_NOT_SPEAKER_ENTS = {"TIME", "DATE", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


_NP_INNER = {"appos", "compound", "prep", "pobj", "amod", "flat", "nummod", "poss", "punct", "det"}


def speaker_head(ctx: Ctx, verb, cue: Cue | None = None):
    """The speaker's head token for a cue verb, or None when the text does not say it plainly."""
    subj = _raw_subject(ctx, verb, cue)
    if subj is None:
        return None
    if subj.lower_ in ctx.pats["no_speaker_words"] or subj.ent_type_ in _NOT_SPEAKER_ENTS:
        return None  # the writer ("I"), the reader ("you"), a time stamp or a figure
    if ctx.para_of[subj.i] != ctx.para_of[verb.i]:
        return None  # a parse that ran across paragraphs
    return subj


def _raw_subject(ctx: Ctx, verb, cue: Cue | None):
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


def _np_before(ctx: Ctx, verb):
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
    toks = trim([t for t in subj.doc[left:right + 1] if t.idx >= para_start])
    return toks or [subj]


def _cue_span(ctx: Ctx, verb, cue: Cue | None) -> Span:
    s, e = verb.idx, verb.idx + len(verb)
    if cue is not None and cue.rest:
        last = verb.doc[verb.i + len(cue.rest)]
        e = last.idx + len(last)
    return span_of(ctx.text, s, e)


_AUDIENCE_ENTS = {"PERSON", "ORG", "NORP"}  # not places: "admitting them to the USA" is a destination


_AUDIENCE_PRONOUNS = words("object_pronouns")


_MEDIUM_ENTS = {"ORG", "WORK_OF_ART", "PRODUCT"}  # "on CNN", "on 'Meet the Press'"


def _phrase(ctx: Ctx, head, after) -> Span:
    """A noun phrase by its head: its words up to the head, and the whole name when the head
    is part of one ("The Associated Press", "Fox News Sunday"); no trailing clause or phrase,
    nothing before the word ``after`` (a parse that hangs the cue's subject on its object)."""
    s, e = head.left_edge.idx, head.idx + len(head)
    if head.ent_type_:
        ent = next((x for x in head.doc.ents if x.start <= head.i < x.end), None)
        if ent is not None:
            s, e = min(s, ent.start_char), max(e, ent.end_char)
    s = max(s, after.idx + len(after))
    return span_of(ctx.text, *strip_span(ctx.text, s, e))


def _audience(ctx: Ctx, verb, cue: Cue | None) -> tuple[Span | None, Span | None]:
    """Whom the words were said to and through what, from the cue's dependants: the object of
    a telling cue ("told AFP"), "to X" ("said to reporters"), and a medium after in/on/at
    ("in a statement", "on Twitter", "at a news conference"; "in an interview with CNN" also
    names the addressee). Media and audiences are the lists in attribution.json."""
    media, audiences = ctx.pats["media"], ctx.pats["audiences"]
    addressee = medium = None
    heads = list(verb.children)
    if cue is not None and not cue.addressee:  # "announced X at a news conference"
        heads += [g for c in verb.children if c.dep_ == "dobj" for g in c.children
                  if g.i > c.i and is_setting(ctx, g)]
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


def is_setting(ctx: Ctx, prep) -> bool:
    """A prepositional phrase that says where or when words were said: a medium ("at a news
    conference") or a time ("on Thursday")."""
    if prep.dep_ != "prep" or prep.lower_ not in ctx.pats["media_prepositions"]:
        return False
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return obj is not None and (obj.lemma_.lower() in ctx.pats["media"] or obj.ent_type_ in ("DATE", "TIME"))


def verb_attribution(ctx: Ctx, verb, cue: Cue | None, speaker: Speaker | None) -> Attribution:
    return Attribution(speaker, _cue_span(ctx, verb, cue), *_audience(ctx, verb, cue))


def speaker_for(ctx: Ctx, subj) -> Speaker | None:
    return speaker_from(ctx, subj, _speaker_tokens(subj, ctx.paras[ctx.para_of[subj.i]][0] if ctx.paras else 0))


def speaker_from(ctx: Ctx, subj, toks: list) -> Speaker:
    """The speaker given by these words with this head, resolved to an actor where one is mentioned."""
    s, e = tok_span(ctx.text, toks[0], toks[-1])
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


def _shared(ctx: Ctx, actor, tok) -> bool:
    """Another actor has the very mention that names this one here: a group of several."""
    near = list(_overlapping(ctx, tok.idx, tok.idx + 1))
    spans = {(ms, me) for ms, me, aid, _ in near if aid == actor.id}
    return any(aid != actor.id and (ms, me) in spans for ms, me, aid, _ in near)


def _overlapping(ctx: Ctx, s: int, e: int):
    """The actor mentions (start, end, actor id, name) overlapping s..e, from the last back."""
    i = bisect.bisect_left(ctx.mentions, (e,)) - 1
    while i >= 0 and ctx.mentions[i][0] >= s - 400:
        if ctx.mentions[i][1] > s:
            yield ctx.mentions[i]
        i -= 1


def _resolve(ctx: Ctx, s: int, e: int, toks: list) -> tuple[str | None, str | None]:
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
            return None, long_name(doc, ent[0], s) or ent.text
        return None, ent.text
    heads = [t for t in toks if t.pos_ == "PROPN"]
    if heads and heads[-1].pos_ == "PROPN":
        return None, long_name(doc, heads[-1], s) or _propn_run(doc, heads[-1])
    return None, None


def _ents_in(ctx: Ctx, span) -> list:
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


def long_name(doc, tok, before: int) -> str | None:
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


def attribution_from_cue(ctx: Ctx, tok, quoted: bool = False) -> Attribution | None:
    cue = match_cue(ctx, tok, quoted)
    if cue is None and quoted:
        owner = context.nominal_cue(ctx, tok)
        if owner is not None:
            return Attribution(speaker_for(ctx, owner), span_of(ctx.text, tok.idx, tok.idx + len(tok)))
    if cue is not None:
        subj = speaker_head(ctx, tok, cue)
        return verb_attribution(ctx, tok, cue, speaker_for(ctx, subj) if subj is not None else None)
    obj = context.source_prep(ctx, tok)
    if obj is not None:
        prep = obj.head
        return Attribution(speaker_for(ctx, obj), span_of(ctx.text, tok.idx, prep.idx + len(prep)))
    return None


def resolve_pronouns(ctx: Ctx, out: list) -> None:
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
    people = [e for e in ctx.ents if e.label_ == "PERSON"]
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
            found = speaker_from(ctx, subj, [subj])
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


def _paragraph_subjects(ctx: Ctx) -> list:
    """For each token, the nearest singular proper-noun subject of a cue or of a sentence's main
    verb, outside quotation marks, at or before it in its paragraph (None where there is none):
    one pass, so that each pronoun's look-up is constant."""
    out, current, para = [], None, -1
    for t in ctx.toks:
        if ctx.para_of[t.i] != para:
            current, para = None, ctx.para_of[t.i]
        if ctx.in_quote[t.i] < 0 and t.dep_ == "nsubj" and t.tag_ == "NNP" and t.ent_type_ in ("PERSON", "ORG", "") \
                and (t.head.dep_ == "ROOT" or match_cue(ctx, t.head) is not None):
            current = t
        out.append(current)
    return out


def _paragraph_subject(ctx: Ctx, subjects: list, before: int):
    """The nearest such subject earlier in the paragraph of the character ``before``."""
    k = ctx.doc.char_span(before, before + 1, alignment_mode="expand")
    if k is None or k.start == 0:
        return None
    t = subjects[k.start - 1]
    return t if t is not None and ctx.para_of[t.i] == ctx.para_of[k.start] else None
