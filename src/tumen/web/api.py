"""The JSON API under /api/v1. Every HTML page that shows data has its twin here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from tumen.core.errors import BarometerError, NotFound
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.query.details import record_detail
from tumen.query.filters import Query as KBQuery
from tumen.query.filters import run_query
from tumen.query.serialize import (
    actor_dict,
    event_dict,
    period_dict,
    person_dict,
    place_dict,
    source_dict,
)
from tumen.query.stats import kb_stats
from tumen.web.checkpool import CheckPool
from tumen.web.params import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, EventFilters
from tumen.web.schemas import (
    ActorDetail,
    ActorOut,
    BarometerOut,
    CheckOut,
    EraDetail,
    EraOut,
    EventDetail,
    EventPage,
    PersonDetail,
    PersonOut,
    PlaceDetail,
    PlaceOut,
    SearchOut,
    SourceDetail,
    SourceOut,
    StatsOut,
    error_responses,
)

__all__ = ["JSONBytes", "router"]

class JSONBytes(JSONResponse):
    """JSON rendered by orjson, skipping FastAPI's generic encoder (the API's hot path)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


router = APIRouter(prefix="/api/v1", tags=["knowledge base"], default_response_class=JSONBytes,
                   responses=error_responses(400, 422))
_ONE = error_responses(404)
MAX_CHECK_CHARS = 100_000


def _kb(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


KB = Annotated[KnowledgeBase, Depends(_kb)]
Filters = Annotated[KBQuery, Depends(EventFilters)]


@router.get("/events", summary="Events, filtered and paginated", response_model=EventPage)
def list_events(
    kb: KB, filters: Filters,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> Response:
    result = run_query(kb, filters, limit=per_page, offset=(page - 1) * per_page)
    return JSONBytes({
        "total": result.total, "page": page, "per_page": per_page,
        "events": [
            {**event_dict(e), **({"score": round(result.scores[e.id], 4)}
                                 if e.id in result.scores else {})}
            for e in result.events
        ],
    })


@router.get("/events/{event_id}", summary="One event with its links resolved",
            response_model=EventDetail, responses=_ONE)
def get_event(kb: KB, event_id: str) -> Response:
    return JSONBytes(record_detail(kb, "event", kb.event(event_id)))


@router.get("/search", summary="Ranked full-text search in English, Russian and Korean",
            response_model=SearchOut)
def search(
    kb: KB, q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_LENGTH)],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
) -> Response:
    result = run_query(kb, KBQuery(text=q), limit=limit)
    return JSONBytes({"query": q, "total": result.total, "events": [
        {**event_dict(e), "score": round(result.scores.get(e.id, 0.0), 4)}
        for e in result.events]})


@router.get("/eras", summary="The eras", response_model=list[EraOut])
def list_eras(kb: KB) -> Response:
    return JSONBytes([{**period_dict(p), "event_count": len(kb.events_in_period(p.id))}
                      for p in kb.periods])


@router.get("/eras/{era_id}", summary="One era with its events", response_model=EraDetail,
            responses=_ONE)
def get_era(kb: KB, era_id: str) -> Response:
    return JSONBytes(record_detail(kb, "era", kb.period(era_id)))


def _collection(name: str, kind: str, to_dict: Callable[[Any], dict[str, Any]],
                summary: str, out: Any, detail: Any) -> None:
    """Register GET /{name} (every record) and GET /{name}/{id} (one, with its events)."""

    @router.get(f"/{name}", summary=summary, name=f"list_{name}", response_model=list[out])
    def list_records(kb: KB) -> Response:
        return JSONBytes([source_dict(r, kb.tier(r)) if kind == "source" else to_dict(r)
                          for r in getattr(kb, name).values()])

    @router.get(f"/{name}/{{record_id}}", summary=f"One {kind} with its events",
                name=f"get_{kind}", response_model=detail, responses=_ONE)
    def get_record(kb: KB, record_id: str) -> Response:
        return JSONBytes(record_detail(kb, kind, getattr(kb, kind)(record_id)))


_collection("actors", "actor", actor_dict, "States, organisations and communities",
            ActorOut, ActorDetail)
_collection("people", "person", person_dict, "People", PersonOut, PersonDetail)
_collection("places", "place", place_dict, "Places", PlaceOut, PlaceDetail)
_collection("sources", "source", source_dict, "The bibliography", SourceOut,
            SourceDetail)


class TextCheck(BaseModel):
    """Text to check (HTML is reduced to its article text)."""

    model_config = ConfigDict(extra="forbid")
    # some character that is neither NUL nor ASCII white space
    text: str = Field(min_length=1, max_length=MAX_CHECK_CHARS,
                      pattern=r"^[^\x00]*[^\x00 \t\n\r\x0b\x0c][^\x00]*$")


class UrlCheck(BaseModel):
    """An http(s) URL whose page is fetched and reduced to its text."""

    model_config = ConfigDict(extra="forbid")
    url: str = Field(max_length=2000, pattern=r"^https?://")


CheckRequest = TextCheck | UrlCheck


@router.post("/check", summary="Check an article's sentences against the knowledge base",
             response_model=CheckOut, responses=error_responses(413, 422, 503))
async def check(request: Request, kb: KB,
                body: Annotated[CheckRequest, Body(description="exactly one of text or url")],
                ) -> Response:
    """Runs in the bounded check pool, off the event loop; 503 with Retry-After when it is full."""

    def work() -> dict[str, Any]:
        from tumen.check import check_text
        from tumen.check.report import report_dict
        from tumen.check.source import read_source, text_from_bytes

        if isinstance(body, TextCheck):
            # a lone surrogate from JSON becomes U+FFFD, not an encoding crash
            text = text_from_bytes(body.text.encode("utf-8", "replace"), "text")
        else:
            text = read_source(body.url)
        return report_dict(kb, check_text(kb, text))

    pool: CheckPool = request.app.state.check_pool
    return JSONBytes(await pool.run(work))


@router.get("/barometer", summary="The GDELT barometer series of a country pair",
            response_model=BarometerOut, responses=_ONE)
def barometer(
    request: Request,
    a: Annotated[str, Query(pattern="^[A-Za-z]{3}$")] = "RUS",
    b: Annotated[str, Query(pattern="^[A-Za-z]{3}$")] = "PRK",
    freq: Annotated[str, Query(pattern="^(month|quarter|year)$")] = "month",
    directed: bool = False, root_only: bool = False,
    min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> Response:
    from tumen.barometer import SeriesQuery, barometer_series

    try:
        rows = barometer_series(SeriesQuery(a.upper(), b.upper(), freq=freq, directed=directed,
                                            root_only=root_only, min_sources=min_sources),
                                request.app.state.barometer_root)
    except BarometerError as exc:
        raise NotFound("barometer data", f"{a.upper()}–{b.upper()}", [str(exc)]) from exc
    return JSONBytes({"a": a.upper(), "b": b.upper(), "freq": freq, "series": rows})


@router.get("/stats", summary="Counts per era, type, theme and source kind",
            response_model=StatsOut)
def stats(kb: KB) -> Response:
    return JSONBytes(kb_stats(kb))
