"""The event ontology as data: PLOVER types, modes, contexts and sectors, and CAMEO codes with
their Goldstein value, QuadClass and PLOVER crosswalk.

Tables live in ``data/`` (``plover.json``, ``cameo.tsv``) and are read once per process.
``to_plover`` turns one of our events into a PLOVER-style JSON record and applies PLOVER's
rule that a cooperative action reported as future or planned is coded AGREE.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import read_json, split_list, tsv_records

DATA = Path(__file__).parent / "data"
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# The CAMEO "express intent to ..." code that PLOVER's AGREE rule gives a planned cooperative action.
_INTENT_CAMEO = {"CONSULT": "036", "AID": "033", "COOPERATE": "031", "SUPPORT": "032", "CONCEDE": "035",
                 "RETREAT": "035", "AGREE": "030"}

# A planned or conditional forceful action is a threat of it (CAMEO 13x).
_THREAT_TYPES = ("PROTEST", "SANCTION", "COERCE", "ASSAULT")
_THREAT_MODE = {"SANCTION": "relations", "COERCE": "restrict", "ASSAULT": "violence"}
_REJECT_MODE = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "CONCEDE": "yield", "RETREAT": "yield"}
_REJECT_CAMEO = {"CONSULT": "125", "AID": "122", "COOPERATE": "121", "CONCEDE": "124", "RETREAT": "124",
                 "AGREE": "120", "SUPPORT": "120"}
_THREAT_CAMEO = {"PROTEST": "133", "SANCTION": "1313", "COERCE": "132", "ASSAULT": "138"}


@dataclass(frozen=True)
class Cameo:
    code: str
    plover: str | None
    mode: str | None
    contexts: tuple[str, ...]
    goldstein: float
    quad_class: int
    label: str


@lru_cache(maxsize=1)
def plover() -> dict:
    """The PLOVER tables (``data/plover.json``)."""
    return read_json(DATA / "plover.json")


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, Cameo]:
    """CAMEO code -> Cameo (``data/cameo.tsv``)."""
    out = {}
    for r in tsv_records(DATA / "cameo.tsv"):
        out[r["code"]] = Cameo(r["code"], r["plover"] or None, r["mode"] or None, tuple(split_list(r["contexts"])),
                               float(r["goldstein"]), int(r["quad_class"]), r["label"])
    return out


def _type_and_mode(type_: str, mode: str | None):
    """PLOVER's entry for a type, and its mode's (score, cameo) when the type lists that mode."""
    spec = plover()["types"].get(type_)
    return spec, (spec["modes"].get(mode) if spec is not None and mode else None)


def cameo_for(type_: str, mode: str | None = None) -> str | None:
    """The CAMEO code standing for a PLOVER type (and mode) when nothing more specific is known."""
    spec, by_mode = _type_and_mode(type_, mode)
    if spec is None:
        return None
    return by_mode[1] if by_mode else spec["cameo"]


def cameo_info(code: str | None) -> Cameo | None:
    """Goldstein value, QuadClass and PLOVER mapping of a CAMEO code (a longer code falls back to its parent)."""
    table = cameo_table()
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def plover_score(type_: str, mode: str | None = None) -> float | None:
    spec, by_mode = _type_and_mode(type_, mode)
    if spec is None:
        return None
    return float(by_mode[0] if by_mode else spec["score"])


def normalise_label(label: str) -> tuple[str, str | None]:
    """PLOVER's earlier labels (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) -> (type, mode)."""
    label = label.strip().upper()
    old = plover()["earlier_labels"].get(label)
    return (old[0], old[1]) if old else (label, None)


def is_cooperative(type_: str) -> bool:
    return type_ in plover()["cooperative"]


def valid_mode(type_: str, mode: str | None) -> bool:
    spec = plover()["types"].get(type_)
    return mode is None or (spec is not None and mode in spec["modes"])


def valid_context(context: str) -> bool:
    return context in plover()["contexts"]


def plover_type(event) -> tuple[str, str | None, str | None]:
    """(type, mode, cameo) under PLOVER's coding rules: a cooperative action that is planned or
    conditional is AGREE (intent); a forceful one (protest, sanction, coercion, violence) that is
    planned or conditional is THREATEN; a cooperative one that is refused or negated is REJECT.
    PLOVER asks for the single category, not type + auxiliary."""
    if event.status == "negated" and is_cooperative(event.type):
        # "failed to reach agreement", "will not accept refugees", "skipped the summit"
        return "REJECT", _REJECT_MODE.get(event.type), _REJECT_CAMEO.get(event.type, "120")
    if event.status in ("planned", "hypothetical"):
        if is_cooperative(event.type):
            return "AGREE", None, _INTENT_CAMEO.get(event.type, "030")
        if event.type in _THREAT_TYPES:
            return "THREATEN", _THREAT_MODE.get(event.type), _THREAT_CAMEO.get(event.type, "130")
    return event.type, event.mode, event.cameo


def _held_over(event, record) -> bool:
    """A conditional action whose sentence also holds a threat by the same source."""
    if event.status != "hypothetical" or event.source is None:
        return False
    return any(e is not event and e.type == "THREATEN" and e.sentence == event.sentence and e.source is not None
               and (e.source.actor or e.source.text) == (event.source.actor or event.source.text)
               for e in record.events)


def _entity(ref) -> dict | None:
    if ref is None:
        return None
    out = {"code": ref.country, "sector": ref.sector, "entity_text": ref.text}
    if ref.actor:
        out["identifier_id"] = ref.actor
    return {k: v for k, v in out.items() if v is not None}


def _speaker(sp, record) -> dict:
    """A quote's speaker as an entity like ``actor``'s, coded from the actor it resolves to."""
    actor = next((a for a in record.actors if a.id == sp.actor), None) if sp.actor else None
    out = {"code": actor.country if actor else None, "sector": actor.sector if actor else None,
           "entity_text": sp.text, "identifier_id": sp.actor}
    return {k: v for k, v in out.items() if v is not None}


def to_plover(event, record) -> dict:
    """One event of ``record`` as a PLOVER-style JSON record (PLOVER manual, "PLOVER JSON").

    The stage keeps a planned cooperative action's own type with status ``planned``; PLOVER codes
    it AGREE, which this export does (the original type is kept in ``comment``).
    """
    # "will withdraw its ambassador unless ...": the sentence's THREATEN event stands for the
    # action held over the other side, which is no offer (AGREE) but a conditional RETREAT
    type_, mode, cameo = (event.type, event.mode, event.cameo) if _held_over(event, record) else plover_type(event)
    info = cameo_info(cameo)
    text = record.article.text
    out = {
        "id": f"{record.article.id}-{event.id}",
        "has_event": event.status != "hypothetical" and (event.status != "negated" or type_ != event.type),
        "date": event.date.value,
        "actor": [e for e in [_entity(event.source)] if e],
        "recipient": [e for e in [_entity(event.target)] if e],
        "event": [type_],
        "mode": [mode] if mode else [],
        "context": list(event.contexts),
        "event_text": [event.trigger.text],
        "quad_code": info.quad_class if info else plover()["types"][type_]["quad"],
        "event_scale": plover_score(type_, mode),
        "cameo": cameo,
        "goldstein": info.goldstein if info else None,
        "status": event.status,
        "text": text[event.sentence.start:event.sentence.end],
    }
    if event.location:
        place = next((p for p in record.places if p.id == event.location), None)
        out["event_loc"] = ({"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon}
                            if place else {"id": event.location})
    if event.quote:  # dateline.article/2: the quote whose words report the event, and who spoke them
        quote = next((q for q in record.quotes if q.id == event.quote), None)
        out["quote"] = {"id": f"{record.article.id}-{event.quote}"}  # unique across records, like "id"
        if quote is not None and quote.speaker is not None:
            out["quote"]["speaker"] = _speaker(quote.speaker, record)
    if type_ != event.type:
        out["comment"] = f"{event.status} {event.type} coded {type_} by PLOVER's single-category rule"
    return out


__all__ = ["EVENT_TYPES", "Cameo", "cameo_for", "cameo_info", "cameo_table", "is_cooperative", "normalise_label",
           "plover", "plover_score", "plover_type", "to_plover", "valid_context", "valid_mode"]
