"""eval events on a slice of the PLOVER gold standard, where the shared datasets are present."""

from __future__ import annotations

from conftest import DATASETS, need_shared


def test_eval_events_runs_and_reports(tmp_path):
    from dateline.eval.events import evaluate, report

    path = need_shared(DATASETS / "plover" / "plover_gsr_dev.json")
    doc = tmp_path / "confusion.md"
    res = evaluate([str(path)], limit=20, confusion_doc=doc)
    assert res["items"] == 20 and res["baseline"] is None
    d = res["dateline"]
    assert 0 <= d["all"] <= d["type"] <= 1
    assert d["type"] > 0.5  # a slice of AGREE sentences: most must be typed right
    assert "event type accuracy" in report(res)
    assert not doc.exists()  # a limited run does not overwrite the confusion table
