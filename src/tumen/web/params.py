"""Query-string filters, validated and bounded, shared by the API and the pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from tumen.query import Query as KBQuery

__all__ = ["MAX_PAGE_SIZE", "MAX_QUERY_LENGTH", "EventFilters"]

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 200
_List = Annotated[list[str], Query(max_length=20)]


def EventFilters(
    start: Annotated[str | None, Query(alias="from", max_length=40,
                                       description="EDTF date: events overlapping from it")] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40,
                                     description="EDTF date: events overlapping up to it")] = None,
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

    return KBQuery(
        start=start or None, end=end or None, actors=clean(actor), types=clean(type),
        themes=clean(theme), periods=clean(era), people=clean(person), places=clean(place),
        min_significance=significance, text=q.strip(), sort=sort,
    )
