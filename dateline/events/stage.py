"""The ``events`` stage: PLOVER events with source, target, date, place and status.

Config: ``{"extra": [path, ...]}`` adds user lexicon files (CLI ``--events FILE``), same format
as ``data/lexicon.json``; their entries are tried before the built-in ones. ``"classifier"``: a
model folder, or ``"off"`` for the lexicon alone (default: the shipped model, ``classify.py``);
``"min_confidence"``: drop events below that probability (CLI ``--min-confidence``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from dateline.pipeline import Option, stage
from dateline.places import dateline_place
from dateline.record import EventDate
from dateline.syntax import span_tokens, tokens
from dateline.time import governing_timex

from .classify import ClassifyingExtractor, load_model, min_confidence
from .dating import Dater, date_event, object_noun
from .extract import Candidate, Extractor, Resolver, in_quote, lemmas, make_event, place_ref
from .implicit import attack_agent, place_target, pressure_target, reporting_agent
from .lexicon import Entry, load_lexicon
from .sides import both_sides_subject, pair_sides, the_two_sides, two_sided
from .slots import subject
from .where import as_host, event_place, here


def _plural_subject(tok) -> bool:
    return any(c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS") for c in tok.children)


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
    for clause in span_tokens(sent):
        if clause.dep_ != "advcl":
            continue
        mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ in c["conditional_marks"]), None)
        if mark is None:
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
        tx = governing_timex(top, record) if top != anchor else None
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


@dataclass
class _Article:
    """What the passes over one article share."""

    record: object
    doc: object
    x: Extractor
    dater: Dater
    resolver: Resolver
    places: dict  # (start, end) -> Place
    events: list = field(default_factory=list)
    dated: dict = field(default_factory=dict)  # verb trigger token -> its date from the text
    no_recipient: set = field(default_factory=set)  # events whose predicate takes no recipient (resign, disarm)


def _participants(a: _Article, cand):
    """The sources and targets its slots name, else the sides the sentence gives otherwise
    (implicit.py); a recipient that is one of the sources is none ("agreed upon a pact between
    the two countries": reciprocal action; "Kim's visit to Kim")."""
    c = a.x.c
    sources = a.x.arguments(cand, cand.entry.source, a.resolver)
    if cand.entry.pos == "verb" and "subj" in cand.entry.source:
        subj = subject(cand.tok)
        if subj is not None and both_sides_subject(subj, c):  # "the two countries agreed"
            sources = the_two_sides(subj, a.events, a.record) or sources
    implied_target = None
    if not sources:
        agent, implied_target = attack_agent(cand, a.resolver, c)  # "killed in a Russian strike on Kharkiv"
        if agent is None:
            agent = reporting_agent(cand, a.resolver, c)  # "were arrested, police said"
        sources = [agent] if agent is not None else []
    exclude = {(s.start, s.end) for s in sources}
    targets = a.x.arguments(cand, cand.entry.target, a.resolver, exclude, deep=True)
    src_ids = {s.actor for s in sources if s.actor}
    targets = [t for t in targets if not (a.resolver.by_span.get((t.start, t.end), {t.actor}) & src_ids)]
    if len(sources) == 2 and two_sided(cand.entry, c):
        # two sides acting together act on each other: "Palestinians and Israelis failed to reach
        # agreement on the fate of Palestinian offices" has no third recipient of either's country
        targets = [t for t in targets if t.country not in {s.country for s in sources}]
    if implied_target is not None and not any(t.country for t in targets):
        targets = [implied_target]  # victims of no known country: what the attack was on ("on a Syrian base")
    elif not any(t.actor for t in targets):
        # no actor named: whoever pressed for what was refused; a place attacked or visited
        implied_target = pressure_target(cand, a.resolver, c) or place_target(cand, a.resolver, c)
        if implied_target is not None and (implied_target.start, implied_target.end) not in exclude:
            targets = [implied_target]
    home = next((s for s in sources if s.country), None)
    if home is not None and cand.entry.target and cand.entry.type in c["domestic_recipient_types"]:
        # PLOVER's convention: a protest, a concession, a state's coercion is addressed to the
        # source's own country when its recipient has no known country ("accepted demands from
        # rebels", "police arrested 141 people"), and a protest or concession naming none too
        # ("students marched through the capital")
        targets = [t if t.country else replace(t, country=home.country, country_from="context") for t in targets]
        if not targets and cand.entry.type in c["domestic_types"]:
            targets = [replace(home, actor=None, sector=None, country_from="context")]
    return sources, targets


def _forces_arriving(a: _Article, cand, sources):
    """Forces arriving somewhere make no diplomatic visit: None (no event), except peacekeepers,
    whose arrival is aid to the host."""
    if not (cand.entry.host and sources and all(_armed(s, a.doc, a.x.c) for s in sources)):
        return cand
    if not any(a.x.c["context_words"].get(t.lemma_.lower()) == "peacekeeping" for s in sources for t in _phrase(s, a.doc)):
        return None
    return replace(cand, entry=replace(cand.entry, type="AID", mode=None, host=False, cameo=a.x.c["peacekeeping_cameo"]))


def _earlier_plan_target(a: _Article, cand, status, date, targets):
    """"will also attend the parade": the parade of an earlier planned event, with its target."""
    noun = object_noun(cand)
    if targets or status != "planned" or noun is None:
        return targets
    text = a.record.article.text
    prior = next((e for e in reversed(a.events) if e.status == "planned" and e.type == cand.entry.type
                  and e.target is not None and e.trigger.start < cand.start
                  and noun.lower_ in text[e.sentence.start:e.sentence.end].lower()), None)
    return [prior.target] if prior is not None and date.value == prior.date.value else targets


def _host_targets(a: _Article, cand, targets):
    """A visit's destination: "arrived here" is the dateline's place; a named capital its government."""
    if not cand.entry.host:
        return targets
    if not targets and here(cand, a.x.c["here_words"]):
        # "HANOI (Reuters) - The president arrived here on Monday": the dateline's place
        p = dateline_place(a.record)
        if p is not None and p.country:
            targets = [place_ref(p, "context")]
    return [as_host(t, a.places, a.doc, a.x.c["capital_words"]) for t in targets]


def _kept_sources(cand, sources, targets):
    """The sources of an event worth coding, or None: a visit needs somewhere visited, armed forces
    do not protest ("ground troops marching in formation" is a parade), a meeting needs two sides."""
    if cand.entry.requires_target and not targets:
        return None  # "a farmer who attended" with nowhere attended: no visit to code
    if cand.entry.type == "PROTEST":
        sources = [s for s in sources if s.sector != "MIL"]
        if not sources and not targets:
            return None
    if cand.entry.reciprocal and not targets and len(sources) < 2 and not (
            cand.entry.reciprocal == "plural" and _plural_subject(cand.tok)):
        return None  # "executives are talking openly about ...", "meet a requirement": nobody met
    return sources


def _emit(a: _Article, cand, sources, targets, status, date, sent, place, by_tok):
    """One event per source and target; a visit happens at its destination ("Kim, who met Putin in
    Vladivostok, will visit Beijing"), and "Kim's upcoming visit" where the visit named before went."""
    location, lo, hi, own_place = place
    contexts = a.x.contexts(cand)
    first = len(a.events)
    for s in sources or [None]:
        for t in targets or [None]:
            if s is not None and t is not None and s.actor and s.actor == t.actor:
                t = None
            where = location
            dest = a.places.get((t.start, t.end)) if cand.entry.host and t is not None else None
            if dest is not None and (lo <= dest.start < hi or not own_place):
                where = dest.id
            a.events.append(make_event(len(a.events) + 1, cand, s, t, status, date, sent, where, contexts,
                                       a.record.article.text))
            by_tok.setdefault(cand.tok.i, []).append(a.events[-1])
            if not cand.entry.target:
                a.no_recipient.add(a.events[-1].id)
    if not targets and two_sided(cand.entry, a.x.c):
        pair_sides(a.events[first:])  # "X and Y met": one event each way


def _candidate_events(a: _Article, cand, sent, by_tok) -> None:
    sources, targets = _participants(a, cand)
    if not sources and not targets:
        return  # precision: an event with no participant says little and is often wrong
    cand = _forces_arriving(a, cand, sources)
    if cand is None:
        return
    status = a.x.status(cand, a.record.quotes)
    date, status, targets = date_event(cand, status, sources, targets, a.dater, a.dated, a.record, a.events, a.x.c)
    targets = _earlier_plan_target(a, cand, status, date, targets)
    place = (None, 0, 0, False)
    if a.record.places:
        place = event_place(cand, a.record, a.doc, a.x.c["location_preps"])
    targets = _host_targets(a, cand, targets)
    sources = _kept_sources(cand, sources, targets)
    if sources is None:
        return
    if date.from_ == "text" and cand.entry.pos == "verb":
        a.dated[cand.tok.i] = date
    _emit(a, cand, sources, targets, status, date, sent, place, by_tok)


def _participle_victims(by_tok, doc) -> None:
    """"overran a checkpoint in Niger, killing five soldiers": victims of no known country in a
    participle clause are on the side its head event struck."""
    toks = tokens(doc)
    for i, evs in by_tok.items():
        tok = toks[i]
        if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.head.i not in by_tok:
            continue
        hit = next((e.target for e in by_tok[tok.head.i] if e.target is not None and e.target.country), None)
        for e in evs:
            if hit is not None and e.target is not None and not e.target.country and e.type == by_tok[tok.head.i][0].type:
                e.target = replace(e.target, country=hit.country, country_from="context")


def extract_events(record, doc, extractor: Extractor) -> list:
    """The events of an article, sentence by sentence: each candidate's events, then the
    recipients complements lend, then the threats conditions make."""
    a = _Article(record, doc, extractor, Dater(record, doc, extractor.c["speech_verbs"]), Resolver(record, doc),
                 {(p.start, p.end): p for p in record.places})
    for sent in doc.sents:
        first = len(a.events)
        by_tok: dict[int, list] = {}
        for cand in extractor.candidates(sent):
            _candidate_events(a, cand, sent, by_tok)
        _complement_targets(a.events[first:], by_tok, doc, extractor.c["support_verbs"], a.no_recipient)
        _participle_victims(by_tok, doc)
        a.events += _threats(sent, a.events, by_tok, record, a.resolver, extractor)
    return a.events


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


@stage("events", requires=("doc", "timexes", "actors"), optional=("places", "quotes"), provides=("events",),
       default_config={"extra": (), "classifier": None, "min_confidence": None},
       options=(Option("--events", "extra", "Extra event lexicon file (repeatable)."),
                Option("--min-confidence", "min_confidence", "Drop events whose confidence (the probability "
                       "of their type) is below this.", many=False, type=float, bounds=(0, 1))))
def events_stage(config: dict):
    lex = load_lexicon(tuple(str(p) for p in config.get("extra", ()) or ()))
    which = config.get("classifier")
    model = None if which == "off" else load_model(str(which) if which else None)
    extractor = ClassifyingExtractor(lex, model) if model is not None else Extractor(lex)
    floor = config.get("min_confidence")

    def run(analysis) -> None:
        events = extract_events(analysis.record, analysis.doc, extractor)
        if model is not None:
            events = extractor.calibrate(events)
        analysis.record.events = min_confidence(events, floor)
        # the quotes stage runs first when it is on; without it there is nothing to link
        link_quotes(analysis.record.events, analysis.record.quotes)

    return run
