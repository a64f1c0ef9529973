"""The detail records the pages and the API both show: a record with everything it links to."""

from __future__ import annotations

from typing import Any

from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.model import Event
from tumen.query.serialize import (
    actor_dict,
    event_dict,
    period_dict,
    person_dict,
    place_dict,
    record_dict,
    source_dict,
)

__all__ = ["event_brief", "event_detail", "record_detail"]


def event_brief(e: Event) -> dict[str, Any]:
    """The short form of an event used in lists: id, title, date, type, significance."""
    return {"id": e.id, "title": e.title, "date": e.date.display(),
            "lower": e.date.lower.isoformat() if e.date.lower else None,
            "type": e.type, "significance": e.significance, "era": e.period}


def event_detail(kb: KnowledgeBase, e: Event) -> dict[str, Any]:
    """An event with its actors, people, places, sources and related events resolved."""
    era = kb.period_by_id.get(e.period)
    return {
        **event_dict(e),
        "era_title": era.title if era else e.period,
        "links": {
            "actors": [actor_dict(kb.actors[a]) for a in e.actors if a in kb.actors],
            "people": [person_dict(kb.people[p]) for p in e.people if p in kb.people],
            "places": [place_dict(kb.places[p]) for p in e.places if p in kb.places],
            "sources": [source_dict(kb.sources[s], kb.tier(kb.sources[s])) for s in e.sources
                        if s in kb.sources],
            "related": [event_brief(r) for r in kb.events_citing("related", e.id)],
            "alt_date_sources": {
                s: source_dict(kb.sources[s], kb.tier(kb.sources[s]))
                for a in e.alt_dates for s in a.sources if s in kb.sources
            },
        },
    }


_FIELD = {"actor": "actors", "person": "people", "place": "places", "source": "sources"}


def record_detail(kb: KnowledgeBase, kind: str, record: Any) -> dict[str, Any]:
    """An era, actor, person, place or source with the events that link to it."""
    if kind == "event":
        return event_detail(kb, record)
    if kind == "era":
        events = kb.events_in_period(record.id)
        return {**period_dict(record), "events": [event_brief(e) for e in events]}
    events = kb.events_citing(_FIELD[kind], record.id)
    out = {**record_dict(kind, record, kb), "events": [event_brief(e) for e in events]}
    if kind == "source":
        out["site"] = _site(kb, record.url)
        out["archived_site"] = _site(kb, record.archived)
    return out


def _site(kb: KnowledgeBase, url: str) -> dict[str, str] | None:
    """The registry's entry for the site of `url`, as a reader sees it."""
    domain = kb.registry.get(url) if kb.registry is not None and url else None
    if domain is None:
        return None
    return {"domain": domain.id, "tier": domain.tier, "category": domain.category,
            "reason": domain.reason}
