"""``dateline eval pages``: page segments and language on our own test pages, and what the full
pipeline makes of them.

The pages (``data/pages/*.page``, written by us) are plain text with the gold segment kinds marked
inline: ``[headline]``, ``[byline]``, ``[body]`` ... switch the kind from that point on, and a header
of ``# key: value`` lines gives the date and the language. The markers are removed to make the text.

Scores:
- segments: exact (kind, start, end) matches, precision/recall/F1, and the share of non-space
  characters whose kind is right; furniture found (any FURNITURE kind) per character.
- language: right / all, over every page and over pages of 50 words or more.
- the pipeline's goals: events, quotes and timexes whose span lies in gold furniture (should be 0),
  events of the headline told twice (an event in the headline and one of the same type in the body
  both kept; should be 0),
  and non-English pages on which an English-only stage ran (should be 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..record import FURNITURE, SEGMENT_KINDS, Article, Segment
from .common import prf

PAGES = Path(__file__).parent / "data" / "pages"
LONG_PAGE = 50  # words: the language goal holds on every page at least this long
_MARK = re.compile(r"\[(" + "|".join(SEGMENT_KINDS) + r")\]")


@dataclass


class Page:
    name: str
    text: str
    date: str | None
    language: str
    gold: list[Segment]

    @property
    def words(self) -> int:
        return len(self.text.split())


def read_page(path: str | Path) -> Page:
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    header = {}
    while lines and lines[0].startswith("# "):
        key, _, value = lines.pop(0)[2:].partition(":")
        header[key.strip()] = value.strip()
    raw = "".join(lines)
    parts: list[str] = []
    runs: list[tuple[str, int, int]] = []
    pos, length, kind = 0, 0, "body"
    for m in _MARK.finditer(raw):
        parts.append(raw[pos:m.start()])
        runs.append((kind, length, length + len(parts[-1])))
        length += len(parts[-1])
        pos, kind = m.end(), m.group(1)
    parts.append(raw[pos:])
    runs.append((kind, length, length + len(parts[-1])))
    text = "".join(parts)
    return Page(Path(path).stem, text, header.get("date"), header["language"], _gold(text, runs))


def _gold(text: str, runs) -> list[Segment]:
    """Marked runs stripped of surrounding spaces; neighbours of one kind are one segment."""
    out: list[Segment] = []
    for kind, s, e in runs:
        piece = text[s:e]
        if not piece.strip():
            continue
        s += len(piece) - len(piece.lstrip())
        e -= len(piece) - len(piece.rstrip())
        if out and out[-1].kind == kind:
            out[-1].end = e
        else:
            out.append(Segment(kind, s, e))
    return out


def read_pages(paths) -> list[Page]:
    files: list[Path] = []
    for p in map(Path, paths or [PAGES]):
        files += sorted(p.glob("*.page")) if p.is_dir() else [p]
    if not files:
        raise FileNotFoundError(f"no .page files in {', '.join(map(str, paths or [PAGES]))}")
    return [read_page(f) for f in files]


def char_kinds(text: str, segments: list[Segment]) -> list[str | None]:
    """The kind of each character (None outside every segment)."""
    out: list[str | None] = [None] * len(text)
    for g in segments:
        out[g.start:g.end] = [g.kind] * (g.end - g.start)
    return out


def in_spans(spans: list[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e for s, e in spans)


def score_segments(pages: list[Page], found: list[list[Segment]]) -> dict:
    tp = n_sys = n_gold = 0
    chars = right = 0
    f_tp = f_sys = f_gold = 0
    wrong = []
    for page, segs in zip(pages, found, strict=True):
        gold = {(g.kind, g.start, g.end) for g in page.gold}
        got = {(g.kind, g.start, g.end) for g in segs}
        tp += len(gold & got)
        n_sys += len(got)
        n_gold += len(gold)
        for kind, s, e in sorted(gold ^ got, key=lambda x: x[1]):
            wrong.append({"page": page.name, "side": "gold" if (kind, s, e) in gold else "found",
                          "kind": kind, "text": page.text[s:e][:60]})
        gk, fk = char_kinds(page.text, page.gold), char_kinds(page.text, segs)
        for ch, g, f in zip(page.text, gk, fk, strict=True):
            if ch.isspace() or g is None:
                continue
            chars += 1
            right += g == f
            f_gold += g in FURNITURE
            f_sys += f in FURNITURE
            f_tp += g in FURNITURE and f in FURNITURE
    return {"segments": prf(tp, n_sys, tp, n_gold) | {"gold": n_gold, "found": n_sys},
            "char_accuracy": round(right / chars, 4) if chars else 0.0,
            "furniture_chars": prf(f_tp, f_sys, f_tp, f_gold), "wrong": wrong}


def score_language(pages: list[Page], found: list[str | None]) -> dict:
    long_ = [(p, f) for p, f in zip(pages, found, strict=True) if p.words >= LONG_PAGE]
    return {"right": sum(p.language == f for p, f in zip(pages, found, strict=True)), "pages": len(pages),
            "right_long": sum(p.language == f for p, f in long_), "pages_long": len(long_),
            "languages": sorted({p.language for p in pages}),
            "wrong": [{"page": p.name, "gold": p.language, "found": f}
                      for p, f in zip(pages, found, strict=True) if p.language != f]}


def score_pipeline(pages: list[Page], records) -> dict:
    """The goals: nothing from furniture, headline events once, no English stages on other languages."""

    leaks = []
    twice = 0
    headline_events = 0
    english_on_other = 0
    for page, rec in zip(pages, records, strict=True):
        furniture = [(g.start, g.end) for g in page.gold if g.kind in FURNITURE]
        for what, items, start in (("event", rec.events, lambda e: e.trigger.start),
                                   ("quote", rec.quotes, lambda q: q.start),
                                   ("timex", rec.timexes, lambda t: t.start)):
            for item in items:
                if in_spans(furniture, start(item)):
                    leaks.append({"page": page.name, "what": what,
                                  "text": rec.article.text[start(item):start(item) + 60]})
        heads = [(g.start, g.end) for g in page.gold if g.kind == "headline"]
        hl = [e for e in rec.events if in_spans(heads, e.trigger.start)]
        body = [e for e in rec.events if not in_spans(heads, e.trigger.start)]
        headline_events += sum(e.headline for e in rec.events)
        twice += sum(1 for h in hl if any(b.type == h.type for b in body))
        if page.language != "en" and (rec.events or rec.quotes or rec.timexes or rec.actors):
            english_on_other += 1
    return {"furniture_leaks": leaks, "headline_events": headline_events, "headline_told_twice": twice,
            "english_stages_on_other_languages": english_on_other}


def evaluate(paths, baseline: bool = True, limit: int | None = None, pipeline: bool = True) -> dict:
    """Segments and language of every page; with ``pipeline``, the goals on the full pipeline's records."""
    import time

    from ..language import detect
    from ..readers.segments import segment

    pages = read_pages(paths)[:limit] if limit else read_pages(paths)
    segment(pages[0].text), detect(pages[0].text)  # load the data and the model before the clock starts
    t0 = time.perf_counter()
    found = [segment(p.text) for p in pages]
    t_seg = time.perf_counter() - t0
    t0 = time.perf_counter()
    langs = [detect(p.text) for p in pages]
    t_lang = time.perf_counter() - t0
    out = {"pages": len(pages), "segments": score_segments(pages, found), "language": score_language(pages, langs),
           "ms_per_page": {"segment": round(1000 * t_seg / len(pages), 3),
                           "language": round(1000 * t_lang / len(pages), 3)}}
    if baseline:  # no segmenting at all: every page is one body
        out["baseline"] = {"segments": score_segments(pages, [[Segment("body", 0, len(p.text.rstrip()))]
                                                              for p in pages])}
        out["baseline"]["segments"].pop("wrong")
    if pipeline:
        from ..pipeline import Pipeline, available_stages

        pipe = Pipeline(available_stages())
        out["pipeline"] = score_pipeline(pages, list(pipe.run(Article.make(p.text, p.date) for p in pages)))
        if baseline:  # the same pipeline reading every page as all story, in English
            pipe.pages, pipe.language = False, "en"
            out["baseline"]["pipeline"] = score_pipeline(pages, list(pipe.run(Article.make(p.text, p.date)
                                                                               for p in pages)))
    return out


def report(r: dict) -> str:
    s, lang = r["segments"], r["language"]
    seg = s["segments"]
    lines = [f"pages: {r['pages']} (our own, dateline/eval/data/pages)",
             f"segments: P {seg['p']:.3f} R {seg['r']:.3f} F1 {seg['f1']:.3f} "
             f"({seg['gold']} gold, {seg['found']} found); characters of the right kind {s['char_accuracy']:.3f}",
             f"furniture characters: P {s['furniture_chars']['p']:.3f} R {s['furniture_chars']['r']:.3f} "
             f"F1 {s['furniture_chars']['f1']:.3f}"]
    if "baseline" in r:
        b = r["baseline"]["segments"]
        lines.append(f"baseline (all body): segments F1 {b['segments']['f1']:.3f}, "
                     f"characters {b['char_accuracy']:.3f}, furniture F1 {b['furniture_chars']['f1']:.3f}")
    lines.append(f"language: {lang['right']}/{lang['pages']} right; {lang['right_long']}/{lang['pages_long']} "
                 f"on pages of {LONG_PAGE}+ words; languages {', '.join(lang['languages'])}")
    lines.append(f"time per page: segment {r['ms_per_page']['segment']} ms, language {r['ms_per_page']['language']} ms")
    for w in s["wrong"]:
        lines.append(f"  segment {w['side']:5} {w['page']}: {w['kind']} {w['text']!r}")
    for w in lang["wrong"]:
        lines.append(f"  language {w['page']}: gold {w['gold']}, found {w['found']}")
    for label, p in (("pipeline", r.get("pipeline")), ("baseline pipeline (no pages, all English)",
                                                       r.get("baseline", {}).get("pipeline"))):
        if p is None:
            continue
        lines.append(f"{label}: {len(p['furniture_leaks'])} events/quotes/timexes from furniture; "
                     f"{p['headline_events']} headline events, {p['headline_told_twice']} told twice; "
                     f"{p['english_stages_on_other_languages']} non-English pages with English-only output")
        if label == "pipeline":
            for leak in p["furniture_leaks"]:
                lines.append(f"  leak {leak['page']}: {leak['what']} {leak['text']!r}")
    return "\n".join(lines)
