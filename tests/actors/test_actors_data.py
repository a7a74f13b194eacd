"""The actors stage's word lists are data: words.tsv parses, and a list it does not know is an error."""

from __future__ import annotations

import pytest

from dateline.actors.lexicon import WORD_LISTS, load_words


def test_every_word_list_has_words():
    words = load_words()
    assert set(words) == set(WORD_LISTS)
    assert all(words[name] for name in WORD_LISTS), [n for n in WORD_LISTS if not words[n]]
    assert words["person_pronoun"]["she"] == "f"
    assert words["thing_pronoun"]["they"] == "plural" and words["thing_pronoun"]["its"] == ""


def test_an_unknown_list_name_is_an_error(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("# list\tword\nspeech_verb\tmurmur\nspeach_verb\tgrumble\n", encoding="utf-8")
    with pytest.raises(ValueError, match="speach_verb"):
        load_words(path)
