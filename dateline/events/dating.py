"""Event dates: the event's own temporal expression, else the occasion or event it refers to.

``Dater`` keeps the dated mentions of an article; ``date_event`` is the order in which an
event's date is looked for, each step one function here.
"""

from __future__ import annotations

import re
from datetime import date as _date
from datetime import timedelta

from dateline.record import EventDate
from dateline.time import governing_timex

from .slots import REL_PRONOUNS, lemmas


def _timex_token(doc, tx):
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


class Dater:
    """Dates events: their own temporal expression, else the occasion they refer back to."""

    def __init__(self, record, doc, speech_verbs=frozenset()):
        self.record, self.doc, self.speech = record, doc, speech_verbs
        self.occasions: dict[str, list] = {}  # noun lemma -> [(char offset, Timex)] of dated mentions
        for tx in record.timexes:
            if tx.type != "DATE" or not tx.value:
                continue
            root = _timex_token(doc, tx)
            if root is None:
                continue
            # "the parade on September 3", "Beijing's 2015 parade": a timex inside a noun phrase
            t = root
            for _ in range(3):
                if t.head == t:
                    break
                t = t.head
                if t.pos_ == "NOUN":
                    self.occasions.setdefault(t.lemma_.lower(), []).append((t.idx, tx))
                    break
                if t.pos_ not in ("ADP",):
                    break

    def own(self, cand):
        """The event's own temporal expression: the clause's for a verb, one inside the phrase for a noun."""
        tok = cand.tok
        if cand.entry.pos != "noun":
            tx = governing_timex(tok, self.record)
            if tx is not None and _of_the_reporting_verb(tok, tx, self.speech):
                return None
            # a duration ("sentenced to five years") or a set does not date an event
            return tx if tx is not None and tx.type in ("DATE", "TIME") and tx.value else None
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        for tx in self.record.timexes:
            if tx.type == "DATE" and tx.value and lo <= tx.start and tx.end <= hi:
                root = _timex_token(self.doc, tx)
                t = root
                for _ in range(2):  # attached to the noun itself ("the 2015 parade", "the parade on September 3"), not to a clause inside the phrase
                    if t is None or t == tok or t.head == t:
                        break
                    if t.pos_ in ("VERB", "AUX"):
                        t = None
                        break
                    t = t.head
                if t == tok:
                    return tx
        # "attack on Pearl Harbor in 1941": a date right after the phrase, often mis-attached by the parser
        nxt = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in ("in", "on") and nxt.dep_ == "prep" and nxt.head.i < tok.i:
            for tx in self.record.timexes:
                if tx.type == "DATE" and tx.value and tx.start == nxt.idx + len(nxt.text) + 1:
                    return tx
        return None

    def note(self, noun, tx):
        """An event on ``noun`` dated by ``tx``: later mentions of the noun can take the date."""
        if noun is not None and tx is not None and noun.pos_ == "NOUN":
            self.occasions.setdefault(noun.lemma_.lower(), []).append((noun.idx, tx))

    def referred(self, noun):
        """The date of an earlier (else later) dated mention of the same occasion, for a definite noun."""
        if noun is None or noun.pos_ != "NOUN":
            return None
        if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in noun.children):
            return None
        dated = self.occasions.get(noun.lemma_.lower(), [])
        before = [x for x in dated if x[0] < noun.idx]
        pick = before[-1] if before else (dated[0] if dated else None)
        return pick[1] if pick else None

    @staticmethod
    def same_occasion(event, source, earlier):
        """The latest earlier planned event of the same kind by the same actor, dated in the text
        ("Kim will attend the parade next week ... Kim's upcoming visit")."""
        if source is None or source.actor is None:
            return None
        for e in reversed(earlier):
            if (e.status == "planned" and e.type == event.type and e.mode == event.mode and e.source is not None
                    and e.source.actor == source.actor and e.date.from_ == "text"):
                return e
        return None


def _of_the_reporting_verb(tok, tx, speech_verbs) -> bool:
    """"said on Tuesday it would send ...": an expression between a speech verb and the subject of
    its complement dates the saying, though the parser may hang it on the complement's verb."""
    if tok.dep_ != "ccomp" or not lemmas(tok.head) & speech_verbs or tok.head.i > tok.i:
        return False
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and tok.head.idx < tx.start and tx.end <= subj.idx


def object_noun(cand):
    """The noun an event is about ("attend the parade" -> parade) for reference dating."""
    tok = cand.tok
    if cand.entry.pos == "noun":
        return tok
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    for c in tok.children:
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ == "NOUN":
                    return g
    return None


def governing_event(cand, dated, record, support=None):
    """The text date of the event verb a nominal event hangs from through a preposition."""
    tok = cand.tok
    if cand.entry.pos != "noun":
        return None
    if tok.dep_ in ("nsubj", "nsubjpass"):  # "air strikes killed 12 people on Tuesday"
        if tok.head.i in dated:
            return dated[tok.head.i]
        tx = governing_timex(tok.head, record)  # "talks resumed on Monday": the clause's date
        return EventDate(tx.value, tx.start, tx.end, "text") if tx is not None and tx.type in ("DATE", "TIME") \
            and tx.value else None
    if tok.dep_ in ("dobj", "obj") and support is not None \
            and lemmas(tok.head) & support:  # "paid a visit to Moscow last July" (not "announced the visit")
        tx = governing_timex(tok.head, record)
        if tx is not None and tx.type in ("DATE", "TIME") and tx.value:
            return EventDate(tx.value, tx.start, tx.end, "text")
    if tok.dep_ != "pobj":
        return None
    verb = tok.head.head
    return dated.get(verb.i) if tok.head.dep_ == "prep" else None




def date_event(cand, status, sources, targets, dater, dated, record, events, cues):
    """(date, status, targets) of an event: its own timex; for a verb, the date its anchor clause
    gives ("two days after ..."), else the one of a clause it is tied to; an earlier dated mention of the occasion
    it names; the event verb it hangs from; an earlier planned event of the same kind by the same
    actor (whose status and recipient it takes); else the article date, never for a planned event."""
    tx = dater.own(cand)
    noun = object_noun(cand)
    if tx is None and cand.entry.pos == "verb":
        if (anchored := anchored_date(cand.tok, record, cues) or same_day(cand.tok, events, cues)) is not None:
            return anchored, status, targets
        if status not in ("planned", "hypothetical"):
            # the clause it is tied to, else the date its subject's relative clause gives
            # ("the raid, which began on Sunday, killed 12 soldiers")
            tx = tied_timex(cand.tok, record, cues) or relative_timex(
                next((c for c in cand.tok.children if c.dep_ in ("nsubj", "nsubjpass")), None), record)
    elif tx is None:
        tx = relative_timex(cand.tok, record)  # "the attack on the embassy, which happened on Monday"
    if tx is not None:
        dater.note(noun, tx)
        return EventDate(tx.value, tx.start, tx.end, "text"), status, targets
    if (ref := dater.referred(noun)) is not None:
        return EventDate(ref.value, ref.start, ref.end, "text"), status, targets
    # "paid a visit last July" dates the visit; "announced the visit last July" does not
    if (up := governing_event(cand, dated, record, cues["support_verbs"] - cues["speech_verbs"])) is not None:
        return up, status, targets  # "visited China in January 2019 for talks with Xi": the visit's date
    same = None
    if cand.entry.pos == "noun" and status in ("planned", "hypothetical", "asserted", "reported"):
        same = Dater.same_occasion(cand.entry, sources[0] if sources else None, events)
    if same is not None:
        # a nominal mention of an occasion already dated: its date, and planned like it
        if status in ("asserted", "reported"):
            status = "planned"
        if not targets and same.target is not None:
            targets = [same.target]
        return EventDate(same.date.value, same.date.start, same.date.end, "text"), status, targets
    if status in ("planned", "hypothetical"):
        return EventDate(None, None, None, "article"), status, targets  # never the article date as if it happened
    return EventDate(record.article.date, None, None, "article"), status, targets


def _day_tx(tx) -> bool:
    return tx is not None and tx.type in ("DATE", "TIME") and bool(tx.value)


def tied_timex(tok, record, cues):
    """The date of the clause an undated verb's clause is tied to: a participle or a "when"
    clause ("overran a checkpoint on Monday, killing five soldiers"), a conjunct of the same
    tense ("signed an accord on Tuesday, and both sides pledged ..."), a past (or past perfect)
    event reported by a dated speech verb ("said on Tuesday that artillery shelled the island")."""
    t = tok
    for _ in range(3):
        marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
        if t.dep_ == "advcl" and not marks - cues["same_time_marks"] and (t.tag_ in ("VBG", "VBN") or marks):
            pass
        elif t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX") and t.tag_ == t.head.tag_:
            pass
        elif t.dep_ == "ccomp" and lemmas(t.head) & cues["speech_verbs"] and (t.tag_ == "VBD" or t.tag_ == "VBN" and any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in t.children)):
            tx = governing_timex(t, record)  # "said on Monday it had struck ...": hung on the complement
            if _day_tx(tx) and _of_the_reporting_verb(t, tx, cues["speech_verbs"]):
                return tx
        else:
            return None
        t = t.head
        tx = governing_timex(t, record)
        if _day_tx(tx):
            return tx
    return None


_SPAN = re.compile(r"^P(\d+)([DW])$")


def anchored_date(tok, record, cues) -> EventDate | None:
    """"marched on Monday, two days after security forces fired on protesters": the firing is two
    days before Monday. The clause hangs on a dated verb through "after"/"before" and a duration."""
    mark = next((c.lower_ for c in tok.children if c.dep_ in ("mark", "prep") and c.lower_ in cues["anchor_marks"]),
                None)
    if mark is None or tok.dep_ not in ("advcl", "pcomp"):
        return None
    head = tok.head if tok.dep_ == "advcl" else tok.head.head
    span = next((tx for tx in record.timexes if tx.type == "DURATION" and tx.value and _SPAN.match(tx.value)
                 and any(tx.start <= c.idx < tx.end for c in tok.children if c.dep_ == "npadvmod")), None)
    anchor = governing_timex(head, record)
    if span is None or not _day_tx(anchor) or len(anchor.value) != 10:
        return None
    try:
        day = _date.fromisoformat(anchor.value)
    except ValueError:
        return None
    n, unit = _SPAN.match(span.value).groups()
    delta = timedelta(days=int(n) * (7 if unit == "W" else 1))
    shifted = day - delta if mark == "after" else day + delta
    return EventDate(shifted.isoformat(), span.start, span.end, "text")


def same_day(tok, events, cues) -> EventDate | None:
    """"struck a refinery the same night", "on the same day": the date of the last event before it
    that the text dated to a day."""
    phrase = next((n for n in [*tok.children, *(g for c in tok.children if c.dep_ == "prep" for g in c.children)]
                   if n.dep_ in ("npadvmod", "pobj") and n.lemma_.lower() in cues["same_day_nouns"]
                   and any(k.lower_ in cues["same_day_words"] for k in n.children if k.dep_ in ("amod", "det"))),
                  None)
    if phrase is None:
        return None
    before = [e for e in events if e.trigger.start < tok.idx and e.date.from_ == "text" and e.date.value
              and len(e.date.value) >= 10]
    if not before:
        return None
    lo = phrase.left_edge.idx
    hi = phrase.idx + len(phrase.text)
    return EventDate(before[-1].date.value[:10], lo, hi, "text")


def relative_timex(noun, record):
    """"the raid, which began on Sunday": the date of a relative clause the noun is the subject of."""
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    # the parser hangs the clause on the last noun of the phrase ("the raid on the camp, which ...")
    nouns = [noun, *(g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")]
    for rc in (r for n in nouns for r in n.children):
        if rc.dep_ == "relcl" and any(k.dep_ in ("nsubj", "nsubjpass") and k.lower_ in REL_PRONOUNS
                                      for k in rc.children):
            tx = governing_timex(rc, record)
            if _day_tx(tx):
                return tx
    return None
