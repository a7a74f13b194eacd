"""Rebuild the event classifier's weights (``model/``) from the shared data: ``dateline train events``.

Training data (nothing else, and no test data):
- ``plv/PLV_train.tsv`` (Zero-Shot-PLOVER, ACL 2024): a gold PLOVER root per sentence with the
  source and target marked; the trigger is the word that governs both (the lowest common head of
  the two phrases, or the event word on the path down to the target when that head is a speech verb).
  YIELD stands for CONCEDE or RETREAT.
- ``plover/plover_gsr_dev.json`` (PLOVER gold standard records, CC BY-SA 4.0): type, mode and the
  marked event words (``EVT``).
- ``data/train_examples.tsv``: sentences we wrote from the PLOVER manual's definitions, for the
  modes, word-sense traps and non-events (disasters, accidents, weather, ordinary crime).

A gold label fixes the type PLOVER codes, which for a planned cooperative action is AGREE and for a
negated one REJECT (``ontology.plover_type``). The classifier types the action itself, so a label
allows every type that the trigger's status maps to the gold one (a partial label: "will visit"
coded AGREE allows CONSULT). Other verbs of the sentence that the lexicon does not know are
weak NONE examples; words the lexicon proposes off the gold trigger are weak examples of the
lexicon's type (most are events of their own: "attacked a post, killing five").

Deterministic: full-batch gradient descent from zero weights; the seed fixes the folds of the
cross-validation that fits the calibration temperature.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dateline.ontology import EVENT_TYPES, normalise_label

from .classify import (
    NO_MODE,
    NONE,
    EventModel,
    Linear,
    allowed_types,
    features,
    generic_entry,
    parse_candidates,
)
from .extract import Candidate, Extractor
from .lexicon import load_lexicon
from .sentence import main_key, sentence_features

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
PLV = SHARED / "plv" / "PLV_train.tsv"
DEV = SHARED / "plover" / "plover_gsr_dev.json"
EXAMPLES = Path(__file__).parent / "data" / "train_examples.tsv"
TYPES = [*EVENT_TYPES, NONE]
SEED = 13
# measured by 5-fold cross-validation on PLV_train (docs/classifier.md)
POLICY = {"retype": 0.8, "drop": 0.9, "add": 0.5,
          "sent_retype": 0.3, "sent_keep": 0.6, "sent_pattern": 2.0, "sent_add": 0.3}
NONE_WEIGHT = 0.5  # weak NONE label: a verb off the gold trigger that the lexicon does not know
LEXICON_WEIGHT = 0.3  # weak label: a word off the gold trigger that the lexicon proposes, its type
OLD_MODES = json.loads((Path(__file__).parent / "data" / "old_modes.json").read_text())
_MARK = re.compile(r"\((SRC/TAR|SRC|TAR|EVT): ([^()]*)\)")


@dataclass
class Item:
    """One training sentence: its text, the gold trigger's characters (or a dyad to find it) and label."""

    text: str
    label: str  # a PLOVER type, YIELD, or NONE (the whole sentence holds no event)
    mode: str | None = None
    has_mode: bool = False  # the mode is known (None then means: no mode)
    trigger: tuple[int, int] | None = None
    dyad: tuple[tuple[int, int], tuple[int, int]] | None = None
    source: str = ""
    group: int = -1  # cross-validation group: the item's index in the corpus


@dataclass
class Example:
    feats: list[str]
    allowed: frozenset[str]
    weight: float
    mode: str | None = None  # a mode label, when known
    group: int = -1
    source: str = ""
    tok_i: int = -1


def _unmark(marked: str, tags) -> tuple[str, dict]:
    out, spans, pos = [], {}, 0
    for m in re.finditer(r"<(/?)([st])>", marked):
        out.append(marked[pos:m.start()])
        n = sum(len(x) for x in out)
        if m.group(1):
            spans[m.group(2)] = (spans[m.group(2)], n)
        else:
            spans[m.group(2)] = n
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def load_plv(path: Path = PLV) -> list[Item]:
    items = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            text, spans = _unmark(r["marked_sentence"], "st")
            if not isinstance(spans.get("s"), tuple) or not isinstance(spans.get("t"), tuple):
                continue
            items.append(Item(text, r["gold_root"].strip().upper(), dyad=(spans["s"], spans["t"]),
                              source="plv"))
    return items


def load_dev(path: Path = DEV) -> list[Item]:
    items = []
    for r in json.loads(Path(path).read_text()):
        info = r.get("textInfo")
        markup = (info.get("markup") if isinstance(info, dict) else info) or ""
        text, trig, pos, out = "", None, 0, []
        for m in _MARK.finditer(markup):
            out.append(markup[pos:m.start()])
            start = sum(len(x) for x in out)
            out.append(m.group(2))
            if m.group(1) == "EVT" and trig is None:
                trig = (start, start + len(m.group(2)))
            pos = m.end()
        out.append(markup[pos:])
        text = "".join(out)
        if trig is None or text.split() != r["text"].split():  # malformed markup: the event words in the text
            text = r["text"]
            words = [w for w in re.findall(r"[\w-]+", r.get("eventText") or "") if w.lower() not in ("has", "will")]
            m = next((m for w in words if (m := re.search(rf"\b{re.escape(w)}\b", text))), None)
            trig = (m.start(), m.end()) if m else None
        type_, mode = normalise_label(r["event"])
        mode = r.get("mode") or mode or None
        mode = OLD_MODES.get(f"{type_}/{mode}", mode)
        items.append(Item(text, type_, mode, True, trigger=trig, source="dev"))
    return items


def load_examples(path: Path = EXAMPLES) -> list[Item]:
    """Our own sentences: ``type<TAB>mode<TAB>trigger word<TAB>sentence`` (type NONE: no event at all)."""
    items = []
    for line in Path(path).read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        type_, mode, word, text = line.split("\t")
        trig = None
        if type_ != NONE:
            m = re.search(rf"\b{re.escape(word)}\b", text)
            if m is None:
                raise ValueError(f"{path}: trigger {word!r} not in {text!r}")
            trig = (m.start(), m.end())
        items.append(Item(text, type_, None if mode in ("", "-") else mode, True, trigger=trig, source="ours"))
    return items


def _in(tok, span) -> bool:
    return span[0] <= tok.idx < span[1]


def _head_of(doc, span):
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    return s.root if s is not None and len(s) else None


def _ancestors(tok):
    out = [tok]
    while tok.head != tok:
        tok = tok.head
        out.append(tok)
    return out


def _plv_trigger(doc, item, cands: dict, speech):
    s, t = _head_of(doc, item.dyad[0]), _head_of(doc, item.dyad[1])
    if s is None or t is None:
        return None
    up_s, up_t = _ancestors(s), _ancestors(t)
    common = next((a for a in up_t if a in up_s), None)
    if common is None:
        return None
    # "Jordan and Britain have agreed": coordinated sides meet inside a side; the event is above
    while (_in(common, item.dyad[0]) or _in(common, item.dyad[1])) and common.head != common:
        common = common.head
    path = up_t[:up_t.index(common) + 1]  # from the target up to the common head
    path = [a for a in path if a.pos_ in ("VERB", "NOUN", "AUX") and not _in(a, item.dyad[1]) or a == common]
    for a in reversed(path):  # the highest word on the path the lexicon proposes, not a speech verb
        if a.i in cands and not (a.lemma_.lower() in speech and a != path[0]):
            return a
    for a in reversed(path):
        if a.pos_ == "VERB" and a.lemma_.lower() not in speech:
            return a
    return common


def label_item(nlp_doc, item: Item, extractor: Extractor, event_nouns) -> list[Example]:
    """The examples of one sentence: its gold trigger and weak NONE examples."""
    doc = nlp_doc
    out = []
    speech = extractor.c["speech_verbs"]
    for sent in doc.sents:
        lexical = {c.tok.i: c.entry for c in extractor.candidates(sent) if c.entry.pos in ("verb", "noun")}
        toks = sorted(set(lexical) | {t.i for t in parse_candidates(sent, set(lexical), event_nouns, speech)})
        trig = None
        if item.dyad is not None and sent.start_char <= item.dyad[0][0] < sent.end_char:
            trig = _plv_trigger(doc, item, lexical, speech)
        elif item.trigger is not None and sent.start_char <= item.trigger[0] < sent.end_char:
            inside = [t for t in sent if _in(t, item.trigger)]
            trig = next((t for t in inside if t.i in lexical), None) or next(
                (t for t in inside if t.pos_ == "VERB"), None) or next(
                (t for t in inside if t.pos_ in ("NOUN", "PROPN")), None)
        if trig is not None and trig.i not in toks:
            toks.append(trig.i)
        for i in toks:
            tok = doc[i]
            entry = lexical.get(i)
            if trig is not None and i == trig.i and item.label != NONE:
                cand = Candidate(tok, entry or generic_entry(tok, "AGREE", None), tok.idx, tok.idx + len(tok.text),
                                 tok.head if tok.pos_ in ("NOUN", "PROPN") else None)
                allowed, weight = allowed_types(item.label, extractor.status(cand, [])), 1.0
            elif item.label == NONE:
                allowed, weight = frozenset({NONE}), 1.0
            elif entry is None:
                allowed, weight = frozenset({NONE}), NONE_WEIGHT
            else:  # another event of the sentence, most often: the lexicon's type as a weak label
                allowed, weight = frozenset({entry.type}), LEXICON_WEIGHT
            mode = None
            if item.has_mode and (allowed != {NONE} or item.label == NONE):
                mode = item.mode or NO_MODE
            out.append(Example(features(tok, entry), allowed, weight, mode, item.group, item.source, i))
    return out


def sentence_examples(doc, item: Item, extractor: Extractor) -> list[Example]:
    """The sentence-model example of a training sentence: the features of the sentence that holds
    its gold event (every sentence of a NONE item), labelled with the PLOVER-coded gold type."""
    out = []
    at = item.dyad[0][0] if item.dyad is not None else item.trigger[0] if item.trigger is not None else None
    support = extractor.c["support_verbs"]
    sents = list(doc.sents)
    for sent in sents:
        if item.label != NONE and not (at is None and sent is sents[0]
                                       or at is not None and sent.start_char <= at < sent.end_char):
            continue
        typed = [c for c in extractor.candidates(sent) if c.entry.pos in ("verb", "noun")]
        main = min(typed, key=lambda c: (main_key(c.tok, support), c.tok.i), default=None)
        feats = sentence_features(sent, [c.entry.type for c in typed],
                                  features(main.tok, main.entry) if main is not None else None)
        label = frozenset({"CONCEDE", "RETREAT"}) if item.label == "YIELD" else frozenset({item.label})
        out.append(Example(feats, label, 1.0, group=item.group, source=item.source))
    return out


def fit(examples: list[Example], classes: list[str], labels, *, l2: float = 1e-4, iters: int = 200,
        lr: float = 0.1) -> Linear:
    """Multinomial logistic regression with partial labels (the loss is -log of the probability of
    the allowed set), L2, full-batch Adam from zeros: the same data give the same weights."""
    vocab: dict[str, int] = {}
    for ex in examples:
        for f in ex.feats:
            vocab.setdefault(f, len(vocab))
    n, c = len(examples), len(classes)
    from scipy.sparse import csr_matrix  # training only (the eval extra); inference is numpy

    rows = np.concatenate([np.full(len(ex.feats), i) for i, ex in enumerate(examples)]).astype(np.int64)
    cols = np.array([vocab[f] for ex in examples for f in ex.feats], dtype=np.int64)
    S = csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(n, len(vocab)))
    St = S.T.tocsr()
    mask = np.zeros((n, c), dtype=bool)
    for i, lab in enumerate(labels):
        mask[i, [classes.index(x) for x in lab]] = True
    w = np.array([ex.weight for ex in examples])
    w = w / w.sum()
    params = [np.zeros((len(vocab), c)), np.zeros(c)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for step in range(1, iters + 1):
        W, b = params
        z = S @ W + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        q = np.where(mask, p, 0.0)
        q /= q.sum(axis=1, keepdims=True)
        g = (p - q) * w[:, None]
        grads = [St @ g + l2 * W, g.sum(axis=0)]
        for k, (p_, g_) in enumerate(zip(params, grads, strict=True)):
            m[k] = 0.9 * m[k] + 0.1 * g_
            v[k] = 0.999 * v[k] + 0.001 * g_ * g_
            p_ -= lr * (m[k] / (1 - 0.9 ** step)) / (np.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8)
    return Linear(list(classes), vocab, params[0].astype(np.float32), params[1].astype(np.float32))


def fit_model(examples: list[Example], nouns, policy=None, temperature: float = 1.0,
              sentences: list[Example] | None = None) -> EventModel:
    """The per-trigger type and mode models, and the sentence model when ``sentences`` are given."""
    types = fit(examples, TYPES, [ex.allowed for ex in examples])
    types.temperature = temperature
    with_mode = [ex for ex in examples if ex.mode is not None]
    modes = sorted({ex.mode for ex in with_mode} | {NO_MODE})
    mode_model = fit(with_mode, modes, [{ex.mode} for ex in with_mode]) if with_mode else \
        Linear([], {}, np.zeros((0, 0)), np.zeros(0))
    sentence = fit(sentences, TYPES, [ex.allowed for ex in sentences]) if sentences else None
    return EventModel(types, mode_model, frozenset(nouns), dict(policy or POLICY), sentence)


def folds(n: int, k: int = 5, seed: int = SEED) -> np.ndarray:
    return np.random.default_rng(seed).permutation(n) % k


def fit_temperature(examples: list[Example], groups: np.ndarray, nouns) -> float:
    """The temperature that makes out-of-fold probabilities of the allowed types calibrated (NLL)."""
    logits, masks = [], []
    for k in range(int(groups.max()) + 1):
        train = [ex for ex in examples if groups[ex.group] != k]
        test = [ex for ex in examples if groups[ex.group] == k]
        model = fit_model(train, nouns)
        logits.append(model.types.logits([ex.feats for ex in test]))
        masks.append(np.array([[c in ex.allowed for c in TYPES] for ex in test]))
    z, mask = np.concatenate(logits), np.concatenate(masks)
    best = (np.inf, 1.0)
    for t in np.arange(0.5, 3.01, 0.05):
        zt = z / t
        zt -= zt.max(axis=1, keepdims=True)
        lp = zt - np.log(np.exp(zt).sum(axis=1, keepdims=True))
        nll = -np.log((np.exp(lp) * mask).sum(axis=1) + 1e-12).mean()
        best = min(best, (nll, round(float(t), 2)))
    return best[1]


@dataclass
class Corpus:
    items: list[Item]
    examples: list[list[Example]] = field(default_factory=list)
    nouns: frozenset[str] = frozenset()
    sentences: list[Example] = field(default_factory=list)  # the sentence model's examples


def corpus(nlp, plv=PLV, dev=DEV, examples=EXAMPLES, use_dev: bool = True) -> Corpus:
    """Parse and label every training sentence. The event nouns are the lexicon's and those that are
    the gold trigger of some sentence (a first labelling pass finds them)."""
    items = load_plv(plv) + (load_dev(dev) if use_dev else []) + load_examples(examples)
    for i, it in enumerate(items):
        it.group = i
    lex = load_lexicon()
    extractor = Extractor(lex)
    docs = list(nlp.pipe((it.text for it in items), batch_size=64))
    nouns = frozenset(lex.nouns)
    first = [label_item(doc, it, extractor, nouns) for it, doc in zip(items, docs, strict=True)]
    found = {doc[ex.tok_i].lemma_.lower() for doc, exs in zip(docs, first, strict=True) for ex in exs
             if ex.weight == 1.0 and NONE not in ex.allowed and doc[ex.tok_i].pos_ == "NOUN"}
    nouns = nouns | found
    exs = [label_item(doc, it, extractor, nouns) for it, doc in zip(items, docs, strict=True)]
    sents = [ex for it, doc in zip(items, docs, strict=True) for ex in sentence_examples(doc, it, extractor)]
    return Corpus(items, exs, nouns, sents)


def train(out: Path | str | None = None, *, use_dev: bool = True, calibrate: bool = True, nlp=None) -> EventModel:
    """Train on all the data and save to ``out`` (default: the package's ``model/``)."""
    from dateline.pipeline import load_spacy

    from .classify import MODEL_DIR

    nlp = nlp or load_spacy()
    data = corpus(nlp, use_dev=use_dev)
    flat = [ex for exs in data.examples for ex in exs]
    temperature = fit_temperature(flat, folds(len(data.items)), data.nouns) if calibrate else 1.0
    model = fit_model(flat, data.nouns, temperature=temperature, sentences=data.sentences)
    meta = {"seed": SEED, "sentences": {s: sum(it.source == s for it in data.items) for s in ("plv", "dev", "ours")},
            "examples": len(flat), "data": "PLV_train (Zero-Shot-PLOVER, ACL 2024); PLOVER gold standard records "
            "dev half (CC BY-SA 4.0); dateline's own examples (data/train_examples.tsv)"}
    model.save(out or MODEL_DIR, meta)
    return model
