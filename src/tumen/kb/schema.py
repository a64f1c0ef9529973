"""The format of each record kind, and the conversion of raw YAML mappings into records.

Each `build_*` function takes one raw mapping, reports every shape problem it finds through
`report`, and returns the record (or None when the record is unusable, e.g. it has no id).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from tumen.core.dates import EdtfDate, parse_date
from tumen.core.errors import DateError
from tumen.kb.model import (
    DOMAIN_CATEGORIES,
    DOMAIN_TIERS,
    SIDES,
    SOURCE_KINDS,
    Actor,
    AltDate,
    Domain,
    Event,
    Origin,
    Period,
    Person,
    Place,
    Source,
    Span,
)
from tumen.kb.problems import Problem
from tumen.kb.yamlfile import LineDict

__all__ = [
    "ACTOR_KINDS",
    "EVENT_THEMES",
    "EVENT_TYPES",
    "FIELDS",
    "UNDATED",
    "build_actor",
    "build_domain",
    "build_event",
    "build_period",
    "build_person",
    "build_place",
    "build_source",
    "build_span",
]

EVENT_TYPES = (
    "treaty", "agreement", "diplomatic", "visit", "summit", "war", "military", "aid", "trade",
    "economic", "border", "sanctions", "un-vote", "infrastructure", "migration", "crisis",
    "statement", "political",
)  # fmt: skip
EVENT_THEMES = (
    "diplomacy", "military", "security", "economy", "nuclear", "migration", "border", "culture",
    "politics", "sanctions", "energy", "transport", "labour", "humanitarian", "science", "law",
)  # fmt: skip
ACTOR_KINDS = ("state", "organisation", "community")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
HOST_RE = re.compile(rf"^(?!www\.){_LABEL}(?:\.{_LABEL})+$")
ACTOR_ID_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?$")

#: Allowed fields per record kind: name -> required?
FIELDS: dict[str, dict[str, bool]] = {
    "period": {"id": True, "title": True, "date": True, "intro": False, "names": False},
    "event": {
        "id": True, "date": True, "title": True, "summary": True, "type": True, "themes": True,
        "actors": True, "significance": True, "sources": True, "people": False, "places": False,
        "related": False, "names": False, "alt_dates": False, "notes": False,
    },
    "actor": {
        "id": True, "names": True, "aliases": False, "date": False, "side": True, "kind": False,
        "description": False, "sources": False,
    },
    "person": {
        "id": True, "names": True, "aliases": False, "family_name": False, "born": False,
        "died": False, "description": False, "sources": False,
    },
    "place": {
        "id": True, "names": True, "aliases": False, "coordinates": False, "kind": False,
        "description": False, "sources": False,
    },
    "span": {"id": True, "names": True, "start": True, "end": True},
    "source": {
        "id": True, "title": True, "title_en": False, "kind": True, "url": False,
        "archived": False, "author": False, "publisher": False, "container": False,
        "number": False, "date": False, "pages": False, "notes": False,
    },
    "domain": {"id": True, "tier": True, "reason": True, "kinds": False, "category": False},
}  # fmt: skip

Report = Callable[[Problem], None]


class _Reader:
    """Reads the fields of one raw record, reporting each problem with its line."""

    def __init__(self, kind: str, raw: LineDict, path: str, report: Report) -> None:
        self.kind, self.raw, self.path, self.report = kind, raw, path, report
        rid = raw.get("id")
        self.id = rid if isinstance(rid, str) else ""
        for key, line in raw.duplicate_keys:
            self.problem("duplicate-key", f"{self._what()}: key '{key}' appears twice", key, line)
        allowed = FIELDS[kind]
        for key in raw:
            if key not in allowed:
                self.problem("unknown-field", f"{self._what()}: unknown field '{key}' "
                             f"(allowed: {', '.join(allowed)})", key)
        for key, required in allowed.items():
            if required and _empty(raw.get(key)):
                code = "no-source" if (kind, key) == ("event", "sources") else "missing-field"
                self.problem(code, f"{self._what()}: required field '{key}' is missing or empty",
                             key)

    @property
    def origin(self) -> Origin:
        return Origin(self.path, self.raw.line)

    def _what(self) -> str:
        return f"{self.kind} '{self.id}'" if self.id else self.kind

    def problem(self, code: str, message: str, key: str = "", line: int | None = None) -> None:
        if line is None:
            line = self.raw.line_of(key) if key else self.raw.line
        self.report(Problem(code, self.path, line, message, self.id, key))

    def text(self, key: str) -> str:
        value = self.raw.get(key)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.problem("bad-type", f"{self._what()}: '{key}' must be text", key)
            return ""
        return value.strip()

    def ident(self, pattern: re.Pattern[str], hint: str) -> str:
        if self.id and not pattern.match(self.id):
            self.problem("bad-id", f"{self.kind} id '{self.id}' is malformed: {hint}", "id")
        return self.id

    def choice(self, key: str, allowed: tuple[str, ...], default: str = "") -> str:
        value = self.text(key)
        if not value:
            return default
        if value not in allowed:
            self.problem("bad-value", f"{self._what()}: {key} '{value}' is not one of: "
                         f"{', '.join(allowed)}", key)
        return value

    def ids(self, key: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem("bad-type", f"{self._what()}: '{key}' must be a list of ids", key)
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
        if allowed is not None:
            for v in value:
                if v not in allowed:
                    self.problem("bad-value", f"{self._what()}: {key} '{v}' is not one of: "
                                 f"{', '.join(allowed)}", key)
        if len(set(value)) != len(value):
            self.problem("bad-value", f"{self._what()}: '{key}' lists an id twice", key)
        return tuple(dict.fromkeys(value))

    def date(self, key: str, value: Any = None, line: int | None = None) -> EdtfDate | None:
        value = self.raw.get(key) if value is None else value
        if value is None or value == "":
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            code = "interval-order" if "ends before it starts" in str(exc) else "bad-date"
            self.problem(code, f"{self._what()}: {key}: {exc}", key, line)
            return None

    def names(self, key: str = "names", require_en: bool = True) -> dict[str, str]:
        value = self.raw.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.problem("bad-type", f"{self._what()}: '{key}' must map languages to names "
                         "(e.g. {en: ..., ru: ..., ko: ...})", key)
            return {}
        out: dict[str, str] = {}
        for lang, name in value.items():
            if not LANG_RE.match(str(lang)) or not isinstance(name, str) or not name.strip():
                self.problem("bad-value", f"{self._what()}: {key}.{lang} must be a language "
                             "code with a non-empty name", key)
                continue
            out[str(lang)] = name.strip()
        if require_en and "en" not in out:
            self.problem("missing-field", f"{self._what()}: {key} needs an English name (en)", key)
        return out

    def aliases(self) -> tuple[str, ...]:
        value = self.raw.get("aliases")
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.problem("bad-type", f"{self._what()}: 'aliases' must be a list of names",
                         "aliases")
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def build_period(raw: LineDict, path: str, report: Report) -> Period | None:
    r = _Reader("period", raw, path, report)
    pid = r.ident(SLUG_RE, "use lowercase letters, digits and hyphens")
    title, date = r.text("title"), r.date("date")
    intro, names = r.text("intro"), r.names(require_en=False)
    if not pid or date is None:
        return None
    return Period(pid, title, date, intro, names, r.origin)


#: An event whose date could not be read carries this placeholder; the checks that need a date
#: skip it (its bad date is already reported), so one typo does not cascade into many problems.
UNDATED = EdtfDate("", None, None, "open", False, False)


def build_event(raw: LineDict, path: str, period: str, report: Report) -> Event | None:
    r = _Reader("event", raw, path, report)
    eid = r.ident(SLUG_RE, "use lowercase letters, digits and hyphens")
    date = r.date("date")
    significance = raw.get("significance")
    if significance is not None and (
        isinstance(significance, bool) or significance not in (1, 2, 3)
    ):
        r.problem("bad-value", f"event '{eid}': significance must be 1, 2 or 3", "significance")
        significance = 1
    alt_dates = _alt_dates(r)
    event = Event(
        id=eid,
        date=date or UNDATED,
        title=r.text("title"),
        summary=r.text("summary"),
        type=r.choice("type", EVENT_TYPES),
        themes=r.ids("themes", EVENT_THEMES),
        actors=r.ids("actors"),
        significance=int(significance or 1),
        sources=r.ids("sources"),
        period=period,
        people=r.ids("people"),
        places=r.ids("places"),
        related=r.ids("related"),
        names=r.names(require_en=False),
        alt_dates=alt_dates,
        notes=r.text("notes"),
        origin=r.origin,
    )
    return event if eid else None


def _alt_dates(r: _Reader) -> tuple[AltDate, ...]:
    value = r.raw.get("alt_dates")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, LineDict) for v in value):
        r.problem("bad-type", f"event '{r.id}': 'alt_dates' must be a list of "
                  "{date, sources, note} mappings", "alt_dates")
        return ()
    out = []
    for item in value:
        extra = set(item) - {"date", "sources", "note"}
        if extra:
            r.problem("unknown-field", f"event '{r.id}': alt_dates has unknown field(s) "
                      f"{', '.join(sorted(extra))}", "alt_dates", item.line)
        date = r.date("alt_dates", item.get("date") or "", item.line)
        if date is None:
            if not item.get("date"):
                r.problem("missing-field", f"event '{r.id}': an alt_dates entry needs a date",
                          "alt_dates", item.line)
            continue
        srcs = item.get("sources") or []
        if isinstance(srcs, str):
            srcs = [srcs]
        if not isinstance(srcs, list) or not all(isinstance(s, str) for s in srcs):
            r.problem("bad-type", f"event '{r.id}': alt_dates sources must be a list of ids",
                      "alt_dates", item.line)
            srcs = []
        note = item.get("note") or ""
        out.append(AltDate(date, tuple(srcs), str(note).strip()))
    return tuple(out)


def build_actor(raw: LineDict, path: str, report: Report) -> Actor | None:
    r = _Reader("actor", raw, path, report)
    aid = r.ident(ACTOR_ID_RE, "use upper-case letters, digits and hyphens (e.g. PRK, RUS-EMPIRE)")
    actor = Actor(
        id=aid, names=r.names(), aliases=r.aliases(), origin=r.origin,
        side=r.choice("side", SIDES, "other"), kind=r.choice("kind", ACTOR_KINDS, "state"),
        date=r.date("date"), description=r.text("description"), sources=r.ids("sources"),
    )  # fmt: skip
    return actor if aid else None


def build_person(raw: LineDict, path: str, report: Report) -> Person | None:
    r = _Reader("person", raw, path, report)
    pid = r.ident(SLUG_RE, "use lowercase letters, digits and hyphens")
    person = Person(
        id=pid, names=r.names(), aliases=r.aliases(), origin=r.origin,
        born=r.date("born"), died=r.date("died"), description=r.text("description"),
        sources=r.ids("sources"), family_name=r.text("family_name"),
    )  # fmt: skip
    english = person.names.get("en", "").split()
    if person.family_name and person.family_name not in english:
        r.problem("bad-value", f"person '{pid}': family_name '{person.family_name}' is not a "
                  f"word of the English name '{' '.join(english)}'", "family_name")
    if person.born and person.died and person.died.sort_key[1] < person.born.sort_key[0]:
        r.problem("interval-order", f"person '{pid}': died before being born", "died")
    return person if pid else None


def build_place(raw: LineDict, path: str, report: Report) -> Place | None:
    r = _Reader("place", raw, path, report)
    pid = r.ident(SLUG_RE, "use lowercase letters, digits and hyphens")
    coords = raw.get("coordinates")
    coordinates: tuple[float, float] | None = None
    if coords is not None:
        ok = (
            isinstance(coords, list) and len(coords) == 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords)
        )
        if ok and -90 <= coords[0] <= 90 and -180 <= coords[1] <= 180:
            coordinates = (float(coords[0]), float(coords[1]))
        else:
            r.problem("bad-value", f"place '{pid}': coordinates must be [latitude, longitude] "
                      "with latitude in -90..90 and longitude in -180..180", "coordinates")
    place = Place(
        id=pid, names=r.names(), aliases=r.aliases(), origin=r.origin,
        coordinates=coordinates, kind=r.text("kind"), description=r.text("description"),
        sources=r.ids("sources"),
    )  # fmt: skip
    return place if pid else None


def build_source(raw: LineDict, path: str, report: Report) -> Source | None:
    r = _Reader("source", raw, path, report)
    sid = r.ident(SLUG_RE, "use lowercase letters, digits and hyphens")
    source = Source(
        id=sid, title=r.text("title"), kind=r.choice("kind", SOURCE_KINDS),
        url=r.text("url"), author=r.text("author"), publisher=r.text("publisher"),
        date=r.date("date"), pages=r.text("pages"), notes=r.text("notes"), origin=r.origin,
        title_en=r.text("title_en"), archived=r.text("archived"),
        container=r.text("container"), number=r.text("number"),
    )  # fmt: skip
    return source if sid else None


def build_span(raw: LineDict, path: str, report: Report) -> Span | None:
    r = _Reader("span", raw, path, report)
    sid = r.ident(SLUG_RE, "use lowercase letters, digits and hyphens")
    value = raw.get("names")
    names: tuple[str, ...] = ()
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip()
                                                 for v in value):
        names = tuple(v.strip() for v in value)
    elif value is not None:
        r.problem("bad-type", f"span '{sid}': 'names' must be a list of phrases", "names")
    span = Span(sid, names, r.text("start"), r.text("end"), r.origin)
    return span if sid else None


def build_domain(raw: LineDict, path: str, report: Report) -> Domain | None:
    r = _Reader("domain", raw, path, report)
    host = r.ident(HOST_RE, "use the lower-case host name without 'www.', e.g. "
                   "'history.state.gov'")
    tier = r.choice("tier", DOMAIN_TIERS)
    kinds = r.ids("kinds", SOURCE_KINDS)
    category = r.text("category")
    categories = DOMAIN_CATEGORIES.get(tier, ())
    if categories and category not in categories:
        r.problem("bad-value" if category else "missing-field", f"domain '{host}': a "
                  f"'{tier}' domain needs a category, one of: {', '.join(categories)}",
                  "category" if category else "tier")
    elif category and not categories and tier:
        r.problem("bad-value", f"domain '{host}': only a copy or not-citable domain has a "
                  "category", "category")
    if kinds and tier in ("copy", "not-citable"):
        r.problem("bad-value", f"domain '{host}': a {tier} domain is cited by no source, so "
                  "it takes no kinds", "kinds")
    if tier == "weak" and not kinds:
        r.problem("missing-field", f"domain '{host}': a weak domain lists the source kinds "
                  "it may be cited as (kinds: [...])", "kinds")
    domain = Domain(id=host, tier=tier, reason=r.text("reason"), kinds=kinds,
                    category=category, origin=r.origin)
    return domain if host and tier else None
