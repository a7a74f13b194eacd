"""The PolNeAR scorer on a small brat file written for this test, and a run on two articles."""

from __future__ import annotations

import pytest
from conftest import DATASETS, need_shared

from dateline.eval import quotes as Q

TEXT = ('Mayor Anna Reyes said the bridge would reopen in May. "We are ready," he added.\n\n'
        "The council met on Monday.")


def _split(tmp_path, name: str, text: str, ann: str):
    """A PolNeAR-like split holding one article and its brat annotations."""
    split = tmp_path / "train"
    (split / "text").mkdir(parents=True, exist_ok=True)
    (split / "attributions").mkdir(exist_ok=True)
    (split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    (split / "attributions" / f"{name}_ab12.ann").write_text(ann, encoding="utf-8")
    return split


def _write(tmp_path):
    c1 = TEXT.index("the bridge")
    c1e = TEXT.index(" in May") + len(" in May")
    q = TEXT.index('"We')
    qe = TEXT.index('ready,"') + len('ready,"')
    he = TEXT.index("he added")
    ann = (f"T1\tSource 0 16\tMayor Anna Reyes\nT2\tCue 17 21\tsaid\nT3\tContent {c1} {c1e}\t{TEXT[c1:c1e]}\n"
           f"T4\tAttribution 17 21\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
           f"T5\tSource {he} {he + 2}\the\nT6\tContent {q} {qe}\t{TEXT[q:qe]}\n"
           f"T7\tAttribution {he + 3} {he + 8}\tadded\nE2\tAttribution:T7 Source:T5 Content:T6\n")
    return _split(tmp_path, "doc1", TEXT, ann)


def test_read_ann_and_pronoun_referent(tmp_path):
    docs = Q.load([str(_write(tmp_path))])
    assert len(docs) == 1 and len(docs[0].gold) == 2
    quoted = [g for g in docs[0].gold if g.quoted]
    assert len(quoted) == 1 and quoted[0].source_text == "he"
    assert quoted[0].referent == "Mayor Anna Reyes"


def test_score_counts_overlap_and_speakers(tmp_path):
    docs = Q.load([str(_write(tmp_path))])
    q = TEXT.index("We are")
    he = TEXT.index("he added")
    preds = [[
        # the direct quote, speaker "he" resolved to the mayor: right
        {"start": q, "end": q + 12, "kind": "direct", "sstart": he, "send": he + 2,
         "sname": "Anna Reyes", "stext": "he"},
        # an invented quote over "The council met": matches nothing
        {"start": TEXT.index("The council"), "end": len(TEXT), "kind": "indirect",
         "sstart": None, "send": None, "sname": None, "stext": None},
    ]]
    s = Q.score(docs, preds)
    assert (s["predicted"], s["gold"], s["precision"], s["recall"]) == (2, 2, 0.5, 0.5)
    assert s["speaker_accuracy"] == 1.0
    assert (s["pronoun_resolution"], s["pronoun_speakers"]) == (1.0, 1)
    # the same "he" resolved to somebody else: the span still overlaps, the resolution is wrong
    other = [[{**preds[0][0], "sname": "Tom Hale"}]]
    assert Q.score(docs, other)["speaker_accuracy"] == 1.0
    assert Q.score(docs, other)["pronoun_resolution"] == 0.0
    d = Q.score(docs, preds, kinds=("direct",))
    assert (d["predicted"], d["gold"], d["precision"], d["recall"]) == (1, 1, 1.0, 1.0)
    c = TEXT.index("The council")
    wrong = [[{**preds[0][0], "sstart": c, "send": c + 11, "sname": "City Council", "stext": "The council"}]]
    assert Q.score(docs, wrong)["speaker_accuracy"] == 0.0


def test_evaluate_on_two_polnear_articles():
    path = need_shared(DATASETS / "polnear" / "train")
    result = Q.evaluate([str(path)], limit=2)
    assert result["documents"] == 2
    assert result["dateline"]["all"]["predicted"] > 0
    assert "| dateline | all |" in Q.report(result)
    pytest.importorskip("textacy", reason="the eval extra (textacy, the baseline) is not installed")
    assert "textacy" in result, result.get("textacy_error")


def test_nested_source_inner_speaker_named_by_the_gold_content(tmp_path):
    # PolNeAR folds '..., Reyes said' into the Content of the outer source ('according to the
    # Gazette'): the inner speaker counts, by the outer-only figure it does not; a speaker inside
    # the quotation marks of the Content never counts
    text = '"The bridge opens in May," Reyes said, according to the Gazette.\n'
    ce = text.index(" said") + len(" said")
    acc = text.index("according to")
    gz = text.index("the Gazette")
    ann = (f"T1\tSource {gz} {gz + 11}\tthe Gazette\nT2\tCue {acc} {acc + 12}\taccording to\n"
           f"T3\tContent 0 {ce}\t{text[:ce]}\nT4\tAttribution {acc} {acc + 12}\taccording to\n"
           "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n")
    split = _split(tmp_path, "doc2", text, ann)
    docs = Q.load([str(split)])
    r = text.index("Reyes")
    pred = {"start": 1, "end": text.index(',"'), "kind": "direct", "sstart": r, "send": r + 5,
            "sname": "Ana Reyes", "stext": "Reyes"}
    s = Q.score(docs, [[pred]])
    assert (s["speaker_accuracy"], s["speaker_accuracy_outer"]) == (1.0, 0.0)
    b = text.index("bridge")
    inside = {**pred, "sstart": b, "send": b + 6, "sname": "Bridge", "stext": "bridge"}
    assert Q.score(docs, [[inside]])["speaker_accuracy"] == 0.0


def _one_doc(tmp_path, text, ann):
    split = _split(tmp_path, "doc3", text, ann)
    return Q.load([str(split)])


def test_source_marked_on_the_cue_does_not_judge_and_relative_takes_its_antecedent(tmp_path):
    text = 'They handed out leaflets that said "Vote early." Reyes said "No."\n'
    that = text.index("that said")
    said = that + 5
    q1 = text.index('"Vote')
    r2 = text.index("Reyes said") + 6
    q2 = text.index('"No')
    ann = (f"T1\tSource {that} {that + 4}\tthat\nT2\tCue {said} {said + 4}\tsaid\n"
           f"T3\tContent {q1} {q1 + 12}\t{text[q1:q1 + 12]}\nT4\tAttribution {said} {said + 4}\tsaid\n"
           "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
           f"T5\tSource {r2} {r2 + 4}\tsaid\nT6\tCue {r2} {r2 + 4}\tsaid\n"
           f"T7\tContent {q2} {q2 + 5}\t{text[q2:q2 + 5]}\nT8\tAttribution {r2} {r2 + 4}\tsaid\n"
           "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n")
    docs = _one_doc(tmp_path, text, ann)
    assert docs[0].gold[1].source == []  # 'said' as Source: nothing to judge a speaker by
    lf = text.index("leaflets")
    pred = {"start": q1 + 1, "end": q1 + 11, "kind": "direct", "sstart": lf, "send": lf + 8,
            "sname": None, "stext": "leaflets"}
    assert Q.score(docs, [[pred]])["speaker_accuracy"] == 1.0
    wrong = {**pred, "sstart": 0, "send": 4, "stext": "They"}
    assert Q.score(docs, [[wrong]])["speaker_accuracy"] == 0.0
    no = {"start": q2 + 1, "end": q2 + 4, "kind": "direct", "sstart": 0, "send": 4, "sname": None, "stext": "They"}
    assert Q.score(docs, [[no]])["speaker_accuracy"] is None  # matched, but not judged


def test_swapped_source_and_cue_labels_are_judged_against_the_cue(tmp_path):
    # an annotator marked 'said' as the Source and the speaker as the Cue: the speaker is judged
    # against the Cue span, and the repair is counted
    text = '"The bridge opens in May," said Anna Reyes, the mayor.\n'
    qe = text.index(" said")
    said = qe + 1
    name = text.index("Anna")
    ne = text.index(".\n")
    ann = (f"T1\tContent 0 {qe}\t{text[:qe]}\nT2\tSource {said} {said + 4}\tsaid\n"
           f"T3\tCue {name} {ne}\t{text[name:ne]}\nT4\tAttribution {name} {ne}\t{text[name:ne]}\n"
           "E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1\n")
    split = _split(tmp_path, "doc3", text, ann)
    docs = Q.load([str(split)])
    (g,) = docs[0].gold
    assert g.swapped and g.source_text == "Anna Reyes, the mayor"
    pred = {"start": 1, "end": 24, "kind": "direct", "sstart": name, "send": name + 10,
            "sname": "Anna Reyes", "stext": "Anna Reyes"}
    assert Q.score(docs, [[pred]])["speaker_accuracy"] == 1.0
    wrong = {**pred, "sstart": said, "send": said + 4, "sname": None, "stext": "said"}
    assert Q.score(docs, [[wrong]])["speaker_accuracy"] == 0.0
