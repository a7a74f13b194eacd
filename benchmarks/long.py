"""Time and peak memory of the full pipeline on one long article (a transcript, a live blog).

    .venv/bin/python benchmarks/long.py [--sizes 100000,1000000,5000000] [--stages ...]
    .venv/bin/python benchmarks/long.py --marks 4000,8000,20000 --stages actors,quotes

Each size runs in a fresh process, so its peak RSS is its own; CPU seconds are given beside the
wall-clock ones because a shared machine stretches the latter. The article is built from
paragraphs written for this benchmark (reporting, quotes over several paragraphs, dates, places),
with names and numbers varied so that no two paragraphs are the same. Prints characters,
words, seconds, characters/s, peak RSS and each stage's seconds, a line per size. ``--marks N``
measures a text dense with N quotation marks instead (most quoted words short, every seventh a
quoted sentence with its speaker), the case that was once quadratic in the quotes stage.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PEOPLE = ["Maria Kovac", "Daniel Osei", "Leila Haddad", "Tomasz Wrona", "Ana Ribeiro", "Kenji Sato",
          "Ruth Abebe", "Pavel Marek", "Ines Duarte", "Samuel Njoroge"]
ROLES = ["the interior minister", "a spokesman for the army", "the opposition leader", "the mayor",
         "the head of the electoral commission", "a senior diplomat", "the union's chairwoman"]
PLACES = ["Lagos", "Kharkiv", "Mosul", "Valparaiso", "Dhaka", "Tbilisi", "Goma", "Cebu", "Herat", "Oran"]
COUNTRIES = ["Nigeria", "Ukraine", "Iraq", "Chile", "Bangladesh", "Georgia", "Congo", "the Philippines"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "on Saturday", "last week", "in March"]

PARAGRAPHS = [
    "{p1}, {r1}, told reporters in {pl1} on {d1} that the government would send {n} more police officers "
    "to the border before the end of the month.",
    "“We will not accept any delay,” {p1} said. “The people of {pl1} have waited long enough for an answer, "
    "and they deserve one now.”",
    "Protesters gathered outside the parliament in {pl2} {d2}, demanding the release of {n} activists "
    "detained after last year's strike. Police used tear gas to disperse the crowd.",
    "{c1} and {c2} signed an agreement on {d1} to share water from the river, ending a dispute that had "
    "lasted {n} years, officials from both sides said.",
    "According to {p2}, {r2}, the talks in {pl1} broke down after the delegation from {c2} refused to "
    "discuss the ceasefire line.",
    "Fighting resumed near {pl2} overnight. Local residents said at least {n} people were killed when "
    "shells hit a market, and hundreds fled towards the coast.",
    "The United Nations urged all parties to exercise restraint. In a statement, it said aid convoys had "
    "been blocked for {n} days and warned of a food shortage in {pl1}.",
    "Asked whether the army would withdraw, {p1} replied: “That depends entirely on what happens at the "
    "table next week. Nobody wants another winter like the last one.”",
    "{r2}, {p2}, accused the government of {c1} of arming militias in the north, a claim the defence "
    "ministry denied {d2}.",
    "The president of {c2} will visit {pl2} on {d1} to meet local leaders and inspect the reconstruction of "
    "the bridge destroyed in {y}.",
    "Prices of bread and fuel in {pl1} have risen by {n} percent since January, the central bank said in "
    "its quarterly report published {d2}.",
    "“I saw them take my brother,” a woman from {pl2} said, asking not to be named. “Since then we have "
    "heard nothing from anyone.”",
    "Election officials in {c1} said turnout reached {n} percent, the highest since {y}, although "
    "observers reported irregularities in several districts around {pl1}.",
    "{p2} said the commission would publish its findings within {n} weeks and promised that those "
    "responsible would be held to account.",
]


def paragraph(rng: random.Random, k: int) -> str:
    tpl = PARAGRAPHS[k % len(PARAGRAPHS)]
    return tpl.format(p1=rng.choice(PEOPLE), p2=rng.choice(PEOPLE), r1=rng.choice(ROLES), r2=rng.choice(ROLES),
                      pl1=rng.choice(PLACES), pl2=rng.choice(PLACES), c1=rng.choice(COUNTRIES),
                      c2=rng.choice(COUNTRIES), d1=rng.choice(DAYS), d2=rng.choice(DAYS),
                      n=rng.randint(2, 900), y=rng.randint(1990, 2024))


def long_text(chars: int, seed: int = 7) -> str:
    """An article of about ``chars`` characters, paragraphs separated by blank lines."""
    rng = random.Random(seed)
    out, size, k = [], 0, 0
    while size < chars:
        p = paragraph(rng, k)
        out.append(p)
        size += len(p) + 2
        k += 1
    return "\n\n".join(out)


def marks_text(marks: int) -> str:
    """A text with ``marks`` quotation marks: short quoted words, every seventh a quoted sentence."""
    return "She said " + " ".join("“no”" if i % 7 else "“Yes, we will,” he said." for i in range(marks // 2))


def measure(chars: int, stages: list[str] | None, marks: bool = False) -> dict:
    """One size (or number of marks), in this process: seconds, peak RSS and stage seconds."""
    import resource

    sys.path.insert(0, str(ROOT))
    from dateline.pipeline import Pipeline, available_stages

    text = marks_text(chars) if marks else long_text(chars)
    pipe = Pipeline(stages if stages is not None else available_stages(), timeout=None)
    pipe.nlp("warm up")
    t0 = time.perf_counter()
    use = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = use.ru_utime + use.ru_stime
    rec = pipe.extract(text, "2026-05-04")
    secs = time.perf_counter() - t0
    assert rec.check_spans() == [], rec.check_spans()
    use = resource.getrusage(resource.RUSAGE_SELF)
    return {"chars": len(text), "words": len(text.split()), "seconds": round(secs, 1),
            "cpu_seconds": round(use.ru_utime + use.ru_stime - cpu0, 1),
            "chars_per_s": round(len(text) / secs), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "stages": {k: round(v, 1) for k, v in pipe.timings.items()}, "errors": [e.message for e in rec.errors],
            "found": {"timexes": len(rec.timexes), "actors": len(rec.actors), "places": len(rec.places),
                      "quotes": len(rec.quotes), "events": len(rec.events)}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000,5000000")
    ap.add_argument("--stages", help="comma-separated stages (default: all available; '' for spaCy alone)")
    ap.add_argument("--marks", help="comma-separated numbers of quotation marks, instead of --sizes")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: measure one size
    args = ap.parse_args()
    stages = None if args.stages is None else [s for s in args.stages.split(",") if s]
    if args.one:
        print(json.dumps(measure(args.one, stages, bool(args.marks))))
        return
    for size in (int(s) for s in (args.marks or args.sizes).split(",")):
        cmd = [sys.executable, __file__, "--one", str(size)] + ([] if args.stages is None else ["--stages", args.stages])
        cmd += ["--marks", "1"] if args.marks else []
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{size:>9,} chars: failed ({out.stderr.strip().splitlines()[-1:]})")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        stage_s = " ".join(f"{k} {v}s" for k, v in r["stages"].items())
        print(f"{r['chars']:>9,} chars {r['words']:>8,} words  {r['seconds']:>7.1f} s ({r['cpu_seconds']:.1f} s CPU)  "
              f"{r['chars_per_s']:>6,} chars/s  "
              f"peak {r['peak_rss_mb']:>5,} MB  [{stage_s}]  found {r['found']}"
              + (f"  ERRORS {r['errors']}" if r["errors"] else ""), flush=True)


if __name__ == "__main__":
    main()
