"""Actor.country_from says where each country came from: a word on the mention, our dictionaries,
an actor the text ties it to (coreference), or the article's context."""

from __future__ import annotations

from conftest import find_actor as find

from dateline.record import COUNTRY_FROM

DATE = "2024-05-02"  # the date the texts below are written for


def origin(rec, phrase):
    a = find(rec, phrase)
    assert a is not None, phrase
    return a.country, a.country_from


def test_a_nationality_on_the_mention(run_actors):
    rec = run_actors("Chilean officials said on Tuesday that the copper mine would reopen.")
    assert origin(rec, "Chilean officials") == ("CHL", "mention")


def test_a_known_leader_is_from_the_dictionary(run_actors):
    rec = run_actors("Xi Jinping opened the trade fair on Monday.", date="2019-04-08")
    assert origin(rec, "Xi Jinping") == ("CHN", "dictionary")


def test_a_possessive_pronoun_owner_is_coreference(run_actors):
    rec = run_actors("Hamas said its fighters had withdrawn from the crossing.")
    assert origin(rec, "its fighters")[1] == "coreference"


def test_police_in_a_datelined_story_take_the_context(run_actors):
    rec = run_actors("NAIROBI, May 2 (Reuters) - Police fired tear gas at a crowd outside the court on Thursday.")
    assert origin(rec, "Police") == ("KEN", "context")


def test_every_coded_actor_says_where_its_country_came_from(run_actors):
    rec = run_actors("VILNIUS, May 2 - Lithuanian border guards stopped a convoy on Thursday. The guards said "
              "the drivers had no papers. Prime Minister Ingrida Simonyte thanked them.")
    coded = [a for a in rec.actors if a.country]
    assert coded and all(a.country_from in COUNTRY_FROM for a in coded)
    assert all(a.country_from is None for a in rec.actors if not a.country)
