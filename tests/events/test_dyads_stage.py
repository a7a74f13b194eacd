"""Dyads on sentences we wrote, one phenomenon each: two-sided events, every slot, dates of the clause."""

from __future__ import annotations

import pytest

from dateline.pipeline import available_stages

STAGES = tuple(available_stages())
pytestmark = pytest.mark.skipif("events" not in STAGES or "actors" not in STAGES,
                                reason="the events stage needs the time and actors stages")


@pytest.fixture
def events(analyse):
    def run(text, date="2026-05-06"):
        rec = analyse(text, date, stages=STAGES)
        return rec, rec.events

    return run


def on(evs, word):
    found = [e for e in evs if word in e.trigger.text]
    assert found, [(e.type, e.trigger.text) for e in evs]
    return found


def dyads(evs):
    return sorted((e.source.country if e.source else None, e.target.country if e.target else None) for e in evs)


def test_coordinated_sides_give_one_event_each_way(events):
    _, evs = events("Ghana and Togo signed a border agreement in Accra.")
    signed = on(evs, "signed")
    assert dyads(signed) == [("GHA", "TGO"), ("TGO", "GHA")]
    a, b = signed
    assert a.pair == b.id and b.pair == a.id


def test_talks_between_two_sides(events):
    _, evs = events("Talks between Serbia and Kosovo resumed in Brussels on Monday.")
    talks = on(evs, "Talks")
    assert dyads(talks) == [("SRB", "XKX"), ("XKX", "SRB")] or dyads(talks) == [("KOS", "SRB"), ("SRB", "KOS")]
    assert {e.date.value for e in talks} == {"2026-05-04"}  # the clause's date, though "resumed" is no event


def test_a_one_way_meeting_is_not_paired(events):
    _, evs = events("The Chilean president met the Peruvian foreign minister in Lima.")
    (met,) = on(evs, "met")
    assert (met.source.country, met.target.country) == ("CHL", "PER") and met.pair is None


def test_the_two_countries_are_the_sides_named_before(events):
    rec, evs = events("Armenia and Azerbaijan held talks in Ankara on Monday. "
                      "On Tuesday the two countries agreed to reopen a rail link.")
    agreed = on(evs, "agreed")
    assert dyads(agreed) == [("ARM", "AZE"), ("AZE", "ARM")]
    for e in agreed:  # each side as these words name it, its country through coreference
        assert e.source.country_from == "coreference"
        assert rec.article.text[e.source.start:e.source.end] == e.source.text == "the two countries"


def test_both_sides_after_a_joint_event(events):
    _, evs = events("Peru and Ecuador signed a fisheries accord on Tuesday, and both sides pledged to settle "
                    "disputes peacefully.")
    pledged = on(evs, "pledged")
    assert dyads(pledged) == [("ECU", "PER"), ("PER", "ECU")]
    assert {e.date.value for e in pledged} == {"2026-05-05"}  # the date of the clause it is tied to


def test_a_participle_takes_the_date_of_its_clause(events):
    _, evs = events("Rebels overran a Malian army post on Monday, killing five soldiers.")
    (killing,) = on(evs, "killing")
    assert killing.date.value == "2026-05-04" and killing.date.from_ == "text"
    assert killing.target is not None and killing.target.sector == "MIL"


def test_anchored_arithmetic(events):
    _, evs = events("Students marched in Dhaka on Monday, two days after police fired on protesters in Sylhet.")
    (fired,) = on(evs, "fired")
    assert fired.type == "ASSAULT" and fired.date.value == "2026-05-02"
    assert on(evs, "marched")[0].date.value == "2026-05-04"


def test_a_past_event_reported_on_a_day_takes_that_day(events):
    _, evs = events("Colombia's army said on Tuesday that rebels attacked a base near the Venezuelan border.")
    (attacked,) = on(evs, "attacked")
    assert attacked.date.value == "2026-05-05"


def test_a_planned_event_never_takes_the_article_date(events):
    _, evs = events("Japan's prime minister will visit Hanoi to discuss trade.")
    (visit,) = on(evs, "visit")
    assert visit.status == "planned" and visit.date.value is None


def test_present_perfect_with_no_date_takes_the_article_date(events):
    _, evs = events("Chile and Argentina have signed a treaty on shared glaciers.")
    for e in on(evs, "signed"):
        assert e.date.value == "2026-05-06" and e.date.from_ == "article"
