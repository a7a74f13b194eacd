"""Clause-level event extraction over the dependency parse.

For each sentence: verbs and event nouns found in the lexicon become triggers; their source and
target come from the argument slots their entry names (subject, object, obliques, locatives ...),
resolved to the actors the actors stage found; coordinated arguments give one event each.
Status comes from negation, modality, conditionals, governing verbs and quotes; the date from the
governing temporal expression, else from an earlier mention of the same occasion.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.ontology import cameo_info, valid_context
from dateline.record import ArgRef, Event, SentenceSpan, Span
from dateline.syntax import span_tokens

from .lexicon import Entry, Lexicon
from .slots import conjuncts, conjuncts_any, fill_slot, lemmas, pobj, subject
from .slots import obj as direct_object


@dataclass
class Candidate:
    tok: object  # trigger head token
    entry: Entry
    start: int  # trigger span (characters)
    end: int
    obj: object = None  # the light verb's object, or the verb a nominal event hangs from


def _conditional(tok, cues) -> bool:
    """An if/unless clause hangs on tok."""
    return any(k.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in cues["conditional_marks"] for m in k.children)
               for k in tok.children)


def actor_ref(actor, mention) -> ArgRef:
    """An event side for an actor's mention, saying where its country came from: the actor's own
    ``country_from``, else ``mention`` (before /3 the actors stage coded from words on the mention only)."""
    how = (actor.country_from or "mention") if actor.country else None
    return ArgRef(actor=actor.id, text=mention.text, start=mention.start, end=mention.end, country=actor.country,
                  sector=actor.sector, country_from=how)


def place_ref(place, how="mention") -> ArgRef:
    """An event side for a place that stands for its country ("visited Hanoi", "struck Sanaa")."""
    return ArgRef(actor=None, text=place.text, start=place.start, end=place.end, country=place.country,
                  country_from=how if place.country else None)


def _coordinated_mods(tok, resolver) -> list[ArgRef]:
    """Actors of coordinated modifiers of a noun ("the Turkish and Greek sides"), if two or more."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and any(g.dep_ == "conj" for g in c.children):
            refs = []
            for m in conjuncts_any(c):
                hit = resolver.by_token.get(m.i)
                if hit is not None:
                    actor, men = hit
                    if actor.country and all(actor.country != r.country for r in refs):
                        refs.append(actor_ref(actor, men))
            if len(refs) > 1:
                return refs
    return []


class Resolver:
    """Maps tokens to actor mentions (from the actors stage) and places."""

    def __init__(self, record, doc):
        self.record = record
        self.by_token: dict[int, tuple] = {}
        for actor in record.actors:
            for m in actor.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    prev = self.by_token.get(t.i)
                    if prev is None or (prev[1].end - prev[1].start) > (m.end - m.start):
                        self.by_token[t.i] = (actor, m)
        self.actors = {a.id: a for a in record.actors}
        self.by_span: dict[tuple[int, int], set[str]] = {}  # one mention may stand for several actors
        for actor in record.actors:
            for m in actor.mentions:
                self.by_span.setdefault((m.start, m.end), set()).add(actor.id)
        self.place_by_token: dict[int, object] = {}
        for p in record.places:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.place_by_token[t.i] = p

    def actor(self, tok, depth=0):
        """(actor, mention) for the phrase headed by tok, or None."""
        hit = self.by_token.get(tok.i)
        if hit:
            return hit
        if depth > 2:
            return None
        # "Chinese people", "Israel's militia", "the deputy chief of Israel's militia"
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and (h := self.actor(c, depth + 1)):
                return h
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                for g in c.children:
                    if g.dep_ == "pobj" and (h := self.actor(g, depth + 1)):
                        return h
        return None

    def deep(self, tok, loc=False, depth=0, skip=frozenset(), only=None) -> ArgRef | None:
        """The first actor (or place) down a chain of prepositional phrases from tok, not entering
        clauses: "further action against Russia", "the mandate for the force in Lebanon"."""
        if depth > 3:
            return None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ not in skip and (only is None or c.lower_ in only):
                for g in c.children:
                    if g.dep_ == "pobj":
                        r = self.arg(g, loc=loc) or self.deep(g, loc, depth + 1, skip)
                        if r is not None:
                            return r
        return None

    def speaker(self, tok, first_person) -> ArgRef | None:
        """"we", "us", "our island" inside a direct quote: the quote's speaker, as these words name it."""
        word = tok if tok.lower_ in first_person else next(
            (c for c in tok.children if c.dep_ == "poss" and c.lower_ in first_person), None)
        if word is None:
            return None
        quotes = [q for q in self.record.quotes if q.start <= word.idx < q.end and q.kind == "direct"
                  and q.speaker is not None and q.speaker.actor]
        if not quotes:
            return None
        actor = self.actors.get(min(quotes, key=lambda q: q.end - q.start).speaker.actor)
        if actor is None:
            return None
        return ArgRef(actor=actor.id, text=word.text, start=word.idx, end=word.idx + len(word.text),
                      country=actor.country, sector=actor.sector,
                      country_from="coreference" if actor.country else None)

    def arg(self, tok, loc=False) -> ArgRef | None:
        hit = self.actor(tok)
        if hit and (hit[0].country or not loc or self.place_by_token.get(tok.i) is None):
            return actor_ref(hit[0], hit[1])
        if loc:  # a place, also where an actor of no country is a place that has one ("a strike on Kharkiv")
            p = self.place_by_token.get(tok.i)
            if p is not None and p.country:
                return place_ref(p)
        return actor_ref(hit[0], hit[1]) if hit else None


class Extractor:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.c = lex.cues
        self.demand = Entry(lemma="must", words=("must",), pos="modal", type="REQUEST", cameo="100",
                            source=("subj",), target=("ccomp_subj",), requires_target=True)

    # ---- triggers -------------------------------------------------------------------------
    def _verb_entry(self, tok):
        entries = self.lex.verbs.get(tok.lemma_.lower())
        if not entries:
            entries = next((self.lex.verbs[x] for x in sorted(lemmas(tok)) if x in self.lex.verbs), None)
        if not entries:
            return None
        parts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod")}
        obj = direct_object(tok)
        if obj is None:  # "lay down their arms" parses the object under the particle sometimes
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of",):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        obj_lemmas, head_lemmas = set(), set()
        for o in conjuncts(obj) if obj is not None else ():
            head_lemmas |= lemmas(o)
            obj_lemmas |= lemmas(o)
            # "suspended part of a military aid program", "an aid package": the words that say what
            for c in o.children:
                if c.dep_ == "compound":
                    obj_lemmas.add(c.lemma_.lower())
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            obj_lemmas |= lemmas(g) | {x.lemma_.lower() for x in g.children if x.dep_ == "compound"}
        best = None
        for e in entries:
            if len(e.words) > 1 and not set(e.words[1:]) <= parts:
                continue
            if e.object is not None and not (obj_lemmas & e.object):
                continue
            if e.transitive is True and obj is None or e.transitive is False and obj is not None:
                continue
            if e.requires_prep is not None and not (parts & e.requires_prep or any(
                    c.dep_ in ("xcomp", "ccomp") for c in tok.children)):
                continue  # "called on Iran to ...", not "called the plan a mistake"
            # a particle verb beats a plain one; an object named by its head word beats one named
            # by a modifier ("blocked an aid package" is about the package, not the aid)
            rank = (len(e.words) > 1) * 4 + (0 if e.object is None else 2 if head_lemmas & e.object else 1)
            if best is None or rank > best[0]:
                best = (rank, e)
        if best is None:
            return None
        return best[1], (obj if best[1].object is not None else None)

    def candidates(self, sent):
        out: list[Candidate] = []
        consumed: set[int] = set()
        verb_events: set[int] = set()
        toks = span_tokens(sent)  # four passes over the sentence: its tokens made once
        for tok in toks:
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
                hit = self._verb_entry(tok)
                if hit is None:
                    continue
                entry, obj = hit
                start, end = tok.idx, tok.idx + len(tok.text)
                if obj is not None and 0 < obj.i - tok.i <= 6:
                    end = obj.idx + len(obj.text)
                    consumed.update(t.i for t in conjuncts(obj))
                out.append(Candidate(tok, entry, start, end, obj))
                verb_events.add(tok.i)
        # "X said Y must do Z": X demands it of Y (a modal of obligation in reported speech)
        for tok in toks:
            if tok.dep_ == "aux" and tok.lower_ in self.c["demand_modals"]:
                verb = tok.head
                speech = verb.head
                if (verb.dep_ == "ccomp" and lemmas(speech) & self.c["speech_verbs"]
                        and self._verb_entry(speech) is None  # "insisted that ... must": one demand
                        and any(k.dep_ in ("nsubj", "nsubjpass") for k in verb.children)):
                    out.append(Candidate(speech, self.demand, tok.idx, tok.idx + len(tok.text), None))
        # multiword nouns first ("hunger strike", "show of force")
        for tok in toks:
            for e in self.lex.multi_nouns.get(tok.lemma_.lower(), ()):
                n = len(e.words)
                span = sent.doc[tok.i:tok.i + n] if tok.i + n <= sent.end else None
                if span is not None and tuple(t.lemma_.lower() for t in span) == e.words:
                    if any(t.i in consumed for t in span):
                        continue
                    head = span.root
                    if self._noun_ok(head, e, verb_events):
                        out.append(Candidate(head, e, span.start_char, span.end_char, head.head))
                        consumed.update(t.i for t in span)
        for tok in toks:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in consumed:
                continue
            # "Talks between ..." opening a sentence is tagged a proper noun, lemma "Talks"
            entries = self.lex.nouns.get(tok.lemma_.lower()) or (
                next((self.lex.nouns[x] for x in sorted(lemmas(tok)) if x in self.lex.nouns), ())
                if tok.tag_ == "NNPS" and tok.is_title else ())
            for e in entries:
                if self._noun_ok(tok, e, verb_events):
                    first = tok
                    while first.dep_ == "conj" and first.head != first:
                        first = first.head
                    out.append(Candidate(tok, e, tok.idx, tok.idx + len(tok.text), first.head))
                    break
        return out

    def _noun_ok(self, tok, e: Entry, verb_events) -> bool:
        head = tok.head
        governed = tok.dep_ in ("dobj", "nsubjpass", "obj") or (tok.dep_ == "conj" and head.dep_ in ("dobj", "nsubjpass"))
        verb = head if tok.dep_ != "conj" else head.head
        if governed and verb.i in verb_events:
            return False  # the verb's own event says it ("condemned the attack", "rejected the offer")
        if governed and lemmas(verb) & self.c["cancel_verbs"]:
            return False  # "lifted the sanctions" is not a sanction
        if e.requires_verb and not (governed or (tok.dep_ == "pobj" and head.lower_ in ("under", "on"))):
            return False
        if e.requires_mod is not None and not any(c.lemma_.lower() in e.requires_mod for c in tok.children) \
                and not (tok.dep_ == "pobj" and tok.head.lower_ == "on"):  # "went on strike"
            return False
        if e.requires_prep is not None and not any(c.dep_ == "prep" and c.lower_ in e.requires_prep for c in tok.children):
            return False
        if tok.tag_ == "NNP" and tok.ent_type_:  # a name that looks like an event noun
            return False
        if tok.dep_ == "compound":  # "air assault forces", "attack helicopters": a modifier, no event
            return False
        if e.plural and tok.tag_ != "NNS":  # "talks", "exchanges" but not "in exchange"
            return False
        return True

    # ---- arguments ------------------------------------------------------------------------
    def _slot(self, cand: Candidate, slot: str):
        return fill_slot(self.c, cand, slot)

    def arguments(self, cand: Candidate, slots, resolver: Resolver, exclude=(), deep=False) -> list[ArgRef]:
        refs = self._arguments(cand, slots, resolver, exclude)
        if refs or not deep:
            return refs
        # no recipient in its own slot: look down the phrases the slots name, then the trigger's own
        for t in [t for slot in slots for t in self._slot(cand, slot)]:
            # an actor down the phrase ("a ceasefire in Jeddah" is no recipient); places only after in/at
            r = resolver.deep(t)
            if r is None and "loc" in slots:  # "demonstrated in the northern city of Kirkuk": the place named
                r = next((x for g in pobj(t, {"of"}) if (x := resolver.arg(g, loc=True)) is not None), None)
            if r is not None and (r.start, r.end) not in exclude:
                return [r]
        if slots and cand.entry.pos != "noun" and cand.entry.lemma not in self.c["topic_verbs"] \
                and (o := direct_object(cand.tok)) is not None:  # what talks are about is a topic, no recipient
            # "provide 20 million euros in aid to Sudan": down the object's phrases, actors only
            r = resolver.deep(o, skip=self.c["circumstance_preps"])
            if r is not None and (r.start, r.end) not in exclude:
                return [r]
        if slots:  # the trigger's own recipient phrases: an actor, not a place ("signed in Doha" has none)
            r = resolver.deep(cand.tok, only=self.c["recipient_preps"], skip=self.c["circumstance_preps"])
            if r is not None and (r.start, r.end) not in exclude:
                return [r]
        return []

    def _arguments(self, cand: Candidate, slots, resolver: Resolver, exclude=()) -> list[ArgRef]:
        for slot in slots:
            loc = slot.endswith("loc")
            for t in self._slot(cand, slot):
                refs = []
                if t.lemma_.lower() in self.c["quantity_nouns"] and t.i not in resolver.by_token:
                    # "scores of Sierra Leonean and Liberian refugees": the people counted
                    t = next(iter(pobj(t, {"of"})), t)
                for c in conjuncts(t):
                    inc = pobj(c, {"including"})
                    if inc and (r := resolver.arg(c)) is not None and r.country is None:
                        # "some 26 leaders, including Putin and Pezeshkian": the named ones
                        for i in conjuncts(inc[0]):
                            if (ri := resolver.arg(i)) is not None and all(ri.start != x.start for x in refs):
                                refs.append(ri)
                        continue
                    mods = _coordinated_mods(c, resolver)
                    if mods:  # "Hungarian and Romanian officials": one actor per modifier
                        refs += [m for m in mods if (m.start, m.end) not in exclude and all(m.start != x.start for x in refs)]
                        continue
                    r = resolver.arg(c, loc=loc or slot.startswith("prep:") or slot.startswith("obj_prep:"))
                    if r is not None and (r.start, r.end) not in exclude and all(r.start != x.start for x in refs):
                        refs.append(r)
                if not refs and slot == "subj" and t.tag_ == "PRP":
                    refs = self._speaker_for_pronoun(t, resolver)
                if not refs and slot == "subj" and cand.tok.dep_ == "acl" and t == cand.tok.head \
                        and t.dep_ in ("dobj", "obj") and (s := subject(t.head)) is not None:
                    # "issued a declaration demanding ...": who issued it demands
                    refs = [r] if (r := resolver.arg(s)) is not None else []
                if not refs and (r := resolver.speaker(t, self.c["first_person"])) is not None:
                    refs = [r]  # "North Korea shelled our island", said the South Korean minister
                if refs:
                    return refs
        return []

    @staticmethod
    def _speaker_for_pronoun(pron, resolver) -> list[ArgRef]:
        """An unresolved pronoun subject of a complement clause ("Hungary said it will support")
        refers to the subject of the clause it is reported by, when that subject is an actor."""
        t = pron.head
        for _ in range(4):
            if t.dep_ == "ccomp" and t.head != t:
                subj = [c for c in t.head.children if c.dep_ == "nsubj"]
                if subj and subj[0].tag_ != "PRP" and (r := resolver.arg(subj[0])) is not None:
                    return [r]
                return []
            if t.dep_ not in ("xcomp", "conj", "acomp") or t.head == t:
                return []
            t = t.head
        return []

    # ---- status ---------------------------------------------------------------------------
    def status(self, cand: Candidate, quotes) -> str:
        c = self.c
        tok = cand.tok
        if cand.entry.status:
            return cand.entry.status
        clause = tok
        if cand.entry.pos == "noun":
            if any(ch.lower_ == "no" and ch.dep_ == "det" for ch in tok.children):
                return "negated"
            verb = cand.obj
            if verb is not None and verb != tok and verb.pos_ in ("VERB", "AUX") and tok.dep_ in (
                    "dobj", "nsubjpass", "conj", "attr", "pobj", "nsubj"):
                clause = verb
            elif tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX"):
                clause = tok.head.head
        state = self._clause_state(clause)
        if cand.entry.pos == "noun" and state is None:
            if any(ch.lemma_.lower() in c["planned_modifiers"] for ch in tok.children if ch.dep_ in ("amod", "compound")):
                state = "planned"
        if state in ("negated", "hypothetical", "planned"):
            return state
        if in_quote(cand, quotes) or self._alleged(clause):
            return "reported"
        return "asserted"

    def _alleged(self, tok) -> bool:
        """The content of an accusation or claim ("accused Russia of attacking ...", "alleged that
        ..."): attributed, not asserted by the writer."""
        t = tok
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ in ("of", "for"):
            t = t.head
        return t.dep_ in ("prep", "ccomp", "xcomp") and bool(lemmas(t.head) & self.c["allegation_verbs"])

    def _clause_state(self, tok):
        c = self.c
        negated = hyp = planned = False
        prev_dep = ""
        t, depth = tok, 0
        while t is not None and depth < 6:
            kids = list(t.children)
            aux = {k.lower_ for k in kids if k.dep_ in ("aux", "auxpass")}
            own_aux = bool(aux) or any(k.dep_ in ("nsubj", "nsubjpass") for k in kids)
            if any(k.dep_ == "neg" or (k.lower_ == "never" and k.dep_ in ("neg", "advmod")) for k in kids):
                if depth == 0 or tok.dep_ in ("xcomp", "ccomp"):
                    negated = True
            if aux & c["hypothetical_aux"]:
                # "said the president would host ...": would under a speech verb is a future in the past
                if (aux & c["hypothetical_aux"]) == {"would"} and t.dep_ == "ccomp" and \
                        lemmas(t.head) & c["speech_verbs"] and not _conditional(t, c):
                    planned = True
                else:
                    hyp = True
            if aux & c["planned_aux"] or ("going" in {k.lower_ for k in kids if k.dep_ == "aux"}):
                planned = True
            if any(k.dep_ == "mark" and k.lower_ in c["hypothetical_marks"] for k in kids):
                hyp = True
            if t.dep_ == "acl" and "to" in aux and t.head.pos_ == "NOUN":
                # "calls to withdraw", "a plan to visit": the content of a noun, not a fact
                if lemmas(t.head) & c["planned_nouns"]:
                    planned = True
                else:
                    hyp = True
            if depth == 0 and _conditional(t, c):
                hyp = True  # "will boycott the elections unless ...": conditional
            if depth > 0:
                lem = lemmas(t)
                if prev_dep == "xcomp" and lem & c["negating_governors"]:
                    negated = True
                if prev_dep in ("xcomp", "ccomp") and lem & c["hypothetical_governors"]:
                    hyp = True
                if prev_dep == "xcomp" and (lem & c["planned_governors"] or lem & c["planned_adjectives"]):
                    planned = True
            if negated:
                return "negated"
            # a conjunct shares its head's auxiliaries only if it has no subject or auxiliary of its own
            if t.dep_ == "conj" and own_aux:
                break
            if t.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "acomp") or t.head == t:
                break
            prev_dep = t.dep_
            t = t.head
            depth += 1
        if hyp:
            return "hypothetical"
        if planned:
            return "planned"
        return None

    # ---- contexts -------------------------------------------------------------------------
    def contexts(self, cand: Candidate) -> list[str]:
        out = list(cand.entry.contexts)
        info = cameo_info(cand.entry.cameo)
        if info:
            out += [x for x in info.contexts if valid_context(x)]
        words = self.c.get("context_words", {})
        toks = [cand.tok, *cand.tok.children]
        if cand.obj is not None and cand.entry.pos == "verb":
            toks += [cand.obj, *cand.obj.children]
        for t in toks:
            ctx = words.get(t.lemma_.lower())
            if ctx and valid_context(ctx):
                out.append(ctx)
        return list(dict.fromkeys(out))


def in_quote(cand, quotes) -> bool:
    """The event's words lie inside a quote: someone's claim, status ``reported``."""
    return any(q.start <= cand.start and cand.end <= q.end for q in quotes)


def make_event(idx, cand, source, target, status, date, sent, location, contexts, text) -> Event:
    info = cameo_info(cand.entry.cameo)
    conf = 0.5 + 0.2 * (source is not None) + 0.15 * (target is not None) + 0.15 * (cand.entry.pos == "verb")
    return Event(
        id=f"e{idx}", type=cand.entry.type, trigger=Span(cand.start, cand.end, text[cand.start:cand.end]),
        sentence=SentenceSpan(sent.start_char, sent.end_char), date=date, status=status, mode=cand.entry.mode,
        contexts=contexts, cameo=cand.entry.cameo, quad_class=info.quad_class if info else None,
        goldstein=info.goldstein if info else None, source=source, target=target, location=location,
        confidence=round(min(conf, 1.0), 2))


__all__ = ["Candidate", "Extractor", "Resolver", "in_quote", "lemmas", "make_event"]
