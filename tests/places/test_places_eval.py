"""The GeoVirus evaluation: scoring on hand-made spans, and a short run on the real file."""

from __future__ import annotations

import pytest
from conftest import DATASETS, need_shared

from dateline.eval import places as ev


def test_score_counts_found_and_errors():
    gold = [(0, 5, "Paris", 48.85, 2.35), (10, 15, "Lyon", 45.76, 4.84), (20, 25, "Nice", 43.7, 7.27)]
    pred = [(0, 5, 48.85, 2.35), (10, 15, 40.0, -3.7), (30, 35, 0.0, 0.0)]
    got = ev._score(gold, pred)
    assert (got["gold"], got["found"], got["pred"], got["pred_matched"]) == (3, 2, 3, 2)
    assert got["errors"][0] < 1 and 900 < got["errors"][1] < 1100  # Lyon placed at Madrid
    fig = ev._figures(got)
    assert fig["recall"] == round(2 / 3, 4) and fig["acc@161km"] == 0.5


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        ev.evaluate([str(tmp_path / "none.xml")])
    with pytest.raises(ValueError):
        ev.evaluate([str(tmp_path)])


def test_short_run_on_geovirus():
    path = need_shared(DATASETS / "geo" / "GeoVirus.xml")
    result = ev.evaluate([str(path)], limit=3)
    corpus = result["corpora"]["GeoVirus.xml"]
    assert corpus["articles"] == 3
    assert corpus["dateline"]["recall"] > corpus["baseline"]["recall"]
    assert "| dateline |" in ev.report(result)
