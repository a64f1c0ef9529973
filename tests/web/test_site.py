"""`tumen build-site`: the same site as static files, served by a plain static file server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.request import urlopen

import pytest

from tumen import load_kb
from tumen.web.site import build_site


@pytest.fixture
def site(mini_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    steps: list[tuple[int, int]] = []
    count = build_site(load_kb(mini_path), out, lambda done, total: steps.append((done, total)))
    assert count > 30 and steps[-1][0] == steps[-1][1]
    return out


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_pages_json_and_assets_are_written(site: Path) -> None:
    for rel in ("index.html", "timeline/index.html", "events/treaty-1961/index.html",
                "eras/soviet/index.html", "people/kim-il-sung/index.html", "404.html",
                "api/v1/events/treaty-1961.json", "api/v1/events.json", "api/v1/eras.json",
                "api/v1/search-index.json", "static/timeline.js", "vendor/vis-timeline.min.js",
                "downloads/tumen.sqlite", "api/openapi.json"):
        assert (site / rel).is_file(), rel
    detail = json.loads((site / "api/v1/events/treaty-1961.json").read_text("utf-8"))
    assert detail["date"]["display"] == "6 July 1961"
    timeline = (site / "timeline/index.html").read_text("utf-8")
    assert 'data-api-suffix=".json"' in timeline


def test_served_by_a_plain_static_server(served: str) -> None:
    with urlopen(f"{served}/events/treaty-1961/") as r:
        assert "6 July 1961" in r.read().decode("utf-8")
    with urlopen(f"{served}/api/v1/events/treaty-1961.json") as r:
        assert json.loads(r.read())["id"] == "treaty-1961"


def test_rebuild_replaces_the_old_site(mini_path: Path, site: Path) -> None:
    (site / "stale.html").write_text("old", encoding="utf-8")
    build_site(load_kb(mini_path), site)
    assert not (site / "stale.html").exists()
