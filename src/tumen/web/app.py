"""The app factory: `create_app(kb)` builds the explorer around one loaded KnowledgeBase."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.responses import FileResponse, HTMLResponse, Response

from tumen.core.errors import NotFound
from tumen.core.links import http_url
from tumen.core.text import CITATION_RE, citation_keys
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.sourcing import TIER_LABELS
from tumen.narrate.formats import TEMPLATES as ARTICLE_TEMPLATES
from tumen.web import api, pages
from tumen.web.assets import vendor_path
from tumen.web.checkpool import CHECK_QUEUE, CHECK_WORKERS, CheckPool
from tumen.web.downloads import DOWNLOADS, build_download
from tumen.web.errors import install_error_handlers
from tumen.web.middleware import CACHE_BYTES, CSP, MAX_BODY_BYTES, HeadersMiddleware

__all__ = ["STATIC_CSP", "create_app"]

HERE = Path(__file__).parent

#: The policy of the static site (`tumen build-site`), which no server sends headers for: the
#: server's own, as a <meta http-equiv> tag in each page, without frame-ancestors (which a
#: browser ignores in a meta tag, with a console error).
STATIC_CSP = "; ".join(d for d in CSP.split("; ") if not d.startswith("frame-ancestors"))


def create_app(kb: KnowledgeBase, *, static_site: bool = False,
               cache_bytes: int = CACHE_BYTES, max_body_bytes: int = MAX_BODY_BYTES,
               check_workers: int = CHECK_WORKERS, check_queue: int = CHECK_QUEUE,
               barometer_root: Path | None = None) -> FastAPI:
    """The web explorer for `kb`. `static_site` renders pages for `tumen build-site`;
    `cache_bytes` bounds the cache of API responses in bytes (0 turns it off);
    `max_body_bytes` bounds a request body (413 over it); `check_workers` checks run at once in
    their own threads and `check_queue` more wait (503 with Retry-After beyond that);
    `barometer_root` is the GDELT dataset the /barometer page reads (default: the user's data
    directory)."""
    app = FastAPI(
        title="tumen API",
        version="1",
        description="The sourced chronology of relations between Russia and Korea, as JSON. "
                    "Every error has the shape {\"error\": {\"status\", \"message\", "
                    "\"detail\"}}.",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    templates = Jinja2Templates(directory=[str(HERE / "templates"), str(ARTICLE_TEMPLATES)])
    templates.env.globals.update(static_site=static_site, kb_last_updated=kb.last_updated,
                                 tier_labels=TIER_LABELS, static_csp=STATIC_CSP)
    templates.env.tests["http_url"] = http_url
    templates.env.filters["lang_names"] = _lang_names
    templates.env.filters["cite"] = lambda text: cite_markers(kb, text)
    app.state.kb = kb
    app.state.templates = templates
    app.state.downloads = {}
    app.state.static_site = static_site
    app.state.barometer_root = barometer_root
    install_error_handlers(app)
    app.state.check_pool = CheckPool(check_workers, check_queue)
    app.add_middleware(HeadersMiddleware, cache_bytes=cache_bytes, max_body=max_body_bytes)

    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        path = vendor_path(name)
        if path is None:
            raise NotFound("front-end file", name)
        return FileResponse(path)

    @app.get("/downloads/{name}", include_in_schema=False)
    def download(request: Request, name: str) -> Response:
        item = DOWNLOADS.get(name)
        if item is None:
            raise NotFound("download", name, [d for d in DOWNLOADS if d[:6] == name[:6]])
        cache: dict[str, bytes] = request.app.state.downloads
        if name not in cache:
            cache[name] = build_download(kb, item)
        return Response(cache[name], media_type=item.media_type, headers={
            "content-disposition": f'attachment; filename="{name}"'})

    @app.get("/api/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        response: HTMLResponse = templates.TemplateResponse(request, "api_docs.html", {})
        return response

    app.include_router(pages.router)
    _document_filter_values(app, kb)
    return app


def _document_filter_values(app: FastAPI, kb: KnowledgeBase) -> None:
    """Put the values each event filter accepts into the OpenAPI document as enums (they come
    from the KB), so a request the document admits is one the API accepts."""
    from tumen.kb.model import SIDES
    from tumen.kb.schema import EVENT_THEMES, EVENT_TYPES

    values = {"type": list(EVENT_TYPES), "theme": list(EVENT_THEMES),
              "era": [p.id for p in kb.periods], "person": sorted(kb.people),
              "place": sorted(kb.places), "actor": sorted(kb.actors) + list(SIDES)}
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = original()
        get = spec.get("paths", {}).get("/api/v1/events", {}).get("get", {})
        for param in get.get("parameters", []):
            if param.get("in") == "query" and param.get("name") in values:
                items = param.get("schema", {}).get("items")
                if isinstance(items, dict):
                    items["enum"] = ["", *values[param["name"]]]
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def cite_markers(kb: KnowledgeBase, text: str) -> Markup:
    """Prose with [@key] markers turned into numbered links to the cited events and sources."""
    numbers: dict[str, int] = {}
    out: list[str] = []
    last = 0
    for match in CITATION_RE.finditer(text):
        out.append(str(escape(text[last:match.start()])))
        links = []
        for key in citation_keys(match.group(0)):
            n = numbers.setdefault(key, len(numbers) + 1)
            if key in kb.event_by_id:
                href, title = f"/events/{key}", kb.event_by_id[key].title
            elif key in kb.sources:
                href, title = f"/sources/{key}", kb.sources[key].title
            else:
                links.append(str(n))
                continue
            links.append(f'<a href="{href}" title="{escape(title)}">{n}</a>')
        out.append(f'<sup class="cite">[{", ".join(links)}]</sup>')
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def _lang_names(names: Any) -> list[tuple[str, str]]:
    """A record's names other than English, as (language, name) pairs for lang attributes."""
    return [(lang, name) for lang, name in dict(names).items() if lang != "en"]
