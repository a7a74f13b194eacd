"""Input faults that once lost an article or passed wrong data through, each as a test."""

import io
import json

from dateline.readers import Input, ReadError, read_paths, unique_ids
from dateline.readers.base import replace_stray

TEXT = "The port authority of Gdansk said on Tuesday that the grain terminal would reopen next month."


def read(*paths, date=None, max_chars=None):
    return list(read_paths([str(p) for p in paths], date, max_chars))


def inputs(items):
    return [i for i in items if isinstance(i, Input)]


def errors(items):
    return [i for i in items if isinstance(i, ReadError)]


def test_utf16_without_a_bom_is_text_not_binary(tmp_path):
    for codec in ("utf-16-le", "utf-16-be"):
        f = tmp_path / f"{codec}.txt"
        f.write_bytes(f"date 2026-03-01 {TEXT} Zurück in Łódź.".encode(codec))
        (item,) = read(f)
        assert isinstance(item, Input), item
        assert item.article.text == f"{TEXT} Zurück in Łódź." and item.article.date == "2026-03-01"


def test_random_bytes_are_still_refused_as_binary(tmp_path):
    f = tmp_path / "noise.txt"
    f.write_bytes(bytes(range(256)) * 20)
    (item,) = read(f)
    assert isinstance(item, ReadError) and "binary" in item.message


def test_nul_and_control_characters_become_spaces_with_a_warning(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"The port\x00 of Gdansk\x07 reopened.\tTabs\nand lines stay.")
    (item,) = read(f, date="2026-01-01")
    assert item.article.text == "The port  of Gdansk  reopened.\tTabs\nand lines stay."
    assert any("2 NUL or control" in w for w in item.warnings)
    # one character for one: an offset into the input is the same offset into the stored text
    assert replace_stray("a\x00b\x1fc") == ("a b c", 2)


def test_a_jsonl_text_with_a_nul_escape_keeps_its_offsets(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": "Ships\u0000 left Gdansk.", "date": "2026-01-01"}) + "\n")
    (item,) = read(f)
    assert item.article.text == "Ships  left Gdansk." and item.warnings


def test_deeply_nested_html_falls_back_to_plain_text(tmp_path):
    body = "<p>" + TEXT + " The terminal employs four hundred people.</p>"
    f = tmp_path / "deep.html"
    f.write_text("<html><head><title>Terminal</title><script>var x = 1;</script></head><body>"
                 + "<div>" * 300 + body + "</div>" * 300 + "</body></html>")
    (item,) = read(f, date="2026-01-01")
    assert isinstance(item, Input), item
    assert item.article.text == TEXT + " The terminal employs four hundred people."
    assert item.article.title == "Terminal"


def test_a_page_with_only_navigation_is_still_no_article(tmp_path):
    f = tmp_path / "nav.html"
    f.write_text("<html><body><nav><a href='/'>Home</a> <a href='/a'>About us here</a></nav></body></html>")
    (item,) = read(f)
    assert isinstance(item, ReadError) and "no article text" in item.message


def test_jsonl_fields_of_the_wrong_type_are_named_and_the_file_goes_on(tmp_path):
    f = tmp_path / "a.jsonl"
    rows = [{"text": TEXT, "date": "2026-01-01", "title": 7},
            {"text": TEXT, "date": "2026-01-01", "url": 8},
            {"text": TEXT, "date": "2026-01-01", "source": {"x": 1}},
            {"text": TEXT, "date": 20260101},
            {"text": TEXT, "date": "2026-01-01", "id": True},
            {"text": TEXT, "date": "2026-01-01", "id": 42, "title": "Grain"}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    items = read(f)
    bad = errors(items)
    assert [e.origin.rsplit(":", 1)[1] for e in bad] == ["1", "2", "3", "4", "5"]
    for e, field in zip(bad, ["'title'", "'url'", "'source'", "'date'", "'id'"], strict=True):
        assert f"field {field} must be" in e.message, e.message
    assert "not 7" in bad[0].message and 'not {"x": 1}' in bad[2].message
    (good,) = inputs(items)
    assert good.article.id == "42" and good.article.title == "Grain"


def _warc(n: int, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for i in range(n):
        html = (f"<html><head><title>Port {i}</title></head><body><article><p>{TEXT} Ship number {i} "
                f"left the harbour at dawn with a cargo of wheat.</p></article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        w.write_record(w.create_warc_record(f"http://example.org/{i}", "response", payload=io.BytesIO(html),
                                            http_headers=headers))
    return buf.getvalue()


def test_a_truncated_warc_gz_says_where_and_how_many_were_read(tmp_path):
    data = _warc(5, gz=True)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(data)
    assert len(inputs(read(whole, date="2026-01-01"))) == 5 and not errors(read(whole, date="2026-01-01"))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    items = read(cut, date="2026-01-01")
    (err,) = errors(items)
    n = len(inputs(items))
    assert 1 <= n < 5
    assert err.origin == str(cut) and "truncated at byte" in err.message and f"{n} records read" in err.message


def test_a_truncated_plain_warc_is_reported_too(tmp_path):
    data = _warc(5, gz=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    items = read(cut, date="2026-01-01")
    assert inputs(items) and errors(items)


def test_an_impossible_input_date_falls_back_to_the_date_option(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": TEXT, "date": "2026-02-30"}) + "\n")
    (item,) = read(f, date="2026-03-01")
    assert item.article.date == "2026-03-01"
    assert any("impossible date '2026-02-30' in the input; using --date 2026-03-01" in w for w in item.warnings)
    (err,) = read(f)  # without --date the hint is true: --date would stand in
    assert isinstance(err, ReadError) and "impossible date '2026-02-30' in the input" in err.message
    assert "--date" in err.message


def test_a_repeated_id_with_another_text_gets_a_derived_id(tmp_path):
    f = tmp_path / "a.jsonl"
    rows = [{"id": "x", "text": TEXT, "date": "2026-01-01"},
            {"id": "x", "text": TEXT + " Later.", "date": "2026-01-01"},
            {"id": "x", "text": TEXT, "date": "2026-01-01"},
            {"id": "x", "text": TEXT + " Third.", "date": "2026-01-01"}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    items = list(unique_ids(read(f)))
    assert [i.article.id for i in items] == ["x", "x#2", "x", "x#3"]
    assert "already used for another text" in items[1].warnings[-1] and not items[2].warnings
    # against a store that already holds x with yet another text, x itself is taken too
    stored = {"x": "Something else entirely."}
    items = list(unique_ids(read(f), stored.get))
    assert [i.article.id for i in items] == ["x#2", "x#3", "x#2", "x#4"]


def test_max_chars_refuses_a_longer_article_with_a_clear_line(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text(TEXT * 50)
    (err,) = read(f, date="2026-01-01", max_chars=1000)
    assert isinstance(err, ReadError) and "over --max-chars 1000" in err.message and f"{len(TEXT) * 50:,}" in err.message
    assert isinstance(read(f, date="2026-01-01", max_chars=10**6)[0], Input)
