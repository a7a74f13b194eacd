"""`dateline plot`: each plot writes a PNG or SVG file of a sensible size; what it draws is the
rows of the query functions, checked in tests/store/test_queries.py."""

import struct

import pytest
from corpus_records import stories_store
from typer.testing import CliRunner

from dateline import plot
from dateline.cli import app
from dateline.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return stories_store(tmp_path_factory.mktemp("p") / "s.duckdb")


def _png_size(path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("args,size", [
    (["dyad", "CHN", "JPN", "--by", "week"], (1000, 500)),
    (["activity", "--country", "JPN"], (1000, 700)),
    (["network"], (900, 900)),
])
def test_each_plot_writes_a_png_of_its_size_and_an_svg(db, tmp_path, args, size):
    out = tmp_path / "p.png"
    res = CliRunner().invoke(app, ["plot", *args, "--db", str(db), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert _png_size(out) == size and out.stat().st_size > 10_000
    svg = tmp_path / "p.svg"
    assert CliRunner().invoke(app, ["plot", *args, "--db", str(db), "--out", str(svg)]).exit_code == 0
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and len(text) > 10_000


def test_titles_and_empty_plots(db, tmp_path):
    with Store(db, read_only=True) as s:
        path = plot.dyad(s, "FRA", "DEU", tmp_path / "empty.svg")  # nothing between them: says so
        assert "no events" in path.read_text()
        assert "CHN towards JPN" in plot.dyad(s, "CHN", "JPN", tmp_path / "d.svg").read_text()
        with pytest.raises(ValueError):
            plot.network(s, tmp_path / "n.jpg")
    res = CliRunner().invoke(app, ["plot", "network", "--db", str(db), "--out", str(tmp_path / "x.gif")])
    assert res.exit_code == 2 and ".png or .svg" in res.output
