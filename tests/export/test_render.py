"""Terminal output reads at 80 columns: no line longer, and no word broken across lines."""

import io
import re

from rich.console import Console
from test_record import full_record

from dateline.record import ArgRef
from dateline.render import cell, render_text, show_table, write_rows


def _console(width=80):
    return Console(file=io.StringIO(), width=width, color_system=None)


def _words_intact(out: str, words) -> None:
    flat = re.sub(r"[│┃|]", " ", out)
    tokens = set(flat.split())
    for w in words:
        assert w in tokens, f"{w!r} was broken or lost:\n{out}"


def test_the_text_summary_fits_80_columns_without_breaking_words():
    rec = full_record()
    e = rec.events[0]
    e.source = ArgRef(None, "Japanese Prime Minister Shigeru Ishiba", 0, 5, "JPN", "GOV")
    e.target = ArgRef(None, "South Korean President Lee Jae-myung", 0, 5, "KOR", "GOV")
    for width in (80, 200):
        c = _console(width)
        render_text(rec, c)
        out = c.file.getvalue()
        assert max(len(line) for line in out.splitlines()) <= width
        _words_intact(out, ["Japanese", "Minister", "Jae-myung", "JPNGOV", "KORGOV", "CONSULT/visit"])


def test_a_table_too_wide_for_its_words_becomes_blocks():
    c = _console(60)
    columns = [f"column{i}" for i in range(8)]
    show_table(c, "Wide", columns, [["incomprehensibilities"] * 8])
    out = c.file.getvalue()
    assert "┃" not in out and out.count("incomprehensibilities") == 8
    assert max(len(line) for line in out.splitlines()) <= 60


def test_rows_as_csv_and_json_write_missing_values_empty():
    rows = [{"a": None, "b": 1.5, "c": float("nan"), "d": True}]
    buf = io.StringIO()
    write_rows(rows, "csv", out=buf)
    assert buf.getvalue().splitlines() == ["a,b,c,d", ",1.5,,true"]
    buf = io.StringIO()
    write_rows(rows[:1] and [{"a": None}], "json", out=buf)
    assert '"a": null' in buf.getvalue()
    assert cell(None) == "" and cell(float("nan")) == "" and cell(2.0) == "2"
