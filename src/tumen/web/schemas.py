"""Response models of the JSON API: they make the OpenAPI document at /api/openapi.json the
contract (schemathesis checks every answer against it). The handlers build plain dicts and send
them with orjson; these models describe those dicts. Records may carry more fields than listed
(`additionalProperties`), never fewer, and never of another type."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ActorDetail", "ActorOut", "BarometerOut", "CheckOut", "EraDetail", "EraOut", "ErrorBody",
    "EventDetail", "EventOut", "EventPage", "PersonDetail", "PersonOut", "PlaceDetail",
    "PlaceOut", "SearchOut", "SourceDetail", "SourceOut", "StatsOut", "error_responses",
]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class DateOut(_Open):
    edtf: str
    lower: str | None
    upper: str | None
    display: str


class AltDate(_Open):
    date: DateOut | None
    sources: list[str]
    note: str | None


class EventOut(_Open):
    id: str
    date: DateOut | None
    title: str
    summary: str
    type: str
    themes: list[str]
    actors: list[str]
    people: list[str]
    places: list[str]
    significance: int
    sources: list[str]
    related: list[str]
    names: dict[str, str]
    alt_dates: list[AltDate]
    era: str | None


class ScoredEvent(EventOut):
    score: float


class EventPage(_Open):
    total: int
    page: int
    per_page: int
    events: list[EventOut]


class SearchOut(_Open):
    query: str
    total: int
    events: list[ScoredEvent]


class EventBrief(_Open):
    id: str
    title: str
    date: str
    lower: str | None
    type: str
    significance: int
    era: str | None


class EventLinks(_Open):
    actors: list[dict[str, Any]]
    people: list[dict[str, Any]]
    places: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    related: list[EventBrief]
    alt_date_sources: dict[str, dict[str, Any]]


class EventDetail(EventOut):
    era_title: str | None
    links: EventLinks


class _Era(_Open):
    id: str
    title: str
    date: DateOut | None
    names: dict[str, str]


class EraOut(_Era):
    event_count: int


class EraDetail(_Era):
    events: list[EventBrief]


class _Named(_Open):
    id: str
    names: dict[str, str]
    aliases: list[str]
    sources: list[str]


class ActorOut(_Named):
    side: str | None
    date: DateOut | None


class PersonOut(_Named):
    born: DateOut | None
    died: DateOut | None


class PlaceOut(_Named):
    coordinates: list[float] | None


class SourceOut(_Open):
    id: str
    title: str
    kind: str | None
    tier: str = Field(description="the source's tier under the source policy: its kind, or "
                      "'weak' when its url is on a weak site")
    url: str | None
    date: DateOut | None
    citation: str


class ActorDetail(ActorOut):
    events: list[EventBrief]


class PersonDetail(PersonOut):
    events: list[EventBrief]


class PlaceDetail(PlaceOut):
    events: list[EventBrief]


class SourceDetail(SourceOut):
    events: list[EventBrief]


class CheckOut(_Open):
    counts: dict[str, int]
    results: list[dict[str, Any]]


class BarometerOut(_Open):
    a: str
    b: str
    freq: str
    series: list[dict[str, Any]]


class StatsOut(_Open):
    totals: dict[str, int]


class ErrorDetail(BaseModel):
    status: int
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    """The body of every API error."""

    error: ErrorDetail


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for these error statuses, all with the one error body."""
    text = {400: "Malformed request", 404: "No such record", 405: "Method not allowed",
            413: "Request body too large", 422: "Invalid parameters or body",
            503: "Too many checks at once; retry after the seconds in Retry-After"}
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {"model": ErrorBody, "description": text[status]}
        if status == 503:
            entry["headers"] = {"Retry-After": {"schema": {"type": "integer"},
                                                "description": "seconds to wait"}}
        out[status] = entry
    return out
