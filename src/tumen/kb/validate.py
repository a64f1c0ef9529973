"""Checks of meaning across records: ids, references, citations, dates, lifetimes, duplicates."""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from urllib.parse import urlsplit

from tumen.core.dates import EdtfDate
from tumen.core.text import citation_keys
from tumen.kb.loader import Records
from tumen.kb.model import Event, Origin
from tumen.kb.problems import Problem
from tumen.kb.schema import UNDATED
from tumen.kb.sourcing import (
    COVERAGE_MIN,
    STRONG_KINDS,
    WEAK_MAX,
    Registry,
    coverage,
    host_of,
    needs_strong,
    source_tier,
)

__all__ = ["check_records"]

_NEAR_DUPLICATE = 0.85

Report = Callable[[Problem], None]


def check_records(records: Records, report: Report, today: date) -> None:
    """Run every cross-record check on `records`, reporting each problem."""
    _unique_ids(records, report)
    _references(records, report)
    _named_sources(records, report)
    _spans(records, report)
    _citations(records, report)
    _sources(records, report)
    _dates(records, report, today)
    _near_duplicates(records.events, report)
    if records.domains is not None:
        registry = Registry(records.domains)
        _policy(records, registry, report)
        _coverage(records, registry, report)


def _problem(report: Report, code: str, origin: Origin, message: str, record: str = "",
             field: str = "") -> None:
    report(Problem(code, origin.path, origin.line, message, record, field))


def _unique_ids(records: Records, report: Report) -> None:
    seen: dict[str, tuple[str, Origin]] = {}
    groups: list[tuple[str, Iterable[tuple[str, Origin]]]] = [
        ("period", ((p.id, p.origin) for p in records.periods)),
        ("event", ((e.id, e.origin) for e in records.events)),
        ("source", ((s.id, s.origin) for s in records.sources)),
        ("actor", ((a.id, a.origin) for a in records.actors)),
        ("person", ((p.id, p.origin) for p in records.people)),
        ("place", ((p.id, p.origin) for p in records.places)),
        ("span", ((p.id, p.origin) for p in records.spans)),
        ("domain", ((d.id, d.origin) for d in records.domains or ())),
    ]
    for kind, items in groups:
        for rid, origin in items:
            # Events and sources share one namespace: a citation marker may name either.
            ns = "cite" if kind in ("event", "source") else kind
            key = f"{ns}:{rid}"
            if key in seen:
                other_kind, other = seen[key]
                _problem(report, "duplicate-id", origin, f"{kind} id '{rid}' is already used by "
                         f"the {other_kind} at {other}", rid, "id")
            else:
                seen[key] = (kind, origin)


def _references(records: Records, report: Report) -> None:
    known = {
        "actors": {a.id for a in records.actors},
        "people": {p.id for p in records.people},
        "places": {p.id for p in records.places},
        "sources": {s.id for s in records.sources},
        "related": {e.id for e in records.events},
    }
    for event in records.events:
        for fld, ids in known.items():
            for ref in getattr(event, fld):
                if ref not in ids:
                    hint = _suggest(ref, ids)
                    _problem(report, "unknown-reference", event.origin,
                             f"event '{event.id}': {fld} '{ref}' does not exist{hint}",
                             event.id, fld)
        if event.id in event.related:
            _problem(report, "self-reference", event.origin,
                     f"event '{event.id}' lists itself as related", event.id, "related")
        for alt in event.alt_dates:
            for ref in alt.sources:
                if ref not in known["sources"]:
                    _problem(report, "unknown-reference", event.origin,
                             f"event '{event.id}': alt_dates source '{ref}' does not exist"
                             f"{_suggest(ref, known['sources'])}", event.id, "alt_dates")


def _named_sources(records: Records, report: Report) -> None:
    known = {s.id for s in records.sources}
    for kind, items in (("actor", records.actors), ("person", records.people),
                        ("place", records.places)):
        for named in items:
            for ref in named.sources:
                if ref not in known:
                    _problem(report, "unknown-reference", named.origin, f"{kind} '{named.id}': "
                             f"sources '{ref}' does not exist{_suggest(ref, known)}", named.id,
                             "sources")


def _spans(records: Records, report: Report) -> None:
    events = {e.id: e for e in records.events}
    for span in records.spans:
        for fld in ("start", "end"):
            ref = getattr(span, fld)
            if ref and ref not in events:
                _problem(report, "unknown-reference", span.origin, f"span '{span.id}': {fld} "
                         f"'{ref}' is no event{_suggest(ref, events)}", span.id, fld)
        first, last = events.get(span.start), events.get(span.end)
        if first and last and last.date.sort_key[1] < first.date.sort_key[0]:
            _problem(report, "interval-order", span.origin, f"span '{span.id}' ends (with "
                     f"'{span.end}') before it starts (with '{span.start}')", span.id, "end")


def _suggest(ref: str, ids: Iterable[str]) -> str:
    close = difflib.get_close_matches(ref, list(ids), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _citations(records: Records, report: Report) -> None:
    keys = {e.id for e in records.events} | {s.id for s in records.sources}
    prose: list[tuple[str, str, str, Origin]] = []
    for p in records.periods:
        prose.append((p.id, "intro", p.intro, p.origin))
    for e in records.events:
        prose += [(e.id, "summary", e.summary, e.origin), (e.id, "notes", e.notes, e.origin)]
    for named in (*records.actors, *records.people, *records.places):
        prose.append((named.id, "description", named.description, named.origin))
    for rid, fld, text, origin in prose:
        if "@" not in text:
            continue
        for key in citation_keys(text):
            if key not in keys:
                _problem(report, "unknown-citation", origin, f"{rid}: {fld} cites "
                         f"[@{key}], which is no event or source{_suggest(key, keys)}", rid, fld)


def _sources(records: Records, report: Report) -> None:
    for s in records.sources:
        if s.url:
            parts = urlsplit(s.url)
            if parts.scheme in ("http", "https") and parts.netloc and " " not in s.url:
                continue
            _problem(report, "source-incomplete", s.origin, f"source '{s.id}': url "
                     f"'{s.url}' is not an http(s) address", s.id, "url")
        elif not (s.title and (s.author or s.publisher) and s.date is not None):
            _problem(report, "source-incomplete", s.origin, f"source '{s.id}' has no url, so it "
                     "needs a full entry: title, author or publisher, and date", s.id, "url")
        if s.archived:
            parts = urlsplit(s.archived)
            if not (parts.scheme in ("http", "https") and parts.netloc and " " not in s.archived):
                _problem(report, "source-incomplete", s.origin, f"source '{s.id}': archived "
                         f"'{s.archived}' is not an http(s) address", s.id, "archived")


def _dates(records: Records, report: Report, today: date) -> None:
    periods = {p.id: p for p in records.periods}
    actors = {a.id: a for a in records.actors}
    people = {p.id: p for p in records.people}
    ordered = [p for p in records.periods]
    for prev, cur in itertools.pairwise(ordered):
        if cur.date.sort_key[0] < prev.date.sort_key[0]:
            _problem(report, "period-order", cur.origin, f"period '{cur.id}' starts before "
                     f"the period '{prev.id}' listed above it", cur.id, "date")
    for event in records.events:
        d = event.date
        if d is UNDATED:
            continue
        if d.lower is not None and d.lower > today:
            _problem(report, "future-date", event.origin, f"event '{event.id}': date {d} is "
                     f"after today ({today.isoformat()})", event.id, "date")
        period = periods.get(event.period)
        if period is not None and not _within(d.sort_key[0], period.date):
            _problem(report, "outside-period", event.origin, f"event '{event.id}' ({d}) starts "
                     f"outside its period '{period.id}' ({period.date})", event.id, "date")
        for aid in event.actors:
            actor = actors.get(aid)
            if actor is not None and actor.date is not None and not _overlap(d, actor.date):
                _problem(report, "outside-lifetime", event.origin, f"event '{event.id}' ({d}) "
                         f"lies outside the existence of {aid} ({actor.date})", event.id,
                         "actors")
        for pid in event.people:
            person = people.get(pid)
            if person is None:
                continue
            if person.born is not None and d.sort_key[1] < person.born.sort_key[0]:
                _problem(report, "outside-lifetime", event.origin, f"event '{event.id}' ({d}) "
                         f"is before {pid} was born ({person.born})", event.id, "people")
            if person.died is not None and d.sort_key[0] > person.died.sort_key[1]:
                _problem(report, "outside-lifetime", event.origin, f"event '{event.id}' ({d}) "
                         f"is after {pid} died ({person.died})", event.id, "people")


def _within(day: date, span: EdtfDate) -> bool:
    lo, hi = span.sort_key
    return lo <= day <= hi


def _overlap(a: EdtfDate, b: EdtfDate) -> bool:
    (alo, ahi), (blo, bhi) = a.sort_key, b.sort_key
    return alo <= bhi and blo <= ahi


def _norm_title(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))


def _near_duplicates(events: list[Event], report: Report) -> None:
    by_date: dict[tuple[date, date], list[Event]] = defaultdict(list)
    for e in events:
        if e.date is UNDATED:
            continue
        by_date[e.date.sort_key].append(e)
    for group in by_date.values():
        if len(group) < 2:
            continue
        titles = [_norm_title(e.title) for e in group]
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = len(titles[i]), len(titles[j])
                if 2 * min(a, b) < _NEAR_DUPLICATE * (a + b):
                    continue  # the lengths alone rule out a ratio this high
                matcher = difflib.SequenceMatcher(None, titles[i], titles[j])
                if matcher.quick_ratio() >= _NEAR_DUPLICATE and \
                        matcher.ratio() >= _NEAR_DUPLICATE:
                    later, first = group[j], group[i]
                    _problem(report, "near-duplicate", later.origin, f"event '{later.id}' has "
                             f"the same date and nearly the same title as '{first.id}' at "
                             f"{first.origin}", later.id, "title")


def _policy(records: Records, registry: Registry, report: Report) -> None:
    """The source policy (data/README.md): registered sites, citable URLs, kinds that agree
    with the site, and enough primary or scholarly sources."""
    for s in records.sources:
        if s.url:
            domain = registry.get(s.url)
            if domain is None:
                _problem(report, "domain-unknown", s.origin, f"source '{s.id}': the site "
                         f"'{host_of(s.url)}' of its url is not in domains.yaml; register it "
                         "with its tier and a reason", s.id, "url")
            elif not domain.citable:
                advice = ("cite the original publisher or archive and keep this copy as "
                          "'archived'" if domain.tier == "copy" else "remove the link")
                _problem(report, "domain-not-citable", s.origin, f"source '{s.id}': its url "
                         f"is on '{domain.id}', a {domain.tier} site ({domain.category}: "
                         f"{domain.reason}); {advice}", s.id, "url")
            elif s.kind and s.kind not in domain.allowed_kinds:
                _problem(report, "kind-mismatch", s.origin, f"source '{s.id}' is kind "
                         f"'{s.kind}', but '{domain.id}' is a {domain.tier} site whose "
                         f"sources are {' or '.join(domain.allowed_kinds)}: fix the kind, or "
                         "the domain's kinds if the site really publishes this kind",
                         s.id, "kind")
        if s.archived:
            domain = registry.get(s.archived)
            if domain is None:
                _problem(report, "domain-unknown", s.origin, f"source '{s.id}': the site "
                         f"'{host_of(s.archived)}' of its archived copy is not in "
                         "domains.yaml; register it with its tier and a reason", s.id,
                         "archived")
            elif not domain.archivable:
                _problem(report, "archived-not-citable", s.origin, f"source '{s.id}': its "
                         f"archived copy is on '{domain.id}' ({domain.category}: "
                         f"{domain.reason}), which is never linked; drop it", s.id, "archived")
    sources = {s.id: s for s in records.sources}
    figures = coverage(records.events, sources, registry)
    if figures.sources and figures.weak_share > WEAK_MAX:
        _problem(report, "weak-share", Origin("sources.yaml", 0), f"{figures.weak_sources} of "
                 f"{figures.sources} sources ({figures.weak_share:.1%}) sit on weak sites; the "
                 f"policy allows {WEAK_MAX:.0%}")


def _coverage(records: Records, registry: Registry, report: Report) -> None:
    """The policy's coverage rules: landmarks, treaties and agreements, and 80% of all events,
    have a primary or scholarly source."""
    sources = {s.id: s for s in records.sources}
    for e in records.events:
        if needs_strong(e) and not any(
            source_tier(sources[k], registry) in STRONG_KINDS for k in e.sources if k in sources
        ):
            why = "significance 3" if e.significance == 3 else f"a {e.type}".replace("a a", "an a")
            _problem(report, "landmark-unsourced", e.origin, f"event '{e.id}' is {why} but "
                     "has no primary or scholarly source (the treaty's text, an official "
                     "record or a scholarly work)", e.id, "sources")
    figures = coverage(records.events, sources, registry)
    where = Origin("events", 0)
    if figures.events and figures.strong_share < COVERAGE_MIN:
        need = -(-int(COVERAGE_MIN * 100) * figures.events // 100) - figures.strong_events
        _problem(report, "coverage-low", where, f"{figures.strong_events} of {figures.events} "
                 f"events ({figures.strong_share:.0%}) have a primary or scholarly source; the "
                 f"policy needs {COVERAGE_MIN:.0%}: {need} more (`tumen sources` lists them)")
