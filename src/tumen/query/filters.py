"""Filtering and searching events: the one query layer that the CLI, the API and exports call."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from tumen.core.dates import parse_date
from tumen.core.errors import DateError, QueryError
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.model import SIDES, Event
from tumen.kb.schema import EVENT_THEMES, EVENT_TYPES

__all__ = ["Query", "Result", "resolve_actors", "run_query"]


@dataclass(frozen=True)
class Query:
    """A selection of events. Every field is optional; lists mean "any of".

    `start`/`end` are EDTF strings: an event matches when its bounds overlap
    [lower bound of start, upper bound of end]. `actors` takes actor ids, names, aliases or a
    side (russia, korea, other), so "russia" covers the Russian Empire, the USSR and Russia.
    """

    start: str | None = None
    end: str | None = None
    actors: Sequence[str] = ()
    types: Sequence[str] = ()
    themes: Sequence[str] = ()
    periods: Sequence[str] = ()
    people: Sequence[str] = ()
    places: Sequence[str] = ()
    min_significance: int = 1
    text: str = ""
    sort: str = ""  # "date" or "relevance"; default: relevance with text, else date


@dataclass(frozen=True)
class Result:
    events: list[Event]
    total: int
    scores: dict[str, float] = field(default_factory=dict)


def _bound(value: str | None, which: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        parsed = parse_date(value)
    except DateError as exc:
        raise QueryError(f"--{which}: {exc}") from None
    return parsed.lower if which == "from" else parsed.upper


def _check(kind: str, values: Iterable[str], allowed: Iterable[str]) -> set[str]:
    allowed = list(allowed)
    out = set()
    for v in values:
        if v not in allowed:
            close = difflib.get_close_matches(v, allowed, n=1, cutoff=0.5)
            hint = f" — did you mean '{close[0]}'?" if close else f" (one of: {', '.join(allowed)})"
            raise QueryError(f"unknown {kind} '{v}'{hint}")
        out.add(v)
    return out


def resolve_actors(kb: KnowledgeBase, values: Iterable[str]) -> set[str]:
    """Actor ids for ids, names, aliases or sides; raise QueryError for anything unknown."""
    out: set[str] = set()
    for value in values:
        v = value.strip()
        if v.casefold() in SIDES:
            out.update(kb.actors_on_side(v.casefold()))
            continue
        if v.upper() in kb.actors:
            out.add(v.upper())
            continue
        folded = v.casefold()
        matches = {a.id for a in kb.actors.values()
                   if any(n.casefold() == folded for n in a.all_names())}
        if not matches:
            names = [*kb.actors, *SIDES]
            close = difflib.get_close_matches(v.upper(), names, n=1, cutoff=0.5)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            raise QueryError(f"unknown actor or side '{v}'{hint}")
        out.update(matches)
    return out


def _check_ids(kb_index: Iterable[str], kind: str, values: Sequence[str]) -> set[str]:
    return _check(kind, values, kb_index) if values else set()


def run_query(
    kb: KnowledgeBase, q: Query, *, limit: int | None = None, offset: int = 0
) -> Result:
    """The events matching `q`, sorted by date or relevance, with paging."""
    start, end = _bound(q.start, "from"), _bound(q.end, "to")
    if start and end and end < start:
        raise QueryError(f"--to {q.end} is before --from {q.start}")
    if not 1 <= q.min_significance <= 3:
        raise QueryError("significance must be 1, 2 or 3")
    actors = resolve_actors(kb, q.actors) if q.actors else set()
    types = _check("type", q.types, EVENT_TYPES) if q.types else set()
    themes = _check("theme", q.themes, EVENT_THEMES) if q.themes else set()
    periods = _check_ids(kb.period_by_id, "era", q.periods)
    people = _check_ids(kb.people, "person", q.people)
    places = _check_ids(kb.places, "place", q.places)
    sort = q.sort or ("relevance" if q.text.strip() else "date")
    if sort not in ("date", "relevance"):
        raise QueryError(f"unknown sort '{sort}' (date or relevance)")

    positions = []
    for i, e in enumerate(kb.events):
        if (start or end) and not e.date.overlaps(start, end):
            continue
        if e.significance < q.min_significance:
            continue
        if actors and actors.isdisjoint(e.actors):
            continue
        if types and e.type not in types:
            continue
        if themes and themes.isdisjoint(e.themes):
            continue
        if periods and e.period not in periods:
            continue
        if people and people.isdisjoint(e.people):
            continue
        if places and places.isdisjoint(e.places):
            continue
        positions.append(i)

    scores: dict[str, float] = {}
    if q.text.strip():
        from tumen.query.search import search_index  # numpy: only when a query has text

        ranked = search_index(kb).search(q.text, limit=None, allowed=positions)
        scores = {e.id: s for e, s in ranked}
        events = [e for e, _ in ranked]
        if sort == "date":
            events.sort(key=lambda e: e.sort_key)
    else:
        events = [kb.events[i] for i in positions]
    total = len(events)
    stop = None if limit is None else offset + limit
    return Result(events[offset:stop], total, scores)
