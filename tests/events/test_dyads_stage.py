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


def test_passive_agent_from_the_attack_it_was_done_in(events):
    _, evs = events("Three soldiers were killed in an Israeli air raid on a Syrian base on Sunday.")
    (killed,) = on(evs, "killed")
    assert killed.source.country == "ISR"
    assert killed.target is None or killed.target.country == "SYR"


def test_passive_by_agent(events):
    _, evs = events("Two reporters were detained by Egyptian police in Cairo.")
    (detained,) = on(evs, "detained")
    assert detained.source.country == "EGY" and detained.source.sector == "COP"


def test_agentless_arrest_reported_by_the_police(events):
    _, evs = events("Sixty people were arrested in Caracas on Monday, Venezuelan police said.")
    (arrested,) = on(evs, "arrested")
    assert arrested.source.country == "VEN" and arrested.source.sector == "COP"


def test_agentless_killing_is_not_the_reporters(events):
    _, evs = events("Sixty people were killed in clashes in Caracas, Venezuelan police said.")
    assert all(e.source is None or e.source.sector != "COP" for e in on(evs, "killed"))


def test_a_struck_place_stands_for_its_country(events):
    _, evs = events("Turkish jets struck Kirkuk on Friday.")
    (struck,) = on(evs, "struck")
    assert struck.type == "ASSAULT" and (struck.source.country, struck.target.country) == ("TUR", "IRQ")


def test_an_actor_target_beats_a_place(events):
    _, evs = events("Turkish jets attacked Kurdish militants near Kirkuk on Friday.")
    (attacked,) = on(evs, "attacked")
    assert attacked.target.text != "Kirkuk"


def test_a_diplomatic_protest_is_an_accusation(events):
    _, evs = events("Japan protested to China over the detention of its citizens.")
    (p,) = on(evs, "protested")
    assert p.type == "ACCUSE" and (p.source.country, p.target.country) == ("JPN", "CHN")


def test_an_event_in_a_quote_keeps_its_own_source(events):
    _, evs = events('The Afghan interior minister said: "Pakistani troops shelled three of our villages."')
    (shelled,) = on(evs, "shelled")
    assert shelled.source.country == "PAK" and shelled.status == "reported"


def test_a_discussion_topic_is_no_target(events):
    _, evs = events("Peace in Afghanistan was discussed when the Qatari emir met the Pakistani foreign minister.")
    assert not [e for e in evs if e.target is not None and e.target.country == "AFG"]
    (met,) = on(evs, "met")
    assert (met.source.country, met.target.country) == ("QAT", "PAK")


def test_every_side_says_where_its_country_came_from(events):
    from dateline.record import COUNTRY_FROM

    _, evs = events("NAIROBI — Police arrested dozens of students in Nairobi on Thursday. Ghana and Togo signed "
                    "a border agreement, and the two countries agreed to open a crossing.")
    sides = [s for e in evs for s in (e.source, e.target) if s is not None and s.country]
    assert sides
    assert all(s.country_from in COUNTRY_FROM for s in sides)


def test_the_dateline_place_is_no_subject(events):
    _, evs = events("QUITO — Ecuador and Peru signed a border accord on Monday.")
    assert dyads(on(evs, "signed")) == [("ECU", "PER"), ("PER", "ECU")]


def test_counted_people_are_the_ones_counted(events):
    _, evs = events("Security forces in Guinea tortured scores of Malian and Senegalese migrants.")
    assert dyads(on(evs, "tortured")) == [("GIN", "MLI"), ("GIN", "SEN")]


def test_two_sides_have_no_third_recipient_of_their_own_country(events):
    _, evs = events("Serbs and Croats failed to reach agreement on the status of Croatian schools.")
    agreement = on(evs, "agreement")
    assert all(e.pair is not None and e.target.country in {"SRB", "HRV"} for e in agreement)


def test_a_protest_naming_no_recipient_is_addressed_to_its_own_country(events):
    _, evs = events("Thousands of Chilean students marched through Santiago on Monday.")
    (marched,) = on(evs, "marched")
    assert (marched.source.country, marched.target.country) == ("CHL", "CHL")
    assert marched.target.country_from == "context" and marched.target.actor is None


def test_the_announcer_of_a_measure_is_its_source(events):
    _, evs = events("Italy announced a suspension of flights to Serbia on Wednesday.")
    (s,) = on(evs, "suspension")
    assert (s.source.country, s.target.country) == ("ITA", "SRB")


def test_first_person_in_a_quote_is_the_speaker(events):
    _, evs = events('"Russia will not attack us again," Ukrainian President Volodymyr Zelensky said.')
    (attack,) = on(evs, "attack")
    assert attack.source.country == "RUS" and attack.target.country == "UKR"
    assert attack.target.text == "us" and attack.target.country_from == "coreference"


def test_the_same_night_is_the_day_of_the_event_before(events):
    _, evs = events("Russian drones hit Odesa on Tuesday. Ukrainian drones struck a refinery in Russia the same night.")
    (struck,) = on(evs, "struck")
    assert struck.date.value == "2026-05-05" and struck.date.from_ == "text"


def test_a_refusal_despite_pressure_is_addressed_to_who_pressed(events):
    _, evs = events("The Peruvian president refused to resign despite pressure from Chile.")
    (refused,) = on(evs, "refused")
    assert (refused.source.country, refused.target.country) == ("PER", "CHL")


def test_a_concession_to_a_group_of_no_country_is_domestic(events):
    _, evs = events("The Bolivian government accepted demands from striking miners.")
    (accepted,) = on(evs, "accepted")
    assert (accepted.source.country, accepted.target.country) == ("BOL", "BOL")
    assert accepted.target.country_from == "context"


def test_the_issuer_of_a_statement_is_the_source_of_what_it_does(events):
    _, evs = events("Nepal issued a statement condemning India over the border dispute.")
    (condemning,) = on(evs, "condemning")
    assert (condemning.source.country, condemning.target.country) == ("NPL", "IND")


def test_a_relative_clause_dates_its_noun(events):
    _, evs = events("The raid on the camp, which began on Sunday, killed 12 Somali soldiers.")
    (killed,) = on(evs, "killed")
    assert killed.date.value == "2026-05-03" and killed.target.country == "SOM"


def test_victims_of_a_participle_are_on_the_side_its_head_struck(events):
    _, evs = events("Rebels overran a Malian army post on Monday, killing five soldiers.")
    (killing,) = on(evs, "killing")
    assert killing.target.text == "five soldiers" and killing.target.country == "MLI"
    assert killing.target.country_from == "context"


def test_a_states_coercion_of_people_of_no_known_country_is_domestic(events):
    _, evs = events("Ugandan police detained 40 people on Friday.")
    (detained,) = on(evs, "detained")
    assert (detained.source.country, detained.target.country) == ("UGA", "UGA")
    assert detained.target.text == "40 people" and detained.target.country_from == "context"


def test_the_day_after_a_speech_verb_dates_the_saying_not_a_plan(events):
    _, evs = events("The Pentagon said on Tuesday it would send air defence missiles to Poland.")
    (send,) = on(evs, "send")
    assert send.status == "planned" and send.date.value is None


def test_a_past_perfect_reported_on_a_day_takes_that_day(events):
    _, evs = events("Russia said on Monday it had struck a Ukrainian airbase.")
    (struck,) = on(evs, "struck")
    assert struck.date.value == "2026-05-04"


def test_both_sides_are_the_two_countries_the_text_is_about(events):
    # the last two countries named before "both sides" are Bolivia and Chile; the text is about Chile
    # and Peru, which the actors stage joined the phrase to
    _, evs = events("Chilean President Ana Rojas will travel to Lima next week for talks with Peruvian President "
                    "Luis Vega, the two governments said.\n\nThe visit is expected to focus on trade and on "
                    "Bolivia's gas exports. Officials in Santiago said both sides hoped to sign a water agreement.")
    signed = on(evs, "sign")
    assert dyads(signed) == [("CHL", "PER"), ("PER", "CHL")]


def test_a_phrasal_verbs_object_after_its_particle_is_the_target(events):
    _, evs = events("LIMA \u2014 The interior minister called on residents to stay indoors.")
    called = on(evs, "called")
    assert [(e.source.country, e.target.text if e.target else None) for e in called] == [("PER", "residents")]
