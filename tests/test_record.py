import json

from conftest import validate_record

from dateline.record import (
    Actor,
    ArgRef,
    Article,
    Event,
    EventDate,
    Place,
    Quote,
    Record,
    SentenceSpan,
    Span,
    Speaker,
    Timex,
)

TEXT = "Ministers from Chile and Peru met in Lima on Friday. \"We agreed,\" said Ana Torres."


def full_record() -> Record:
    def sp(s):
        i = TEXT.index(s)
        return Span(i, i + len(s), s)

    lima, friday, ana = sp("Lima"), sp("Friday"), sp("Ana Torres")
    return Record(
        article=Article.make(TEXT, "2026-01-02", title="t"),
        timexes=[Timex(friday.start, friday.end, "Friday", "DATE", "2026-01-02")],
        actors=[Actor("a1", "Chile", "CHL", "GOV", "Ministers from Chile", [sp("Chile")])],
        events=[Event("e1", "CONSULT", sp("met"), SentenceSpan(0, 52),
                      EventDate("2026-01-02", friday.start, friday.end, "text"),
                      mode="visit", cameo="040", quad_class=1, goldstein=1.0,
                      source=ArgRef("a1", "Chile", sp("Chile").start, sp("Chile").end, "CHL", "GOV"),
                      location="p1")],
        quotes=[Quote("q1", sp("We agreed,").start, sp("We agreed,").end, "We agreed,", "direct",
                      Speaker(None, "Ana Torres", ana.text, ana.start, ana.end), sp("said"))],
        places=[Place("p1", lima.start, lima.end, "Lima", "Lima", "PER", "Lima", -12.04, -77.03, "city", 3936456)],
    )


def test_round_trip_through_json_is_lossless():
    rec = full_record()
    d = json.loads(json.dumps(rec.to_dict()))
    assert Record.from_dict(d) == rec
    assert d["events"][0]["date"]["from"] == "text"
    assert set(d) == {"schema", "article", "timexes", "actors", "events", "quotes", "places"}


def test_full_record_validates_and_keeps_offsets():
    rec = full_record()
    assert rec.check_spans() == []
    validate_record(rec.to_dict())


def test_check_spans_names_a_broken_span():
    rec = full_record()
    rec.places[0].end += 1
    assert rec.check_spans() == ["places[0]"]


def test_article_ids_are_stable_content_hashes():
    a = Article.make("Same text.", "2026-01-01")
    assert a.id == Article.make("Same text.", "2026-01-01").id
    assert a.id != Article.make("Other text.", "2026-01-01").id
    assert len(a.id) == 16
