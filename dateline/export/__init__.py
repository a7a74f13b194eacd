"""Record-based exports: dateline's own records (jsonl), PLOVER JSON, and GDELT-style TSV.

Table-based exports (csv, parquet) come straight from the store; these work on records, so they
serve the store, the CLI and any stream of ``Record`` objects alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..record import Record

RECORD_FORMATS = ("jsonl", "plover", "gdelt")

# GDELT 2.0 event table columns we can fill, in GDELT's order, plus dateline's own status and
# provenance at the end (GDELT has no status: negated and hypothetical events are still exported,
# marked, so that users can filter them out). QuoteID and QuoteSpeaker (since dateline.article/2)
# name the quote that reports the event and who said it, empty for events told in the narration.
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
    "PLOVERType", "PLOVERMode", "Status", "ArticleID", "TriggerText", "QuoteID", "QuoteSpeaker",
)


def plover_records(rec: Record) -> list[dict]:
    from ..ontology import to_plover

    return [to_plover(e, rec) for e in rec.events]


def _gdelt_actor(ref) -> list[str]:
    """Actor code (country + sector, as GDELT joins CAMEO codes), name, country, type."""
    if ref is None:
        return ["", "", "", ""]
    return [(ref.country or "") + (ref.sector or ""), ref.text, ref.country or "", ref.sector or ""]


def gdelt_rows(rec: Record) -> list[list]:
    places = {p.id: p for p in rec.places}
    quotes = {q.id: q for q in rec.quotes}
    rows = []
    for e in rec.events:
        quote = quotes.get(e.quote) if e.quote else None
        speaker = quote.speaker if quote is not None else None
        cameo = e.cameo or ""
        day = (e.date.value or rec.article.date or "")[:10].replace("-", "")
        place = places.get(e.location) if e.location else None
        rows.append([f"{rec.article.id}-{e.id}", day if day.isdigit() else "", *_gdelt_actor(e.source),
                     *_gdelt_actor(e.target), 1 if e.sentence.start == 0 else 0, cameo, cameo[:3], cameo[:2],
                     e.quad_class or "", "" if e.goldstein is None else e.goldstein, 1,
                     place.name if place else "", place.country if place else "",
                     place.lat if place and place.lat is not None else "",
                     place.lon if place and place.lon is not None else "", rec.article.url or "",
                     e.type, e.mode or "", e.status, rec.article.id, e.trigger.text, e.quote or "",
                     (speaker.name or speaker.text) if speaker is not None else ""])
    return rows


def write(records: Iterable[Record | dict], fmt: str, out_dir: str | Path) -> Path:
    """Write records as ``articles.jsonl``, ``events.plover.jsonl`` or ``events.gdelt.tsv``."""
    if fmt not in RECORD_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(RECORD_FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    name = {"jsonl": "articles.jsonl", "plover": "events.plover.jsonl", "gdelt": "events.gdelt.tsv"}[fmt]
    path = out / name
    with path.open("w", encoding="utf-8", newline="") as f:
        if fmt == "gdelt":
            f.write("\t".join(GDELT_COLUMNS) + "\n")
        for r in records:
            rec = r if isinstance(r, Record) else Record.from_dict(r)
            if fmt == "jsonl":
                f.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
            elif fmt == "plover":
                for p in plover_records(rec):
                    f.write(json.dumps(p, ensure_ascii=False) + "\n")
            else:
                for row in gdelt_rows(rec):
                    f.write("\t".join(_tsv(v) for v in row) + "\n")
    return path


def _tsv(v) -> str:
    return str(v).replace("\t", " ").replace("\n", " ").replace("\r", " ")
