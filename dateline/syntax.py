"""What the stages ask of a parse and of a text's layout: clause heads, subjects, conjuncts, paragraphs.

Plain functions over spaCy tokens (and over the text for paragraphs), with no stage's knowledge
in them; a stage's own judgement (is this subject a speaker? an actor?) stays in the stage.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .lexicon import words

_LINE = re.compile(r"[^\n]+")
# Doc.user_data keys of what the stages read of a Doc many times, made once (tokens, doc_text)
_TOKENS = "dateline.tokens"
_TEXT = "dateline.text"
_ENTS = "dateline.ents"


def tokens(doc) -> list:
    """Every Token of the Doc, made once: a Doc builds a new Token object at each index or step of
    an iteration, and the stages walk an article's tokens many times. ``Pipeline.analyse`` drops
    the list when the stages are done (``forget_tokens``)."""
    toks = doc.user_data.get(_TOKENS)
    if toks is None or len(toks) != len(doc):
        toks = doc.user_data[_TOKENS] = list(doc)
    return toks


def _kept(doc, key: str, make: Callable):
    """``make(doc)``, made once per Doc and kept in its ``user_data`` until ``forget_tokens``."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = make(doc)
    return value


def doc_text(doc) -> str:
    """The Doc's text, joined once (``Doc.text`` joins every token at each call)."""
    return _kept(doc, _TEXT, lambda d: d.text)


def entities(doc) -> tuple:
    """``Doc.ents``, built once (each call makes every entity Span anew)."""
    return _kept(doc, _ENTS, lambda d: d.ents)


def know_text(doc, text: str) -> None:
    """Tell ``doc_text`` the Doc's text (the caller knows the Doc is over exactly ``text``)."""
    doc.user_data[_TEXT] = text


def span_tokens(span) -> list:
    """The tokens of a Span (a sentence), from the Doc's cached list (``tokens``)."""
    return tokens(span.doc)[span.start:span.end]


def forget_tokens(doc) -> None:
    """Drop what ``tokens``, ``doc_text`` and ``entities`` kept (the Token list holds the Doc in a cycle)."""
    for key in (_TOKENS, _TEXT, _ENTS):
        doc.user_data.pop(key, None)


def is_clause_head(t) -> bool:
    """A verb that heads a clause (not an auxiliary), or the root of the parse."""
    return (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")) or t.head is t


def clause_head(tok):
    """The verb heading the clause a token belongs to (itself when it heads one)."""
    t = tok
    for _ in range(50):
        if is_clause_head(t):
            return t
        t = t.head
    return t


def children(tok, deps) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def passive(tok) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def direct_object(tok):
    """The direct object (the patient subject of a passive)."""
    found = children(tok, ("nsubjpass",) if passive(tok) else ("dobj", "obj"))
    return found[0] if found else None


def prep_objects(tok, prep_words) -> list:
    """Objects of tok's prepositions (and of its agent and dative) whose word is in ``prep_words``."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in prep_words:
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
    return out


def subject(tok, depth: int = 0, through=None):
    """The subject of tok's clause, climbing through control, coordination and relative clauses;
    the agent of a passive verb ("was attacked by X": X). ``through`` maps a subject the parse
    gives to the one meant, or to None to skip it (events: a dateline's place)."""
    if depth > 6:
        return None
    if passive(tok) and tok.pos_ == "VERB":
        agent = prep_objects(tok, {"by"})
        return agent[0] if agent else None
    subj = [s for c in tok.children if c.dep_ in ("nsubj", "csubj")
            and (s := (through(c) if through else c)) is not None]
    if subj:
        s = subj[0]
        if s.lower_ in words("relative_pronouns") and tok.dep_ == "relcl":
            return tok.head  # "the country, which remains ..." -> the country
        return s
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.lower_ in ("of", "for"):
        obj = [c for c in tok.head.head.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        if obj:  # "accused Russia of attacking ...", "blamed Israel for bombing ...": Russia attacked
            return obj[0]
    if tok.dep_ == "xcomp" and tok.head.pos_ == "VERB":
        raised = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
        if raised:  # "is expected to visit", "was forced to resign": the passive subject
            return raised[0]
        obj = [c for c in tok.head.children if c.dep_ in ("dobj", "obj")]
        if obj:  # object control: "urged both parties to allow ..." -> both parties allow
            return obj[0]
    if tok.dep_ in ("xcomp", "conj", "advcl", "acomp") and tok.head != tok:
        return subject(tok.head, depth + 1, through)
    if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "obj") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return subject(tok.head.head, depth + 1, through)  # "staged demonstrations to demand ...": they demand
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBG":
        return tok.head  # "a parade showcasing ..." -> the parade
    if tok.dep_ == "relcl":
        return tok.head
    return None


_NOMINAL = ("NOUN", "PROPN", "PRON", "ADJ")


def conjuncts(tok, pos: tuple[str, ...] | None = _NOMINAL) -> list:
    """The token and the tokens coordinated with it ("Putin and Pezeshkian"), in text order;
    only conjuncts whose part of speech is in ``pos`` (None: any)."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj" and (pos is None or c.pos_ in pos))
    return sorted(out, key=lambda t: t.i)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: a non-blank line, whitespace trimmed."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def paragraph_of(text: str) -> Callable[[int], int]:
    """A function from a character offset to the index of its paragraph (as ``paragraphs``
    numbers them; characters before the first paragraph count as in it)."""
    starts = [s for s, _ in paragraphs(text)]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)
