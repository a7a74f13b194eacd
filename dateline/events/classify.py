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
from functools import lru_cache
from pathlib import Path

import numpy as np

from dateline.ontology import cameo_for, valid_mode
from dateline.syntax import span_tokens

from .extract import Candidate, Extractor
from .lexicon import NOUN_SOURCE, NOUN_TARGET, VERB_SOURCE, VERB_TARGET, Entry

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
            for x in fs:
                j = get(x)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        out = np.tile(self.b, (len(feats), 1))
        np.add.at(out, np.array(rows, dtype=np.intp), self.W[np.array(cols, dtype=np.intp)])
        return out

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


# How a confident classifier overrides the lexicon; the shipped values are in model/events.json
DEFAULT_POLICY = {"retype": 0.8, "drop": 0.9, "add": 0.5}


@dataclass
class EventModel:
    types: Linear
    modes: Linear
    event_nouns: frozenset[str]
    policy: dict

    def save(self, path: Path | str, meta: dict | None = None) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path / "events.npz", **self.types.arrays("t"), **self.modes.arrays("m"))
        (path / "events.json").write_text(json.dumps({
            "types": self.types.classes, "modes": self.modes.classes,
            "type_vocab": sorted(self.types.vocab, key=self.types.vocab.get),
            "mode_vocab": sorted(self.modes.vocab, key=self.modes.vocab.get),
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
        return cls(types, modes, frozenset(spec["event_nouns"]), {**DEFAULT_POLICY, **spec.get("policy", {})})

    def predict(self, cands: list[tuple]) -> list[tuple[str, float, str | None, dict]]:
        """(type, probability, mode, {type: probability}) for each (token, lexicon entry or None)."""
        if not cands:
            return []
        feats = [features(t, e) for t, e in cands]
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
    # a visit's host rule belongs to the visit ("an aid convoy arrived" is AID, with no host)
    host = entry.host and type_ == entry.type
    return replace(entry, type=type_, mode=mode, cameo=cameo_for(type_, mode), host=host,
                   requires_target=entry.requires_target and host)


def parse_candidates(sent, known: set[int], event_nouns) -> list:
    """Words of the sentence the lexicon did not propose that may still be triggers."""
    out = []
    for t in span_tokens(sent):
        if t.i in known:
            continue
        if t.pos_ == "VERB":
            out.append(t)
        elif t.pos_ == "NOUN" and t.lemma_.lower() in event_nouns and t.dep_ != "compound":
            if t.dep_ in ("dobj", "obj") and t.head.i in known:
                continue  # the verb's own event says it ("condemned the attack"), not "held drills"
            out.append(t)
    return out


class ClassifyingExtractor(Extractor):
    """The lexicon's candidates, retyped, dropped or added to by the classifier (``policy``)."""

    def __init__(self, lex, model: EventModel, policy: dict | None = None):
        super().__init__(lex)
        self.model = model
        self.policy = {**model.policy, **(policy or {})}
        self.confidence: dict[int, float] = {}  # trigger start (characters) -> probability of its type

    def candidates(self, sent):
        lexical = super().candidates(sent)
        typed = [c for c in lexical if c.entry.pos in ("verb", "noun")]
        known = {c.tok.i for c in lexical} | {c.obj.i for c in typed if c.obj is not None and c.entry.object}
        extra = parse_candidates(sent, known, self.model.event_nouns)
        preds = self.model.predict([(c.tok, c.entry) for c in typed] + [(t, None) for t in extra])
        out = [c for c in lexical if c.entry.pos not in ("verb", "noun")]  # rule triggers ("must", "unless")
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
            out.append(replace(cand, entry=entry))
        for tok, (type_, prob, mode, _row) in zip(extra, preds[len(typed):], strict=True):
            if type_ != NONE and prob >= pol["add"] and not non_event(tok, type_, cues):
                first = tok
                while first.dep_ == "conj" and first.head != first:
                    first = first.head
                entry = generic_entry(tok, type_, mode)
                out.append(Candidate(tok, entry, tok.idx, tok.idx + len(tok.text),
                                     first.head if entry.pos == "noun" else None))
                self.confidence[tok.idx] = prob
        return out

    def calibrate(self, events) -> list:
        """Each event's confidence (the calibrated probability of its trigger's type); attacks,
        coercion, threats and accusations between private people only (ordinary crime,
        accidents) are dropped. A protest by civilians stays."""
        cues = nonevent_cues()
        out = []
        for ev in events:
            p = self.confidence.get(ev.trigger.start)
            if p is not None:
                ev.confidence = round(p, 3)
            if ev.type in cues["crime_types"] and apolitical(ev, cues):
                continue
            out.append(ev)
        self.confidence.clear()
        return out


def apolitical(ev, cues) -> bool:
    """No participant with a country or a political sector ("a woman shot her husband")."""
    sides = [r for r in (ev.source, ev.target) if r is not None]
    return all(not r.country and (r.sector is None or r.sector in cues["apolitical_sectors"]) for r in sides)


def min_confidence(events, threshold: float | None) -> list:
    """The events at or above ``threshold`` (all of them when it is None)."""
    if threshold is None:
        return events
    return [e for e in events if e.confidence is None or e.confidence >= threshold]
