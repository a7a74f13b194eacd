"""GDELT 2.0 tables: the event table (61 columns) and the mentions table (16 columns), each in
GDELT's documented order, with dateline's own columns after them (docs/export.md maps each one).

From a store, a GDELT event is an occurrence (so NumMentions, NumSources and NumArticles mean
what GDELT means by them, counting copies once) and every mention event is a mentions row. From
bare records (no store), each event is its own GDELT event with one mention.
Every file has a header row of the column names; an empty field is empty.
"""

from __future__ import annotations

import hashlib
from datetime import date

from ..record import Record

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
EVENT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
MENTION_COLUMNS = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
# dateline's own columns, after GDELT's: GDELT has no status (negated and hypothetical events are
# exported, marked, for users to filter) and no provenance beyond offsets.
EVENT_EXTRA = ("PLOVERType", "Status", "DateEnd", "TwoSided", "NumCopies", "FirstSeen", "LastSeen",
               "Confidence")
MENTION_EXTRA = ("ArticleID", "EventID", "PLOVERType", "PLOVERMode", "Status", "TriggerText", "QuoteID",
                 "QuoteSpeaker", "Language", "Actor1CountryFrom", "Actor2CountryFrom", "Pair", "DuplicateOf")

_GEO_TYPE = {"country": 1, "admin region": 5, "city": 4, "landmark": 4}  # GDELT: 2 and 3 for the US


def geo_type(feature: str | None, country: str | None) -> int | None:
    t = _GEO_TYPE.get(feature or "")
    return t - 3 if t in (4, 5) and country == "USA" else t


def own_event_id(article_id: str, event_id: str) -> int:
    """A GDELT-style integer id for one article's event (53 bits, exact in JavaScript)."""
    return int.from_bytes(hashlib.blake2b(f"{article_id}/{event_id}".encode(), digest_size=8).digest(),
                          "big") >> 11


def _day(d) -> dict:
    if isinstance(d, str):
        try:
            d = date.fromisoformat(d[:10])
        except ValueError:
            d = None
    if d is None:
        return {"Day": None, "MonthYear": None, "Year": None, "FractionDate": None}
    doy = d.timetuple().tm_yday
    return {"Day": f"{d:%Y%m%d}", "MonthYear": f"{d:%Y%m}", "Year": d.year,
            "FractionDate": f"{d.year + doy / 365:.4f}"}


def _stamp(d) -> str | None:
    return f"{d:%Y%m%d}000000" if isinstance(d, date) else None


def event_row(o: dict) -> list:
    """A GDELT event row from an occurrence (a dict of the store's occurrence columns plus
    ``source_name``, ``target_name``, ``url``)."""
    cameo = o.get("cameo") or ""
    row = {**_day(o.get("date")), "GlobalEventID": o["id"]}
    for n, side in ((1, "source"), (2, "target")):
        country, sector = o.get(f"{side}_country"), o.get(f"{side}_sector")
        row[f"Actor{n}Code"] = ((country or "") + (sector or "")) or None
        row[f"Actor{n}Name"] = o.get(f"{side}_name")
        row[f"Actor{n}CountryCode"] = country
        row[f"Actor{n}Type1Code"] = sector
    row.update({"IsRootEvent": int(bool(o.get("root_event"))), "EventCode": cameo or None,
                "EventBaseCode": cameo[:3] or None, "EventRootCode": cameo[:2] or None,
                "QuadClass": o.get("quad_class"), "GoldsteinScale": o.get("goldstein"),
                "NumMentions": o.get("num_mentions"), "NumSources": o.get("num_sources"),
                "NumArticles": o.get("num_articles"), "DATEADDED": _stamp(o.get("first_seen")),
                "SOURCEURL": o.get("url")})
    if o.get("place_name"):
        row.update({"ActionGeo_Type": geo_type(o.get("place_feature"), o.get("place_country")),
                    "ActionGeo_FullName": o["place_name"], "ActionGeo_CountryCode": o.get("place_country"),
                    "ActionGeo_Lat": o.get("place_lat"), "ActionGeo_Long": o.get("place_lon")})
    extra = [o.get("type"), o.get("status"), o.get("date_end"), int(bool(o.get("two_sided"))),
             o.get("num_copies"), o.get("first_seen"), o.get("last_seen"), o.get("confidence")]
    return [row.get(c) for c in EVENT_COLUMNS] + extra


def mention_row(m: dict) -> list:
    """A GDELT mentions row from a mention event (a dict, see ``STORE_MENTIONS``)."""
    row = [m["occurrence_id"], _stamp(m.get("event_date")), _stamp(m.get("published")), 1, m.get("outlet"),
           m.get("url") or m["article_id"], None, m.get("source_start"), m.get("target_start"),
           m.get("trigger_start"), 1, round(100 * m["confidence"]) if m.get("confidence") is not None else None,
           m.get("doc_len"), None, None, None]
    return row + [m.get(k) for k in ("article_id", "event_id", "type", "mode", "status", "trigger_text",
                                     "quote_id", "quote_speaker", "language", "source_country_from",
                                     "target_country_from", "pair_id", "duplicate_of")]


STORE_OCCURRENCES = """
SELECT o.*, n.source_name, n.target_name, n.url FROM occurrences o LEFT JOIN (
    SELECT om.occurrence_id AS id, mode(e.source_text) AS source_name, mode(e.target_text) AS target_name,
           arg_min(a.url, coalesce(CAST(a.date AS VARCHAR), '9999') || a.id) AS url
    FROM occurrence_mentions om JOIN events e ON e.article_id = om.article_id AND e.event_id = om.event_id
    JOIN articles a ON a.id = om.article_id GROUP BY 1) n ON n.id = o.id
ORDER BY o.date, o.id
"""
STORE_MENTIONS = """
SELECT om.occurrence_id, o.date AS event_date, a.date AS published, a.source AS outlet, a.url, e.article_id,
       e.event_id, e.source_start, e.target_start, e.trigger_start, e.confidence, length(a.text) AS doc_len,
       e.type, e.mode, e.status, e.trigger_text, e.quote_id, coalesce(q.speaker_name, q.speaker_text) AS quote_speaker,
       a.language, e.source_country_from, e.target_country_from, e.pair_id, d.duplicate_of
FROM occurrence_mentions om JOIN events e ON e.article_id = om.article_id AND e.event_id = om.event_id
JOIN articles a ON a.id = e.article_id JOIN occurrences o ON o.id = om.occurrence_id
LEFT JOIN quotes q ON q.article_id = e.article_id AND q.quote_id = e.quote_id
LEFT JOIN duplicates d ON d.article_id = e.article_id
ORDER BY a.date, e.article_id, e.event_id
"""


def record_rows(rec: Record) -> tuple[list[list], list[list]]:
    """GDELT event and mention rows of one record, each event its own GDELT event."""
    a = rec.article
    places = {p.id: p for p in rec.places}
    quotes = {q.id: q for q in rec.quotes}
    events, mentions = [], []
    for e in rec.events:
        gid = own_event_id(a.id, e.id)
        place = places.get(e.location) if e.location else None
        day = e.date.value if e.date.value and e.date.value[:1].isdigit() else a.date
        published = date.fromisoformat(a.date) if a.date else None
        o = {"id": gid, "date": day, "cameo": e.cameo, "quad_class": e.quad_class, "goldstein": e.goldstein,
             "num_mentions": 1, "num_sources": 1, "num_articles": 1, "first_seen": published, "url": a.url,
             "root_event": e.sentence.start == 0 or e.headline, "type": e.type, "status": e.status,
             "confidence": e.confidence, "two_sided": e.pair is not None, "num_copies": 0,
             "last_seen": published}
        for side, ref in (("source", e.source), ("target", e.target)):
            if ref is not None:
                o.update({f"{side}_country": ref.country, f"{side}_sector": ref.sector, f"{side}_name": ref.text})
        if place is not None:
            o.update({"place_name": place.name, "place_country": place.country, "place_lat": place.lat,
                      "place_lon": place.lon, "place_feature": place.feature})
        events.append(event_row(o))
        quote = quotes.get(e.quote) if e.quote else None
        speaker = quote.speaker if quote is not None else None
        mentions.append(mention_row({
            "occurrence_id": gid, "event_date": _day_or_none(day), "published": published, "outlet": a.source,
            "url": a.url, "article_id": a.id, "event_id": e.id, "source_start": e.source and e.source.start,
            "target_start": e.target and e.target.start, "trigger_start": e.trigger.start,
            "confidence": e.confidence, "doc_len": len(a.text), "type": e.type, "mode": e.mode, "status": e.status,
            "trigger_text": e.trigger.text, "quote_id": e.quote,
            "quote_speaker": (speaker.name or speaker.text) if speaker is not None else None,
            "language": a.language, "source_country_from": e.source and e.source.country_from,
            "target_country_from": e.target and e.target.country_from, "pair_id": e.pair}))
    return events, mentions


def _day_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
