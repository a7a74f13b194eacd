"""The actors stage's word lists are data: words.tsv parses, a list it does not know is an error, and
the lists other stages share come from dateline/data/english.json."""

from __future__ import annotations

import pytest

from dateline.actors.lexicon import WORD_LISTS, load_words


def test_every_word_list_has_words():
    words = load_words()
    assert set(words) == set(WORD_LISTS)
    assert all(words[name] for name in WORD_LISTS), [n for n in WORD_LISTS if not words[n]]
    assert words["gendered_title"]["spokeswoman"] == "f"
    assert "police" not in words["home_sector"] and "COP" in words["home_sector"]


def test_an_unknown_list_name_is_an_error(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("# list\tword\nvenue_verb\tconvene\nvenu_verb\tassemble\n", encoding="utf-8")
    with pytest.raises(ValueError, match="venu_verb"):
        load_words(path)


def test_shared_lists_come_from_the_english_file():
    from dateline.actors import lexicon
    from dateline.lexicon import words

    assert lexicon.SPEECH_VERBS == set(words("speech_verbs"))
    assert set(words("female_pronouns")) <= lexicon.PERSON_PRONOUNS
    assert lexicon.THING_PRONOUNS["they"] is True and lexicon.THING_PRONOUNS["its"] is False
