"""Every reader and every kind of bad input the foundation promises to handle."""

import codecs
import io
import json

import pytest
from conftest import SEED, need_shared

from dateline.readers import Input, ReadError, read_paths

TEXT = "The mayor of Lyon opened a new tram line on Monday. Residents welcomed it."


def read(*paths, date=None):
    return list(read_paths([str(p) for p in paths], date))


def only_input(items) -> Input:
    assert len(items) == 1 and isinstance(items[0], Input), items
    return items[0]


def test_seed_format_date_on_the_same_line_as_the_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(" date 2025-08-28 " + TEXT)
    item = only_input(read(f))
    assert item.article.date == "2025-08-28"
    assert item.article.text == TEXT


def test_the_seed_article_itself():
    item = only_input(read(need_shared(SEED)))
    assert item.article.date == "2025-08-28"
    assert item.article.text.startswith("North Korean leader Kim Jong Un")


def test_plain_text_takes_date_option(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT + "\n")
    item = only_input(read(f, date="2026-03-01"))
    assert (item.article.date, item.article.text) == ("2026-03-01", TEXT)
    assert item.warnings == ()


def test_missing_date_warns_about_the_option_and_keeps_the_article(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT)
    item = only_input(read(f))
    assert item.article.date is None
    assert any("--date" in w for w in item.warnings)


def test_impossible_date_is_an_error_naming_the_option(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("date 2025-02-30 " + TEXT)
    (err,) = read(f)
    assert isinstance(err, ReadError) and "impossible date" in err.message and "--date" in err.message


def test_jsonl_keeps_text_exactly_and_reports_bad_lines(tmp_path):
    odd = "  Leading spaces,\r\ncarriage returns\tand tabs stay.  "
    lines = [
        json.dumps({"id": "x1", "date": "2026-01-05T10:00:00Z", "title": "T", "text": odd, "url": "u"}),
        "{not json",
        json.dumps({"date": "2026-01-05"}),
        "",
        json.dumps({"text": TEXT, "date": "2026-01-06", "source": "wire"}),
    ]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines))
    items = read(f)
    assert [type(i).__name__ for i in items] == ["Input", "ReadError", "ReadError", "Input"]
    assert items[0].article.text == odd and items[0].article.id == "x1"
    assert items[0].article.date == "2026-01-05" and items[0].article.url == "u"
    assert items[1].origin.endswith("in.jsonl:2") and "malformed JSON" in items[1].message
    assert items[2].origin.endswith("in.jsonl:3") and "text" in items[2].message
    assert items[3].article.source == "wire" and len(items[3].article.id) == 16


def test_json_list_file(tmp_path):
    f = tmp_path / "in.json"
    f.write_text(json.dumps([{"text": TEXT, "date": "2026-01-05"}, {"text": "Second one.", "date": "2026-01-06"}]))
    assert [i.article.date for i in read(f)] == ["2026-01-05", "2026-01-06"]


HTML = """<html><head><title>Tram | Paper</title>
<meta property="article:published_time" content="2026-04-07"></head><body><nav>Home News</nav>
<article><h1>Lyon opens tram line</h1><p>{p}</p><p>{p}</p></article><footer>(c) Paper</footer></body></html>"""


def test_html_main_text_and_metadata_date(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML.format(p=TEXT * 3))
    item = only_input(read(f))
    assert item.article.date == "2026-04-07"
    assert "tram line" in item.article.text and "Home News" not in item.article.text
    assert item.raw.startswith("<html>")


def test_html_without_article_text_is_an_error(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    (err,) = read(f, date="2026-01-01")
    assert isinstance(err, ReadError) and "no article text" in err.message


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://ex.org/1</link><pubDate>Tue, 06 Jan 2026 10:00:00 GMT</pubDate>
<description><![CDATA[<p>First paragraph here.</p><p>Second paragraph.</p>]]></description></item>
<item><title>Two</title><link>https://ex.org/2</link><description>No date on this one.</description></item>
</channel></rss>"""


def test_rss_entries_become_articles(tmp_path):
    f = tmp_path / "feed.rss"
    f.write_text(FEED)
    a, b = read(f, date="2026-01-07")
    assert (a.article.title, a.article.date, a.article.url, a.article.source) == ("One", "2026-01-06", "https://ex.org/1", "Wire")
    assert a.article.text == "First paragraph here.\n\nSecond paragraph."
    assert b.article.date == "2026-01-07"


def test_atom_feed(tmp_path):
    f = tmp_path / "feed.atom"
    f.write_text("""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>E</title><updated>2026-02-03T00:00:00Z</updated><content type="html">&lt;p&gt;Body text.&lt;/p&gt;</content></entry></feed>""")
    item = only_input(read(f))
    assert (item.article.text, item.article.date) == ("Body text.", "2026-02-03")


def _warc(path, pages, gz):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)  # real .warc.gz files compress each record on its own
    for url, ctype, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    path.write_bytes(buf.getvalue())


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses(tmp_path, name, gz):
    f = tmp_path / name
    _warc(f, [("https://ex.org/a", "text/html; charset=utf-8", HTML.format(p=TEXT * 3).encode()),
              ("https://ex.org/logo.png", "image/png", b"\x89PNG...")], gz)
    item = only_input(read(f))
    assert item.article.url == "https://ex.org/a" and "tram line" in item.article.text


def test_directories_globs_and_missing_paths(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("date 2026-01-01 " + TEXT)
    (tmp_path / "d" / "b.jsonl").write_text(json.dumps({"text": TEXT + " Again.", "date": "2026-01-02"}))
    (tmp_path / "d" / "notes.bin").write_bytes(b"\x00\x01")  # unknown kinds are passed over in folders
    assert len(read(tmp_path / "d")) == 2
    assert len(read(tmp_path / "d" / "*.txt")) == 1
    (err,) = read(tmp_path / "nope.txt")
    assert "no such file" in err.message


def test_stdin(monkeypatch):
    data = json.dumps({"text": TEXT, "date": "2026-01-01"}).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    item = only_input(list(read_paths(["-"])))
    assert item.origin.startswith("<stdin>") and item.article.text == TEXT


def test_empty_and_binary_files(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    e1, e2 = read(tmp_path / "empty.txt", tmp_path / "bin.txt")
    assert "empty" in e1.message and "binary" in e2.message


def test_latin1_utf16_and_mixed_encodings(tmp_path):
    (tmp_path / "l1.txt").write_bytes("date 2026-01-01 Café in Zürich.".encode("latin-1"))
    (tmp_path / "u16.txt").write_bytes(codecs.BOM_UTF16_LE + "date 2026-01-01 Naïve in Köln.".encode("utf-16-le"))
    (tmp_path / "mixed.txt").write_bytes("date 2026-01-01 Señor García\n".encode() + "and Müller.".encode("latin-1"))
    a, b, c = read(tmp_path / "l1.txt", tmp_path / "u16.txt", tmp_path / "mixed.txt")
    assert a.article.text == "Café in Zürich."
    assert b.article.text == "Naïve in Köln."
    assert c.article.text == "Señor García\nand Müller."


def test_impossible_date_option_is_refused_up_front(tmp_path):
    from dateline.readers import ReadProblem

    with pytest.raises(ReadProblem, match="impossible"):
        read(tmp_path, date="2026-13-01")
