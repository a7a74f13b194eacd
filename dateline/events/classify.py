"""The trained event-type and mode classifier beside the lexicon.

For each candidate trigger of a sentence (a word the lexicon proposes, any verb, or a noun that is
an event noun in the training data) a multinomial logistic regression over features the parse gives
for free (the lemma, POS, dependency relation and dependents, light-verb objects, negation, the
lexicon's own proposal, the subject's and object's entity types, and what PETRARCH2's verb
dictionary says of the verb) gives a probability for each PLOVER type and NONE, and a second one
the mode. spaCy's tok2vec vectors were tried as features and lowered held-out accuracy (they
overfit 1,300 sentences; docs/classifier.md), so the model is sparse only.

How the classifier and the lexicon are fused (``policy`` in ``model/events.json``) was measured by
5-fold cross-validation on PLV_train (``dateline eval events``, docs/classifier.md): a lexicon
candidate is retyped or dropped only when the classifier is confident, and a word the lexicon does
not know becomes a candidate when the classifier gives an event type a high probability. The
event's ``confidence`` is the temperature-calibrated probability of its type.

Inference is numpy only; the weights are rebuilt by ``dateline train events`` (``train.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from operator import is_not
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from dateline.ontology import EVENT_TYPES, cameo_for, cameo_info, plover_type, valid_mode
from dateline.syntax import span_tokens

from .extract import Candidate, Extractor
from .lexicon import NOUN_SOURCE, NOUN_TARGET, VERB_SOURCE, VERB_TARGET, Entry
from .sentence import main_key, sentence_features

MODEL_DIR = Path(__file__).parent / "model"
DATA = Path(__file__).parent / "data"
NONE = "NONE"
NO_MODE = "-"
SKIP_DEPS = {"punct", "det", "cc", "case"}
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "agent", "dative", "attr"}


@lru_cache(maxsize=1)
def petrarch_verbs() -> dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]]:
    """verb -> (its PLOVER types, {pattern word: types}) from ``data/petrarch_verbs.tsv``."""
    out = {}
    for line in (DATA / "petrarch_verbs.tsv").read_text().splitlines():
        if line.startswith("#"):
            continue
        verb, types, objs = line.split("\t")
        words = {w: tuple(ts.split("|")) for w, _, ts in (x.partition(":") for x in objs.split(";") if x)}
        out[verb] = (tuple(t for t in types.split("|") if t), words)
    return out


def _petrarch(tok, lem: str, kids: list) -> list[str]:
    """What PETRARCH's verb dictionary says of the word: its block's types, and the types of
    patterns whose words are among its dependents ("rushed aid" -> AID)."""
    hit = petrarch_verbs().get(lem) if tok.pos_ in ("VERB", "AUX") else None
    if hit is None:
        return []
    f = [f"pv={t}" for t in hit[0]]
    if hit[1]:
        deps = {w for c in kids for w in (c.lower_, c.lemma_.lower())}
        deps |= {w for c in kids if c.dep_ in ("prep", "prt", "dobj") for g in c.children
                 for w in (g.lower_, g.lemma_.lower())}
        f += sorted({f"pvn={t}" for w in deps & hit[1].keys() for t in hit[1][w]})
    return f


def features(tok, entry: Entry | None) -> list[str]:
    """Sparse (string) features of a candidate trigger."""
    lem = tok.lemma_.lower()
    head = tok.head
    kids = list(tok.children)
    f = [*_petrarch(tok, lem, kids), f"l={lem}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}", f"lp={lem}|{tok.pos_}",
         f"hl={head.lemma_.lower()}", f"dh={tok.dep_}|{head.lemma_.lower()}", f"dhp={tok.dep_}|{head.pos_}"]
    for c in kids:
        d = c.dep_
        if d in SKIP_DEPS:
            continue
        cl = c.lemma_.lower()
        f += [f"c:{d}", f"c:{d}={cl}"]
        if d == "neg":
            f.append(f"neg|{lem}")
        if d in ARG_DEPS:
            f += [f"{d}e={c.ent_type_ or '-'}", f"l|{d}={lem}|{cl}"]
            f += [f"{d}c={g.lemma_.lower()}" for g in c.children if g.dep_ in ("compound", "amod")]
        if d in ("prep", "agent"):
            for g in c.children:
                if g.dep_ == "pobj":
                    f += [f"pp:{cl}={g.lemma_.lower()}", f"ppe:{cl}={g.ent_type_ or '-'}", f"l|pp={lem}|{cl}"]
        if d in ("xcomp", "ccomp"):
            f.append(f"l|{d}={lem}|{cl}")
    if tok.pos_ in ("NOUN", "PROPN"):
        f.append(f"lv={head.lemma_.lower()}|{lem}")  # a light verb's object: "launched an attack"
    for d in _doers(tok):  # who does it, also for a participle ("an earthquake struck ..., killing 40")
        f += [f"doer={d.lemma_.lower()}", f"doere={d.ent_type_ or d.pos_}"]
    if entry is not None:
        f += [f"lex={entry.type}", f"lexm={entry.type}|{entry.mode}", f"lexl={entry.type}|{lem}"]
    else:
        f.append("lex=-")
    return f


_known = partial(is_not, None)


@dataclass
class Linear:
    """A multinomial logistic regression over sparse (string) features."""

    classes: list[str]
    vocab: dict[str, int]
    W: np.ndarray  # (len(vocab), C)
    b: np.ndarray  # (C,)
    temperature: float = 1.0

    def logits(self, feats: list[list[str]]) -> np.ndarray:
        get = self.vocab.get
        rows, cols = [], []
        for i, fs in enumerate(feats):
            js = list(filter(_known, map(get, fs)))
            cols += js
            rows += [i] * len(js)
        # a 0/1 matrix picks each example's weight rows: one small matmul (np.add.at is slower)
        pick = np.zeros((len(feats), len(cols)), dtype=self.W.dtype)
        pick[rows, np.arange(len(cols))] = 1.0
        return self.b + pick @ self.W[cols]

    def probs(self, feats) -> np.ndarray:
        z = self.logits(feats) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def arrays(self, prefix: str) -> dict:
        return {f"{prefix}W": self.W.astype(np.float32), f"{prefix}b": self.b.astype(np.float32)}

    @classmethod
    def from_arrays(cls, arrays, prefix: str, classes, vocab, temperature=1.0) -> Linear:
        return cls(list(classes), {w: i for i, w in enumerate(vocab)}, arrays[f"{prefix}W"], arrays[f"{prefix}b"],
                   temperature)


# How a confident classifier overrides the lexicon; the shipped values are in model/events.json.
# sent_retype: the sentence model retypes the main event when its type has p >= this and the event's
# own confidence is below sent_keep (p >= sent_pattern for a lexicon phrase) and the word's own model
# gives the new type p >= sent_floor; sent_add: it gives a
# sentence that has no candidate left an event.
DEFAULT_POLICY = {"retype": 0.8, "drop": 0.9, "add": 0.5, "sent_retype": 2.0, "sent_keep": 0.0, "sent_pattern": 2.0,
                  "sent_floor": 0.0, "sent_add": 2.0}


@dataclass
class EventModel:
    types: Linear
    modes: Linear
    event_nouns: frozenset[str]
    policy: dict
    sentence: Linear | None = None  # the sentence-level model of the main event's (PLOVER-coded) type

    def save(self, path: Path | str, meta: dict | None = None) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        sent = self.sentence
        np.savez_compressed(path / "events.npz", **self.types.arrays("t"), **self.modes.arrays("m"),
                            **(sent.arrays("s") if sent else {}))
        (path / "events.json").write_text(json.dumps({
            "types": self.types.classes, "modes": self.modes.classes,
            "type_vocab": sorted(self.types.vocab, key=self.types.vocab.get),
            "mode_vocab": sorted(self.modes.vocab, key=self.modes.vocab.get),
            "sentence_types": sent.classes if sent else [],
            "sentence_vocab": sorted(sent.vocab, key=sent.vocab.get) if sent else [],
            "temperature": self.types.temperature, "event_nouns": sorted(self.event_nouns),
            "policy": self.policy, "meta": meta or {}}, indent=0) + "\n")

    @classmethod
    def load(cls, path: Path | str = MODEL_DIR) -> EventModel:
        path = Path(path)
        spec = json.loads((path / "events.json").read_text())
        with np.load(path / "events.npz") as arrays:
            arrays = dict(arrays)
        types = Linear.from_arrays(arrays, "t", spec["types"], spec["type_vocab"], spec["temperature"])
        modes = Linear.from_arrays(arrays, "m", spec["modes"], spec["mode_vocab"])
        sent = Linear.from_arrays(arrays, "s", spec["sentence_types"], spec["sentence_vocab"]) \
            if spec.get("sentence_types") else None
        return cls(types, modes, frozenset(spec["event_nouns"]), {**DEFAULT_POLICY, **spec.get("policy", {})}, sent)

    def predict(self, cands: list[tuple], feats=None) -> list[tuple[str, float, str | None, dict]]:
        """(type, probability, mode, {type: probability}) for each (token, lexicon entry or None)."""
        if not cands:
            return []
        feats = feats or [features(t, e) for t, e in cands]
        p = self.types.probs(feats)
        best = [self.types.classes[k] for k in p.argmax(axis=1)]
        # the mode model runs only where a mode can be chosen: an event type with modes
        need = [i for i, t in enumerate(best) if t != NONE and self._has_modes(t)]
        pm = dict(zip(need, self.modes.probs([feats[i] for i in need]), strict=True)) \
            if need and self.modes.classes else {}
        out = []
        for i, (tok, entry) in enumerate(cands):
            type_ = best[i]
            row = dict(zip(self.types.classes, p[i].tolist(), strict=True))
            out.append((type_, row[type_], self._mode(type_, pm.get(i), tok, entry), row))
        return out

    @staticmethod
    @lru_cache(maxsize=32)
    def _has_modes(type_: str) -> bool:
        from dateline.ontology import plover

        return bool(plover()["types"].get(type_, {}).get("modes"))

    def _mode(self, type_, pm, tok, entry) -> str | None:
        """The most probable mode the type allows (or none)."""
        if pm is None or type_ == NONE:
            return entry.mode if entry is not None and entry.type == type_ else None
        best, best_p = None, -1.0
        for j, m in enumerate(self.modes.classes):
            mode = None if m == NO_MODE else m
            if pm[j] > best_p and valid_mode(type_, mode):
                best, best_p = mode, pm[j]
        return best


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> EventModel | None:
    """The shipped model (or one at ``path``); None when no weights are there."""
    where = Path(path) if path else MODEL_DIR
    if not (where / "events.npz").exists():
        return None
    return EventModel.load(where)


@lru_cache(maxsize=1)
def nonevent_cues() -> dict:
    raw = json.loads((DATA / "nonevents.json").read_text())
    out = {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}
    out["boilerplate_ends"] = frozenset(b.split()[-1] for b in out["boilerplate"])
    return out


def _doers(tok) -> list:
    """Who or what does the action: the subject, a passive's agent, else the subject of the clause
    the word hangs from ("an earthquake struck the coast, killing 40")."""
    t = tok
    for _ in range(3):
        out = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        out += [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not out and t.dep_ == "acl" and t.head.pos_ == "NOUN":
            return [t.head]  # "a strong earthquake killed 30 people" parsed as a reduced relative
        if out or t.dep_ not in ("advcl", "xcomp", "conj", "acl") or t.head == t:
            return out
        t = t.head
    return []


def non_event(tok, type_: str, cues) -> bool:
    """A hazard's doing, news furniture, or an agentless passive that needs its agent."""
    if tok.lower_ in cues["boilerplate_ends"]:
        doc = tok.doc
        before = " ".join(t.lower_ for t in doc[max(tok.i - 3, tok.sent.start):tok.i + 1])
        if any(before.endswith(b) for b in cues["boilerplate"]):
            return True
    if tok.lemma_.lower() in cues["need_agent"] and any(c.dep_ == "auxpass" for c in tok.children) \
            and not any(c.dep_ == "agent" for c in tok.children):
        return True
    return type_ in cues["conflict_types"] and any(
        d.lemma_.lower() in cues["hazards"] for d in _doers(tok))


def generic_entry(tok, type_: str, mode: str | None) -> Entry:
    """An entry for a word the lexicon does not know, with the default argument slots."""
    noun = tok.pos_ in ("NOUN", "PROPN")
    lem = tok.lemma_.lower()
    return Entry(lemma=lem, words=(lem,), pos="noun" if noun else "verb", type=type_, mode=mode,
                 cameo=cameo_for(type_, mode), source=NOUN_SOURCE if noun else VERB_SOURCE,
                 target=NOUN_TARGET if noun else VERB_TARGET)


def retyped(entry: Entry, type_: str, mode: str | None) -> Entry:
    if entry.type == type_ and entry.mode == mode:
        return entry
    # a visit's host rule belongs to the visit, and to an arrival that is aid: the host receives it
    # ("an aid convoy arrived in Gaza"), and the stage's rule for forces arriving still applies
    host = entry.host and type_ in (entry.type, "AID")
    return replace(entry, type=type_, mode=mode, cameo=cameo_for(type_, mode), host=host,
                   requires_target=entry.requires_target and host)


def parse_candidates(sent, known: set[int], event_nouns, speech=frozenset()) -> list:
    """Words of the sentence the lexicon did not propose that may still be triggers. A reporting
    verb the lexicon does not know ("said", "announced") is none: the event is in what it reports."""
    out = []
    for t in span_tokens(sent):
        if t.i in known:
            continue
        if t.pos_ == "VERB":
            if t.lemma_.lower() in speech:
                continue
            out.append(t)
        elif t.pos_ == "NOUN" and t.lemma_.lower() in event_nouns and t.dep_ != "compound":
            if t.dep_ in ("dobj", "obj") and t.head.i in known:
                continue  # the verb's own event says it ("condemned the attack"), not "held drills"
            out.append(t)
    return out


class ClassifyingExtractor(Extractor):
    """The lexicon's candidates, retyped, dropped or added to by the classifier (``policy``), and the
    main event of each sentence retyped by the sentence model when it is confident."""

    def __init__(self, lex, model: EventModel, policy: dict | None = None):
        super().__init__(lex)
        self.model = model
        self.policy = {**DEFAULT_POLICY, **model.policy, **(policy or {})}
        self.confidence: dict[int, float] = {}  # trigger start (characters) -> probability of its type
        self.triggers: dict[int, object] = {}  # trigger start -> its token
        self.sentences: dict[int, tuple] = {}  # sentence start -> the sentence model's type, p, probabilities
        self.rows: dict[int, dict] = {}  # trigger start -> the trigger model's probabilities
        self.patterns: set[int] = set()  # trigger starts of the lexicon's phrases and visits

    def candidates(self, sent):
        lexical = super().candidates(sent)
        typed = [c for c in lexical if c.entry.pos in ("verb", "noun")]
        known = {c.tok.i for c in lexical} | {c.obj.i for c in typed if c.obj is not None and c.entry.object}
        extra = parse_candidates(sent, known, self.model.event_nouns, self.c["speech_verbs"])
        pairs = [(c.tok, c.entry) for c in typed] + [(t, None) for t in extra]
        feats = [features(t, e) for t, e in pairs]
        preds = self.model.predict(pairs, feats)
        support = self.c["support_verbs"]
        self._sentence(sent, typed, feats, support)
        out = [c for c in lexical if c.entry.pos not in ("verb", "noun")]  # rule triggers ("must", "unless")
        rules = len(out)
        pol = self.policy
        cues = nonevent_cues()
        for cand, (type_, prob, mode, row) in zip(typed, preds, strict=False):
            entry = cand.entry
            if type_ == NONE and prob >= pol["drop"] or non_event(cand.tok, entry.type, cues):
                continue
            # a verb-and-object or multiword pattern ("provide support") is the lexicon's own
            # knowledge of that phrase: the classifier may drop it but not retype it
            pattern = entry.object is not None or len(entry.words) > 1
            if type_ not in (NONE, entry.type) and prob >= pol["retype"] and not pattern:
                entry = retyped(entry, type_, mode)
            elif entry.mode is None and mode is not None and type_ == entry.type:
                entry = retyped(entry, entry.type, mode)  # the lexicon's own mode wins where it has one
            self.confidence[cand.start] = row.get(entry.type, 0.0)
            self.rows[cand.start] = row
            if pattern or entry.host:  # a phrase, or a visit the lexicon's host rule reads
                self.patterns.add(cand.start)
            out.append(replace(cand, entry=entry))
        for tok, (type_, prob, mode, _row) in zip(extra, preds[len(typed):], strict=True):
            if type_ != NONE and prob >= pol["add"] and not non_event(tok, type_, cues):
                out.append(self._new(tok, type_, mode, prob))
        if len(out) == rules:
            out += self._sentence_event(sent, pairs, preds, support, cues)
        for c in out:
            self.triggers[c.start] = c.tok
        return out

    def _new(self, tok, type_, mode, prob) -> Candidate:
        first = tok
        while first.dep_ == "conj" and first.head != first:
            first = first.head
        entry = generic_entry(tok, type_, mode)
        self.confidence[tok.idx] = prob
        return Candidate(tok, entry, tok.idx, tok.idx + len(tok.text), first.head if entry.pos == "noun" else None)

    def _sentence(self, sent, typed, feats, support) -> None:
        """The sentence model's type of the sentence's main event, and its probability."""
        model = self.model.sentence
        if model is None:
            return
        main = min(range(len(typed)), key=lambda i: (main_key(typed[i].tok, support), typed[i].tok.i), default=None)
        f = sentence_features(sent, [c.entry.type for c in typed], feats[main] if main is not None else None)
        p = model.probs([f])[0]
        k = int(p.argmax())
        self.sentences[sent.start_char] = (model.classes[k], float(p[k]), dict(zip(model.classes, p.tolist(),
                                                                                  strict=True)))

    def _sentence_event(self, sent, pairs, preds, support, cues) -> list:
        """A sentence the candidates left without an event, to which the sentence model gives one:
        on the candidate word nearest the root (or the root verb) that is no speech verb."""
        type_, p, _ = self.sentences.get(sent.start_char, (NONE, 0.0, {}))
        if type_ == NONE or p < self.policy["sent_add"]:
            return []
        modes = {t.i: m for (t, _), (_, _, m, _) in zip(pairs, preds, strict=True)}
        speech = self.c["speech_verbs"]  # "said in a news release ...": the saying is not the event
        toks = sorted((t for t, _ in pairs if t.pos_ in ("VERB", "NOUN") and t.lemma_.lower() not in speech),
                      key=lambda t: (main_key(t, support), t.i))
        if not toks and sent.root.pos_ == "VERB" and sent.root.lemma_.lower() not in speech:
            toks = [sent.root]
        for tok in toks[:1]:
            if not non_event(tok, type_, cues):
                mode = modes.get(tok.i)
                return [self._new(tok, type_, mode if valid_mode(type_, mode) else None, p)]
        return []

    def calibrate(self, events) -> list:
        """Each event's confidence (the calibrated probability of its trigger's type); the main
        event of a sentence retyped where the sentence model is confident and the event is not;
        attacks, coercion, threats and accusations between private people only (ordinary crime,
        accidents) are dropped. A protest by civilians stays. An attack takes the mode of the means
        named near it (``means_mode``)."""
        cues = nonevent_cues()
        for ev in events:
            p = self.confidence.get(ev.trigger.start)
            if p is not None:
                ev.confidence = round(p, 3)
        self._retype_main(events)
        for ev in events:
            if ev.type == "ASSAULT" and (tok := self.triggers.get(ev.trigger.start)) is not None:
                mode = means_mode(tok, self.c)
                if mode is not None and mode != ev.mode:
                    recode(ev, "ASSAULT", mode)
        out = [ev for ev in events if not (ev.type in cues["crime_types"] and apolitical(ev, cues))]
        self.confidence.clear()
        self.triggers.clear()
        self.sentences.clear()
        self.patterns.clear()
        self.rows.clear()
        return out

    def _retype_main(self, events) -> None:
        pol = self.policy
        by_sent: dict[int, list] = {}
        for ev in events:
            if ev.trigger.start in self.triggers:
                by_sent.setdefault(ev.sentence.start, []).append(ev)
        support = self.c["support_verbs"]
        for start, evs in by_sent.items():
            type_, p, _ = self.sentences.get(start, (NONE, 0.0, {}))
            if type_ == NONE or p < pol["sent_retype"]:
                continue
            main = min((main_key(self.triggers[e.trigger.start], support), e.trigger.start) for e in evs)[1]
            # the lexicon's own phrase gives way only where the sentence model is surer, and the
            # word's own model must not rule the new type out ("arrived" is no aid without aid)
            if main in self.patterns and p < pol["sent_pattern"] or \
                    self.rows.get(main, {}).get(type_, 1.0) < pol["sent_floor"]:
                continue
            for ev in evs:
                if ev.trigger.start == main and plover_type(ev)[0] != type_ and ev.confidence < pol["sent_keep"]:
                    retype_event(ev, type_, p)


MEANS_DEPS = {"compound", "amod", "nmod", "nsubj", "nsubjpass", "prep", "pobj", "agent", "acl", "dobj", "npadvmod"}


def means_mode(tok, cues) -> str | None:
    """The mode of an attack from the means named near its trigger: its modifiers, its subject and
    its phrases, four steps down at most ("a roadside bomb killed", "in a suicide car bombing",
    "militiamen armed with machetes"), and the noun it is a light verb's object of."""
    means = cues["assault_means"]
    found, frontier = set(), [tok]
    for _ in range(4):
        frontier = [c for t in frontier for c in t.children if c.dep_ in MEANS_DEPS]
        found |= {means[x] for c in frontier if (x := c.lemma_.lower()) in means}
    if (x := tok.lemma_.lower()) in means:
        found.add(means[x])
    return min(found, key=cues["means_rank"].get, default=None)


def allowed_types(gold: str, status: str) -> frozenset[str]:
    """The action types whose PLOVER coding under ``status`` is the gold label (YIELD: CONCEDE or RETREAT)."""
    golds = {"CONCEDE", "RETREAT"} if gold == "YIELD" else {gold}
    ok = {t for t in EVENT_TYPES if plover_type(SimpleNamespace(type=t, status=status, mode=None, cameo=None))[0]
          in golds}
    return frozenset(ok or golds)


def retype_event(ev, coded: str, p: float) -> None:
    """Give the event the action type whose PLOVER coding under its status is ``coded``."""
    ok = allowed_types(coded, ev.status)
    type_ = coded if coded in ok else sorted(ok)[0]
    recode(ev, type_, ev.mode if valid_mode(type_, ev.mode) else None)
    ev.confidence = round(p, 3)


def recode(ev, type_: str, mode: str | None) -> None:
    """Give the event a type and mode, and the CAMEO code, QuadClass and Goldstein score they imply."""
    info = cameo_info(cameo := cameo_for(type_, mode))
    ev.type, ev.mode, ev.cameo = type_, mode, cameo
    ev.quad_class, ev.goldstein = (info.quad_class, info.goldstein) if info else (None, None)


def apolitical(ev, cues) -> bool:
    """No participant with a country or a political sector ("a woman shot her husband")."""
    sides = [r for r in (ev.source, ev.target) if r is not None]
    return all(not r.country and (r.sector is None or r.sector in cues["apolitical_sectors"]) for r in sides)


def min_confidence(events, threshold: float | None) -> list:
    """The events at or above ``threshold`` (all of them when it is None)."""
    if threshold is None:
        return events
    return [e for e in events if e.confidence is None or e.confidence >= threshold]
