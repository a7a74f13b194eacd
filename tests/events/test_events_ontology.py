"""The ontology tables and the PLOVER export rule."""

from __future__ import annotations

from dateline.ontology import (
    EVENT_TYPES,
    cameo_for,
    cameo_info,
    cameo_table,
    normalise_label,
    plover,
    plover_type,
    to_plover,
)
from dateline.record import ArgRef, Article, Event, EventDate, Record, SentenceSpan, Span


def test_cameo_table_has_goldstein_quad_and_crosswalk():
    table = cameo_table()
    assert len(table) > 300
    assert cameo_info("042").plover == "CONSULT" and cameo_info("042").mode == "visit"
    assert cameo_info("190").quad_class == 4 and cameo_info("190").goldstein == -10.0
    assert cameo_info("051").quad_class == 1
    assert cameo_info("0874").plover == "RETREAT"
    assert cameo_info("99999") is None
    for code in table:  # every code maps to a PLOVER type except public statements (01)
        assert table[code].plover in EVENT_TYPES or code.startswith("01")


def test_every_type_and_mode_has_a_cameo_code():
    for type_, spec in plover()["types"].items():
        assert cameo_info(cameo_for(type_)) is not None, type_
        for mode in spec["modes"]:
            assert cameo_info(cameo_for(type_, mode)) is not None, (type_, mode)


def test_earlier_gold_labels():
    assert normalise_label("DEMAND") == ("REQUEST", None)
    assert normalise_label("DISAPPROVE") == ("ACCUSE", "disapprove")
    assert normalise_label("INVESTIGATE") == ("ACCUSE", "investigate")
    assert normalise_label("FIGHT") == ("ASSAULT", None)
    assert normalise_label("consult") == ("CONSULT", None)


def _event(type_, status, mode=None, cameo="042"):
    text = "Kim will visit China."
    return Record(article=Article.make(text, "2025-08-28")), Event(
        id="e1", type=type_, mode=mode, cameo=cameo, status=status, trigger=Span(9, 14, "visit"),
        sentence=SentenceSpan(0, len(text)), date=EventDate(None),
        source=ArgRef("a1", "Kim", 0, 3, "PRK", "GOV"), target=ArgRef("a2", "China", 15, 20, "CHN", None))


def test_planned_cooperation_is_agree_in_plover_but_not_in_the_stage():
    rec, ev = _event("CONSULT", "planned", "visit")
    out = to_plover(ev, rec)
    assert out["event"] == ["AGREE"] and out["cameo"].startswith("03") and out["quad_code"] == 1
    assert out["actor"][0]["code"] == "PRK" and out["recipient"][0]["code"] == "CHN"
    assert "planned CONSULT" in out["comment"]
    assert ev.type == "CONSULT"  # the event itself keeps what it says


def test_asserted_keeps_its_type_and_refused_cooperation_is_reject():
    rec, ev = _event("CONSULT", "asserted", "visit")
    assert to_plover(ev, rec)["event"] == ["CONSULT"]
    rec, ev = _event("CONSULT", "negated", "visit")
    out = to_plover(ev, rec)
    assert out["event"] == ["REJECT"] and out["mode"] == ["meet"] and out["has_event"] is True
    _, ev = _event("ASSAULT", "negated", cameo="190")
    assert plover_type(ev)[0] == "ASSAULT"  # a negated attack is no event, not a rejection


def test_planned_force_is_a_threat():
    _, ev = _event("ASSAULT", "hypothetical", cameo="190")
    assert plover_type(ev)[0] == "THREATEN"
    _, ev = _event("ASSAULT", "asserted", cameo="190")
    assert plover_type(ev)[0] == "ASSAULT"
