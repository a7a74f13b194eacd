"""Country from context: an actor whose own phrase names no country takes one only from evidence
bound to it, never from a venue, a destination or the other side of its event."""

from __future__ import annotations

from conftest import find_actor as find

DATE = "2024-05-02"  # the date the texts below are written for




def country(rec, phrase, nth=0):
    a = find(rec, phrase, nth)
    return a.country if a else "no actor"


def test_meeting_venue_is_not_nationality(run_actors):
    rec = run_actors("Fisheries ministers will gather in Portugal next month to discuss quotas.")
    assert country(rec, "Fisheries ministers") is None


def test_sanction_target_does_not_take_the_sanctioning_country(run_actors):
    rec = run_actors("Canada said on Friday it would freeze the assets of generals who ordered the crackdown.")
    assert country(rec, "generals") is None


def test_previous_sentence_country_is_not_inherited(run_actors):
    rec = run_actors("Chile and Peru signed a fishing treaty on Monday. The army said it would stay on alert.")
    assert country(rec, "The army") is None


def test_place_of_the_clause_codes_police(run_actors):
    rec = run_actors("Police in Lima detained eleven people after the march.")
    assert country(rec, "Police") == "PER"


def test_police_take_the_main_country_of_the_article(run_actors):
    rec = run_actors("Thousands marched through Nairobi on Tuesday against new taxes. Kenya's parliament "
              "passed the bill last week. Police fired tear gas at the crowd.")
    assert country(rec, "Police") == "KEN"


def test_police_take_nothing_without_a_main_country(run_actors):
    rec = run_actors("Talks between Austria and Hungary ended on Monday. Police closed the road.")
    assert country(rec, "Police") is None


def test_coordinated_actors_share_a_place(run_actors):
    rec = run_actors("Government troops and militias in northern Mali agreed to a truce on Sunday.")
    assert country(rec, "Government troops") == "MLI"
    assert country(rec, "militias") == "MLI"


def test_rebels_coordinated_with_a_government_take_its_country(run_actors):
    rec = run_actors("The Ethiopian government and the rebels must stop the fighting, the envoy said.")
    assert country(rec, "the rebels") == "ETH"


def test_possessor_gives_its_country(run_actors):
    rec = run_actors("Polish President Anna Nowak arrived on Monday. Nowak's office said the visit would last two days.")
    assert country(rec, "Nowak's office") == "POL"


def test_group_modifier_gives_the_sector_of_a_spokesman(run_actors):
    rec = run_actors("Rebels in Yemen seized the port on Monday. A rebel spokesman said the fighters would stay.")
    a = find(rec, "A rebel spokesman")
    assert a.sector == "REB" and a.country == "YEM"
    rec = run_actors("Police in Madrid arrested two men, a police spokeswoman said.")
    a = find(rec, "a police spokeswoman")
    assert a.sector == "COP" and a.country == "ESP"


def test_its_follows_its_subject_without_a_foreign_country(run_actors):
    rec = run_actors("Norway urged restraint on Sunday. The army halted its offensive near the border.")
    a = find(rec, "its")
    assert a is not None and a is find(rec, "The army") and a.country is None


def test_named_office_holder_in_a_one_country_sentence(run_actors):
    rec = run_actors("Interior Minister Omar Haddad said Tunisia would not extradite the suspects.")
    assert country(rec, "Omar Haddad") == "TUN"


def test_named_office_holder_not_coded_by_a_destination(run_actors):
    rec = run_actors("Trade Minister Omar Haddad will travel to Brazil next week.")
    assert country(rec, "Omar Haddad") is None


def test_named_office_holder_not_coded_by_the_other_participant(run_actors):
    rec = run_actors("A French court summoned Senator Luc Marchal on Tuesday.")
    assert country(rec, "Senator Luc Marchal") is None


def test_congo_alone_is_dr_congo_like_congolese(run_actors):
    rec = run_actors("Soldiers in Congo clashed with militias, the Congolese army said. Brazzaville is the capital "
              "of the Republic of the Congo.")
    assert country(rec, "Congo") == "COD"
    assert country(rec, "the Congolese army") == "COD"
    assert country(rec, "Republic of the Congo") == "COG"


def test_both_parties_are_the_actors_named_together(run_actors):
    rec = run_actors("Government troops and rebels met in a hall hired by Malaysia. The mediator urged both parties "
              "to keep talking.")
    i = rec.article.text.index("both parties")
    owners = {a.name for a in rec.actors if any(m.start == i for m in a.mentions)}
    assert owners == {"Government troops", "rebels"}


def test_both_sides_with_one_country_known_is_nothing(run_actors):
    rec = run_actors("Talks mediated by Oman ended on Friday, and both sides went home.")
    i = rec.article.text.index("both sides")
    assert not [a for a in rec.actors if any(m.start == i for m in a.mentions)]


def test_ministry_refers_to_the_ministry_named_before(run_actors):
    rec = run_actors("The Dutch foreign ministry summoned the envoy. \"This is unacceptable,\" a ministry spokesman "
              "said. Talks with Austria continue.")
    a = find(rec, "a ministry spokesman")
    assert (a.country, a.sector) == ("NLD", "GOV")


def test_place_a_person_comes_from_is_not_an_actor(run_actors):
    rec = run_actors("\"We are angry,\" said Jean Petit, a baker from Picardy who came with his sons.")
    i = rec.article.text.index("Picardy")
    assert not [a for a in rec.actors if any(m.start <= i < m.end for m in a.mentions)]


def test_counted_advisers_with_a_nationality_are_an_actor(run_actors):
    rec = run_actors("Gunmen kidnapped 12 Chinese advisers near the dam on Monday.")
    a = find(rec, "12 Chinese advisers")
    assert a is not None and a.country == "CHN"


def test_the_city_of_x_is_a_place_not_an_actor(run_actors):
    rec = run_actors("Shelling around the town of Kabalo had killed dozens of people.")
    i = rec.article.text.index("Kabalo")
    assert not [a for a in rec.actors if any(m.start <= i < m.end for m in a.mentions)]


def test_us_state_names_are_not_foreign_towns(run_actors):
    rec = run_actors("Voters in Virginia and Florida lined up early. Virginia's governor said turnout was high.")
    assert {a.country for a in rec.actors} <= {None, "USA"}


def test_bare_second_conjunct_shares_the_nationality(run_actors):
    rec = run_actors("Radar tracked Turkish tanks and troops near the border.")
    assert country(rec, "troops") == "TUR"


def test_bare_plural_takes_no_sector_consensus(run_actors):
    rec = run_actors("The Chilean army held drills on Monday. Across the region, militaries are buying drones.")
    assert country(rec, "The Chilean army") == "CHL"
    assert country(rec, "militaries") is None


def test_country_in_someone_elses_clause_does_not_code_an_office_holder(run_actors):
    rec = run_actors("As the president prepares to veto a bill that would let widows sue Norway, Senator Ann Bell "
              "disagrees.")
    assert country(rec, "Senator Ann Bell") is None


def test_city_inside_an_organisation_name_is_the_whole_city_name(run_actors):
    rec = run_actors("Anna Berg, a professor at New York University, said the plan was sound.")
    assert country(rec, "New York University") == "USA"


def test_dateline_before_a_dash_is_not_a_modifier(run_actors):
    rec = run_actors("MADRID - European leaders gathered on Friday to discuss the budget.")
    assert country(rec, "European leaders") is None


def test_no_main_country_in_a_story_about_many(run_actors):
    rec = run_actors("Peru, Chile and Bolivia sent envoys. Chile and Ecuador objected, and Bolivia and Peru "
              "abstained. Police kept protesters away from the hall.")
    assert country(rec, "Police") is None


def test_where_someone_spoke_is_not_their_country(run_actors):
    rec = run_actors("Secretary of State Anne Lowe told reporters in Cairo that talks would resume.")
    assert country(rec, "Secretary of State Anne Lowe") is None
    rec = run_actors("Officials said in Nairobi that the talks had failed.")
    assert country(rec, "Officials") is None
    rec = run_actors("Officials in Nairobi said the talks had failed.")
    assert country(rec, "Officials") == "KEN"


def test_dateline_city_is_the_main_country_for_police(run_actors):
    rec = run_actors("LAGOS, May 3 (Reuters) - Police detained 40 people after a protest. Ghana and Togo sent "
              "observers.")
    assert country(rec, "Police") == "NGA"
    assert find(rec, "Reuters").mentions[0].text == "Reuters"  # not "May 3 (Reuters"


def test_georgia_needs_another_sign_of_the_country(run_actors):
    rec = run_actors("John Ray, a Democratic congressman from Georgia, said the bill was unfair.")
    assert all(a.country != "GEO" for a in rec.actors)
    rec = run_actors("Russia and Georgia traded accusations, the Georgian foreign ministry said.")
    assert country(rec, "Georgia") == "GEO"


def test_capital_as_destination_is_a_place(run_actors):
    rec = run_actors("The prime minister's visit to Hanoi changed the tone. Tokyo sent a letter to Seoul.")
    assert find(rec, "Hanoi") is None
    assert country(rec, "Seoul") == "KOR"  # a recipient is the government
