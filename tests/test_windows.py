"""Long articles run window by window and merged into one record (dateline/windows.py); the
window is made small here so that a short text has several."""

import pytest
from conftest import validate_record

import dateline.windows
from dateline.pipeline import Pipeline, available_stages

PARAS = [
    "Prime Minister Ana Duarte of Portugal arrived in Luanda on Monday for talks on oil prices.",
    "“We came to listen,” Duarte told reporters at the airport. She said the visit would last three days.",
    "Protesters marched in Benguela on Tuesday, demanding higher wages; police arrested 14 of them.",
    "The Angolan government said on Wednesday that it would raise fuel subsidies next month.",
]


@pytest.fixture
def small_windows(monkeypatch):
    monkeypatch.setattr(dateline.windows, "WINDOW_CHARS", 420)  # the four paragraphs, then the next four


def test_a_long_article_is_merged_from_its_windows_with_exact_offsets(nlp, small_windows):
    text = "\n\n".join(PARAS[i % 4] for i in range(16))
    spans = dateline.windows.windows(text)
    assert len(spans) == 4 and all(text[s:e].startswith(PARAS[0]) for s, e in spans)
    pipe = Pipeline(available_stages())
    pipe._nlp = nlp
    seen = []
    pipe.progress = lambda article, message: seen.append(message)
    rec = pipe.extract(text, "2026-06-01")
    assert rec.check_spans() == [] and rec.errors == []
    validate_record(rec.to_dict())
    assert seen[0].startswith("window 1 of ") and len(seen) == len(dateline.windows.windows(text))
    # each window found the same things in the same paragraphs
    assert [t.text for t in rec.timexes].count("Monday") == 4
    assert sum(q.kind == "direct" for q in rec.quotes) == 4
    # one actor across windows, and every reference names an id in the record
    duarte = [a for a in rec.actors if "Duarte" in a.name]
    assert len(duarte) == 1
    assert {next(k for k, (s, e) in enumerate(spans) if s <= m.start < e) for m in duarte[0].mentions} == {0, 1, 2, 3}
    ids = {a.id for a in rec.actors}
    for kind in (rec.actors, rec.quotes, rec.events, rec.places):
        assert len({x.id for x in kind}) == len(kind)
    assert all(q.speaker.actor in ids for q in rec.quotes if q.speaker and q.speaker.actor)
    for e in rec.events:
        assert all(r.actor in ids for r in (e.source, e.target) if r is not None and r.actor)
        assert e.location is None or e.location in {p.id for p in rec.places}
        assert e.quote is None or e.quote in {q.id for q in rec.quotes}


def test_a_stage_failing_in_one_window_loses_that_window_only(nlp, small_windows):
    from dateline.pipeline import REGISTRY, stage
    from dateline.record import Timex

    @stage("_third", requires=("doc",), provides=("timexes",))
    def third(config):
        def run(analysis):
            if "Lobito" in analysis.text:
                raise RuntimeError("not this one")
            analysis.record.timexes.append(Timex(0, 5, analysis.text[:5], "DATE", "2026"))
        return run

    try:
        third_window = [PARAS[0].replace("Luanda", "Lobito")] + PARAS[1:]
        text = "\n\n".join(PARAS + PARAS + third_window + PARAS)
        pipe = Pipeline(["_third"])
        pipe._nlp = nlp
        rec = pipe.extract(text, "2026-06-01")
        starts = [s for s, _ in dateline.windows.windows(text)]
        failed = [s for s, e in dateline.windows.windows(text) if "Lobito" in text[s:e]]
        assert len(starts) == 4 and len(failed) == 1 and len(rec.errors) == 1
        assert "window 3 of 4" in rec.errors[0].message and "not this one" in rec.errors[0].message
        assert [t.start for t in rec.timexes] == [s for s in starts if s not in failed]
    finally:
        REGISTRY.pop("_third")
