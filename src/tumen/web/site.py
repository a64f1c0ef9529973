"""`tumen build-site`: the explorer as static files that any static host can serve.

Every page is rendered by the same app (through an in-process HTTP client), so the static site
and the server cannot drift apart. JSON twins are written with a .json suffix
(/api/v1/events/{id}.json), which the page scripts use when the site is static.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from starlette.testclient import TestClient

from tumen.core.errors import ExportError
from tumen.core.files import atomic_dir
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.query.serialize import event_dict
from tumen.web.app import HERE, create_app
from tumen.web.assets import VENDOR_FILES, vendor_path
from tumen.web.downloads import DOWNLOADS
from tumen.web.pages import timeline_data

__all__ = ["build_site", "site_paths"]

Progress = Callable[[int, int], None]


def site_paths(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(URL path, file path) for every page and JSON document of the site."""
    for page in ("", "timeline", "search", "article", "charts", "data", "about", "eras",
                 "actors", "people", "places", "sources"):
        yield f"/{page}", f"{page}/index.html" if page else "index.html"
    collections = {"events": kb.event_by_id, "eras": kb.period_by_id, "actors": kb.actors,
                   "people": kb.people, "places": kb.places, "sources": kb.sources}
    for name, index in collections.items():
        for key in index:
            yield f"/{name}/{key}", f"{name}/{key}/index.html"
            yield f"/api/v1/{name}/{key}", f"api/v1/{name}/{key}.json"
        if name != "events":
            yield f"/api/v1/{name}", f"api/v1/{name}.json"
    yield "/api/v1/stats", "api/v1/stats.json"
    yield "/api/openapi.json", "api/openapi.json"
    yield "/api/docs", "api/docs/index.html"
    yield "/no-such-page", "404.html"
    for name in DOWNLOADS:
        yield f"/downloads/{name}", f"downloads/{name}"


def build_site(kb: KnowledgeBase, out: Path, progress: Progress | None = None) -> int:
    """Write the static site for `kb` to `out` (replaced atomically); return the file count."""
    app = create_app(kb, static_site=True)
    paths = list(site_paths(kb))
    written = 0
    with atomic_dir(Path(out)) as tmp, TestClient(app, raise_server_exceptions=True) as client:
        for i, (url, rel) in enumerate(paths, 1):
            response = client.get(url)
            if response.status_code != 200 and rel != "404.html":
                raise ExportError(f"building {url} failed with HTTP {response.status_code}")
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(response.content)
            written += 1
            if progress:
                progress(i, len(paths))
        api = tmp / "api" / "v1"
        (api / "events.json").write_text(json.dumps(
            {"total": len(kb.events), "events": [event_dict(e) for e in kb.events]},
            ensure_ascii=False), encoding="utf-8")
        (api / "search-index.json").write_text(json.dumps(
            timeline_data(kb)["events"], ensure_ascii=False), encoding="utf-8")
        shutil.copytree(HERE / "static", tmp / "static")
        (tmp / "vendor").mkdir()
        for name in VENDOR_FILES:
            source = vendor_path(name)
            if source is None:
                raise ExportError(f"front-end file '{name}' is missing: run 'npm ci' first")
            shutil.copyfile(source, tmp / "vendor" / name)
        written += 2 + len(VENDOR_FILES) + sum(1 for _ in (HERE / "static").iterdir())
    return written
