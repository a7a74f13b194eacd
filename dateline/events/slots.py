"""Argument slots: which words of the parse fill a slot an event's lexicon entry names.

A slot is a name in the lexicon's ``source`` and ``target`` lists: an exact name (``subj``,
``dobj``, ``loc`` ...) or a prefixed one (``prep:with``, ``obj_prep:to``, ``verb:subj``,
``xcomp_obj``, ``advcl_subj``). ``SLOTS`` and ``PREFIXED`` are the dispatch tables; the lexicon
checks every slot name against them when it loads (``check_slot``), so a misspelt slot is an error.
"""

from __future__ import annotations

SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
REL_PRONOUNS = {"which", "that", "who", "whom", "whose"}


def lemmas(tok) -> set[str]:
    """The token's lemma and the stems its inflection suggests: the small model's lemmatizer
    sometimes errs ("hoped" -> "hop"), and a missed governor changes an event's status."""
    low = tok.lower_
    out = {tok.lemma_.lower(), low}
    for suffix, repl in (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.add(low[: -len(suffix)] + repl)
    return out


def children(tok, deps):
    return [c for c in tok.children if c.dep_ in deps]


def conjuncts(tok):
    """The token and the tokens coordinated with it ("Putin and Pezeshkian")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"))
    return sorted(out, key=lambda t: t.i)


def conjuncts_any(tok):
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def passive(tok) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def obj(tok):
    """The direct object (the patient subject of a passive)."""
    found = children(tok, ("nsubjpass",) if passive(tok) else ("dobj", "obj"))
    return found[0] if found else None


def pobj(tok, prep_words):
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in prep_words:
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
    return out


def dateline_word(tok) -> bool:
    """The place of a dateline ("HANOI —" at the start of a line), which the parser often takes for
    the subject of the first sentence."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    line_start = tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
    return (line_start and tok.is_upper and len(tok.text) > 1 and nxt is not None
            and nxt.text in ("—", "–", "-", "--"))


def past_dateline(tok):
    """A subject that is a dateline's place stands for its apposition ("HANOI — Vietnam and the
    Philippines signed"), else for nothing; any other subject for itself."""
    if not dateline_word(tok):
        return tok
    return next((c for c in tok.children if c.dep_ == "appos"), None)


def subject(tok, depth=0):
    """The subject of tok's clause, climbing through control, coordination and relative clauses."""
    if depth > 6:
        return None
    if passive(tok) and tok.pos_ == "VERB":
        agent = pobj(tok, {"by"})
        return agent[0] if agent else None
    subj = [s for c in tok.children if c.dep_ in ("nsubj", "csubj") and (s := past_dateline(c)) is not None]
    if subj:
        s = subj[0]
        if s.lower_ in REL_PRONOUNS and tok.dep_ == "relcl":
            return tok.head  # "the country, which remains ..." -> the country
        return s
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.lower_ in ("of", "for"):
        o = [c for c in tok.head.head.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        if o:  # "accused Russia of attacking ...", "blamed Israel for bombing ...": Russia attacked
            return o[0]
    if tok.dep_ == "xcomp" and tok.head.pos_ == "VERB":
        raised = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
        if raised:  # "is expected to visit", "was forced to resign": the passive subject
            return raised[0]
        o = [c for c in tok.head.children if c.dep_ in ("dobj", "obj")]
        if o:  # object control: "urged both parties to allow ..." -> both parties allow
            return o[0]
    if tok.dep_ in ("xcomp", "conj", "advcl", "acomp") and tok.head != tok:
        return subject(tok.head, depth + 1)
    if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "obj") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return subject(tok.head.head, depth + 1)  # "staged demonstrations to demand ...": they demand
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBG":
        return tok.head  # "a parade showcasing ..." -> the parade
    if tok.dep_ == "relcl":
        return tok.head
    return None


# ---- the slots --------------------------------------------------------------------------------
# each filler takes (cues, cand, tok) (a prefixed one also the rest of the name) and returns tokens

def _subj(c, cand, tok):
    s = subject(tok)
    return [s] if s is not None else []


def _dobj(c, cand, tok):
    o = obj(tok)
    return [o] if o is not None else []


def _dative(c, cand, tok):
    d = children(tok, ("dative",))
    return d + [g for x in d for g in x.children if g.dep_ == "pobj"]


def _obj_poss(c, cand, tok):
    o = obj(tok)
    return children(o, ("poss",)) if o is not None else []


def _obj_mod(c, cand, tok):  # "block Iraqi trade": whose trade
    o = obj(tok)
    return [x for x in o.children if x.dep_ in ("amod", "compound") and x.i < o.i] if o is not None else []


def _modifier(dep):
    def fill(c, cand, tok):
        return [x for x in tok.children if x.dep_ == dep and x.i < tok.i]
    return fill


def _comp_subj(c, cand, tok):
    return [s for x in children(tok, ("ccomp", "xcomp")) for s in x.children if s.dep_ in ("nsubj", "nsubjpass")]


def _acl_subj(c, cand, tok):
    return [s for x in children(tok, ("acl", "ccomp")) for s in x.children if s.dep_ in ("nsubj", "nsubjpass")]


def _under_subj(c, cand, tok):
    if tok.dep_ == "pobj" and tok.head.lower_ == "under":
        v = tok.head.head
        s = subject(v) if v.pos_ in ("VERB", "AUX") else v
        return [s] if s is not None else []
    return []


def _loc(c, cand, tok):
    preps = c["location_preps"]
    out = pobj(tok, preps)
    o = obj(tok) if tok.pos_ in ("VERB", "AUX") else None
    if o is not None:
        out += pobj(o, preps)
    # "at this jail in northern Israel": one level further down
    return out + [g for p in list(out) for g in pobj(p, preps)]


def _prep(c, cand, tok, word):
    out = pobj(tok, {word})
    if not out and tok.pos_ in ("VERB", "AUX") and (o := obj(tok)) is not None:
        out = pobj(o, {word})  # "shared evidence with the U.S.": either attachment
    return out


def _obj_prep(c, cand, tok, word):
    o = obj(tok) if tok.pos_ != "NOUN" else tok
    return pobj(o, {word}) if o is not None else []


def _clause(dep):
    """``xcomp_X``, ``advcl_X``: slot X of the clause the word governs (``obj`` for ``dobj``)."""
    def fill(c, cand, tok, rest):
        return [t for x in children(tok, (dep,)) for t in fill_slot(c, cand, "dobj" if rest == "obj" else rest, x)]
    return fill


def _verb(c, cand, tok, rest):
    """``verb:X``: slot X of the verb a nominal event is the object of ("launched an attack")."""
    verb = cand.obj if cand.entry.pos == "noun" else None
    first = tok
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.dep_ in ("dobj", "obj"):
        # "launched ten days of war games": the games are what was launched
        first = first.head.head
        verb = first.head
    if verb is None or verb == tok or first.dep_ not in ("dobj", "nsubjpass", "obj", "pobj"):
        return []
    if first.dep_ == "pobj":
        if not (first.head.lower_ == "under" or verb.dep_ == "prep"):
            return []
        if first.head.lower_ == "under" and rest == "subj":
            return []  # "X remains under sanctions": X is the target (under_subj), not the source
        verb = first.head.head
    if rest == "subj" and not lemmas(verb) & c["support_verbs"] and first.dep_ != "pobj":
        return []
    return fill_slot(c, cand, rest, verb)


SLOTS = {
    "subj": _subj, "dobj": _dobj, "dative": _dative, "obj_poss": _obj_poss, "obj_mod": _obj_mod,
    "poss": _modifier("poss"), "compound": _modifier("compound"), "amod": _modifier("amod"),
    "ccomp_subj": _comp_subj, "xcomp_subj": _comp_subj, "acl_subj": _acl_subj, "under_subj": _under_subj,
    "loc": _loc,
}
PREFIXED = {"prep:": _prep, "obj_prep:": _obj_prep, "verb:": _verb, "xcomp_": _clause("xcomp"),
            "advcl_": _clause("advcl")}
TAKES_SLOT = ("verb:", "xcomp_", "advcl_")  # prefixes whose rest is itself a slot (the others take a word)


def _split(slot: str):
    for prefix, fill in PREFIXED.items():
        if slot.startswith(prefix) and slot not in SLOTS:
            return fill, slot[len(prefix):]
    return None, None


def check_slot(slot: str) -> None:
    """Raise ValueError for a slot name no filler serves (``verb:`` and the clause prefixes take a slot)."""
    if slot in SLOTS:
        return
    fill, rest = _split(slot)
    if fill is None or not rest:
        raise ValueError(f"unknown argument slot {slot!r}")
    if slot.startswith(TAKES_SLOT):
        check_slot("dobj" if rest == "obj" else rest)


def fill_slot(cues, cand, slot: str, tok=None) -> list:
    """Tokens filling a slot of the candidate's word (or of ``tok``), before actor resolution."""
    tok = tok if tok is not None else cand.tok
    fill = SLOTS.get(slot)
    if fill is not None:
        return fill(cues, cand, tok)
    fill, rest = _split(slot)
    if fill is None:
        raise ValueError(f"unknown argument slot {slot!r}")
    return fill(cues, cand, tok, rest)
