"""What the pipeline does with pages: nothing from furniture, a headline's event once, other
languages recorded but not read as English; and `dateline eval pages`."""

from __future__ import annotations

import pytest

from dateline.furniture import drop_furniture, merge_headline_events
from dateline.record import (
    Actor,
    ArgRef,
    Article,
    Event,
    EventDate,
    Quote,
    Record,
    Segment,
    SentenceSpan,
    Span,
    Timex,
)

PAGE = """WEEKEND TODAY
Home | World | Business | Sport
Police arrest ten after clashes at port
By Ruth Achieng
2 MIN READ

MOMBASA, Kenya (Reuters) - Kenyan police arrested ten people on Monday after clashes between dock workers and security guards at the port of Mombasa, a police spokesman said.

The workers had protested against plans to cut their wages, union officials said.
Related stories
Gunmen attack president's car in capital
Leader urges Africa and Europe to unite
Related Topics
Kenya
"""

SPANISH = ("El Gobierno aprobó el martes un plan para construir diez mil viviendas en Madrid. Sin embargo, "
           "la oposición criticó que el dinero llegará demasiado tarde para las familias que ya han perdido "
           "su casa, y pidió al ministro que explique el calendario de las obras en el Congreso.")


@pytest.fixture(scope="module")
def pipe(nlp):
    from dateline.pipeline import Pipeline, available_stages

    p = Pipeline(available_stages())
    p._nlp = nlp
    return p


def furniture_spans(rec):
    return [(g.start, g.end) for g in rec.segments if g.kind in ("kicker", "byline", "caption", "related", "furniture")]


def inside(spans, i):
    return any(s <= i < e for s, e in spans)


def test_nothing_comes_from_furniture_and_the_headline_becomes_the_title(pipe):
    rec = pipe.extract(PAGE, "2025-06-02")
    spans = furniture_spans(rec)
    assert spans, "the page's furniture was found"
    assert rec.article.text == PAGE  # nothing cut out
    assert rec.article.title == "Police arrest ten after clashes at port"
    assert rec.article.language == "en"
    assert not [t.text for t in rec.timexes if inside(spans, t.start)]  # "2 MIN READ", "TODAY"
    assert not [e.trigger.text for e in rec.events if inside(spans, e.trigger.start)]  # the related headlines
    assert not [q.text for q in rec.quotes if inside(spans, q.start)]
    assert not [m.text for a in rec.actors for m in a.mentions if inside(spans, m.start)]
    assert {g.kind for g in rec.segments} >= {"headline", "byline", "dateline", "body", "related", "furniture"}


def test_the_headline_event_is_kept_once_and_marked(pipe):
    rec = pipe.extract(PAGE, "2025-06-02")
    arrests = [e for e in rec.events if e.type == "COERCE"]
    assert len(arrests) == 1, [(e.trigger.text, e.trigger.start) for e in arrests]
    assert arrests[0].headline and arrests[0].trigger.start > PAGE.index("MOMBASA")  # the body's event, marked
    without = pipe.extract(PAGE.replace("Kenyan police arrested ten people on Monday after", "On Monday, after"),
                           "2025-06-02")
    heads = [e for e in without.events if e.headline]
    assert heads and all(e.trigger.start < PAGE.index("By Ruth") for e in heads)  # only the headline tells it


def test_a_headline_of_the_form_who_colon_what_is_no_quote(pipe):
    text = ("Lawmakers: the vote was rigged\n\nOpposition lawmakers said on Tuesday that the vote had been "
            "rigged and called for a recount in three provinces.")
    rec = pipe.extract(text, "2025-06-03")
    assert not [q for q in rec.quotes if q.start < text.index("\n")]


def test_a_sentence_of_the_story_never_runs_into_the_headline(pipe):
    text = ("Drones strike power plant in central Ukraine\nKYIV, Ukraine (AP) — Russian drones struck a "
            "power plant overnight, the regional governor said on Thursday.")
    rec = pipe.extract(text, "2025-02-20")
    lead = text.index("KYIV")
    assert all(e.sentence.start >= lead or e.sentence.end <= lead for e in rec.events)


def test_another_language_gets_its_record_and_places_but_no_english_reading(pipe):
    rec = pipe.extract(SPANISH, "2025-04-22")
    assert rec.article.language == "es"
    assert rec.events == [] and rec.actors == [] and rec.quotes == [] and rec.timexes == []
    assert [p.name for p in rec.places] == ["Madrid"]
    assert pipe.skipped("es") == ["time", "actors", "quotes", "events"]
    assert pipe.skipped("en") == []


def test_a_given_language_overrides_detection(nlp):
    from dateline.pipeline import Pipeline

    p = Pipeline(["time"], language="fr")
    p._nlp = nlp
    rec = p.extract("Talks will resume in Geneva on Friday, officials said.", "2025-04-22")
    assert rec.article.language == "fr" and rec.timexes == []
    given = Pipeline(["time"])
    given._nlp = nlp
    rec = given.extract("Talks will resume in Geneva on Friday.", "2025-04-22", language="de")
    assert rec.article.language == "de"  # the input's own language wins over detection


def test_without_pages_every_text_is_all_story(nlp):
    from dateline.pipeline import Pipeline

    p = Pipeline(["time"], pages=False)
    p._nlp = nlp
    rec = p.extract(PAGE, "2025-06-02")
    assert rec.segments == [] and rec.article.language == "en" and rec.article.title is None
    paged = Pipeline(["time"])
    paged._nlp = nlp
    assert len(paged.extract(PAGE, "2025-06-02").timexes) <= len(rec.timexes)  # nothing dropped without pages


def _event(eid, start, text, typ="COERCE", source=None, pair=None):
    return Event(eid, typ, Span(start, start + len(text), text), SentenceSpan(start, start + len(text)),
                 EventDate(None), source=source, pair=pair)


def test_furniture_filter_and_headline_merge_clear_what_they_remove():
    text = "Police arrest ten\nBy Ann Lee\nPolice arrested ten people, officials said. Read more"
    rec = Record(Article.make(text), segments=[Segment("headline", 0, 17), Segment("byline", 18, 28),
                                               Segment("body", 29, len(text))])
    rec.timexes = [Timex(21, 24, "Ann", "DATE", None)]
    rec.actors = [Actor("a1", "Ann Lee", mentions=[Span(21, 28, "Ann Lee")]),
                  Actor("a2", "Police", mentions=[Span(0, 6, "Police"), Span(29, 35, "Police")])]
    rec.quotes = [Quote("q1", 7, 17, "arrest ten", "direct")]
    police = ArgRef("a2", "Police", 0, 6)
    rec.events = [_event("e1", 7, "arrest", source=police, pair="e3"), _event("e2", 36, "arrested", source=police),
                  _event("e3", 7, "arrest", typ="ASSAULT", pair="e1")]
    rec.events[0].source = ArgRef(None, "Police", 0, 6, sector="POL")  # a headline's bare "Police" ...
    rec.events[1].source = ArgRef("a2", "Police", 29, 35, country="KEN", sector="POL")  # ... is the body's
    rec.events[1].quote = "q1"
    drop_furniture(rec)
    assert rec.timexes == [] and [a.id for a in rec.actors] == ["a2"] and rec.quotes == []
    assert rec.events[1].quote is None  # the quote it pointed at is gone
    merge_headline_events(rec)
    assert [e.id for e in rec.events] == ["e2", "e3"]  # e1 merged into the body's e2
    assert rec.events[0].headline and rec.events[1].headline  # e3 has no body twin: kept, marked
    assert rec.events[1].pair == "e2"


def test_eval_pages_scores_segments_and_language():
    from dateline.eval.pages import evaluate, read_pages, report

    pages = read_pages([])
    assert len(pages) >= 12 and len({p.language for p in pages}) >= 7
    r = evaluate([], pipeline=False)
    assert r["language"]["right_long"] == r["language"]["pages_long"]
    assert r["segments"]["segments"]["f1"] > r["baseline"]["segments"]["segments"]["f1"]
    assert "segments: P" in report(r)


def test_page_markup_gives_the_text_and_stripped_gold_segments(tmp_path):
    from dateline.eval.pages import read_page

    f = tmp_path / "x.page"
    f.write_text("# language: en\n# date: 2025-01-02\n[headline]Big news\n[body]It happened. \n[furniture]Share\n",
                 encoding="utf-8")
    page = read_page(f)
    assert page.text == "Big news\nIt happened. \nShare\n" and page.date == "2025-01-02"
    assert [(g.kind, page.text[g.start:g.end]) for g in page.gold] == [
        ("headline", "Big news"), ("body", "It happened."), ("furniture", "Share")]


HTML = """<html><head><title>Rebels seize second town in eastern Congo | World Today</title>
<meta property="og:site_name" content="World Today"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav><article>
<p>WORLD NEWS</p><h1>Rebels seize second town in eastern Congo</h1><p>2 MIN READ</p>
<p>GOMA, Congo (Reuters) - Rebels seized the town of Kavumba in eastern Congo on Tuesday, two local officials
said, the second town to fall to the group this month.</p>
<p>The fighters entered the town at dawn after government soldiers withdrew, a provincial administrator said.</p>
<p>Share this article</p></article><footer>© 2025 World Today</footer></body></html>"""


def cli(*args):
    from typer.testing import CliRunner

    from dateline.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_cli_warns_once_per_other_language_article_and_ingest_counts_them(tmp_path):
    import json

    (tmp_path / "es.txt").write_text("date 2025-04-22 " + SPANISH, encoding="utf-8")
    (tmp_path / "en.txt").write_text("date 2025-06-02 " + PAGE, encoding="utf-8")
    res = cli("extract", tmp_path, "--stages", "time,places")
    assert res.exit_code == 0, res.output
    recs = {r["article"]["language"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert set(recs) == {"en", "es"} and recs["es"]["timexes"] == [] and recs["es"]["places"]
    warnings = [line for line in res.stderr.splitlines() if "language" in line]
    assert len(warnings) == 1 and "es.txt: language es: time not run" in warnings[0]
    assert recs["en"]["segments"] and recs["en"]["article"]["title"] == "Police arrest ten after clashes at port"

    db = tmp_path / "d.duckdb"
    res = cli("ingest", tmp_path, "--db", db, "--stages", "time,places")
    assert res.exit_code == 0, res.output
    assert "2 articles stored" in res.stderr and "1 not English" in res.stderr
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        assert sorted(r[0] for r in con.execute("SELECT language FROM articles").fetchall()) == ["en", "es"]
        kinds = {r[0] for r in con.execute("SELECT kind FROM segments").fetchall()}
        assert {"headline", "byline", "furniture", "related", "body"} <= kinds
    out = tmp_path / "csv"
    assert cli("export", "--db", db, "--format", "csv", "--out", out).exit_code == 0
    assert "language" in (out / "articles.csv").read_text(encoding="utf-8").splitlines()[0]


def test_cli_language_option_overrides_detection_and_is_checked(tmp_path):
    import json

    (tmp_path / "en.txt").write_text("date 2025-06-02 " + PAGE, encoding="utf-8")
    res = cli("extract", tmp_path / "en.txt", "--stages", "time", "--language", "fr")
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert rec["article"]["language"] == "fr" and rec["timexes"] == []
    assert "language fr: time not run" in res.stderr
    bad = cli("extract", tmp_path / "en.txt", "--language", "French")
    assert bad.exit_code == 2 and "not a language code" in bad.stderr


def test_html_pages_get_the_same_segments(tmp_path):
    import json

    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    res = cli("extract", tmp_path / "page.html", "--stages", "time", "--date", "2025-03-04")
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    text = rec["article"]["text"]
    got = {(g["kind"], text[g["start"]:g["end"]]) for g in rec["segments"]}
    assert ("headline", "Rebels seize second town in eastern Congo") in got  # trafilatura's title marks it
    assert ("kicker", "WORLD NEWS") in got and ("furniture", "Share this article") in got
    assert ("dateline", "GOMA, Congo (Reuters) -") in got
    assert not [t for t in rec["timexes"] if "MIN" in t["text"]]
