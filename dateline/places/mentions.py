"""Finding place mentions in a parsed article, one pass per kind of evidence.

``find_mentions`` runs the passes in order; each claims the characters of what it finds, so a
later, weaker pass never takes them again:

1. the dateline ("CHARLESTON, W.Va. —", "NAIROBI (Reuters) -", found once per article by
   ``dateline.datelines``; and "HYDERABAD:", which it does not read);
2. state and province abbreviations after a town ("Roswell, Ga.", "Windsor, ON");
3. spaCy's GPE, LOC and FAC entities, grown to longer known names;
4. well-known names spaCy missed;
5. entities spaCy mislabelled ORG, PERSON, NORP or PRODUCT that are a place's name (weak);
6. proper nouns coordinated with a place ("Springfield, Peoria and Champaign") (weak);
7. small towns by their own name in proper nouns left (weak; kept by resolve only in the
   story's own region, or with support in the text);
8. place entities the gazetteer does not know, where the words around say place.

Then a name right after another and a comma qualifies it ("Paris, Texas"). docs/places.md
describes the rules; their word lists are in data/words.json.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD, IDX, LENGTH, POS

from ..datelines import Dateline, find_dateline
from ..syntax import entities
from .gazetteer import ADMIN, CITY, COUNTRY, LANDMARK, REGION, WORDS, Entry, Gazetteer, norm

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels whose spans may hold a well-known place name ("National University of Singapore").
HOST_LABELS = ("ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
# Cities found by the gazetteer scan alone (no entity, no support) must be at least this large.
SCAN_MIN_POP = 100_000
# A dateline without a state or country names a city at least this large ("WASHINGTON").
DATELINE_MIN_POP = 50_000


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_CONNECTORS = set(WORDS["connectors"])
_TYPES = _alternation(WORDS["place_types"])
_PREP_BEFORE = re.compile(r"\b(?:" + _alternation(WORDS["locative"]) + r")\s+(?:the\s+)?$", re.I)
_TYPE_OF = re.compile(r"\b(?:" + _TYPES + r")\s+of\s+$", re.I)
_TYPE_AFTER = re.compile(r"\s+(?:" + _TYPES + r")\b", re.I)
_TYPE_WORD = re.compile(r"\s+(?:" + _TYPES + r")$", re.I)  # "Nyanza province": the name, then its type
_WATER_END = re.compile(r"\s(?:" + _alternation(WORDS["water_types"]) + r")$", re.I)
_PUBLIC_BODY = re.compile(r"\b(?:" + _alternation(WORDS["public_body"]) + r")\b")
_SPEAKS_AFTER = re.compile(r"\s*(['\u2019]s\s+\w+\s+)?(?:" + _alternation(WORDS["speech_after"]) + r")\b")
# ... or, for a person, an apposition ("Smith, the minister")
_SPEECH_AFTER = re.compile(_SPEAKS_AFTER.pattern + r"|,\s+(?:who|a|an|the)\b")
# Right before a name said to speak, these still make it a place: "officials in Keizer said".
_IN_PLACE = re.compile(r"\b(?:" + _alternation(WORDS["in_place"]) + r")\s+(?:the\s+)?$", re.I)
_NOT_PLACE_BEFORE = re.compile(r"\b(?:" + _alternation(WORDS["not_place_before"]) + r")\.?\s+(?:the\s+)?$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    candidates: list[tuple[Entry, bool]]
    source: str  # "ent", "scan", "dateline", "abbrev", "weak" (kept only with context) or "unknown"
    qualifier: list[tuple[Entry, bool]] = field(default_factory=list)  # "Paris, Texas": Texas's entries
    choice: Entry | None = None
    country: str | None = None  # for a name the gazetteer does not know: the article's main country
    local: bool = False  # a weak mention without support in the text: towns only in the story's region


def supported(text: str, s: int, e: int) -> bool:
    """Whether the words say [s, e) is a place: a place word in it ("Jefferson Parish"), a
    locative preposition before it ("in Hope"), a place word before or after it ("the town of
    Normal", "Delta State"), or a qualifier after it ("Mobile, Ala.")."""
    before = text[max(0, s - 25):s]
    return bool(_TYPE_WORD.search(text[s:e]) or _PREP_BEFORE.search(before[-16:]) or _TYPE_OF.search(before) or _TYPE_AFTER.match(text[e:e + 20])
                or re.match(r",\s+[A-Z][a-z]*\.?(?:[A-Z][a-z]*\.)?(?:\s|$|[,.;])", text[e:e + 16]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the " and a trailing possessive or punctuation from an entity span."""
    s = text[start:end]
    if s[:4].lower() == "the " and len(s) > 4:
        start += 4
    while end > start and text[end - 1] in ".,;:!?\"')\u2019 " and not text[start:end].endswith(".S."):
        if text[end - 1] == "." and re.search(r"\b[A-Z]\.[A-Z]?\.?$", text[start:end]):
            break
        end -= 1
    for suffix in ("'s", "\u2019s"):
        if text[start:end].endswith(suffix):
            end -= 2
    return start, end


def _safe(e: Entry, exact: bool) -> bool:
    """A name worth taking without spaCy's say-so: a country, first-level region, curated entry,
    or a large city by its own name."""
    if not exact:
        return False
    if e.feature == CITY:
        return e.population >= SCAN_MIN_POP
    if e.feature == ADMIN:
        return e.level == 1
    return True


def _signed(v: int) -> int:
    """Doc.to_array gives HEAD offsets as unsigned 64-bit integers."""
    return v - (1 << 64) if v >= 1 << 63 else v


class _Tokens:
    """The parse as plain lists: spaCy builds a Python object for every token access."""

    def __init__(self, doc, text: str):
        self.ents = [(ent.label_, ent.start, ent.end, ent.start_char, ent.end_char, ent.text) for ent in entities(doc)]
        strings = doc.vocab.strings
        arr = doc.to_array([IDX, LENGTH, POS, DEP, HEAD]).tolist() if len(doc) else []
        self.idx = [r[0] for r in arr]
        self.text = [text[r[0]:r[0] + r[1]] for r in arr]
        self.pos = [strings[r[2]] if r[2] else "" for r in arr]
        self.dep = [strings[r[3]] if r[3] else "" for r in arr]
        self.head = [k + _signed(r[4]) for k, r in enumerate(arr)]
        self.n = len(arr)
        self.person_words = {w for lab, *_, et in self.ents if lab == "PERSON" for w in et.split()}
        self.multi_person = {w for lab, a, b, *_, et in self.ents if lab == "PERSON" and b - a > 1
                             for w in et.split()}


class _Found:
    """The mentions found so far and the characters they cover."""

    def __init__(self, text: str, gaz: Gazetteer, dateline: Dateline | None):
        self.text, self.gaz, self.dateline = text, gaz, dateline
        self.mask = bytearray(len(text) + 1)  # 1 where a mention already lies
        self.mentions: list[Mention] = []

    def free(self, s: int, e: int) -> bool:
        return self.mask.find(1, s, e) < 0

    def take(self, s: int, e: int) -> None:
        self.mask[s:e] = b"\x01" * (e - s)

    def add(self, s: int, e: int, cands, source: str, local: bool = False) -> Mention | None:
        text, gaz = self.text, self.gaz
        if e <= s or not self.free(s, e) or not cands or not text[s].isupper():
            return None
        if gaz.not_place_after and gaz.not_place_after.match(text[e:e + 30]):
            return None  # "Marburg virus", "Serena Hotel": a name, not a place
        if _NOT_PLACE_BEFORE.search(text[max(0, s - 14):s]):
            return None  # "USS Nimitz", "Exercise Cobra Gold", "Operation Desert Storm"
        name = text[s:e]
        key = norm(name)
        if source not in ("dateline", "abbrev"):
            if name.isupper() and sum(c.isalpha() for c in name) >= 2:
                # "ALMA", "EST", "UN": capitals are acronyms unless a country, curated place or alias.
                cands = [(c, ex) for c, ex in cands if ex and (c.feature == COUNTRY or c.key.startswith("table:")
                                                              or norm(c.name) != key)]
            if key in gaz.common_names and not supported(text, s, e):
                return None  # "Hope", "Plateau", "Rivers": a word unless the text says place
            if _WATER_END.search(name) and text[max(0, s - 4):s].lower() == "the ":
                # "the Elk River" is the river, not the town named after it
                cands = [(c, ex) for c, ex in cands if c.feature not in (CITY, ADMIN)]
            if not cands:
                return None
        self.take(s, e)
        m = Mention(s, e, name, cands, source, local=local)
        self.mentions.append(m)
        return m


def _lookup_typed(gaz: Gazetteer, text: str, s: int, e: int):
    """The name's readings, or those of the name without a type word after it ("Nyanza province",
    "Rivers State"): (end, candidates)."""
    cands = gaz.lookup(text[s:e])
    if not cands:
        m = _TYPE_WORD.search(text[s:e])
        if m and m.start() > 0:
            cands = [(c, ex) for c, ex in gaz.lookup(text[s:s + m.start()]) if c.feature in (ADMIN, REGION, LANDMARK)]
            if cands:
                return s + m.start(), cands
    return e, cands


def _span_candidates(gaz: Gazetteer, text: str, start: int, end: int, scan_only=False):
    """The longest known names inside [start, end), left to right, as (start, end, candidates)."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s,;:()\"]+", text[start:end])]
    out, i = [], 0
    while i < len(words):
        for j in range(min(len(words), i + 5), i, -1):
            s, e = _trim(text, words[i][0], words[j - 1][1])
            if e <= s or not text[s].isupper() or norm(text[s:e]) in gaz.stopnames:
                continue
            cands = gaz.lookup(text[s:e])
            if scan_only:
                cands = [(c, ex) for c, ex in cands if _safe(c, ex)]
            if cands:
                out.append((s, e, cands))
                i = j
                break
        else:
            i += 1
    return out


def _extend_left(gaz: Gazetteer, text: str, s: int, e: int) -> int:
    """Grow an entity leftwards over words that make a longer known name: spaCy often keeps
    only "Congo" of "Democratic Republic of the Congo"."""
    lo = max(0, s - 60)
    best = s
    for m in reversed(list(re.finditer(r"\b[A-Za-z][\w.'\-]*", text[lo:s]))[-5:]):
        st = lo + m.start()
        if not re.fullmatch(r"[\w.'\- ]+", text[st:s]):
            break
        if m.group().lower() != "the" and text[st].isupper() and any(ex for _, ex in gaz.lookup(text[st:e])):
            best = st
    return best


def _extend_right(gaz: Gazetteer, text: str, s: int, e: int) -> int:
    """Grow an entity rightwards likewise ("Guinea" of "Guinea-Bissau")."""
    best = e
    for m in list(re.finditer(r"[\w.'\-]*[\w]", text[e:e + 40]))[:3]:
        end = e + m.end()
        # Over spaces and hyphens only: "Peru's" is Peru, not Perus.
        if not re.fullmatch(r"[ \-][\w.'\- ]*", text[e:end]) or re.search(r"['\u2019]s\b", text[e:end]):
            break
        if any(ex for _, ex in gaz.lookup(text[s:end])):
            best = end
    return best


# -- the passes ---------------------------------------------------------------------------------

def _dateline(found: _Found, toks: _Tokens) -> None:
    """The dateline's place. With a state or country after it ("CHARLESTON, W.Va.") the city is
    the one there; without, a city of 50,000 or more ("WASHINGTON" is the capital, not the
    state). The dateline is the article's (``analysis.dateline``), any of its forms ("HYDERABAD:" too)."""
    text, gaz, dl = found.text, found.gaz, found.dateline
    if dl is None:
        return
    s, e = _trim(text, *dl.place)
    cands = [(c, ex) for c, ex in gaz.lookup(text[s:e].title()) if ex]
    qual = None
    if dl.region:
        qs, qe = dl.region
        if text[qs:qe] in gaz.abbrevs:
            qual = found.add(qs, qe, [(a, True) for a in gaz.abbrevs[text[qs:qe]]], "abbrev")
        else:
            qs, qe = _trim(text, qs, qe)
            qual = found.add(qs, qe, [(c, ex) for c, ex in gaz.lookup(text[qs:qe]) if c.feature in (ADMIN, COUNTRY)],
                             "dateline")
    inside = [(c, ex) for c, ex in cands if qual and any(contains(q, c) for q, _ in qual.candidates)]
    cities = [(c, ex) for c, ex in cands if c.feature == CITY and c.population >= DATELINE_MIN_POP]
    found.add(s, e, inside or cities or cands, "dateline")


_ABBREV_AFTER = re.compile(r",[ \t]+([A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z]*\.)?)(?=$|[\s,;:)\u2014\u2013-])")
_WORDS_BEFORE = re.compile(r"(?:[A-Z][\w'\-]*[ \t]){0,2}[A-Z][\w'\-]*$")


def _abbreviations(found: _Found, toks: _Tokens) -> None:
    """State and province abbreviations: after a town of that state and a comma, any of them
    ("Roswell, GA", "Bloomington, Ind."); elsewhere only those that are no ordinary word
    ("Calif.", "Ont.")."""
    text, gaz = found.text, found.gaz
    for m in _ABBREV_AFTER.finditer(text):
        s, e = m.span(1)
        # as written, or without a full stop that ends the sentence too ("... in Roswell, GA.")
        ab = next((a for a in (text[s:e], text[s:e].rstrip(".")) if a in gaz.abbrevs), None)
        before = _WORDS_BEFORE.search(text, max(0, m.start() - 60), m.start()) if ab else None
        if before is None:
            continue
        words = before.group().split()
        towns = [c for k in range(len(words)) for c, ex in gaz.lookup(" ".join(words[k:])) if ex]
        regions = [(r, True) for r in gaz.abbrevs[ab] if any(contains(r, c) for c in towns)]
        if regions:
            found.add(s, s + len(ab), regions, "abbrev")
    for m in gaz.abbrev_alone.finditer(text) if gaz.abbrev_alone else ():
        found.add(m.start(), m.end(), [(a, True) for a in gaz.abbrevs[m.group()]], "abbrev")


def _entities(found: _Found, toks: _Tokens) -> None:
    """spaCy's place entities, trimmed and grown to the longest known name."""
    text, gaz = found.text, found.gaz
    for label, t0, t1, cs, ce, etext in toks.ents:
        if label not in PLACE_LABELS:
            continue
        s, e = _trim(text, cs, ce)
        if e <= s:
            continue
        # A word of someone's name ("Hong" of "Hong Lei") is not a place, unless it is a country.
        if t1 - t0 == 1 and etext in toks.person_words:
            found.add(s, e, [(c, ex) for c, ex in gaz.lookup(text[s:e]) if c.feature == COUNTRY], "ent")
            continue
        s, e = _extend_left(gaz, text, s, e), _extend_right(gaz, text, s, e)
        e, cands = _lookup_typed(gaz, text, s, e)
        if cands and norm(text[s:e]) not in gaz.stopnames:
            found.add(s, e, cands, "ent")
        else:
            # Only well-known names inside an entity the gazetteer does not know as a whole.
            for ss, ee, cc in _span_candidates(gaz, text, s, e, scan_only=True):
                found.add(ss, ee, cc, "ent")


def _scan(found: _Found, toks: _Tokens, towns: bool = False) -> None:
    """Names spaCy missed: proper nouns outside people's names that are well-known places (a
    country, a first-level region, a curated place, a city of 100,000 or more)."""
    text, n = found.text, toks.n
    blocked = {i for lab, t0, t1, *_ in toks.ents if lab in ("PERSON", "DATE", "TIME", "MONEY", "CARDINAL")
               for i in range(t0, t1)}
    org_text = {i: et for lab, t0, t1, *_, et in toks.ents if lab in HOST_LABELS for i in range(t0, t1)}
    i = 0
    while i < n:
        if (i in blocked or not toks.text[i][:1].isupper() or toks.pos[i] not in ("PROPN", "NOUN", "ADJ")
                or found.mask[toks.idx[i]]):
            i += 1
            continue
        hit = _scan_at(found, toks, i, blocked, org_text, towns)
        if hit:
            s, e, cands, j, weak = hit
            if weak:
                found.add(s, e, cands, "weak", local=not supported(text, s, e))
            else:
                found.add(s, e, cands, "scan")
            i = j
        else:
            i += 1


def _towns(found: _Found, toks: _Tokens) -> None:
    """Small towns by their own name, in proper nouns no other pass took: weak mentions that
    resolve keeps only in the story's own region, or with support in the text ("in Dubbo")."""
    _scan(found, toks, towns=True)


def _scan_at(found: _Found, toks: _Tokens, i: int, blocked: set, org_text: dict, towns: bool):
    """The longest name starting at token i: (start, end, candidates, next token, weak)."""
    text, gaz, n = found.text, found.gaz, toks.n
    run = i + 1  # names are runs of capitalised words, with "of", "the", "de" between
    while (run < n and run - i < 5 and run not in blocked
           and (toks.text[run][:1].isupper() or toks.text[run] in _CONNECTORS)):
        run += 1
    for j in range(run, i, -1):
        if toks.pos[j - 1] not in ("PROPN", "NOUN") or not toks.text[j - 1][:1].isupper():
            continue
        s, e = _trim(text, toks.idx[i], toks.idx[j - 1] + len(toks.text[j - 1]))
        if e <= s or not found.free(s, e):
            continue
        key = norm(text[s:e])
        if key in gaz.stopnames or not gaz.known(key):
            continue
        all_cands = gaz.lookup(text[s:e])
        cands = [(c, ex) for c, ex in all_cands if _safe(c, ex)]
        in_org = i in org_text
        if (in_org and not re.search(r"\b(of|in)\s+(the\s+)?$", text[max(0, s - 8):s])
                and text[e:e + 2] not in ("'s", "\u2019s")):
            # Inside an organisation's name a town's or state's name is often just a name
            # ("Nanyang Technological University", "The Washington Post"); a country still
            # places it ("Singapore Airlines"), and a region its public bodies ("California
            # Department of Public Health").
            public = _PUBLIC_BODY.search(org_text.get(i, ""))
            cands = [(c, ex) for c, ex in cands
                     if c.feature == COUNTRY or (public and c.feature == ADMIN and c.level == 1)]
            if not cands:
                continue
        if not cands and _TYPE_WORD.search(text[s:e]):
            cands = [(c, ex) for c, ex in all_cands if ex and c.feature == ADMIN]  # "Orleans Parish"
        if cands and (j - i > 1 or toks.pos[i] == "PROPN"):
            return s, e, cands, j, False
        # Small towns, and second-level regions named with their type ("the Bouches-du-Rhone
        # department", "the district of Idukki").
        typed = bool(_TYPE_AFTER.match(text[e:e + 20]) or _TYPE_OF.search(text[max(0, s - 25):s]))
        small = [(c, ex) for c, ex in all_cands if ex and (c.feature == CITY or (typed and c.feature == ADMIN))] \
            if towns else []
        # A town opening a sentence may be tagged a noun: then only with an apposition that
        # places it ("Dubbo, in central-west New South Wales, ...").
        proper = all(toks.pos[k] == "PROPN" for k in range(i, j) if toks.text[k][:1].isupper()) or re.match(r",\s+(?:in|near)\s", text[e:e + 8])
        if small and not in_org and proper and key not in gaz.demonyms:
            return s, e, small, j, True
    return None


def _mislabelled(found: _Found, toks: _Tokens) -> None:
    """Entities spaCy labelled ORG, PERSON, NORP or PRODUCT that are exactly a place's own name
    ("Tacloban", "Garissa", "Botswana", "Rivers State"): weak mentions, which resolve() keeps only
    where the article's other places make them plausible. A person-like name without a
    locative preposition before it is local: a town there must lie in the story's own region."""
    text, gaz = found.text, found.gaz
    for label, t0, t1, cs, ce, etext in toks.ents:
        if label not in ("ORG", "PERSON", "NORP", "PRODUCT"):
            continue
        s, e = _trim(text, cs, ce)
        if len(text[s:e].split()) > 3:
            continue
        if e <= s or not found.free(s, e) or norm(text[s:e]) in gaz.stopnames or norm(text[s:e]) in gaz.demonyms:
            continue
        e, cands = _lookup_typed(gaz, text, s, e)
        cands = [(c, ex) for c, ex in cands if ex]
        speaks = (_SPEECH_AFTER if label == "PERSON" else _SPEAKS_AFTER).match(text[e:e + 20])
        if speaks and not _IN_PLACE.search(text[max(0, s - 16):s]):
            continue  # "Chad said", "Amazon said": a body that acts, but "officials in Keizer said"
        local = False
        if label == "PERSON":
            if t1 - t0 == 1 and etext in toks.multi_person:
                continue
            local = not supported(text, s, e)
        found.add(s, e, cands, "weak", local=local)


def _coordinated(found: _Found, toks: _Tokens) -> None:
    """Proper nouns coordinated with a place ("Springfield, Peoria and Champaign", "between
    Stroud and Gloucester"): weak mentions too."""
    text, gaz, n = found.text, found.gaz, toks.n
    in_mention = set()
    for mm in found.mentions:
        k = max(0, bisect.bisect_right(toks.idx, mm.start) - 1)
        while k < n and toks.idx[k] < mm.end:
            if toks.idx[k] + len(toks.text[k]) > mm.start:
                in_mention.add(k)
            k += 1
    linked = set()
    for k in range(n):
        if toks.dep[k] == "conj":
            if toks.head[k] in in_mention:
                linked.add(k)
            if k in in_mention:
                linked.add(toks.head[k])
    for k in sorted(linked):
        if toks.pos[k] != "PROPN" or k in in_mention or toks.text[k] in toks.multi_person:
            continue
        end = toks.idx[k] + len(toks.text[k])
        if _SPEECH_AFTER.match(text[end:end + 20]):
            continue
        first = k
        while first > 0 and toks.dep[first - 1] == "compound" and toks.head[first - 1] == k:
            first -= 1
        s, e = toks.idx[first], end
        cands = [(c, ex) for c, ex in gaz.lookup(text[s:e]) if ex and c.feature in (CITY, ADMIN)]
        if norm(text[s:e]) not in gaz.stopnames:
            found.add(s, e, cands, "weak")


def _unknown(found: _Found, toks: _Tokens) -> None:
    """Place entities the gazetteer does not know ("Kibera"): kept without coordinates where the
    words around them say place ("in Kibera", "the village of Kibera", "Kibera district")."""
    text, gaz = found.text, found.gaz
    for label, _t0, _t1, cs, ce, etext in toks.ents:
        if label not in ("GPE", "LOC"):
            continue
        s, e = _trim(text, cs, ce)
        name = text[s:e]
        if (e <= s or not found.free(s, e) or not text[s].isupper() or any(c.isdigit() for c in name)
                or set(etext.split()) & toks.person_words or norm(name) in gaz.demonyms
                or norm(name) in gaz.stopnames
                or (gaz.not_place_after and gaz.not_place_after.match(text[e:e + 30]))):
            continue
        if supported(text, s, e) or _TYPE_WORD.search(name):
            found.take(s, e)
            found.mentions.append(Mention(s, e, name, [], "unknown"))


PASSES = (_dateline, _abbreviations, _entities, _scan, _mislabelled, _coordinated, _towns, _unknown)


_UNSET = object()


def find_mentions(doc, gaz: Gazetteer, text: str | None = None, dateline=_UNSET) -> list[Mention]:
    """Place mentions in the parsed article, in text order; ``text`` is the article's text (the
    Doc's, which spaCy would otherwise rebuild token by token), ``dateline`` its ``Dateline``
    (``analysis.dateline``; found here when not given)."""
    text = doc.text if text is None else text
    found = _Found(text, gaz, find_dateline(text) if dateline is _UNSET else dateline)
    toks = _Tokens(doc, text)
    for run in PASSES:
        run(found, toks)
    mentions = sorted(found.mentions, key=lambda m: m.start)
    _qualify(mentions, text)
    return mentions


def _qualify(mentions: list[Mention], text: str) -> None:
    """"Paris, Texas" / "Pandi, Bulacan": the second name qualifies the first. Not in a list
    ("Armenia, Georgia, Iraq, Iran"): there each name stands alone."""
    for i, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        in_list = (i > 0 and text[mentions[i - 1].end:a.start].strip() in (",", "and", ", and")
                   or re.match(r"\s*(,|and\b|or\b)\s*[A-Z]", text[b.end:b.end + 8]))
        if text[a.end:b.start].strip() == "," and b.end - a.end <= 40 and (not in_list or b.source == "abbrev"):
            a.qualifier = [(c, ex) for c, ex in b.candidates if c.feature in (ADMIN, COUNTRY)]


def contains(outer: Entry, inner: Entry) -> bool:
    """Whether ``inner`` lies in ``outer`` (a country, a first-level region, or near a town)."""
    from .gazetteer import distance_km

    if outer.key == inner.key:
        return False
    if outer.feature == COUNTRY:
        return inner.country == outer.country
    if outer.feature == ADMIN and outer.level == 1:
        return inner.country == outer.country and inner.admin1 == (outer.admin1 or outer.name)
    # A county or town as qualifier: near it.
    return inner.country == outer.country and distance_km(outer.lat, outer.lon, inner.lat, inner.lon) < 100

