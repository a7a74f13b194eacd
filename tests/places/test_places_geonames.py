"""Loading a GeoNames dump (allCountries.txt format) in place of our cities table."""

from __future__ import annotations

from dateline.places import gazetteer

# geonameid, name, asciiname, alternatenames, lat, lon, feature class, feature code, country,
# cc2, admin1, admin2, admin3, admin4, population, elevation, dem, timezone, modification date.
# Made-up places (ids above any real GeoNames id) so that the test proves these rows were used.
ROWS = [
    ("990000001", "Quillwater", "Quillwater", "Quilwater,Quill Water", "44.5", "-72.1", "P", "PPL", "US",
     "", "VT", "", "", "", "8200", "", "300", "America/New_York", "2024-01-01"),
    ("990000002", "Quillwater", "Quillwater", "", "-33.1", "151.2", "P", "PPL", "AU",
     "", "02", "", "", "", "300", "", "20", "Australia/Sydney", "2024-01-01"),
    ("990000003", "Brannock Sound", "Brannock Sound", "", "45.0", "-70.0", "H", "SD", "US",
     "", "ME", "", "", "", "0", "", "0", "America/New_York", "2024-01-01"),
    ("990000004", "Old Mill Square", "Old Mill Square", "", "44.51", "-72.11", "S", "SQR", "US",
     "", "VT", "", "", "", "0", "", "300", "America/New_York", "2024-01-01"),
]


def write_dump(path):
    path.write_text("".join("\t".join(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def test_dump_loads_places_with_features_and_ids(tmp_path):
    g = gazetteer.load(str(write_dump(tmp_path / "allCountries.txt")))
    towns = [e for e, exact in g.lookup("Quillwater") if exact]
    assert {(e.country, e.geonames_id) for e in towns} == {("USA", 990000001), ("AUS", 990000002)}
    assert [e.feature for e, _ in g.lookup("Brannock Sound")] == ["body of water"]
    assert [e.feature for e, _ in g.lookup("Old Mill Square")] == ["landmark"]
    # Alternate names are looked up, but marked as such.
    assert [(e.geonames_id, exact) for e, exact in g.lookup("Quill Water")] == [(990000001, False)]
    # Countries and our own table stay.
    assert g.lookup("Canada")[0][0].feature == "country"
    assert g.lookup("Tiananmen Square")[0][0].country == "CHN"


def test_stage_uses_the_dump(analyse, tmp_path):
    dump = write_dump(tmp_path / "allCountries.txt")
    rec = analyse("Crews in Vermont cleared snow in Quillwater on Monday.", stages=("places",),
                  config={"places": {"geonames": str(dump)}})
    town = next(p for p in rec.places if p.text == "Quillwater")
    assert (town.geonames_id, town.country, town.lat) == (990000001, "USA", 44.5)


def test_missing_dump_is_a_clear_error(tmp_path):
    import pytest

    with pytest.raises(FileNotFoundError, match="GeoNames file"):
        gazetteer.load(str(tmp_path / "nope.txt"))
