"""Quote attribution against PolNeAR (brat stand-off attributions in 2016 US election news).

A predicted quote matches a gold attribution when its span overlaps the gold Content. Scores:
precision (predicted quotes that match some gold attribution), recall (gold attributions matched
by some predicted quote), F1; speaker accuracy on matched quotes that name a speaker, where the gold attribution names a
Source (the predicted speaker overlaps the gold Source, or names the same person: see
``_same_source``; or is the inner source the gold Content itself names, PolNeAR's nested
'"...," X said, according to Y': see ``_inner_source``, reported apart as well); speaker coverage: the share of matched quotes that name a speaker;
the same for quoted speech alone ("quoted": our direct and partial quotes, "direct": our direct
ones, against gold Contents holding a quotation mark). The baseline is
textacy's ``direct_quotations`` run per paragraph on the same spaCy parses.

    dateline eval quotes ../shared/datasets/polnear/dev
"""

from __future__ import annotations

import csv
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..lexicon import words

os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "polnear" / "dev"
_MARKS = "\"\u201c\u201d"
# pronoun Sources: any subject pronoun, any third-person form ("his", "them")
_PRONOUNS = words("subject_pronouns") | words("male_pronouns") | words("female_pronouns") \
    | words("singular_thing_pronouns") | words("plural_pronouns")
_RELATIVES = words("relative_pronouns")
_CAP = re.compile(r"\b[A-Z][\w'\u2019.-]+")
# word forms that open an attribution, never a source: a gold Source that starts with one has
# its labels swapped with the Cue ('said' marked Source, 'Robert Lee, a miner' marked Cue). Not
# the forms of every speech verb (data/english.json): "state", "reports", "concluded" open noun
# phrases and clauses in PolNeAR's Sources too ("state regulators"), and would swap those wrongly.
_CUE_WORDS = {"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "asked",
              "asks", "according", "stated", "states", "explained", "noted", "tweeted", "replied"}


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    text: str
    source_text: str
    referent: str = ""  # for a pronoun source: the nearest earlier named source (crude coreference)
    swapped: bool = False  # the annotator swapped the Source and Cue labels: repaired

    @property
    def quoted(self) -> bool:
        return any(m in self.text for m in _MARKS)


@dataclass
class Doc:
    name: str
    text: str
    date: str | None
    gold: list[Gold] = field(default_factory=list)


def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        s, e = part.split()[-2:]
        out.append((int(s), int(e)))
    return out


def read_ann(path: Path, text: str) -> list[Gold]:
    tb: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind = cols[1].split()[0]
            tb[cols[0]] = (kind, _spans(cols[1][len(kind):]))
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split()))
    gold = []
    for ev in events:
        if "Content" not in ev or ev["Content"] not in tb:
            continue
        content = tb[ev["Content"]][1]
        source = tb[ev["Source"]][1] if ev.get("Source") in tb else []
        cue = tb[ev["Cue"]][1] if ev.get("Cue") in tb else []
        if source and cue and all(_overlap(s, cue) > 0 for s in source):
            source = []  # a Source marked on the cue ('said'): an annotation slip that can't judge
        swapped = bool(source and cue and _first_word(text, source) in _CUE_WORDS
                       and _first_word(text, cue) not in _CUE_WORDS)
        if swapped:
            source = cue
        gold.append(Gold(content, source, " ".join(text[s:e] for s, e in content),
                         " ".join(text[s:e] for s, e in source), swapped=swapped))
    # crude coreference: a pronoun Source refers to the nearest earlier Source with a name; a
    # relative one ("Barkley, who said ...") to the words just before it
    named = sorted((g.source[0][0], g.source_text) for g in gold if g.source and _words(g.source_text))
    for g in gold:
        if not g.source or g.source_text.lower() not in _PRONOUNS | _RELATIVES:
            continue
        if g.source_text.lower() in _RELATIVES:
            g.referent = text[max(0, g.source[0][0] - 40):g.source[0][0]]
        else:
            prev = [t for s, t in named if s < g.source[0][0]]
            g.referent = prev[-1] if prev else ""
    return gold


def _first_word(text: str, spans: list[tuple[int, int]]) -> str:
    words = text[spans[0][0]:spans[0][1]].split()
    return words[0].lower() if words else ""


def _metadata(root: Path) -> dict[str, str]:
    meta = root / "metadata.tsv"
    if not meta.exists():
        return {}
    with meta.open(encoding="utf-8") as fh:
        return {r["filename"]: r["publication_date"] for r in csv.DictReader(fh, delimiter="\t")}


def load(paths: list[str], limit: int | None = None) -> list[Doc]:
    """Articles with gold attributions from split folders (text/, attributions/) or .txt files."""
    files: list[Path] = []
    for p in map(Path, paths or [str(DEFAULT)]):
        if p.is_dir() and not (p / "text").is_dir():  # ../shared, ../shared/datasets or the corpus root
            p = next((c for c in (p / "datasets" / "polnear", p / "polnear") if c.is_dir()), p)
        if p.is_dir() and (p / "dev").is_dir() and not (p / "text").is_dir():
            p = p / "dev"  # the corpus root: report on dev
        files.extend(sorted((p / "text").glob("*.txt")) if p.is_dir() else [p])
    docs = []
    for f in files:
        anns = sorted((f.parent.parent / "attributions").glob(f"{f.stem}_*.ann"))
        if not anns:
            continue
        text = f.read_text(encoding="utf-8")
        date = _metadata(f.parent.parent.parent).get(f.stem)
        docs.append(Doc(f.stem, text, date, read_ann(anns[0], text)))  # one annotator per article
        if limit and len(docs) >= limit:
            break
    return docs


def _overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def _words(s: str) -> set[str]:
    words = {w.lower().strip(".'\u2019") for w in _CAP.findall(s or "")}
    return words - _PRONOUNS - {"the", "mr", "mrs", "ms", "sen", "gov", "a", "an", "in", "but", "and"}


def _same_source(pred: dict, g: Gold) -> bool:
    """Overlap with the gold Source, or the predicted name shares a proper name with the gold
    Source (or with what a pronoun Source refers to)."""
    sp = (pred["sstart"], pred["send"])
    if g.source and _overlap(sp, g.source) > 0:
        return True
    if g.source and g.source_text.lower() in _RELATIVES and g.referent \
            and g.referent.rstrip(" ,").endswith(pred.get("stext") or "\0"):
        return True  # 'water bottles that said': the words just before the relative
    names = _words(pred.get("sname")) | _words(pred.get("stext"))
    return bool(names & (_words(g.source_text) | _words(g.referent)))


def _inner_source(pred: dict, g: Gold, text: str) -> bool:
    """PolNeAR's nested sources: in '“...,” Sanders said, according to CNN' the gold Source is
    CNN and the gold Content is '“...,” Sanders said'. A predicted speaker that lies inside the
    gold Content, outside its quotation marks, is the source the Content itself names for the
    quoted words (the inner attribution the annotator folded into the outer one)."""
    s, e = pred["sstart"], pred["send"]
    for cs, ce in g.content:
        if cs <= s and e <= ce:
            lead = text[cs:s]
            if lead.count("\u201c") == lead.count("\u201d") and lead.count('"') % 2 == 0:
                return True
    return False


def score(docs: list[Doc], preds: list[list[dict]], *, kinds: tuple[str, ...] | None = None) -> dict:
    """Scores over all attributions, or, with ``kinds``, over predicted quotes of those kinds
    against gold attributions whose Content holds a quotation mark."""
    n_pred = n_pred_ok = n_gold = n_gold_ok = 0
    matched_with_speaker = speaker_ok = outer_ok = matched = with_speaker = pronoun_n = pronoun_ok = 0
    for doc, ps in zip(docs, preds, strict=True):
        gold = [g for g in doc.gold if g.quoted] if kinds else doc.gold
        ps = [p for p in ps if p["kind"] in kinds] if kinds else ps
        n_gold += len(gold)
        hit = [False] * len(gold)
        for p in ps:
            n_pred += 1
            ov = [(_overlap((p["start"], p["end"]), g.content), k) for k, g in enumerate(gold)]
            ov = [x for x in ov if x[0] > 0]
            if not ov:
                continue
            n_pred_ok += 1
            matched += 1
            for _, k in ov:
                hit[k] = True
            with_speaker += p["sstart"] is not None
            judged = [k for _, k in ov if gold[k].source]  # a gold attribution without Source can't judge
            if p["sstart"] is not None and judged:
                matched_with_speaker += 1
                outer = any(_same_source(p, gold[k]) for k in judged)
                outer_ok += outer
                speaker_ok += outer or any(_inner_source(p, gold[k], doc.text) for k in judged)
                # a he/she speaker: is the person it resolved to the one the gold pronoun means?
                refs = [gold[k].referent for k in judged if gold[k].referent
                        and gold[k].source_text.lower() in _PRONOUNS]
                if refs and (p.get("stext") or "").lower() in _PRONOUNS:
                    pronoun_n += 1
                    pronoun_ok += bool(_words(p.get("sname")) & set().union(*map(_words, refs)))
        n_gold_ok += sum(hit)
    prec = n_pred_ok / n_pred if n_pred else 0.0
    rec = n_gold_ok / n_gold if n_gold else 0.0
    return {
        "predicted": n_pred, "gold": n_gold,
        "precision": round(prec, 3), "recall": round(rec, 3),
        "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0,
        "speaker_accuracy": round(speaker_ok / matched_with_speaker, 3) if matched_with_speaker else None,
        "speaker_coverage": round(with_speaker / matched, 3) if matched else None,
        # the gold Source alone (or its coreferent): nested inner sources counted wrong
        "speaker_accuracy_outer": round(outer_ok / matched_with_speaker, 3) if matched_with_speaker else None,
        # pronoun speakers (both ours and the gold's): the resolved name shares a proper name with
        # the gold pronoun's referent (the nearest earlier named gold Source, a crude coreference)
        "pronoun_resolution": round(pronoun_ok / pronoun_n, 3) if pronoun_n else None,
        "pronoun_speakers": pronoun_n,
    }


def _ours(records) -> list[list[dict]]:
    out = []
    for rec in records:
        out.append([{"start": q.start, "end": q.end, "kind": q.kind,
                     "sstart": q.speaker.start if q.speaker else None,
                     "send": q.speaker.end if q.speaker else None,
                     "sname": q.speaker.name if q.speaker else None,
                     "stext": q.speaker.text if q.speaker else None} for q in rec.quotes])
    return out


def textacy_quotes(doc) -> list[dict]:
    """textacy's direct_quotations per paragraph (it gives up on a whole article whose
    quotation marks do not balance), mapped back to article offsets."""
    from textacy.extract.triples import direct_quotations

    from dateline.syntax import paragraphs

    out = []
    for ps, pe in paragraphs(doc.text):
        span = doc.char_span(ps, pe, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        base = span.start_char
        try:
            triples = list(direct_quotations(span.as_doc()))
        except Exception:  # textacy raises on some unbalanced paragraphs: it finds nothing there
            continue
        for t in triples:
            sp = t.speaker
            out.append({"start": base + t.content.start_char, "end": base + t.content.end_char,
                        "kind": "direct",
                        "sstart": base + sp[0].idx if sp else None,
                        "send": base + sp[-1].idx + len(sp[-1]) if sp else None,
                        "sname": " ".join(x.text for x in sp) if sp else None,
                        "stext": " ".join(x.text for x in sp) if sp else None})
    return out


def evaluate(paths: list[str] | None = None, *, baseline: bool = True, limit: int | None = None,
             config: dict | None = None) -> dict:
    """Scores on PolNeAR; ``config`` is the quotes stage's config (e.g. other cue classes)."""
    from dateline.pipeline import Analysis, PipelineError, get_stage, load_spacy, parse
    from dateline.record import Article, Record

    docs = load(list(paths or []), limit)
    nlp = load_spacy()
    quotes_run = get_stage("quotes").build(config)
    try:
        actors_run = get_stage("actors").build()
    except PipelineError:  # without the actors stage, quotes still run (names from the entities)
        actors_run = None
    failures: list[str] = []
    t_quotes = 0.0

    def run_one(article, doc):
        nonlocal t_quotes
        a = Analysis(Record(article=article), doc)
        if actors_run is not None:
            try:
                actors_run(a)
            except Exception as exc:  # noqa: BLE001 - score quotes even where actors fail
                failures.append(f"actors on {article.id}: {type(exc).__name__}: {exc}")
                a.record.actors = []
        t0 = time.perf_counter()
        quotes_run(a)
        t_quotes += time.perf_counter() - t0
        return a.record

    baseline_error = None
    if baseline:
        try:
            import textacy.extract.triples  # noqa: F401
        except Exception as exc:  # noqa: BLE001 - say exactly why the baseline is missing
            baseline_error = f"textacy could not be imported: {type(exc).__name__}: {exc}"
            baseline = False
    articles = [Article.make(d.text, d.date, id=d.name) for d in docs]
    records, tx_preds, t_parse, t_tx = [], [], 0.0, 0.0
    it = parse(nlp, articles)
    while True:
        t0 = time.perf_counter()
        try:
            article, sdoc = next(it)
        except StopIteration:
            break
        t1 = time.perf_counter()
        t_parse += t1 - t0
        records.append(run_one(article, sdoc))
        t2 = time.perf_counter()
        if baseline:
            tx_preds.append(textacy_quotes(sdoc))
            t_tx += time.perf_counter() - t2
    ours = _ours(records)
    result = {
        "corpus": "PolNeAR", "documents": len(docs),
        "attributions": sum(len(d.gold) for d in docs),
        "swapped_labels_repaired": sum(g.swapped for d in docs for g in d.gold),
        "dateline": _scores(docs, ours),
        "timing": {"parse_s": round(t_parse, 2), "quotes_s": round(t_quotes, 3),
                   "share_of_parse": round(t_quotes / t_parse, 3) if t_parse else None},
        "stage_failures": failures,
    }
    if baseline:
        result["textacy"] = {**_scores(docs, tx_preds), "seconds": round(t_tx, 2)}
    if baseline_error:
        result["textacy_error"] = baseline_error
    return result


SUBSETS = {"all": None, "quoted": ("direct", "partial"), "direct": ("direct",)}


def _scores(docs, preds) -> dict:
    return {name: score(docs, preds, kinds=kinds) for name, kinds in SUBSETS.items()}


def report(result: dict) -> str:
    rows = ["| system | subset | predicted | gold | precision | recall | F1 | speaker accuracy "
            "| speaker accuracy (outer source only) | speaker coverage |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for system in ("dateline", "textacy"):
        if system not in result:
            continue
        for subset in SUBSETS:
            s = result[system][subset]
            rows.append(f"| {system} | {subset} | {s['predicted']} | {s['gold']} | {s['precision']} | "
                        f"{s['recall']} | {s['f1']} | {s['speaker_accuracy']} | "
                        f"{s.get('speaker_accuracy_outer')} | {s['speaker_coverage']} |")
    t = result["timing"]
    return (f"PolNeAR: {result['documents']} articles, {result['attributions']} attributions "
            f"({result.get('swapped_labels_repaired', 0)} with Source and Cue labels swapped, judged "
            "against the Cue span)\n\n"
            + "\n".join(rows)
            + "".join(f"\n\n{system}: pronoun speakers resolved to the gold referent "
                      f"{result[system]['all']['pronoun_resolution']} "
                      f"({result[system]['all']['pronoun_speakers']} he/she speakers)"
                      for system in ("dateline", "textacy") if system in result)
            + f"\n\nquotes stage {t['quotes_s']} s = {t['share_of_parse']} of spaCy parse time ({t['parse_s']} s)\n"
            + (f"\n{len(result['stage_failures'])} articles scored without actors (the actors stage failed)\n"
               if result.get("stage_failures") else "")
            + (f"\nbaseline missing: {result['textacy_error']}\n" if result.get("textacy_error") else ""))
