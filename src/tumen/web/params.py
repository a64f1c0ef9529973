"""Query-string filters, validated and bounded, shared by the API and the pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from tumen.query.filters import Query as KBQuery

__all__ = ["MAX_PAGE_SIZE", "MAX_QUERY_LENGTH", "EventFilters"]

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 200
# Years 1-9999, months 01-12, days 01-31; a day past the month's end is read as its last day,
# so every date the pattern admits is accepted (the OpenAPI document is the contract).
DATE_PATTERN = (r"^$|^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
                r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


def _padded(value: str, tail: str) -> str:
    """YYYY[-MM[-DD]] completed to a full date with the end of `tail` (for comparing bounds)."""
    return value + tail[len(value) - 4:]


def _in_month(value: str | None) -> str | None:
    """YYYY-MM-DD with the day cut to the month's length; any other value unchanged."""
    if value is None or len(value) != 10:
        return value
    import calendar

    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:])
    return f"{value[:8]}{min(day, calendar.monthrange(year, month)[1]):02d}"


def EventFilters(
    start: Annotated[str | None, Query(alias="from", max_length=40, pattern=DATE_PATTERN,
                                       description="YYYY, YYYY-MM or YYYY-MM-DD: events "
                                       "overlapping from it")] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40, pattern=DATE_PATTERN,
                                     description="YYYY, YYYY-MM or YYYY-MM-DD: events "
                                     "overlapping up to it")] = None,
    actor: Annotated[list[str], Query(max_length=20, description="actor id, name or side")] = [],  # noqa: B006
    type: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006
    theme: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006
    era: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006
    person: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006
    place: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006
    significance: Annotated[int, Query(ge=1, le=3, description="minimum significance")] = 1,
    q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH, description="full-text query")] = "",
    sort: Annotated[str, Query(pattern="^(|date|relevance)$")] = "",
) -> KBQuery:
    """The event filters of a request as a library Query (empty values are ignored)."""
    def clean(values: list[str]) -> tuple[str, ...]:
        return tuple(v for v in (s.strip() for s in values) if v)

    start, end = _in_month(start), _in_month(end)
    if start and end and _padded(start, "-01-01") > _padded(end, "-12-31"):
        start, end = end, start  # the two bounds in either order
    return KBQuery(
        start=start or None, end=end or None, actors=clean(actor), types=clean(type),
        themes=clean(theme), periods=clean(era), people=clean(person), places=clean(place),
        min_significance=significance, text=q.strip(), sort=sort,
    )
