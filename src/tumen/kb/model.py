"""The records of a knowledge base: periods, events, actors, people, places and sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tumen.core.dates import EdtfDate
from tumen.core.text import family_name

__all__ = [
    "DOMAIN_CATEGORIES",
    "DOMAIN_TIERS",
    "SIDES",
    "SOURCE_KINDS",
    "Actor",
    "AltDate",
    "Domain",
    "Event",
    "Origin",
    "Period",
    "Person",
    "Place",
    "Source",
    "Span",
]

SIDES = ("russia", "korea", "other")
SOURCE_KINDS = ("primary", "scholarly", "news", "reference")
#: How far a web site can be trusted as the place a citation points to (data/README.md):
#: the four citable tiers named like the source kinds, then "weak" (citable, but counted and
#: kept rare), "copy" (a copy of other people's documents: only where a source was read, as
#: its `archived` address) and "not-citable" (never linked at all).
DOMAIN_TIERS = ("primary", "scholarly", "news", "reference", "weak", "copy", "not-citable")
#: What kind of copy or bad site a "copy" or "not-citable" domain is.
DOMAIN_CATEGORIES: Mapping[str, tuple[str, ...]] = {
    "copy": ("archive", "relay", "mirror", "repost", "syndication"),
    "not-citable": ("staging", "pirate", "propaganda", "content-farm", "forum", "defunct"),
}


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read: the file (relative to the KB directory) and the line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def _name(names: Mapping[str, str], lang: str, fallback: str) -> str:
    return names.get(lang) or names.get("en") or fallback


@dataclass(frozen=True, slots=True, eq=False)
class Named:
    """A record with names per language and aliases."""

    id: str
    names: Mapping[str, str]
    aliases: tuple[str, ...] = ()
    origin: Origin = field(default=Origin("", 0), compare=False)
    description: str = ""
    sources: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return _name(self.names, "en", self.id)

    def name_in(self, lang: str) -> str:
        return _name(self.names, lang, self.id)

    def all_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.names.values(), *self.aliases]))


@dataclass(frozen=True, slots=True, eq=False)
class Actor(Named):
    """A state, organisation or community; `side` groups lineages (russia, korea, other)."""

    side: str = "other"
    kind: str = "state"
    date: EdtfDate | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Person(Named):
    born: EdtfDate | None = None
    died: EdtfDate | None = None
    #: the family name, given where it is not the last word of the English name
    family_name: str = ""

    @property
    def surname(self) -> str:
        """The name that stands for this person alone in English prose: "Gorbachev", "Lee" of
        Lee Myung-bak (from `family_name`), "" for "Gojong" or "Nicholas II"."""
        return self.family_name or family_name(self.names.get("en", ""))


@dataclass(frozen=True, slots=True, eq=False)
class Place(Named):
    coordinates: tuple[float, float] | None = None
    kind: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Source:
    id: str
    title: str
    kind: str
    url: str = ""
    author: str = ""
    publisher: str = ""
    date: EdtfDate | None = None
    pages: str = ""
    notes: str = ""
    origin: Origin = field(default=Origin("", 0), compare=False)
    #: an English rendering of a title in another language
    title_en: str = ""
    #: where the document was read (a mirror, a scan); never the citation itself
    archived: str = ""
    #: the journal, book, collection or series the item belongs to
    container: str = ""
    #: a document number, UN symbol or treaty registration number
    number: str = ""

    def citation(self) -> str:
        """A one-line bibliographic form: author, title [translation], container, number,
        publisher, date, pages."""
        title = f"{self.title} [{self.title_en}]" if self.title_en else self.title
        parts = [p for p in (self.author, title, self.container, self.number, self.publisher)
                 if p]
        if self.date is not None:
            parts.append(self.date.display())
        if self.pages:
            parts.append(f"pp. {self.pages}" if self.pages[:1].isdigit() else self.pages)
        return ". ".join(parts)


@dataclass(frozen=True, slots=True, eq=False)
class Period:
    id: str
    title: str
    date: EdtfDate
    intro: str = ""
    names: Mapping[str, str] = field(default_factory=dict)
    origin: Origin = field(default=Origin("", 0), compare=False)


@dataclass(frozen=True, slots=True, eq=False)
class AltDate:
    """A date other sources give for an event, with those sources."""

    date: EdtfDate
    sources: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Event:
    id: str
    date: EdtfDate
    title: str
    summary: str
    type: str
    themes: tuple[str, ...]
    actors: tuple[str, ...]
    significance: int
    sources: tuple[str, ...]
    period: str
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)
    alt_dates: tuple[AltDate, ...] = ()
    notes: str = ""
    origin: Origin = field(default=Origin("", 0), compare=False)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (*self.date.sort_key, self.id)


@dataclass(frozen=True, slots=True, eq=False)
class Span:
    """A named stretch of time readers refer to ("the Korean War"), from one event to another.

    Its dates are those of its events: from the start of `start` to the end of `end`.
    """

    id: str
    names: tuple[str, ...]
    start: str
    end: str
    origin: Origin = field(default=Origin("", 0), compare=False)


@dataclass(frozen=True, slots=True, eq=False)
class Domain:
    """A web site sources point to, with how far it can be trusted (data/domains.yaml).

    `id` is the host name, lower case, without a leading "www.".
    """

    id: str
    tier: str
    reason: str
    #: the source kinds a citation on this site may have; empty: the tier's own kind
    kinds: tuple[str, ...] = ()
    #: for a "copy" or "not-citable" site: what it is (see DOMAIN_CATEGORIES)
    category: str = ""
    origin: Origin = field(default=Origin("", 0), compare=False)

    @property
    def allowed_kinds(self) -> tuple[str, ...]:
        if self.kinds:
            return self.kinds
        return (self.tier,) if self.tier in SOURCE_KINDS else ()

    @property
    def citable(self) -> bool:
        """Whether a source's `url` may point here."""
        return self.tier not in ("copy", "not-citable")

    @property
    def archivable(self) -> bool:
        """Whether a source's `archived` copy may sit here."""
        return self.tier != "not-citable"
