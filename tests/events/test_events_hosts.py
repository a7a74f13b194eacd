"""Visits take their destination as host, events their place, and conditions tell a threat from
an offer (sentences written for these tests)."""

from __future__ import annotations

import pytest

from dateline.pipeline import available_stages

STAGES = tuple(available_stages())
pytestmark = pytest.mark.skipif(not {"events", "actors", "places"} <= set(STAGES),
                                reason="needs the actors, places and events stages")


@pytest.fixture
def events(analyse):
    def run(text, date="2025-08-28"):
        rec = analyse(text, date, stages=STAGES)
        return rec, rec.events

    return run


def visits(evs):
    return [e for e in evs if e.type == "CONSULT" and e.mode == "visit"]


def place_text(rec, pid):
    return next((p.text for p in rec.places if p.id == pid), None)


@pytest.mark.parametrize("text, country", [
    ("The Mongolian president will travel to Beijing next week.", "CHN"),
    ("The Kenyan trade minister flew to Ottawa on Tuesday.", "CAN"),
    ("A delegation from Peru arrived in Canberra on Monday.", "AUS"),
    ("Bolivia's foreign minister paid a visit to Nairobi last month.", "KEN"),
])
def test_a_capital_as_destination_is_the_host_government(events, text, country):
    _, evs = events(text)
    (v,) = visits(evs)
    assert v.target is not None and v.target.country == country and v.target.sector == "GOV"


def test_a_country_or_other_city_as_destination_is_the_country_alone(events):
    _, evs = events("The Chilean foreign minister arrived in Osaka on Monday.")
    (v,) = visits(evs)
    assert v.target.country == "JPN" and v.target.sector is None
    _, evs = events("The Chilean foreign minister visited Finland on Monday.")
    (v,) = visits(evs)
    assert v.target.country == "FIN" and v.target.sector is None


def test_the_capital_named_by_its_country_adjective(events):
    _, evs = events("The Austrian chancellor travelled to the Brazilian capital on Sunday.")
    (v,) = visits(evs)
    assert v.target.country == "BRA" and v.target.sector == "GOV"


def test_a_visit_happens_at_its_destination(events):
    rec, evs = events("The Portuguese premier, who met the Spanish king in Seville, will visit Lima and "
                      "Quito in October.")
    vs = visits(evs)
    assert sorted(place_text(rec, v.location) for v in vs) == ["Lima", "Quito"]
    assert {v.target.country: place_text(rec, v.location) for v in vs} == {"PER": "Lima", "ECU": "Quito"}


def test_an_event_in_a_city_is_located_there(events):
    rec, evs = events("The Dutch foreign minister met the Indian ambassador in Mumbai on Friday.")
    (m,) = [e for e in evs if e.type == "CONSULT"]
    assert place_text(rec, m.location) == "Mumbai"


def test_an_action_held_over_the_other_side_unless_it_complies_is_a_threat(events):
    _, evs = events("Norway said it will suspend its aid to Malawi unless the government in Lilongwe "
                    "holds elections this year.")
    (t,) = [e for e in evs if e.type == "THREATEN"]
    assert t.trigger.text == "unless" and t.status == "reported"  # in what Norway said
    assert t.source.country == "NOR" and t.target.country == "MWI"


def test_the_threat_is_aimed_at_whoever_must_comply(events):
    _, evs = events("Ecuador will withdraw its ambassador unless Colombia apologises.")
    (t,) = [e for e in evs if e.type == "THREATEN"]
    assert t.source.country == "ECU" and t.target.country == "COL" and t.status == "asserted"
    (w,) = [e for e in evs if e.trigger.text.startswith("withdraw")]
    assert w.status == "hypothetical"  # the action itself has not happened


def test_a_cooperative_action_unless_something_happens_is_no_threat(events):
    _, evs = events("Finland will attend the summit in Oslo unless Sweden postpones it.")
    assert not [e for e in evs if e.type == "THREATEN"]
    assert [e for e in evs if e.type == "CONSULT" and e.status == "hypothetical"]


def test_a_conditional_offer_is_no_threat(events):
    _, evs = events("Ghana would meet the rebels if they laid down their arms.")
    assert not [e for e in evs if e.type == "THREATEN"]
    (m,) = [e for e in evs if e.type == "CONSULT"]
    assert m.status == "hypothetical"


def test_an_explicit_threat_is_aimed_at_the_subject_of_its_condition(events):
    _, evs = events("Serbia threatened to leave the negotiations if Croatia deploys troops to the border.")
    th = [e for e in evs if e.type == "THREATEN"]
    assert len(th) == 1 and th[0].trigger.text == "threatened"
    assert th[0].source.country == "SRB" and th[0].target.country == "HRV"


def test_armed_forces_arriving_are_no_visit(events):
    _, evs = events("Hungarian soldiers arrived in Vilnius on Friday.")
    assert not visits(evs)
    _, evs = events("The Moroccan army chief arrived in Nairobi on Friday.")  # an officer visits
    (v,) = visits(evs)
    assert v.source.country == "MAR" and v.target.country == "KEN"


def test_peacekeepers_arriving_are_aid_to_the_host(events):
    _, evs = events("Uruguayan peacekeeping troops arrived in Haiti on Friday.")
    assert not visits(evs)
    (a,) = [e for e in evs if e.type == "AID"]
    assert a.source.country == "URY" and a.target.country == "HTI" and a.cameo == "074"


def test_a_place_named_as_the_city_of_x_is_a_locative_recipient(events):
    rec, evs = events("Thousands of Ukrainian pensioners demonstrated in the eastern city of Kharkiv on Sunday.")
    (p,) = [e for e in evs if e.type == "PROTEST"]
    assert p.target is not None and p.target.country == "UKR" and p.target.text == "Kharkiv"
    assert place_text(rec, p.location) == "Kharkiv"


def test_arriving_here_goes_to_the_dateline_place(events):
    rec, evs = events("LUSAKA (Reuters) - The Greek foreign minister arrived here on Monday for talks.")
    (v,) = visits(evs)
    assert v.target.country == "ZMB" and v.target.sector == "GOV" and v.target.text == "LUSAKA"
    assert place_text(rec, v.location) == "LUSAKA"
    _, evs = events("The Greek foreign minister arrived here on Monday for talks.")  # no dateline: nowhere known
    assert not visits(evs)


def test_an_event_is_placed_by_its_subjects_locative_phrase_not_by_a_place_acting(events):
    rec, evs = events("Farmers in northern Ghana protested against Togo on Sunday.")
    (p,) = [e for e in evs if e.type == "PROTEST"]
    assert place_text(rec, p.location) == "Ghana"
    rec, evs = events("Paraguayan officials met their Bolivian counterparts after talks mediated by Uruguay "
                      "in Asuncion.")
    (m,) = [e for e in evs if e.trigger.text == "met"]
    assert place_text(rec, m.location) == "Asuncion"


def test_plover_export_does_not_read_an_action_held_over_as_an_offer(events):
    from dateline.ontology import to_plover

    rec, evs = events("Ecuador will withdraw its ambassador unless Colombia apologises.")
    out = {e.trigger.text.split()[0]: (e, to_plover(e, rec)) for e in evs}
    assert out["unless"][1]["event"] == ["THREATEN"]
    w, pw = out["withdraw"]
    assert pw["event"] == [w.type] != ["AGREE"] and not pw["has_event"]
    # a conditional offer is still AGREE by PLOVER's rule
    rec, evs = events("Ghana would meet the rebels if they laid down their arms.")
    (m,) = [e for e in evs if e.type == "CONSULT"]
    assert to_plover(m, rec)["event"] == ["AGREE"]
