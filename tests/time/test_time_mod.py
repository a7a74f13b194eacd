"""TimeML's mod attribute: modifier words set Timex.mod, keep the value, and sit in the span
where TimeML's extent puts them (sentences written for these tests; article dated Thursday
2025-08-28)."""

from __future__ import annotations

import json

import pytest


def found(rec, expr):
    hits = [t for t in rec.timexes if t.text == expr]
    assert hits, [t.text for t in rec.timexes]
    return hits[0]


@pytest.mark.parametrize("text, expr, typ, value, mod", [
    # part of a period
    ("Elections are due in early 2027.", "early 2027", "DATE", "2027", "START"),
    ("The plant will reopen in mid-2026.", "mid-2026", "DATE", "2026", "MID"),
    ("Prices rose sharply in late 2019.", "late 2019", "DATE", "2019", "END"),
    ("The law takes effect at the end of 2026.", "the end of 2026", "DATE", "2026", "END"),
    ("Rents climbed in the early 1980s.", "the early 1980s", "DATE", "198X", "START"),
    ("Rates were cut earlier this month.", "earlier this month", "DATE", "2025-08", "START"),
    ("The harbour froze in late January 2024.", "late January 2024", "DATE", "2024-01", "END"),
    ("The mayor spoke late yesterday.", "late yesterday", "DATE", "2025-08-27", "END"),
    ("The board met early Tuesday.", "early Tuesday", "DATE", "2025-08-26", "START"),
    ("The ministers will meet again later this afternoon.", "later this afternoon", "TIME", "2025-08-28TAF",
     "END"),
    ("Trading resumed in mid afternoon.", "mid afternoon", "TIME", "2025-08-28TAF", "MID"),
    ("Profits grew earlier in the year.", "earlier in the year", "DATE", "2025", "START"),
    ("Banks expect losses by year end.", "year end", "DATE", "2025", "END"),
    # amounts
    ("The strike lasted about three weeks.", "about three weeks", "DURATION", "P3W", "APPROX"),
    ("The siege went on for more than two years.", "more than two years", "DURATION", "P2Y", "MORE_THAN"),
    ("The repair took less than a week.", "less than a week", "DURATION", "P1W", "LESS_THAN"),
    ("The ban will last at least 30 days.", "at least 30 days", "DURATION", "P30D", "EQUAL_OR_MORE"),
    ("Detainees may be held no more than sixty days.", "no more than sixty days", "DURATION", "P60D",
     "EQUAL_OR_LESS"),
    ("Offenders face up to 180 days in jail.", "up to 180 days", "DURATION", "P180D", "EQUAL_OR_LESS"),
    ("The ceasefire has held for over a decade.", "over a decade", "DURATION", "P10Y", "MORE_THAN"),
    ("The talks dragged on for nearly two years.", "nearly two years", "DURATION", "P2Y", "LESS_THAN"),
    ("The audit will take a month or so.", "a month or so", "DURATION", "P1M", "APPROX"),
    ("Sentences of two years or more are rare.", "two years or more", "DURATION", "P2Y", "EQUAL_OR_MORE"),
    ("The feud has lasted some 40 years.", "some 40 years", "DURATION", "P40Y", "APPROX"),
    ("The repair took under a month.", "under a month", "DURATION", "P1M", "LESS_THAN"),
    ("It happened more than a week later.", "more than a week later", "DATE", "2025-W36", "AFTER"),
    # a date counted from the article date: a bound on the date
    ("The mine closed about two years ago.", "about two years ago", "DATE", "2023", "APPROX"),
    ("The mine closed more than a decade ago.", "more than a decade ago", "DATE", "201X", "BEFORE"),
    ("The firm was set up less than a year ago.", "less than a year ago", "DATE", "2024", "AFTER"),
    ("The flood came a week or so ago.", "a week or so ago", "DATE", "2025-W34", "APPROX"),
    # a point in time
    ("The blast was heard around 7:15 p.m. on Monday.", "around 7:15 p.m. on Monday", "TIME",
     "2025-08-25T19:15", "APPROX"),
    ("The fair opens around Nov. 1.", "around Nov. 1", "DATE", "2025-11-01", "APPROX"),
    # an open end
    ("The plan covers 2030 and beyond.", "2030 and beyond", "DATE", "2030", "ON_OR_AFTER"),
    ("Cars built in 1998 or earlier are exempt.", "1998 or earlier", "DATE", "1998", "ON_OR_BEFORE"),
    ("Loans made in May 2020 or later qualify.", "May 2020 or later", "DATE", "2020-05", "ON_OR_AFTER"),
])
def test_a_modifier_sets_mod_keeps_the_value_and_is_in_the_span(analyse, text, expr, typ, value, mod):
    t = found(analyse(text), expr)
    assert (t.type, t.value, t.mod) == (typ, value, mod)


@pytest.mark.parametrize("text, expr, bare", [
    ("Elections are due in early 2027.", "early 2027", "Elections are due in 2027."),
    ("The strike lasted about three weeks.", "about three weeks", "The strike lasted three weeks."),
    ("The mine closed more than a decade ago.", "more than a decade ago", "The mine closed a decade ago."),
])
def test_the_value_is_that_of_the_bare_expression(analyse, text, expr, bare):
    (plain,) = analyse(bare).timexes
    assert plain.mod is None
    assert found(analyse(text), expr).value == plain.value


@pytest.mark.parametrize("text, expr", [
    ("The bill passed in 2019.", "2019"),
    ("The minister will travel to Oslo next week.", "next week"),
    ("Growth slowed in the first half of 2024.", "the first half of 2024"),  # a half is a value, not a mod
    ("The firm employs 30 staff over three floors and opened in May 2020.", "May 2020"),
])
def test_no_modifier_no_mod(analyse, text, expr):
    assert found(analyse(text), expr).mod is None


def test_a_bound_after_a_year_does_not_take_a_month_apart(analyse):
    rec = analyse("He joined in October 1984 and later served as chairman.")
    assert [(t.text, t.value, t.mod) for t in rec.timexes] == [("October 1984", "1984-10", None)]


def test_a_preposition_stays_outside_the_span_as_timeml_annotates_it(analyse):
    # "within" and "only" are not part of a TIMEX3 extent in TimeML's corpora
    rec = analyse("Inspectors must report within a week, and the visit took only two days.")
    assert [(t.text, t.mod) for t in rec.timexes] == [("a week", None), ("two days", None)]


def test_users_add_modifier_words_in_a_grammar_file(analyse, tmp_path):
    f = tmp_path / "mods.json"
    f.write_text(json.dumps({"lexicon": {"approx": {"upwards of": "MORE_THAN"}}}))
    text = "The dispute has run for upwards of five years."
    assert found(analyse(text, config={"time": {"extra": [str(f)]}}), "upwards of five years").mod == "MORE_THAN"
    assert [t.text for t in analyse(text).timexes] == ["five years"]


def test_a_mod_that_timeml_does_not_define_is_refused_when_the_stage_is_built(tmp_path):
    from dateline.pipeline import Pipeline

    f = tmp_path / "bad.json"
    f.write_text(json.dumps({"lexicon": {"mod": {"very early": "EARLY"}}}))
    with pytest.raises(ValueError, match="EARLY"):
        Pipeline(["time"], config={"time": {"extra": [str(f)]}})
