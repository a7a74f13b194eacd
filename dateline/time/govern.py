"""Which temporal expression governs a token's clause (for dating events)."""

from __future__ import annotations

from ..syntax import clause_head, is_clause_head


def _attachment(tok, target):
    """Walk up from a timex's root: 'direct' if we reach ``target`` before any clause head,
    else the clause head reached."""
    t = tok
    for _ in range(50):
        if t.head is t:
            return t
        t = t.head
        if t is target or t.i == target.i:
            return "direct"
        if is_clause_head(t):
            return t
    return t


def governing_timex(token, record):
    """The Timex attached to ``token`` or to the clause it belongs to, else None.

    ``token`` is a spaCy Token of the Doc over ``record.article.text`` (an event verb or noun).
    A temporal expression in another clause (a subordinate or a coordinated one) does not count.
    Several candidates: one attached to the token itself first, then the nearest.
    """
    doc = token.doc
    sent = token.sent
    own = clause_head(token)
    best, best_key = None, None
    for tx in record.timexes:
        if tx.end <= sent.start_char or tx.start >= sent.end_char:
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if span.start <= token.i < span.end:
            continue  # the token is part of the expression itself
        root = span.root
        where = _attachment(root, token)
        if where == "direct":
            rank = 0
        elif where.i == own.i:
            rank = 1
        else:
            continue
        key = (rank, min(abs(root.i - token.i), abs(span.start - token.i)))
        if best_key is None or key < best_key:
            best, best_key = tx, key
    return best
