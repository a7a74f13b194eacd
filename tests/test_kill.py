"""kill -9 at three random points of an ingest of 60 articles, then a re-run: every article is
stored exactly once, every committed batch is whole, and the counts add up."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import duckdb
import pytest

N, BATCH = 60, 5
STORY = ("The council of {town} voted on {day} to rebuild the old bridge over the river, the mayor said. "
         "Work will start in {month} and last {n} months. “We have waited long enough,” she told reporters.")
TOWNS = ["Mostar", "Ghent", "Tartu", "Pecs", "Braga", "Ohrid", "Kaunas", "Split", "Lviv", "Bergen"]


def corpus(path) -> None:
    rng = random.Random(11)
    with path.open("w") as f:
        for i in range(N):
            text = STORY.format(town=TOWNS[i % 10], day=rng.choice(["Monday", "Friday"]),
                                month=rng.choice(["May", "June"]), n=i + 2)
            f.write(json.dumps({"id": f"bridge-{i}", "text": text, "date": "2026-03-02"}) + "\n")


def stored(db) -> tuple[int, int, int]:
    """(articles, distinct ids, child rows whose article is not stored)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        n, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        orphans = sum(con.execute(f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)")
                      .fetchone()[0] for t in ("timexes", "actors", "quotes", "events", "places"))
        return n, distinct, orphans
    finally:
        con.close()


@pytest.mark.slow
def test_kill_nine_at_three_random_points_then_a_rerun_stores_each_article_once(tmp_path):
    src, db = tmp_path / "in.jsonl", tmp_path / "s.duckdb"
    corpus(src)
    cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(src), "--db", str(db), "--batch-size", str(BATCH),
           "--stages", "time"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "HF_HUB_OFFLINE": "1"}
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    last = kills = 0
    for _ in range(3):
        # a point past the articles already stored: after some commits, at a random moment in a batch
        target = min(N - BATCH, last + BATCH * rng.randint(1, 3))
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
        for line in proc.stderr:
            if "committed" in line and int(line.split("committed")[1].split()[0]) >= target - last:
                time.sleep(rng.uniform(0, 0.2))
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait()
        proc.stderr.close()
        kills += proc.returncode == -signal.SIGKILL
        n, distinct, orphans = stored(db)
        assert n == distinct and orphans == 0, f"seed {seed}: a killed ingest left a partial batch"
        assert n % BATCH == 0 and last <= n <= N, f"seed {seed}: {n} stored"
        last = n
    assert kills >= 2, f"seed {seed}: the ingest finished before it could be killed"
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    summary = [x for x in done.stderr.splitlines() if "articles stored" in x][-1]
    assert f"{N - last} articles stored" in summary and f"({last} already there" in summary and " 0 errors" in summary
    assert stored(db) == (N, N, 0)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 0
    dup = con.execute("SELECT count(*) FROM (SELECT article_id, idx FROM timexes GROUP BY 1, 2 HAVING count(*) > 1)")
    assert dup.fetchone()[0] == 0
    con.close()
