"""Where an event happened: the place in its own phrases, its subject's, else the article's;
a visit's destination as its host."""

from __future__ import annotations

from dataclasses import replace

from dateline.places import is_capital, locate

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


def event_place(cand, record, doc, preps):
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


def as_host(ref, places, doc, capital_words):
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


def here(cand, words) -> bool:
    """"arrived here", "arrived here for a state visit": the destination is the writer's place."""
    t = cand.tok
    for _ in range(3):
        if any(c.dep_ == "advmod" and c.lower_ in words for c in t.children):
            return True
        if t.dep_ not in ("pobj", "prep", "dobj") or t.head == t:
            return False
        t = t.head
    return False


