"""The dyad scorer (dateline eval dyads) on hand-made records: no parse needed."""

from __future__ import annotations

import pytest

from dateline.eval import dyads
from dateline.record import ArgRef, Article, Event, EventDate, Record, SentenceSpan, Span

TEXT = "Chile and Argentina signed a treaty. Chile signed another one on Monday."


def _event(i, word_at, src, tgt, date, type_="SUPPORT", cameo="057", country_from="mention"):
    start = TEXT.index("signed", word_at)
    side = lambda c: ArgRef(None, c, 0, 5, country=c, country_from=country_from) if c else None  # noqa: E731
    return Event(id=f"e{i}", type=type_, trigger=Span(start, start + 6, "signed"), sentence=SentenceSpan(0, len(TEXT)),
                 date=EventDate(date, None, None, "text"), cameo=cameo, source=side(src), target=side(tgt))


def _record(*events):
    return Record(article=Article.make(TEXT, "2026-10-28"), events=list(events))


def _gold(trigger="signed", nth=1, src="CHL", tgt="ARG", date="2026-10-28", type_="SUPPORT"):
    return dyads.Gold("a", trigger, nth, type_, src, tgt, date)


def test_all_fields_right():
    r = dyads.score_row(_gold(), _record(_event(1, 0, "CHL", "ARG", "2026-10-28")))
    assert all(r["ok"].values())


def test_each_field_is_scored_alone():
    r = dyads.score_row(_gold(), _record(_event(1, 0, "CHL", "CHL", "2026-10-27")))
    assert r["ok"] == {"type": True, "source": True, "target": False, "date": False, "dyad": False, "all": False}


def test_the_best_event_on_the_trigger_is_scored_one_row_each_way():
    rec = _record(_event(1, 0, "CHL", "ARG", "2026-10-28"), _event(2, 0, "ARG", "CHL", "2026-10-28"))
    assert dyads.score_row(_gold(src="ARG", tgt="CHL"), rec)["ok"]["all"]
    assert dyads.score_row(_gold(), rec)["ok"]["all"]


def test_the_nth_occurrence_and_a_day_of_a_finer_value():
    rec = _record(_event(1, 0, "CHL", "ARG", "2026-10-28"), _event(2, 30, "CHL", None, "2026-10-26TEV"))
    r = dyads.score_row(_gold(nth=2, tgt=None, date="2026-10-26"), rec)
    assert r["ok"]["all"] and r["predicted"][1] == "CHL"


def test_no_event_on_the_words():
    r = dyads.score_row(_gold(trigger="treaty", src=None, tgt=None, date=None), _record())
    # a gold "none" side is right without an event; the type never is
    assert r["predicted"] is None and not r["ok"]["type"] and r["ok"]["source"] and r["ok"]["date"]


def test_missing_trigger_is_an_error():
    with pytest.raises(ValueError, match="not in the text"):
        dyads.score_row(_gold(trigger="ratified"), _record())


def test_summary_and_country_from_shares():
    rows = [dyads.score_row(_gold(), _record(_event(1, 0, "CHL", "ARG", "2026-10-28", country_from="context"))),
            dyads.score_row(_gold(), _record(_event(1, 0, "PER", "ARG", "2026-10-28")))]
    s = dyads.summarise(rows)
    assert s["rows"] == 2 and s["all"] == 0.5 and s["target"] == 1.0 and s["source"] == 0.5
    # 4 gold sides: CHL and ARG (context) right in the first row, ARG (mention) in the second
    assert s["right_sides_by_country_from"] == {"context": 0.5, "mention": 0.25}


def test_shipped_corpus_is_well_formed():
    gold = dyads.read_gold(dyads.DATA / "gold.tsv")
    articles = dyads.read_articles(dyads.DATA)
    assert len(articles) >= 15 and len(gold) >= 30
    for g in gold:
        assert articles[g.article].date, g.article
        dyads.anchor(articles[g.article].text, g)  # the trigger words are in the article
        assert all(c is None or len(c) == 3 and c.isupper() for c in (g.source, g.target))
    assert {g.article for g in gold} == set(articles)


def test_bad_gold_row(tmp_path):
    p = tmp_path / "gold.tsv"
    p.write_text("article\ttrigger\ttype\tsource\ttarget\tdate\na\tsigned#x\tAGREE\tCHL\tARG\t-\n")
    with pytest.raises(ValueError, match="bad gold row"):
        dyads.read_gold(p)
