"""The places stage on sentences written for these tests, and on the seed article."""

from __future__ import annotations

import pytest
from conftest import SEED, need_shared

from dateline.places import locate, main_place


def places(analyse, text):
    return analyse(text, stages=("places",)).places


def by_text(ps, text):
    found = [p for p in ps if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in ps]}"
    return found[0]


def test_paris_in_a_texas_story_is_paris_texas(analyse):
    ps = places(analyse, "Storms tore roofs off homes in Paris on Tuesday, and officials in Lamar County "
                         "said Texas would send help. Dallas crews arrived by evening.")
    p = by_text(ps, "Paris")
    assert (p.country, p.admin1) == ("USA", "Texas")
    assert abs(p.lat - 33.66) < 0.3 and abs(p.lon + 95.55) < 0.3


def test_paris_alone_is_the_french_capital(analyse):
    p = by_text(places(analyse, "Thousands marched through Paris on Saturday against the pension reform."), "Paris")
    assert p.country == "FRA" and p.feature == "city"


def test_qualified_name_takes_the_qualifier(analyse):
    p = by_text(places(analyse, "The festival returns to Paris, Texas, next spring."), "Paris")
    assert p.admin1 == "Texas"


def test_beijing_is_not_basingstoke(analyse):
    p = by_text(places(analyse, "The delegation flew to Beijing for two days of talks."), "Beijing")
    assert p.country == "CHN" and p.feature == "city" and p.geonames_id == 1816670


def test_landmarks_and_countries(analyse):
    ps = places(analyse, "Protesters gathered near the White House while ships crossed the South China Sea "
                         "and Canada recalled its envoy.")
    wh = by_text(ps, "White House")
    assert wh.feature == "landmark" and wh.country == "USA"
    scs = by_text(ps, "South China Sea")
    assert scs.feature == "body of water"
    ca = by_text(ps, "Canada")
    assert ca.feature == "country" and ca.country == "CAN" and ca.geonames_id == 6251999


def test_people_are_not_places(analyse):
    ps = places(analyse, "Spokesman Hong Lei said the talks in Hanoi went well. Hong told reporters later "
                         "that Lei Feng was a model soldier.")
    assert [p.text for p in ps] == ["Hanoi"]


def test_abbreviations_and_demonyms(analyse):
    ps = places(analyse, "The U.S. and the UK imposed sanctions. Georgia's president, speaking in Tbilisi, "
                         "thanked Russian and Armenian officials.")
    assert by_text(ps, "U.S.").country == "USA"
    assert by_text(ps, "UK").country == "GBR"
    assert by_text(ps, "Georgia").country == "GEO"


def test_locate_prefers_the_place_in_the_clause(analyse):
    text = "Tokyo said on Monday that its troops held drills in Okinawa. Leaders will meet next week."
    rec = analyse(text, stages=("places",))
    clause_end = text.index(".") + 1
    pid = locate(rec, 0, clause_end)
    assert next(p for p in rec.places if p.id == pid).text == "Okinawa"
    # A clause without a place falls back on the place the article is about (the first here).
    second = text.index("Leaders")
    assert locate(rec, second, len(text)) == rec.places[0].id == main_place(rec).id


def test_locate_uses_the_dateline(analyse):
    text = "NAIROBI (Reuters) - Heavy rain cut roads in the west, and Uganda said trucks were stuck."
    rec = analyse(text, stages=("places",))
    assert rec.places[0].text == "NAIROBI" and rec.places[0].country == "KEN"
    start = text.index("Heavy")
    assert locate(rec, start, text.index(",", start)) == rec.places[0].id


def test_locate_without_places_is_none(analyse):
    rec = analyse("Nobody said anything.", stages=("places",))
    assert locate(rec, 0, 10) is None



@pytest.fixture
def seed_record(analyse):
    text = need_shared(SEED).read_text(encoding="utf-8")
    return analyse(text, stages=("places",))


def test_seed_places(seed_record):
    ps = seed_record.places
    beijing = by_text(ps, "Beijing")
    assert beijing.country == "CHN" and abs(beijing.lat - 39.9) < 0.2
    square = by_text(ps, "Tiananmen Square")
    assert square.country == "CHN" and square.feature == "landmark"
    assert by_text(ps, "China").feature == "country"
    ph = by_text(ps, "Pearl Harbor")
    assert (ph.country, ph.admin1) == ("USA", "Hawaii")
    assert not any(p.text in ("Hong", "Lei", "Hong Lei") for p in ps)


def test_dateline_after_a_headline_is_the_capital(analyse):
    text = ("Senate passes budget after long night\n\n"
            "WASHINGTON (AP) — The Senate passed the budget on Friday, and senators went home.")
    rec = analyse(text, stages=("places",))
    first = rec.places[0]
    assert first.text == "WASHINGTON" and first.feature == "city" and first.admin1 == "Washington, D.C."
    assert main_place(rec) is first
    start = text.index("The Senate")
    assert locate(rec, start, text.index(",", start)) == first.id


def test_ap_state_abbreviation_qualifies(analyse):
    # Rochester, New York is the larger; the abbreviation says Minnesota.
    rec = analyse("The clinic in Rochester, Minn., will hire 200 nurses.", stages=("places",))
    assert (rec.places[0].text, rec.places[0].admin1) == ("Rochester", "Minnesota")


def test_demonym_gives_context(analyse):
    p = by_text(places(analyse, "Scottish fans filled the pubs of Perth on Saturday."), "Perth")
    assert p.country == "GBR"
    p = by_text(places(analyse, "Fans filled the pubs of Perth on Saturday."), "Perth")
    assert p.country == "AUS"


def test_capital_and_state_readings(analyse):
    # "Washington" alone in news is the capital; among other states it is the state.
    p = by_text(places(analyse, "Senators returned to Washington on Monday to debate the bill."), "Washington")
    assert (p.feature, p.admin1) == ("city", "Washington, D.C.")
    p = by_text(places(analyse, "Apple growers in Oregon, Idaho and Washington lost crops to frost."), "Washington")
    assert p.feature == "admin region"


def test_is_capital_by_country_table():
    from dateline.places import is_capital

    assert is_capital("PRK", "Pyongyang") and is_capital("CHN", "beijing")
    assert not is_capital("CHN", "Shanghai") and not is_capital("USA", "Pyongyang") and not is_capital(None, "Paris")
