import json

import jsonschema
import pytest
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
    assert set(d) == {"schema", "article", "timexes", "actors", "events", "quotes", "places", "segments", "errors"}


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


QUOTED = "\u201cTalks will resume,\u201d the minister told AFP in a statement."


def quoted_record() -> Record:
    """A /2 record using every field version 2 added."""
    def sp(s):
        i = QUOTED.index(s)
        return Span(i, i + len(s), s)

    words, minister = sp("Talks will resume,"), sp("the minister")
    return Record(
        article=Article.make(QUOTED, "2026-03-04"),
        events=[Event("e1", "CONSULT", sp("Talks"), SentenceSpan(0, len(QUOTED)), EventDate(None), quote="q1")],
        quotes=[Quote("q1", words.start, words.end, words.text, "direct",
                      Speaker(None, None, minister.text, minister.start, minister.end), sp("told"),
                      addressee=sp("AFP"), medium=sp("a statement"))],
    )


def test_version_2_fields_round_trip_validate_and_keep_offsets():
    rec = quoted_record()
    d = json.loads(json.dumps(rec.to_dict()))
    assert d["schema"] == "dateline.article/3"
    assert d["quotes"][0]["addressee"] == {"start": 39, "end": 42, "text": "AFP"}
    assert d["quotes"][0]["medium"]["text"] == "a statement" and d["events"][0]["quote"] == "q1"
    assert Record.from_dict(d) == rec
    validate_record(d)
    assert rec.check_spans() == []


MODDED = "Elections are due in early 2027, after more than two years of delay."


def modded_record() -> Record:
    """A /2 record whose temporal expressions carry TimeML modifiers."""
    def tx(s, typ, value, mod):
        i = MODDED.index(s)
        return Timex(i, i + len(s), s, typ, value, mod)

    return Record(article=Article.make(MODDED, "2026-05-01"),
                  timexes=[tx("early 2027", "DATE", "2027", "START"),
                           tx("more than two years", "DURATION", "P2Y", "MORE_THAN")])


def test_timex_mod_round_trips_and_validates():
    rec = modded_record()
    d = json.loads(json.dumps(rec.to_dict()))
    assert [t["mod"] for t in d["timexes"]] == ["START", "MORE_THAN"]
    assert Record.from_dict(d) == rec
    validate_record(d)
    assert rec.check_spans() == []
    # a mod TimeML does not define is refused by the schema
    d["timexes"][0]["mod"] = "EARLY"
    with pytest.raises(jsonschema.ValidationError, match="EARLY"):
        validate_record(d)
    # and a /2 record without a mod says so with null
    assert "mod" in full_record().to_dict()["timexes"][0]


def test_offset_invariant_covers_addressee_and_medium():
    rec = quoted_record()
    rec.quotes[0].addressee.start += 1
    rec.quotes[0].medium.end -= 1
    assert rec.check_spans() == ["quotes[0].addressee", "quotes[0].medium"]


def version_2(rec: Record) -> dict:
    """The record as dateline.article/2 wrote it: the /2 schema string, none of the /3 keys."""
    d = json.loads(json.dumps(rec.to_dict()))
    d["schema"] = "dateline.article/2"
    del d["segments"], d["errors"], d["article"]["language"]
    for a in d["actors"]:
        del a["country_from"]
    for e in d["events"]:
        del e["pair"], e["headline"]
        for side in ("source", "target"):
            if e[side]:
                del e[side]["country_from"]
    return d


def version_1(rec: Record) -> dict:
    """The record as dateline.article/1 wrote it: the /1 schema string, none of the /2 or /3 keys."""
    d = version_2(rec)
    d["schema"] = "dateline.article/1"
    for q in d["quotes"]:
        del q["addressee"], q["medium"]
    for e in d["events"]:
        del e["quote"]
    for t in d["timexes"]:
        del t["mod"]
    return d


def test_a_version_1_record_reads_with_the_new_fields_unset_and_writes_back_unchanged():
    v1 = version_1(full_record())
    rec = Record.from_dict(v1)
    assert rec.schema == "dateline.article/1"
    assert rec.quotes[0].addressee is None and rec.quotes[0].medium is None and rec.events[0].quote is None
    assert rec.timexes[0].mod is None and "mod" not in rec.to_dict()["timexes"][0]
    assert rec.quotes[0].cue.text == "said"
    assert rec.to_dict() == v1
    # every /1 record is a valid /2 record apart from the schema string
    validate_record({**v1, "schema": "dateline.article/2"})


def test_a_version_2_record_reads_with_the_new_fields_unset_and_writes_back_unchanged():
    v2 = version_2(quoted_record())
    rec = Record.from_dict(v2)
    assert rec.schema == "dateline.article/2"
    assert rec.article.language is None and rec.segments == [] and rec.errors == []
    assert rec.events[0].pair is None and rec.events[0].headline is False
    assert rec.to_dict() == v2
    # every /2 record is a valid /3 record apart from the schema string
    validate_record({**v2, "schema": "dateline.article/3"})


def test_version_3_fields_round_trip_validate_and_keep_offsets():
    from dateline.record import Segment, StageError

    rec = full_record()
    rec.article.language = "en"
    rec.actors[0].country_from = "mention"
    rec.events[0].source.country_from = "context"
    rec.events[0].pair, rec.events[0].headline = "e2", True
    rec.segments = [Segment("headline", 0, 10), Segment("body", 11, len(TEXT))]
    rec.errors = [StageError("quotes", "StageTimeout: the stages ran past the 60 s limit")]
    d = json.loads(json.dumps(rec.to_dict()))
    assert d["article"]["language"] == "en" and d["segments"][0] == {"kind": "headline", "start": 0, "end": 10}
    assert d["events"][0]["source"]["country_from"] == "context" and d["errors"][0]["stage"] == "quotes"
    assert Record.from_dict(d) == rec
    validate_record(d)
    d["actors"][0]["country_from"] = "guess"
    with pytest.raises(jsonschema.ValidationError, match="guess"):
        validate_record(d)
    rec.segments[1].end += 1
    assert rec.check_spans() == ["segments[1]"]


def test_an_unknown_schema_version_is_refused():
    d = full_record().to_dict()
    d["schema"] = "dateline.article/9"
    with pytest.raises(ValueError, match="dateline.article/9"):
        Record.from_dict(d)


def test_the_old_schema_still_ships_for_readers_of_version_1():
    from importlib import resources

    folder = resources.files("dateline") / "schema"
    assert json.loads((folder / "article-3.json").read_text())["$id"] == "dateline.article/3"
    old, new = (json.loads((folder / f"article-{v}.json").read_text()) for v in (1, 2))
    assert (old["$id"], new["$id"]) == ("dateline.article/1", "dateline.article/2")
    assert set(new["properties"]["quotes"]["items"]["properties"]) - set(old["properties"]["quotes"]["items"]["properties"]) \
        == {"addressee", "medium"}
    assert set(new["properties"]["timexes"]["items"]["properties"]) - set(old["properties"]["timexes"]["items"]["properties"]) \
        == {"mod"}
    from dateline.record import TIMEX_MODS
    assert new["properties"]["timexes"]["items"]["properties"]["mod"]["enum"] == [*TIMEX_MODS, None]
