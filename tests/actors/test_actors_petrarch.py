"""PETRARCH2's dictionaries, as derived by build_tables.py: persons coded by the dates the dictionary
gives against the article's date, national bodies, armed groups, role words. Texts written for these
tests; the facts (who held which office when) are the dictionary's."""

from __future__ import annotations

from conftest import find_actor as find

from dateline.actors.build_tables import iso_date, parse_code, surface


def test_an_office_holder_is_coded_by_the_article_date(run_actors):
    text = "Iyad Allawi told a news conference on Monday that the vote would go ahead."
    during = find(run_actors(text, "2004-09-06"), "Iyad Allawi")
    after = find(run_actors(text, "2011-09-05"), "Iyad Allawi")
    assert (during.country, during.sector, during.country_from) == ("IRQ", "GOV", "dictionary")
    assert (after.country, after.sector) == ("IRQ", "ELI")


def test_a_first_and_last_name_finds_a_longer_dictionary_name(run_actors):
    rec = run_actors("Carlos Menem returned to the capital on Friday.", "1995-03-10")
    a = find(rec, "Carlos Menem")
    assert (a.country, a.sector) == ("ARG", "GOV")


def test_a_title_in_the_text_beats_a_dictionary_home_when_no_office_holds(run_actors):
    rec = run_actors("Rebel leaders said they would meet U.N. mediator Diego Cordovez next week.", "1988-02-01")
    assert find(rec, "Diego Cordovez").country == "IGO"


def test_a_person_known_to_the_dictionary_makes_the_story_country(run_actors):
    rec = run_actors("Moody Awori said in Nairobi on Tuesday he would not resign. The opposition called the refusal an insult.",
              "2006-02-07")
    assert (find(rec, "The opposition").country, find(rec, "The opposition").country_from) == ("KEN", "context")


def test_codes_and_dates_are_read_as_the_dictionary_format_says():
    assert parse_code("IRQGOV 040601-050503", {"IRQ"}) == ("IRQ", "GOV", "2004-06-01", "2005-05-03")
    assert parse_code("USAGOVLEG", {"USA"}) == ("USA", "LEG", None, None)
    assert parse_code("RUSGOV >20100601", {"RUS"}) == ("RUS", "GOV", "2010-06-01", None)
    assert parse_code("ELI", set()) == (None, "ELI", None, None)
    assert parse_code("WAFREB", {"USA"}) is None  # a region is no country
    assert iso_date("320101") == "1932-01-01" and iso_date("070723") == "2007-07-23"
    assert surface("CARLOS_SAUL_MENEM_") == "Carlos Saul Menem"
    assert surface("!MINIST! OF_DEFENSE") is None  # a phrase with a gap and a substitution set


def test_minorities_and_based_bodies(run_actors):
    rec = run_actors("Ethnic Albanians clashed with police in Serbia on Sunday. A radio station based in Beirut said the march "
              "was peaceful.", "2001-03-05")
    assert find(rec, "Ethnic Albanians").country == "SRB"
    assert find(rec, "A radio station").country == "LBN"
