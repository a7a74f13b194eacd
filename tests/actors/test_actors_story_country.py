"""Country from the article's context (issue 12): the dateline's country, the country the story is about,
the country the sentence or paragraph is about in a mixed story, a visitor's home country, national
institutions from the data table, and no code where the text leaves it open. Articles written for
these tests."""

from __future__ import annotations

from conftest import find_actor as find

DATE = "2025-03-04"  # the date the texts below are written for


def code(rec, phrase, nth=0):
    a = find(rec, phrase, nth)
    return (a.country, a.country_from) if a else "no actor"


KENYA = """NAIROBI, March 4 (Reuters) - Police fired tear gas at students in the capital on Tuesday as protests over
school fees spread to a third city.

Protesters clashed with police outside the high court, where the opposition had filed a case against the fee rise.
The interior minister said 41 people were arrested. The education ministry said classes would resume next week.

Students said they would march again on Friday. The high court set a hearing for April."""


def test_domestic_bodies_take_the_story_country(run_actors):
    rec = run_actors(KENYA)
    for phrase in ("Police", "students", "Protesters", "the opposition", "The interior minister",
                   "The education ministry", "the high court"):
        assert code(rec, phrase) == ("KEN", "context"), phrase


def test_groups_that_act_are_actors(run_actors):
    rec = run_actors(KENYA)
    protesters = find(rec, "Protesters")
    assert protesters is not None and protesters.sector == "CVL"


LISBON = """LISBON, March 4 (Reuters) - Foreign Minister Ana Duarte met her Spanish counterpart in Madrid on Tuesday
to discuss water rights on the rivers the two countries share.

Duarte said the talks had been frank. Portugal wants more water released in the dry months."""


def test_a_visitor_keeps_the_home_country_and_the_counterpart_is_the_host(run_actors):
    rec = run_actors(LISBON)
    assert code(rec, "Foreign Minister Ana Duarte")[0] == "PRT"
    assert code(rec, "her Spanish counterpart") == ("ESP", "mention")


def test_national_institutions_are_their_country_bodies(run_actors):
    rec = run_actors("The Treasury Department named three banks on Monday. The Pentagon said the strike had hit a depot. "
              "The Kremlin called the claims false. Downing Street said the prime minister would speak. "
              "The Knesset passed the budget bill late on Wednesday.")
    assert code(rec, "The Treasury Department") == ("USA", "dictionary")
    assert code(rec, "The Pentagon") == ("USA", "dictionary")
    assert code(rec, "The Kremlin")[0] == "RUS"
    assert code(rec, "Downing Street")[0] == "GBR"
    assert code(rec, "The Knesset") == ("ISR", "dictionary")


MIXED = """Russia's defence ministry said on Monday its forces had taken a village near the border.

Ukraine's foreign ministry rejected the claim. The ministry said Ukrainian troops still held the village."""


def test_in_a_mixed_story_the_ministry_is_the_one_of_its_paragraph(run_actors):
    rec = run_actors(MIXED, date="2024-06-03")
    assert code(rec, "The ministry") [0] == "UKR"


def test_a_pronoun_does_not_drift_to_the_last_country_named(run_actors):
    rec = run_actors("OSLO, May 6 - Norway's prime minister Jonas Gahr Store flew to Stockholm on Monday. "
              "He told Swedish reporters that the two countries would share the cost of the bridge.",
              date="2024-05-06")
    he = find(rec, "He told")
    assert he is not None and he.country == "NOR"


def test_no_code_where_the_text_leaves_it_open(run_actors):
    rec = run_actors("Chile and Peru signed a fisheries accord on Monday. Chile will patrol the north and Peru the south. "
              "The minister said the accord would last ten years.", date="2024-05-06")
    assert code(rec, "The minister")[0] is None


def test_an_undated_story_about_one_country_codes_its_police(run_actors):
    rec = run_actors("Ghana's electoral commission said on Sunday that turnout had been high. In Kumasi, police "
              "said three men had been held for tearing up ballot papers. Ghana votes again in four years.")
    assert code(rec, "police") == ("GHA", "context")


def test_a_hyphenated_given_name_stays_whole(run_actors):
    rec = run_actors("Lee Jae-myung met Kim Min-seok in Seoul on Monday. Lee said the talks went well.", date="2025-06-09")
    lee = find(rec, "Lee Jae-myung")
    assert lee is not None and lee.name == "Lee Jae-myung"
    assert "Lee Jae-myung" in [m.text for m in lee.mentions]
    kim = find(rec, "Kim Min-seok")
    assert kim is not None and kim.name == "Kim Min-seok"


def test_a_people_without_a_state_is_coded_where_it_lives(run_actors):
    rec = run_actors("COLOMBO, March 4 (Reuters) - Tamil refugees returned to their villages in the north on Tuesday, "
              "the Sri Lankan army said. Kurdish traders in the city said prices had doubled.")
    assert code(rec, "Tamil refugees") == ("LKA", "context")


def test_a_religion_alone_does_not_make_a_minority(run_actors):
    rec = run_actors("Muslim refugees crossed the river on Monday, aid workers in Chad said. The United Nations "
              "said more would come.", date="2024-02-05")
    assert code(rec, "Muslim refugees")[0] is None
