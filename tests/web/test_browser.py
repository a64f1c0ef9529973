"""The explorer in real headless Chromium (Debian's chromium, driven by Playwright).

Runs against a real uvicorn server on loopback serving the shipped knowledge base. Screenshots
go to artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from tumen import load_kb
from tumen.web import create_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("TUMEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(load_kb()), host="127.0.0.1", port=port,
                            log_level="warning", access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: 'make test' installs Debian's chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert errors == [], f"console errors: {errors}"


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def ready(page: Page) -> None:
    page.wait_for_selector("#timeline[data-ready='true']", timeout=15_000)
    page.wait_for_selector(".vis-item", timeout=15_000)


def test_timeline_renders_the_shipped_events(server: str, page: Page) -> None:
    page.goto(f"{server}/timeline")
    ready(page)
    total = len(load_kb().events)
    assert page.get_attribute("#timeline", "data-item-count") == str(total)
    assert page.locator("#event-list li").count() == total
    assert page.locator(".vis-item").count() > 5
    shot(page, "timeline")


def test_clicking_an_event_shows_its_panel_with_sources(server: str, page: Page) -> None:
    page.goto(f"{server}/timeline?era=cold-war&start=1961-01-01&end=1962-01-01")
    ready(page)
    page.locator(".vis-item", has_text="Treaty of Friendship").first.click()
    page.wait_for_selector("#panel ol.sources li a", timeout=10_000)
    assert "Soviet–North Korean Treaty" in page.inner_text("#panel h2")
    assert "event=treaty-friendship-1961" in page.url
    shot(page, "timeline-panel")


def test_a_filter_narrows_the_items_and_changes_the_url(server: str, page: Page) -> None:
    page.goto(f"{server}/timeline")
    ready(page)
    before = int(page.get_attribute("#timeline", "data-item-count") or 0)
    page.select_option("select[name=theme]", "nuclear")
    page.wait_for_url("**theme=nuclear**")
    page.wait_for_function(
        f"document.querySelector('#timeline').dataset.itemCount !== '{before}'")
    after = int(page.get_attribute("#timeline", "data-item-count") or 0)
    assert 0 < after < before
    assert page.locator("#event-list li").count() == after
    shot(page, "timeline-filtered")


def test_reloading_a_shared_url_restores_the_view(server: str, page: Page) -> None:
    url = (f"{server}/timeline?era=cold-war&theme=diplomacy&event=treaty-friendship-1961"
           "&start=1960-01-01&end=1963-01-01")
    page.goto(url)
    ready(page)
    assert page.input_value("select[name=era]") == "cold-war"
    assert page.input_value("select[name=theme]") == "diplomacy"
    page.wait_for_selector("#panel ol.sources li", timeout=10_000)
    assert "Treaty" in page.inner_text("#panel h2")
    window = page.inner_text(".vis-time-axis.vis-foreground")
    assert "1961" in window
    page.reload()
    ready(page)
    assert page.input_value("select[name=theme]") == "diplomacy"
    page.wait_for_selector("#panel ol.sources li", timeout=10_000)


def test_search_in_korean_finds_the_right_event(server: str, page: Page) -> None:
    page.goto(server)
    page.fill("#home-q", "모스크바 선언")
    page.press("#home-q", "Enter")
    page.wait_for_selector("#results li")
    first = page.locator("#results li a").first
    assert first.get_attribute("href") == "/events/moscow-declaration-2001"
    first.click()
    page.wait_for_selector("h1")
    assert "Moscow Declaration" in page.inner_text("h1")
    shot(page, "search-korean")


def test_pages_load_without_console_errors(server: str, page: Page) -> None:
    for path in ("/", "/eras/cold-war", "/events/agwan-pacheon-1896", "/people/kim-il-sung",
                 "/places/vladivostok", "/charts", "/data", "/about", "/api/docs"):
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{server}/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    shot(page, "api-docs")


def test_dense_stretches_cluster_and_a_cluster_zooms_in(server: str, page: Page) -> None:
    page.goto(f"{server}/timeline")
    ready(page)
    clusters = int(page.get_attribute("#timeline", "data-clusters") or 0)
    assert clusters > 0
    page.wait_for_timeout(300)  # let the first draw settle before clicking
    axis_before = page.inner_text(".vis-time-axis.vis-foreground")
    page.locator(".vis-item.cluster").first.click(force=True)
    deadline = time.monotonic() + 10
    while page.inner_text(".vis-time-axis.vis-foreground") == axis_before:
        assert time.monotonic() < deadline, "clicking a cluster did not zoom in"
        page.wait_for_timeout(100)
    shot(page, "timeline-cluster-zoomed")


def test_a_filtered_view_fits_its_events(server: str, page: Page) -> None:
    page.goto(f"{server}/timeline?era=cold-war")
    ready(page)
    axis = page.inner_text(".vis-time-axis.vis-foreground")
    assert "1900" not in axis  # not the whole 1860–today span
    assert "1960" in axis or "1970" in axis
