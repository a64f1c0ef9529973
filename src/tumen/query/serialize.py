"""Plain-data forms of records, shared by `--json`, the exports and the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tumen.core.dates import EdtfDate
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.model import Actor, Domain, Event, Period, Person, Place, Source

__all__ = [
    "actor_dict",
    "date_dict",
    "domain_dict",
    "event_dict",
    "kb_dict",
    "period_dict",
    "person_dict",
    "place_dict",
    "record_dict",
    "source_dict",
]


def date_dict(d: EdtfDate | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "edtf": d.text,
        "lower": d.lower.isoformat() if d.lower else None,
        "upper": d.upper.isoformat() if d.upper else None,
        "display": d.display(),
        "precision": d.precision,
        "uncertain": d.uncertain,
        "approximate": d.approximate,
    }


def event_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": date_dict(e.date),
        "title": e.title,
        "summary": e.summary,
        "type": e.type,
        "themes": list(e.themes),
        "actors": list(e.actors),
        "people": list(e.people),
        "places": list(e.places),
        "significance": e.significance,
        "sources": list(e.sources),
        "related": list(e.related),
        "names": dict(e.names),
        "alt_dates": [
            {"date": date_dict(a.date), "sources": list(a.sources), "note": a.note}
            for a in e.alt_dates
        ],
        "notes": e.notes,
        "era": e.period,
    }


def period_dict(p: Period) -> dict[str, Any]:
    return {"id": p.id, "title": p.title, "date": date_dict(p.date), "intro": p.intro,
            "names": dict(p.names)}


def _named(n: Actor | Person | Place) -> dict[str, Any]:
    return {"id": n.id, "names": dict(n.names), "aliases": list(n.aliases),
            "description": n.description, "sources": list(n.sources)}


def actor_dict(a: Actor) -> dict[str, Any]:
    return {**_named(a), "side": a.side, "kind": a.kind, "date": date_dict(a.date)}


def person_dict(p: Person) -> dict[str, Any]:
    return {**_named(p), "family_name": p.family_name, "born": date_dict(p.born),
            "died": date_dict(p.died)}


def place_dict(p: Place) -> dict[str, Any]:
    return {**_named(p), "coordinates": list(p.coordinates) if p.coordinates else None,
            "kind": p.kind}


def source_dict(s: Source, tier: str = "") -> dict[str, Any]:
    """A source as plain data; `tier` is its tier under the source policy (default: its
    kind)."""
    return {"id": s.id, "title": s.title, "kind": s.kind, "tier": tier or s.kind,
            "url": s.url, "author": s.author,
            "publisher": s.publisher, "date": date_dict(s.date), "pages": s.pages,
            "notes": s.notes, "title_en": s.title_en, "container": s.container,
            "number": s.number, "archived": s.archived, "citation": s.citation()}


def kb_dict(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole knowledge base as plain data (the JSON export)."""
    return {
        "eras": [period_dict(p) for p in kb.periods],
        "events": [event_dict(e) for e in kb.events],
        "actors": [actor_dict(a) for a in kb.actors.values()],
        "people": [person_dict(p) for p in kb.people.values()],
        "places": [place_dict(p) for p in kb.places.values()],
        "sources": [source_dict(s, kb.tier(s)) for s in kb.sources.values()],
        **({"domains": [domain_dict(d) for d in kb.registry.domains.values()]}
           if kb.registry is not None else {}),
    }


def domain_dict(d: Domain) -> dict[str, Any]:
    """A registered web site with its tier under the source policy."""
    return {"id": d.id, "tier": d.tier, "reason": d.reason, "kinds": list(d.kinds),
            "category": d.category}


def record_dict(kind: str, record: Any, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """The plain form of a record of any kind, as `KnowledgeBase.lookup` returns it (a
    source's tier is read from `kb`'s domain registry when given)."""
    if kind == "source" and kb is not None:
        return source_dict(record, kb.tier(record))
    to_dict: dict[str, Callable[[Any], dict[str, Any]]] = {
        "event": event_dict, "era": period_dict, "actor": actor_dict, "person": person_dict,
        "place": place_dict, "source": source_dict,
    }
    return to_dict[kind](record)
