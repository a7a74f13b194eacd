"""Coreference inside an article: titles, ages, pronouns, appositions and group expressions.

A definite title ("the Vermont senator") joins the one person named before it who holds a compatible
title; an age description ("the 74-year-old") the one person of that age; a person pronoun the nearest
person (the last speaker, for "he added"); an organisation's pronoun the subject of an enclosing
clause; an appositive its head; "both countries" the two countries the text has been about.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from .builder import Builder, Built
from .lexicon import PRONOUN_GENDER, SPEECH_VERBS, THING_PRONOUNS, WORDS, word_set
from .names import core, root

TITLE_GENDER = WORDS["gendered_title"]
GROUP_HEADS = word_set("group_head")
PLURAL_GROUPS = word_set("plural_group")
WHILE_MARKS = word_set("while_mark")
AGE_DESCRIPTION = re.compile(r"\b[Tt]he (\d{1,3})-year-old\b")
AGE_OF = re.compile(r"\b(\d{1,3})-year-old\b")


def resolve(st: Builder, groups: list, pronouns: list) -> None:
    """Join every description to its actor, once the named actors are known: group expressions,
    appositions, ages, then pronouns."""
    for t in groups:
        resolve_group(st, t)
    link_appositions(st)
    resolve_ages(st)
    people = People(st)
    for t in pronouns:
        resolve_pronoun(st, t, people)


def title_holder(st: Builder, s: int, term: str, iso, places: set[str] = frozenset()) -> Built | None:
    """The person a definite title starting at token s describes: the one person named before it
    holding a compatible title (holds), no other country and no other place in its titles ("the
    Vermont senator" is not "Florida Sen. X"), the latest mention within its own
    and the two paragraphs before; beyond them, the one such person in the article. Two
    candidates: none (no link rather than a wrong link)."""
    para = st.paragraph(s)
    near: dict[str, Built] = {}
    far: dict[str, Built] = {}
    for k in st.order:
        b = st.actors[k]
        if b.kind != "person" or (iso and b.country and b.country != iso) or not holds(st, b, term):
            continue
        if places and b.title_places and not places & b.title_places:
            continue  # "the Vermont senator" is not "Florida Sen. X"
        before = [m for m in b.mentions if m[1] <= s]
        if not before:
            continue
        b = appositive_of(st, b) or b  # "X, a senator from Vermont": X, not the title
        (near if st.paragraph(max(before)[0]) >= para - 2 else far)[b.key] = b
    for k in near:
        far.pop(k, None)
    # a named person first; an unnamed one ("A governor said ... The governor added") only
    # when no named person holds the title
    for pool in (near, far):
        if pool:
            found = [b for b in pool.values() if b.key.startswith("P:")] or list(pool.values())
            return found[0] if len(found) == 1 else None
    return None


def resolve_ages(st: Builder) -> None:
    """"The 74-year-old said": the one person named before it whose age was given as that number
    ("X, 74,", "74-year-old X"); no person of that known age, or two: no link."""
    if "-year-old" not in st.text:
        return
    doc = st.doc
    for m in AGE_DESCRIPTION.finditer(st.text):
        sp = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if sp is None or (sp.end < len(doc) and st.d.role_at(sp.end)):
            continue  # "the 83-year-old justice": the title rule's business
        taken = st.mentioned()  # once per description, not once per token
        if any(j in taken for j in range(sp.start, sp.end)):
            continue
        found = []
        for b in st.actors.values():
            if b.kind == "person" and b.key.startswith("P:") and m.group(1) in ages(st, b, sp.start):
                found.append(b)
        if len(found) == 1:
            st.mention(found[0], sp.start, sp.end)


def ages(st: Builder, b: Built, before: int) -> set[str]:
    """The ages given for person b at mentions ending before token index before."""
    toks, out = st.d.toks, set()
    for s, e in b.mentions:
        if e > before:
            continue
        out.update(AGE_OF.findall(st.doc[s:e].text))
        if e + 2 < len(toks) and toks[e].text == "," and toks[e + 1].like_num and toks[e + 2].text in (",", ")", ".", ";"):
            out.add(toks[e + 1].text)
    return out


def appositive_of(st: Builder, b: Built) -> Built | None:
    """The named person an unnamed title is in apposition with (link_appositions merges them later)."""
    if not b.key.startswith("R:"):
        return None
    t = st.d.toks[int(b.key[2:])]
    others = [t.head] if t.dep_ == "appos" else [c for c in t.children if c.dep_ == "appos"]
    for o in others:
        for a in st.actors.values():
            if a.key.startswith("P:") and any(m[0] <= o.i < m[1] for m in a.mentions):
                return a
    return None


def holds(st: Builder, b: Built, term: str) -> bool:
    """Whether person b has been given a title compatible with term: the same title, or one it
    is the head of ("minister" for "foreign minister")."""
    if term in b.roles:
        return True
    titles = [*b.roles, b.role.lower()] if b.role else b.roles
    return any(term in x and re.search(rf"(?<!\w){re.escape(term)}(?!\w)", x) for x in titles)


def group_expression(st: Builder, t) -> bool:
    if t.lower_ in ("country", "nation") and [c.lower_ for c in t.lefts] == ["the"]:
        return True  # "the country": resolved like a group, to one country
    if t.lemma_.lower() not in GROUP_HEADS or t.tag_ != "NNS":
        return False
    return any(c.lower_ in ("both", "two") for c in t.lefts)


def the_country(st: Builder, t) -> None:
    """"the country" is the country named last before this sentence."""
    start = t.sent.start
    before = [iso for j, iso in st.country_refs if j < start]
    if before:
        st.mention(st.country_actor(before[-1]), t.i - 1, t.i + 1)


def resolve_group(st: Builder, t) -> None:
    if t.tag_ in ("NN", "NNP"):
        the_country(st, t)
        return
    s, e = core(st.d, t)
    if t.lemma_.lower() == "leader":
        people = sorted((a for a in st.actors.values() if a.kind == "person" and a.last < t.i),
                        key=lambda a: -a.last)[:2]
        for a in people:
            st.mention(a, s, e)
        return
    sents = list(st.doc.sents)
    k = next(i for i, x in enumerate(sents) if x.start <= t.i < x.end)
    lo = sents[max(0, k - 3)].start
    if t.lemma_.lower() in ("side", "party"):
        # "both sides", "both parties": the two actors last named together ("forces and rebels")
        pair = last_pair(st, lo, s)
        if pair:
            for a in pair:
                st.mention(a, s, e)
            return
    # the two countries the text has been about: among those named in this sentence and the
    # three before, the two named most often so far (nearest first on ties)
    before = [(j, iso) for j, iso in st.country_refs if j < s]
    recent = {iso: j for j, iso in before if j >= lo}
    if len(recent) < 2:  # "both countries" may come first: look to the rest of the sentence
        for j, iso in st.country_refs:
            if j > e and j < sents[k].end and iso not in recent:
                recent[iso] = j
    if len(recent) < 2:
        return  # one side known is no pair: better nothing than a wrong one
    count = {iso: sum(1 for _, x in before if x == iso) for iso in recent}
    seen = sorted(recent, key=lambda iso: (-count[iso], -recent[iso]))[:2]
    for iso in seen:
        st.mention(st.country_actor(iso), s, e)


def last_pair(st: Builder, lo: int, hi: int) -> list[Built] | None:
    """The two actors last coordinated ("A and B", "of A and of B") between tokens lo and hi."""
    def actor(tok):
        if tok.pos_ == "ADP":
            tok = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if tok is None:
                return None
        for a in st.actors.values():
            if any(ms <= tok.i < me and me - ms < 12 for ms, me in a.mentions):
                return a
        return None
    for c in reversed(st.d.toks[lo:hi]):
        if c.dep_ == "conj" and c.head.i >= lo:
            a, b = actor(c.head), actor(c)
            if a is not None and b is not None and a is not b:
                return [a, b]
    return None


def link_appositions(st: Builder) -> None:
    """An appositive and its head are one actor: merge the unnamed title into the named person."""
    by_token: dict[int, Built] = {}
    for a in st.actors.values():
        for s, e in a.mentions:
            for j in range(s, e):
                by_token.setdefault(j, a)
    toks = st.d.toks
    for t in toks:
        if t.dep_ == "appos":
            a, b = by_token.get(t.i), by_token.get(t.head.i)
        elif t.text == "," and t.i + 2 < len(toks) and toks[t.i + 1].lower_ in ("a", "an") and t.i > 0:
            # "According to Kim Min-seok, a professor at ...": the parser may miss an apposition
            # that the words make plain; a name, a comma and an indefinite title
            a, b = by_token.get(t.i - 1), by_token.get(t.i + 1)
            if a is None or b is None or not (a.key.startswith("P:") and b.key.startswith("R:")) or \
                    not any(m[1] == t.i for m in a.mentions) or not any(m[0] == t.i + 1 for m in b.mentions):
                continue
        else:
            continue
        if not a or not b or a is b:
            continue
        named, other = (a, b) if a.kind == "person" and a.key.startswith("P:") else (b, a)
        if other.kind != "person" or not other.key.startswith("R:") or not named.key.startswith("P:"):
            continue
        if st.actors.get(named.key) is not named or st.actors.get(other.key) is not other:
            continue  # one of them was merged already
        st.merge(named, other)
        for j, x in list(by_token.items()):
            if x is other:
                by_token[j] = named


def things_by_token(st: Builder) -> dict[int, Built]:
    """Token -> the first actor other than a person mentioned there (mentions under 12 tokens)."""
    by_token: dict[int, Built] = {}
    for a in st.actors.values():
        if a.kind != "person":
            for s, e in a.mentions:
                if e - s < 12:
                    for j in range(s, e):
                        by_token.setdefault(j, a)
    return by_token


def bind_pronoun(st: Builder, t, by_token: dict[int, Built] | None = None) -> None:
    """"North Korea has built a base near its border", "The rebels said they would ...": the
    pronoun is the subject of an enclosing clause when number and kind agree (``by_token``:
    ``things_by_token``, kept up to date by the caller)."""
    plural = THING_PRONOUNS[t.lower_]
    if by_token is None:
        by_token = things_by_token(st)

    def agrees(tok, a) -> bool:
        many = tok.tag_ in ("NNS", "NNPS") or a.kind == "group" and (
            tok.lower_.endswith("s") or tok.lower_ in PLURAL_GROUPS)  # "police said they ..."
        return many == plural

    node = t
    for _ in range(4):
        node = node.head
        if node.i == t.head.i and t.dep_ == "nsubj" and node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in WHILE_MARKS for c in node.children):
            # "police arrested students as they marched": the pronoun of a clause of what was going
            # on is the main clause's object, when that is a group of the same number
            o = object_actor(node.head, by_token)
            if o is not None and agrees(*o):
                st.mention(o[1], t.i, t.i + 1)
                by_token.setdefault(t.i, o[1])
                return
        subj = max((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i),
                   key=lambda c: c.i, default=None)
        if subj is not None:
            a = by_token.get(subj.i)
            if a is None:
                return
            if agrees(subj, a):
                st.mention(a, t.i, t.i + 1)
                by_token.setdefault(t.i, a)
            return
        if node.head.i == node.i:
            return


def object_actor(verb, by_token: dict) -> tuple | None:
    """(token, actor) of the verb's direct object when it is an actor: "arrested students", "arrested
    dozens of students" (the actor of the "of" phrase under a quantity)."""
    for c in verb.children:
        if c.dep_ != "dobj":
            continue
        if c.i in by_token:
            return c, by_token[c.i]
        for p in c.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                o = next((x for x in p.children if x.dep_ == "pobj" and x.i in by_token), None)
                if o is not None:
                    return o, by_token[o.i]
    return None


class People:
    """The person actors' mentions, speech-verb subjects and main-clause subjects, each a sorted list
    of (token, person), and the other actors by token: a pronoun reads only the stretch before it
    that can hold its antecedent (``bisect``), not every mention of the article, so resolving an
    article's pronouns stays near linear in its length."""

    def __init__(self, st: Builder):
        self.people = [a for a in st.actors.values() if a.kind == "person"]
        self.things = things_by_token(st)  # for "its", "they": bind_pronoun
        self.ends: list[tuple[int, int]] = []
        self.said: list[tuple[int, int]] = []
        self.subj: list[tuple[int, int]] = []
        for k, a in enumerate(self.people):
            self.ends += [(e - 1, k) for _, e in a.mentions]
            self.said += [(p, k) for p in a.speech]
            self.subj += [(j, k) for j in main_subjects(st, a)]
        for x in (self.ends, self.said, self.subj):
            x.sort()

    def add(self, st: Builder, k: int, t) -> None:
        """Pronoun t is now a mention of person k."""
        insort(self.ends, (t.i, k))
        if t.i in self.people[k].speech:
            insort(self.said, (t.i, k))
        if main_subject(st, (t.i, t.i + 1)) >= 0:
            insort(self.subj, (t.i, k))


def latest(items: list[tuple[int, int]], lo: int, hi: int) -> dict[int, int]:
    """Person -> its latest token among items in [lo, hi)."""
    out: dict[int, int] = {}
    for j, k in items[bisect_left(items, (lo, -1)):bisect_left(items, (hi, -1))]:
        out[k] = j
    return out


def resolve_pronoun(st: Builder, t, people: People | None = None) -> None:
    """A person pronoun is the nearest earlier person; "he added" is the last speaker. Within the
    pronoun's window a person scores its latest mention, a speaker (for "he said") its latest speech
    above any mention, a known matching gender above both, and the person just named as a main
    clause's subject in this paragraph above all ("X said ...", "X fired back ..."), known gender first."""
    people = people or People(st)
    if t.lower_ in THING_PRONOUNS:
        bind_pronoun(st, t, people.things)
        return
    speech = t.dep_ == "nsubj" and t.head.lemma_ in SPEECH_VERBS
    window = max(0, t.sent.start - 80)
    gender = PRONOUN_GENDER[t.lower_]
    para = st.text.rfind("\n", 0, t.idx) + 1
    named = latest(people.ends, window, t.i)
    spoke = latest(people.said, window, t.i) if speech else {}
    subjects: dict[int, int] = {}
    for j, k in reversed(people.subj[:bisect_left(people.subj, (t.i, -1))]):
        if st.d.toks[j].idx < para:
            break
        subjects.setdefault(k, j)
    best, best_pos = None, -1
    for k in sorted(named.keys() | spoke.keys() | subjects.keys()):
        g = gender_of(st, people.people[k])
        if g not in (None, gender):
            continue
        pos = max(named.get(k, -1), spoke.get(k, -1000001) + 1000000)
        if pos >= 0 and g == gender:  # known to match beats unknown
            pos += 2000000
        if k in subjects:
            pos = max(pos, subjects[k] + (5000000 if g == gender else 4000000))
        if pos > best_pos:
            best, best_pos = k, pos
    if best is not None:
        a = people.people[best]
        st.mention(a, t.i, t.i + 1)
        a.gender = gender
        people.add(st, best, t)


def main_subjects(st: Builder, a: Built) -> list[int]:
    """Token indices where a mention of a is the subject of a main clause."""
    return [j for m in a.mentions if (j := main_subject(st, m)) >= 0]


def main_subject(st: Builder, m: tuple[int, int]) -> int:
    """The root of mention m if it is the subject of a main clause, else -1 (cached per mention)."""
    j = st.subject_of.get(m, -2)
    if j == -2:
        r = root(st.doc, *m)
        j = st.subject_of[m] = r.i if r.dep_ in ("nsubj", "nsubjpass") and r.head.dep_ in ("ROOT", "conj") \
            and m[1] - m[0] < 12 else -1
    return j


def gender_of(st: Builder, a: Built) -> str | None:
    """What pronouns or gendered titles ("Mrs", "spokeswoman") have said about a person."""
    if a.gender is None:
        for s, e in a.mentions[a.gender_seen:]:  # mentions only grow: each is read once
            for j in range(s, e):
                g = TITLE_GENDER.get(st.d.toks[j].lower_)
                if g:
                    a.gender = g
                    return g
        a.gender_seen = len(a.mentions)
    return a.gender
