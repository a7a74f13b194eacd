"""Actors against outside benchmarks.

* PLOVER gold standard records (``plover_gsr_dev.json``): one sentence each, with gold source and
  target actors ``{actorText, code, sector}``. A gold actor is *found* when an actor of ours has a
  mention overlapping the gold text and carries the gold country code; sector agreement is scored
  over found actors whose gold sector is a PLOVER sector. Three gold codes that are not ISO 3166
  (ITL, JAP, VTN) are read as ITA, JPN, VNM. The baseline is what a Python user would put together:
  spaCy's entities, each coded by looking its text up as a country name in pycountry.
* MEANTIME (stand-off XML): named entity mentions (NAM, PRE.NAM) of persons, organisations and
  locations; precision/recall of our corrected names (the stage's entity layer) against spaCy's
  NER alone, strict (same span, a leading "the" and a trailing 's set aside on every side) and
  lenient (overlap), both with the type required.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from ..record import COUNTRY_FROM, Article
from .common import prf, read_meantime_text

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
CODE_FIX = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "JRN", "EDU", "BUS", "CVL", "REL",
           "LAB", "AGR", "REF", "LEG", "ELI", "HLH", "CRM", "UAF", "IGO", "NGO"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def _nlp():
    from ..pipeline import load_spacy

    return load_spacy()


# ---------------------------------------------------------------- PLOVER

_MARK = re.compile(r"\(([A-Z]{3}(?:/[A-Z]{3})*): ")


def _marked(markup: str) -> list[tuple[str, int, int]]:
    """(text, start, end) of each SRC/TAR bracket in the markup, offsets in the plain text."""
    out, plain, stack = [], 0, []
    i = 0
    while i < len(markup):
        m = _MARK.match(markup, i)
        if m:
            stack.append((m.group(1), plain))
            i = m.end()
            continue
        if markup[i] == ")" and stack:
            role, start = stack.pop()
            if "SRC" in role or "TAR" in role:
                out.append((role, start, plain))
            i += 1
            continue
        plain += 1
        i += 1
    return out


def _plain(markup: str) -> str:
    keep = []
    i, depth = 0, 0
    while i < len(markup):
        m = _MARK.match(markup, i)
        if m:
            depth += 1
            i = m.end()
            continue
        if markup[i] == ")" and depth:
            depth -= 1
        else:
            keep.append(markup[i])
        i += 1
    return "".join(keep)


def _gold_spans(text: str, actor_text: str, markup: str | None = None) -> list[tuple[int, int]]:
    """Where the gold actor text is: the marked bracket holding it when the markup lines up with
    the text, else its parts around "..." found in order as whole words."""
    parts = [" ".join(p.split()) for p in actor_text.split("...") if p.strip()]
    marked = [(s, e) for _r, s, e in _marked(markup)] if markup and _plain(markup) == text else []
    verbatim = []
    for part in parts:
        pat = re.compile(r"(?<!\w)" + re.escape(part).replace(r"\ ", r"\s+") + r"(?!\w)", re.I)
        verbatim += [(m.start(), m.end()) for m in pat.finditer(text)]
    if marked:
        # the verbatim text where the markup puts it, else the marked brackets that hold its words
        # ("French warships" marked as "French and Egyptian warships") or that it holds
        spans = [v for v in verbatim if any(v[0] < e and s < v[1] for s, e in marked)]
        words = {w for p in parts for w in re.findall(r"\w+", p.lower())}
        spans = spans or [(s, e) for s, e in marked if words <= set(re.findall(r"\w+", text[s:e].lower()))
                          or set(re.findall(r"\w+", text[s:e].lower())) <= words]
        if spans:
            return spans
    out, pos = [], 0
    for part in parts:
        pat = re.compile(r"(?<!\w)" + re.escape(part) + r"(?!\w)", re.I)
        m = pat.search(text, pos) or pat.search(text)
        if m:
            out.append((m.start(), m.end()))
            pos = m.end()
    return out


def _baseline_actors(doc) -> list[tuple[int, int, str | None]]:
    import pycountry

    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "ORG", "PERSON", "LOC"):
            continue
        try:
            iso = pycountry.countries.lookup(ent.text.removeprefix("the ")).alpha_3
        except LookupError:
            iso = None
        out.append((ent.start_char, ent.end_char, iso))
    return out


def evaluate_plover(path: str, *, baseline: bool = True, limit: int | None = None) -> dict:
    from ..pipeline import Pipeline, parse

    records = json.loads(Path(path).read_text(encoding="utf-8"))[:limit]
    pipe = Pipeline(["actors"])
    nlp = pipe.nlp
    tally = {sys: {side: {"gold": 0, "found": 0, "sector_gold": 0, "sector_ok": 0}
                   for side in ("source", "target")} for sys in ("dateline", "baseline")}
    misses = []
    origin = {side: {k: {"right": 0, "wrong": 0} for k in COUNTRY_FROM} for side in ("source", "target")}
    articles = [Article.make(r["text"], r.get("date")) for r in records]
    for r, (article, doc) in zip(records, parse(nlp, articles), strict=True):
        rec = pipe.analyse(article, doc)
        ours = [(m.start, m.end, a.country, a.sector, a.country_from) for a in rec.actors for m in a.mentions]
        base = [(s, e, iso, None, None) for s, e, iso in _baseline_actors(doc)] if baseline else []
        for side in ("source", "target"):
            golds = r.get(side)
            if not isinstance(golds, list):
                continue
            for g in golds:
                if not isinstance(g, dict) or not g.get("actorText"):
                    continue
                code = CODE_FIX.get(g.get("code"), g.get("code"))
                sector = (g.get("sector") or "")[:3]
                info = r.get("textInfo")
                spans = _gold_spans(r["text"], g["actorText"], info.get("markup") if isinstance(info, dict) else None)
                for sys, found in (("dateline", ours), ("baseline", base)):
                    if sys == "baseline" and not baseline:
                        continue
                    t = tally[sys][side]
                    t["gold"] += 1
                    over = [x for x in found if any(x[0] < e and x[1] > s for s, e in spans)]
                    hit = [x for x in over if x[2] == code]
                    if sys == "dateline":
                        _tally_from(origin[side], hit, over)
                    if hit:
                        t["found"] += 1
                        if sector in SECTORS:
                            t["sector_gold"] += 1
                            t["sector_ok"] += any(x[3] == sector for x in hit)
                    elif sys == "dateline":
                        got = sorted({x[2] or "-" for x in found if any(x[0] < e and x[1] > s for s, e in spans)})
                        misses.append({"id": r.get("id"), "side": side, "actor": g["actorText"], "gold": code,
                                       "ours": got})
    out = {"records": len(records)}
    for sys in ("dateline", "baseline"):
        if sys == "baseline" and not baseline:
            continue
        t = tally[sys]
        both = {k: t["source"][k] + t["target"][k] for k in t["source"]}
        out[sys] = {side: _rates(x) for side, x in (("source", t["source"]), ("target", t["target"]),
                                                    ("overall", both))}
    gold = {side: tally["dateline"][side]["gold"] for side in origin}
    out["country_from"] = {side: {k: {**x, "share": round(x["right"] / gold[side], 3) if gold[side] else None}
                                  for k, x in origin[side].items()} for side in origin}
    out["misses"] = misses
    return out


def _tally_from(origin: dict, hit: list, over: list) -> None:
    """Count a gold actor under the country_from of the actor that got it right, or, when none did,
    of an overlapping actor that carries another code (a wrong code)."""
    if hit:
        src = next((x[4] for x in hit if x[4]), None)
        if src:
            origin[src]["right"] += 1
        return
    src = next((x[4] for x in over if x[2] and x[4]), None)
    if src:
        origin[src]["wrong"] += 1


def _rates(t: dict) -> dict:
    return {"gold": t["gold"], "country_right": t["found"],
            "country_rate": round(t["found"] / t["gold"], 3) if t["gold"] else None,
            "sector_scored": t["sector_gold"],
            "sector_rate": round(t["sector_ok"] / t["sector_gold"], 3) if t["sector_gold"] else None}


# ---------------------------------------------------------------- MEANTIME

def read_meantime_entities(path: str | Path) -> tuple[str, str | None, list[tuple[int, int, str]], int]:
    """(text, date, gold named mentions (start, end, PER|ORG|LOC), end of the annotated stretch) of one
    MEANTIME document; the text is rebuilt from the tokens, one line per sentence."""
    mt = read_meantime_text(path)
    root, spans = mt.root, mt.spans
    marks = root.find("Markables")
    date = None
    mentions: dict[str, tuple[int, int, str]] = {}
    types: dict[str, str] = {}
    for el in (marks if marks is not None else []):
        if el.tag == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            date = (el.get("value") or "")[:10] or None
        elif el.tag == "ENTITY_MENTION" and el.get("syntactic_type") in ("NAM", "PRE.NAM"):
            ids = [a.get("t_id") for a in el.iter("token_anchor") if a.get("t_id") in spans]
            if ids:
                mentions[el.get("m_id")] = (min(spans[i][0] for i in ids), max(spans[i][1] for i in ids), "")
        elif el.tag == "ENTITY":
            types[el.get("m_id")] = el.get("ent_type")
    rels = root.find("Relations")
    gold = []
    for rel in (rels.iter("REFERS_TO") if rels is not None else []):
        t = rel.find("target")
        typ = types.get(t.get("m_id")) if t is not None else None
        if typ not in ("PER", "ORG", "LOC"):
            continue
        for src in rel.iter("source"):
            m = mentions.get(src.get("m_id"))
            if m:
                gold.append((m[0], m[1], typ))
    # only the first sentences of each article are annotated: score inside that stretch alone
    anchored = [spans[a.get("t_id")][1] for a in (marks.iter("token_anchor") if marks is not None else [])
                if a.get("t_id") in spans]
    limit = max(anchored, default=0)
    return mt.text, date, sorted(set(gold)), limit


def _prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> dict:
    return {**prf(tp_sys, n_sys, tp_gold, n_gold, digits=3), "gold": n_gold, "system": n_sys}


def _same(a, b, mode: str) -> bool:
    if a[2] != b[2]:
        return False
    return (a[0], a[1]) == (b[0], b[1]) if mode == "strict" else a[0] < b[1] and b[0] < a[1]


def _trim(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans without a leading "the" or a trailing possessive 's, so that strict matching does
    not turn on whether a determiner belongs to a name (MEANTIME includes it, we do not)."""
    out = []
    for s, e, t in spans:
        if text[s:e].lower().startswith("the ") and e - s > 4:
            s += 4
        if text[s:e].endswith(("'s", "\u2019s")) and e - s > 2:
            e -= 2
        out.append((s, e, t))
    return out


def _score(pairs: list[tuple[list, list]]) -> dict:
    out = {}
    for typ in ("PER", "ORG", "LOC", "all"):
        for mode in ("strict", "lenient"):
            n_sys = n_gold = tp_s = tp_g = 0
            for gold, sys in pairs:
                g = [x for x in gold if typ in ("all", x[2])]
                s = [x for x in sys if typ in ("all", x[2])]
                n_sys, n_gold = n_sys + len(s), n_gold + len(g)

                tp_s += sum(any(_same(x, y, mode) for y in g) for x in s)
                tp_g += sum(any(_same(x, y, mode) for y in s) for x in g)
            out[f"{typ}_{mode}"] = _prf(tp_s, n_sys, tp_g, n_gold)
    return out


def evaluate_meantime(paths: list[Path], *, baseline: bool = True, limit: int | None = None) -> dict:
    from ..actors.lexicon import load
    from ..actors.names import Names
    from ..pipeline import parse

    nlp = _nlp()
    lex = load()
    files = sorted(paths)[:limit]
    docs = [read_meantime_entities(f) for f in files]
    ours, base = [], []
    articles = [Article.make(t, d) for t, d, _, _ in docs]
    for (_t, date, gold, limit), (_a, doc) in zip(docs, parse(nlp, articles), strict=True):
        d = Names(doc, lex, date)
        sys = []
        for s, e, label in d.names:
            if label in ("PER", "ORG", "LOC") and doc[s].idx < limit:
                sys.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), label))
        gold = _trim(doc.text, gold)
        ours.append((gold, _trim(doc.text, sys)))
        base.append((gold, _trim(doc.text, [(x.start_char, x.end_char, SPACY_TYPES[x.label_]) for x in doc.ents
                                            if x.label_ in SPACY_TYPES and x.start_char < limit])))
    out = {"documents": len(docs), "dateline": _score(ours)}
    if baseline:
        out["baseline"] = _score(base)
    return out


# ---------------------------------------------------------------- contract

def _meantime_files(p: Path) -> list[Path]:
    if p.is_file():
        return [p] if p.suffix == ".xml" else []
    # the intra-document annotation only: the cross-document folder repeats the same articles
    files = sorted(p.rglob("*.xml"))
    intra = [f for f in files if "intra-doc_annotation" in f.parts]
    return intra or [f for f in files if f.name != "MEANTIME_NWR.xsd"]


def evaluate(paths: list[str] | None = None, *, baseline: bool = True, limit: int | None = None) -> dict:
    """Score the actors stage on PLOVER gold records (.json) and MEANTIME XML (a file or folder)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not paths:
        paths = [str(SHARED / "plover" / "plover_gsr_dev.json"), str(SHARED / "meantime")]
    t0 = time.perf_counter()
    out: dict = {}
    meantime: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and (p / "plover_gsr_dev.json").exists():
            p = p / "plover_gsr_dev.json"
        if p.suffix == ".json":
            out["plover"] = evaluate_plover(str(p), baseline=baseline, limit=limit)
        else:
            meantime += _meantime_files(p)
    if meantime:
        out["meantime"] = evaluate_meantime(meantime, baseline=baseline, limit=limit)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def report(result: dict) -> str:
    lines = []
    pl = result.get("plover")
    if pl:
        lines += [f"### PLOVER gold records ({pl['records']} records): gold actor found with its country",
                  "", "| system | side | gold | country right | rate | sector scored | sector rate |",
                  "|---|---|---|---|---|---|---|"]
        for sys in ("dateline", "baseline"):
            for side, x in pl.get(sys, {}).items():
                lines.append(f"| {sys} | {side} | {x['gold']} | {x['country_right']} | {x['country_rate']} | "
                             f"{x['sector_scored']} | {x['sector_rate'] if x['sector_rate'] is not None else '-'} |")
        lines.append("")
        cf = pl.get("country_from")
        if cf:
            lines += ["Where our country came from, per gold actor: right (share of all gold) / wrong code", "",
                      "| side | " + " | ".join(COUNTRY_FROM) + " |", "|---|" + "---|" * len(COUNTRY_FROM)]
            for side, x in cf.items():
                lines.append(f"| {side} | " + " | ".join(f"{x[k]['right']} ({x[k]['share']}) / {x[k]['wrong']}"
                                                      for k in COUNTRY_FROM) + " |")
            lines.append("")
    mt = result.get("meantime")
    if mt:
        lines += [f"### MEANTIME named entities ({mt['documents']} documents)", "",
                  "| system | type | strict P | strict R | strict F1 | lenient P | lenient R | lenient F1 |",
                  "|---|---|---|---|---|---|---|---|"]
        for sys in ("dateline", "baseline"):
            if sys not in mt:
                continue
            for typ in ("PER", "ORG", "LOC", "all"):
                s, le = mt[sys][f"{typ}_strict"], mt[sys][f"{typ}_lenient"]
                lines.append(f"| {sys if sys == 'dateline' else 'spaCy NER'} | {typ} | {s['p']} | {s['r']} | "
                             f"{s['f1']} | {le['p']} | {le['r']} | {le['f1']} |")
        lines.append("")
    return "\n".join(lines)
