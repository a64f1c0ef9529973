"""Reading a knowledge-base directory into records, collecting every shape problem."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tumen.kb.model import Actor, Domain, Event, Period, Person, Place, Source, Span
from tumen.kb.problems import Problem
from tumen.kb.schema import (
    build_actor,
    build_domain,
    build_event,
    build_period,
    build_person,
    build_place,
    build_source,
    build_span,
)
from tumen.kb.yamlfile import LineDict, YamlFailure, read_yaml

__all__ = ["KB_FILES", "Records", "read_records"]

#: The single-file record kinds, by file name.
KB_FILES = {
    "periods": "periods.yaml",
    "actors": "actors.yaml",
    "people": "people.yaml",
    "places": "places.yaml",
    "sources": "sources.yaml",
    "spans": "spans.yaml",
    "domains": "domains.yaml",
}
_REQUIRED = ("periods", "sources")

T = TypeVar("T")


@dataclass
class Records:
    """Everything read from a knowledge base, in file order."""

    root: Path
    periods: list[Period] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    #: the registry of web sites (None when the knowledge base ships no domains.yaml: then the
    #: source policy's checks are off)
    domains: list[Domain] | None = None


def _list_of_mappings(
    data: Any, rel: str, report: Callable[[Problem], None]
) -> list[LineDict]:
    if data is None:
        return []
    if not isinstance(data, list):
        report(Problem("bad-shape", rel, 1, "the file must hold a YAML list of records "
                       "(each starting with '- id: ...')"))
        return []
    out = []
    for i, item in enumerate(data):
        if isinstance(item, LineDict):
            out.append(item)
        else:
            report(Problem("bad-shape", rel, 0, f"item {i + 1} is not a mapping of fields"))
    return out


def _read(root: Path, rel: str, report: Callable[[Problem], None]) -> list[LineDict]:
    data = read_yaml(root / rel)
    if isinstance(data, YamlFailure):
        report(Problem("yaml-syntax", rel, data.line, data.message))
        return []
    return _list_of_mappings(data, rel, report)


def _build(
    root: Path, rel: str, report: Callable[[Problem], None],
    build: Callable[[LineDict, str, Callable[[Problem], None]], T | None],
) -> list[T]:
    out = []
    for raw in _read(root, rel, report):
        record = build(raw, rel, report)
        if record is not None:
            out.append(record)
    return out


def read_records(root: Path, report: Callable[[Problem], None]) -> Records:
    """Read every file of the knowledge base at `root`; report each problem found."""
    records = Records(root)
    for kind, name in KB_FILES.items():
        if not (root / name).is_file():
            if kind in _REQUIRED:
                report(Problem("kb-missing", name, 0, f"{name} is missing from the "
                               f"knowledge base at {root}"))
            continue
        builder = {
            "periods": build_period, "actors": build_actor, "people": build_person,
            "places": build_place, "sources": build_source, "spans": build_span,
            "domains": build_domain,
        }[kind]  # fmt: skip
        setattr(records, kind, _build(root, name, report, builder))
    period_ids = {p.id for p in records.periods}
    events_dir = root / "events"
    files = sorted(events_dir.glob("*.yaml")) if events_dir.is_dir() else []
    for path in files:
        rel = f"events/{path.name}"
        period = path.stem
        if period not in period_ids:
            report(Problem("unknown-period", rel, 0, f"events file '{path.name}' is not named "
                           "for a period in periods.yaml (name it <period-id>.yaml)"))
        for raw in _read(root, rel, report):
            event = build_event(raw, rel, period, report)
            if event is not None:
                records.events.append(event)
    return records
