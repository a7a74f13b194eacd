"""The dateline, found once per article (dateline.datelines) and shared through the analysis."""

from __future__ import annotations

import pytest

from dateline.datelines import find_dateline
from dateline.syntax import paragraph_of, paragraphs


def parts(text):
    d = find_dateline(text)
    if d is None:
        return None
    get = lambda span: text[span[0]:span[1]] if span else None  # noqa: E731
    return d.place_text(text), get(d.region), get(d.date), get(d.agency), text[d.start:d.end]


@pytest.mark.parametrize("text, expected", [
    ("LVIV, Ukraine, June 9 (Reuters) - Crews cleared the road.",
     ("LVIV", "Ukraine", "June 9", "Reuters", "LVIV, Ukraine, June 9 (Reuters) -")),
    ("OSLO, Feb 2 (NTB) -- Talks resumed.", ("OSLO", None, "Feb 2", "NTB", "OSLO, Feb 2 (NTB) --")),
    ("SAN JOSE \u2014 The council voted.", ("SAN JOSE", None, None, None, "SAN JOSE \u2014")),
    ("Council votes on budget\nQUITO, May 4 - The council voted.", ("QUITO", None, "May 4", None, "QUITO, May 4 -")),
    ("DAKAR (AFP) Farmers marched.", ("DAKAR", None, None, "AFP", "DAKAR (AFP)")),
])
def test_datelines(text, expected):
    assert parts(text) == expected


@pytest.mark.parametrize("text", [
    "ANTI-GRAFT marchers filled the square.",  # a hyphen inside a word is no dash
    "NATO said on Monday that it would meet.",  # capitals opening a sentence, no dash
    "The OSLO - talks",  # not at a line's start
    "I - for one - disagree.",  # one letter is no place
])
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_colon_form_only_when_no_other_dateline():
    text = "HYDERABAD: Heavy rain closed the schools."
    d = find_dateline(text)
    assert d.colon and d.place_text(text) == "HYDERABAD" and text[d.start:d.end] == "HYDERABAD:"
    text = "UPDATE: times changed\nPUNE, June 2 (PTI) - Heavy rain closed the schools."
    d = find_dateline(text)
    assert not d.colon and d.place_text(text) == "PUNE"
    assert find_dateline("I: one letter is no place") is None


def test_agency_known():
    text = "LIMA (Reuters) - x"
    assert find_dateline(text).agency_known(text)
    text = "LIMA (Our Desk) - x"
    assert not find_dateline(text).agency_known(text)


def test_paragraphs_and_their_index():
    text = "\n  First line. \n\n   \nSecond one\nThird"
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line.", "Second one", "Third"]
    of = paragraph_of(text)
    assert [of(text.index(w)) for w in ("First", "Second", "Third")] == [0, 1, 2]
    assert of(0) == 0
