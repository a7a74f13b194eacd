"""The actors stage: who is who in an article, coded by country and PLOVER sector.

How it works, in order (docs/actors.md has the long form):
1. Dictionary matches over the tokens (countries, adjectives, demonyms, capitals, organisations,
   leaders, titles) and spaCy's entities, corrected: a proper name next to a person title or in
   apposition with one is a person whatever spaCy said; dictionary names get the dictionary's type.
2. Every noun phrase is coded from its head and its left modifiers: a name, a title ("President"),
   a nationality ("Iranian"), a possessive place ("Beijing's"), an affiliation ("at the National
   University of Singapore"), and its appositive, which is the same actor.
3. Coreference inside the article: later surnames or first names join the full name, definite
   titles ("the North Korean leader") join the person who holds them, person pronouns join the
   nearest person (the last speaker, for "he added"), "both countries" joins the last two countries.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from ..pipeline import stage
from ..record import Actor, Span
from .lexicon import Entry, Lexicon, load, norm

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
TITLE_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "king": "m", "prince": "m", "spokesman": "m",
                "congressman": "m", "businessman": "m", "chairman": "m", "father": "m", "son": "m",
                "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "queen": "f",
                "princess": "f", "spokeswoman": "f", "congresswoman": "f", "businesswoman": "f",
                "chairwoman": "f", "mother": "f", "daughter": "f", "lady": "f"}
# pronouns for organisations, countries and groups: bound to the subject of an enclosing clause
THING_PRONOUNS = {"its": False, "itself": False, "they": True, "them": True, "their": True, "themselves": True}
SPEECH_VERBS = {"say", "tell", "add", "announce", "state", "note", "claim", "insist", "warn", "explain",
                "argue", "write", "declare", "confirm", "deny", "stress", "reply", "ask", "remark",
                "comment", "report", "urge", "accuse", "vow", "pledge", "promise", "predict", "continue",
                "conclude", "recall", "acknowledge", "admit", "suggest", "observe", "respond", "answer",
                "caution", "tweet", "quip", "agree", "concede", "contend", "assert", "maintain"}
LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "predet"}
AFFIL_PREPS = {"of", "at", "for", "from", "in", "with", "throughout", "across", "inside", "within"}
LOC_PREPS = {"in", "at", "near", "across", "around", "outside", "inside", "through", "within", "throughout",
             "via", "beyond", "along"}
AGENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "attr", "appos", "ROOT", "csubj"}
PLACE_HEADS = {"square", "city", "capital", "street", "province", "region", "airport", "suburb", "district",
               "outskirts", "centre", "center", "downtown", "area", "border", "port", "territory", "soil",
               "neighbourhood", "neighborhood", "streets", "skies", "waters", "coast", "island", "village"}
GROUP_HEADS = {"country", "nation", "side", "government", "state", "leader", "party", "neighbour", "neighbor"}
GOVERNMENT_TERMS = {"government", "authorities", "administration", "regime", "cabinet", "leadership"}
NAME_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}
PLACE_KINDS = {"country", "capital", "contextual"}
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
           "northeast", "northwest", "southeast", "southwest", "upper", "lower"}
DATELINE = re.compile(r"\s*([A-Z][A-Z.'\- ]*[A-Z.])\s*[,(]")
# what follows a dateline's place: a date, a country or an agency, then a dash
DATELINE_TAIL = re.compile(r"[^\n]{0,40}?(\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\((?:Reuters|AP|AFP)\))"
                           r"[^\n]{0,30}?\s[-\u2013\u2014]")
# sectors of actors that belong to a state or fight over one: these take a country from context
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "SPY", "ELI", None}
# domestic sectors take the article's main country when nothing closer names one: police act at home
DOMESTIC_SECTORS = {"COP", "JUD"}
# sectors whose unplaced actors take the country all other actors of the sector share ("rebels")
SHARED_SECTORS = {"REB", "MIL", "COP", "OPP", "PTY", "JUD"}
# verbs whose place is a destination or a venue, not where the actor is from
VENUE_VERBS = {"meet", "gather", "convene", "visit", "travel", "arrive", "fly", "go", "come", "head", "host",
               "attend", "hold", "return", "move", "send", "deploy", "withdraw", "flee", "land", "sail", "march",
               "drive", "leave", "enter", "cross", "reach", "tour", "stop", "transfer", "relocate", "escape"}
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
# a place after "to" / "from" one of these is where someone goes, not a government acting
AGE_DESCRIPTION = re.compile(r"\b[Tt]he (\d{1,3})-year-old\b")
AGE_OF = re.compile(r"\b(\d{1,3})-year-old\b")
MOVE_WORDS = {"travel", "fly", "go", "come", "head", "return", "move", "arrive", "sail", "drive", "march",
              "flee", "escape", "relocate", "visit", "trip", "journey", "flight", "tour", "arrival"}


@dataclass
class Built:
    """An actor under construction; ``kind`` is person | org | country | group (kept for evaluation)."""

    key: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges [start, end)
    name_parts: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # role terms it has been given
    last: int = -1  # token index of the latest mention
    speech: list[int] = field(default_factory=list)  # token indices where it is a speech verb's subject
    gender: str | None = None  # "m" / "f" once a pronoun or a gendered title says so
    title_places: set[str] = field(default_factory=set)  # places in its titles: "Florida" of "Florida Sen. X"


class _Doc:
    """Per-document working state: the dictionary matches and corrected names by token."""

    def __init__(self, doc, lex: Lexicon, date: str | None):
        self.doc, self.lex, self.date = doc, lex, date
        self.toks = list(doc)  # indexing a list is much cheaper than indexing a Doc
        self._roots: dict[int, int] = {}
        n = len(doc)
        self.match: list[tuple[int, int, list[Entry]] | None] = [None] * n
        for m in lex.matches(self.toks):
            for i in range(m[0], m[1]):
                self.match[i] = m
        mentioned = {e.country for m in self.match if m for e in m[2] if e.kind in ("country", "adjective",
                                                                                   "demonym", "capital")}
        self.mentioned_countries = mentioned
        self.names: list[tuple[int, int, str]] = []
        self.name_at: list[int | None] = [None] * n
        self._names()

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
            root = self._roots.get(m[0])
            if root is None:
                root = self._roots[m[0]] = _root(self.doc, m[0], m[1]).i
            if root != i:
                return None
        for e in m[2]:
            if e.kind == "role":
                return e
        return None

    def covers(self, m, ns) -> bool:
        """Does dictionary match m cover name ns, but for a leading compass word ("South Lebanon")?
        "Jersey" does not make "New Jersey" a country."""
        if m[1] < ns[1]:
            return False
        return all(self.toks[j].lower_ in COMPASS for j in range(ns[0], m[0]))

    def name_entries(self, ns, kinds=None) -> list[Entry]:
        """Dictionary entries for a whole name."""
        root = _root(self.doc, ns[0], ns[1]).i
        m = self.match[root]
        if not m or not self.covers(m, ns):
            return []
        return self.entries(root, kinds)

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

    # ---- names: spaCy's entities, corrected ----
    def _names(self) -> None:
        doc = self.doc
        spans = []
        for ent in doc.ents:
            label = NAME_LABELS.get(ent.label_)
            if not label:
                continue
            s, e = ent.start, ent.end
            while s < e and doc[s].lower_ in ("the", "a", "an"):
                s += 1
            while e > s and doc[e - 1].tag_ == "POS":
                e -= 1
            for j in range(s + 1, e - 1):
                m = self.match[j - 1]
                if doc[j].tag_ == "POS" and m and m[1] == j and any(x.kind in PLACE_KINDS for x in m[2]):
                    s = j + 1  # "Beijing's Communist Party": the name starts after the place's 's
            if s < e:
                spans.append([s, e, label])
        # dictionary names spaCy missed or typed wrongly
        covered = {i for s, e, _ in spans for i in range(s, e)}
        i = 0
        while i < len(doc):
            m = self.match[i]
            if m and m[0] == i:
                kinds = {e.kind for e in self.entries(i)}
                label = ("PER" if "leader" in kinds else "ORG" if "org" in kinds else
                         "LOC" if kinds & PLACE_KINDS else "NORP" if kinds & {"adjective", "demonym"} else None)
                if label and doc[i].text[:1].isupper():
                    for sp in spans:
                        if sp[0] < m[1] and sp[1] > m[0] and sp[1] - sp[0] <= m[1] - m[0] and not (
                                sp[2] == "PER" and kinds <= {"capital", "contextual"}):
                            sp[2] = label  # the dictionary knows better on this exact name
                            sp[0], sp[1] = m[0], m[1]
                    if not any(j in covered for j in range(m[0], m[1])):
                        spans.append([m[0], m[1], label])
                i = m[1]
            else:
                i += 1
        # spaCy may take the title into the name: "Spokeswoman Rosa Vidal" is Rosa Vidal
        for sp in spans:
            stripped = False
            label0, start0 = sp[2], sp[0]
            while sp[2] in ("PER", "ORG", "LOC") and sp[1] - sp[0] > 1:
                m = self.match[sp[0]]
                if not (m and m[1] < sp[1] and any(e.kind == "role" and e.role_kind == "person" for e in m[2])):
                    break
                sp[0], stripped = m[1], True
            if stripped and label0 != "PER":
                if sp[1] - sp[0] >= 2 and all(doc[j].pos_ == "PROPN" for j in range(sp[0], sp[1])) and not any(
                        self.match[j] for j in range(sp[0], sp[1])):
                    sp[2] = "PER"  # "Spokeswoman Rosa Vidal" tagged ORG: a title and a full name
                else:
                    sp[0] = start0  # "General Motors": a name that starts with a title word
        # a name made only of nationality words is a people, not a person: "Bosnian Serbs"
        for sp in spans:
            if sp[2] != "NORP" and all(self.entries(j, {"adjective", "demonym"}) and not self.entries(j, PLACE_KINDS)
                                       for j in range(sp[0], sp[1])):
                sp[2] = "NORP"
        # proper names beside a person title are people ("Beijing's assistant minister, Hong Lei")
        for sp in spans:
            s, e, label = sp
            if label == "PER" or any(doc[j].pos_ != "PROPN" for j in range(s, e)):
                continue
            if any(self.entries(j, PLACE_KINDS | {"org"}) for j in range(s, e)):
                continue
            if self._titled(s, e):
                sp[2] = "PER"
        # "a farmer from Normandy", "Jean Petit, a baker from Picardy": a one-word "person" that
        # a person comes from is a place
        for sp in spans:
            t = doc[sp[0]]
            if sp[2] == "PER" and sp[1] - sp[0] == 1 and t.dep_ == "pobj" and t.head.lower_ == "from":
                hh = t.head.head
                if self._person_role(hh) or hh.ent_type_ == "PERSON" or \
                        hh.dep_ == "appos" and hh.head.ent_type_ == "PERSON":
                    sp[2] = "LOC"
            elif sp[2] == "PER" and t.dep_ == "pobj" and t.head.lower_ == "of" and \
                    t.head.head.lemma_.lower() in PLACE_HEADS | {"town"}:
                sp[2] = "LOC"  # "the city of Goma"
        # a surname or first name of a person named earlier is that person, whatever spaCy said ("Kim")
        parts: set[str] = set()
        for sp in sorted(spans):
            s, e, label = sp
            words = {doc[j].text for j in range(s, e)}
            if label == "PER" and e - s >= 2:
                parts |= words  # only full names lend their parts
            elif label != "PER" and e - s <= 2 and words <= parts and not any(self.match[j] for j in range(s, e)):
                root = _root(doc, s, e)
                # an organisation may carry a founder's name ("Ford"): it must act like a person, or
                # be one bare surname of someone named in full before (the small model tags some ORG)
                if label != "ORG" or e - s == 1 or (root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS):
                    sp[2] = "PER"
        # untagged proper names after a person title: "Assistant foreign minister Hong"
        covered = {i for s, e, _ in spans for i in range(s, e)} | {t.i for t in self.toks if t.ent_type_}
        for t in self.toks:
            if t.i in covered or self.match[t.i] or not t.text[:1].isupper():
                continue
            if t.pos_ != "PROPN" and not (t.pos_ == "NOUN" and t.text in parts):
                continue  # a surname the small model tags as a plural noun ("Mills") is still the person
            s = e = t.i
            while e + 1 < len(doc) and doc[e + 1].pos_ == "PROPN" and doc[e + 1].i not in covered \
                    and not self.match[e + 1]:
                e += 1
            if self._titled(s, e + 1) or all(doc[j].text in parts for j in range(s, e + 1)):
                spans.append([s, e + 1, "PER"])
                covered.update(range(s, e + 1))
        # "KYIV, March 3 (Reuters) -": the dateline's place says where the story was filed
        m = DATELINE.match(doc.text)
        if m and DATELINE_TAIL.match(doc.text, m.end()):
            spans = [sp for sp in spans if doc[sp[0]].idx >= m.end(1)]
        spans.sort()
        for s, e, label in spans:
            if any(self.name_at[j] is not None for j in range(s, e)):
                continue
            self.names.append((s, e, label))
            for j in range(s, e):
                self.name_at[j] = len(self.names) - 1

    def _titled(self, s: int, e: int) -> bool:
        doc = self.doc
        root = _root(doc, s, e)
        r = self.role_at(s - 1) if s > 0 else None
        if r and r.role_kind == "person":
            return True
        if root.dep_ == "appos" and self._person_role(root.head):
            return True
        if any(c.dep_ == "appos" and self._person_role(c) for c in root.children):
            return True
        if root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS and 2 <= e - s <= 3 and \
                root.ent_type_ in ("GPE", "LOC", "FAC") and not self.lex.cities.get(doc[s:e].text):
            return True  # "Hong Lei said": a two-word place name does not speak
        return False

    def _person_role(self, t) -> bool:
        r = self.role_at(t.i)
        return bool(r and r.role_kind == "person")

    def city(self, ns) -> str | None:
        return self.lex.cities.get(self.doc[ns[0]:ns[1]].text)

    def city_in(self, s: int, e: int) -> str | None:
        """A city named inside a longer name: "University of Toronto", "Cairo University"."""
        for j in range(s, e):
            if j > s and self.toks[j - 1].pos_ == "PROPN" and self.toks[j - 1].text[:1].isupper():
                continue  # "York" in "New York University" is not the city of York
            for k in range(min(e, j + 3), j, -1):
                words = self.doc[j:k]
                if words[0].text[:1].isupper() and all(t.pos_ == "PROPN" and not self.match[t.i] for t in words):
                    iso = self.lex.cities.get(words.text)
                    if iso:
                        return iso
        return None

    def name_span(self, i: int):
        k = self.name_at[i]
        return self.names[k] if k is not None else None


def _root(doc, s: int, e: int):
    for j in range(s, e):
        h = doc[j].head.i
        if h < s or h >= e or h == j:
            return doc[j]
    return doc[e - 1]


def _core(d: _Doc, h) -> tuple[int, int]:
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
        if t.is_space or "\n" in t.text or (t.pos_ in ("VERB", "AUX") and (t.dep_ not in ("amod", "compound", "nmod", "advmod", "npadvmod")
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


class _Builder:
    def __init__(self, d: _Doc):
        self.d = d
        self.doc = d.doc
        self.actors: dict[str, Built] = {}
        self.order: list[str] = []
        self.country_refs: list[tuple[int, str]] = []  # (token index, iso3) of every country reference
        self._main: str | None | bool = False  # the article's main country, once computed
        self.text = d.doc.text  # Doc.text joins every token: once per article
        self._subject_of: dict[tuple[int, int], int] = {}  # mention -> its root if a main clause's subject
        self._para_starts: list[int] | None = None

    # ---- actors ----
    def get(self, key: str, kind: str, name: str, **kw) -> Built:
        a = self.actors.get(key)
        if a is None:
            a = self.actors[key] = Built(key, kind, name, **kw)
            self.order.append(key)
        else:
            for k, v in kw.items():
                if v and not getattr(a, k):
                    setattr(a, k, v)
        return a

    def mention(self, a: Built, s: int, e: int) -> None:
        if (s, e) not in a.mentions:
            a.mentions.append((s, e))
        a.last = max(a.last, e - 1)
        for j in range(s, e):
            t = self.d.toks[j]
            if t.dep_ == "nsubj" and t.head.lemma_ in SPEECH_VERBS and j not in a.speech:
                a.speech.append(j)

    def country_actor(self, iso: str) -> Built:
        return self.get(f"C:{iso}", "country", self.d.lex.countries.get(iso, iso), country=iso)

    def government(self, iso: str) -> Built:
        return self.get(f"G:{iso}:GOV", "group", f"government of {self.d.lex.countries.get(iso, iso)}",
                        country=iso, sector="GOV")

    # ---- coding a noun phrase ----
    def country_in(self, s: int, e: int, skip: tuple[int, int] | None = None) -> tuple[str | None, int | None]:
        """The country a range of modifier tokens names (nearest the head wins), and where."""
        best = (None, None)
        for j in range(s, e):
            if skip and skip[0] <= j < skip[1]:
                continue
            ns = self.d.name_span(j)
            if ns and ns[2] == "LOC" and not self.d.match[j] and self.d.city(ns):
                best = (self.d.city(ns), j)
            m = self.d.match[j]
            if ns and ns[2] in ("LOC", "PER") and m and not self.d.covers(m, ns):
                continue  # part of a longer place or person name: "Jersey" in "New Jersey"
            for en in self.d.entries(j):
                if en.kind == "role" or not en.country:
                    continue
                if en.kind == "leader":
                    o = en.office_at(self.d.date)
                    best = ((o.country if o else en.country), j)
                else:
                    best = (en.country, j)
                break  # the first entry of a name is its main meaning
        return best

    def affiliation(self, h, depth: int = 0) -> tuple[str | None, str | None]:
        """Country (and sector) from an affiliation: "professor at the National University of Singapore"."""
        if depth > 2:
            return None, None
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in AFFIL_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        iso, sec, _kind = self.code_phrase(p, depth + 1)
                        if iso:
                            return iso, sec
        return None, None

    def code_phrase(self, h, depth: int = 0) -> tuple[str | None, str | None, str | None]:
        """(country, sector, kind) of the phrase headed by h, without creating actors."""
        d = self.d
        s, e = _core(d, h)
        ns = d.name_span(h.i)
        sector = None
        kind = None
        iso = None
        if ns:
            en = d.leader(ns)
            if en is not None:
                o = en.office_at(d.date)
                return (o.country if o else en.country), (o.sector if o else "ELI"), "person"
            for en in d.name_entries(ns):
                if en.kind == "org":
                    return en.country, en.sector, "org"
                if en.kind in PLACE_KINDS:
                    return en.country, None, "country"
            if ns[2] == "LOC":
                return d.city(ns), None, "city"
            if ns[2] == "ORG":
                kind = "org"
                r = d.role_at(h.i) or next((d.role_at(j) for j in range(ns[1] - 1, ns[0] - 1, -1)
                                            if d.role_at(j)), None)
                sector = r.sector if r else None
                iso = self.country_in(ns[0], ns[1])[0]
            elif ns[2] == "PER":
                kind = "person"
            elif ns[2] == "NORP":
                # "Bosnian Serbs", "Iraqi Kurds": the first nationality is where they live
                iso = next((en[0].country for j in range(ns[0], ns[1])
                            if (en := d.entries(j, {"adjective", "demonym", "country"}))), None)
                return iso, "CVL", "group"
        r = d.role_at(h.i)
        if r and not ns:
            kind = kind or ("person" if r.role_kind == "person" else "group")
            sector = sector or r.sector
        if iso is None:
            iso, _ = self.country_in(s, e, skip=(ns[0], ns[1]) if ns else None)
        if iso is None and kind == "org":
            iso = d.city_in(ns[0], ns[1])  # "Cairo University", "University of Toronto"
        if iso is None and kind in ("person", "group", "org"):
            iso, sec2 = self.affiliation(h, depth)
            sector = sector or (sec2 if kind == "person" and not r else None)
        return iso, sector, kind

    # ---- the pass over the document ----
    def run(self) -> None:
        d, doc = self.d, self.doc
        for j, m in enumerate(d.match):
            if m and m[0] == j:
                ns = d.name_span(j)
                if ns and ns[2] in ("LOC", "PER") and not d.covers(m, ns):
                    continue  # "Mexico" in "New Mexico" names no country
                for en in d.entries(j):
                    if en.kind in ("country", "adjective", "demonym", "capital", "contextual") and en.country:
                        self.country_refs.append((j, en.country))
                        break
        for s_, e_, label in d.names:
            if label == "LOC" and not d.match[s_] and d.city((s_, e_, label)):
                self.country_refs.append((s_, d.city((s_, e_, label))))
        self.country_refs.sort()
        pending_pronouns = []
        pending_groups = []
        for t in d.toks:
            if t.pos_ == "PRON" and (t.lower_ in PERSON_PRONOUNS or t.lower_ in THING_PRONOUNS):
                if d.name_span(t.i) is None and not d.match[t.i]:  # not "Her Majesty's Government"
                    pending_pronouns.append(t)
                continue
            ns = d.name_span(t.i)
            if ns and _root(doc, ns[0], ns[1]).i != t.i:
                continue  # inside a name: its root speaks for it
            if t.dep_ in ("compound", "amod") or (t.dep_ == "conj" and t.pos_ == "ADJ") or (
                    t.dep_ == "nmod" and d.name_span(t.head.i) is not None and not self.coordinated_person(t, ns)):
                self.modifier(t, ns)
                continue
            if t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "X") and not ns:
                continue
            if not ns and t.i + 1 < len(d.toks) and (nx := d.name_span(t.i + 1)) and nx[2] == "PER" \
                    and nx[0] == t.i + 1 and self._person_title(t) \
                    and _core(d, _root(doc, nx[0], nx[1]))[0] <= t.i:
                continue  # "Sen." in "... and Texas Sen. Ted Cruz" however parsed: the name's own title
            if self.group_expression(t):
                pending_groups.append(t)
                continue
            self.phrase(t)
        for t in pending_groups:
            self.resolve_group(t)
        self.link_appositions()
        self.resolve_ages()
        for t in pending_pronouns:
            self.resolve_pronoun(t)
        self.context_countries()

    def pronoun_owner(self, a: Built) -> Built | None:
        """The actor a possessive pronoun inside a's first mention was bound to, if it has a country."""
        s, e = min(a.mentions)
        for j in range(s, e):
            if self.d.toks[j].lower_ in THING_PRONOUNS or self.d.toks[j].lower_ in PERSON_PRONOUNS:
                for b in self.actors.values():
                    if b is not a and b.country and (j, j + 1) in b.mentions:
                        return b
        return None

    def context_countries(self) -> None:
        """A state actor whose own phrase names no country ("Prime Minister X", "the rebels") takes one
        only from evidence bound to it, strongest first: a possessive pronoun's owner ("its fighters"),
        a possessor actor ("Lee's office"), a place modifying a coordinated partner ("forces and rebels
        in eastern Congo"), the place of the clause where it acts ("police in Lagos detained ..."),
        for domestic sectors (police, courts) the article's main country, and last the one country
        of the article's other actors of its sector ("a rebel spokesman" after "rebels in X"). A
        country merely named nearby is not enough: it may be a meeting's venue or the other side of
        the event ("the US imposed sanctions on commanders"), and no code beats a wrong code."""
        todo = []
        for a in self.actors.values():
            if a.country or a.kind not in ("person", "group", "org") or a.sector not in STATE_SECTORS:
                continue
            if a.kind == "org" and a.sector is None:
                continue  # an unknown organisation may be international
            if a.kind == "person" and a.sector in (None, "ELI") and a.key.startswith("P:"):
                continue  # a name without a title says nothing of a state
            s, e = min(a.mentions)
            head = _root(self.doc, s, e)
            if any(c.dep_ == "nummod" for c in head.children):
                continue  # "some 26 leaders": counted people are seldom of one country
            if head.dep_ == "pobj" and head.head.lower_ in LOC_PREPS:
                continue  # "near Khan Younis": a place spaCy took for a name, not an actor to code
            owner = self.pronoun_owner(a) or self.possessor(head)
            iso = owner.country if owner is not None else None
            iso = iso or self.partner_place(head, a.sector) or self.clause_place(head, a.sector)
            if iso is None and a.sector in DOMESTIC_SECTORS:
                iso = self.main_country()
            if iso is None:
                iso = self.same_type_before(head, s)
            if iso is None and a.key[:2] in ("P:", "O:") and a.sector not in (None, "ELI"):
                iso = self.sentence_country(a, head)
            if iso:
                a.country = iso
            elif not (head.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss") for c in head.lefts)):
                todo.append(a)  # a bare plural ("militaries", "commanders") may be anyone's: no consensus
        # "a rebel spokesman": the country every other actor of its sector has, when they agree
        by_sector: dict[str, set[str]] = {}
        for b in self.actors.values():
            if b.country and b.sector in SHARED_SECTORS and b.kind != "country" and b.country not in ("IGO", "NGO"):
                by_sector.setdefault(b.sector, set()).add(b.country)
        for a in todo:
            isos = by_sector.get(a.sector, set())
            if len(isos) == 1:
                a.country = next(iter(isos))

    def other_clause(self, t, head) -> bool:
        """Is token t inside a clause of someone else's: a relative clause, or an adverbial clause
        with its own subject, below the lowest token that governs both t and the actor's head?"""
        up = set()
        x = head
        while True:
            up.add(x.i)
            if x.head.i == x.i:
                break
            x = x.head
        if t.i in up:
            return True  # the actor hangs under the country itself: a misparsed apposition
        x = t
        while x.i not in up:
            if x.dep_ in ("relcl", "acl") or x.dep_ in ("advcl", "parataxis") and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in x.children):
                return True
            if x.head.i == x.i:
                break
            x = x.head
        return False

    def subject_above(self, t, head) -> bool:
        """Is token t the subject of a clause above an adverbial or relative clause with a subject of
        its own that holds the actor's head? That subject acts on the actor, it does not say where the
        actor is from."""
        if t.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb, x, inside = t.head, head, False
        while x.head.i != x.i:
            if x.dep_ in ("advcl", "relcl", "acl") and any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children):
                inside = True
            x = x.head
            if x.i == verb.i:
                return inside
        return False

    def same_type_before(self, head, start: int) -> str | None:
        """"the ministry", "a ministry spokesman": an organisation type word without a country refers
        to the latest organisation named before whose name has that word ("the German foreign ministry")."""
        words = [head] + [c for c in head.lefts if c.dep_ == "compound"]
        types = {t.lemma_.lower() for t in words if (r := self.d.role_at(t.i)) and r.role_kind == "org"}
        if not types:
            return None
        best = None
        for b in self.actors.values():
            if not b.country or b.kind not in ("org", "group"):
                continue
            for s, e in b.mentions:
                if e <= start and (best is None or e > best[0]) and \
                        types & {self.d.toks[j].lemma_.lower() for j in range(s, e)}:
                    best = (e, b.country)
        return best[1] if best else None

    def actor_with_country(self, i: int) -> Built | None:
        for b in self.actors.values():
            if b.country and any(s <= i < e and e - s < 12 for s, e in b.mentions):
                return b
        return None

    def possessor(self, head) -> Built | None:
        """"Lee's office": the possessor's actor, when it has a country."""
        for c in head.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return self.actor_with_country(c.i)
        return None

    def place_country(self, t) -> str | None:
        """The country of a place named by token t (a country, capital or city), else None."""
        ns = self.d.name_span(t.i)
        if ns is None or ns[2] != "LOC":
            return None
        iso, _, kind = self.code_phrase(t)
        return iso if kind in ("country", "city") else None

    def located(self, t) -> str | None:
        """The country of a place in a locative phrase under t: "in eastern Congo"."""
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in LOC_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj" and (iso := self.place_country(p)):
                        return iso
        return None

    def partner_place(self, head, sector) -> str | None:
        """Coordinated actors share a place ("Government forces and rebels in eastern Congo"), and
        rebels or an opposition coordinated with a government are of its country ("the Sudanese
        government and the rebels")."""
        partners = [c for c in head.children if c.dep_ == "conj"]
        if head.dep_ == "conj":
            partners.append(head.head)
            partners += [c for c in head.head.children if c.dep_ == "conj" and c.i != head.i]
        for p in partners:
            if iso := self.located(p):
                return iso
        if head.dep_ == "conj" and not any(c.dep_ in ("det", "amod", "compound", "poss") for c in head.lefts):
            # "Russian bombers and fighters": a bare second conjunct shares the first one's nationality
            first = head.head
            iso = self.country_in(first.left_edge.i, first.i)[0]
            if iso:
                return iso
        if sector in ("REB", "OPP"):
            for p in partners:
                b = self.actor_with_country(p.i)
                if b is not None and b.sector in ("GOV", "MIL") and b.kind != "country":
                    return b.country
        return None

    def sentence_country(self, a: Built, head) -> str | None:
        """A named office holder or organisation ("President X", "the Y party") in a sentence that
        names one country only: that country, unless it is a destination or venue ("will travel to
        Seoul"), another person's own nationality, or the other participant of the actor's own
        verb ("an Argentine judge ordered X": the judge's country is not X's)."""
        sent = head.sent
        verb = head.head if head.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "attr") else None
        others = {}
        for b in self.actors.values():
            if b is a:
                continue
            for s, e in b.mentions:
                for j in range(s, e):
                    others[j] = b
        found = set()
        for j, iso in self.country_refs:
            if not sent.start <= j < sent.end or any(s <= j < e for s, e in a.mentions):
                continue
            t = self.d.toks[j]
            b = others.get(j)
            if b is not None and b.key.startswith("P:") and b.country:
                continue  # "26 leaders, including Russian President X": his nationality is his own
            if b is not None and verb is not None:
                r = _root(self.doc, *next(m for m in b.mentions if m[0] <= j < m[1]))
                if r.head.i == verb.i and r.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent", "attr"):
                    continue  # the other side of the actor's own event
            x = t
            while x.dep_ in ("compound", "amod", "poss", "det") and x.head.i != x.i:
                x = x.head
            if x.dep_ == "pobj" and (x.head.lower_ in ("to", "into", "toward", "towards")
                                     or x.head.head.lemma_.lower() in VENUE_VERBS | SPEECH_VERBS):
                continue  # a destination, a venue, or where someone spoke ("told reporters in Cairo")
            if self.other_clause(x, head):
                continue  # "As X appears set to veto a bill that would let families sue Saudi Arabia"
            if self.subject_above(x, head):
                continue  # "Nigeria announced it will withdraw ... unless President X arranged ..."
            found.add(iso)
        return next(iter(found)) if len(found) == 1 else None

    def clause_place(self, head, sector) -> str | None:
        """Where the clause the actor is the subject of happens: "Police in Lagos said", "police
        detained 14 people in Kano". Not for armies (they fight abroad) nor for movement, meeting and
        speech verbs, whose place is a destination, a venue or where a visitor spoke ("ministers will
        meet in Luxembourg", "officials said in Nairobi")."""
        if sector == "MIL":
            return None
        iso = self.located(head)
        if iso or head.dep_ not in ("nsubj", "nsubjpass"):
            return iso
        verb = head.head
        if verb.lemma_.lower() in VENUE_VERBS | SPEECH_VERBS or any(
                c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            return None  # a venue, a destination, or where a visitor may have spoken
        return self.located(verb)

    def main_country(self) -> str | None:
        """The article's country: its dateline's, else the one named most often (if it leads)."""
        if self._main is not False:
            return self._main
        self._main = None
        m = DATELINE.match(self.doc.text)
        if m and DATELINE_TAIL.match(self.doc.text, m.end()):
            words = m.group(1).title()
            iso = next((x.country for x in self.d.lex.index.get(norm(words), ()) if x.kind in PLACE_KINDS),
                       None) or self.d.lex.cities.get(words)
            if iso:
                self._main = iso
                return iso
        count: dict[str, int] = {}
        for _, iso in self.country_refs:
            count[iso] = count.get(iso, 0) + 1
        ranked = sorted(count.items(), key=lambda x: -x[1])
        # it must carry at least half of all country mentions: a story about many countries has none
        if ranked and ranked[0][1] >= 2 and 2 * ranked[0][1] >= len(self.country_refs):
            self._main = ranked[0][0]
        return self._main

    def modifier(self, t, ns) -> None:
        """A name or nationality modifying a noun: evidence for that noun's actor when the noun is a
        title or group ("Israeli army"), else an actor of its own ("a US offer", "an Indian protest")."""
        d = self.d
        head = t.head
        while head.dep_ == "conj" and head.pos_ == "ADJ":
            head = head.head
        if d.role_at(head.i) or any(d.role_at(c.i) for c in head.children if c.dep_ == "compound"):
            return
        if d.name_span(head.i) is not None and d.name_span(head.i)[2] in ("PER", "ORG", "NORP"):
            return  # "Defense Secretary", "Russian President Putin", "Iraqi Kurds": part of a name
        if ns is None:
            return
        if ns[2] == "ORG":
            self.phrase(t)
            return
        ens = d.entries(t.i, {"country", "adjective", "contextual"})
        if ens and ns[2] in ("LOC", "NORP"):
            self.mention(self.country_actor(ens[0].country), ns[0], ns[1])

    def phrase(self, h) -> None:
        d, doc = self.d, self.doc
        ns = d.name_span(h.i)
        if ns is None and d.role_at(h.i) is None and not any(
                c.dep_ == "compound" and d.role_at(c.i) for c in h.lefts):
            return  # neither a name nor a title or group: nothing to code
        s, e = _core(d, h)
        iso, sector, kind = self.code_phrase(h)
        if ns and ns[2] == "LOC":
            ens = d.name_entries(ns, PLACE_KINDS)
            if not ens:
                # a city acting ("Samarra fired ..."); other places are the places stage's business
                if iso and self.agentive(h):
                    name = doc[ns[0]:ns[1]].text
                    self.mention(self.get(f"L:{name}", "city", name, country=iso), ns[0], ns[1])
                return
            en = ens[0]
            if self.dateline(ns):
                return  # "KYIV, March 3 (Reuters) -": the dateline says where, not who
            if en.kind == "capital":
                if self.agentive(h):
                    self.mention(self.government(en.country), ns[0], ns[1])
                return
            self.mention(self.country_actor(en.country), ns[0], ns[1])
            return
        if ns and ns[2] == "NORP":
            # "Palestinians", "the Chinese": a people; "Iraqi Kurds": a people where they live
            iso = iso or self.country_in(s, e, skip=(ns[0], ns[1]))[0]
            if iso:
                a = self.get(f"G:{iso}:CVL:people", "group", doc[s:e].text, country=iso, sector="CVL",
                             role=doc[s:e].text)
                self.mention(a, s, e)
            return
        if kind == "person" and ns:
            self.person(h, ns, s, e, iso, sector)
            return
        if kind == "org" and ns:
            if not d.name_entries(ns, {"org"}) and (
                    any(e.kind == "role" and e.role_kind == "person" for e in d.entries(h.i))
                    or h.dep_ == "pobj" and h.head.lower_ == "of" and self._person_title(h.head.head)):
                return  # "Secretary of State", "Minister of Defence": part of a title
            en = next((x for x in d.name_entries(ns, {"org"})), None)
            name = en.name if en else doc[ns[0]:ns[1]].text
            a = None if en else self.by_initials(name)
            if a is None:
                a = self.get(f"O:{name.lower()}", "org", name, country=iso, sector=sector,
                             role=doc[s:e].text if (s, e) != (ns[0], ns[1]) else None)
            self.mention(a, s, e)
            return
        r = d.role_at(h.i)
        if r is None:  # "Israeli army bulldozers": the title or group may be a compound
            r = next((d.role_at(c.i) for c in h.lefts if c.dep_ == "compound" and d.role_at(c.i)), None)
            if r is None:
                return
            iso = iso or self.country_in(s, e)[0]
        elif r.role_kind == "person":
            # "a rebel spokesman", "a police spokeswoman", "the army commander": the body he speaks
            # or works for gives the sector, not the generic title
            mod = next((x for c in h.lefts if c.dep_ == "compound" and (x := d.role_at(c.i)) and x.sector), None)
            if mod is not None and mod.sector != r.sector:
                r = replace(r, sector=mod.sector)
        role_text = doc[s:e].text
        # coordinated nationalities: "Hungarian and Romanian officials" are two actors
        isos = self.coordinated_countries(h, s)
        if len(isos) > 1:
            for iso_k, start in isos:
                a = self.get(f"G:{iso_k}:{r.sector}:{r.name}", "group", doc[start:e].text, country=iso_k,
                             sector=r.sector, role=role_text)
                self.mention(a, start, e)
            return
        if r.role_kind == "person" and h.tag_ not in ("NNS", "NNPS"):
            self.anonymous_person(h, r, s, e, iso, role_text)
            return
        if not iso and r.sector == "CVL":
            return  # "the people", "residents" without a country code nothing
        if r.name in GOVERNMENT_TERMS and iso:
            a = self.government(iso)
            a.role = a.role or role_text
        else:
            a = self.get(f"G:{iso}:{r.sector}:{r.name}", "org" if r.role_kind == "org" else "group", role_text,
                         country=iso, sector=r.sector, role=role_text)
        self.mention(a, s, e)

    def coordinated_person(self, t, ns) -> bool:
        """A person's name the parser hung under the next conjunct's name ("Donald Trump and Texas
        Sen. Ted Cruz": Trump an nmod of Cruz): a phrase of its own, not a modifier."""
        return bool(ns and ns[2] == "PER" and any(c.dep_ == "cc" for c in t.children))

    def by_initials(self, name: str) -> Built | None:
        """An earlier organisation this acronym abbreviates: "NTU" after "Nanyang Technological
        University" (initials of its capitalised words)."""
        if not (2 <= len(name) <= 6 and name.isalpha() and name.isupper()):
            return None
        for k in reversed(self.order):
            a = self.actors[k]
            if a.kind == "org" and "".join(w[0] for w in a.name.replace("-", " ").split() if w[:1].isupper()) == name:
                return a
        return None

    def _person_title(self, t) -> bool:
        r = self.d.role_at(t.i)
        return bool(r and r.role_kind == "person")

    def coordinated_countries(self, h, s: int) -> list[tuple[str, int]]:
        """Two or more nationalities joined by "and" before the head: (iso3, first token) each."""
        if not any(self.doc[j].dep_ == "cc" for j in range(s, h.i)):
            return []
        out: list[tuple[str, int]] = []
        j = s
        while j < h.i:
            m = self.d.match[j]
            en = self.d.entries(j, {"adjective", "country"})
            if m and en and en[0].country not in [i for i, _ in out]:
                out.append((en[0].country, m[0]))
            j = m[1] if m else j + 1
        return out

    def dateline(self, ns) -> bool:
        """A place name in capitals opening a sentence before a comma: "GAZA, Jan 5 -"."""
        words = self.doc[ns[0]:ns[1]]
        return words.text.isupper() and len(words.text) > 2 and ns[0] == words[0].sent.start and \
            ns[1] < len(self.doc) and self.d.toks[ns[1]].text in (",", "(", "-", "\u2014")

    def agentive(self, h) -> bool:
        """A capital used for its government: subject, object, possessor of something not a place."""
        dep = h.dep_
        while dep == "conj":
            h = h.head
            dep = h.dep_
        if dep in AGENT_DEPS:
            return True
        if dep == "poss":
            head = h.head
            return head.lemma_.lower() not in PLACE_HEADS and head.ent_type_ not in ("GPE", "LOC", "FAC") \
                and self.d.role_at(head.i) is None and self.d.name_span(head.i) is None
        if dep == "pobj":
            if h.head.lower_ == "of" and h.head.head.lemma_.lower() in PLACE_HEADS | {"town"}:
                return False  # "the city of Goma" names a place
            if h.head.lower_ in ("to", "into", "from") and h.head.head.lemma_.lower() in MOVE_WORDS:
                return False  # "a visit to Rangoon", "flew to Moscow": a destination
            return h.head.lower_ not in LOC_PREPS
        return False

    def person(self, h, ns, s: int, e: int, iso, sector) -> None:
        d, doc = self.d, self.doc
        name_tokens = [doc[j].text for j in range(ns[0], ns[1])]
        name = " ".join(name_tokens)
        leader = d.leader(ns)
        # someone named earlier in this article comes before the dictionary: "Clinton" after
        # "Hillary Clinton" is not Bill Clinton
        a = self.same_person(name_tokens)
        if a is not None and leader is not None and leader.name.split()[-1:] != [a.name.split()[-1]] \
                or a is not None and leader is not None and a.name != leader.name and len(name_tokens) == 1:
            leader = None
        if leader:
            name = leader.name
            a = None
        elif d.leader(ns):  # the dictionary's reading was set aside: so is its coding
            iso, sector = self.country_in(s, e, skip=(ns[0], ns[1]))[0], None
        if a is None:
            a = self.get(f"P:{name.lower()}", "person", name)
            if leader:
                a.name_parts.update(leader.name.split())
        a.name_parts.update(name_tokens)
        title = next((r for j in range(ns[0] - 1, s - 1, -1) if (r := d.role_at(j)) and r.role_kind == "person"),
                     None)
        if leader:
            o = leader.office_at(d.date)
            if o:
                a.country, a.sector = a.country or o.country, a.sector or o.sector
                a.role = a.role or (doc[s:ns[0]].text if s < ns[0] else o.role)
        if title:
            a.roles.add(title.name)
            a.title_places |= self.places_in(s, ns[0])
            # a title in the text says the office is held now, whatever our dates say
            sector = title.sector if sector in (None, "ELI") else sector
            if a.sector == "ELI":
                a.sector = None
        if any(doc[j].lower_ in ("former", "ex", "late") for j in range(s, ns[0])):
            sector = "ELI"  # a former office holder is one of the elite, no longer the office
        if iso and not a.country:
            a.country = iso
        if sector and not a.sector:
            a.sector = sector
        if s < ns[0] and not a.role:
            a.role = doc[s:ns[0]].text.strip()
        if leader and not a.sector:
            a.sector = "ELI"
        if leader and not a.country:
            a.country = leader.country
        self.mention(a, s, e)

    def same_person(self, tokens: list[str]) -> Built | None:
        """An earlier person this (shorter) name refers to: "Kim" after "Kim Jong Un"."""
        best = None
        for k in self.order:
            a = self.actors[k]
            if a.kind == "person" and a.name_parts and set(tokens) <= a.name_parts and \
                    (best is None or a.last > best.last):
                best = a
        return best

    def anonymous_person(self, h, r: Entry, s: int, e: int, iso, role_text: str) -> None:
        """A title without a name: a definite one ("the Vermont senator") is the one person named
        before it with a compatible title (title_holder); otherwise a new, unnamed person, which an
        appositive name may still join (link_appositions)."""
        doc = self.doc
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in h.lefts) or \
            not any(c.dep_ == "det" for c in h.lefts)
        # "Carter's press secretary, Peter Cook": a title in apposition with a name is that name's
        named = any(c.dep_ == "appos" and (ns := self.d.name_span(c.i)) and ns[2] == "PER" for c in h.children) \
            or h.dep_ == "appos" and (ns := self.d.name_span(h.head.i)) is not None and ns[2] == "PER"
        # "the senator", "his spokesman"; a bare title ("Very good reporter") is no description
        marked = any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in h.lefts)
        if definite and marked and not named:
            best = self.title_holder(s, r.name, iso, self.places_in(s, h.i))
            if best is not None:
                self.mention(best, s, e)
                return
        former = any(doc[j].lower_ in ("former", "ex", "late") for j in range(s, h.i))
        a = self.get(f"R:{h.i}", "person", doc[s:e].text, country=iso, sector="ELI" if former else r.sector,
                     role=role_text)
        a.roles.add(r.name)
        a.title_places |= self.places_in(s, h.i)
        self.mention(a, s, e)

    def paragraph(self, i: int) -> int:
        """Index of the paragraph (non-empty line) token i is in."""
        if self._para_starts is None:
            self._para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*(?=\S)", self.text)]
        return bisect.bisect_right(self._para_starts, self.d.toks[i].idx) - 1

    def places_in(self, s: int, e: int) -> set[str]:
        """Place names (GPE) among the modifiers of a title: a state, a province, a city."""
        return {t.lower_ for t in self.d.toks[s:e] if t.ent_type_ == "GPE"}

    def title_holder(self, s: int, term: str, iso, places: set[str] = frozenset()) -> Built | None:
        """The person a definite title starting at token s describes: the one person named before it
        holding a compatible title (holds), no other country and no other place in its titles ("the
        Vermont senator" is not "Florida Sen. X"), the latest mention within its own
        and the two paragraphs before; beyond them, the one such person in the article. Two
        candidates: none (no link rather than a wrong link)."""
        para = self.paragraph(s)
        near: dict[str, Built] = {}
        far: dict[str, Built] = {}
        for k in self.order:
            b = self.actors[k]
            if b.kind != "person" or (iso and b.country and b.country != iso) or not self.holds(b, term):
                continue
            if places and b.title_places and not places & b.title_places:
                continue  # "the Vermont senator" is not "Florida Sen. X"
            before = [m for m in b.mentions if m[1] <= s]
            if not before:
                continue
            b = self.appositive_of(b) or b  # "X, a senator from Vermont": X, not the title
            (near if self.paragraph(max(before)[0]) >= para - 2 else far)[b.key] = b
        for k in near:
            far.pop(k, None)
        # a named person first; an unnamed one ("A governor said ... The governor added") only
        # when no named person holds the title
        for pool in (near, far):
            if pool:
                found = [b for b in pool.values() if b.key.startswith("P:")] or list(pool.values())
                return found[0] if len(found) == 1 else None
        return None

    def resolve_ages(self) -> None:
        """"The 74-year-old said": the one person named before it whose age was given as that number
        ("X, 74,", "74-year-old X"); no person of that known age, or two: no link."""
        if "-year-old" not in self.text:
            return
        doc = self.doc
        for m in AGE_DESCRIPTION.finditer(self.text):
            sp = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sp is None or (sp.end < len(doc) and self.d.role_at(sp.end)):
                continue  # "the 83-year-old justice": the title rule's business
            taken = self._mentioned()  # once per description, not once per token
            if any(j in taken for j in range(sp.start, sp.end)):
                continue
            found = []
            for b in self.actors.values():
                if b.kind == "person" and b.key.startswith("P:") and m.group(1) in self.ages(b, sp.start):
                    found.append(b)
            if len(found) == 1:
                self.mention(found[0], sp.start, sp.end)

    def _mentioned(self) -> set[int]:
        """Token indices inside some actor's mention."""
        return {j for a in self.actors.values() for s, e in a.mentions for j in range(s, e)}

    def ages(self, b: Built, before: int) -> set[str]:
        """The ages given for person b at mentions ending before token index before."""
        toks, out = self.d.toks, set()
        for s, e in b.mentions:
            if e > before:
                continue
            out.update(AGE_OF.findall(self.doc[s:e].text))
            if e + 2 < len(toks) and toks[e].text == "," and toks[e + 1].like_num and toks[e + 2].text in (",", ")", ".", ";"):
                out.add(toks[e + 1].text)
        return out

    def appositive_of(self, b: Built) -> Built | None:
        """The named person an unnamed title is in apposition with (link_appositions merges them later)."""
        if not b.key.startswith("R:"):
            return None
        t = self.d.toks[int(b.key[2:])]
        others = [t.head] if t.dep_ == "appos" else [c for c in t.children if c.dep_ == "appos"]
        for o in others:
            for a in self.actors.values():
                if a.key.startswith("P:") and any(m[0] <= o.i < m[1] for m in a.mentions):
                    return a
        return None

    def holds(self, b: Built, term: str) -> bool:
        """Whether person b has been given a title compatible with term: the same title, or one it
        is the head of ("minister" for "foreign minister")."""
        if term in b.roles:
            return True
        titles = [*b.roles, b.role.lower()] if b.role else b.roles
        return any(term in x and re.search(rf"(?<!\w){re.escape(term)}(?!\w)", x) for x in titles)

    def group_expression(self, t) -> bool:
        if t.lower_ in ("country", "nation") and [c.lower_ for c in t.lefts] == ["the"]:
            return True  # "the country": resolved like a group, to one country
        if t.lemma_.lower() not in GROUP_HEADS or t.tag_ != "NNS":
            return False
        return any(c.lower_ in ("both", "two") for c in t.lefts)

    def the_country(self, t) -> None:
        """"the country" is the country named last before this sentence."""
        start = t.sent.start
        before = [iso for j, iso in self.country_refs if j < start]
        if before:
            self.mention(self.country_actor(before[-1]), t.i - 1, t.i + 1)

    def resolve_group(self, t) -> None:
        if t.tag_ in ("NN", "NNP"):
            self.the_country(t)
            return
        s, e = _core(self.d, t)
        if t.lemma_.lower() == "leader":
            people = sorted((a for a in self.actors.values() if a.kind == "person" and a.last < t.i),
                            key=lambda a: -a.last)[:2]
            for a in people:
                self.mention(a, s, e)
            return
        sents = list(self.doc.sents)
        k = next(i for i, x in enumerate(sents) if x.start <= t.i < x.end)
        lo = sents[max(0, k - 3)].start
        if t.lemma_.lower() in ("side", "party"):
            # "both sides", "both parties": the two actors last named together ("forces and rebels")
            pair = self.last_pair(lo, s)
            if pair:
                for a in pair:
                    self.mention(a, s, e)
                return
        # the two countries the text has been about: among those named in this sentence and the
        # three before, the two named most often so far (nearest first on ties)
        before = [(j, iso) for j, iso in self.country_refs if j < s]
        recent = {iso: j for j, iso in before if j >= lo}
        if len(recent) < 2:  # "both countries" may come first: look to the rest of the sentence
            for j, iso in self.country_refs:
                if j > e and j < sents[k].end and iso not in recent:
                    recent[iso] = j
        if len(recent) < 2:
            return  # one side known is no pair: better nothing than a wrong one
        count = {iso: sum(1 for _, x in before if x == iso) for iso in recent}
        seen = sorted(recent, key=lambda iso: (-count[iso], -recent[iso]))[:2]
        for iso in seen:
            self.mention(self.country_actor(iso), s, e)

    def last_pair(self, lo: int, hi: int) -> list[Built] | None:
        """The two actors last coordinated ("A and B", "of A and of B") between tokens lo and hi."""
        def actor(tok):
            if tok.pos_ == "ADP":
                tok = next((c for c in tok.children if c.dep_ == "pobj"), None)
                if tok is None:
                    return None
            for a in self.actors.values():
                if any(ms <= tok.i < me and me - ms < 12 for ms, me in a.mentions):
                    return a
            return None
        for c in reversed(self.d.toks[lo:hi]):
            if c.dep_ == "conj" and c.head.i >= lo:
                a, b = actor(c.head), actor(c)
                if a is not None and b is not None and a is not b:
                    return [a, b]
        return None

    def link_appositions(self) -> None:
        """An appositive and its head are one actor: merge the unnamed title into the named person."""
        by_token: dict[int, Built] = {}
        for a in self.actors.values():
            for s, e in a.mentions:
                for j in range(s, e):
                    by_token.setdefault(j, a)
        for t in self.d.toks:
            if t.dep_ != "appos":
                continue
            a, b = by_token.get(t.i), by_token.get(t.head.i)
            if not a or not b or a is b:
                continue
            named, other = (a, b) if a.kind == "person" and a.key.startswith("P:") else (b, a)
            if other.kind != "person" or not other.key.startswith("R:") or not named.key.startswith("P:"):
                continue
            if self.actors.get(named.key) is not named or self.actors.get(other.key) is not other:
                continue  # one of them was merged already
            self.merge(named, other)
            for j, x in list(by_token.items()):
                if x is other:
                    by_token[j] = named

    def merge(self, keep: Built, gone: Built) -> None:
        for s, e in gone.mentions:
            self.mention(keep, s, e)
        keep.country = keep.country or gone.country
        if not keep.sector or keep.sector == "ELI":
            keep.sector = gone.sector or keep.sector
        keep.role = keep.role or gone.role
        keep.roles |= gone.roles
        keep.speech += gone.speech
        del self.actors[gone.key]
        self.order.remove(gone.key)

    def bind_pronoun(self, t) -> None:
        """"North Korea has built a base near its border", "The rebels said they would ...": the
        pronoun is the subject of an enclosing clause when number and kind agree."""
        plural = THING_PRONOUNS[t.lower_]
        by_token = {}
        for a in self.actors.values():
            if a.kind != "person":
                for s, e in a.mentions:
                    if e - s < 12:
                        for j in range(s, e):
                            by_token.setdefault(j, a)
        node = t
        for _ in range(4):
            node = node.head
            subj = max((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i),
                       key=lambda c: c.i, default=None)
            if subj is not None:
                a = by_token.get(subj.i)
                if a is None:
                    return
                if (subj.tag_ in ("NNS", "NNPS") or a.kind == "group" and subj.lower_.endswith("s")) == plural:
                    self.mention(a, t.i, t.i + 1)
                return
            if node.head.i == node.i:
                return

    def resolve_pronoun(self, t) -> None:
        """A person pronoun is the nearest earlier person; "he added" is the last speaker."""
        if t.lower_ in THING_PRONOUNS:
            self.bind_pronoun(t)
            return
        speech = t.dep_ == "nsubj" and t.head.lemma_ in SPEECH_VERBS
        sent_start = t.sent.start
        window = max(0, sent_start - 80)
        best, best_pos = None, -1
        gender = PRONOUN_GENDER[t.lower_]
        para = self.text.rfind("\n", 0, t.idx) + 1
        for a in self.actors.values():
            if a.kind != "person" or self.gender_of(a) not in (None, gender):
                continue
            positions = [e - 1 for s, e in a.mentions if window <= e - 1 < t.i]
            if speech and a.speech:
                positions += [p + 1000000 for p in a.speech if window <= p < t.i]
            if positions and self.gender_of(a) == gender:  # known to match beats unknown
                positions = [p + 2000000 for p in positions]
            # the person just named as a main clause's subject in this paragraph ("X said ...",
            # "X fired back ...") beats an earlier, more salient speaker; known gender first
            positions += [j + (5000000 if self.gender_of(a) == gender else 4000000)
                          for j in self.main_subjects(a) if j < t.i and self.d.toks[j].idx >= para]
            if positions and max(positions) > best_pos:
                best, best_pos = a, max(positions)
        if best is not None:
            self.mention(best, t.i, t.i + 1)
            best.gender = gender

    def main_subjects(self, a: Built) -> list[int]:
        """Token indices where a mention of a is the subject of a main clause."""
        out = []
        cache = self._subject_of
        for m in a.mentions:
            j = cache.get(m, -2)
            if j == -2:
                r = _root(self.doc, *m)
                j = cache[m] = r.i if r.dep_ in ("nsubj", "nsubjpass") and r.head.dep_ in ("ROOT", "conj") \
                    and m[1] - m[0] < 12 else -1
            if j >= 0:
                out.append(j)
        return out

    def gender_of(self, a: Built) -> str | None:
        """What pronouns or gendered titles ("Mrs", "spokeswoman") have said about a person."""
        if a.gender is None:
            for s, e in a.mentions:
                for j in range(s, e):
                    g = TITLE_GENDER.get(self.d.toks[j].lower_)
                    if g:
                        a.gender = g
                        return g
        return a.gender


def build(doc, date: str | None, lex: Lexicon) -> list[Built]:
    """The actors of one parsed article, in order of first mention."""
    b = _Builder(_Doc(doc, lex, date))
    b.run()
    out = [a for a in (b.actors[k] for k in b.order) if a.mentions]
    out.sort(key=lambda a: min(s for s, _ in a.mentions))
    return out


def to_actors(doc, built: list[Built]) -> list[Actor]:
    out = []
    for n, a in enumerate(built, 1):
        spans = []
        for s, e in sorted(a.mentions):
            sp = doc[s:e]
            spans.append(Span(sp.start_char, sp.end_char, sp.text))
        out.append(Actor(id=f"actor{n}", name=a.name, country=a.country, sector=a.sector, role=a.role,
                         mentions=spans))
    return out


@stage("actors", requires=("doc",), provides=("actors",), spacy=("parser", "ner"))
def actors_stage(config: dict):
    extra = tuple(str(p) for p in (config.get("extra") or ()))
    lex = load(extra)

    def run(analysis) -> None:
        built = build(analysis.doc, analysis.record.article.date, lex)
        analysis.record.actors = to_actors(analysis.doc, built)

    return run
