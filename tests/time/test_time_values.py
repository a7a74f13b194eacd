"""Each phenomenon of the time grammar on sentences written for these tests (article dated
Thursday 2025-08-28 unless said otherwise)."""

from __future__ import annotations

import pytest


def values(rec):
    return {t.text: (t.type, t.value) for t in rec.timexes}


@pytest.mark.parametrize("text, expr, typ, value", [
    # absolute dates at every granularity
    ("The treaty was signed on March 4, 1998 in Geneva.", "March 4, 1998", "DATE", "1998-03-04"),
    ("The deal closed on 12 October 2021.", "12 October 2021", "DATE", "2021-10-12"),
    ("Prices peaked in July 2019.", "July 2019", "DATE", "2019-07"),
    ("The plant opened in 1987.", "1987", "DATE", "1987"),
    ("The band was founded in the 1960s.", "the 1960s", "DATE", "196X"),
    ("Prices have doubled this decade.", "this decade", "DATE", "202X"),
    ("Such ships sailed in the 18th century.", "the 18th century", "DATE", "17"),
    ("The report covered 2023-05-17 only.", "2023-05-17", "DATE", "2023-05-17"),
    # relative to the article date
    ("The minister will travel to Oslo next week.", "next week", "DATE", "2025-W36"),
    ("Sales fell last year.", "last year", "DATE", "2024"),
    # "last" the verb is no direction: the duration after it stands alone
    ("The strike could last three weeks.", "three weeks", "DURATION", "P3W"),
    ("Rain is expected this month.", "this month", "DATE", "2025-08"),
    ("The company reported losses in April last year.", "April last year", "DATE", "2024-04"),
    ("The mayor resigned yesterday.", "yesterday", "DATE", "2025-08-27"),
    ("The court rules tomorrow.", "tomorrow", "DATE", "2025-08-29"),
    ("Voters went to the polls three years ago.", "three years ago", "DATE", "2022"),
    ("Two days ago the dam broke.", "Two days ago", "DATE", "2025-08-26"),
    ("The market will reopen in the third quarter of 2026.", "the third quarter of 2026", "DATE", "2026-Q3"),
    ("Growth slowed in the first half of 2024.", "the first half of 2024", "DATE", "2024-H1"),
    ("Crowds are expected this weekend.", "this weekend", "DATE", "2025-W35-WE"),
    ("The harvest failed last summer.", "last summer", "DATE", "2024-SU"),
    ("Talks resume in the summer of 1999.", "the summer of 1999", "DATE", "1999-SU"),
    ("Officials met this morning.", "this morning", "TIME", "2025-08-28TMO"),
    ("The vote was held at 2:30 p.m. yesterday.", "2:30 p.m. yesterday", "TIME", "2025-08-27T14:30"),
    ("Shops close at 9 pm.", "9 pm", "TIME", "2025-08-28T21:00"),
    ("Fireworks are planned for Christmas.", "Christmas", "DATE", "2025-12-25"),
    ("Sales jumped in Q3.", "Q3", "DATE", "2025-Q3"),
    ("Disco ruled the '70s.", "the '70s", "DATE", "197X"),
    ("The launch came at 16:15 UTC.", "16:15 UTC", "TIME", "2025-08-28T16:15Z"),
    ("Bids close at 5 p.m. EST, Nov. 6.", "5 p.m. EST, Nov. 6", "TIME", "2025-11-06T17:00-05:00"),
    ("The ship left six weeks ago.", "six weeks ago", "DATE", "2025-W29"),
    ("The law was signed last April.", "last April", "DATE", "2025-04"),
    ("The law was signed last October.", "last October", "DATE", "2024-10"),
    ("Wheat was sown last fall.", "last fall", "DATE", "2024-FA"),
    ("Rent is due the day before yesterday.", "the day before yesterday", "DATE", "2025-08-26"),
    ("Nineteen ninety-six was a dry year.", "Nineteen ninety-six", "DATE", "1996"),
    # durations
    ("Refugees waited 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    ("Talks took half an hour.", "half an hour", "DURATION", "PT30M"),
    ("The war lasted 80 years.", "80 years", "DURATION", "P80Y"),
    ("He was held for three days.", "three days", "DURATION", "P3D"),
    ("The flight took 2 hours.", "2 hours", "DURATION", "PT2H"),
    ("The strike went on for years.", "years", "DURATION", "PXY"),
    ("They argued for several months.", "several months", "DURATION", "PXM"),
    ("Prices rose over the past two decades.", "the past two decades", "DURATION", "P20Y"),
    ("It signed a five-year contract.", "five-year", "DURATION", "P5Y"),
    # sets
    ("The ferry runs daily.", "daily", "SET", "P1D"),
    ("The council meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("Roads close every winter.", "every winter", "SET", "XXXX-WI"),
    ("The magazine appears weekly.", "weekly", "SET", "P1W"),
    ("Floods return each July.", "each July", "SET", "XXXX-07"),
    ("Elections are held every four years.", "every four years", "SET", "P4Y"),
    # references
    ("The factory is now closed.", "now", "DATE", "PRESENT_REF"),
    ("Fighting recently resumed.", "recently", "DATE", "PAST_REF"),
    ("Demand will grow in the coming years.", "the coming years", "DATE", "FUTURE_REF"),
    # bare 'the year' in a report: a fiscal year ended (a duration), or the current year
    ("Net income for the year ended June 30 rose.", "the year", "DURATION", "P1Y"),
    ("Sales for the year rose 5%.", "the year", "DATE", "2025"),
    ("Exports slowed earlier in the year.", "earlier in the year", "DATE", "2025"),
    ("Crime rose over the past year.", "the past year", "DATE", "2024"),
    ("The index fell 2% to end the day at 4,100.", "the day", "DATE", "2025-08-28"),
    ("Sales will rise in the current fiscal year.", "the current fiscal year", "DATE", "2025"),
    ("Shares rose at mid-afternoon yesterday.", "mid-afternoon yesterday", "TIME", "2025-08-27TAF"),
    ("Net rose in the second quarter. Sales for last year's quarter were $3 million.",
     "last year's quarter", "DATE", "2024-Q2"),
    ("Net fell in the second quarter on Aug. 3 sales, against a gain in the corresponding period last year.",
     "the corresponding period last year", "DATE", "2024-Q2"),
    ("It's the third day of the strike.", "the third day", "DATE", "2025-08-28"),
    ("Trading was halted for a second consecutive day.", "a second consecutive day", "DATE", "2025-08-28"),
    ("Talks lasted a year and a half.", "a year and a half", "DURATION", "P1Y6M"),
    ("The vote stalled for a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
    ("The trial will open the week of March 6.", "the week of March 6", "DATE", "2026-W10"),
    ("Holders may buy shares at the then current price.", "then current", "DATE", "PAST_REF"),
    ("Net for the year-earlier nine months fell.", "the year-earlier nine months", "DURATION", "P9M"),
    ("Prices rose over the years.", "the years", "DURATION", "PXY"),
    ("Investors will sell in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"),
    ("Troops had crossed the river by mid afternoon.", "mid afternoon", "TIME", "2025-08-28TAF"),
    ("Interest is paid every quarter.", "every quarter", "SET", "P1Q"),
    ("The judge was released and left the next morning.", "the next morning", "DATE", "2025-08-29"),
    # a clock time takes the day said before it in the sentence
    ("On Tuesday, the probe landed at 14:00 UTC.", "14:00 UTC", "TIME", "2025-08-26T14:00Z"),
])
def test_value(analyse, text, expr, typ, value):
    got = values(analyse(text))
    assert got.get(expr) == (typ, value), got


@pytest.mark.parametrize("text, expr, value", [
    # weekday names and bare month-days follow the tense of the governing verb
    ("The president will attend the summit on Monday.", "Monday", "2025-09-01"),
    ("The president attended the summit on Monday.", "Monday", "2025-08-25"),
    ("Both countries announced the visit on Thursday.", "Thursday", "2025-08-28"),
    ("Elections will be held on February 2.", "February 2", "2026-02-02"),
    ("Elections were held on October 2.", "October 2", "2024-10-02"),
    ("The parade on September 3 will feature tanks.", "September 3", "2025-09-03"),
    ("The storm hit in March.", "March", "2025-03"),
    ("The storm will hit in March.", "March", "2026-03"),
    ("Parliament passed the bill last Friday.", "last Friday", "2025-08-22"),
    ("Parliament votes next Tuesday.", "next Tuesday", "2025-09-02"),
    ("The meeting moved to Friday, August 29.", "Friday, August 29", "2025-08-29"),
    ("The doctor was shot last Oct. 23 at home.", "last Oct. 23", "2024-10-23"),
    # a modal perfect looks back; 'could' in a report is no future
    ("Traders may have sold the stock on Monday.", "Monday", "2025-08-25"),
    ("The mayor could not be reached on Tuesday.", "Tuesday", "2025-08-26"),
    # words that look ahead whatever the verb's tense
    ("The board declared a dividend payable Oct. 15.", "Oct. 15", "2025-10-15"),
    ("The rules were changed, effective Jan. 1.", "Jan. 1", "2026-01-01"),
    # no verb to go by: a weekday a few days back
    ("Shares fell below Sunday's close.", "Sunday", "2025-08-24"),
    # a month modifying a noun is not dated by the clause's verb
    ("The firm will renegotiate under a June agreement.", "June", "2025-06"),
    # 'until' looks ahead whatever the verb; a past perfect plan is over
    ("The court extended the deadline until Tuesday.", "Tuesday", "2025-09-02"),
    ("The offer had been due to expire on Friday.", "Friday", "2025-08-22"),
    # 'since' looks back whatever the verb
    ("Inspectors have been barred from the site since Nov. 4.", "Nov. 4", "2024-11-04"),
    # the same quarter a year before
    ("Profit fell from the year-ago third quarter.", "the year-ago third quarter", "2024-Q3"),
    ("Net rose in the second quarter, against a loss for the quarter a year ago.",
     "the quarter a year ago", "2024-Q2"),
])
def test_tense_direction(analyse, text, expr, value):
    got = values(analyse(text))
    assert got.get(expr, (None, None))[1] == value, got


def test_anchored_on_earlier_expression(analyse):
    rec = analyse("The rebels took the town on June 3, 2020, and a week later they left it. "
                  "The following month they returned.")
    got = values(rec)
    assert got["June 3, 2020"][1] == "2020-06-03"
    assert got["a week later"][1] == "2020-06-10"
    assert got["The following month"][1] == "2020-07"


def test_next_day_anchors_on_the_last_date(analyse):
    got = values(analyse("The ceasefire began on May 5, 2019. The next day, shelling resumed."))
    assert got["The next day"][1] == "2019-05-06"


def test_missing_article_date_leaves_anchored_values_unresolved(analyse):
    rec = analyse("The minister arrived yesterday and will leave next week, before the vote on "
                  "September 3. Talks began in 2019 and lasted 80 years less a few.", date=None)
    got = values(rec)
    assert got["yesterday"] == ("DATE", "XXXX-XX-XX")
    assert got["next week"] == ("DATE", "XXXX-WXX")
    assert got["September 3"] == ("DATE", "XXXX-09-03")
    # what needs no anchor is still resolved
    assert got["2019"] == ("DATE", "2019")
    assert got["80 years"] == ("DURATION", "P80Y")


def test_ago_without_article_date(analyse):
    got = values(analyse("Six weeks ago the dam broke; three years ago it was built; "
                         "two days after tomorrow it reopens.", date=None))
    assert got["Six weeks ago"] == ("DATE", "XXXX-WXX")
    assert got["three years ago"] == ("DATE", "XXXX")


def test_days_after_tomorrow(analyse):
    assert values(analyse("It reopens two days after tomorrow."))["two days after tomorrow"][1] == "2025-08-31"


def test_weekday_without_article_date(analyse):
    got = values(analyse("The envoy arrived on Tuesday.", date=None))
    assert got["Tuesday"] == ("DATE", "XXXX-WXX-2")


def test_impossible_dates(analyse):
    got = values(analyse("The forged letter was dated February 30, and it arrived on the 45th day."))
    # February 30 is found but has no value; "the 45th" is no date at all
    assert got.get("February 30") == ("DATE", None)
    assert values(analyse("It was filed on April 31, 2020."))["April 31, 2020"] == ("DATE", None)
    assert not any("45" in k and v[0] == "DATE" for k, v in got.items()), got


def test_day_of_month(analyse):
    assert values(analyse("The rebels withdrew on the 5th."))["the 5th"][1] == "2025-08-05"
    assert values(analyse("The rebels will withdraw by the 3rd."))["the 3rd"][1] == "2025-09-03"
    assert "the 45th" not in values(analyse("The rebels withdrew on the 45th."))
    assert "the 5th" not in values(analyse("He lives on the 5th floor."))


def test_far_off_dates_are_kept_as_written(analyse):
    got = values(analyse("The abbey was founded in 1066 and the capsule opens on July 4, 2095."))
    assert got["1066"] == ("DATE", "1066")
    assert got["July 4, 2095"] == ("DATE", "2095-07-04")


def test_numbers_that_are_not_years(analyse):
    got = values(analyse("Police counted 1990 protesters and seized $2000 in cash."))
    assert "1990" not in got and "2000" not in got, got


def test_numbers_in_words_and_decimals_are_not_years(analyse):
    got = values(analyse("The currency lost twenty six percent. The index closed at 2082.1 points, "
                         "while nineteen ninety-six and two thousand and one were dry years."))
    assert "twenty six" not in got and "2082" not in got, got
    assert got["nineteen ninety-six"][1] == "1996"
    assert got["two thousand and one"][1] == "2001"


def test_modal_may_is_not_a_month(analyse):
    got = values(analyse("That may change. The law took effect in May."))
    assert "May" in got and got["May"][1] == "2025-05"
    assert not any(k.lower().endswith("may") and k != "May" for k in got), got


def test_ordinal_second_is_no_duration(analyse):
    got = values(analyse("Shares fell for a second straight day. The blast lasted a second."))
    assert got.get("a second") == ("DURATION", "PT1S")
    assert sum(1 for t in analyse("Shares fell for a second straight day.").timexes if t.value == "PT1S") == 0


@pytest.mark.parametrize("text, expr, value", [
    ("Rates should stay low in the near term.", "the near term", "FUTURE_REF"),
    ("Layoffs are expected in coming months.", "coming months", "FUTURE_REF"),
    ("Sales slowed in recent quarters.", "recent quarters", "PAST_REF"),
    ("The fund will close by year-end.", "year-end", "2025"),
    ("Shares fell for eight trading days.", "eight trading days", "P8D"),
])
def test_vague_references(analyse, text, expr, value):
    got = values(analyse(text))
    assert got.get(expr, (None, None))[1] == value, got


def test_same_period_a_year_before(analyse):
    got = values(analyse("Sales rose 5% in the second quarter of 2025 from the same period last year."))
    assert got["the second quarter of 2025"][1] == "2025-Q2"
    assert got["the same period last year"][1] == "2024-Q2"
    got = values(analyse("Exports fell in the first quarter of last year and in the last quarter."))
    assert got["the first quarter of last year"][1] == "2024-Q1"
    assert got["the last quarter"][1] == "2025-Q2"


def test_long_term_adjective_is_no_reference(analyse):
    assert values(analyse("The long-term outlook is poor.")) == {}


def test_fractions_and_rates(analyse):
    got = values(analyse("The country imports three-quarters of its food and a quarter of its fuel."))
    assert got == {}, got
    got = values(analyse("The bonds pay $1.76 a year. Rooms cost $40 a night. The party daily Granma wrote."))
    assert got.get("a year") == ("SET", "P1Y")
    assert "daily" not in got


def test_first_names_are_not_months(analyse):
    assert values(analyse("April Smith and June Carter sang.")) == {}
    assert values(analyse("In April Kim visited Seoul."))["April"][1] == "2025-04"


def test_ages_are_not_durations(analyse):
    got = values(analyse("A 6-year-old boy was found safe."))
    assert got == {}


def test_bad_article_date_is_treated_as_missing(nlp):
    from dateline.time import tag

    got = {t.text: t.value for t in tag(nlp("The plan was approved yesterday."), "not a date")}
    assert got["yesterday"] == "XXXX-XX-XX"


def test_spans_hold_in_long_text(analyse):
    text = ("On Monday, officials said the dam, built in the 1950s, would be inspected next month. "
            "Engineers worked for 36 hours. ") * 20
    rec = analyse(text)
    assert len(rec.timexes) == 80
    assert rec.check_spans() == []


def test_user_grammar_file(analyse, tmp_path):
    extra = tmp_path / "extra.json"
    extra.write_text('{"lexicon": {"holiday": {"founders day": "fixed:09-12"}}, '
                     '"rules": [{"id": "fortnight_ago", "pattern": "a fortnight ago", "type": "DATE", '
                     '"norm": "ago", "with": {"num": "2", "unit": "W"}}]}')
    rec = analyse("Crowds will gather on Founders Day, as they did a fortnight ago.", config={"time": {"extra": [str(extra)]}})
    got = values(rec)
    assert got["Founders Day"][1] == "2025-09-12"
    assert got["a fortnight ago"][1] == "2025-W33"


@pytest.mark.parametrize("text, expr, value", [
    ("The hearing is set for Wednesday, September 30, 2026, in Lyon.", "Wednesday, September 30, 2026", "2026-09-30"),
    ("Profit rose in the fiscal 2024 third quarter.", "the fiscal 2024 third quarter", "2024-Q3"),
    ("The ship sank almost a hundred years ago.", "almost a hundred years ago", "1925"),
])
def test_long_expressions_are_found_whole(analyse, text, expr, value):
    got = values(analyse(text))
    assert got.get(expr, (None, None))[1] == value, got


@pytest.mark.parametrize("text, expr, typ, value", [
    ("Factories closed in the 1970s and 80s.", "80s", "DATE", "198X"),
    ("The memo is dated 7/8/07.", "7/8/07", "DATE", "2007-07-08"),
    ("Troops moved at 0800 GMT.", "0800 GMT", "TIME", "2025-08-28T08:00Z"),
    ("Shares fell for six straight days.", "six straight days", "DURATION", "P6D"),
    ("It ended a decades-long feud.", "decades-long", "DURATION", "PXY"),
    ("Prices stay frozen for the time being.", "the time being", "DATE", "PRESENT_REF"),
])
def test_more_forms(analyse, text, expr, typ, value):
    got = values(analyse(text))
    assert got.get(expr) == (typ, value), got


def test_bad_user_rule_fails_at_build_time(tmp_path):
    from dateline.pipeline import Pipeline

    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": [{"id": "x", "pattern": "fortnightly", "type": "SET", "norm": "set", '
                   '"check": ["no_such_check"]}]}')
    with pytest.raises(ValueError, match="no_such_check"):
        Pipeline(["time"], config={"time": {"extra": [str(bad)]}})


def test_a_year_earlier_in_a_results_report(analyse):
    # after a quarter it is that quarter a year before; after a span of months, the year before
    got = values(analyse("Net rose in the third quarter from $2 million a year earlier."))
    assert got["a year earlier"] == ("DATE", "2024-Q3"), got
    got = values(analyse("Net rose in the third quarter. In the first nine months, sales were "
                         "$5 million, against $4 million a year earlier."))
    assert got["a year earlier"] == ("DATE", "2024"), got


def test_dateline_date_anchors_the_article(analyse):
    # a feed stamped the day after its dateline: "today" is the dateline's day
    rec = analyse("GENEVA, August 28 (Xinhua) -- Delegates arrived today.", date="2025-08-29")
    assert values(rec)["today"] == ("DATE", "2025-08-28")
    # far from the article date, a dateline is not taken for the anchor
    rec = analyse("GENEVA, August 2 (Xinhua) -- Delegates arrived today.", date="2025-08-29")
    assert values(rec)["today"] == ("DATE", "2025-08-29")


def test_words_that_only_look_like_periods(analyse):
    assert values(analyse("Shares suffered large falls.")) == {}
    assert values(analyse("The quarter-to-quarter comparison improved.")) == {}


def test_latest_quarter_is_one_that_is_over(analyse):
    rec = analyse("Sales will rise in the fourth quarter, the firm said. It lost money in the latest quarter.",
                  date="2025-10-30")
    got = values(rec)
    assert got["the fourth quarter"] == ("DATE", "2025-Q4") and got["the latest quarter"] == ("DATE", "2025-Q3"), got


def test_the_days_before_an_event_is_no_vague_duration(analyse):
    assert "the days" not in values(analyse("His car was seen in the days before the vote."))


def test_capitalised_time_words_in_mid_sentence_are_names(analyse):
    assert values(analyse('The minister spoke on ABC\'s "This Week" program.')) == {}
    assert values(analyse("She told CBS's 60 Minutes about the deal.")) == {}
    # at the start of a sentence, a line or a quotation they are time expressions
    assert values(analyse('"Last week we lost," he said.'))["Last week"] == ("DATE", "2025-W34")
    assert values(analyse("Markets rallied.\nYesterday the index rose."))["Yesterday"] == ("DATE", "2025-08-27")


def test_year_ago_compares_with_a_reported_quarter_not_a_forecast(analyse):
    rec = analyse("Net rose in the third quarter. Output will grow in the fourth quarter, "
                  "up from a year ago.", date="2025-10-30")
    assert values(rec)["a year ago"] == ("DATE", "2024-Q3")


def test_until_then_is_the_time_just_named(analyse):
    got = values(analyse("The rights expire on Nov. 30. Until then, the stock stays convertible."))
    assert got["then"] == ("DATE", "2025-11-30"), got
    got = values(analyse("The plan runs to March 2027. By then, the debt will be gone."))
    assert got["then"] == ("DATE", "2027-03"), got
