"""The KnowledgeBase: loaded and validated once, indexed, read by every front end."""

from __future__ import annotations

import difflib
import gc
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from tumen.core.errors import KBInvalid, KBNotFound, NotFound
from tumen.kb.loader import Records, read_records
from tumen.kb.model import Actor, Event, Period, Person, Place, Source, Span
from tumen.kb.problems import Problem
from tumen.kb.sourcing import Registry, source_tier
from tumen.kb.validate import check_records

__all__ = ["KnowledgeBase", "default_kb_path", "load_kb", "validate_kb"]

T = TypeVar("T")


def default_kb_path() -> Path:
    """The knowledge base to use: $TUMEN_KB, else the data shipped with the package."""
    env = os.environ.get("TUMEN_KB")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parents[1]  # the tumen package
    for candidate in (here / "data", here.parents[1] / "data"):
        if (candidate / "periods.yaml").is_file():
            return candidate
    return here / "data"


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic objects.

    Loading creates no reference cycles, but each collection pass walks every object built
    so far: on a 100,000-event KB that made loading three times slower.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(path: Path | str | None, today: date | None) -> tuple[Records, list[Problem]]:
    root = Path(path) if path is not None else default_kb_path()
    if not root.is_dir():
        raise KBNotFound(f"no knowledge base at '{root}': the directory does not exist")
    problems: list[Problem] = []
    with paused_gc():
        records = read_records(root, problems.append)
        check_records(records, problems.append, today or date.today())
    problems.sort(key=lambda p: (p.path, p.line, p.code))
    return records, problems


def validate_kb(path: Path | str | None = None, *, today: date | None = None) -> list[Problem]:
    """Every problem of the knowledge base at `path` (empty when it is valid)."""
    return _read(path, today)[1]


def load_kb(
    path: Path | str | None = None, *, strict: bool = True, today: date | None = None
) -> KnowledgeBase:
    """Load, validate and index a knowledge base; raise KBInvalid if strict and it has problems."""
    with paused_gc():
        records, problems = _read(path, today)
        if strict and problems:
            raise KBInvalid(problems)
        return KnowledgeBase(records, problems)


def _index(items: Sequence[T]) -> Mapping[str, T]:
    return MappingProxyType({item.id: item for item in items})  # type: ignore[attr-defined]


class KnowledgeBase:
    """An immutable, indexed knowledge base. Build it with `load_kb`."""

    def __init__(self, records: Records, problems: Sequence[Problem] = ()) -> None:
        self.root = records.root
        self.problems = tuple(problems)
        self._derived: dict[str, Any] = {}
        self._derived_lock = threading.RLock()
        self.periods: tuple[Period, ...] = tuple(
            sorted(records.periods, key=lambda p: p.date.sort_key)
        )
        self.events: tuple[Event, ...] = tuple(sorted(records.events, key=lambda e: e.sort_key))
        self.actors: Mapping[str, Actor] = _index(records.actors)
        self.people: Mapping[str, Person] = _index(records.people)
        self.places: Mapping[str, Place] = _index(records.places)
        self.sources: Mapping[str, Source] = _index(records.sources)
        self.spans: Mapping[str, Span] = _index(records.spans)
        #: the domain registry (None when the knowledge base ships no domains.yaml)
        self.registry: Registry | None = (
            Registry(records.domains) if records.domains is not None else None
        )
        self.event_by_id: Mapping[str, Event] = _index(self.events)
        self.period_by_id: Mapping[str, Period] = _index(self.periods)
        refs: dict[str, dict[str, list[str]]] = {
            k: defaultdict(list) for k in ("actors", "people", "places", "sources", "related")
        }
        for event in self.events:
            for kind, index in refs.items():
                for ref in getattr(event, kind):
                    index[ref].append(event.id)
            for ref in event.related:  # related is symmetric for readers
                if ref not in refs["related"][event.id]:
                    refs["related"][event.id].append(ref)
        self._refs = {k: {ref: tuple(ids) for ref, ids in v.items()} for k, v in refs.items()}

    def __repr__(self) -> str:
        return f"<KnowledgeBase {self.root} events={len(self.events)}>"

    # --- lookups ---------------------------------------------------------------------------

    def _get(self, kind: str, index: Mapping[str, T], key: str) -> T:
        try:
            return index[key]
        except KeyError:
            close = difflib.get_close_matches(key, list(index), n=2, cutoff=0.5)
            raise NotFound(kind, key, close) from None

    def event(self, key: str) -> Event:
        return self._get("event", self.event_by_id, key)

    def period(self, key: str) -> Period:
        return self._get("era", self.period_by_id, key)

    def actor(self, key: str) -> Actor:
        return self._get("actor", self.actors, key)

    def person(self, key: str) -> Person:
        return self._get("person", self.people, key)

    def place(self, key: str) -> Place:
        return self._get("place", self.places, key)

    def source(self, key: str) -> Source:
        return self._get("source", self.sources, key)

    def tier(self, source: Source) -> str:
        """The source's tier under the source policy: its kind, or "weak" for a weak site."""
        return source_tier(source, self.registry)

    def lookup(self, key: str) -> tuple[str, object]:
        """Find a record of any kind by id: ('event', Event), ('era', Period), ('actor', ...)."""
        indexes: list[tuple[str, Mapping[str, object]]] = [
            ("event", self.event_by_id), ("era", self.period_by_id), ("actor", self.actors),
            ("person", self.people), ("place", self.places), ("source", self.sources),
        ]
        for kind, index in indexes:
            if key in index:
                return kind, index[key]
        if key.upper() in self.actors:
            return "actor", self.actors[key.upper()]
        every = [k for _, index in indexes for k in index]
        raise NotFound("event", key, difflib.get_close_matches(key, every, n=2,
                                                                          cutoff=0.5))

    def events_citing(self, kind: str, key: str) -> tuple[Event, ...]:
        """Events that link `key` in field `kind` (actors, people, places, sources, related)."""
        return tuple(self.event_by_id[i] for i in self._refs[kind].get(key, ())
                     if i in self.event_by_id)

    def events_in_period(self, period_id: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.period == period_id)

    def actors_on_side(self, side: str) -> tuple[str, ...]:
        return tuple(a.id for a in self.actors.values() if a.side == side)

    def span_dates(self, span: Span) -> tuple[date, date] | None:
        """The dates of a named span: from its start event's start to its end event's end."""
        first, last = self.event_by_id.get(span.start), self.event_by_id.get(span.end)
        if first is None or last is None:
            return None
        return first.date.sort_key[0], last.date.sort_key[1]

    @cached_property
    def last_updated(self) -> date | None:
        """The newest modification date of the KB's files (None if unknown)."""
        try:
            stamps = [p.stat().st_mtime for p in self.root.rglob("*.yaml")]
        except OSError:
            return None
        return date.fromtimestamp(max(stamps)) if stamps else None

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """What a higher layer derives from this knowledge base (the search index, say), built
        by `build` on first use and kept: the knowledge base never changes."""
        with self._derived_lock:
            if key not in self._derived:
                with paused_gc():
                    self._derived[key] = build()
            return self._derived[key]  # type: ignore[no-any-return]
