"""Latency of the HTTP API over a store of synthetic events, timed from a second process on loopback.

    .venv/bin/python benchmarks/serve.py [--events 1000000] [--requests 60] [--seconds 120]

Builds a store of N synthetic mention events (10 per article, 30 countries, PLOVER types, three
years of dates) inserted directly through DuckDB, with their occurrences (events of the same type,
dyad and day merged), starts `dateline serve` on it in a child process on a free loopback port, and
times requests for `events` with filters, `dyads` and `network`: p50 and p95 per kind. Requests are
bounded in count and in time, and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.store import Store  # noqa: E402
from dateline.store.occurrences import refill_dyad_months  # noqa: E402

COUNTRIES = ["USA", "CHN", "RUS", "UKR", "IRN", "ISR", "PSE", "IND", "PAK", "GBR", "FRA", "DEU", "TUR", "SYR",
             "IRQ", "SAU", "EGY", "NGA", "KEN", "ETH", "SDN", "COD", "BRA", "MEX", "VEN", "COL", "JPN", "KOR",
             "PRK", "TWN"]
SECTORS = ["GOV", "MIL", "COP", "REB", "OPP", "CVL", "BUS", "MED"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def sql_list(values: list[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def build(db: Path, n_events: int) -> None:
    n_articles = max(1, n_events // 10)
    c, s, t = sql_list(COUNTRIES), sql_list(SECTORS), sql_list(TYPES)
    with Store(db) as store:
        con = store.con
        con.execute(f"""INSERT INTO articles (id, date, title, source, text, record, language)
            SELECT 'a' || i, DATE '2024-01-01' + CAST(i % 1095 AS INTEGER), 'Synthetic article ' || i,
                   'outlet' || (i % 40), 'synthetic', '{{}}', 'en' FROM range({n_articles}) r(i)""")
        con.execute(f"""INSERT INTO events (article_id, event_id, type, cameo, quad_class, goldstein,
                source_country, source_sector, target_country, target_sector, date_value, date_from, status,
                confidence, trigger_text, trigger_start, trigger_end, sentence_start, sentence_end)
            SELECT 'a' || (i // 10), 'e' || (i % 10), {t}[1 + CAST(hash(i, 1) % 16 AS INTEGER)], '0' || (i % 9),
                   1 + CAST(hash(i, 2) % 4 AS INTEGER), (CAST(hash(i, 3) % 200 AS INTEGER) - 100) / 10.0,
                   {c}[1 + CAST(hash(i, 4) % 30 AS INTEGER)], {s}[1 + CAST(hash(i, 5) % 8 AS INTEGER)],
                   {c}[1 + CAST(hash(i, 6) % 30 AS INTEGER)], {s}[1 + CAST(hash(i, 7) % 8 AS INTEGER)],
                   CAST(DATE '2024-01-01' + CAST((i // 10) % 1095 AS INTEGER) AS VARCHAR), 'text', 'asserted',
                   0.5 + (hash(i, 8) % 50) / 100.0, 'met', 0, 3, 0, 10
            FROM range({n_events}) r(i)""")
        # occurrences: the mentions of one type, dyad and day merged, as the corpus layer merges them
        con.execute("""CREATE TEMP TABLE g AS SELECT row_number() OVER () AS id, type, source_country, source_sector,
                target_country, target_sector, CAST(date_value AS DATE) AS date, count(*) AS n,
                count(DISTINCT article_id) AS na, avg(goldstein) AS gs, avg(confidence) AS cf, min(quad_class) AS q
            FROM events GROUP BY ALL""")
        con.execute("""INSERT INTO occurrences (id, type, status, cameo, quad_class, source_country, source_sector,
                target_country, target_sector, two_sided, date, date_end, num_mentions, num_articles, num_sources,
                num_copies, first_seen, last_seen, goldstein, confidence, root_event)
            SELECT id, type, 'asserted', NULL, q, source_country, source_sector, target_country, target_sector,
                   false, date, date, n, na, na, 0, date, date, gs, cf, true FROM g""")
        con.execute("""INSERT INTO occurrence_mentions (article_id, event_id, occurrence_id, group_key, lo, hi, place_key)
            SELECT e.article_id, e.event_id, g.id, '', g.date, g.date, '' FROM events e JOIN g
              ON g.type = e.type AND g.source_country = e.source_country AND g.source_sector = e.source_sector
             AND g.target_country = e.target_country AND g.target_sector = e.target_sector
             AND g.date = CAST(e.date_value AS DATE)""")
        refill_dyad_months(con)  # the monthly dyad table the corpus layer keeps at each ingest
        con.execute("CHECKPOINT")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def requests_of(kind: str, rng: random.Random) -> tuple[str, dict]:
    a, b = rng.sample(COUNTRIES, 2)
    if kind == "events":
        return "/api/events", rng.choice([{"type": rng.choice(TYPES), "source": a}, {"country": a, "from": "2025-01-01",
                                          "to": "2025-06-30"}, {"source": a + "GOV", "target": b, "limit": 100},
                                          {"occurrences": "true", "type": rng.choice(TYPES), "country": b}])
    if kind == "dyads":
        return f"/api/dyads/{a}/{b}", {"by": rng.choice(["day", "week", "month"])}
    return "/api/network", rng.choice([{}, {"from": "2025-01-01", "to": "2025-12-31"}, {"min_weight": 50}])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=60, help="Requests per kind.")
    ap.add_argument("--seconds", type=float, default=120, help="Stop timing after this long in all.")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dateline-serve-"))
    db = tmp / "synthetic.duckdb"
    t0 = time.perf_counter()
    build(db, args.events)
    print(f"store: {args.events:,} events, built in {time.perf_counter() - t0:.1f} s, "
          f"{db.stat().st_size / 2**20:.0f} MiB")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stderr=subprocess.DEVNULL)
    rng = random.Random(7)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for _ in range(300):
                try:
                    client.get("/api/network")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            stop = time.monotonic() + args.seconds
            for kind in ("events", "dyads", "network"):
                times, rows = [], 0
                for _ in range(args.requests):
                    if time.monotonic() > stop:
                        break
                    path, params = requests_of(kind, rng)
                    t = time.perf_counter()
                    res = client.get(path, params=params)
                    times.append((time.perf_counter() - t) * 1000)
                    assert res.status_code == 200, (path, params, res.text)
                    rows += len(res.json()["items"] if kind == "events" else res.json())
                times.sort()
                p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
                print(f"{kind}: {len(times)} requests ({rows / max(1, len(times)):.0f} rows each on average), "
                      f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
