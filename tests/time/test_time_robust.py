"""Odd and random input: the stage never fails and every span holds."""

from __future__ import annotations

import random

import pytest

from dateline.time import tag
from dateline.time.grammar import load


@pytest.mark.parametrize("text", ["", "   \n\n ", "2025", "Monday", "the", "'90s", "12/31/99", "0:00 a.m."])
def test_tiny_texts(nlp, text):
    for date in ("2025-08-28", None):
        for t in tag(nlp(text), date):
            assert text[t.start:t.end] == t.text


def test_random_word_salad_from_the_lexicon(nlp):
    g = load()
    rnd = random.Random(7)
    vocab = [w for cls in g.lexicon.values() for w in cls] + ["the", "of", "on", "in", "ago", ",", "1998",
                                                              "31", "45th", "2:61", "99:99", "-", "'"]
    text = " ".join(rnd.choice(vocab) for _ in range(1500))
    doc = nlp(text)
    for date in ("2025-08-28", "1900-01-01", "2099-12-31", None):
        out = tag(doc, date)
        assert out, "word salad of temporal words yields expressions"
        for t in out:
            assert text[t.start:t.end] == t.text
            assert t.type in ("DATE", "TIME", "DURATION", "SET")
        starts = [t.start for t in out]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in zip(out, out[1:], strict=False)), "expressions never overlap"
