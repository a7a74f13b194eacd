"""The corpus layer's figures: dedup precision and recall on planted copies, what dedup and
merging add to ingest, query latency over 10 million synthetic events, store size per million.

    python benchmarks/corpus.py                 # everything (the 10M store takes a few minutes)
    python benchmarks/corpus.py --skip-big      # without the 10M-event store
    python benchmarks/corpus.py --events 1000000

Synthetic articles: sentences from a fixed grammar over generated words, countries, leaders and
cities, with one or two event sentences each ("X's foreign minister met Y's counterpart in Z on
Monday"). A third of the originals get one to three copies with light edits, the way outlets run
wire copy: a few words changed, the last paragraph cut, a local sentence added. Independent
reports of the same event (new wording, same facts) are planted too: they must not be copies.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateline.record import Article  # noqa: E402
from dateline.store import Store, Stored, queries  # noqa: E402
from dateline.store.occurrences import refill_dyad_months  # noqa: E402

COUNTRIES = [("China", "Chinese", "Beijing"), ("Japan", "Japanese", "Tokyo"), ("France", "French", "Paris"),
             ("Germany", "German", "Berlin"), ("Brazil", "Brazilian", "Brasilia"), ("India", "Indian", "New Delhi"),
             ("Kenya", "Kenyan", "Nairobi"), ("Egypt", "Egyptian", "Cairo"), ("Mexico", "Mexican", "Mexico City"),
             ("Turkey", "Turkish", "Ankara"), ("Poland", "Polish", "Warsaw"), ("Canada", "Canadian", "Ottawa"),
             ("Nigeria", "Nigerian", "Abuja"), ("Spain", "Spanish", "Madrid"), ("Italy", "Italian", "Rome")]
ISO3 = ["CHN", "JPN", "FRA", "DEU", "BRA", "IND", "KEN", "EGY", "MEX", "TUR", "POL", "CAN", "NGA", "ESP", "ITA",
        "USA", "RUS", "UKR", "GBR", "ZAF", "IRN", "ISR", "PSE", "PAK", "KOR", "PRK", "AUS", "ARG", "SAU", "IDN"]
FILLER = ["The {0} said that the {1} would not change the {2} before the {3}.",
          "Officials in the {0} office told reporters that the {1} and the {2} were still under review.",
          "It was not clear whether the {0} would accept the {1}, which was first proposed last {2}.",
          "Several {0} groups have called for a new {1} since the {2} was announced in the {3}.",
          "According to the {0}, the cost of the {1} has risen for the third year in a row.",
          "Critics say the {0} has done little to address the {1} in the {2} region."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
EVENTS = ["{a} foreign minister met {b} counterpart in {city} on {day} to discuss {topic}.",
          "{a} and {b} officials held talks in {city} on {day} about {topic}.",
          "Police in {city} fired tear gas at protesters on {day} during a march against {topic}.",
          "{A} signed an agreement with {B} in {city} on {day} on {topic}.",
          "{A} accused {B} on {day} of blocking progress on {topic}."]


def _words(rng: random.Random, n: int) -> list[str]:
    syll = ["ka", "lo", "mi", "ta", "ren", "vo", "sa", "dun", "pe", "gri", "no", "shu", "bel", "ti", "ar", "ox"]
    return sorted({"".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(n)})


class Generator:
    def __init__(self, seed: int = 11):
        self.rng = random.Random(seed)
        self.vocab = _words(self.rng, 6000)
        self.topics = [" ".join(self.rng.choices(self.vocab, k=3)) for _ in range(400)]

    def filler(self, n_words: int) -> str:
        """English-looking sentences (so language detection keeps the article English) whose
        content words are generated: no two articles share them by chance."""
        r = self.rng
        out, left = [], n_words
        while left > 0:
            nouns = r.choices(self.vocab, k=4)
            sentence = r.choice(FILLER).format(*nouns)
            out.append(sentence)
            left -= len(sentence.split())
        return " ".join(out)

    def event_sentence(self, facts: dict) -> str:
        (a, adj_a, _), (b, adj_b, _) = facts["a"], facts["b"]
        return facts["template"].format(a=adj_a, b=adj_b, A=a, B=b, city=facts["city"], day=facts["day"],
                                        topic=facts["topic"])

    def facts(self) -> dict:
        r = self.rng
        a, b = r.sample(COUNTRIES, 2)
        return {"a": a, "b": b, "city": r.choice((a[2], b[2])), "day": r.choice(WEEKDAYS),
                "topic": r.choice(self.topics), "template": r.choice(EVENTS)}

    def article(self, facts: dict, words: int = 250) -> str:
        paras = [self.event_sentence(facts) + " " + self.filler(40)]
        while sum(len(p.split()) for p in paras) < words:
            paras.append(self.filler(self.rng.randint(30, 60)))
        return "\n\n".join(paras)

    def copy(self, text: str) -> str:
        """A light edit: ~2% of words changed, sometimes the last paragraph cut, sometimes a line added."""
        r = self.rng
        paras = text.split("\n\n")
        if len(paras) > 3 and r.random() < 0.5:
            paras = paras[:-1]
        words = "\n\n".join(paras).split(" ")
        for _ in range(max(1, len(words) // 50)):
            words[r.randrange(len(words))] = r.choice(self.vocab)
        out = " ".join(words)
        if r.random() < 0.5:
            out += "\n\n" + self.filler(20)
        return out

    def rewrite(self, facts: dict) -> str:
        """An independent report of the same event: the event in other words, the rest new."""
        f = dict(facts, template=self.rng.choice(EVENTS))
        return self.article(f)


def planted(n_originals: int, seed: int = 11):
    """(articles, cluster of each article): copies share their original's cluster."""
    g = Generator(seed)
    arts, cluster = [], {}
    day0 = 20_000  # days since 1970: 2024-10-04
    for i in range(n_originals):
        facts = g.facts()
        text = g.article(facts)
        date = _iso(day0 + i // 20)
        a = Article.make(text, date, source=f"outlet{i % 40}")
        arts.append(a)
        cluster[a.id] = a.id
        if g.rng.random() < 1 / 3:
            for k in range(g.rng.randint(1, 3)):
                c = Article.make(g.copy(text), _iso(day0 + i // 20 + k), source=f"outlet{(i + k + 1) % 40}")
                arts.append(c)
                cluster[c.id] = a.id
        if g.rng.random() < 0.2:
            r = Article.make(g.rewrite(facts), date, source=f"outlet{(i + 7) % 40}")
            arts.append(r)
            cluster[r.id] = r.id
    g.rng.shuffle(arts)
    return arts, cluster


def _iso(days: int) -> str:
    import datetime

    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=days)).isoformat()


def dedup_figures(n: int, threshold: float | None) -> dict:
    from dateline.record import Record

    arts, cluster = planted(n)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "d.duckdb", dup_threshold=threshold) as s:
        t = time.perf_counter()
        for i in range(0, len(arts), 32):
            s.write_batch([Stored(Record(a)) for a in arts[i:i + 32]])
        elapsed = time.perf_counter() - t
        links = s.con.execute("SELECT article_id, duplicate_of FROM duplicates").fetchall()
    copies = sum(1 for a, c in cluster.items() if a != c)
    right = sum(1 for a, d in links if cluster[a] == cluster[d])
    return {"articles": len(arts), "planted_copies": copies, "found": len(links),
            "precision": round(right / len(links), 4) if links else 1.0,
            "recall": round(right / copies, 4) if copies else 1.0,
            "store_write_s": round(elapsed, 2)}


def ingest_figures(n: int, repeats: int) -> dict:
    """The same synthetic articles through the pipeline and into a store, corpus layer on and off:
    the pipeline once (its records reused), store writes timed per setting."""
    from dateline.pipeline import Pipeline, available_stages

    arts, _ = planted(n, seed=5)
    pipe = Pipeline(available_stages(), batch_size=32)
    pipe.nlp  # noqa: B018  load the model before timing
    t, c = time.perf_counter(), time.process_time()
    recs = list(pipe.run(arts))
    extract_s, extract_cpu = time.perf_counter() - t, time.process_time() - c
    words = sum(len(a.text.split()) for a in arts)
    out = {"articles": len(arts), "words": words, "extract_s": round(extract_s, 2),
           "extract_cpu_s": round(extract_cpu, 2), "events": sum(len(r.events) for r in recs)}
    # CPU seconds (all threads) are the figure: wall time on a shared machine swings more than
    # the difference measured
    for on in (False, True) * repeats:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "i.duckdb", corpus=on) as s:
            t, c = time.perf_counter(), time.process_time()
            for i in range(0, len(recs), 32):
                s.write_batch([Stored(r) for r in recs[i:i + 32]])
            key = "corpus_on" if on else "corpus_off"
            out.setdefault(f"store_s_{key}", []).append(round(time.perf_counter() - t, 2))
            out.setdefault(f"store_cpu_s_{key}", []).append(round(time.process_time() - c, 2))
    on, off = min(out["store_cpu_s_corpus_on"]), min(out["store_cpu_s_corpus_off"])
    out["corpus_cpu_ms_per_article"] = round(1000 * (on - off) / len(arts), 2)
    out["added_to_ingest_cpu"] = round((on - off) / (extract_cpu + off), 4)
    return out


def big_store(path: Path, n_events: int) -> dict:
    """A store of n_events mention events (and as many occurrences), inserted through DuckDB."""
    t = time.perf_counter()
    with Store(path) as s:
        con = s.con
        n_articles = n_events // 5
        codes = "[" + ", ".join(f"'{c}'" for c in ISO3) + "]"
        sectors = "['GOV', 'MIL', 'CVL', 'REB', 'BUS', 'MED', 'OPP', 'COP']"
        types = "['CONSULT', 'AGREE', 'SUPPORT', 'ACCUSE', 'REQUEST', 'PROTEST', 'ASSAULT', 'THREATEN', 'COERCE']"
        con.execute(f"INSERT INTO articles (id, date, title, source, url, text, record) SELECT 'a' || i, "
                    f"DATE '2016-01-01' + CAST(i * 3650 // {n_articles} AS INTEGER), 'title ' || i, "
                    f"'outlet' || (i % 500), 'https://example.org/' || i, 'text', '{{}}' FROM range({n_articles}) t(i)")
        # countries Zipf-like: a few countries are in most events, as in news
        pick = f"{codes}[1 + CAST(floor(30 * pow(random(), 2.5)) AS INTEGER)]"
        common = (f"{types}[1 + CAST(floor(9 * random()) AS INTEGER)] AS type, {pick} AS sc, "
                  f"{sectors}[1 + CAST(floor(8 * random()) AS INTEGER)] AS ss, {pick} AS tc, "
                  f"{sectors}[1 + CAST(floor(8 * random()) AS INTEGER)] AS ts, "
                  f"1 + CAST(floor(4 * random()) AS INTEGER) AS q, round(20 * random() - 10, 1) AS g")
        con.execute("SELECT setseed(0.42)")
        con.execute(
            f"INSERT INTO events (article_id, event_id, type, cameo, quad_class, goldstein, source_country, "
            f"source_sector, target_country, target_sector, date_value, date_from, status, trigger_start, "
            f"trigger_end, trigger_text, sentence_start, sentence_end, confidence) "
            f"SELECT 'a' || (i // 5), 'e' || (i % 5), type, '040', q, g, sc, ss, tc, ts, "
            f"CAST(DATE '2016-01-01' + CAST((i // 5) * 3650 // {n_articles} AS INTEGER) AS VARCHAR), 'text', "
            f"'asserted', 0, 3, 'met', 0, 40, 0.8 FROM (SELECT i, {common} FROM range({n_events}) t(i))")
        size_events = path.stat().st_size
        con.execute(
            f"INSERT INTO occurrences (id, type, status, cameo, quad_class, source_country, source_sector, "
            f"target_country, target_sector, two_sided, date, date_end, num_mentions, num_articles, num_sources, "
            f"num_copies, first_seen, last_seen, goldstein, confidence, root_event) "
            f"SELECT i, type, 'asserted', '040', q, sc, ss, tc, ts, random() < 0.05, "
            f"DATE '2016-01-01' + CAST(i * 3650 // {n_events} AS INTEGER) AS d, d, 1 + CAST(floor(5 * random()) AS "
            f"INTEGER), 1, 1, 0, d, d, g, 0.8, true FROM (SELECT i, {common} FROM range({n_events}) t(i))")
        refill_dyad_months(con)  # what the corpus layer keeps up to date at ingest
        n_dyad_months = con.execute("SELECT count(*) FROM dyad_months").fetchall()[0][0]
        con.execute("CHECKPOINT")
    return {"events": n_events, "dyad_months_rows": n_dyad_months, "articles": n_articles, "build_s": round(time.perf_counter() - t, 1),
            "mib_per_million_mention_events": round(size_events / 2**20 / (n_events / 1e6), 1),
            "mib_total_per_million_events": round(path.stat().st_size / 2**20 / (n_events / 1e6), 1)}


def latency(path: Path, runs: int = 7) -> dict:
    """Median and best milliseconds of each query on the big store (one warm-up run first)."""
    cases = {
        "dyad CHN USA monthly (occurrences)": lambda s: queries.dyad(s, "CHN", "USA", by="month"),
        "dyad CHNGOV USA monthly (occurrences)": lambda s: queries.dyad(s, "CHNGOV", "USA", by="month"),
        "dyad CHN USA weekly (occurrences)": lambda s: queries.dyad(s, "CHN", "USA", by="week"),
        "dyad CHN USA monthly (mentions)": lambda s: queries.dyad(s, "CHN", "USA", by="month", unit="mentions"),
        "events --occurrences type+country+dates, 100": lambda s: queries.events(
            s, type="ASSAULT", country="UKR", date_from="2020-01-01", date_to="2020-12-31", occurrences=True),
        "events (mentions) source+target, 100": lambda s: queries.events(s, source="RUS", target="UKR"),
        "network, one year (occurrences)": lambda s: queries.network(s, date_from="2022-01-01",
                                                                      date_to="2022-12-31"),
        "network, all (occurrences)": lambda s: queries.network(s),
    }
    out = {}
    with Store(path, read_only=True) as s:
        for name, fn in cases.items():
            fn(s)
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                rows = fn(s)
                times.append(1000 * (time.perf_counter() - t))
            out[name] = {"median_ms": round(statistics.median(times), 1), "best_ms": round(min(times), 1),
                         "rows": len(rows)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--originals", type=int, default=3000, help="original articles for the dedup figures")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--ingest-articles", type=int, default=150, help="originals run through the pipeline")
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--skip-big", action="store_true")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--keep", type=Path, default=None, help="write the big store here and keep it")
    args = ap.parse_args()
    report = {"dedup": dedup_figures(args.originals, args.threshold)}
    print(json.dumps({"dedup": report["dedup"]}), flush=True)
    if not args.skip_ingest:
        report["ingest"] = ingest_figures(args.ingest_articles, repeats=2)
        print(json.dumps({"ingest": report["ingest"]}), flush=True)
    if not args.skip_big:
        with tempfile.TemporaryDirectory() as tmp:
            path = args.keep or Path(tmp) / "big.duckdb"
            report["store"] = big_store(path, args.events)
            print(json.dumps({"store": report["store"]}), flush=True)
            report["latency"] = latency(path)
            print(json.dumps({"latency": report["latency"]}, indent=1), flush=True)


if __name__ == "__main__":
    main()
