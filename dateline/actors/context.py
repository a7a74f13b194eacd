"""Countries from the article's context, for actors whose own phrase names none.

A state actor ("Prime Minister X", "the rebels", "police") takes a country only from evidence bound to
it: a pronoun's owner, a possessor, a coordinated partner's place, the place of its own clause, for
domestic bodies the article's main country, the country the other actors of its sector share, and for
named office holders and organisations the one country of its sentence.
"""

from __future__ import annotations

from .builder import Builder, Built
from .coding import code_phrase, country_in
from .lexicon import FUTURE_AUX, PERSON_PRONOUNS, SPEECH_VERBS, THING_PRONOUNS, norm, word_set
from .names import PLACE_KINDS, root

LOC_PREPS = word_set("location_prep")
VENUE_VERBS = word_set("venue_verb")
STATE_SECTORS = {None if x == "-" else x for x in word_set("state_sector")}
DOMESTIC_SECTORS = word_set("domestic_sector")
HOME_SECTORS = word_set("home_sector")
DEFINITE_HOME = word_set("definite_home_sector")
ADDRESS_VERBS = word_set("address_verb")
ABROAD = word_set("abroad_word")
INTERNATIONAL = {"IGO", "NGO", "IMG", None}
SHARED_SECTORS = word_set("shared_sector")


def collect_country_refs(st: Builder) -> None:
    """Every reference to a country in the article: its names, adjectives, demonyms, capitals and
    cities, by token, in order."""
    d = st.d
    for j, m in enumerate(d.match):
        if m and m[0] == j:
            ns = d.name_span(j)
            if ns and ns[2] in ("LOC", "PER") and not d.covers(m, ns):
                continue  # "Mexico" in "New Mexico" names no country
            for en in d.entries(j):
                if en.kind in ("country", "adjective", "demonym", "capital", "contextual") and en.country:
                    st.country_refs.append((j, en.country))
                    break
    for s_, e_, label in d.names:
        if label == "LOC" and not d.match[s_] and d.city((s_, e_, label)):
            st.country_refs.append((s_, d.city((s_, e_, label))))
    st.country_refs.sort()


def pronoun_owner(st: Builder, a: Built) -> Built | None:
    """The actor a possessive pronoun inside a's first mention was bound to, if it has a country."""
    s, e = min(a.mentions)
    for j in range(s, e):
        if st.d.toks[j].lower_ in THING_PRONOUNS or st.d.toks[j].lower_ in PERSON_PRONOUNS:
            for b in st.actors.values():
                if b is not a and b.country and (j, j + 1) in b.mentions:
                    return b
    return None


def context_countries(st: Builder) -> None:
    """A state actor or home body whose own phrase names no country ("Prime Minister X", "the
    rebels", "police", "protesters") takes one from the evidence ``evidence`` finds, else a
    minority its people's country ("ethnic Albanians"), else the one country all the article's other
    actors of its sector share ("a rebel spokesman" after "rebels in X")."""
    todo = []
    for a in st.actors.values():
        if a.country or a.kind not in ("person", "group", "org") or \
                a.sector not in STATE_SECTORS | HOME_SECTORS and not a.minority:
            continue
        if a.kind == "org" and a.sector is None:
            continue  # an unknown organisation may be international
        if a.kind == "person" and a.sector in (None, "ELI") and a.key.startswith("P:"):
            continue  # a name without a title says nothing of a state
        s, e = min(a.mentions)
        head = root(st.doc, s, e)
        iso, src = evidence(st, a, head, s)
        if iso is None and a.people:
            iso, src = a.people, "mention"
        if iso:
            a.code(iso, src)
        elif src != "skip" and not (head.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss") for c in head.lefts)):
            todo.append(a)  # a bare plural ("militaries", "commanders") may be anyone's: no consensus
    by_sector: dict[str, set[str]] = {}
    for b in st.actors.values():
        if b.country and b.sector in SHARED_SECTORS and b.kind != "country" and b.country not in ("IGO", "NGO"):
            by_sector.setdefault(b.sector, set()).add(b.country)
    for a in todo:
        isos = by_sector.get(a.sector, set())
        if len(isos) == 1:
            a.code(next(iter(isos)), "context")


def evidence(st: Builder, a: Built, head, s: int) -> tuple[str | None, str]:
    """(country, country_from) for actor a from evidence bound to it (country_from "skip": the actor
    takes no country from context, nor from its sector's consensus), strongest first: a possessive
    pronoun's owner ("its fighters"), a possessor actor ("Lee's office"), a place modifying a
    coordinated partner ("forces and rebels in eastern Congo"), the place of the clause where it acts
    ("police in Lagos detained ..."), for police and courts the article's main country, an
    organisation of its type named before ("the ministry"), for unnamed home bodies the country their
    sentence, paragraph or story is about (``story_context``), for named office holders and bodies
    the one country of their sentence, else the story's. A country merely named nearby is not
    enough: it may be a meeting's venue or the other side of the event ("the US imposed sanctions on
    commanders"), and no code beats a wrong code."""
    if head.dep_ == "pobj" and head.head.lower_ in LOC_PREPS and st.d.name_span(head.i):
        return None, "skip"  # "near Khan Younis": a place spaCy took for a name, not an actor to code
    owner = pronoun_owner(st, a) or possessor(st, head)
    if owner is not None and owner.country:
        return owner.country, "coreference"
    there = any(c.dep_ == "advmod" and c.lower_ == "there" for c in head.children)
    iso = there and next((iso for j, iso in reversed(st.country_refs) if head.sent.start <= j < head.i), None)
    if iso:
        return iso, "context"  # "hit a depot in Russia's Belgorod region, the governor there said"
    iso = partner_place(st, head, a.sector) or clause_place(st, head, a.sector)
    if iso is None and any(c.dep_ == "nummod" for c in head.children):
        return None, "skip"  # "some 26 leaders": counted people are seldom of one country
    if iso is None and a.sector in DOMESTIC_SECTORS:
        iso = main_country(st)
    if iso:
        return iso, "context"
    iso = same_type_before(st, head, s)
    if iso:
        return iso, "coreference"
    if (a.sector in HOME_SECTORS or a.minority) and a.key[:2] in ("R:", "G:"):
        return audience_country(st, head) or story_context(st, a, head), "context"  # "the interior minister"
    if a.sector in DEFINITE_HOME and a.key[:2] == "G:" and definite_one(head):
        return main_country(st), "context"  # "the military" in a Bamako story; not a country named nearby
    if a.key[:2] in ("P:", "O:") and a.sector not in (None, "ELI"):
        iso = sentence_country(st, a, head)
        if iso is None and a.sector in HOME_SECTORS:  # "Foreign Minister X" in a Lisbon story
            iso = story_context(st, a, head)
        return iso, "context"
    return None, ""


def other_clause(st: Builder, t, head) -> bool:
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


def subject_above(st: Builder, t, head) -> bool:
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


def audience_country(st: Builder, head) -> str | None:
    """"The South Korean defence minister told parliament": a home body addressed by someone
    (``address_verb``) is the speaker's country's, whatever else the sentence names."""
    if head.dep_ not in ("dobj", "dative") or head.head.lemma_.lower() not in ADDRESS_VERBS:
        return None
    subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    b = actor_with_country(st, subj.i) if subj is not None else None
    return b.country if b is not None and b.country not in INTERNATIONAL else None


def definite_one(head) -> bool:
    """"the military", "the army": one body the story takes as known, not "soldiers" or "an army"."""
    return head.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts)


def same_type_before(st: Builder, head, start: int) -> str | None:
    """"the ministry", "a ministry spokesman": an organisation type word without a country refers
    to the latest organisation named before whose name has that word ("the German foreign ministry");
    so does a definite group noun ("the army" after "the Israeli army")."""
    words = [head] + [c for c in head.lefts if c.dep_ == "compound"]
    one = definite_one(head)
    types = {t.lemma_.lower() for t in words if (r := st.d.role_at(t.i)) and (
        r.role_kind == "org" or r.role_kind == "group" and one and t.i == head.i)}
    if not types:
        return None
    best = None
    for b in st.actors.values():
        if not b.country or b.kind not in ("org", "group"):
            continue
        for s, e in b.mentions:
            if e <= start and (best is None or e > best[0]) and \
                    types & {st.d.toks[j].lemma_.lower() for j in range(s, e)}:
                best = (e, b.country)
    return best[1] if best else None


def actor_with_country(st: Builder, i: int) -> Built | None:
    for b in st.actors.values():
        if b.country and any(s <= i < e and e - s < 12 for s, e in b.mentions):
            return b
    return None


def possessor(st: Builder, head) -> Built | None:
    """"Lee's office": the possessor's actor, when it has a country."""
    for c in head.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return actor_with_country(st, c.i)
    return None


def place_country(st: Builder, t) -> str | None:
    """The country of a place named by token t (a country, capital or city), else None."""
    ns = st.d.name_span(t.i)
    if ns is None or ns[2] != "LOC":
        return None
    iso, _, kind = code_phrase(st, t)
    return iso if kind in ("country", "city") else None


def located(st: Builder, t) -> str | None:
    """The country of a place in a locative phrase under t: "in eastern Congo"."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in LOC_PREPS:
            for p in c.children:
                if p.dep_ == "pobj" and (iso := place_country(st, p)):
                    return iso
    return None


def partner_place(st: Builder, head, sector) -> str | None:
    """Coordinated actors share a place ("Government forces and rebels in eastern Congo"), and
    rebels or an opposition coordinated with a government are of its country ("the Sudanese
    government and the rebels")."""
    partners = [c for c in head.children if c.dep_ == "conj"]
    if head.dep_ == "conj":
        partners.append(head.head)
        partners += [c for c in head.head.children if c.dep_ == "conj" and c.i != head.i]
    for p in partners:
        if iso := located(st, p):
            return iso
    if head.dep_ == "conj" and not any(c.dep_ in ("det", "amod", "compound", "poss") for c in head.lefts):
        # "Russian bombers and fighters": a bare second conjunct shares the first one's nationality
        first = head.head
        iso = country_in(st, first.left_edge.i, first.i)[0]
        if iso:
            return iso
    if sector in ("REB", "OPP"):
        for p in partners:
            b = actor_with_country(st, p.i)
            if b is not None and b.sector in ("GOV", "MIL") and b.kind != "country":
                return b.country
    return None


def sentence_country(st: Builder, a: Built, head) -> str | None:
    """The one country of the actor's sentence (see ``countries_near``), else None."""
    found = countries_near(st, a, head, head.sent.start, head.sent.end)
    return next(iter(found)) if len(found) == 1 else None


def countries_near(st: Builder, a: Built, head, start: int, end: int, strict: bool = True) -> set[str]:
    """The countries named between tokens start and end that can say where actor a is from: not a
    destination or venue ("will travel to Seoul"), not another actor's own nationality ("her
    Spanish counterpart"), not the other participant of the actor's own verb ("an Argentine judge
    ordered X": the judge's country is not X's), and, in the actor's own sentence, not inside
    someone else's clause. Not strict (an unnamed home body: "the government ordered the opposition
    newspaper to close", "protesters demanded the resignation of Algerian President X"), the other
    participant's country and a named person's nationality count, but for a person inside the
    actor's own phrase ("26 leaders, including Russian President X")."""
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "attr") else None
    if st.owners is None:  # mentions do not change while countries are given: one map per article
        st.owners = {}
        for b in st.actors.values():
            for s, e in b.mentions:
                for j in range(s, e):
                    st.owners.setdefault(j, []).append(b)
    sent = head.sent
    found = set()
    for j, iso in st.country_refs:
        if not start <= j < end or any(s <= j < e for s, e in a.mentions):
            continue
        t = st.d.toks[j]
        b = next((x for x in reversed(st.owners.get(j, ())) if x is not a), None)
        if b is not None and b.country and b.kind != "country" and b.country_from == "mention" and (
                b.kind == "person" and a.kind == "person" or b.key.startswith("P:") and (strict or inside(t, head))):
            continue  # "26 leaders, including Russian President X", "her Spanish counterpart": their own
        if b is not None and verb is not None and strict:
            r = root(st.doc, *next(m for m in b.mentions if m[0] <= j < m[1]))
            if r.head.i == verb.i and r.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent", "attr"):
                continue  # the other side of the actor's own event
        x = t
        while x.dep_ in ("compound", "amod", "poss", "det") and x.head.i != x.i:
            x = x.head
        if x.dep_ == "pobj" and (x.head.lower_ in ("to", "into", "toward", "towards")
                                 or x.head.head.lemma_.lower() in VENUE_VERBS | SPEECH_VERBS):
            continue  # a destination, a venue, or where someone spoke ("told reporters in Cairo")
        if sent.start <= j < sent.end:
            if other_clause(st, x, head):
                continue  # "As X appears set to veto a bill that would let families sue Saudi Arabia"
            if subject_above(st, x, head):
                continue  # "Nigeria announced it will withdraw ... unless President X arranged ..."
        found.add(iso)
    return found


def inside(t, head) -> bool:
    """Is token t in the subtree of head?"""
    x = t
    while x.i != head.i:
        if x.head.i == x.i:
            return False
        x = x.head
    return True


def story_context(st: Builder, a: Built, head) -> str | None:
    """The country the actor's sentence is about, else its paragraph so far, else the story: the one country
    they name (``countries_near``), or the story's country among several; several without the
    story's country, none (the text leaves it open). "European leaders", "foreign diplomats": none."""
    s, e = min(a.mentions)
    if any(t.lower_ in ABROAD and not st.d.role_at(t.i) and not (st.d.match[t.i] and st.d.match[t.i][1] > t.i + 1)
           for t in st.d.toks[s:e]):
        return None
    story = main_country(st)
    para = st.paragraph(head.i)
    lo = next((j for j in range(head.sent.start, -1, -1) if j == 0 or st.paragraph(j - 1) != para), 0)
    strict = a.key[:2] not in ("R:", "G:")
    # the sentence, then the paragraph so far: what a later sentence names is about someone else
    for start, end in ((head.sent.start, head.sent.end), (lo, head.sent.end)):
        found = countries_near(st, a, head, start, end, strict)
        if len(found) == 1:
            return next(iter(found))
        if found:
            return story if story in found else None
    return story


def clause_place(st: Builder, head, sector) -> str | None:
    """Where the clause the actor is the subject of happens: "Police in Lagos said", "police
    detained 14 people in Kano". Not for armies (they fight abroad) nor for movement, meeting and
    speech verbs, whose place is a destination, a venue or where a visitor spoke ("ministers will
    meet in Luxembourg", "officials said in Nairobi")."""
    if sector == "MIL":
        return None
    iso = located(st, head)
    if iso or head.dep_ not in ("nsubj", "nsubjpass"):
        return iso
    verb = head.head
    if verb.lemma_.lower() in VENUE_VERBS | SPEECH_VERBS or any(
            c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return None  # a venue, a destination, or where a visitor may have spoken
    return located(st, verb)


def main_country(st: Builder) -> str | None:
    """The article's country: its dateline's ("NAIROBI —" too), else the one named most often (if it
    leads)."""
    if st.main is not False:
        return st.main
    st.main = None
    dl = st.d.filed
    if dl:
        # "TRIPOLI, Lebanon —": a country named after the place says whose place it is
        region = st.text[dl.region[0]:dl.region[1]] if dl.region else ""
        words = dl.place_text(st.text).title()
        iso = next((x.country for x in st.d.lex.index.get(norm(region), ()) if x.kind == "country"), None) \
            or (st.d.city_named(words) if words in st.d.lex.homonyms else None) \
            or next((x.country for x in st.d.lex.index.get(norm(words), ()) if x.kind in PLACE_KINDS), None) \
            or st.d.city_named(words)
        if iso:
            st.main = iso
            return iso
    # its places and nationalities, and its named persons and bodies our dictionaries know, one vote each
    votes = [iso for _, iso in st.country_refs] + [
        b.country for b in st.actors.values() if b.country_from == "dictionary" and b.country not in INTERNATIONAL]
    count: dict[str, int] = {}
    for iso in votes:
        count[iso] = count.get(iso, 0) + 1
    ranked = sorted(count.items(), key=lambda x: -x[1])
    # it must carry at least half of all votes and lead: a story about many countries has none
    if ranked and ranked[0][1] >= 2 and 2 * ranked[0][1] >= len(votes) and \
            (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        st.main = ranked[0][0]
    return st.main
