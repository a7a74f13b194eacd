"""The timex evaluation on a few shared documents, and its scoring on a tiny hand-made case."""

from __future__ import annotations

from conftest import DATASETS, need_shared

from dateline.eval import timex


def test_scoring_counts_strict_relaxed_and_value():
    gold = [timex.Gold(0, 9, "DATE", "2025-08-28"), timex.Gold(20, 27, "DURATION", "P3D")]
    sys = [(0, 9, "DATE", "2025-08-28"), (18, 27, "DURATION", "P4D"), (40, 44, "DATE", "2020")]
    t = timex.Tally()
    t.add(gold, sys)
    f = t.figures()
    assert f["strict"]["p"] == round(1 / 3, 4) and f["strict"]["r"] == 0.5
    assert f["relaxed"]["p"] == round(2 / 3, 4) and f["relaxed"]["r"] == 1.0
    assert f["type_accuracy"] == 1.0
    assert f["value"]["p"] == round(1 / 3, 4) and f["value"]["r"] == 0.5


def test_mod_accuracy_and_precision_over_matched_pairs():
    gold = [timex.Gold(0, 10, "DATE", "2019", "START"), timex.Gold(20, 30, "DURATION", "P2Y", "MORE_THAN"),
            timex.Gold(40, 44, "DATE", "2020"), timex.Gold(50, 55, "DATE", "2021", "END")]
    sys = [(0, 10, "DATE", "2019", "START"), (20, 30, "DURATION", "P2Y", "APPROX"),
           (40, 44, "DATE", "2020", "MID"), (60, 65, "DATE", "2022", "END")]
    t = timex.Tally()
    t.add(gold, sys)
    m = t.figures()["mod"]
    # gold mods on matched pairs: START (right), MORE_THAN (wrong); the unmatched END is not counted
    assert (m["gold"], m["accuracy"]) == (2, 0.5)
    # our mods on matched pairs: START right, APPROX and MID wrong; the unmatched END not counted
    assert (m["system"], m["precision"]) == (3, round(1 / 3, 4))
    # a corpus without mod annotation is not scored for it
    t = timex.Tally()
    t.add(gold, sys, has_mod=False)
    assert t.figures()["mod"] == {"gold": 0, "accuracy": None, "system": 0, "precision": None}


def test_tml_reader_keeps_offsets(tmp_path):
    p = tmp_path / "doc.tml"
    p.write_text('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2001-02-03">x</TIMEX3></DCT>'
                 '<TEXT>Rates rose <TIMEX3 tid="t1" type="DATE" value="2001-02-02">yesterday</TIMEX3> '
                 '&amp; <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P2D">two days'
                 '</TIMEX3> and <TIMEX3 tid="t3" type="DATE" value="2001" mod="START">early 2001</TIMEX3>.'
                 '</TEXT></TimeML>')
    d = timex.read_tml(p, "mine")
    assert d.dct == "2001-02-03"
    assert [d.text[g.start:g.end] for g in d.timexes] == ["yesterday", "two days", "early 2001"]
    assert [g.mod for g in d.timexes] == [None, None, "START"]
    assert "& fell" in d.text


def test_eval_runs_on_shared_documents(nlp):
    root = need_shared(DATASETS / "tempeval3")
    res = timex.evaluate([str(root / "timebank"), str(root / "aquaint")], limit=3, nlp=nlp)
    assert res["documents"] == {"aquaint": 3, "timebank": 3}
    both = res["corpora"][timex.COMBINED]
    assert both["dateline"]["gold"] > 0 and "baseline" in both
    assert 0.0 <= both["dateline"]["value"]["f1"] <= 1.0
    assert "| timebank+aquaint | dateline |" in timex.report(res)
    assert "mod acc (n)" in timex.report(res)


def test_eval_reads_meantime(nlp):
    root = need_shared(DATASETS / "meantime")
    res = timex.evaluate([str(root)], limit=2, baseline=False, nlp=nlp)
    assert res["documents"] == {"meantime": 2}
    assert res["corpora"]["meantime"]["dateline"]["gold"] > 0
    assert res["corpora"]["meantime"]["dateline"]["mod"]["gold"] == 0  # MEANTIME has no mod attribute


def test_decade_notations_count_as_one_value():
    from dateline.eval.timex import same_value

    assert same_value("195X", "195") and same_value("195", "195X") and same_value("195X", "195X")
    assert not same_value("195X", "196") and not same_value("1950", "195") and not same_value(None, "195")


def test_unpadded_week_counts_as_the_same_week():
    from dateline.eval.timex import same_value

    assert same_value("2000-W07", "2000-W7") and same_value("2000-W07-WE", "2000-W7-WE")
    assert not same_value("2000-W17", "2000-W7") and not same_value("2000-W07", "2000-W08")
