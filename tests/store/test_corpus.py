"""The corpus layer on hand-built records: copies, occurrences, idempotence and order."""

import itertools

import pytest
from corpus_records import MET, WIRE, record, stories

from dateline.store import Store, Stored
from dateline.store import dedup as dedup_module


def _wire(date="2026-01-06", source="AP", text=WIRE):
    return record(text, date, source, [MET])


def _snapshot(s: Store) -> dict:
    return {t: sorted(s.con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("duplicates", "occurrences", "occurrence_mentions", "dyad_months")}


def test_a_light_rewrite_is_a_copy_of_the_first_article_and_an_independent_report_is_not(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        recs = stories()
        s.write_batch([Stored(r) for r in recs])
        (row,) = s.con.execute("SELECT * FROM duplicates").fetchall()
        assert row[:2] == (recs[1].article.id, recs[0].article.id) and 0.5 <= row[2] < 1


def test_the_first_of_a_cluster_is_the_earliest_published_whatever_came_in_first(tmp_path):
    early = _wire(date="2026-01-06", source="AP")
    late = _wire(date="2026-01-09", source="Daily Star", text=WIRE + " More follows.")
    with Store(tmp_path / "s.duckdb") as s:
        s.write_batch([Stored(late)])
        assert s.con.execute("SELECT count(*) FROM duplicates").fetchone() == (0,)
        s.write_batch([Stored(early)])
        assert s.con.execute("SELECT article_id, duplicate_of FROM duplicates").fetchall() == \
            [(late.article.id, early.article.id)]


def test_occurrences_merge_what_one_thing_reported_many_times_is(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        recs = stories()
        s.write_batch([Stored(r) for r in recs])
        occ = {(r[1], r[10]): r for r in s.con.execute("SELECT * FROM occurrences").fetchall()}
        cols = [d[0] for d in s.con.execute("SELECT * FROM occurrences LIMIT 0").description]
        meet = dict(zip(cols, occ[("CONSULT", __import__("datetime").date(2026, 1, 5))], strict=True))
        # the wire story, its copy (counted once), and the NHK report of the same week join;
        # Reuters' "Japanese capital" is another place name, so its report stays apart
        assert (meet["num_mentions"], meet["num_articles"], meet["num_sources"], meet["num_copies"]) == (2, 2, 2, 1)
        assert meet["place_name"] == "Tokyo" and meet["date_end"] == meet["date"]
        assert (str(meet["first_seen"]), str(meet["last_seen"])) == ("2026-01-06", "2026-01-09")
        assert meet["source_country"] == "CHN" and meet["target_sector"] == "GOV" and meet["goldstein"] == 1.0
        protests = s.con.execute("SELECT place_name FROM occurrences WHERE type = 'PROTEST' ORDER BY 1").fetchall()
        assert protests == [("Nagoya",), ("Osaka",)]  # same day, other places: two occurrences
        (deal,) = s.con.execute("SELECT num_mentions, two_sided, source_country, target_country "
                                "FROM occurrences WHERE type = 'AGREE'").fetchall()
        assert deal == (1, True, "JPN", "KOR")  # both directions: one occurrence, one mention


def test_merging_is_idempotent_and_does_not_depend_on_the_order_of_ingests(tmp_path):
    recs = stories()
    with Store(tmp_path / "all.duckdb") as s:
        s.write_batch([Stored(r) for r in recs])
        want = _snapshot(s)
        s.write_batch([Stored(r) for r in recs])  # re-ingesting changes nothing
        assert _snapshot(s) == want
    for n, order in enumerate(itertools.islice(itertools.permutations(range(len(recs))), 0, 720, 97)):
        with Store(tmp_path / f"o{n}.duckdb") as s:
            for i in order:
                s.write_batch([Stored(recs[i])])
            assert _snapshot(s) == want, order
    a, b = recs[:3], recs[3:]
    with Store(tmp_path / "ab.duckdb") as s1, Store(tmp_path / "ba.duckdb") as s2:
        s1.write_batch([Stored(r) for r in a])
        s1.write_batch([Stored(r) for r in b])
        s2.write_batch([Stored(r) for r in b])
        s2.write_batch([Stored(r) for r in a])
        assert _snapshot(s1) == _snapshot(s2) == want


def test_a_store_filled_without_the_corpus_layer_catches_up_and_a_new_threshold_reclusters(tmp_path):
    recs = stories()
    db = tmp_path / "s.duckdb"
    with Store(db, corpus=False) as s:
        s.write_batch([Stored(r) for r in recs])
        assert s.con.execute("SELECT count(*) FROM occurrences").fetchone() == (0,)
    with Store(tmp_path / "ref.duckdb") as ref:
        ref.write_batch([Stored(r) for r in recs])
        want = _snapshot(ref)
    with Store(db) as s:
        assert _snapshot(s) == want
    with Store(db, dup_threshold=0.99) as s:
        assert s.con.execute("SELECT count(*) FROM duplicates").fetchone() == (0,)
        assert s.con.execute("SELECT max(num_copies) FROM occurrences").fetchone() == (0,)
    with Store(db) as s:  # the store keeps the threshold it was last given
        assert dedup_module.threshold(s.con) == 0.99
    with pytest.raises(ValueError):
        Store(db, dup_threshold=1.5)


def test_dates_a_report_allows():
    from datetime import date

    from dateline.store.occurrences import days

    d = date(2026, 1, 8)
    assert days("2026-01-05", "text", d) == (date(2026, 1, 5),) * 2
    assert days("2026-W02", "text", d) == (date(2026, 1, 5), date(2026, 1, 11))
    assert days("2026-W02-WE", "text", d) == (date(2026, 1, 10), date(2026, 1, 11))
    assert days("2026-02", "text", d) == (date(2026, 2, 1), date(2026, 2, 28))
    assert days("2026-01-08", "article", d) == (date(2026, 1, 2), d)  # the week up to publication
    assert days("2019", "text", d) is None and days("2026-02-30", "text", d) is None
    assert days(None, "article", None) is None


def test_signatures_estimate_jaccard_similarity():
    words = [f"w{i}" for i in range(400)]
    a = " ".join(words)
    b = " ".join(words[:300] + [f"x{i}" for i in range(100)])  # 296 of 496 shingles shared: 0.60
    sa, sb = dedup_module.signature(a).tobytes(), dedup_module.signature(b).tobytes()
    assert abs(dedup_module.similarity(sa, sb) - 296 / 496) < 0.1
    assert dedup_module.similarity(sa, dedup_module.signature("something else entirely, a few words").tobytes()) \
        < 0.05
    assert dedup_module.signature("") is not None


def test_a_shared_footer_marked_as_furniture_does_not_make_two_stories_copies(tmp_path):
    from dateline.record import Segment

    footer = " ".join(f"Boilerplate word{i} of the agency footer." for i in range(40))
    recs = []
    for story in ("Rain delayed the harvest in the south, farmers said.",
                  "Dock workers stayed off the job for a third day, the union said."):
        text = story + "\n" + footer
        r = record(text, "2026-03-09", "Agency")
        r.segments = [Segment("body", 0, len(story)), Segment("furniture", len(story) + 1, len(text))]
        recs.append(r)
    with Store(tmp_path / "s.duckdb") as s:
        s.write_batch([Stored(r) for r in recs])
        assert s.con.execute("SELECT count(*) FROM duplicates").fetchone() == (0,)
    for r in recs:
        r.segments = []
    with Store(tmp_path / "bare.duckdb") as s:  # the same texts without segments: the footer decides
        s.write_batch([Stored(r) for r in recs])
        assert s.con.execute("SELECT count(*) FROM duplicates").fetchone() == (1,)
