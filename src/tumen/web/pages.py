"""The HTML pages. Each handler gathers a context and renders one template; no domain logic."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from tumen.core.errors import BarometerError
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.schema import EVENT_THEMES, EVENT_TYPES
from tumen.query.details import record_detail
from tumen.query.filters import Query as KBQuery
from tumen.query.filters import run_query
from tumen.query.stats import events_per_year, kb_stats
from tumen.web.charts import stacked_bars
from tumen.web.downloads import DOWNLOADS
from tumen.web.params import MAX_QUERY_LENGTH, EventFilters

__all__ = ["router", "timeline_data"]

router = APIRouter(include_in_schema=False)
MAX_FORM_BYTES = 200_000


def _kb(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


KB = Annotated[KnowledgeBase, Depends(_kb)]


def render(request: Request, template: str, context: dict[str, Any],
           status_code: int = 200) -> Response:
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, template, context,
                                                    status_code=status_code)
    return response


def timeline_data(kb: KnowledgeBase, today: date | None = None) -> dict[str, Any]:
    """What the timeline script needs: every event in brief, the eras, the actors' sides."""
    today = today or date.today()

    def text_of(e: Any) -> str:
        names = [e.title, e.summary, *e.names.values()]
        for ids, index in ((e.actors, kb.actors), (e.people, kb.people),
                           (e.places, kb.places)):
            for i in ids:
                if i in index:
                    names.extend(index[i].all_names())
        return " ".join(names).casefold()

    return {
        "events": [{
            "id": e.id, "title": e.title, "display": e.date.display(),
            "start": e.date.lower.isoformat() if e.date.lower else None,
            "end": e.date.upper.isoformat() if e.date.interval and e.date.upper else None,
            "upper": e.date.upper.isoformat() if e.date.upper else None,
            "type": e.type, "themes": list(e.themes), "actors": list(e.actors),
            "people": list(e.people), "places": list(e.places),
            "significance": e.significance, "era": e.period, "text": text_of(e),
        } for e in kb.events],
        "eras": [{"id": p.id, "title": p.title,
                  "start": p.date.lower.isoformat() if p.date.lower else None,
                  "end": (p.date.upper or today).isoformat()} for p in kb.periods],
        "sides": {a.id: a.side for a in kb.actors.values()},
        "themes": list(EVENT_THEMES),
    }


@router.get("/")
def home(request: Request, kb: KB) -> Response:
    landmarks = [e for e in kb.events if e.significance == 3]
    return render(request, "home.html", {
        "eras": [(p, len(kb.events_in_period(p.id))) for p in kb.periods],
        "stats": kb_stats(kb)["totals"],
        "landmarks": landmarks,
    })


@router.get("/timeline")
def timeline(request: Request, kb: KB,
             filters: Annotated[KBQuery, Depends(EventFilters)]) -> Response:
    result = run_query(kb, replace(filters, sort="date"))
    return render(request, "timeline.html", {
        "events": result.events, "total": result.total, "filters": filters,
        "eras": kb.periods, "themes": EVENT_THEMES, "types": EVENT_TYPES,
        "actors": sorted(kb.actors.values(), key=lambda a: a.name),
        "data": timeline_data(kb),
    })


@router.get("/search")
def search(request: Request, kb: KB,
           q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)] = "") -> Response:
    result = run_query(kb, KBQuery(text=q), limit=50) if q.strip() else None
    return render(request, "search.html", {
        "q": q, "events": result.events if result else [],
        "total": result.total if result else 0,
        "scores": result.scores if result else {},
    })


_KINDS = {"events": "event", "eras": "era", "actors": "actor", "people": "person",
          "places": "place", "sources": "source"}
_LOOKUP = {"event": "event", "era": "period", "actor": "actor", "person": "person",
           "place": "place", "source": "source"}


@router.get("/{collection}/{record_id}")
def record_page(request: Request, kb: KB, collection: str, record_id: str) -> Response:
    kind = _KINDS.get(collection)
    if kind is None:
        return render(request, "error.html", {"status": 404, "message": "page not found"}, 404)
    record = getattr(kb, _LOOKUP[kind])(record_id)
    return render(request, f"{kind}.html", {
        "kind": kind, "record": record, "detail": record_detail(kb, kind, record),
        "api_url": f"/api/v1/{collection}/{record_id}",
    })


@router.get("/article")
def article(request: Request, kb: KB,
            filters: Annotated[KBQuery, Depends(EventFilters)],
            length: Annotated[str, Query(pattern="^(short|medium|long)$")] = "long") -> Response:
    from tumen.narrate.article import compose_article

    composed = compose_article(kb, filters, length=length)
    return render(request, "article.html", {"article": composed, "length": length})


@router.get("/check")
def check_form(request: Request) -> Response:
    return render(request, "check.html", {"text": "", "results": None, "counts": None})


@router.post("/check")
async def check_submit(request: Request, kb: KB) -> Response:
    from tumen.check import check_text
    from tumen.check.report import also_close
    from tumen.check.source import text_from_bytes

    form = await request.form(max_files=0, max_fields=5, max_part_size=MAX_FORM_BYTES)
    raw = form.get("text")
    text = raw if isinstance(raw, str) else ""
    text = text_from_bytes(text.encode("utf-8"), "the pasted text", html=False)
    report = check_text(kb, text)
    return render(request, "check.html", {"text": text, "results": report.results,
                                          "also_close": also_close,
                                          "counts": report.counts()})


@router.get("/barometer")
def barometer_page(
    request: Request, kb: KB,
    a: Annotated[str, Query(pattern="^[A-Za-z]{3}$")] = "RUS",
    b: Annotated[str, Query(pattern="^[A-Za-z]{3}$")] = "PRK",
    metric: Annotated[str, Query(pattern="^(net_cooperation|n|goldstein_mean|goldstein_weighted|"
                                         "tone_mean|intensity|attention|z)$")] = "net_cooperation",
    freq: Annotated[str, Query(pattern="^(month|quarter|year)$")] = "quarter",
) -> Response:
    from tumen.barometer import SeriesQuery, barometer_series
    from tumen.web.charts import line_chart

    rows: list[dict[str, Any]] = []
    problem = ""
    try:
        rows = barometer_series(SeriesQuery(a.upper(), b.upper(), freq=freq),
                                request.app.state.barometer_root)
    except BarometerError as exc:
        problem = str(exc)
    points = [(date.fromisoformat(r["period"]), r[metric]) for r in rows]
    marks = [(e.date.lower, e.title, f"/events/{e.id}") for e in kb.events
             if e.significance == 3 and e.date.lower is not None]
    chart = line_chart(points, marks, f"{a.upper()}–{b.upper()}: {metric}") if rows else ""
    return render(request, "barometer.html", {
        "a": a.upper(), "b": b.upper(), "metric": metric, "freq": freq, "rows": rows,
        "chart": chart, "problem": problem,
        "metrics": ["net_cooperation", "n", "goldstein_mean", "goldstein_weighted",
                    "tone_mean", "intensity", "attention", "z"],
    })


@router.get("/charts")
def charts(request: Request, kb: KB) -> Response:
    return render(request, "charts.html", {
        "by_theme": stacked_bars(events_per_year(kb, "theme"), "Events per year by theme"),
        "by_type": stacked_bars(events_per_year(kb, "type"), "Events per year by type"),
    })


@router.get("/data")
def data(request: Request, kb: KB) -> Response:
    full = kb_stats(kb)
    return render(request, "data.html", {"downloads": DOWNLOADS, "stats": full["totals"],
                                         "tiers": full["sources_per_tier"],
                                         "sourcing": full["sourcing"]})


@router.get("/about")
def about(request: Request, kb: KB) -> Response:
    return render(request, "about.html", {"stats": kb_stats(kb)})


@router.get("/{collection}")
def collection_page(request: Request, kb: KB, collection: str) -> Response:
    kind = _KINDS.get(collection)
    if kind is None or kind == "event":
        return render(request, "error.html", {"status": 404, "message": "page not found"}, 404)
    records: list[Any]
    if kind == "era":
        records = list(kb.periods)
    else:
        index = {"actor": kb.actors, "person": kb.people, "place": kb.places,
                 "source": kb.sources}[kind]
        records = sorted(index.values(), key=lambda r: getattr(r, "name", None) or r.title)
    field = {"era": None, "actor": "actors", "person": "people", "place": "places",
             "source": "sources"}[kind]
    counts = {r.id: len(kb.events_in_period(r.id)) if field is None
              else len(kb.events_citing(field, r.id)) for r in records}
    return render(request, "collection.html", {"kind": kind, "collection": collection,
                                               "records": records, "counts": counts})
