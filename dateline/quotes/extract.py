"""Who said what: direct, partial and indirect quotes from a parsed article.

Direct and partial quotes start from quotation marks (``marks.py``); the attribution is sought
in the words of the same sentences outside the marks: a cue verb from the lexicon and its
subject (``speakers.py``). Indirect speech starts from a cue verb whose clause complement is not
quoted ("X said that ..."), or "according to X". Speakers given by pronouns or surnames are
resolved through the actors' mentions, else to the nearest earlier speaker or person of that name.
"""

from __future__ import annotations

import bisect
import re

from ..record import Quote
from ..syntax import entities, paragraphs, tokens
from .context import (
    FRAME_TOKENS,
    Attribution,
    Ctx,
    match_cue,
    nominal_cue,
    source_prep,
    span_of,
    strip_span,
    tok_span,
    trim,
)
from .lexicon import Cue
from .marks import Region, find_regions
from .speakers import (
    attribution_from_cue,
    is_setting,
    long_name,
    resolve_pronouns,
    speaker_for,
    speaker_from,
    speaker_head,
    verb_attribution,
)

_SENT_END = re.compile(r"[.!?\u2026][\s\"'\u2019\u201d)]*$")


_WORD = re.compile(r"\w+")


_CLOSING = "\u201d\u00bb\""


def _frame(ctx: Ctx, r: Region) -> tuple[list, list, list]:
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
    cap = FRAME_TOKENS
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


def _is_direct(ctx: Ctx, r: Region, before: list) -> bool:
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


def _is_heading(ctx: Ctx, r: Region) -> bool:
    """A paragraph that is nothing but a short quoted phrase without a full stop."""
    if r.first_para != r.last_para:
        return False
    ps, pe = ctx.paras[r.first_para]
    outside = ctx.text[ps:r.open_at] + ctx.text[(r.close_at + 1 if r.close_at is not None else pe):pe]
    content = ctx.text[r.start:r.end].strip()
    return (not outside.strip(" .:")) and not _SENT_END.search(content) \
        and len(_WORD.findall(content)) <= ctx.pats["heading_max_words"]


def _nearest_cue(ctx: Ctx, r: Region, before: list, after: list, inside: list,
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


def _frame_verb(ctx: Ctx, before: list, words_a: list, r_text: str, r_end: int) -> Attribution | None:
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
        subj = speaker_head(ctx, v)
        if subj is None or subj.i not in {t.i for t in words_a[:6]} | {t.i for t in lead[-8:]}:
            continue
        return verb_attribution(ctx, v, None, speaker_for(ctx, subj))
    return None


def _opens_own_quote(ctx: Ctx, sent) -> bool:
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


def _beyond_quote(ctx: Ctx, tok, r: Region) -> bool:
    """Another quotation lies between the cue and region r. Regions are in order and do not
    overlap, so the first one opening after ``lo`` (other than r) is the one to look at."""
    lo, hi = (tok.idx, r.open_at) if tok.idx < r.open_at else (r.end, tok.idx)
    for k in range(bisect.bisect_left(ctx.opens, lo), len(ctx.regions)):
        o = ctx.regions[k]
        if o is not r:
            return o.open_at <= hi and o.end <= hi
    return False


def _introduces(ctx: Ctx, tok, region_toks: set[int]) -> bool:
    """The cue is the quote's own head, stands between the cue it is nested in and the quote,
    and its subject is a name: it introduces the words."""
    if not any(tok.doc[i].head.i == tok.i for i in region_toks) or tok.i > min(region_toks):
        return False
    if any(a.i > tok.i and match_cue(ctx, a) is not None for a in tok.ancestors):
        return False  # "Feld said “...” he said": the tail cue is the quote's own
    return any(c.dep_ == "nsubj" and c.pos_ == "PROPN" and ctx.in_quote[c.i] < 0 for c in tok.children)


def _heads(region_toks: set[int], doc) -> set[int]:
    """Indices of the ancestors of the quoted tokens (each chain followed FRAME_TOKENS up): a cue
    among them governs the quote (the quote sits in what it reports)."""
    out: set[int] = set()
    for i in region_toks:
        t, steps = doc[i], 0
        while t.head.i != t.i and steps < FRAME_TOKENS:
            t, steps = t.head, steps + 1
            if t.i in out:
                break  # the rest of this chain is in already
            out.add(t.i)
    return out


def _clear(ctx: Ctx, before: list, after: list) -> bool:
    """No narrative words besides the quote in its sentences."""
    return not [t for t in before + after if not (t.is_punct or t.is_space)]


def find_quotes(text: str, doc, cues: dict[str, list[Cue]], pats: dict, record=None,
                quote_cues: dict[str, list[Cue]] | None = None) -> list[Quote]:
    """The quotes of one parsed article. ``cues`` attribute indirect speech, ``quote_cues``
    (default: the same) words in quotation marks; ``record`` gives the actors for speakers."""
    mentions = [(m.start, m.end, a.id, a.name) for a in record.actors for m in a.mentions] if record else []
    ctx = Ctx(text, doc, cues, pats, quote_cues or cues, record, sorted(mentions))
    ctx.paras = paragraphs(text)
    qm = pats["quote_marks"]
    ctx.regions = find_regions(text, ctx.paras, "".join(qm["open"]), "".join(qm["close"]), "".join(qm["both"]))
    ctx.opens = [r.open_at for r in ctx.regions]
    ctx.ents = list(entities(doc))
    ctx.ent_starts = [e.start for e in ctx.ents]
    ctx.toks = toks = tokens(doc)
    n = len(doc)
    starts = [t.idx for t in toks]
    ctx.in_quote = [-1] * n
    for k, r in enumerate(ctx.regions):
        lo = bisect.bisect_left(starts, r.start)
        hi = bisect.bisect_left(starts, r.end)
        for i in range(lo, hi):
            ctx.in_quote[i] = k
    pstarts = [p[0] for p in ctx.paras]
    ctx.para_of = [max(0, bisect.bisect_right(pstarts, i) - 1) for i in starts]
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
        s, e = strip_span(text, r.start, r.end)
        if e > s:
            out.append((s, e, "direct" if direct else "partial", att))
        if direct:
            end = max([r.end + 1] + [t.idx + len(t) for t in after])
            last_direct = (r.last_para, end, att) if att.speaker is not None else None

    out.extend(_indirect(ctx))
    out.extend(_headline(ctx))
    resolve_pronouns(ctx, out)
    out.sort(key=lambda x: (x[0], x[1]))
    quotes = []
    for k, (s, e, kind, att) in enumerate(out, 1):
        quotes.append(Quote(id=f"q{k}", start=s, end=e, text=text[s:e], kind=kind,
                            speaker=att.speaker, cue=att.cue, addressee=att.addressee,
                            medium=att.medium))
    return quotes


def _lead_in(ctx: Ctx, first) -> Attribution | None:
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


def _indirect(ctx: Ctx) -> list[tuple[int, int, str, Attribution]]:
    """'X said (that) ...', 'X told reporters ...', 'according to X, ...' outside quotes."""
    out = []
    text = ctx.text
    for tok in ctx.toks:
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
            content = max(trim(left), trim(right), key=len)
        if not content:
            continue
        content = trim(content)
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
        s, e = tok_span(text, content[0], content[-1])
        if e < len(text) and ctx.in_quote[content[-1].i] >= 0 and text[e] in _CLOSING:
            e += 1  # 'that the visit was “historic”.': keep the closing mark of a quote it ends on
        out.append((s, e, "indirect", att))
    return out


_OBJECT_TAIL = ("oprd", "xcomp", "ccomp")  # "called it a sham", "described him as ..."


def _complement(ctx: Ctx, tok, cue: Cue) -> list | None:
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
            setting = [c.i for c in obj.children if c.i > obj.i and is_setting(ctx, c)]
            if setting and len(parts) == 1:
                hi = min(setting) - 1
            return list(tok.doc[lo:hi + 1])
    return None


def _headline(ctx: Ctx) -> list[tuple[int, int, str, Attribution]]:
    """'Graham: Trump's rhetoric hurts the party': a short name, a colon, what they said,
    opening a paragraph (the headline convention)."""
    out = []
    doc, text = ctx.doc, ctx.text
    max_left = ctx.pats["headline_max_source_words"]
    people = {t.lower_ for e in ctx.ents if e.label_ == "PERSON" for t in e if t.is_title}
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
        s, e = strip_span(text, colon + 1, pe)
        if e - s < 8 or any(ctx.in_quote[t.i] >= 0 for t in left):
            continue
        head = max(left, key=lambda t: (t.pos_ in ("PROPN", "NOUN"), t.i))
        sp = speaker_from(ctx, head, list(left))
        if sp.name is None:
            sp.name = long_name(doc, head, len(text))
        out.append((s, e, "indirect", Attribution(sp, span_of(text, colon, colon + 1))))
    return out


def _mentioned(ctx: Ctx, tok) -> bool:
    """An actor mention covers this token."""
    i = bisect.bisect_right(ctx.mentions, (tok.idx, 1 << 30)) - 1
    while i >= 0 and ctx.mentions[i][0] > tok.idx - 200:
        if ctx.mentions[i][0] <= tok.idx < ctx.mentions[i][1]:
            return True
        i -= 1
    return False


def _is_title(ctx: Ctx, inside: list) -> bool:
    """A short quoted Title Case phrase without a verb names a show, a book or a slogan
    (unless a cue governs it: 'called her “Crooked Hillary”')."""
    words = [t for t in inside if t.is_alpha]
    if not words or len(words) > ctx.pats["title_max_words"]:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return all(t.text[0].isupper() for t in words if len(t) > 3)


def _nested(ctx: Ctx, tok) -> bool:
    """A cue inside what another cue reports ("X said Y claimed ...") is part of X's statement."""
    t = tok
    while t.head.i != t.i:
        child, t = t, t.head
        if child.dep_ in ("ccomp", "xcomp") and ctx.in_quote[t.i] < 0 and match_cue(ctx, t) is not None:
            return True
    return False
