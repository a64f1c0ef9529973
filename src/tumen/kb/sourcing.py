"""The source policy: where a citation points, how far that site is trusted, how well sourced
each event is.

A knowledge base opts into the policy by shipping `domains.yaml`, the registry of every web
site its sources use (data/README.md explains the tiers). The validator then enforces it
(`tumen.kb.validate`); `tumen stats`, `tumen sources` and the pages report it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from tumen.kb.model import Domain, Event, Source

__all__ = [
    "COVERAGE_MIN",
    "LANDMARK_TYPES",
    "POLICY_CODES",
    "STRONG_KINDS",
    "TIER_LABELS",
    "WEAK_MAX",
    "Coverage",
    "Registry",
    "Sourcing",
    "coverage",
    "host_of",
    "needs_strong",
    "source_tier",
    "weakest_events",
]

#: The validator's codes for breaches of the source policy; `tumen sources` still runs when
#: these are a knowledge base's only problems, since it is the tool for fixing them.
POLICY_CODES = frozenset({
    "domain-unknown", "domain-not-citable", "archived-not-citable", "kind-mismatch",
    "weak-share", "landmark-unsourced", "coverage-low",
})

#: The source kinds that make an event well sourced.
STRONG_KINDS = ("primary", "scholarly")
#: Event types that must have a primary or scholarly source, whatever their significance.
LANDMARK_TYPES = ("treaty", "agreement")
#: The least share of events with a primary or scholarly source.
COVERAGE_MIN = 0.80
#: The largest share of sources on weak sites.
WEAK_MAX = 0.05

TIER_LABELS: Mapping[str, str] = {
    "primary": "primary: archive, government or official record",
    "scholarly": "scholarly: peer-reviewed or academic work",
    "news": "news: established news organisation",
    "reference": "reference: encyclopedia or reference work",
    "weak": "weak: citable, but trivia, a blog, a summary or state outlet",
    "copy": "copy: only where a document was read",
    "not-citable": "not citable",
}


def host_of(url: str) -> str:
    """The host a URL points to, lower case and without a leading 'www.' ('' if none)."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


class Registry:
    """The domain registry, looked up by URL."""

    def __init__(self, domains: Iterable[Domain]) -> None:
        self.domains: Mapping[str, Domain] = {d.id: d for d in domains}

    def __len__(self) -> int:
        return len(self.domains)

    def get(self, url: str) -> Domain | None:
        """The registered domain of `url`, or None when it is not registered."""
        return self.domains.get(host_of(url)) if url else None


def source_tier(source: Source, registry: Registry | None) -> str:
    """A source's tier: its kind, or "weak" when its URL sits on a weak site."""
    if registry is not None and source.url:
        domain = registry.get(source.url)
        if domain is not None and domain.tier == "weak":
            return "weak"
    return source.kind


def needs_strong(event: Event) -> bool:
    """Whether the policy requires a primary or scholarly source for `event`."""
    return event.significance == 3 or event.type in LANDMARK_TYPES


@dataclass(frozen=True, slots=True)
class Sourcing:
    """How one event is sourced."""

    event: Event
    tiers: tuple[str, ...]  # the tier of each of its sources, in the event's order

    @property
    def strong(self) -> int:
        return sum(t in STRONG_KINDS for t in self.tiers)

    @property
    def required(self) -> bool:
        return needs_strong(self.event)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The policy's figures over a whole knowledge base."""

    events: int
    strong_events: int
    required: int
    required_strong: int
    sources: int
    weak_sources: int
    per_tier: Mapping[str, int]

    @property
    def strong_share(self) -> float:
        return self.strong_events / self.events if self.events else 1.0

    @property
    def weak_share(self) -> float:
        return self.weak_sources / self.sources if self.sources else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "events": self.events,
            "events_with_primary_or_scholarly": self.strong_events,
            "share_with_primary_or_scholarly": round(self.strong_share, 4),
            "landmarks_and_treaties": self.required,
            "landmarks_and_treaties_with_primary_or_scholarly": self.required_strong,
            "sources": self.sources,
            "sources_on_weak_sites": self.weak_sources,
            "share_on_weak_sites": round(self.weak_share, 4),
            "sources_per_tier": dict(self.per_tier),
        }


def _sourcing(events: Iterable[Event], sources: Mapping[str, Source],
              registry: Registry | None) -> list[Sourcing]:
    return [Sourcing(e, tuple(source_tier(sources[s], registry) for s in e.sources
                              if s in sources)) for e in events]


def coverage(events: Sequence[Event], sources: Mapping[str, Source],
             registry: Registry | None) -> Coverage:
    """The policy's figures for these events and sources."""
    rows = _sourcing(events, sources, registry)
    tiers = Counter(source_tier(s, registry) for s in sources.values())
    order = ("primary", "scholarly", "news", "reference", "weak")
    return Coverage(
        events=len(rows),
        strong_events=sum(r.strong > 0 for r in rows),
        required=sum(r.required for r in rows),
        required_strong=sum(r.required and r.strong > 0 for r in rows),
        sources=len(sources),
        weak_sources=tiers.get("weak", 0),
        per_tier={t: tiers.get(t, 0) for t in order},
    )


def weakest_events(events: Sequence[Event], sources: Mapping[str, Source],
                   registry: Registry | None, limit: int | None = None) -> list[Sourcing]:
    """Events by how badly they need better sources: first those the policy requires a
    primary or scholarly source for and that lack one, then the others that lack one (most
    significant first), then those with one, fewest sources first."""
    rows = [r for r in _sourcing(events, sources, registry)]
    rows.sort(key=lambda r: (r.strong > 0, not (r.required and r.strong == 0),
                             -r.event.significance, r.strong, len(r.tiers), r.event.sort_key))
    return rows if limit is None else rows[:limit]
