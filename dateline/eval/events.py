"""Events against the PLOVER gold standard records (``plover_gsr_dev.json``).

Each record is one sentence with one gold event: its type (the earlier labels DEMAND, DISAPPROVE,
INVESTIGATE and FIGHT read as REQUEST, ACCUSE, ACCUSE and ASSAULT) and gold source and target
lists with country codes. Each sentence runs through the available stages (time, actors, places,
quotes, events) as an article of its own, dated by the record.

Of our events in the sentence we score the *main* one: the trigger nearest the root of the parse
(ties: the earlier one), typed the PLOVER way by ``to_plover`` (a planned cooperative action is
AGREE). Its source (target) codes are the codes of every event sharing that trigger (coordinated
arguments give one event each). A side is right when that set of codes equals the gold set (both
empty counts as right). A two-sided event (``Event.pair``) reads as the gold's compound actor
(SRC/TAR): both sides in the source set, no target. We also report how often a side's codes overlap the gold ones at all.
We also report, of all gold source and target codes, the share coded by one of our sides
whose country came from each ``country_from`` (mention, dictionary, coreference, context).
There is no baseline for events.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from ..ontology import EVENT_TYPES, normalise_label, to_plover
from ..record import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
DEFAULT = SHARED / "plover" / "plover_gsr_dev.json"
CODE_FIX = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
CONFUSION_DOC = Path(__file__).resolve().parents[2] / "docs" / "events_confusion.md"


def _files(paths) -> list[Path]:
    out = []
    for p in paths or [str(DEFAULT)]:
        p = Path(p)
        if p.is_dir():
            out += sorted(p.glob("plover_gsr*.json")) or sorted(p.glob("*.json"))
        else:
            out.append(p)
    return out


def _codes(actors) -> set[str]:
    if not isinstance(actors, list):  # a few records carry "" (or a stray word) for no actor
        return set()
    return {CODE_FIX.get(a["code"], a["code"]) for a in actors if isinstance(a, dict) and a.get("code")}


def main_events(record, doc):
    """The events of the sentence's main trigger (nearest the root), or []."""
    if not record.events:
        return []
    from ..events.lexicon import load_lexicon
    from ..events.sentence import main_key

    support = load_lexicon().cues["support_verbs"]
    by_trigger = defaultdict(list)
    for e in record.events:
        by_trigger[(e.trigger.start, e.trigger.end)].append(e)

    def key(k):
        span = doc.char_span(k[0], k[1], alignment_mode="expand")
        return (main_key(span.root if span is not None else doc[0], support), k[0])

    return by_trigger[min(by_trigger, key=key)]


def evaluate(paths: list[str] | None = None, *, baseline: bool = True, limit: int | None = None,
             confusion_doc: Path | str | None = CONFUSION_DOC, cross_validation: bool = True) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ..pipeline import Pipeline, available_stages, parse

    items = []
    for f in _files(paths):
        items += json.loads(Path(f).read_text())
    if limit:
        items = items[:limit]
    stages = [s for s in available_stages() if s in ("time", "actors", "places", "quotes", "events")]
    pipe = Pipeline(stages)
    articles = [Article.make(it["text"], it.get("date") or None, id=it.get("id")) for it in items]
    n = Counter()
    origin = Counter()  # country_from of the predicted side that coded each gold source or target code
    confusion: dict[str, Counter] = defaultdict(Counter)
    rows = []
    t0 = time.perf_counter()
    for it, (article, doc) in zip(items, parse(pipe.nlp, articles), strict=True):
        rec = pipe.analyse(article, doc)
        gold_type, _mode = normalise_label(it["event"])
        gsrc, gtar = _codes(it.get("source")), _codes(it.get("target"))
        evs = main_events(rec, doc) if not isinstance(rec, Exception) and hasattr(rec, "events") else []
        if evs:
            ptype = to_plover(evs[0], rec)["event"][0]
            psrc = {e.source.country for e in evs if e.source and e.source.country}
            # a two-sided event (one event each way, linked by ``pair``) is PLOVER's compound actor:
            # the gold lists both sides as sources (SRC/TAR) and no target
            ptar = {e.target.country for e in evs if e.target and e.target.country and e.pair is None}
        else:
            ptype, psrc, ptar = "NONE", set(), set()
        ok_t, ok_s, ok_r = ptype == gold_type, psrc == gsrc, ptar == gtar
        n["gold_sides"] += len(gsrc) + len(gtar)
        for gold, sides in ((gsrc, [e.source for e in evs]), (gtar, [e.target for e in evs if e.pair is None])):
            found = {r.country: r.country_from for r in sides if r is not None and r.country}
            for code in gold & set(found):
                origin[found[code] or "unset"] += 1
        n["items"] += 1
        n["type"] += ok_t
        n["source"] += ok_s
        n["target"] += ok_r
        n["all"] += ok_t and ok_s and ok_r
        n["source_overlap"] += bool(psrc & gsrc) or psrc == gsrc
        n["target_overlap"] += bool(ptar & gtar) or ptar == gtar
        n["with_event"] += bool(evs)
        n["events"] += len(rec.events) if hasattr(rec, "events") else 0
        confusion[gold_type][ptype] += 1
        rows.append({"id": it.get("id"), "gold": [gold_type, sorted(gsrc), sorted(gtar)],
                     "predicted": [ptype, sorted(psrc), sorted(ptar)],
                     "trigger": evs[0].trigger.text if evs else None})
    total = max(n["items"], 1)
    result = {
        "corpus": "plover_gsr_dev", "stages": stages, "items": n["items"],
        "dateline": {k: round(n[k] / total, 3) for k in ("type", "source", "target", "all", "source_overlap",
                                                            "target_overlap", "with_event")},
        "events_per_sentence": round(n["events"] / total, 2),
        "gold_sides_by_country_from": {k: round(v / max(n["gold_sides"], 1), 3) for k, v in sorted(origin.items())},
        "baseline": None,
        "seconds": round(time.perf_counter() - t0, 1),
        "confusion": {g: dict(c) for g, c in sorted(confusion.items())},
        "errors": [r for r in rows if r["gold"] != r["predicted"]],
        "stage_seconds": {k: round(v, 3) for k, v in pipe.timings.items()},
    }
    if confusion_doc and not limit:
        Path(confusion_doc).write_text(confusion_markdown(result))
    if not limit and cross_validation:  # the classifier retrained per fold on PLV_train (eval/plv.py)
        from .plv import figures, plv_present

        if plv_present():
            result["cross_validation"] = figures()
    return result


def confusion_markdown(result: dict) -> str:
    conf = result["confusion"]
    cols = [t for t in (*EVENT_TYPES, "NONE") if any(t in row for row in conf.values())]
    lines = ["# Event type confusion on the PLOVER gold standard (dev)", "",
             f"Rows: gold type; columns: the type `dateline eval events` gave the sentence's main event "
             f"({result['items']} sentences; NONE = no event). Generated by `dateline eval events`.", "",
             "| gold \\ ours | " + " | ".join(cols) + " | right |",
             "|---|" + "---:|" * (len(cols) + 1)]
    for g in EVENT_TYPES:
        if g not in conf:
            continue
        row = conf[g]
        total = sum(row.values())
        lines.append(f"| {g} | " + " | ".join(str(row.get(c, "")) for c in cols)
                     + f" | {row.get(g, 0)}/{total} |")
    return "\n".join(lines) + "\n"


def report(result: dict) -> str:
    d = result["dateline"]
    lines = [f"## Events: PLOVER gold standard ({result['items']} sentences; stages: {', '.join(result['stages'])})",
             "", "| measure | dateline | goal |", "|---|---:|---:|",
             f"| event type accuracy | {d['type']:.3f} | 0.75 |",
             f"| source codes right | {d['source']:.3f} | |",
             f"| target codes right | {d['target']:.3f} | |",
             f"| type, source and target all right | {d['all']:.3f} | 0.55 |",
             f"| source codes overlap gold | {d['source_overlap']:.3f} | |",
             f"| target codes overlap gold | {d['target_overlap']:.3f} | |",
             f"| sentences with an event | {d['with_event']:.3f} | |",
             f"| events per sentence | {result['events_per_sentence']:.2f} | |",
             "", "Gold source and target codes coded right, by where our country came from: "
             + (", ".join(f"{k} {v:.3f}" for k, v in result.get("gold_sides_by_country_from", {}).items()) or "none"),
             "", "No baseline for events. Confusion table: docs/events_confusion.md."]
    if result.get("cross_validation"):
        lines += ["", result["cross_validation"]["report"]]
    return "\n".join(lines)
