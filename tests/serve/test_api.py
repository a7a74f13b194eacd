"""The JSON API over a store of our example articles, through a real server on loopback."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from serve_fixtures import served_db_fixture, server_fixture  # noqa: F401  (the fixtures used here)


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def test_events_filter_page_and_match_the_library(client, served_db):
    from dateline.store import Store, queries

    res = client.get("/api/events", params={"limit": 5})
    assert res.status_code == 200
    page = res.json()
    assert page["limit"] == 5 and page["offset"] == 0 and len(page["items"]) == 5
    with Store(served_db, read_only=True) as store:
        want = queries.events(store, type="SANCTION", limit=100)
    got = client.get("/api/events", params={"type": "sanction"}).json()["items"]
    assert [(e["article_id"], e["event_id"]) for e in got] == [(e["article_id"], e["event_id"]) for e in want]
    assert got and all(e["type"] == "SANCTION" for e in got)
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()["items"]
    assert {e["event_id"] + e["article_id"] for e in second}.isdisjoint({e["event_id"] + e["article_id"] for e in page["items"]})
    occ = client.get("/api/events", params={"occurrences": "true", "limit": 3}).json()["items"]
    assert occ and all("num_mentions" in o and "article_id" not in o for o in occ)


def test_article_record_occurrence_quotes_actors_dyads_network_places(client):
    first = client.get("/api/articles", params={"limit": 100}).json()["items"]
    assert len(first) == 8
    rec = client.get(f"/api/articles/{first[0]['id']}").json()
    assert rec["schema"].startswith("dateline.article/") and rec["article"]["id"] == first[0]["id"]
    assert client.get("/api/articles", params={"q": "sanctions"}).json()["items"]
    ev = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    occ = client.get(f"/api/occurrences/{ev['occurrence_id']}").json()
    assert any(m["event_id"] == ev["event_id"] for m in occ["mentions"])
    quotes = client.get("/api/quotes").json()["items"]
    assert quotes and client.get("/api/quotes", params={"speaker": quotes[0]["speaker"]}).json()["items"]
    actors = client.get("/api/actors", params={"limit": 5}).json()
    assert actors and actors[0]["events"] >= actors[-1]["events"]
    edges = client.get("/api/network").json()
    assert edges and all(e["source"] != e["target"] for e in edges)
    e = edges[0]
    series = client.get(f"/api/dyads/{e['source']}/{e['target']}", params={"by": "month"}).json()
    assert sum(p["events"] for p in series) == e["weight"]
    places = client.get("/api/places").json()
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)


def test_csv_download_of_the_current_filter(client):
    res = client.get("/api/events.csv", params={"country": "KOR"})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert rows and all("KOR" in (r["source"] + r["target"]) for r in rows)
    assert "None" not in res.text


@pytest.mark.parametrize("path,params", [
    ("/api/events", {"limit": 1001}), ("/api/events", {"limit": 0}), ("/api/events", {"from": "2026-13-01"}),
    ("/api/events", {"source": "12"}), ("/api/events", {"status": "maybe"}), ("/api/events", {"offset": -1}),
    ("/api/dyads/RUS/UKR", {"by": "decade"}), ("/api/dyads/R/UKR", {}), ("/api/network", {"min_weight": "x"}),
    ("/api/articles", {"language": "english"}), ("/api/occurrences/abc", {}),
])
def test_every_bad_parameter_is_a_4xx_with_one_error_shape(client, path, params):
    res = client.get(path, params=params)
    assert 400 <= res.status_code < 500, res.text
    body = res.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"} and body["error"]["message"]


def test_missing_things_are_404_in_the_same_shape(client):
    for path in ("/api/articles/no-such-id", "/api/occurrences/12345", "/api/nothing-here"):
        res = client.get(path)
        assert res.status_code == 404 and res.json()["error"]["code"] == "not_found"


def test_extract_is_refused_unless_allowed_and_bodies_are_bounded(client):
    res = client.post("/api/extract", json={"text": "Ghana and Togo signed a trade deal."})
    assert res.status_code == 403 and res.json()["error"]["code"] == "forbidden"
    res = client.post("/api/extract", content=b"x" * 1_000_001, headers={"content-type": "application/json"})
    assert res.status_code == 413 and res.json()["error"]["code"] == "too_large"


def test_extract_when_allowed_returns_a_record_and_stores_nothing(served_db, nlp):
    from fastapi.testclient import TestClient

    from dateline.pipeline import Pipeline, available_stages
    from dateline.serve import create_app

    pipe = Pipeline(available_stages())
    pipe._nlp = nlp
    with TestClient(create_app(served_db, allow_extract=True, pipeline=pipe)) as c:
        before = len(c.get("/api/articles").json()["items"])
        res = c.post("/api/extract", json={"text": "Ghana and Togo signed a trade deal in Accra on Monday.",
                                           "date": "2026-06-01"})
        assert res.status_code == 200, res.text
        assert res.json()["events"] and res.json()["article"]["date"] == "2026-06-01"
        assert len(c.get("/api/articles").json()["items"]) == before
        assert c.post("/api/extract", json={"text": ""}).status_code == 400


def test_security_headers_and_openapi(client):
    res = client.get("/")
    assert res.status_code == 200 and "text/html" in res.headers["content-type"]
    csp = res.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert res.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/occurrences/{occurrence_id}",
            "/api/quotes", "/api/actors", "/api/dyads/{source}/{target}", "/api/network",
            "/api/extract"} <= set(spec["paths"])
    assert client.get("/static/vendor/d3.min.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
