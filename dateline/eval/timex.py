"""Temporal expressions against TimeML corpora, scored the TempEval-3 way.

Reads TimeML ``.tml`` files (TempEval-3 TimeBank and AQUAINT; document date in ``<DCT>``) and
MEANTIME's stand-off XML (tokens plus ``<TIMEX3>`` markables; document date is the markable
with ``functionInDocument="CREATION_TIME"``). Scores, per corpus and over all:

* strict span P/R/F1 (same start and end) and relaxed span P/R/F1 (any overlap);
* type accuracy over relaxed matches;
* value P/R/F1: a relaxed match whose TimeML value is also right;
* mod accuracy (of the matched pairs whose gold has a TimeML ``mod``, the share where ours is the
  same) and mod precision (of the matched pairs where we give a mod, the share the gold gives too),
  on corpora that annotate ``mod`` (TimeML files; MEANTIME has no such attribute).

The baseline is what a Python user would assemble: spaCy's DATE and TIME entities, each
normalised by dateparser with the document date as its relative base.
"""

from __future__ import annotations

import html
import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..record import Article
from .common import prf, read_meantime_text

COMBINED = "timebank+aquaint"


_DECADE = re.compile(r"^(\d{3})X?$")
_WEEK = re.compile(r"^(\d{4}-W)0?(\d)(?=\D|$)")


def same_value(system: str | None, gold: str | None) -> bool:
    """Values are equal; a decade written "195X" or "195" (both TimeML notations) is one value,
    and so is an ISO week written with or without its leading zero ("2000-W07", "2000-W7")."""
    if system is None or gold is None:
        return False
    if system == gold or _WEEK.sub(r"\g<1>0\g<2>", system) == _WEEK.sub(r"\g<1>0\g<2>", gold):
        return True
    a, b = _DECADE.match(system), _DECADE.match(gold)
    return bool(a and b and a.group(1) == b.group(1))


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None


@dataclass
class GoldDoc:
    id: str
    corpus: str
    text: str
    dct: str | None
    timexes: list[Gold] = field(default_factory=list)
    scope: int | None = None  # annotation covers text[:scope] only (MEANTIME: the first sentences)
    has_mod: bool = True  # the corpus annotates TimeML's mod attribute (MEANTIME does not)


# ---------------------------------------------------------------- readers

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: str | Path, corpus: str | None = None) -> GoldDoc:
    raw = Path(path).read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    if m:
        dct = m.group(1)[:10]
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    src = body.group(1) if body else raw
    out: list[str] = []
    pos = 0
    length = 0
    golds: list[Gold] = []
    open_tx: list[tuple[int, dict]] = []
    for tm in _TAG.finditer(src):
        chunk = html.unescape(src[pos:tm.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tm.end()
        closing, name, attrs, selfclose = tm.groups()
        if name != "TIMEX3":
            continue
        if closing:
            if open_tx:
                s, a = open_tx.pop()
                golds.append(Gold(s, length, a.get("type", "DATE"), a.get("value"), a.get("mod") or None))
        elif not selfclose:
            open_tx.append((length, dict(_ATTR.findall(attrs))))
    out.append(html.unescape(src[pos:]))
    text = "".join(out)
    return GoldDoc(Path(path).stem, corpus or Path(path).parent.name, text, dct,
                   sorted(golds, key=lambda g: g.start))


def read_meantime(path: str | Path, corpus: str = "meantime") -> GoldDoc:
    """MEANTIME stand-off XML, its text rebuilt from the tokens (one line per sentence)."""
    mt = read_meantime_text(path)
    root, spans, sent_of, sent_end = mt.root, mt.spans, mt.sentence_of, mt.sentence_end
    golds, dct = [], None
    markables = root.find("Markables")
    # Only the first sentences of each article are annotated: score within the last sentence
    # that holds any markable.
    anchored = {a.get("t_id") for a in (markables.iter("token_anchor") if markables is not None else [])}
    ends = [sent_end[sent_of[t]] for t in anchored if t in sent_of]
    scope = max(ends) if ends else None
    for tx in (markables.iter("TIMEX3") if markables is not None else []):
        ids = [a.get("t_id") for a in tx.iter("token_anchor")]
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _iso_date(tx.get("value"))
        ids = [i for i in ids if i in spans]
        if not ids:
            continue
        s = min(spans[i][0] for i in ids)
        e = max(spans[i][1] for i in ids)
        golds.append(Gold(s, e, tx.get("type", "DATE"), tx.get("value")))
    return GoldDoc(Path(path).stem, corpus, mt.text, dct, sorted(golds, key=lambda g: g.start), scope,
                   has_mod=False)


def _iso_date(v: str | None) -> str | None:
    """A document date as YYYY-MM-DD (MEANTIME has a few DD-MM-YYYY ones); None if unreadable."""
    v = (v or "").strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        return m.group(0)
    m = re.match(r"^(\d{2})-(\d{2})-(\d{4})$", v)
    if m:
        return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    return None


def _is_meantime(path: Path) -> bool:
    with open(path, encoding="utf-8", errors="replace") as f:
        return "<Document" in f.read(500)


def collect(paths: list[str], limit: int | None = None) -> list[GoldDoc]:
    """Documents under the paths: .tml files (corpus = their folder) and MEANTIME .xml files."""
    by_corpus: dict[str, list[Path]] = {}
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        files = [p] if p.is_file() else sorted(x for x in p.rglob("*") if x.suffix in (".tml", ".xml"))
        for f in files:
            if f.resolve() in seen:
                continue
            seen.add(f.resolve())
            if f.suffix == ".tml":
                by_corpus.setdefault(f.parent.name, []).append(f)
            elif f.suffix == ".xml" and _is_meantime(f):
                by_corpus.setdefault("meantime", []).append(f)
    # MEANTIME ships each article twice; the intra-document annotation has every TIMEX3.
    if "meantime" in by_corpus:
        best: dict[str, Path] = {}
        for f in by_corpus["meantime"]:
            if f.name not in best or "intra-doc" in str(f):
                best[f.name] = f
        by_corpus["meantime"] = sorted(best.values())
    docs = []
    for corpus, files in by_corpus.items():
        for f in files[:limit] if limit else files:
            docs.append(read_meantime(f) if f.suffix == ".xml" else read_tml(f, corpus))
    return docs


# ---------------------------------------------------------------- scoring

class Tally:
    def __init__(self):
        self.n_gold = self.n_sys = 0
        self.strict_sys = self.strict_gold = 0
        self.rel_sys = self.rel_gold = 0
        self.pairs = self.type_ok = self.value_ok = 0
        self.mod_gold = self.mod_gold_ok = self.mod_sys = self.mod_sys_ok = 0

    def add(self, gold: list[Gold], sys: list[tuple], has_mod: bool = True):
        """sys: (start, end, type, value[, mod]) per expression."""
        self.n_gold += len(gold)
        self.n_sys += len(sys)
        gspans = {(g.start, g.end) for g in gold}
        sspans = {(s[0], s[1]) for s in sys}
        self.strict_sys += sum((s[0], s[1]) in gspans for s in sys)
        self.strict_gold += sum((g.start, g.end) in sspans for g in gold)
        self.rel_sys += sum(any(s[0] < g.end and g.start < s[1] for g in gold) for s in sys)
        self.rel_gold += sum(any(s[0] < g.end and g.start < s[1] for s in sys) for g in gold)
        # One-to-one pairs for the attributes: largest overlap first.
        cands = sorted(((min(s[1], g.end) - max(s[0], g.start), i, j) for i, s in enumerate(sys)
                        for j, g in enumerate(gold) if s[0] < g.end and g.start < s[1]), reverse=True)
        used_s, used_g = set(), set()
        for _ov, i, j in cands:
            if i in used_s or j in used_g:
                continue
            used_s.add(i)
            used_g.add(j)
            self.pairs += 1
            self.type_ok += sys[i][2] == gold[j].type
            self.value_ok += same_value(sys[i][3], gold[j].value)
            if has_mod:
                mod = sys[i][4] if len(sys[i]) > 4 else None
                if gold[j].mod:
                    self.mod_gold += 1
                    self.mod_gold_ok += mod == gold[j].mod
                if mod:
                    self.mod_sys += 1
                    self.mod_sys_ok += mod == gold[j].mod

    def figures(self) -> dict:
        return {
            "gold": self.n_gold, "system": self.n_sys,
            "strict": prf(self.strict_sys, self.n_sys, self.strict_gold, self.n_gold),
            "relaxed": prf(self.rel_sys, self.n_sys, self.rel_gold, self.n_gold),
            "type_accuracy": round(self.type_ok / self.pairs, 4) if self.pairs else 0.0,
            "value": prf(self.value_ok, self.n_sys, self.value_ok, self.n_gold),
            "mod": {"gold": self.mod_gold, "accuracy": round(self.mod_gold_ok / self.mod_gold, 4) if self.mod_gold else None,
                    "system": self.mod_sys, "precision": round(self.mod_sys_ok / self.mod_sys, 4) if self.mod_sys else None},
        }


def baseline_timexes(doc, dct: str | None, _cache: dict = {}) -> list[tuple[int, int, str, str | None]]:  # noqa: B006
    """spaCy DATE/TIME entities, values by dateparser relative to the document date."""
    import dateparser

    base = datetime.fromisoformat(dct) if dct else None
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        key = (ent.text, dct)
        if key not in _cache:
            settings = {"RELATIVE_BASE": base} if base else {}
            try:
                d = dateparser.parse(ent.text, languages=["en"], settings=settings)
            except Exception:  # dateparser raises on odd input; the baseline then has no value
                d = None
            if d is None:
                _cache[key] = None
            elif ent.label_ == "TIME":
                _cache[key] = d.strftime("%Y-%m-%dT%H:%M")
            else:
                _cache[key] = d.strftime("%Y-%m-%d")
        out.append((ent.start_char, ent.end_char, ent.label_, _cache[key]))
    return out


def evaluate(paths: list[str] | None = None, *, baseline: bool = True, limit: int | None = None,
             nlp=None) -> dict:
    """Score dateline's time stage (and the baseline) on TimeML / MEANTIME documents."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ..pipeline import Pipeline, parse

    if not paths:
        root = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
        paths = [str(root / "tempeval3"), str(root / "meantime")]
    docs = collect(paths, limit)
    pipe = Pipeline(["time"])
    if nlp is not None:
        pipe._nlp = nlp
    tallies: dict[str, dict[str, Tally]] = {}
    systems = ["dateline"] + (["baseline"] if baseline else [])
    t_base = 0.0
    nlp = pipe.nlp  # loaded before the clock starts: parse time is parsing only
    t0 = time.perf_counter()
    articles = [Article.make(d.text, d.dct, id=d.id) for d in docs]
    for gd, (article, doc) in zip(docs, parse(nlp, articles), strict=True):
        rec = pipe.analyse(article, doc)
        if not hasattr(rec, "timexes"):
            raise RuntimeError(rec.message)
        preds = {"dateline": [(t.start, t.end, t.type, t.value, t.mod) for t in rec.timexes]}
        if baseline:
            tb = time.perf_counter()
            preds["baseline"] = baseline_timexes(doc, gd.dct)
            t_base += time.perf_counter() - tb
        if gd.scope is not None:
            preds = {k: [p for p in v if p[0] < gd.scope] for k, v in preds.items()}
        groups = [gd.corpus] + ([COMBINED] if gd.corpus in ("timebank", "aquaint") else []) + ["all"]
        for g in groups:
            for s in systems:
                tallies.setdefault(g, {}).setdefault(s, Tally()).add(gd.timexes, preds[s], gd.has_mod)
    total = time.perf_counter() - t0
    stage_s = pipe.timings["time"]
    parse_s = total - stage_s - t_base
    return {
        "task": "timex",
        "documents": {c: sum(d.corpus == c for d in docs) for c in sorted({d.corpus for d in docs})},
        "corpora": {g: {s: t.figures() for s, t in by.items()} for g, by in tallies.items()},
        "timing": {"parse_s": round(parse_s, 2), "time_stage_s": round(stage_s, 3),
                   "stage_share_of_parse": round(stage_s / parse_s, 4) if parse_s > 0 else None},
    }


def _share(m: dict, key: str, n: str) -> str:
    return "-" if m[key] is None else f"{m[key]:.3f} ({m[n]})"


def report(result: dict) -> str:
    lines = ["| corpus | system | gold | sys | strict P | strict R | strict F1 | relaxed P | relaxed R | "
             "relaxed F1 | type acc | value P | value R | value F1 | mod acc (n) | mod P (n) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    order = ["timebank", "aquaint", COMBINED, "meantime", "all"]
    corpora = sorted(result["corpora"].items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 3.5, kv[0]))
    for corpus, by in corpora:
        for system, f in by.items():
            s, r, v = f["strict"], f["relaxed"], f["value"]
            lines.append(f"| {corpus} | {system} | {f['gold']} | {f['system']} | {s['p']:.3f} | {s['r']:.3f} | "
                         f"{s['f1']:.3f} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} | {f['type_accuracy']:.3f} | "
                         f"{v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {_share(f['mod'], 'accuracy', 'gold')} | "
                         f"{_share(f['mod'], 'precision', 'system')} |")
    t = result.get("timing", {})
    if t:
        lines.append("")
        lines.append(f"Time stage: {t['time_stage_s']} s against {t['parse_s']} s of spaCy parsing "
                     f"(share {t['stage_share_of_parse']}).")
    return "\n".join(lines)
