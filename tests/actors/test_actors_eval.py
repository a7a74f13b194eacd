"""The actors evaluation: gold location in PLOVER markup, MEANTIME reading, and a small run."""

from __future__ import annotations

from conftest import DATASETS, need_shared

from dateline.eval import actors as ev


def test_gold_located_through_markup():
    text = "French and Egyptian warships sailed, and Peru thanked Chile."
    markup = "(SRC: French and Egyptian warships) (EVT: sailed), and (SRC: Peru) (EVT: thanked) (TAR: Chile)."
    assert ev._plain(markup) == text
    assert ev._gold_spans(text, "French warships", markup) == [(0, 28)]
    i = text.index("Chile")
    assert ev._gold_spans(text, "Chile", markup) == [(i, i + 5)]
    # without markup: whole words only ("Iraq" is not inside "Iraqi")
    t2 = "Iraqi troops left Iraq."
    assert ev._gold_spans(t2, "Iraq") == [(18, 22)]


def test_read_meantime_entities(tmp_path):
    xml = tmp_path / "doc.xml"
    xml.write_text(
        '<Document doc_id="1" doc_name="x" lang="en">'
        '<token t_id="1" sentence="0" number="0">Ana</token><token t_id="2" sentence="0" number="1">Rios</token>'
        '<token t_id="3" sentence="0" number="2">visited</token><token t_id="4" sentence="0" number="3">Lima</token>'
        '<token t_id="5" sentence="0" number="4">.</token><token t_id="6" sentence="1" number="5">Later</token>'
        '<Markables><ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/>'
        '<token_anchor t_id="2"/></ENTITY_MENTION><ENTITY_MENTION m_id="2" syntactic_type="NAM">'
        '<token_anchor t_id="4"/></ENTITY_MENTION><ENTITY m_id="10" ent_type="PER"/>'
        '<ENTITY m_id="11" ent_type="LOC"/></Markables><Relations>'
        '<REFERS_TO r_id="1"><source m_id="1"/><target m_id="10"/></REFERS_TO>'
        '<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO></Relations></Document>')
    text, date, gold, limit = ev.read_meantime_entities(xml)
    assert text == "Ana Rios visited Lima.\nLater"
    assert gold == [(0, 8, "PER"), (17, 21, "LOC")]
    assert limit == 21 and date is None


def test_evaluate_small_run():
    plover = need_shared(DATASETS / "plover" / "plover_gsr_dev.json")
    result = ev.evaluate([str(plover)], limit=8)
    ours = result["plover"]["dateline"]["overall"]
    assert result["plover"]["records"] == 8 and ours["gold"] > 0
    assert 0 <= ours["country_rate"] <= 1
    assert "| dateline | overall |" in ev.report(result)
    origin = result["plover"]["country_from"]
    for side in ("source", "target"):
        # every gold actor coded right is counted under exactly one origin
        right = sum(x["right"] for x in origin[side].values())
        assert right == result["plover"]["dateline"][side]["country_right"]
    assert "| source | " in ev.report(result)
