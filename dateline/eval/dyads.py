"""Dyads: who did what to whom, when, on our own short articles (``data/dyads/``).

Each gold row (``gold.tsv``) is one main event of an article: the words of its trigger, its PLOVER
type, its source and target countries and its date; a two-sided event has one row each way. A row
is matched by the events whose trigger overlaps those words; of them, the one that gets most
fields right is scored. Each field is scored alone (type, source, target, date), then type, source
and target together (``dyad``), then all four (``all``). A row with no event overlapping its words
gets every field wrong except a gold ``-`` (none). The corpus ships in the package, so
``dateline eval dyads`` works from an install; ``dateline eval dyads FOLDER`` scores another one
laid out the same way (``*.txt`` articles with a ``date YYYY-MM-DD`` header, and ``gold.tsv``).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..ontology import to_plover
from ..readers.text import read_text

DATA = Path(__file__).parent / "data" / "dyads"
FIELDS = ("type", "source", "target", "date")
MEASURES = (*FIELDS, "dyad", "all")


@dataclass(frozen=True)
class Gold:
    article: str
    trigger: str
    occurrence: int  # the trigger's Nth occurrence in the article (1 = the first)
    type: str
    source: str | None
    target: str | None
    date: str | None
    phenomenon: str = ""


def _none(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


def read_gold(path: Path | str) -> list[Gold]:
    rows, header = [], None
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        try:
            trigger, _, nth = row["trigger"].partition("#")
            rows.append(Gold(row["article"], trigger, int(nth or 1), row["type"].upper(), _none(row["source"]),
                             _none(row["target"]), _none(row["date"]), row.get("phenomenon", "")))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}:{n}: bad gold row ({exc})") from None
    return rows


def read_articles(folder: Path) -> dict:
    """Article stem -> Article, read as ``dateline extract`` reads a text file."""
    out = {}
    for p in sorted(folder.glob("*.txt")):
        (inp,) = read_text(p.read_bytes(), p.name, None)
        out[p.stem] = inp.article
    return out


def anchor(text: str, g: Gold) -> tuple[int, int]:
    at = -1
    for _ in range(g.occurrence):
        at = text.find(g.trigger, at + 1)
        if at < 0:
            raise ValueError(f"{g.article}: {g.trigger!r} (occurrence {g.occurrence}) is not in the text")
    return at, at + len(g.trigger)


def _day(value: str | None) -> str | None:
    """The day of a date value: "2026-07-07TEV" (Tuesday evening) is 2026-07-07; coarser values stay."""
    return value[:10] if value and len(value) > 10 and value[4] == "-" and value[7] == "-" else value


def _predicted(event, record) -> dict:
    return {"type": to_plover(event, record)["event"][0],
            "source": event.source.country if event.source else None,
            "target": event.target.country if event.target else None,
            "date": _day(event.date.value), "source_from": event.source.country_from if event.source else None,
            "target_from": event.target.country_from if event.target else None, "trigger": event.trigger.text}


def score_row(g: Gold, record) -> dict:
    """The fields right for one gold row against the record of its article."""
    lo, hi = anchor(record.article.text, g)
    want = {"type": g.type, "source": g.source, "target": g.target, "date": g.date}
    best, best_ok = None, {f: want[f] is None and f != "type" for f in FIELDS}
    for e in record.events:
        if e.trigger.start < hi and lo < e.trigger.end:
            p = _predicted(e, record)
            ok = {f: p[f] == want[f] for f in FIELDS}
            if best is None or sum(ok.values()) > sum(best_ok.values()):
                best, best_ok = p, ok
    best_ok["dyad"] = best_ok["type"] and best_ok["source"] and best_ok["target"]
    best_ok["all"] = best_ok["dyad"] and best_ok["date"]
    return {"article": g.article, "trigger": g.trigger, "phenomenon": g.phenomenon,
            "gold": [g.type, g.source, g.target, g.date],
            "predicted": [best[f] for f in FIELDS] if best else None,
            "country_from": [best["source_from"], best["target_from"]] if best else None, "ok": best_ok}


def summarise(rows: list[dict]) -> dict:
    n = Counter()
    origin = Counter()
    for r in rows:
        for m in MEASURES:
            n[m] += r["ok"][m]
        if r["country_from"]:
            for side, gold, how in zip(("source", "target"), r["gold"][1:3], r["country_from"], strict=True):
                if gold is not None and r["ok"][side]:
                    origin[how] += 1
    total = max(len(rows), 1)
    sides = sum(1 for r in rows for gold in r["gold"][1:3] if gold is not None)
    return {"rows": len(rows), **{m: round(n[m] / total, 3) for m in MEASURES},
            "right_sides_by_country_from": {k or "unset": round(v / max(sides, 1), 3) for k, v in origin.items()}}


def evaluate(paths: list[str] | None = None, *, baseline: bool = True, limit: int | None = None) -> dict:
    """Score the dyad corpus (``baseline`` is accepted for the CLI; there is none for dyads)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ..pipeline import Pipeline, available_stages, parse

    folder = Path(paths[0]) if paths else DATA
    gold = read_gold(folder / "gold.tsv")
    articles = read_articles(folder)
    names = sorted({g.article for g in gold})
    if limit:
        names = names[:limit]
    missing = [a for a in names if a not in articles]
    if missing:
        raise ValueError(f"{folder}: gold rows name articles that are not there: {', '.join(missing)}")
    pipe = Pipeline(list(available_stages()))
    t0 = time.perf_counter()
    records = {}
    for name, (article, doc) in zip(names, parse(pipe.nlp, [articles[a] for a in names]), strict=True):
        records[name] = pipe.analyse(article, doc)
    rows = [score_row(g, records[g.article]) for g in gold if g.article in records]
    return {"corpus": str(folder.name), "articles": len(names), **summarise(rows),
            "seconds": round(time.perf_counter() - t0, 1), "misses": [r for r in rows if not r["ok"]["all"]]}


def report(result: dict) -> str:
    lines = [f"## Dyads: {result['rows']} gold events in {result['articles']} articles ({result['corpus']})", "",
             "| field | right | goal |", "|---|---:|---:|"]
    for m in MEASURES:
        goal = "0.90" if m == "all" else ""
        lines.append(f"| {m} | {result[m]:.3f} | {goal} |")
    by = result["right_sides_by_country_from"]
    if by:
        lines += ["", "Right gold sides by where the country came from: "
                  + ", ".join(f"{k} {v:.3f}" for k, v in sorted(by.items()))]
    if result["misses"]:
        lines += ["", "Misses (gold type source target date / ours):"]
        for r in result["misses"]:
            ours = " ".join(str(x) for x in r["predicted"]) if r["predicted"] else "no event"
            gold = " ".join(str(x) for x in r["gold"])
            lines.append(f"- {r['article']} '{r['trigger']}' ({r['phenomenon']}): {gold} / {ours}")
    return "\n".join(lines)
