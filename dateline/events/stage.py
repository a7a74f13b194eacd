"""The ``events`` stage: PLOVER events with source, target, date, place and status.

Config: ``{"extra": [path, ...]}`` adds user lexicon files (CLI ``--events FILE``), same format
as ``data/lexicon.json``; their entries are tried before the built-in ones.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from dateline.pipeline import stage
from dateline.record import ArgRef, EventDate

from .extract import Candidate, Extractor, Resolver, in_quote, lemmas, make_event
from .lexicon import Entry, load_lexicon

try:  # the lookups of other stages, used when present
    from dateline.time import governing_timex
except ImportError:  # pragma: no cover - the time stage is part of the package
    governing_timex = None
try:
    from dateline.places import dateline_place, is_capital, locate
except ImportError:
    locate = dateline_place = None

    def is_capital(country, name):
        return False


def _timex_token(doc, tx):
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


class Dater:
    """Dates events: their own temporal expression, else the occasion they refer back to."""

    def __init__(self, record, doc):
        self.record, self.doc = record, doc
        self.occasions: dict[str, list] = {}  # noun lemma -> [(char offset, Timex)] of dated mentions
        if governing_timex is None:
            return
        for tx in record.timexes:
            if tx.type != "DATE" or not tx.value:
                continue
            root = _timex_token(doc, tx)
            if root is None:
                continue
            # "the parade on September 3", "Beijing's 2015 parade": a timex inside a noun phrase
            t = root
            for _ in range(3):
                if t.head == t:
                    break
                t = t.head
                if t.pos_ == "NOUN":
                    self.occasions.setdefault(t.lemma_.lower(), []).append((t.idx, tx))
                    break
                if t.pos_ not in ("ADP",):
                    break

    def own(self, cand):
        """The event's own temporal expression: the clause's for a verb, one inside the phrase for a noun."""
        tok = cand.tok
        if cand.entry.pos != "noun":
            tx = governing_timex(tok, self.record) if governing_timex is not None else None
            # a duration ("sentenced to five years") or a set does not date an event
            return tx if tx is not None and tx.type in ("DATE", "TIME") and tx.value else None
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        for tx in self.record.timexes:
            if tx.type == "DATE" and tx.value and lo <= tx.start and tx.end <= hi:
                root = _timex_token(self.doc, tx)
                t = root
                for _ in range(2):  # attached to the noun itself ("the 2015 parade", "the parade on September 3"), not to a clause inside the phrase
                    if t is None or t == tok or t.head == t:
                        break
                    if t.pos_ in ("VERB", "AUX"):
                        t = None
                        break
                    t = t.head
                if t == tok:
                    return tx
        # "attack on Pearl Harbor in 1941": a date right after the phrase, often mis-attached by the parser
        nxt = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in ("in", "on") and nxt.dep_ == "prep" and nxt.head.i < tok.i:
            for tx in self.record.timexes:
                if tx.type == "DATE" and tx.value and tx.start == nxt.idx + len(nxt.text) + 1:
                    return tx
        return None

    def note(self, noun, tx):
        """An event on ``noun`` dated by ``tx``: later mentions of the noun can take the date."""
        if noun is not None and tx is not None and noun.pos_ == "NOUN":
            self.occasions.setdefault(noun.lemma_.lower(), []).append((noun.idx, tx))

    def referred(self, noun):
        """The date of an earlier (else later) dated mention of the same occasion, for a definite noun."""
        if noun is None or noun.pos_ != "NOUN":
            return None
        if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in noun.children):
            return None
        dated = self.occasions.get(noun.lemma_.lower(), [])
        before = [x for x in dated if x[0] < noun.idx]
        pick = before[-1] if before else (dated[0] if dated else None)
        return pick[1] if pick else None

    @staticmethod
    def same_occasion(event, source, earlier):
        """The latest earlier planned event of the same kind by the same actor, dated in the text
        ("Kim will attend the parade next week ... Kim's upcoming visit")."""
        if source is None or source.actor is None:
            return None
        for e in reversed(earlier):
            if (e.status == "planned" and e.type == event.type and e.mode == event.mode and e.source is not None
                    and e.source.actor == source.actor and e.date.from_ == "text"):
                return e
        return None


def _object_noun(cand):
    """The noun an event is about ("attend the parade" -> parade) for reference dating."""
    tok = cand.tok
    if cand.entry.pos == "noun":
        return tok
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    for c in tok.children:
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ == "NOUN":
                    return g
    return None


def _plural_subject(tok) -> bool:
    return any(c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS") for c in tok.children)


def _governing_event(cand, dated, record, support=None):
    """The text date of the event verb a nominal event hangs from through a preposition."""
    tok = cand.tok
    if cand.entry.pos != "noun":
        return None
    if tok.dep_ in ("nsubj", "nsubjpass"):  # "air strikes killed 12 people on Tuesday"
        return dated.get(tok.head.i)
    if tok.dep_ in ("dobj", "obj") and governing_timex is not None and support is not None \
            and lemmas(tok.head) & support:  # "paid a visit to Moscow last July" (not "announced the visit")
        tx = governing_timex(tok.head, record)
        if tx is not None and tx.type in ("DATE", "TIME") and tx.value:
            return EventDate(tx.value, tx.start, tx.end, "text")
    if tok.dep_ != "pobj":
        return None
    verb = tok.head.head
    return dated.get(verb.i) if tok.head.dep_ == "prep" else None


VERBAL = {"AGREE", "REQUEST", "THREATEN", "REJECT", "CONCEDE"}


def _purpose(tok) -> bool:
    """A purpose clause: "... to demand reforms"."""
    return tok.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _complement_targets(events, by_tok, doc, support, no_recipient=frozenset()):
    """An event without a recipient takes the one of the action it is about or done for:
    "offered to hand over [suspects] to Great Britain" (a verbal event and its complement),
    "staged demonstrations to demand reforms by the government" (an action and its purpose)."""
    for ev in events:
        if ev.target is not None or ev.id in no_recipient:  # "resigned to allow elections": none
            continue
        span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        heads = {head.i}
        if head.dep_ in ("dobj", "obj") and lemmas(head.head) & support:
            heads.add(head.head.i)  # "staged demonstrations": the purpose hangs on the verb
        for i, evs in by_tok.items():
            if i in heads:
                continue
            t, hops, purpose = doc[i], 0, False
            while t.head != t and t.i not in heads and hops < 4:
                if _purpose(t):
                    purpose = True
                elif t.dep_ not in ("xcomp", "ccomp", "dobj", "prep", "pobj", "conj", "acomp"):
                    break
                t, hops = t.head, hops + 1
            if t.i not in heads or not hops or not (ev.type in VERBAL or purpose):
                continue
            if (tgt := next((e.target for e in evs if e.target is not None), None)) is not None:
                if ev.source is None or tgt.actor != ev.source.actor:
                    ev.target = tgt
                    break


# children of an event's word whose places are not where it happened: its subject (an actor), and
# clauses with events of their own ("Kim, who met Putin in Vladivostok, will visit Beijing")
NOT_HERE = {"nsubj", "nsubjpass", "csubj", "csubjpass", "relcl", "advcl", "ccomp", "conj", "parataxis", "cc",
            "punct", "mark"}


def _clause_tok(cand):
    """The word whose phrases hold the event's place (for a noun object, its verb's: "held talks
    with Putin in Beijing")."""
    t = cand.tok
    if cand.entry.pos == "noun" and t.dep_ in ("dobj", "obj") and t.head.pos_ in ("VERB", "AUX"):
        return t.head
    return t


def _phrases_span(t) -> tuple[int, int]:
    """The characters of a word and its own phrases (not those in NOT_HERE), where a place is looked for."""
    lo, hi = t.idx, t.idx + len(t.text)
    for c in t.children:
        if c.dep_ not in NOT_HERE:
            lo, hi = min(lo, c.left_edge.idx), max(hi, c.right_edge.idx + len(c.right_edge.text))
    return lo, hi


def _locative(place, doc, preps) -> bool:
    """The place is the object of a locative preposition ("in the eastern city of Kharkiv")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    t = span.root if span is not None and len(span) else None
    for _ in range(4):
        if t is None or t.head == t:
            return False
        if t.dep_ == "pobj" and t.head.lower_ in preps:
            return True
        if t.dep_ not in ("compound", "amod", "pobj", "prep", "appos", "conj"):
            return False
        t = t.head
    return False


def _event_place(cand, record, doc, preps):
    """(place id, lo, hi, whether the place is in the event's own phrases). A place after a
    locative preposition in the event's own phrases comes first; then one in a locative phrase of
    its subject ("rebels in eastern Congo agreed ..."), whose own name is an actor rather than a
    place ("Russia will withdraw ..."); then any place in its phrases; else the article's place."""
    lo, hi = _phrases_span(_clause_tok(cand))
    location = locate(record, lo, hi)
    inside = next((p for p in record.places if p.id == location and lo <= p.start < hi), None)
    if inside is not None and _locative(inside, doc, preps):
        return location, lo, hi, True
    for subj in (c for c in _clause_tok(cand).children if c.dep_ in ("nsubj", "nsubjpass")):
        for pp in (c for c in subj.children if c.dep_ == "prep" and c.lower_ in preps):
            a, b = pp.left_edge.idx, pp.right_edge.idx + len(pp.right_edge.text)
            there = locate(record, a, b)
            if any(p.id == there and a <= p.start < b for p in record.places):
                return there, lo, hi, True
    t = cand.tok
    if inside is None and cand.entry.pos == "noun" and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB":
        # "air strikes killed 12 people in Gaza": a noun event subject of a verb, placed by the verb's phrases
        a, b = _phrases_span(t.head)
        there = locate(record, a, b)
        if any(p.id == there and a <= p.start < b for p in record.places):
            return there, a, b, True
    return location, lo, hi, inside is not None


def _as_host(ref, places, doc, capital_words):
    """A visit's destination is its host: the country, with sector GOV when the text names the
    country's capital ("visited Pyongyang", "flew to the Chinese capital"); a country or another
    city stays the country alone, as the PLOVER gold codes "visited Russia"."""
    if ref is None or ref.sector is not None or not ref.country:
        return ref
    place = places.get((ref.start, ref.end))
    name = place.name if place is not None else ref.text  # the gazetteer's name: "Peking" is Beijing
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    capital = is_capital(ref.country, name) or (
        span is not None and span.root.head.lemma_.lower() in capital_words and span.root.dep_ in ("amod", "compound"))
    return replace(ref, sector="GOV") if capital else ref


def _here(cand, words) -> bool:
    """"arrived here", "arrived here for a state visit": the destination is the writer's place."""
    t = cand.tok
    for _ in range(3):
        if any(c.dep_ == "advmod" and c.lower_ in words for c in t.children):
            return True
        if t.dep_ not in ("pobj", "prep", "dobj") or t.head == t:
            return False
        t = t.head
    return False


def _phrase(ref, doc):
    """The tokens of an argument's phrase: its mention and the noun it modifies ("Chinese troops")."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    if root.dep_ in ("amod", "compound", "nmod", "poss") and root.head.i >= span.end:
        return [*span, *(t for t in root.head.subtree if t.i >= span.end and t.i <= root.head.i)]
    return list(span)


def _armed(ref, doc, cues) -> bool:
    """Armed forces as a body ("peacekeeping troops", "Russian soldiers"), not an officer ("the army chief")."""
    if ref.sector not in ("MIL", "REB", None):
        return False
    toks = _phrase(ref, doc)
    head = max(toks, key=lambda t: t.i) if toks else None
    return head is not None and head.lemma_.lower() in cues["force_words"]


THREAT = Entry(lemma="unless", words=("unless",), pos="mark", type="THREATEN", cameo="130")


def _threats(sent, events, by_tok, record, resolver, extractor) -> list:
    """Conditions that make a threat. "X threatened to stop talks if Y ...": the threat is aimed at
    Y when it has no recipient of its own. "X will withdraw its force unless Y ...": an action held
    over Y until Y complies is a threat (a THREATEN event on "unless", from X to Y) when the action
    is one that costs Y (``threat_types``: a withdrawal, a boycott, an attack); "X would meet Y if
    ..." and "X will attend unless ..." stay conditional (the action, hypothetical)."""
    c = extractor.c
    out = []
    threatens = {i: evs for i, evs in by_tok.items() if evs[0].type == "THREATEN"}
    for clause in sent:
        mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ in c["conditional_marks"]), None)
        if clause.dep_ != "advcl" or mark is None:
            continue
        anchor = clause.head  # the action the condition is on
        subj = next((k for k in clause.children if k.dep_ in ("nsubj", "nsubjpass")), None)
        aimed = resolver.arg(subj, loc=True) if subj is not None else None
        if aimed is not None and not aimed.country:
            aimed = None  # "if his great-uncle did not sign": an uncoded person (or only "his") says little
        up, owner = anchor, None
        for _ in range(4):  # the explicit threat this action is the content of
            if up.i in threatens:
                owner = threatens[up.i]
                break
            if up.dep_ not in ("xcomp", "ccomp", "conj") or up.head == up:
                break
            up = up.head
        if owner is not None:
            for e in owner:
                if e.target is None and aimed is not None and (e.source is None or e.source.actor != aimed.actor):
                    e.target = aimed
            continue
        if mark.lower_ not in c["threat_marks"]:
            continue
        # the action's events: on the anchor itself, or on its object under a support verb ("launch an offensive")
        actions = by_tok.get(anchor.i) or next(
            (by_tok[k.i] for k in anchor.children if k.dep_ in ("dobj", "obj") and k.i in by_tok), [])
        # a withdrawal, boycott or strike held over the other side is a threat; "will attend the talks
        # unless ..." (a cooperative action) only names a condition
        if not actions or actions[0].type not in c["threat_types"] or actions[0].status == "negated":
            continue
        cand = Candidate(mark, THREAT, mark.idx, mark.idx + len(mark.text), None)
        status = "reported" if in_quote(cand, record.quotes) else "asserted"
        top = anchor  # the threat is made when the clause reporting it happened ("Nigeria today announced ...")
        while top.dep_ in ("ccomp", "xcomp", "conj") and top.head != top:
            top = top.head
        tx = governing_timex(top, record) if governing_timex is not None and top != anchor else None
        date = EventDate(tx.value, tx.start, tx.end, "text") if tx is not None and tx.type == "DATE" and tx.value \
            else EventDate(record.article.date, None, None, "article")
        seen = set()
        for a in actions:
            src = a.source
            if src is not None and src.actor in seen:
                continue
            seen.add(src.actor if src is not None else None)
            # the action's own recipient is the one it is held over; else whoever must comply
            tgt = a.target or aimed
            if tgt is not None and src is not None and tgt.actor and tgt.actor == src.actor:
                tgt = None
            if src is None and tgt is None:
                continue
            out.append(make_event(len(events) + len(out) + 1, cand, src, tgt, status, date, sent, a.location,
                                  extractor.contexts(cand), record.article.text))
    return out


def extract_events(record, doc, extractor: Extractor) -> list:
    text = record.article.text
    events = []
    dater = Dater(record, doc)
    resolver = Resolver(record, doc)
    dated: dict[int, EventDate] = {}  # verb trigger token -> its date from the text
    places = {(p.start, p.end): p for p in record.places}
    no_recipient: set[str] = set()  # events whose predicate takes no recipient (resign, disarm)
    for sent in doc.sents:
        first = len(events)
        by_tok: dict[int, list] = {}
        for cand in extractor.candidates(sent):
            sources = extractor.arguments(cand, cand.entry.source, resolver)
            exclude = {(s.start, s.end) for s in sources}
            targets = extractor.arguments(cand, cand.entry.target, resolver, exclude, deep=True)
            # "agreed upon a pact between the two countries": a recipient that is one of the sources
            # is no recipient (reciprocal action)
            src_ids = {s.actor for s in sources if s.actor}
            targets = [t for t in targets if not (resolver.by_span.get((t.start, t.end), {t.actor}) & src_ids)]
            # a noun event's source is never its own target ("Kim's visit to Kim")
            if not sources and not targets:
                continue  # precision: an event with no participant says little and is often wrong
            if cand.entry.host and sources and all(_armed(s, doc, extractor.c) for s in sources):
                # forces arriving somewhere are no diplomatic visit; peacekeepers arriving are aid to the host
                if not any(extractor.c["context_words"].get(t.lemma_.lower()) == "peacekeeping"
                           for s in sources for t in _phrase(s, doc)):
                    continue
                cand = replace(cand, entry=replace(cand.entry, type="AID", mode=None, host=False,
                                                   cameo=extractor.c["peacekeeping_cameo"]))
            status = extractor.status(cand, record.quotes)
            tx = dater.own(cand)
            noun = _object_noun(cand)
            same = None
            if tx is None and cand.entry.pos == "noun" and status in ("planned", "hypothetical", "asserted", "reported"):
                same = Dater.same_occasion(cand.entry, sources[0] if sources else None, events)
            if tx is not None:
                date = EventDate(tx.value, tx.start, tx.end, "text")
                dater.note(noun, tx)
            elif (ref := dater.referred(noun)) is not None:
                date = EventDate(ref.value, ref.start, ref.end, "text")
            elif (up := _governing_event(cand, dated, record, extractor.c["support_verbs"])) is not None:
                date = up  # "visited China in January 2019 for talks with Xi": the visit's date
            elif same is not None:
                # a nominal mention of an occasion already dated: its date, and planned like it
                date = EventDate(same.date.value, same.date.start, same.date.end, "text")
                if status in ("asserted", "reported"):
                    status = "planned"
                if not targets and same.target is not None:
                    targets = [same.target]
            elif status in ("planned", "hypothetical"):
                date = EventDate(None, None, None, "article")  # never the article date as if it happened
            else:
                date = EventDate(record.article.date, None, None, "article")
            if not targets and status == "planned" and noun is not None:
                # "will also attend the parade": the parade of an earlier event, with its target
                prior = next((e for e in reversed(events) if e.status == "planned" and e.type == cand.entry.type
                              and e.target is not None and e.trigger.start < cand.start
                              and noun.lower_ in text[e.sentence.start:e.sentence.end].lower()), None)
                if prior is not None and date.value == prior.date.value:
                    targets = [prior.target]
            location, lo, hi, own_place = None, 0, 0, False
            if locate is not None and record.places:
                location, lo, hi, own_place = _event_place(cand, record, doc, extractor.c["location_preps"])
            if cand.entry.host and not targets and _here(cand, extractor.c["here_words"]):
                # "HANOI (Reuters) - The president arrived here on Monday": the dateline's place
                p = dateline_place(record) if dateline_place is not None else None
                if p is not None and p.country:
                    targets = [ArgRef(actor=None, text=p.text, start=p.start, end=p.end, country=p.country)]
            if cand.entry.host:
                targets = [_as_host(t, places, doc, extractor.c["capital_words"]) for t in targets]
            if cand.entry.requires_target and not targets:
                continue  # "a farmer who attended" with nowhere attended: no visit to code
            if cand.entry.type == "PROTEST":
                # armed forces do not protest: "ground troops marching in formation" is a parade
                sources = [s for s in sources if s.sector != "MIL"]
                if not sources and not targets:
                    continue
            if cand.entry.reciprocal and not targets and len(sources) < 2 and not (
                    cand.entry.reciprocal == "plural" and _plural_subject(cand.tok)):
                continue  # "executives are talking openly about ...", "meet a requirement": nobody met
            if date.from_ == "text" and cand.entry.pos == "verb":
                dated[cand.tok.i] = date
            contexts = extractor.contexts(cand)
            for s in sources or [None]:
                for t in targets or [None]:
                    if s is not None and t is not None and s.actor and s.actor == t.actor:
                        t = None
                    # a visit happens at its destination ("Kim, who met Putin in Vladivostok, will visit Beijing")
                    where = location
                    dest = places.get((t.start, t.end)) if cand.entry.host and t is not None else None
                    if dest is not None and (lo <= dest.start < hi or not own_place):
                        where = dest.id  # "Kim's upcoming visit" goes where the visit named before went
                    events.append(make_event(len(events) + 1, cand, s, t, status, date, sent, where,
                                             contexts, text))
                    by_tok.setdefault(cand.tok.i, []).append(events[-1])
                    if not cand.entry.target:
                        no_recipient.add(events[-1].id)
        _complement_targets(events[first:], by_tok, doc, extractor.c["support_verbs"], no_recipient)
        events += _threats(sent, events, by_tok, record, resolver, extractor)
    return events


def link_quotes(events, quotes) -> None:
    """Set each event's ``quote`` to the id of the innermost (shortest) quote whose words contain
    its trigger, so the event carries who claims it; events outside every quote keep None."""
    if not quotes:
        return
    by_start = sorted(quotes, key=lambda q: (q.start, q.end))
    starts = [q.start for q in by_start]
    for ev in events:
        t = ev.trigger
        # only quotes opening at or before the trigger can contain it; articles have < 100 quotes
        inside = [q for q in by_start[:bisect_right(starts, t.start)] if t.end <= q.end]
        if inside:
            ev.quote = min(inside, key=lambda q: q.end - q.start).id


@stage("events", requires=("doc", "timexes", "actors"), provides=("events",), spacy=("parser",))
def events_stage(config: dict):
    lex = load_lexicon(tuple(str(p) for p in config.get("extra", ()) or ()))
    extractor = Extractor(lex)

    def run(analysis) -> None:
        analysis.record.events = extract_events(analysis.record, analysis.doc, extractor)
        # the quotes stage runs first when it is on; without it there is nothing to link
        link_quotes(analysis.record.events, analysis.record.quotes)

    return run
