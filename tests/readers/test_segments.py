"""The parts of a page, found on texts we wrote: each kind of furniture, the headline block, the
dateline, and texts that must stay all story."""

from __future__ import annotations

import pytest

from dateline.readers.segments import rules, segment
from dateline.record import FURNITURE, SEGMENT_KINDS


def kinds_of(text: str, **hints) -> list[tuple[str, str]]:
    segs = segment(text, **hints)
    assert all(g.kind in SEGMENT_KINDS for g in segs)
    assert all(text[g.start:g.end] == text[g.start:g.end].strip() for g in segs), "segments are stripped"
    return [(g.kind, text[g.start:g.end]) for g in segs]


PAGE = """TOWNSVILLE TODAY
Home | News | Politics | Sport | Weather
EXCLUSIVE
Flood waters cut off three villages in the north
By Lena Okafor
3 MIN READ

LOKOJA, Nigeria (Reuters) - Flood waters cut off three villages near the river on Monday, a local official said, and boats were sent to bring people out.

A man wades through a flooded street in Lokoja, Nigeria, October 6, 2025. REUTERS/Sam Ade
Rescue teams said they had reached about 400 people by the evening and would go on through the night.
Share this article
Related stories
Governor visits camps for displaced families
Storm damages bridge on main highway
Related Topics
Nigeria
© 2025 Townsville Today. All rights reserved
"""


def test_a_page_is_cut_into_its_parts_with_offsets_into_the_original_text():
    got = kinds_of(PAGE)
    assert got[:6] == [
        ("furniture", "TOWNSVILLE TODAY\nHome | News | Politics | Sport | Weather"),
        ("kicker", "EXCLUSIVE"),
        ("headline", "Flood waters cut off three villages in the north"),
        ("byline", "By Lena Okafor"),
        ("furniture", "3 MIN READ"),
        ("dateline", "LOKOJA, Nigeria (Reuters) -"),
    ]
    assert got[6][0] == "body" and got[6][1].startswith("Flood waters cut off three villages near")
    assert got[7] == ("caption", "A man wades through a flooded street in Lokoja, Nigeria, October 6, 2025. REUTERS/Sam Ade")
    assert got[8][0] == "body" and got[8][1].startswith("Rescue teams")
    assert got[9:] == [
        ("furniture", "Share this article"),
        ("related", "Related stories\nGovernor visits camps for displaced families\nStorm damages bridge on main highway"),
        ("furniture", "Related Topics\nNigeria\n© 2025 Townsville Today. All rights reserved"),
    ]


@pytest.mark.parametrize("line,kind", [
    ("2 MIN READ", "furniture"),
    ("Listen to this article", "furniture"),
    ("Facebook Twitter WhatsApp Email Copy link", "furniture"),
    ("Updated 4 hours ago", "dateline"),
    ("Tue 13 May 2025 10.32 BST", "dateline"),
    ("Publié le 18 mars 2025 à 11h20", "dateline"),
    ("Advertisement", "furniture"),
    ("Read more »", "furniture"),
    ("Copyright 2025 The Daily Star", "furniture"),
    ("Reporting by Lena Okafor; Editing by Sam Ade", "furniture"),
    ("Tags: Nigeria, Floods", "furniture"),
    ("READ MORE: Governor visits camps for displaced families", "related"),
    ("Lire aussi : La récolte de blé menacée", "related"),
    ("Flooded homes near the river. Photograph: Sam Ade/AFP/Getty Images", "caption"),
])
def test_each_kind_of_furniture_line_in_the_body(line, kind):
    # A timestamp line is the story's date (a dateline), not furniture: TimeML annotates it.
    lead = "Flood waters cut off three villages near the river on Monday, a local official said."
    rest = "Rescue teams said they had reached about 400 people by the evening, officials added."
    got = kinds_of(f"{lead}\n\n{line}\n\n{rest}")
    assert got == [("body", lead), (kind, line), ("body", rest)]


def test_a_headline_run_into_the_lead_and_a_deck_and_a_name_line_under_it():
    text = ("Army retakes airport after week of fighting\n"
            "Troops moved in at dawn after the rebels withdrew overnight from the terminal\n"
            "Jane Mwangi in Nairobi\n"
            "The army said on Sunday it had retaken the airport after a week of fighting with rebels.")
    assert [k for k, _ in kinds_of(text)] == ["headline", "byline", "body"]
    assert kinds_of(text)[0][1].endswith("from the terminal")  # the deck belongs to the headline block


def test_texts_without_page_parts_stay_all_story():
    one = "Rebels attack convoy near the border"  # one line without a full stop: the story itself
    assert kinds_of(one) == [("body", one)]
    story = ("North Korean leader Kim Jong Un will attend a military parade in China next week, both countries said.\n\n"
             "Some 26 leaders will also attend the parade in Beijing on September 3.")
    assert kinds_of(story) == [("body", story)]
    assert segment("") == [] and segment("   \n ") == []


def test_given_title_and_site_name_mark_the_headline_and_the_site_line():
    text = ("Daily Wire Service\nOfficials: talks will resume\nTalks between the two sides will resume in "
            "Geneva next week, officials from both governments said on Friday.")
    got = kinds_of(text, title="Officials: talks will resume", source="Daily Wire Service")
    assert got[:2] == [("furniture", "Daily Wire Service"), ("headline", "Officials: talks will resume")]


def test_long_lines_are_never_furniture_whatever_they_start_with():
    line = "Share " + " ".join(["prices"] * 40) + "."
    assert kinds_of(line) == [("body", line)]


def test_the_word_lists_are_data_with_known_kinds():
    kinds = {r.kind for r in rules()}
    assert kinds <= {"furniture", "furniture_list", "related", "related_list", "caption", "byline"}
    assert {"furniture", "related_list", "caption", "byline"} <= kinds
    assert set(FURNITURE) >= {"kicker", "byline", "caption", "related", "furniture"}
