"""Argument slots: which words of the parse fill a slot an event's lexicon entry names.

A slot is a name in the lexicon's ``source`` and ``target`` lists: an exact name (``subj``,
``dobj``, ``loc`` ...) or a prefixed one (``prep:with``, ``obj_prep:to``, ``verb:subj``,
``xcomp_obj``, ``advcl_subj``). ``SLOTS`` and ``PREFIXED`` are the dispatch tables; the lexicon
checks every slot name against them when it loads (``check_slot``), so a misspelt slot is an error.
"""

from __future__ import annotations

from ..lexicon import words
from ..syntax import children, conjuncts
from ..syntax import direct_object as obj
from ..syntax import prep_objects as pobj
from ..syntax import subject as _subject

SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
REL_PRONOUNS = words("relative_pronouns")


def conjuncts_any(tok):
    return conjuncts(tok, None)


def lemmas(tok) -> set[str]:
    """The token's lemma and the stems its inflection suggests: the small model's lemmatizer
    sometimes errs ("hoped" -> "hop"), and a missed governor changes an event's status."""
    low = tok.lower_
    out = {tok.lemma_.lower(), low}
    for suffix, repl in (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.add(low[: -len(suffix)] + repl)
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
    """The subject of tok's clause (``dateline.syntax.subject``), a dateline's place skipped."""
    return _subject(tok, depth, through=past_dateline)


# ---- the slots --------------------------------------------------------------------------------
# each filler takes (cues, cand, tok) (a prefixed one also the rest of the name) and returns tokens

def _subj(c, cand, tok):
    s = subject(tok)
    return [s] if s is not None else []


def _dobj(c, cand, tok):
    o = obj(tok)
    if o is None and tok.i == cand.tok.i and len(cand.entry.words) == 2:
        # a phrasal verb's object after a particle parsed as a preposition: "called on residents to ..."
        o = next((g for x in tok.children if x.dep_ == "prep" and x.lower_ == cand.entry.words[1]
                  for g in x.children if g.dep_ == "pobj"), None)
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
