"""Sides a sentence gives without a plain slot.

- The agent of a passive told by the attack it was done in: "four people were killed in a Russian
  strike on Kharkiv" (RUS is the source; the strike's "on" names the target).
- The reporter of an agentless arrest who makes it: "141 people were arrested, police said".
- A place attacked stands for its country when no actor is named: "jets struck Sanaa".
- A refusal "despite pressure by X" is addressed to X.
"""

from __future__ import annotations

from ..syntax import passive
from .slots import children, fill_slot, lemmas, pobj


def _modifier_actor(noun, resolver):
    """The actor of a noun's modifiers or its "by" phrase ("a Russian strike", "an attack by rebels")."""
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < noun.i and (r := resolver.arg(c)) is not None:
            return r
    for g in pobj(noun, {"by"}):
        if (r := resolver.arg(g)) is not None:
            return r
    return None


def attack_agent(cand, resolver, cues):
    """(source, target) of a passive verb event from the attack noun it was done in, or (None, None)."""
    tok = cand.tok
    if cand.entry.pos != "verb" or not passive(tok) or cand.entry.type not in cues["attack_agent_types"]:
        return None, None
    for noun in pobj(tok, cues["attack_preps"]):
        if not lemmas(noun) & cues["attack_nouns"]:
            continue
        source = _modifier_actor(noun, resolver)
        if source is None:
            continue
        target = next((r for g in pobj(noun, {"on", "against"}) if (r := resolver.arg(g, loc=True)) is not None), None)
        return source, target
    return None, None


def reporting_agent(cand, resolver, cues):
    """The reporter of an agentless passive arrest when it is the police or the army ("were arrested
    ..., police said"): the reporting verb governs the event's clause, or hangs on it."""
    tok = cand.tok
    if cand.entry.pos != "verb" or not passive(tok) or cand.entry.type not in cues["reported_agent_types"]:
        return None
    if pobj(tok, {"by"}):
        return None
    verbs = [tok.head] if tok.dep_ in ("ccomp", "parataxis") and tok.head != tok else []
    verbs += children(tok, ("parataxis", "ccomp", "advcl"))
    for v in verbs:
        if not lemmas(v) & cues["speech_verbs"]:
            continue
        for s in children(v, ("nsubj",)):
            r = resolver.arg(s)
            if r is not None and r.sector in cues["reported_agent_sectors"]:
                return r
    return None


def place_target(cand, resolver, cues):
    """A place in the event's target slots that stands for its country ("struck Sanaa"), for
    the kinds of event done to a place (``place_target_types``) and visits."""
    if cand.entry.type not in cues["place_target_types"] and not cand.entry.host:
        return None
    for slot in cand.entry.target:
        for t in fill_slot(cues, cand, slot):
            if (r := resolver.arg(t, loc=True)) is not None and r.actor is None:
                return r
    return None


def pressure_target(cand, resolver, cues):
    """"declined to resign despite pressure by the anti-corruption commission": whoever presses is
    the one refused (``pressure_types``, ``despite_preps``, ``pressure_nouns``)."""
    if cand.entry.type not in cues["pressure_types"]:
        return None
    heads = [cand.tok, *children(cand.tok, ("xcomp",))]  # "declined to resign despite ..."
    for noun in [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in cues["despite_preps"]
                 for g in c.children if g.dep_ == "pobj"]:
        if noun.lemma_.lower() not in cues["pressure_nouns"]:
            continue
        if (r := _modifier_actor(noun, resolver)) is not None:
            return r
        if (r := next((x for g in pobj(noun, {"from", "of"}) if (x := resolver.arg(g)) is not None), None)):
            return r
    return None
