"""Coding: each noun phrase of an article to an actor with a country and a PLOVER sector.

A phrase is coded from its head and its left modifiers: a name, a title ("President"), a nationality
("Iranian"), a possessive place ("Beijing's"), an affiliation ("at the National University of
Singapore"). Names become persons, organisations, countries or peoples; titles and group nouns
become unnamed persons or groups; capitals and cities acting stand for their government or city.
"""

from __future__ import annotations

from dataclasses import replace

from .builder import Builder, Built
from .coref import group_expression, title_holder
from .lexicon import PERSON_PRONOUNS, THING_PRONOUNS, Entry, word_set
from .names import PLACE_KINDS, core, root

AFFIL_PREPS = word_set("affiliation_prep")
LOC_PREPS = word_set("location_prep")
PLACE_HEADS = word_set("place_head")
GOVERNMENT_TERMS = word_set("government_term")
MOVE_WORDS = word_set("move_word")
FORMER = word_set("former")
BASED = word_set("based_verb")
SPONSOR = word_set("sponsor_word")
ETHNIC = word_set("minority_word")
STATELESS = word_set("stateless_people")
AGENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "attr", "appos", "ROOT", "csubj"}


def country_in(st: Builder, s: int, e: int, skip: tuple[int, int] | None = None) -> tuple[str | None, int | None]:
    """The country a range of modifier tokens names (nearest the head wins), and where."""
    best = (None, None)
    for j in range(s, e):
        if skip and skip[0] <= j < skip[1]:
            continue
        ns = st.d.name_span(j)
        m = st.d.match[j]
        if sponsor(st, m[1] if m else ns[1] if ns else j + 1):
            continue  # "Iran-backed militias": a sponsor, not where the militias are from
        if ns and ns[2] == "LOC" and not m and st.d.city(ns):
            best = (st.d.city(ns), j)
        if ns and ns[2] in ("LOC", "PER") and m and not st.d.covers(m, ns):
            continue  # part of a longer place or person name: "Jersey" in "New Jersey"
        for en in st.d.entries(j):
            if en.kind == "role" or not en.country:
                continue
            if en.kind == "leader":
                o = en.office_at(st.d.date)
                best = ((o.country if o else en.country), j)
            else:
                best = (en.country, j)
            break  # the first entry of a name is its main meaning
    return best


def sponsor(st: Builder, k: int) -> bool:
    """Is token k, right after a country's or city's name, a sponsor participle ("Iran-backed",
    "US trained")?"""
    toks = st.d.toks
    if k < len(toks) and toks[k].text in ("-", "\u2011"):
        k += 1
    return k < len(toks) and toks[k].lower_ in SPONSOR


def affiliation(st: Builder, h, depth: int = 0) -> tuple[str | None, str | None]:
    """Country (and sector) from an affiliation: "professor at the National University of Singapore"."""
    if depth > 2:
        return None, None
    for c in h.children:
        if c.dep_ == "acl" and c.lemma_.lower() in BASED:  # "a newspaper based in Beirut"
            iso, sec = affiliation(st, c, depth + 1)
            if iso:
                return iso, sec
        if c.dep_ == "prep" and c.lower_ in AFFIL_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    iso, sec, _kind = code_phrase(st, p, depth + 1)
                    if iso:
                        return iso, sec
    return None, None


def code_phrase(st: Builder, h, depth: int = 0) -> tuple[str | None, str | None, str | None]:
    """(country, sector, kind) of the phrase headed by h, without creating actors."""
    d = st.d
    s, e = core(d, h)
    ns = d.name_span(h.i)
    sector = None
    kind = None
    iso = None
    if ns:
        en = d.leader(ns)
        if en is not None:
            o = en.office_at(d.date)
            return (o.country if o else en.country), (o.sector if o else "ELI"), "person"
        known = None
        for en in d.name_entries(ns):
            if en.kind == "org" and en.country:
                return en.country, en.sector, "org"
            if en.kind == "org":
                known = en  # a known body of no country of ours: its name may still place it
                break
            if en.kind in PLACE_KINDS:
                return en.country, None, "country"
        if ns[2] == "LOC" and known is None:
            return d.city(ns), None, "city"
        if ns[2] == "ORG" or known is not None:
            kind = "org"
            r = d.role_at(h.i) or next((d.role_at(j) for j in range(ns[1] - 1, ns[0] - 1, -1)
                                        if d.role_at(j)), None)
            sector = known.sector if known is not None and known.sector else r.sector if r else None
            iso = country_in(st, ns[0], ns[1])[0]
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
        iso, _ = country_in(st, s, e, skip=(ns[0], ns[1]) if ns else None)
    if iso is None and kind == "org":
        iso = d.city_in(ns[0], ns[1])  # "Cairo University", "University of Toronto"
    if iso is None and kind in ("person", "group", "org"):
        iso, sec2 = affiliation(st, h, depth)
        sector = sector or (sec2 if kind == "person" and not r else None)
    return iso, sector, kind


def code_tokens(st: Builder) -> tuple[list, list]:
    """Code every noun phrase of the article into actors; return the group expressions ("both
    countries") and the pronouns, which coreference resolves once every named actor is known."""
    d, doc = st.d, st.doc
    pending_pronouns = []
    pending_groups = []
    for t in d.toks:
        if t.pos_ == "PRON" and (t.lower_ in PERSON_PRONOUNS or t.lower_ in THING_PRONOUNS):
            if d.name_span(t.i) is None and not d.match[t.i]:  # not "Her Majesty's Government"
                pending_pronouns.append(t)
            continue
        ns = d.name_span(t.i)
        if ns and root(doc, ns[0], ns[1]).i != t.i:
            continue  # inside a name: its root speaks for it
        if t.dep_ in ("compound", "amod") or (t.dep_ == "conj" and t.pos_ == "ADJ") or (
                t.dep_ == "nmod" and d.name_span(t.head.i) is not None and not coordinated_person(st, t, ns)):
            modifier(st, t, ns)
            continue
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "X") and not ns:
            continue
        if not ns and t.i + 1 < len(d.toks) and (nx := d.name_span(t.i + 1)) and nx[2] == "PER" \
                and nx[0] == t.i + 1 and st.d.person_role(t) \
                and core(d, root(doc, nx[0], nx[1]))[0] <= t.i:
            continue  # "Sen." in "... and Texas Sen. Ted Cruz" however parsed: the name's own title
        if group_expression(st, t):
            pending_groups.append(t)
            continue
        phrase(st, t)
    return pending_groups, pending_pronouns


def modifier(st: Builder, t, ns) -> None:
    """A name or nationality modifying a noun: evidence for that noun's actor when the noun is a
    title or group ("Israeli army"), else an actor of its own ("a US offer", "an Indian protest")."""
    d = st.d
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
        phrase(st, t)
        return
    ens = d.entries(t.i, {"country", "adjective", "contextual"})
    if ens and ns[2] in ("LOC", "NORP"):
        st.mention(st.country_actor(ens[0].country), ns[0], ns[1])


def phrase(st: Builder, h) -> None:
    d, doc = st.d, st.doc
    ns = d.name_span(h.i)
    if ns is None and d.role_at(h.i) is None and not any(
            c.dep_ == "compound" and d.role_at(c.i) for c in h.lefts):
        return  # neither a name nor a title or group: nothing to code
    s, e = core(d, h)
    iso, sector, kind = code_phrase(st, h)
    if ns and ns[2] == "LOC":
        ens = d.name_entries(ns, PLACE_KINDS)
        if not ens:
            # a city acting ("Samarra fired ..."); other places are the places stage's business
            if iso and agentive(st, h):
                name = doc[ns[0]:ns[1]].text
                st.mention(st.get(f"L:{name}", "city", name, country=iso), ns[0], ns[1])
            return
        en = ens[0]
        if is_dateline(st, ns):
            return  # "KYIV, March 3 (Reuters) -": the dateline says where, not who
        if en.kind == "capital":
            if agentive(st, h):
                st.mention(st.government(en.country), ns[0], ns[1])
            return
        st.mention(st.country_actor(en.country), ns[0], ns[1])
        return
    if ns and ns[2] == "NORP":
        # "Palestinians", "the Chinese": a people; "Iraqi Kurds": a people where they live
        iso = iso or country_in(st, s, e, skip=(ns[0], ns[1]))[0]
        if iso and any(doc[j].lower_ in ETHNIC for j in range(s, ns[0])):
            # "ethnic Albanians": a minority, coded where it lives (context), else by its people
            a = st.get(f"G:-:CVL:{doc[ns[0]:ns[1]].text.lower()}", "group", doc[s:e].text, sector="CVL",
                       role=doc[s:e].text)
            a.people = a.people or iso
            st.mention(a, s, e)
        elif iso:
            a = st.get(f"G:{iso}:CVL:people", "group", doc[s:e].text, country=iso, sector="CVL",
                       role=doc[s:e].text)
            st.mention(a, s, e)
        return
    if kind == "person" and ns:
        person(st, h, ns, s, e, iso, sector)
        return
    if kind == "org" and ns:
        if not d.name_entries(ns, {"org"}) and (
                any(e.kind == "role" and e.role_kind == "person" for e in d.entries(h.i))
                or h.dep_ == "pobj" and h.head.lower_ == "of" and st.d.person_role(h.head.head)):
            return  # "Secretary of State", "Minister of Defence": part of a title
        en = next((x for x in d.name_entries(ns, {"org"})), None)
        name = en.name if en else doc[ns[0]:ns[1]].text
        a = None if en else by_initials(st, name)
        if a is None:
            a = st.get(f"O:{name.lower()}", "org", name, country=iso, sector=sector,
                       country_from="dictionary" if en and en.country else "mention",
                       role=doc[s:e].text if (s, e) != (ns[0], ns[1]) else None)
        st.mention(a, s, e)
        return
    r = d.role_at(h.i)
    if r is None:  # "Israeli army bulldozers": the title or group may be a compound
        r = next((d.role_at(c.i) for c in h.lefts if c.dep_ == "compound" and d.role_at(c.i)), None)
        if r is None:
            return
        iso = iso or country_in(st, s, e)[0]
    elif r.role_kind == "person":
        # "a rebel spokesman", "a police spokeswoman", "the army commander": the body he speaks
        # or works for gives the sector, not the generic title
        mod = next((x for c in h.lefts if c.dep_ == "compound" and (x := d.role_at(c.i)) and x.sector), None)
        if mod is not None and mod.sector != r.sector:
            r = replace(r, sector=mod.sector)
    role_text = doc[s:e].text
    # coordinated nationalities: "Hungarian and Romanian officials" are two actors
    isos = coordinated_countries(st, h, s)
    if len(isos) > 1:
        for iso_k, start in isos:
            a = st.get(f"G:{iso_k}:{r.sector}:{r.name}", "group", doc[start:e].text, country=iso_k,
                         sector=r.sector, role=role_text)
            st.mention(a, start, e)
        return
    if r.role_kind == "person" and h.tag_ not in ("NNS", "NNPS"):
        anonymous_person(st, h, r, s, e, iso, role_text)
        return
    if r.name in GOVERNMENT_TERMS and iso:
        a = st.government(iso)
        a.role = a.role or role_text
    else:
        a = st.get(f"G:{iso}:{r.sector}:{r.name}", "org" if r.role_kind == "org" else "group", role_text,
                     country=iso, sector=r.sector, role=role_text)
        if iso is None and stateless(st, s, h.i):
            a.minority = True  # "Tamil refugees", "Kurdish fighters": coded where they live
    st.mention(a, s, e)


def stateless(st: Builder, s: int, e: int) -> bool:
    """Does a people without a state modify the phrase ("Tamil refugees"; words.tsv stateless_people)?"""
    return any(t.lower_ in STATELESS for t in st.d.toks[s:e])


def coordinated_person(st: Builder, t, ns) -> bool:
    """A person's name the parser hung under the next conjunct's name ("Donald Trump and Texas
    Sen. Ted Cruz": Trump an nmod of Cruz): a phrase of its own, not a modifier."""
    return bool(ns and ns[2] == "PER" and any(c.dep_ == "cc" for c in t.children))


def by_initials(st: Builder, name: str) -> Built | None:
    """An earlier organisation this acronym abbreviates: "NTU" after "Nanyang Technological
    University" (initials of its capitalised words)."""
    if not (2 <= len(name) <= 6 and name.isalpha() and name.isupper()):
        return None
    for k in reversed(st.order):
        a = st.actors[k]
        if a.kind == "org" and "".join(w[0] for w in a.name.replace("-", " ").split() if w[:1].isupper()) == name:
            return a
    return None


def coordinated_countries(st: Builder, h, s: int) -> list[tuple[str, int]]:
    """Two or more nationalities joined by "and" before the head: (iso3, first token) each."""
    if not any(st.doc[j].dep_ == "cc" for j in range(s, h.i)):
        return []
    out: list[tuple[str, int]] = []
    j = s
    while j < h.i:
        m = st.d.match[j]
        en = st.d.entries(j, {"adjective", "country"})
        if m and en and en[0].country not in [i for i, _ in out]:
            out.append((en[0].country, m[0]))
        j = m[1] if m else j + 1
    return out


def is_dateline(st: Builder, ns) -> bool:
    """A place name in capitals opening a sentence before a comma: "GAZA, Jan 5 -"."""
    words = st.doc[ns[0]:ns[1]]
    return words.text.isupper() and len(words.text) > 2 and ns[0] == words[0].sent.start and \
        ns[1] < len(st.doc) and st.d.toks[ns[1]].text in (",", "(", "-", "\u2014")


def agentive(st: Builder, h) -> bool:
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
            and st.d.role_at(head.i) is None and st.d.name_span(head.i) is None
    if dep == "pobj":
        if h.head.lower_ == "of" and h.head.head.lemma_.lower() in PLACE_HEADS | {"town"}:
            return False  # "the city of Goma" names a place
        if h.head.lower_ in ("to", "into", "from") and h.head.head.lemma_.lower() in MOVE_WORDS:
            return False  # "a visit to Rangoon", "flew to Moscow": a destination
        return h.head.lower_ not in LOC_PREPS
    return False


def person(st: Builder, h, ns, s: int, e: int, iso, sector) -> None:
    d, doc = st.d, st.doc
    name_tokens = [doc[j].text for j in range(ns[0], ns[1])]
    name = " ".join(doc[ns[0]:ns[1]].text.split())  # as written: "Lee Jae-myung" is one name
    leader = d.leader(ns)
    # someone named earlier in this article comes before the dictionary: "Clinton" after
    # "Hillary Clinton" is not Bill Clinton
    a = same_person(st, name_tokens)
    if a is not None and leader is not None and leader.name.split()[-1:] != [a.name.split()[-1]] \
            or a is not None and leader is not None and a.name != leader.name and len(name_tokens) == 1:
        leader = None
    if leader:
        name = leader.name
        a = None
    elif d.leader(ns):  # the dictionary's reading was set aside: so is its coding
        iso, sector = country_in(st, s, e, skip=(ns[0], ns[1]))[0], None
    if a is None:
        a = st.get(f"P:{name.lower()}", "person", name)
        if leader:
            a.name_parts.update(leader.name.split())
    a.name_parts.update(name_tokens)
    title = next((r for j in range(ns[0] - 1, s - 1, -1) if (r := d.role_at(j)) and r.role_kind == "person"),
                 None)
    if leader:
        o = leader.office_at(d.date)
        if o:
            a.code(o.country, "dictionary")
            a.sector = a.sector or o.sector
            a.role = a.role or (doc[s:ns[0]].text if s < ns[0] else o.role)
        elif s < ns[0]:  # no office of ours on the date: a country in the title says what he is now
            a.code(country_in(st, s, ns[0])[0], "mention")
    if title:
        a.roles.add(title.name)
        a.title_places |= st.places_in(s, ns[0])
        # a title in the text says the office is held now, whatever our dates say
        sector = title.sector if sector in (None, "ELI") else sector
        if a.sector == "ELI":
            a.sector = None
    if any(doc[j].lower_ in FORMER for j in range(s, ns[0])):
        sector = "ELI"  # a former office holder is one of the elite, no longer the office
    if not leader:  # a leader's iso is the dictionary's: coded below
        a.code(iso, "mention")
    if sector and not a.sector:
        a.sector = sector
    if s < ns[0] and not a.role:
        a.role = doc[s:ns[0]].text.strip()
    if leader and not a.sector:
        a.sector = "ELI"
    if leader:
        a.code(leader.country, "dictionary")
    st.mention(a, s, e)


def same_person(st: Builder, tokens: list[str]) -> Built | None:
    """An earlier person this (shorter) name refers to: "Kim" after "Kim Jong Un"."""
    best = None
    for k in st.order:
        a = st.actors[k]
        if a.kind == "person" and a.name_parts and set(tokens) <= a.name_parts and \
                (best is None or a.last > best.last):
            best = a
    return best


def anonymous_person(st: Builder, h, r: Entry, s: int, e: int, iso, role_text: str) -> None:
    """A title without a name: a definite one ("the Vermont senator") is the one person named
    before it with a compatible title (title_holder); otherwise a new, unnamed person, which an
    appositive name may still join (link_appositions)."""
    doc = st.doc
    definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in h.lefts) or \
        not any(c.dep_ == "det" for c in h.lefts)
    # "Carter's press secretary, Peter Cook": a title in apposition with a name is that name's
    named = any(c.dep_ == "appos" and (ns := st.d.name_span(c.i)) and ns[2] == "PER" for c in h.children) \
        or h.dep_ == "appos" and (ns := st.d.name_span(h.head.i)) is not None and ns[2] == "PER"
    # "the senator", "his spokesman"; a bare title ("Very good reporter") is no description
    marked = any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in h.lefts)
    if definite and marked and not named:
        best = title_holder(st, s, r.name, iso, st.places_in(s, h.i))
        if best is not None:
            st.mention(best, s, e)
            return
    former = any(doc[j].lower_ in FORMER for j in range(s, h.i))
    a = st.get(f"R:{h.i}", "person", doc[s:e].text, country=iso, sector="ELI" if former else r.sector,
                 role=role_text)
    a.roles.add(r.name)
    a.title_places |= st.places_in(s, h.i)
    st.mention(a, s, e)
