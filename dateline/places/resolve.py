"""Finding place mentions in a parsed article and resolving each to one gazetteer entry.

Mentions come from spaCy's GPE/LOC/FAC entities, from a dateline, from gazetteer names spaCy
missed where that is safe (well-known places only, proper nouns, never inside a person's name),
and, as weak mentions kept only with context, from entities spaCy mislabelled and proper nouns
coordinated with a place. Resolution scores every candidate a name may mean: population,
feature type, whether the name is the place's own or only an alternate, capitals, and the
article's context (the countries and regions its other places lie in, demonyms such as
"Texan", a qualifier such as "Paris, Texas", nearby readings of its other names).
docs/places.md describes the rules.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD, IDX, LENGTH, POS

from .gazetteer import (
    ADMIN,
    CITY,
    CONTINENT,
    COUNTRY,
    LANDMARK,
    REGION,
    WATER,
    Entry,
    Gazetteer,
    distance_km,
    norm,
)

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels whose spans may hold a well-known place name ("National University of Singapore").
HOST_LABELS = ("ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
# Feature priors, in log10-population units: a curated entry or a country is what a news text
# means far more often than a town of the same name.
PRIOR = {COUNTRY: 4.0, CONTINENT: 5.0, REGION: 4.0, WATER: 4.0, LANDMARK: 4.0, ADMIN: 1.0, CITY: 0.0}
# Curated table entries have no population: give them the weight of a large place.
TABLE_POP = 10_000_000
# National capitals, in log10-population units.
CAPITAL_BONUS = 2.0
# Readings kept per mention, the most likely first.
MAX_CANDIDATES = 40
# Features of local places, which lend each other plausibility when they lie near each other.
LOCAL = (CITY, LANDMARK)
NEAR_KM = 150.0
SUPPORT_CANDIDATES = 12
# Cities found by the gazetteer scan alone (no entity) must be at least this large.
SCAN_MIN_POP = 100_000

_DATELINE = re.compile(r"(?:^|\n)[ \t]*([A-Z][A-Z.'\- ]{1,40}?)(?:,\s*([A-Z][A-Za-z.'\- ]{1,30}?))?"
                       r"[ \t]*(?:\(|—|–|-{1,2}\s)")
_CONNECTORS = {"of", "the", "de", "del", "da", "do", "di", "la", "le", "el", "al", "an", "and", "-", "upon", "on"}
_PREP_BEFORE = re.compile(r"\b(in|at|from|near|to|of|outside|through|across|into|around|throughout)\s+$")
_PLACE_TYPES = r"(village|town|city|district|province|county|region|camp|island|state|municipality|suburb)"
_TYPE_OF = re.compile(r"\b" + _PLACE_TYPES + r"\s+of\s+$", re.I)
_TYPE_AFTER = re.compile(r"\s+" + _PLACE_TYPES + r"\b", re.I)
_PUBLIC_BODY = re.compile(r"\b(Department|Ministry|Agency|Office|Police|Health|Board|Government|Council|"
                          r"Court|Commission|Authority|Service|Legislature|Assembly|Senate|Governor|"
                          r"Division|Bureau|Institute|University|College|Hospital|Guard|Patrol)\b")
_SPEECH_AFTER = re.compile(r"\s*(['\u2019]s\s+\w+\s+)?(said|says|told|added|tells|asked|explained|noted|,\s+(who|a|an|the)\b)")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    candidates: list[tuple[Entry, bool]]
    source: str  # "ent", "scan", "dateline", "weak" (kept only with context) or "unknown" (no entry)
    qualifier: list[tuple[Entry, bool]] = field(default_factory=list)  # "Paris, Texas": Texas's entries
    choice: Entry | None = None
    country: str | None = None  # for a name the gazetteer does not know: the article's main country


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


def _span_candidates(gaz: Gazetteer, text: str, start: int, end: int, scan_only=False):
    """The longest known names inside [start, end), left to right, as (start, end, candidates)."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s,;:()\"]+", text[start:end])]
    out, i = [], 0
    while i < len(words):
        for j in range(min(len(words), i + 5), i, -1):
            s, e = words[i][0], words[j - 1][1]
            s, e = _trim(text, s, e)
            if e <= s or not text[s].isupper():
                continue
            if norm(text[s:e]) in gaz.stopnames:
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


_TYPE_WORD = re.compile(r"\s+(province|state|county|region|district|city|island|prefecture|governorate|"
                        r"municipality|department|territory)$", re.I)


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


def find_mentions(doc, gaz: Gazetteer, text: str | None = None) -> list[Mention]:
    """Place mentions in the parsed article; ``text`` is the article's text (the Doc's, which
    spaCy would otherwise rebuild token by token)."""
    text = doc.text if text is None else text
    ents = [(ent.label_, ent.start, ent.end, ent.start_char, ent.end_char, ent.text) for ent in doc.ents]
    # Token attributes in one array: spaCy builds a Python object for every token access.
    strings = doc.vocab.strings
    arr = doc.to_array([IDX, LENGTH, POS, DEP, HEAD]).tolist() if len(doc) else []
    tok_idx = [r[0] for r in arr]
    tok_text = [text[r[0]:r[0] + r[1]] for r in arr]
    tok_pos = [strings[r[2]] if r[2] else "" for r in arr]
    tok_dep = [strings[r[3]] if r[3] else "" for r in arr]
    tok_head = [k + _signed(r[4]) for k, r in enumerate(arr)]
    n = len(tok_text)
    taken_mask = bytearray(len(text) + 1)  # 1 where a mention already lies
    mentions: list[Mention] = []
    person_words = {w for lab, *_, et in ents if lab == "PERSON" for w in et.split()}
    multi_person = {w for lab, a, b, *_, et in ents if lab == "PERSON" and b - a > 1 for w in et.split()}

    def free(s, e):
        return taken_mask.find(1, s, e) < 0

    def take(s, e):
        taken_mask[s:e] = b"\x01" * (e - s)

    def add(s, e, cands, source):
        if e <= s or not free(s, e) or not cands or not text[s].isupper():
            return
        if gaz.not_place_after and gaz.not_place_after.match(text[e:e + 30]):
            return  # "Marburg virus", "West Nile fever": a name, not a place
        name = text[s:e]
        if source != "dateline" and name.isupper() and sum(c.isalpha() for c in name) >= 3:
            # "ALMA", "EST": capitals are acronyms unless a country, curated place or alias.
            cands = [(c, ex) for c, ex in cands if ex and (c.feature == COUNTRY or c.key.startswith("table:")
                                                          or norm(c.name) != norm(name))]
            if not cands:
                return
        take(s, e)
        mentions.append(Mention(s, e, name, cands, source))

    # A dateline opens the article or a line near its top (after a headline).
    m = next((m for m in _DATELINE.finditer(text[:600]) if m.group(1).strip().isupper()), None)
    if m:
        s, e = _trim(text, *m.span(1))
        cands = [(c, ex) for c, ex in gaz.lookup(text[s:e].title()) if ex]
        # Datelines name cities ("WASHINGTON" is the capital, not the state).
        cities = [(c, ex) for c, ex in cands if c.feature == CITY and c.population >= 50_000]
        add(s, e, cities or cands, "dateline")

    for label, t0, t1, cs, ce, etext in ents:
        if label not in PLACE_LABELS:
            continue
        s, e = _trim(text, cs, ce)
        if e <= s:
            continue
        # A word of someone's name ("Hong" of "Hong Lei") is not a place, unless it is a country.
        if t1 - t0 == 1 and etext in person_words:
            cands = [(c, ex) for c, ex in gaz.lookup(text[s:e]) if c.feature == COUNTRY]
            add(s, e, cands, "ent")
            continue
        s, e = _extend_left(gaz, text, s, e), _extend_right(gaz, text, s, e)
        cands = gaz.lookup(text[s:e])
        if not cands:
            # "Nyanza province", "Sumatra Island": the name without its type word.
            m2 = _TYPE_WORD.search(text[s:e])
            if m2 and m2.start() > 0:
                cands = [(c, ex) for c, ex in gaz.lookup(text[s:s + m2.start()])
                         if c.feature in (ADMIN, REGION, LANDMARK)]
                if cands:
                    e = s + m2.start()
        if cands and norm(text[s:e]) not in gaz.stopnames:
            add(s, e, cands, "ent")
        else:
            # Only well-known names inside an entity the gazetteer does not know as a whole.
            for ss, ee, cc in _span_candidates(gaz, text, s, e, scan_only=True):
                add(ss, ee, cc, "ent")

    # Names spaCy missed: only proper nouns outside people's names, only well-known places.
    blocked = {i for lab, t0, t1, *_ in ents if lab in ("PERSON", "DATE", "TIME", "MONEY", "CARDINAL")
               for i in range(t0, t1)}
    org_text = {i: et for lab, t0, t1, *_, et in ents if lab in HOST_LABELS for i in range(t0, t1)}
    in_org = set(org_text)
    i = 0
    while i < n:
        if i in blocked or not tok_text[i][:1].isupper() or tok_pos[i] not in ("PROPN", "NOUN", "ADJ"):
            i += 1
            continue
        hit = None
        run = i + 1  # names are runs of capitalised words, with "of", "the", "de" between
        while (run < n and run - i < 5 and run not in blocked
               and (tok_text[run][:1].isupper() or tok_text[run] in _CONNECTORS)):
            run += 1
        for j in range(run, i, -1):
            if tok_pos[j - 1] not in ("PROPN", "NOUN") or not tok_text[j - 1][:1].isupper():
                continue
            s, e = _trim(text, tok_idx[i], tok_idx[j - 1] + len(tok_text[j - 1]))
            if e <= s or not free(s, e):
                continue
            key = norm(text[s:e])
            if key in gaz.stopnames or not gaz.known(key):
                continue
            cands = [(c, ex) for c, ex in gaz.lookup(text[s:e]) if _safe(c, ex)]
            if (i in in_org and not re.search(r"\b(of|in)\s+(the\s+)?$", text[max(0, s - 8):s])
                    and text[e:e + 2] not in ("'s", "\u2019s")):
                # Inside an organisation's name a town's or state's name is often just a name
                # ("Nanyang Technological University", "The Washington Post"); a country still
                # places it ("Singapore Airlines"), and a region its public bodies ("California
                # Department of Public Health").
                public = _PUBLIC_BODY.search(org_text.get(i, ""))
                cands = [(c, ex) for c, ex in cands
                         if c.feature == COUNTRY or (public and c.feature == ADMIN and c.level == 1)]
            if cands and (j - i > 1 or tok_pos[i] == "PROPN"):
                hit = (s, e, cands, j)
                break
        if hit:
            add(hit[0], hit[1], hit[2], "scan")
            i = hit[3]
        else:
            i += 1

    # Entities spaCy labelled ORG, PERSON, NORP or PRODUCT that are exactly a place's own name
    # ("Tacloban", "Garissa", "Botswana"): kept as weak mentions, which resolve() keeps only
    # where the article's other places make them plausible (towns and regions) or, for a
    # country or curated place, unless it reads as a person ("Chad said").
    for label, t0, t1, cs, ce, etext in ents:
        if label not in ("ORG", "PERSON", "NORP", "PRODUCT") or t1 - t0 > 3:
            continue
        s, e = _trim(text, cs, ce)
        if e <= s or not free(s, e) or norm(text[s:e]) in gaz.stopnames or norm(text[s:e]) in gaz.demonyms:
            continue
        cands = [(c, ex) for c, ex in gaz.lookup(text[s:e]) if ex]
        prep = _PREP_BEFORE.search(text[max(0, s - 12):s])
        if label == "PERSON":
            speaks = _SPEECH_AFTER.match(text[e:e + 20])
            if (t1 - t0 == 1 and etext in multi_person) or speaks:
                continue
            if not prep:
                # Without "in"/"at" a person-like name is a place only if it is a country or
                # one of our curated places.
                cands = [(c, ex) for c, ex in cands if c.feature not in (CITY, ADMIN)]
        add(s, e, cands, "weak")

    # Proper nouns coordinated with a place ("Springfield, Peoria and Champaign", "between
    # Stroud and Gloucester"): weak mentions too.
    in_mention = set()
    for mm in mentions:
        k = max(0, bisect.bisect_right(tok_idx, mm.start) - 1)
        while k < n and tok_idx[k] < mm.end:
            if tok_idx[k] + len(tok_text[k]) > mm.start:
                in_mention.add(k)
            k += 1
    linked = set()
    for k in range(n):
        if tok_dep[k] == "conj":
            if tok_head[k] in in_mention:
                linked.add(k)
            if k in in_mention:
                linked.add(tok_head[k])
    for k in sorted(linked):
        if tok_pos[k] != "PROPN" or k in in_mention or tok_text[k] in multi_person:
            continue
        end = tok_idx[k] + len(tok_text[k])
        if _SPEECH_AFTER.match(text[end:end + 20]):
            continue
        first = k
        while first > 0 and tok_dep[first - 1] == "compound" and tok_head[first - 1] == k:
            first -= 1
        s, e = tok_idx[first], end
        cands = [(c, ex) for c, ex in gaz.lookup(text[s:e]) if ex and c.feature in (CITY, ADMIN)]
        if norm(text[s:e]) not in gaz.stopnames:
            add(s, e, cands, "weak")

    # Place entities the gazetteer does not know ("Kibera"): kept without coordinates where the
    # words around them say place ("in Kibera", "the village of Kibera", "Kibera district").
    for label, _t0, _t1, cs, ce, etext in ents:
        if label not in ("GPE", "LOC"):
            continue
        s, e = _trim(text, cs, ce)
        name = text[s:e]
        if (e <= s or not free(s, e) or not text[s].isupper() or any(c.isdigit() for c in name)
                or set(etext.split()) & person_words or norm(name) in gaz.demonyms
                or norm(name) in gaz.stopnames
                or (gaz.not_place_after and gaz.not_place_after.match(text[e:e + 30]))):
            continue
        before, after = text[max(0, s - 25):s], text[e:e + 20]
        if (_PREP_BEFORE.search(before[-12:]) or _TYPE_OF.search(before) or _TYPE_WORD.search(name)
                or _TYPE_AFTER.match(after)):
            take(s, e)
            mentions.append(Mention(s, e, name, [], "unknown"))

    mentions.sort(key=lambda m: m.start)
    # "Paris, Texas" / "Pandi, Bulacan": the second name qualifies the first.
    # Not in a list ("Armenia, Georgia, Iraq, Iran"): there each name stands alone.
    for i, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        in_list = (i > 0 and text[mentions[i - 1].end:a.start].strip() in (",", "and", ", and")
                   or re.match(r"\s*(,|and\b|or\b)\s*[A-Z]", text[b.end:b.end + 8]))
        if text[a.end:b.start].strip() == "," and b.end - a.end <= 40 and not in_list:
            a.qualifier = [(c, ex) for c, ex in b.candidates if c.feature in (ADMIN, COUNTRY)]
    return mentions


def _signed(v: int) -> int:
    """Doc.to_array gives HEAD offsets as unsigned 64-bit integers."""
    return v - (1 << 64) if v >= 1 << 63 else v


def _contains(outer: Entry, inner: Entry) -> bool:
    if outer.key == inner.key:
        return False
    if outer.feature == COUNTRY:
        return inner.country == outer.country
    if outer.feature == ADMIN and outer.level == 1:
        return inner.country == outer.country and inner.admin1 == (outer.admin1 or outer.name)
    # A county or town as qualifier: near it.
    return inner.country == outer.country and distance_km(outer.lat, outer.lon, inner.lat, inner.lon) < 100


def resolve(mentions: list[Mention], gaz: Gazetteer, demonym_countries: Counter) -> list[Mention]:
    """Pick each mention's entry: a first pass on priors alone, then a second with the context
    the first pass and the demonyms give. Weak mentions are kept only when one of their
    readings lies in a country the article's other places are in. Returns the mentions kept."""
    weak = [m for m in mentions if m.source == "weak"]
    unknown = [m for m in mentions if m.source == "unknown"]
    mentions = [m for m in mentions if m.source not in ("weak", "unknown")]

    def base(e: Entry, exact: bool, cands=()) -> float:
        pop = e.population or (TABLE_POP if e.key.startswith("table:") else 0)
        score = math.log10(pop + 10) + PRIOR.get(e.feature, 0.0)
        if e.feature == ADMIN and any(ex and c.feature == CITY and c.country == e.country and c.admin1 == e.admin1
                                      and c.population >= 100_000 for c, ex in cands):
            score -= 3.0  # "Tokyo", "Moscow": the city, not the region named after it
        if e.feature == ADMIN and e.level == 2:
            score -= 1.5
        if not exact:
            score -= 1.5  # exonyms ("Mecca") are alternates too; junk alternates are on small towns
        if e.feature == CITY and exact and (e.country, norm(e.name)) in gaz.capitals:
            score += CAPITAL_BONUS  # news names capitals far more than their namesakes
        return score

    for m in mentions + weak:
        # The most likely readings only: common names ("Washington") have dozens.
        m.candidates = sorted(m.candidates, key=lambda ce, m=m: -base(*ce, m.candidates))[:MAX_CANDIDATES]
        m.choice = m.candidates[0][0]

    support = _support(mentions + weak, base)
    for _ in range(2):
        countries: Counter = Counter(demonym_countries)
        admins: Counter = Counter()
        regions: Counter = Counter()  # first-level regions named, per country
        for m in mentions:
            c = m.choice
            if c.country:
                countries[c.country] += 1
            if c.admin1 and c.feature != COUNTRY:
                admins[(c.country, c.admin1)] += 1
            if c.feature == ADMIN and c.level == 1:
                regions[c.country] += 1
        total = sum(countries.values()) or 1
        for m in mentions:
            ctx = (countries, admins, total, m, support, regions)
            m.choice = max(m.candidates, key=lambda ce, ctx=ctx: _score(ce, ctx, base))[0]

    for m in weak:
        # a national capital needs no support: news names capitals far more than namesakes
        # ("flew to Dakar", with Dakar taken for a person by the parser)
        m.candidates = [(c, ex) for c, ex in m.candidates if c.feature not in (CITY, ADMIN)
                        or countries[c.country] > demonym_countries[c.country]
                        or (c.feature == CITY and ex and (c.country, norm(c.name)) in gaz.capitals)]
        if m.candidates:
            m.choice = m.candidates[0][0]
            ctx = (countries, admins, total, m, support, regions)
            m.choice = max(m.candidates, key=lambda ce, ctx=ctx: _score(ce, ctx, base))[0]
            mentions.append(m)
    # Unknown names lie, most likely, in the article's main country, when it has one.
    main = countries.most_common(1)
    for m in unknown:
        m.country = main[0][0] if main and main[0][1] * 2 >= total else None
        mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _score(ce, ctx, base) -> float:
    e, exact = ce
    countries, admins, total, m, support, regions = ctx
    own = m.choice
    sc = base(e, exact, m.candidates)
    # Context: the share of the article's other places in the same country, and the same region.
    n_c = countries[e.country] - (1 if own.country == e.country else 0) if e.country else 0
    sc += 2.5 * min(1.0, n_c / max(1, total - 1)) + (1.0 if n_c > 0 else 0.0)
    if (e.admin1 and e.feature in (CITY, LANDMARK)) or (e.feature == ADMIN and e.level == 2):
        same = (own.country, own.admin1) == (e.country, e.admin1)
        if admins[(e.country, e.admin1)] - same > 0:
            sc += 1.5
    if e.feature == ADMIN and e.level == 1:
        # Other states or provinces of the same country named: "Washington" among "Iowa" and
        # "Texas" is the state.
        same = own.feature == ADMIN and own.level == 1 and own.country == e.country
        if regions[e.country] - same > 0:
            sc += 1.5
    if m.qualifier and any(_contains(q, e) for q, _ in m.qualifier):
        sc += 8.0
    sc += 1.5 * support.get((norm(m.text), e.key), 0.0)
    return sc


def _support(mentions: list[Mention], base) -> dict[tuple[str, str], float]:
    """How much each local reading of a name is backed by a likely reading of another name
    nearby: "Springfield" and "Peoria" together are the pair in Illinois, 100 km apart.
    A partner counts by how close it is to its own name's best reading (exp of the score gap),
    so that "Paris and London" stay in Europe rather than in Ontario."""
    by_name: dict[str, list[tuple[Entry, float]]] = {}
    for m in mentions:
        key = norm(m.text)
        if key in by_name:
            continue
        scored = [(e, base(e, ex, m.candidates)) for e, ex in m.candidates[:SUPPORT_CANDIDATES]]
        best = max((b for _, b in scored), default=0.0)
        local = [(e, math.exp(b - best)) for e, b in scored if e.feature in LOCAL]
        if local:
            by_name[key] = local
    out: dict[tuple[str, str], float] = {}
    names = list(by_name)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            for ea, wa in by_name[a]:
                k = math.cos(math.radians(ea.lat))
                for eb, wb in by_name[b]:
                    if abs(ea.lat - eb.lat) > 2 or 111.2 * math.hypot(ea.lat - eb.lat, (ea.lon - eb.lon) * k) > NEAR_KM:
                        continue
                    if wb > out.get((a, ea.key), 0.0):
                        out[(a, ea.key)] = wb
                    if wa > out.get((b, eb.key), 0.0):
                        out[(b, eb.key)] = wa
    return out


def demonym_context(doc, gaz: Gazetteer) -> Counter:
    """Countries the article's NORP entities ("Chinese", "North Korean") point at."""
    out: Counter = Counter()
    for ent in doc.ents:
        if ent.label_ == "NORP":
            a3 = gaz.demonym(ent.text)
            if a3:
                out[a3] += 1
    return out
