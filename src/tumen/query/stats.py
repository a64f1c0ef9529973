"""Counts over a knowledge base: events per era, type and theme; sources by kind and tier;
how well the events are sourced."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.sourcing import coverage

__all__ = ["events_per_year", "kb_stats"]


def kb_stats(kb: KnowledgeBase) -> dict[str, Any]:
    """Totals and breakdowns, each breakdown sorted by count (eras in chronological order)."""
    per_era = Counter(e.period for e in kb.events)
    per_type = Counter(e.type for e in kb.events)
    per_theme = Counter(t for e in kb.events for t in e.themes)
    per_kind = Counter(s.kind for s in kb.sources.values())
    per_significance = Counter(e.significance for e in kb.events)
    figures = coverage(kb.events, kb.sources, kb.registry)
    return {
        "totals": {
            "events": len(kb.events),
            "eras": len(kb.periods),
            "actors": len(kb.actors),
            "people": len(kb.people),
            "places": len(kb.places),
            "sources": len(kb.sources),
            "citations": sum(len(e.sources) for e in kb.events),
        },
        "events_per_era": {p.id: per_era.get(p.id, 0) for p in kb.periods},
        "events_per_type": dict(per_type.most_common()),
        "events_per_theme": dict(per_theme.most_common()),
        "events_per_significance": {str(k): per_significance.get(k, 0) for k in (3, 2, 1)},
        "sources_per_kind": dict(per_kind.most_common()),
        "sources_per_tier": dict(figures.per_tier),
        "sourcing": {
            "events with a primary or scholarly source": figures.strong_events,
            "share of events (%)": round(100 * figures.strong_share, 1),
            "landmarks and treaties": figures.required,
            "  with a primary or scholarly source": figures.required_strong,
            "sources on weak sites": figures.weak_sources,
            "share of sources (%)": round(100 * figures.weak_share, 1),
        },
    }


def events_per_year(kb: KnowledgeBase, by: str) -> dict[int, dict[str, int]]:
    """Events counted by the year they start, split by `by` ("theme": an event's first theme,
    "type": its type), for every year from the first event to the last (empty years included).
    """
    if by not in ("theme", "type"):
        raise ValueError(f"by must be 'theme' or 'type', not {by!r}")
    counts: dict[int, Counter[str]] = {}
    for e in kb.events:
        if e.date.lower is None:
            continue
        key = (e.themes[0] if e.themes else "other") if by == "theme" else e.type
        counts.setdefault(e.date.lower.year, Counter())[key] += 1
    if not counts:
        return {}
    return {y: dict(counts.get(y, Counter())) for y in range(min(counts), max(counts) + 1)}
