"""The name table of an article: dictionary matches by token and spaCy's entities, corrected.

``Names(doc, lexicon, date)`` holds, for one parsed article, the dictionary match covering each token
and the article's names as ``(start, end, label)`` token ranges (label PER | ORG | LOC | NORP). The
names are spaCy's entities put through the corrections below, one function each, in order; each
takes the list of ``[start, end, label]`` spans and fixes it in place. ``root`` and ``core`` give a
range's syntactic head and a noun phrase's extent, which every other module of the stage reads.
"""

from __future__ import annotations

from ..datelines import Dateline, find_dateline
from ..syntax import doc_text, entities, tokens
from .lexicon import SPEECH_VERBS, Entry, Lexicon, word_set

NAME_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}
PLACE_KINDS = {"country", "capital", "contextual"}  # dictionary entry kinds that are places
LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "predet"}
COMPASS = word_set("compass")
PLACE_HEADS = word_set("place_head")


def story_dateline(found: Dateline | None) -> Dateline | None:
    """The article's dateline ("KYIV, March 3 (Reuters) -", ``dateline.datelines``) when it carries a
    date or an agency: a place in capitals and a dash alone may be a headline's first word."""
    return found if found is not None and (found.date or found.agency) else None


class Names:
    """Per-article state: the dictionary matches and the corrected names by token."""

    def __init__(self, doc, lex: Lexicon, date: str | None, dateline: Dateline | None = None):
        self.doc, self.lex, self.date = doc, lex, date
        self.toks = tokens(doc)  # indexing a list is much cheaper than indexing a Doc
        self.text = doc_text(doc)  # Doc.text joins every token: once per article
        # "NAIROBI —" alone may open a headline ("GAZA — Strikes kill 20"): it still says where the
        # story is (context.main_country), but only a dated or credited dateline is no actor's name
        self.filed = dateline if dateline is not None else find_dateline(self.text)
        self.dateline = story_dateline(self.filed)
        self._roots: dict[int, int] = {}
        n = len(doc)
        self.match: list[tuple[int, int, list[Entry]] | None] = [None] * n
        shared = []  # matches of a city name several countries have ("Tripoli")
        for m in lex.matches(self.toks):
            if lex.homonyms and doc[m[0]:m[1]].text in lex.homonyms:
                shared.append(m)
                continue
            for i in range(m[0], m[1]):
                self.match[i] = m
        mentioned = {e.country for m in self.match if m for e in m[2] if e.kind in ("country", "adjective",
                                                                                   "demonym", "capital")}
        self.mentioned_countries = mentioned
        for m in shared:
            # "Tripoli" in a story that names Lebanon is Lebanon's city, not Libya's capital
            iso = self.city_named(doc[m[0]:m[1]].text)
            entries = [e for e in m[2] if e.kind != "capital" or e.country == iso]
            if entries:
                for i in range(m[0], m[1]):
                    self.match[i] = (m[0], m[1], entries)
        self.names: list[tuple[int, int, str]] = []
        self.name_at: list[int | None] = [None] * n
        self._install(correct(self))

    def _install(self, spans: list[list]) -> None:
        """Keep the spans that overlap no earlier one, in order."""
        spans.sort()
        for s, e, label in spans:
            if any(self.name_at[j] is not None for j in range(s, e)):
                continue
            self.names.append((s, e, label))
            for j in range(s, e):
                self.name_at[j] = len(self.names) - 1

    # ---- dictionary helpers ----
    def entries(self, i: int, kinds=None) -> list[Entry]:
        m = self.match[i]
        if not m:
            return []
        return [e for e in m[2] if (kinds is None or e.kind in kinds)
                and (e.kind != "contextual" or e.country in self.mentioned_countries)]

    def role_at(self, i: int) -> Entry | None:
        """The role whose match ends at token i (a title or group noun), if i is a noun."""
        m = self.match[i]
        if not m or self.toks[i].pos_ not in ("NOUN", "PROPN"):
            return None
        # the match's syntactic head: "minister" in "prime minister", "secretary" in "secretary of state"
        if m[1] - m[0] > 1:
            r = self._roots.get(m[0])
            if r is None:
                r = self._roots[m[0]] = root(self.doc, m[0], m[1]).i
            if r != i:
                return None
        for e in m[2]:
            if e.kind == "role":
                return e
        return None

    def person_role(self, t) -> bool:
        """Is token t a person title ("minister", "Sen.")?"""
        r = self.role_at(t.i)
        return bool(r and r.role_kind == "person")

    def covers(self, m, ns) -> bool:
        """Does dictionary match m cover name ns, but for a leading compass word ("South Lebanon")?
        "Jersey" does not make "New Jersey" a country."""
        if m[1] < ns[1]:
            return False
        return all(self.toks[j].lower_ in COMPASS for j in range(ns[0], m[0]))

    def name_entries(self, ns, kinds=None) -> list[Entry]:
        """Dictionary entries for a whole name."""
        r = root(self.doc, ns[0], ns[1]).i
        m = self.match[r]
        if not m or not self.covers(m, ns):
            return []
        return self.entries(r, kinds)

    def leader(self, ns) -> Entry | None:
        """The dictionary leader a name is, when the dictionary name covers all of it:
        "Clinton" alone may be Bill Clinton, "Hillary Clinton" is not."""
        for j in range(ns[0], ns[1]):
            m = self.match[j]
            if m and m[0] <= ns[0] and m[1] >= ns[1]:
                for e in m[2]:
                    if e.kind == "leader":
                        return e
        return None

    def titled(self, s: int, e: int) -> bool:
        """Is the proper name s..e beside a person title: after one, in apposition with one, or a
        speaker the small model took for a two-word place ("Hong Lei said")?"""
        doc = self.doc
        r0 = root(doc, s, e)
        r = self.role_at(s - 1) if s > 0 else None
        if r and r.role_kind == "person":
            return True
        if r0.dep_ == "appos" and self.person_role(r0.head):
            return True
        if any(c.dep_ == "appos" and self.person_role(c) for c in r0.children):
            return True
        if r0.dep_ == "nsubj" and r0.head.lemma_ in SPEECH_VERBS and 2 <= e - s <= 3 and \
                r0.ent_type_ in ("GPE", "LOC", "FAC") and not self.lex.cities.get(doc[s:e].text):
            return True  # "Hong Lei said": a two-word place name does not speak
        return False

    def city(self, ns) -> str | None:
        return self.city_named(self.doc[ns[0]:ns[1]].text)

    def city_named(self, name: str) -> str | None:
        """The country of a city of ours; for a name cities of several countries share
        (``Lexicon.homonyms``), the one of them the article names, when it names one alone."""
        alts = self.lex.homonyms.get(name)
        if alts:
            named = [c for c in alts if c in self.mentioned_countries]
            if len(named) == 1:
                return named[0]
        return self.lex.cities.get(name)

    def city_in(self, s: int, e: int) -> str | None:
        """A city named inside a longer name: "University of Toronto", "Cairo University"."""
        for j in range(s, e):
            if j > s and self.toks[j - 1].pos_ == "PROPN" and self.toks[j - 1].text[:1].isupper():
                continue  # "York" in "New York University" is not the city of York
            for k in range(min(e, j + 3), j, -1):
                words = self.doc[j:k]
                # a word of a place or person of the dictionary is not a city; an organisation's name is
                if words[0].text[:1].isupper() and all(t.pos_ == "PROPN" and (
                        not self.match[t.i] or all(x.kind == "org" for x in self.match[t.i][2]))
                        for t in words):
                    iso = self.lex.cities.get(words.text)
                    if iso:
                        return iso
        return None

    def name_span(self, i: int):
        k = self.name_at[i]
        return self.names[k] if k is not None else None


# ---- the corrections, in the order they run ----

def correct(d: Names) -> list[list]:
    """spaCy's entities put through every correction, as [start, end, label] spans."""
    spans = entity_spans(d)
    dictionary_names(d, spans)
    strip_titles(d, spans)
    peoples(d, spans)
    titled_people(d, spans)
    origin_places(d, spans)
    parts = known_parts(d, spans)
    known_places(d, spans, parts)
    untagged_after_title(d, spans, parts)
    return drop_dateline(d, spans)


def entity_spans(d: Names) -> list[list]:
    """spaCy's entities of the kinds we code, without a leading article or a trailing 's; a name
    after a place's 's starts after it ("Beijing's Communist Party")."""
    doc, spans = d.doc, []
    for ent in entities(doc):
        label = NAME_LABELS.get(ent.label_)
        if not label:
            continue
        s, e = ent.start, ent.end
        while s < e and d.toks[s].lower_ in ("the", "a", "an"):
            s += 1
        while e > s and d.toks[e - 1].tag_ == "POS":
            e -= 1
        for j in range(s + 1, e - 1):
            m = d.match[j - 1]
            if d.toks[j].tag_ == "POS" and m and m[1] == j and any(x.kind in PLACE_KINDS for x in m[2]):
                s = j + 1
        if s < e:
            spans.append([s, e, label])
    return spans


def dictionary_names(d: Names, spans: list[list]) -> None:
    """Dictionary names spaCy missed or typed wrongly take the dictionary's extent and type."""
    doc = d.doc
    covered = {i for s, e, _ in spans for i in range(s, e)}
    i = 0
    while i < len(doc):
        m = d.match[i]
        if not (m and m[0] == i):
            i += 1
            continue
        kinds = {e.kind for e in d.entries(i)}
        label = ("PER" if "leader" in kinds else "ORG" if "org" in kinds else
                 "LOC" if kinds & PLACE_KINDS else "NORP" if kinds & {"adjective", "demonym"} else None)
        s = i
        while s + 1 < m[1] and d.toks[s].lower_ in ("the", "a", "an"):
            s += 1  # "the Kremlin": the name starts after its article, as spaCy's entities do
        if label and d.toks[s].text[:1].isupper():
            for sp in spans:
                if sp[0] < m[1] and sp[1] > s and sp[1] - sp[0] <= m[1] - s and not (
                        sp[2] == "PER" and kinds <= {"capital", "contextual"}):
                    sp[2] = label  # the dictionary knows better on this exact name
                    sp[0], sp[1] = s, m[1]
            if not any(j in covered for j in range(s, m[1])):
                spans.append([s, m[1], label])
        i = m[1]


def strip_titles(d: Names, spans: list[list]) -> None:
    """spaCy may take the title into the name: "Spokeswoman Rosa Vidal" is Rosa Vidal, a person;
    "General Motors" is a name that starts with a title word."""
    for sp in spans:
        stripped = False
        label0, start0 = sp[2], sp[0]
        while sp[2] in ("PER", "ORG", "LOC") and sp[1] - sp[0] > 1:
            m = d.match[sp[0]]
            if not (m and m[1] < sp[1] and any(e.kind == "role" and e.role_kind == "person" for e in m[2])):
                break
            sp[0], stripped = m[1], True
        if stripped and label0 != "PER":
            if sp[1] - sp[0] >= 2 and all(d.toks[j].pos_ == "PROPN" for j in range(sp[0], sp[1])) and not any(
                    d.match[j] for j in range(sp[0], sp[1])):
                sp[2] = "PER"  # a title and a full name
            else:
                sp[0] = start0


def peoples(d: Names, spans: list[list]) -> None:
    """A name made only of nationality words is a people, not a person: "Bosnian Serbs"."""
    for sp in spans:
        if sp[2] != "NORP" and all(d.entries(j, {"adjective", "demonym"}) and not d.entries(j, PLACE_KINDS)
                                   for j in range(sp[0], sp[1])):
            sp[2] = "NORP"


def titled_people(d: Names, spans: list[list]) -> None:
    """Proper names beside a person title are people ("Beijing's assistant minister, Hong Lei")."""
    for sp in spans:
        s, e, label = sp
        if label == "PER" or any(d.toks[j].pos_ != "PROPN" for j in range(s, e)):
            continue
        if any(d.entries(j, PLACE_KINDS | {"org"}) for j in range(s, e)):
            continue
        if d.titled(s, e):
            sp[2] = "PER"


def origin_places(d: Names, spans: list[list]) -> None:
    """"a farmer from Normandy", "Jean Petit, a baker from Picardy": a one-word "person" that a
    person comes from is a place; so is the "person" of "the city of Goma"."""
    for sp in spans:
        t = d.toks[sp[0]]
        if sp[2] == "PER" and sp[1] - sp[0] == 1 and t.dep_ == "pobj" and t.head.lower_ == "from":
            hh = t.head.head
            if d.person_role(hh) or hh.ent_type_ == "PERSON" or \
                    hh.dep_ == "appos" and hh.head.ent_type_ == "PERSON":
                sp[2] = "LOC"
        elif sp[2] == "PER" and t.dep_ == "pobj" and t.head.lower_ == "of" and \
                t.head.head.lemma_.lower() in PLACE_HEADS | {"town"}:
            sp[2] = "LOC"


def known_parts(d: Names, spans: list[list]) -> set[str]:
    """A surname or first name of a person named earlier is that person, whatever spaCy said ("Kim").
    Returns the words of the full person names, which the next correction reads."""
    doc, parts = d.doc, set()
    for sp in sorted(spans):
        s, e, label = sp
        words = {d.toks[j].text for j in range(s, e)}
        if label == "PER" and e - s >= 2:
            parts |= words  # only full names lend their parts
        elif label != "PER" and e - s <= 2 and words <= parts and not any(d.match[j] for j in range(s, e)):
            r = root(doc, s, e)
            # an organisation may carry a founder's name ("Ford"): it must act like a person, or
            # be one bare surname of someone named in full before (the small model tags some ORG)
            if label != "ORG" or e - s == 1 or (r.dep_ == "nsubj" and r.head.lemma_ in SPEECH_VERBS):
                sp[2] = "PER"
    return parts


def known_places(d: Names, spans: list[list], parts: set[str]) -> None:
    """A "person" whose whole name is a city of ours is the city ("a Russian strike on Kharkiv"), unless
    it is a word of a person named in full, a leader, beside a title or someone speaking."""
    for sp in spans:
        s, e, label = sp
        if label != "PER" or not d.city(sp) or d.leader(sp) or d.titled(s, e):
            continue
        r = root(d.doc, s, e)
        if any(d.toks[j].text in parts for j in range(s, e)) or r.dep_ == "nsubj" and r.head.lemma_ in SPEECH_VERBS:
            continue
        sp[2] = "LOC"


def untagged_after_title(d: Names, spans: list[list], parts: set[str]) -> None:
    """Untagged proper names after a person title ("Assistant foreign minister Hong"), or made of
    the words of a full name given before, are people."""
    doc = d.doc
    covered = {i for s, e, _ in spans for i in range(s, e)} | {t.i for t in d.toks if t.ent_type_}
    for t in d.toks:
        if t.i in covered or d.match[t.i] or not t.text[:1].isupper():
            continue
        if t.pos_ != "PROPN" and not (t.pos_ == "NOUN" and t.text in parts):
            continue  # a surname the small model tags as a plural noun ("Mills") is still the person
        s = e = t.i
        while e + 1 < len(doc) and d.toks[e + 1].pos_ == "PROPN" and d.toks[e + 1].i not in covered \
                and not d.match[e + 1]:
            e += 1
        if d.titled(s, e + 1) or all(d.toks[j].text in parts for j in range(s, e + 1)):
            spans.append([s, e + 1, "PER"])
            covered.update(range(s, e + 1))


def drop_dateline(d: Names, spans: list[list]) -> list[list]:
    """"KYIV, March 3 (Reuters) -": the dateline's place says where the story was filed, it names no one."""
    dl = d.dateline
    if dl:
        return [sp for sp in spans if not dl.start <= d.toks[sp[0]].idx < dl.place[1]]
    return spans


# ---- phrase extent ----

def root(doc, s: int, e: int):
    """The token of s..e whose head lies outside it."""
    toks = tokens(doc)
    for j in range(s, e):
        h = toks[j].head.i
        if h < s or h >= e or h == j:
            return toks[j]
    return toks[e - 1]


def core(d: Names, h) -> tuple[int, int]:
    """The noun phrase headed by token h up to the head: left modifiers, the head and its name."""
    left, right = h.i, h.i
    ns = d.name_span(h.i)
    if ns:
        left, right = min(left, ns[0]), max(right, ns[1] - 1)
    m = d.match[h.i]
    if m and m[1] - 1 > right and d.role_at(h.i):
        right = m[1] - 1  # "secretary of state"
    for c in h.lefts:
        if c.dep_ in LEFT_DEPS:
            left = min(left, c.left_edge.i)
    # a misparse must not drag a verb, a line break or the previous sentence into the phrase
    floor = h.sent.start if left < h.i else left
    for j in range(left, h.i):
        t = d.toks[j]
        if t.is_space or "\n" in t.text or (t.pos_ in ("VERB", "AUX") and (
                t.dep_ not in ("amod", "compound", "nmod", "advmod", "npadvmod")
                or any(c.dep_.startswith("nsubj") for c in t.children))) or t.text in ("\u2018", "\u2019") and \
                not (j > 0 and d.doc[j - 1].text[:1].isalpha() and t.tag_ == "POS"):
            floor = max(floor, j + 1)
    left = max(left, floor)
    # "businessman Donald Trump and Texas Sen. Ted Cruz" parsed as one phrase: a person named before
    # a conjunction is a neighbour of its own, its title is not this head's
    for j in range(h.i - 1, left, -1):
        if d.toks[j].dep_ == "cc" and any((ns_k := d.name_span(k)) and ns_k[2] == "PER" and ns_k != ns
                                          for k in range(left, j)):
            left = j + 1
            break
    # "May 3 (Reuters)": a phrase inside brackets starts after the bracket
    for j in range(h.i - 1, left - 1, -1):
        if d.toks[j].text in ("(", "["):
            left = j + 1
            break
    # "BRUSSELS - European leaders": a dateline in capitals before a dash is not part of the phrase
    for j in range(left, h.i):
        if d.toks[j].text in ("-", "--", "\u2013", "\u2014") and j > left and \
                all(d.toks[k].text.isupper() or d.toks[k].is_punct for k in range(left, j)):
            left = j + 1
            break
    # never start on punctuation or a conjunction
    while left < right and (d.toks[left].is_punct or d.toks[left].dep_ == "cc"):
        left += 1
    return left, right + 1
