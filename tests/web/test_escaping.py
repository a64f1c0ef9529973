"""Hostile data in real headless Chromium: titles are text, only http(s) addresses are links,
and the static site carries a Content-Security-Policy under which it still works.

The knowledge base is the mini world with an event and an era titled with an image tag whose
`onerror` runs script, and a source whose URL is `javascript:`, loaded without validation (the
validator would refuse the URL). It is served by the app (uvicorn on loopback) and as the
static site (`build_site`, a plain static file server).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page

from tests.conftest import mini_kb, write_kb
from tests.web.test_browser import _free_port, browser  # noqa: F401 - the shared fixture
from tumen import load_kb
from tumen.core.links import http_url
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.narrate.article import compose_article
from tumen.narrate.formats import article_markdown
from tumen.query.filters import Query
from tumen.web import create_app
from tumen.web.app import STATIC_CSP
from tumen.web.site import build_site

EVENT_TITLE = '<img src=/x-event onerror="window.__pwned = (window.__pwned || 0) + 1">Convention'
ERA_TITLE = '<img src=/x-era onerror="window.__pwned = (window.__pwned || 0) + 1">Early years'
BAD_URL = "javascript:alert(1)"


def _hostile(world: dict[str, Any]) -> None:
    world["periods"][0]["title"] = ERA_TITLE
    world["events"]["early"][0]["title"] = EVENT_TITLE  # convention-1860
    for source in world["sources"]:
        if source["id"] == "frus-1885":  # cited by convention-1860 and legation-1885
            source["url"] = BAD_URL
            source["archived"] = "data:text/html,<script>alert(2)</script>"


@pytest.fixture(scope="module")
def hostile_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    world = mini_kb()
    _hostile(world)
    root = write_kb(tmp_path_factory.mktemp("hostile") / "kb", world)
    kb = load_kb(root, strict=False)
    assert kb.problems  # the validator would have refused it
    assert kb.sources["frus-1885"].url == BAD_URL
    return kb


@pytest.fixture(scope="module")
def server(hostile_kb: KnowledgeBase) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(hostile_kb), host="127.0.0.1", port=port,
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


def _serve(directory: Path) -> Iterator[str]:
    handler = partial(SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def hostile_site(hostile_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-site") / "site"
    build_site(hostile_kb, out)
    return out


@pytest.fixture(scope="module")
def hostile_static(hostile_site: Path) -> Iterator[str]:
    yield from _serve(hostile_site)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(load_kb(write_kb(tmp_path_factory.mktemp("mini") / "kb", mini_kb())), out)
    return out


@pytest.fixture(scope="module")
def static(site: Path) -> Iterator[str]:
    yield from _serve(site)


# Every CSP violation the page sees, recorded before any of its own scripts run.
_WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


class Watched:
    """A page with what it requested, the dialogs it opened and the errors it logged."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.failed: dict[str, str] = {}
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.update({r.url: r.failure or ""}))
        page.on("dialog", self._dialog)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.add_init_script(_WATCH)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_nothing_ran(self) -> None:
        injected = [u for u in self.requests if re.search(r"/x-(event|era)$", u)]
        assert injected == [], f"the injected image was requested: {injected}"
        assert self.dialogs == []
        assert self.page.evaluate("window.__pwned") is None

    def links(self) -> list[str]:
        return list(self.page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"))

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations"))


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:  # noqa: F811 - the shared fixture
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield Watched(context.new_page())
    context.close()


def _timeline_ready(page: Page) -> None:
    page.wait_for_selector("#timeline[data-ready='true']", timeout=15_000)
    page.wait_for_selector(".vis-item", timeout=15_000)


def _check_timeline(w: Watched, base: str) -> None:
    w.page.goto(f"{base}/timeline?event=convention-1860&start=1855-01-01&end=1890-01-01")
    _timeline_ready(w.page)
    w.page.wait_for_selector("#panel ol.sources li", timeout=10_000)
    w.page.wait_for_timeout(300)  # let any injected image load and fail
    w.assert_nothing_ran()
    # the titles are shown as the text they are, on the timeline and in its era band
    items = w.page.locator(".vis-item-content").all_inner_texts()
    assert any(EVENT_TITLE in t for t in items), items
    assert w.page.locator(".vis-item-content img").count() == 0
    assert w.page.locator(".vis-timeline img").count() == 0
    assert any(ERA_TITLE in t for t in items), items
    # the source with a javascript: URL is text beside a link to its page here
    panel = w.page.inner_text("#panel ol.sources")
    assert BAD_URL in panel
    assert not [u for u in w.links() if not u.startswith(("http://", "https://"))]
    w.assert_nothing_ran()


def test_the_timeline_shows_hostile_titles_and_urls_as_text(server: str,
                                                            watched: Watched) -> None:
    _check_timeline(watched, server)


def test_the_static_timeline_shows_hostile_titles_and_urls_as_text(
        hostile_static: str, watched: Watched) -> None:
    _check_timeline(watched, hostile_static)
    assert watched.violations() == []  # nothing even tried to break the policy


@pytest.mark.parametrize("path", ["/events/convention-1860", "/sources/frus-1885",
                                  "/eras/early", "/article", "/", "/search?q=convention"])
def test_server_pages_link_only_http_addresses(server: str, watched: Watched,
                                               path: str) -> None:
    watched.page.goto(f"{server}{path}")
    watched.page.wait_for_load_state("networkidle")
    links = watched.links()
    assert links and not [u for u in links if not u.startswith(("http://", "https://"))]
    if path in ("/events/convention-1860", "/sources/frus-1885"):
        assert BAD_URL in watched.page.inner_text("main")  # shown, as text
    watched.assert_nothing_ran()


def test_static_pages_link_only_http_addresses(hostile_static: str, watched: Watched) -> None:
    for path in ("/events/convention-1860/", "/sources/frus-1885/", "/eras/early/",
                 "/article/"):
        watched.page.goto(f"{hostile_static}{path}")
        watched.page.wait_for_load_state("networkidle")
        links = watched.links()
        assert links and not [u for u in links if not u.startswith(("http://", "https://"))]
    watched.assert_nothing_ran()


def test_markdown_notes_make_no_link_of_a_javascript_url(hostile_kb: KnowledgeBase) -> None:
    text = article_markdown(compose_article(hostile_kb, Query()))
    assert f"<{BAD_URL}>" not in text and f"`{BAD_URL}`" in text


def test_http_url() -> None:
    assert http_url("https://example.org/a") and http_url("HTTP://example.org")
    for bad in (BAD_URL, " https://example.org", "java\tscript:alert(1)", "//example.org",
                "https://", "data:text/html,x", "", None, 3):
        assert not http_url(bad), bad


# --- the static site's Content-Security-Policy ----------------------------------------------

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_static_page_carries_the_policy(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text("utf-8")
        found = _META.findall(html)
        assert found == [STATIC_CSP.replace("'", "&#39;")], page
        head = html[:html.index("</head>")]
        # before anything the policy governs
        assert head.index("Content-Security-Policy") < min(
            (i for i in (head.find("<script"), head.find("<link")) if i >= 0), default=10**9)
        # no inline script (data blocks only), no inline event handler
        for m in re.finditer(r"<script([^>]*)>", html):
            assert "src=" in m.group(1) or 'type="application/json"' in m.group(1), page
        assert not re.search(r"\son[a-z]+\s*=", html), page
    assert "script-src 'self'" in STATIC_CSP and "img-src 'self' data:" in STATIC_CSP
    assert "unsafe-eval" not in STATIC_CSP and "frame-ancestors" not in STATIC_CSP


def test_the_static_site_works_under_its_policy(static: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{static}/timeline/?event=treaty-1961")
    _timeline_ready(page)
    page.wait_for_selector("#panel ol.sources li a", timeout=10_000)
    assert "Treaty of Friendship" in page.inner_text("#panel h2")
    assert page.get_attribute("#timeline", "data-item-count") == "5"
    page.goto(f"{static}/search/?q=treaty")
    page.wait_for_selector("#results li a", timeout=10_000)
    assert page.locator("#results li a").first.get_attribute("href") == "/events/treaty-1961"
    for path in ("/", "/events/treaty-1961/", "/charts/", "/article/", "/api/docs/"):
        page.goto(f"{static}{path}")
        page.wait_for_load_state("networkidle")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert watched.violations() == []
    assert watched.errors == [], watched.errors


def test_the_policy_blocks_what_it_should(static: str, site: Path, watched: Watched) -> None:
    # the policy is in force on a static page: an inline script there is refused (and logged)
    page = site / "about" / "index.html"
    html = page.read_text("utf-8")
    page.write_text(html.replace("</main>", "<script>window.__inline = 1</script>"
                                 "<img src='https://example.invalid/i.png'></main>"), "utf-8")
    watched.page.goto(f"{static}/about/")
    watched.page.wait_for_load_state("load")
    assert watched.page.evaluate("window.__inline") is None
    violations = watched.violations()
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src") for v in violations), violations
    assert "csp" in watched.failed["https://example.invalid/i.png"].casefold()
