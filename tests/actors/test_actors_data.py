"""The actors stage's word lists are data: words.tsv parses, a list it does not know is an error, and
the lists other stages share come from dateline/data/english.json; the actors' cities are the shared
city table's."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.actors.lexicon import CITY_PEOPLE, WORD_LISTS, Lexicon, load, load_words
from dateline.lexicon import cities, tsv_records


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


def test_the_city_view_is_the_shared_tables_biggest_of_each_name():
    lex = load()
    assert lex.cities["Kirkuk"] == "IRQ" and lex.cities["Mosul"] == "IRQ" and lex.cities["Pristina"] == "XKX"
    assert lex.cities["Tripoli"] == "LBY" and lex.homonyms["Tripoli"] == ("LBY", "LBN")  # most populous first
    assert lex.cities["New York"] == lex.cities["New York City"] == "USA"  # city_alias
    assert "Virginia" not in lex.cities and lex.cities["Washington"] == "USA"  # not_city: the state
    big = {name for name, _, people in cities(CITY_PEOPLE)}
    assert set(lex.cities) - big == {"New York"}


def test_not_city_and_aliases_rules():
    lex = Lexicon()
    lex.add_cities({"Kirkuk", "Washington"}, {"Big Apple": "New York City", "Nowhere": "No Such City"})
    assert "Kirkuk" not in lex.cities  # a name news means otherwise, left out abroad
    assert lex.cities["Washington"] == "USA"  # ... but a US city of that name stays
    assert lex.cities["Big Apple"] == "USA" and "Nowhere" not in lex.cities
    assert "Tripoli" in lex.homonyms and "Kirkuk" not in lex.homonyms


def test_no_town_abroad_is_named_like_a_us_state():
    """A rebuilt city table may bring a new foreign town named like a US state: add it to not_city."""
    states = {r["name"] for r in tsv_records(Path(__file__).parents[2] / "dateline/places/data/admin1.tsv")
              if r["country"] == "US"}
    lex = load()
    assert len(states) >= 50 and not {n: lex.cities[n] for n in states & set(lex.cities) if lex.cities[n] != "USA"}


def test_a_users_cities_file_wins(tmp_path):
    path = tmp_path / "my_cities.tsv"
    path.write_text("# name\tcountry\tpopulation\nKirkuk\tXYZ\t1\n", encoding="utf-8")
    lex = load((str(path),))
    assert lex.cities["Kirkuk"] == "XYZ" and load().cities["Kirkuk"] == "IRQ"
