"""Every data file parses with the one reader, and no word list is kept twice."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from dateline import lexicon
from dateline.lexicon import (
    CITIES,
    CITY_COLUMNS,
    COUNTRIES,
    LIST_SEP,
    alpha3_codes,
    cities,
    city_lines,
    countries,
    read_json,
    split_list,
    tsv_records,
    tsv_rows,
    word_lines,
    words,
    write_countries,
)

PKG = Path(lexicon.__file__).parent
DATA_FILES = sorted(p for p in PKG.rglob("*") if p.is_file() and p.parent.name == "data"
                    and p.suffix in (".tsv", ".json", ".txt", ".gz"))
# tables read by their header row (the others name their columns in a comment)
HEADED = {"data", "places/data", "ontology/data"}


def _rel(p: Path) -> str:
    return str(p.relative_to(PKG))


def _param(p: Path):
    # the big tables take seconds to read: out of `make test-fast`
    return pytest.param(p, marks=pytest.mark.slow, id=_rel(p)) if p.stat().st_size > 1_000_000 else \
        pytest.param(p, id=_rel(p))


@pytest.mark.parametrize("path", [_param(p) for p in DATA_FILES])
def test_data_file_parses(path):
    if path.suffix == ".json":
        assert isinstance(read_json(path), dict)
    elif path.suffix == ".txt":
        assert word_lines(path)
    elif str(path.parent.relative_to(PKG)) in HEADED and path.name.endswith((".tsv", ".tsv.gz")) \
            and path.name not in ("cities.tsv.gz", "city_names.tsv.gz"):  # prebuilt lookup indexes
        rows = list(tsv_rows(path))
        assert rows, f"{_rel(path)} is empty"
        widths = {len(r) for r in rows}
        assert max(widths) <= len(rows[0]), f"{_rel(path)}: rows wider than the header"
    else:
        assert list(tsv_rows(path)), f"{_rel(path)} is empty"


def test_comments_blank_lines_and_list_cells(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("# a comment\nname\taliases\n\n  # indented comment\nKyiv\tKiev| Kijev |\nLviv\n",
                 encoding="utf-8")
    assert list(tsv_rows(p)) == [["name", "aliases"], ["Kyiv", "Kiev| Kijev |"], ["Lviv"]]
    rows = list(tsv_records(p))
    assert rows == [{"name": "Kyiv", "aliases": "Kiev| Kijev |"}, {"name": "Lviv", "aliases": ""}]
    assert split_list(rows[0]["aliases"]) == ["Kiev", "Kijev"] and LIST_SEP == "|"
    assert [n for n, _ in tsv_rows(p, numbered=True)] == [2, 5, 6]


def test_json_comments_dropped_and_shared_lists_filled_in(tmp_path):
    p = tmp_path / "t.json"
    p.write_text(json.dumps({"_doc": "x", "aux": "english:future_aux", "inner": {"_doc": 1, "k": [1]}}))
    assert read_json(p) == {"aux": sorted(words("future_aux"), key=list(lexicon.english()["future_aux"]).index),
                            "inner": {"k": [1]}}


def test_unknown_shared_list_is_named():
    with pytest.raises(KeyError, match="no word list 'speach_verbs'"):
        words("speach_verbs")


def test_verb_forms():
    assert {"say", "says", "said", "saying"} <= lexicon.verb_forms("say")
    assert {"deny", "denies", "denied", "denying"} <= lexicon.verb_forms("deny")
    assert {"note", "notes", "noted", "noting"} <= lexicon.verb_forms("note")


def test_one_country_table_two_views():
    actors = {c["iso3"]: c for c in countries("actors")}
    places = {c["iso3"]: c for c in countries("places")}
    assert not (PKG / "actors/data/countries.tsv").exists() and not (PKG / "places/data/countries.tsv").exists()
    # "Georgia" alone is the country for places, only a contextual name for actors
    assert places["GEO"]["name"] == "Georgia" and actors["GEO"]["name"] == "Republic of Georgia"
    assert "Georgia" not in actors["GEO"]["names"] and actors["GEO"]["contextual"] == ["Georgia"]
    assert {"Afghan"} <= set(actors["AFG"]["adjectives"]) & set(places["AFG"]["adjectives"])
    assert places["GBR"]["capitals"][0] == "London" and "Downing Street" in actors["GBR"]["capitals"]
    assert "XKX" in actors and "XKX" not in places  # no centre: the actors' alone
    with pytest.raises(ValueError, match="no country view"):
        countries("time")


def test_country_table_writer_is_the_readers_inverse(tmp_path):
    """Writing the two views back gives the table as it is: each fact in one column."""
    views = {s: {c["iso3"]: c for c in countries(s)} for s in ("actors", "places")}
    rows = []
    for iso, a in views["actors"].items():
        p = views["places"].get(iso, {})
        rows.append((p or a) | {"actors": {"names": a["names"], "adjectives": a["adjectives"]},
                                "places": {"names": p["names"], "adjectives": p["adjectives"]} if p else {},
                                "demonyms": a["demonyms"], "capitals": a["capitals"], "contextual": a["contextual"]})
    write_countries(rows, tmp_path / "c.tsv")
    assert list(tsv_rows(tmp_path / "c.tsv")) == list(tsv_rows(COUNTRIES))


def test_one_city_table_most_populous_first():
    """``cities`` stops at the first city under its bound: the table must be sorted by population,
    and every city's country must be a row of the country table (Kosovo's "XK" included)."""
    assert not (PKG / "actors/data/cities.tsv").exists() and not (PKG / "places/data/cities.tsv.gz").exists()
    assert next(tsv_rows(CITIES)) == list(CITY_COLUMNS)
    rows = [line.split("\t") for line in city_lines()]
    people = [int(r[4] or 0) for r in rows]
    assert len(rows) > 150_000 and people == sorted(people, reverse=True)
    assert {r[2] for r in rows} <= set(alpha3_codes()), {r[2] for r in rows} - set(alpha3_codes())
    assert alpha3_codes()["XK"] == "XKX" and alpha3_codes()["GB"] == "GBR"


def test_cities_read_the_top_of_the_table_alone_or_the_lines_read(monkeypatch):
    city_lines.cache_clear()
    try:
        streamed = list(cities(100_000))
        assert city_lines.cache_info().currsize == 0  # the bounded read left the table unread
        assert city_lines() is city_lines()  # read once, then shared (the places gazetteer keeps it)
        assert list(cities(100_000)) == streamed
    finally:
        city_lines.cache_clear()
    names = {n: (iso, people) for n, iso, people in reversed(streamed)}  # the most populous of a name
    assert names["Shanghai"][0] == "CHN" and names["Kirkuk"][0] == "IRQ" and names["Pristina"][0] == "XKX"
    assert min(p for _, p in names.values()) >= 100_000


def _string_lists(value, where, out):
    """Every list of three or more strings inside a JSON value, with where it is."""
    if isinstance(value, dict):
        for k, v in value.items():
            if not k.startswith("_"):
                _string_lists(v, f"{where}.{k}", out)
    elif isinstance(value, list) and len(value) >= 3 and all(isinstance(x, str) for x in value):
        out.append((where, frozenset(x.lower() for x in value)))


def _code_sets():
    """Module-level set or tuple literals of three or more strings in the package's code."""
    out = []
    for py in PKG.rglob("*.py"):
        for node in ast.parse(py.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Set, ast.List, ast.Tuple)):
                elts = node.value.elts
                if len(elts) >= 3 and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elts):
                    out.append((f"{_rel(py)}:{node.lineno}", frozenset(e.value.lower() for e in elts)))
    return out


def test_no_word_list_is_kept_twice():
    shared = [(f"english.json:{k}", frozenset(map(str.lower, v)))
              for k, v in lexicon.english().items() if isinstance(v, list)]
    stage_lists: list = []
    for path in DATA_FILES:
        if path.suffix == ".json" and path.name != "english.json":  # as written: references unfilled
            _string_lists(json.loads(path.read_text(encoding="utf-8")), _rel(path), stage_lists)
    seen: dict[frozenset, str] = {}
    for where, items in shared + stage_lists + _code_sets():
        other = seen.setdefault(items, where)
        # the same list twice in one file can be two meanings that happen to agree (data decides)
        assert other == where or other.split(":")[0].split(".json")[0] == where.split(":")[0].split(".json")[0], \
            f"{where} repeats {other}: use the one list (docs/data.md)"


def test_shared_list_names_are_not_redefined_in_stage_data():
    names = set(lexicon.english())
    for path in DATA_FILES:
        if path.suffix == ".json" and path.name != "english.json":
            raw = json.loads(path.read_text(encoding="utf-8"))
            for key, value in raw.items():
                assert not (key in names and isinstance(value, list)), \
                    f"{_rel(path)} keeps its own copy of {key!r}: write \"english:{key}\""
