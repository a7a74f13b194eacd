"""Mention finding and resolution details, on sentences written for these tests."""

from __future__ import annotations

from dateline.places import gazetteer
from dateline.places.mentions import find_mentions
from dateline.places.resolve import demonym_context, resolve


def places(analyse, text):
    return [(p.text, p.country, p.feature) for p in analyse(text, stages=("places",)).places]


def test_possessive_stays_the_country(analyse):
    assert places(analyse, "All of Peru's hospitals were placed on alert.") == [("Peru", "PER", "country")]


def test_a_list_of_countries_is_not_a_qualifier(analyse):
    got = places(analyse, "Officials warned travellers heading to Armenia, Georgia, Iraq, Iran and Syria.")
    assert [c for _, c, _ in got] == ["ARM", "GEO", "IRQ", "IRN", "SYR"]


def test_state_qualifier_and_context(analyse):
    got = places(analyse, "The mayor of Springfield, Illinois, met farmers in Peoria.")
    assert got[0] == ("Springfield", "USA", "city")
    rec = analyse("The mayor of Springfield, Illinois, met farmers in Peoria.", stages=("places",))
    assert rec.places[0].admin1 == "Illinois"


def _mentions(nlp, text, ents):
    doc = nlp(text)
    spans = []
    for phrase, label in ents:
        s = text.index(phrase)
        spans.append(doc.char_span(s, s + len(phrase), label=label))
    doc.ents = spans
    gaz = gazetteer.load()
    return resolve(find_mentions(doc, gaz), gaz, demonym_context(doc, gaz))


def test_unknown_place_entity_is_kept_without_coordinates(nlp):
    text = "Floods swept through Kimbadu on Sunday, officials in Nairobi and Mombasa in Kenya said."
    ms = _mentions(nlp, text, [("Kimbadu", "GPE"), ("Nairobi", "GPE"), ("Mombasa", "GPE"), ("Kenya", "GPE")])
    kim = next(m for m in ms if m.text == "Kimbadu")
    assert kim.choice is None and kim.country == "KEN"
    assert all(m.choice is not None for m in ms if m.text != "Kimbadu")


def test_town_mislabelled_as_org_needs_context(nlp):
    # "Tacloban" as ORG: a Philippine town, kept in a Philippine story...
    text = "Relief goods arrived in Tacloban after the storm hit the Philippines."
    ms = _mentions(nlp, text, [("Tacloban", "ORG"), ("Philippines", "GPE")])
    assert [(m.text, m.choice.country) for m in ms] == [("Tacloban", "PHL"), ("Philippines", "PHL")]
    # ...but not taken as a place when nothing else in the article is there.
    ms = _mentions(nlp, "Relief goods arrived from Tacloban after the storm hit Peru.",
                   [("Tacloban", "ORG"), ("Peru", "GPE")])
    assert [m.text for m in ms] == ["Peru"]


def test_person_label_on_a_country_but_not_on_a_speaker(nlp):
    ms = _mentions(nlp, "Aid reached Botswana this week.", [("Botswana", "PERSON")])
    assert [(m.text, m.choice.feature) for m in ms] == [("Botswana", "country")]
    ms = _mentions(nlp, "Chad said the aid had arrived.", [("Chad", "PERSON")])
    assert ms == []


def test_longer_name_around_a_short_entity(nlp):
    text = "Cases rose in the Democratic Republic of the Congo this year."
    ms = _mentions(nlp, text, [("Congo", "GPE")])
    assert [(m.text, m.choice.country) for m in ms] == [("Democratic Republic of the Congo", "COD")]


def test_towns_named_together_lie_together(analyse):
    # Each name alone is elsewhere (Springfield, Missouri and Peoria, Arizona are larger).
    rec = analyse("Storms hit Springfield, Peoria and Champaign overnight.", stages=("places",))
    assert [(p.text, p.admin1) for p in rec.places] == [
        ("Springfield", "Illinois"), ("Peoria", "Illinois"), ("Champaign", "Illinois")]


def test_coordinated_name_found_and_placed_beside_its_partner(analyse):
    rec = analyse("Flooding closed roads between Stroud and Gloucester.", stages=("places",))
    assert [(p.text, p.country) for p in rec.places] == [("Stroud", "GBR"), ("Gloucester", "GBR")]


def test_famous_pair_is_not_pulled_to_a_small_namesake_pair(analyse):
    # London and Paris, Ontario lie near each other, but the capitals are far more likely.
    rec = analyse("Flights between London and Paris were cancelled.", stages=("places",))
    assert [(p.text, p.country) for p in rec.places] == [("London", "GBR"), ("Paris", "FRA")]


def test_disease_names_are_not_places(analyse):
    rec = analyse("Doctors in Uganda confirmed a case of Marburg virus and two of West Nile fever.",
                  stages=("places",))
    assert [p.text for p in rec.places] == ["Uganda"]


def test_names_inside_organisations(analyse):
    rec = analyse("The story was first reported by The Washington Post, and a professor at the "
                  "National University of Singapore said the claim was false.", stages=("places",))
    assert [(p.text, p.country) for p in rec.places] == [("Singapore", "SGP")]


def test_region_named_by_its_public_body(analyse):
    rec = analyse("The Ohio Department of Health reported 40 new cases.", stages=("places",))
    assert [(p.text, p.feature) for p in rec.places] == [("Ohio", "admin region")]


def test_a_capital_the_parser_takes_for_a_person_is_still_the_capital(analyse):
    # alone in its article, with no other place to support it
    assert places(analyse, "The minister flew to Dakar on Monday.") == [("Dakar", "SEN", "city")]


def test_short_country_names(analyse):
    got = places(analyse, "Aid went to Bosnia and to Belorussia.")
    assert [(t, c) for t, c, _ in got] == [("Bosnia", "BIH"), ("Belorussia", "BLR")]
