"""5-fold cross-validation of the event classifier, and the non-event probe.

Every training sentence (PLV_train, the PLOVER gold dev records, our own examples) falls in one of
five folds (seeded); for each fold the classifier is retrained on the other four and the events
stage runs on the held-out sentences with it, after the time, actors, places and quotes stages.
Scored like ``eval events``: the type (``to_plover``) of the sentence's main event (the trigger
nearest the root), CONCEDE and RETREAT counting as PLV's YIELD. Also: whether the gold type is among
any of the sentence's events, events per sentence, the mode where the type is right (sentences with
a gold mode), and the main event's confidence against whether its type is right (reliability).
The lexicon alone (classifier off) is scored on the same sentences.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from pathlib import Path

from ..ontology import EVENT_TYPES, to_plover
from ..record import Article

PROBE = Path(__file__).parent / "data" / "nonevent_probe.txt"


def plv_present() -> bool:
    from ..events.train import PLV

    return PLV.exists()
YIELD = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
# fusion policies compared (the shipped one is train.POLICY)
_OLD = {"retype": 0.8, "drop": 0.9, "add": 0.5}
POLICIES = {"lexicon only": None,
            "classifier only adds (at 0.5)": {"retype": 2.0, "drop": 2.0, "add": 0.5},
            "per-word classifier (retype 0.8, drop 0.9, add 0.5)": _OLD,
            "classifier always wins": {"retype": 0.0, "drop": 0.5, "add": 0.5},
            "+ sentence model adds at 0.3": {**_OLD, "sent_add": 0.3},
            "+ sentence model retypes (0.3, below 0.6), phrases too": {**_OLD, "sent_retype": 0.3, "sent_keep": 0.6,
                                                                       "sent_pattern": 0.3},
            "+ sentence model retypes (0.3, below 0.6), phrases at 0.8": {**_OLD, "sent_retype": 0.3,
                                                                          "sent_keep": 0.6, "sent_pattern": 0.8},
            "+ sentence model retypes (0.3, below 0.8), phrases at 0.8": {**_OLD, "sent_retype": 0.3,
                                                                          "sent_keep": 0.8, "sent_pattern": 0.8},
            "shipped": "shipped"}


def _pre_pipeline():
    from ..pipeline import Pipeline, available_stages

    return Pipeline([s for s in available_stages() if s in ("time", "actors", "places", "quotes")])


def _records(pipe, items):
    from ..pipeline import parse

    arts = [Article.make(it.text, "2020-01-01", id=f"item{i}") for i, it in enumerate(items)]
    return [(pipe.analyse(a, d), d) for a, d in parse(pipe.nlp, arts)]


def _score(rec, doc, events, item):
    from .events import main_events

    rec.events = events
    main = main_events(rec, doc)
    types = {YIELD.get(t, t) if item.source == "plv" else t for t in
             (to_plover(e, rec)["event"][0] for e in events)}
    if main:
        plo = to_plover(main[0], rec)
        ptype, pmode, conf = plo["event"][0], (plo["mode"] or [None])[0], main[0].confidence
    else:
        ptype, pmode, conf = "NONE", None, None
    if item.source == "plv":
        ptype = YIELD.get(ptype, ptype)
    return {"gold": item.label, "pred": ptype, "mode": pmode, "gold_mode": item.mode if item.has_mode else "?",
            "among": item.label in types, "events": len(events), "conf": conf, "source": item.source}


def cross_validate(k: int = 5, limit: int | None = None, policies: dict | None = None) -> dict:
    """Out-of-fold predictions for every training sentence, under each fusion policy."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ..events.classify import DEFAULT_POLICY, ClassifyingExtractor
    from ..events.extract import Extractor
    from ..events.lexicon import load_lexicon
    from ..events.stage import extract_events
    from ..events.train import POLICY, corpus, fit_model, fit_temperature, folds

    pipe = _pre_pipeline()
    data = corpus(pipe.nlp)
    items = data.items[:limit] if limit else data.items
    groups = folds(len(data.items), k)
    recs = _records(pipe, items)
    lex = load_lexicon()
    flat = [ex for exs in data.examples for ex in exs]
    temperature = fit_temperature(flat, groups, data.nouns)
    models = {f: fit_model([ex for ex in flat if groups[ex.group] != f], data.nouns, temperature=temperature,
                           sentences=[ex for ex in data.sentences if groups[ex.group] != f]) for f in range(k)}
    rows: dict[str, list] = {}
    for name, pol in (policies or POLICIES).items():
        out = []
        for i, (item, (rec, doc)) in enumerate(zip(items, recs, strict=True)):
            if isinstance(rec, Exception) or not hasattr(rec, "events"):
                continue
            if pol is None:
                ext = Extractor(lex)
            else:
                # a compared policy is whole: what it leaves out is off, not the shipped value
                ext = ClassifyingExtractor(lex, models[groups[i]], POLICY if pol == "shipped" else
                                           {**DEFAULT_POLICY, **pol})
            events = extract_events(rec, doc, ext)
            if pol is not None:
                events = ext.calibrate(events)
            out.append(_score(rec, doc, events, item))
        rows[name] = out
    return {"k": k, "temperature": temperature, "rows": rows}


def summarise(rows: list[dict], source: str) -> dict:
    rs = [r for r in rows if r["source"] == source and r["gold"] != "NONE"]
    n = max(len(rs), 1)
    labels = sorted({r["gold"] for r in rs})
    per = {}
    for t in labels:
        tp = sum(r["pred"] == t and r["gold"] == t for r in rs)
        fp = sum(r["pred"] == t and r["gold"] != t for r in rs)
        fn = sum(r["gold"] == t and r["pred"] != t for r in rs)
        p, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        per[t] = {"p": round(p, 3), "r": round(rec, 3), "f1": round(2 * p * rec / max(p + rec, 1e-9), 3), "n": tp + fn}
    moded = [r for r in rows if r["source"] == source and r["gold_mode"] != "?" and r["gold"] != "NONE"
             and r["pred"] == r["gold"]]
    nonev = [r for r in rows if r["source"] == source and r["gold"] == "NONE"]
    return {"sentences": len(rs), "type": round(sum(r["pred"] == r["gold"] for r in rs) / n, 3),
            "macro_f1": round(sum(v["f1"] for v in per.values()) / max(len(per), 1), 3),
            "among": round(sum(r["among"] for r in rs) / n, 3),
            "events_per_sentence": round(sum(r["events"] for r in rs) / n, 2),
            "mode": round(sum(r["mode"] == r["gold_mode"] for r in moded) / max(len(moded), 1), 3),
            "mode_n": len(moded), "per_type": per,
            "nonevent_with_event": round(sum(r["events"] > 0 for r in nonev) / max(len(nonev), 1), 3),
            "nonevent_n": len(nonev)}


def reliability(rows: list[dict]) -> list[tuple]:
    """(bin low, bin high, main events, share of them with the right type, mean confidence)."""
    out = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        rs = [r for r in rows if r["conf"] is not None and lo <= r["conf"] < hi and r["gold"] != "NONE"]
        if rs:
            out.append((lo, min(hi, 1.0), len(rs), round(sum(r["pred"] == r["gold"] for r in rs) / len(rs), 3),
                        round(sum(r["conf"] for r in rs) / len(rs), 3)))
    return out


def confusion(rows: list[dict], source: str) -> dict[str, Counter]:
    out: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        if r["source"] == source and r["gold"] != "NONE":
            out[r["gold"]][r["pred"]] += 1
    return out


def modes_table(rows: list[dict]) -> dict[str, tuple[int, int]]:
    """Per gold mode (type right): (right, total)."""
    out: dict[str, list] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r["gold_mode"] != "?" and r["gold"] != "NONE" and r["pred"] == r["gold"]:
            key = f"{r['gold']}/{r['gold_mode'] or '-'}"
            out[key][0] += r["mode"] == r["gold_mode"]
            out[key][1] += 1
    return {k: tuple(v) for k, v in sorted(out.items())}


def probe(path: Path = PROBE, classifier: str | None = None) -> dict:
    """Our non-event sentences (word-sense traps, disasters, crime) through the whole pipeline:
    the share that yields any event, and which."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ..pipeline import Pipeline, available_stages

    lines = [x for x in Path(path).read_text().splitlines() if x.strip() and not x.startswith("#")]
    stages = [s for s in available_stages() if s in ("time", "actors", "places", "quotes", "events")]
    pipe = Pipeline(stages, config={"events": {"classifier": classifier}} if classifier else {})
    hits = []
    for line in lines:
        kind, text = line.split("\t", 1)
        rec = pipe.extract(text, "2020-01-01")
        if rec.events:
            hits.append((kind, text, [(e.type, e.trigger.text, e.confidence) for e in rec.events]))
    kinds = Counter(x.split("\t", 1)[0] for x in lines)
    return {"sentences": len(lines), "with_event": len(hits), "share": round(len(hits) / max(len(lines), 1), 3),
            "kinds": dict(kinds), "hits": hits}


def report(cv: dict, probes: dict | None = None) -> str:
    lines = [f"## Events: {cv['k']}-fold cross-validation of the classifier (retrained per fold; "
             f"temperature {cv['temperature']})", "",
             "| policy | corpus | sentences | type acc | macro F1 | gold type among events | events/sentence "
             "| mode acc (n) | non-events with an event |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, rows in cv["rows"].items():
        for src in ("plv", "dev", "ours"):
            s = summarise(rows, src)
            lines.append(f"| {name} | {src} | {s['sentences']} | {s['type']:.3f} | {s['macro_f1']:.3f} | "
                         f"{s['among']:.3f} | {s['events_per_sentence']:.2f} | {s['mode']:.3f} ({s['mode_n']}) | "
                         f"{s['nonevent_with_event']:.3f} ({s['nonevent_n']}) |")
    shipped = cv["rows"].get("shipped", [])
    if shipped:
        s = summarise(shipped, "plv")
        lines += ["", "Per type on PLV_train (shipped policy, out of fold):", "", "| type | P | R | F1 | n |",
                  "|---|---:|---:|---:|---:|"]
        lines += [f"| {t} | {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {v['n']} |" for t, v in s["per_type"].items()]
        lines += ["", "Reliability of the main event's confidence (all held-out sentences):", "",
                  "| confidence | events | type right | mean confidence |", "|---|---:|---:|---:|"]
        lines += [f"| {lo:.1f}-{hi:.1f} | {n} | {acc:.3f} | {mc:.3f} |" for lo, hi, n, acc, mc in reliability(shipped)]
        lines += ["", "Modes (type right, gold mode known; dev and our examples): right/total", ""]
        lines += [f"- {k}: {a}/{b}" for k, (a, b) in modes_table(shipped).items()]
        lines += ["", confusion_markdown(confusion(shipped, "plv"), "PLV_train, out of fold, shipped policy")]
    if probes:
        lines += ["", f"Non-event probe: {probes['with_event']} of {probes['sentences']} sentences yield an event "
                      f"({probes['share']:.3f})"]
        lines += [f"- [{k}] {t} -> {e}" for k, t, e in probes["hits"]]
    return "\n".join(lines)


def confusion_markdown(conf: dict[str, Counter], title: str) -> str:
    labels = [t for t in (*EVENT_TYPES, "YIELD") if t in conf or any(t in r for r in conf.values())]
    cols = [*labels, "NONE"]
    out = [f"Confusion ({title}); rows gold, columns ours:", "",
           "| gold \\ ours | " + " | ".join(cols) + " | right |", "|---|" + "---:|" * (len(cols) + 1)]
    for g in labels:
        if g in conf:
            row = conf[g]
            out.append(f"| {g} | " + " | ".join(str(row.get(c, "")) for c in cols)
                       + f" | {row.get(g, 0)}/{sum(row.values())} |")
    return "\n".join(out)


def figures() -> dict:
    """What ``dateline eval events`` adds: the cross-validation (lexicon alone and the shipped
    fusion) and the non-event probe, as figures and as the report's markdown."""
    cv = cross_validate(policies={"lexicon only": None, "shipped": "shipped"})
    pr = probe()
    summary = {name: {src: {k: v for k, v in summarise(rows, src).items() if k != "per_type"}
                      for src in ("plv", "dev", "ours")} for name, rows in cv["rows"].items()}
    summary["per_type_plv"] = summarise(cv["rows"]["shipped"], "plv")["per_type"]
    return {"summary": summary, "probe_share": pr["share"], "probe_sentences": pr["sentences"],
            "temperature": cv["temperature"], "report": report(cv, pr)}
