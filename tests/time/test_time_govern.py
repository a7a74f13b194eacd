"""governing_timex: the expression attached to a token's own clause, never one from another clause."""

from __future__ import annotations

from dateline.time import governing_timex


def _token(rec, doc, word):
    return next(t for t in doc if t.text == word)


def run(analyse, nlp, text, date="2025-08-28"):
    rec = analyse(text, date)
    return rec, nlp(text)


def test_verb_gets_its_own_clause_expression(analyse, nlp):
    rec, doc = run(analyse, nlp, "Kim will attend the parade next week, officials announced on Thursday.")
    attend = governing_timex(_token(rec, doc, "attend"), rec)
    announced = governing_timex(_token(rec, doc, "announced"), rec)
    assert attend is not None and attend.text == "next week"
    assert announced is not None and announced.text == "Thursday"


def test_expression_in_a_subordinate_clause_does_not_govern_the_main_verb(analyse, nlp):
    rec, doc = run(analyse, nlp, "The minister resigned after the scandal broke in 2019.")
    assert governing_timex(_token(rec, doc, "broke"), rec).text == "2019"
    assert governing_timex(_token(rec, doc, "resigned"), rec) is None


def test_noun_event_with_attached_expression(analyse, nlp):
    rec, doc = run(analyse, nlp, "The attack on Monday killed four people.")
    got = governing_timex(_token(rec, doc, "attack"), rec)
    assert got is not None and got.text == "Monday"


def test_no_expression_gives_none(analyse, nlp):
    rec, doc = run(analyse, nlp, "Troops crossed the border.")
    assert governing_timex(_token(rec, doc, "crossed"), rec) is None


def test_expression_in_another_sentence_does_not_govern(analyse, nlp):
    rec, doc = run(analyse, nlp, "Talks began on Monday. Troops crossed the border.")
    assert governing_timex(_token(rec, doc, "crossed"), rec) is None
    assert governing_timex(_token(rec, doc, "began"), rec).value == "2025-08-25"


def test_expression_on_the_subject_dates_the_clause(analyse, nlp):
    rec, doc = run(analyse, nlp, "The parade on September 3 will feature tanks.")
    assert governing_timex(_token(rec, doc, "feature"), rec).value == "2025-09-03"
    assert governing_timex(_token(rec, doc, "parade"), rec).value == "2025-09-03"
