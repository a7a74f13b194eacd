"""The web page in headless Chromium (Debian's `chromium`, driven by Playwright with the system browser).

Screenshots go to tests/artefacts/ (not committed), for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from serve_fixtures import served_db_fixture, server_fixture  # noqa: F401  (the fixtures used here)

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the dev extra)")

pytestmark = pytest.mark.slow
ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def page(server):
    if CHROMIUM is None:
        print("\nSKIPPED browser tests: no chromium on PATH (apt-get install chromium; `make test` installs it)")
        pytest.skip("no chromium on PATH: apt-get install chromium (make test installs it)")
    ARTEFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        pg.errors = errors
        pg.goto(server + "/")
        yield pg
        browser.close()


def test_filter_events_open_an_article_and_see_an_events_provenance(page):
    page.wait_for_selector("#events-table tbody tr td")
    page.select_option("#event-filters select[name=type]", "SANCTION")
    page.click("#event-filters button[type=submit]")
    page.wait_for_function("() => [...document.querySelectorAll('#events-table tbody tr')]"
                           ".every(r => r.children[1] && r.children[1].textContent === 'SANCTION')")
    page.screenshot(path=str(ARTEFACTS / "events.png"), full_page=True)
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#reader.active #article-view span.m-event")
    prov = page.locator("#article-view .prov")
    assert prov.count() >= 2  # the trigger and at least one side are outlined
    assert "SANCTION" in page.inner_text("#event-detail")
    trigger = page.inner_text("#event-detail dd >> nth=1").strip("“”")
    assert trigger in "".join(prov.all_inner_texts())
    page.screenshot(path=str(ARTEFACTS / "reader.png"), full_page=True)
    assert not page.errors, page.errors


def test_the_dyad_chart_the_network_and_the_map_render(page):
    page.click("#tabs button[data-tab=network]")
    page.click("#network-form button[type=submit]")
    page.wait_for_selector("#network-chart svg line")
    assert page.locator("#network-chart svg .node").count() >= 2
    page.screenshot(path=str(ARTEFACTS / "network.png"), full_page=True)
    page.click("#tabs button[data-tab=dyad]")
    page.fill("#dyad-form input[name=source]", "JPN")
    page.fill("#dyad-form input[name=target]", "KOR")
    page.click("#dyad-form button[type=submit]")
    page.wait_for_selector("#dyad-chart svg rect")
    assert page.locator("#dyad-chart svg g.tick").count() >= 1
    page.screenshot(path=str(ARTEFACTS / "dyad.png"), full_page=True)
    page.click("#tabs button[data-tab=map]")
    page.wait_for_selector("#map-chart svg circle.dot")
    assert page.locator("#map-chart svg path.land").count() > 100
    page.screenshot(path=str(ARTEFACTS / "map.png"), full_page=True)
    assert not page.errors, page.errors


def test_an_article_holding_markup_shows_it_as_text_and_runs_nothing(page, server):
    page.goto(server + "/")
    page.click("#tabs button[data-tab=articles]")
    page.fill("#article-search input[name=q]", "Quito")
    page.click("#article-search button[type=submit]")
    page.wait_for_selector("#articles-table tbody tr td")
    page.click("#articles-table tbody tr >> nth=0")
    page.wait_for_selector("#reader.active #article-view h2")
    text = page.inner_text("#article-view")
    assert "<script>window.__pwned = 1</script>" in text and "onerror=" in text
    assert page.inner_text("#article-view h2") == "<b>bold</b>"
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#article-view script, #article-view img, #article-view b").count() == 0
    page.screenshot(path=str(ARTEFACTS / "xss.png"), full_page=True)
