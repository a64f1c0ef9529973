"""Verdicts, slot by slot: does the best-matching event support the claim, contradict it, or is
the claim not covered? Thresholds are set on the calibration splits (benchmarks/claims/).

Each retrieved candidate is compared with the claim slot by slot: the date (only the times the
claim asserts, not a year that names another thing, "the 1961 alliance"), other states named as
actors, people (the KB's, and people it does not know named with a title or after "with"),
places (the KB's, and other towns by distance), figures (amounts of the same counted thing,
labels such as resolution numbers). When these all agree, last: who does what (agency: an act
the claim gives to the other party, a party the KB says took no part), names of instruments,
meetings and named places (instruments), third countries. A date or place the event's own
summary gives to another step of it is no clash. Then:

- *supported*: a candidate with no mismatch covers enough of the claim's words, unless a
  clashing candidate is much closer to the claim (the margin), is the only one that states the
  claim's amounts, or the claim puts another instrument's name on this event's terms;
- *contradicted*: a candidate of a one-off kind (or dated as the claim says, or "the first",
  or told in so much of its own wording that it is that occasion)
  covering most of the claim's words, or enough of them when its date agrees, and differs in
  exactly one slot (two, say its date and its people, suggest another thing the KB does not
  list); among several, the one whose date agrees, then the closest;
- *not covered*: anything else. It never guesses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from tumen.check.agency import absent_actors, role_swaps
from tumen.check.figures import figure_clashes, figures
from tumen.check.instruments import name_clashes
from tumen.check.linking import Mentions, distance_km, third_countries, unique_surnames
from tumen.check.timex import TimeExpression, extract_times
from tumen.core.text import MONTH_NAMES, stop_words, strip_accents, tokenize
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.model import Event, Person

__all__ = ["ONE_OFF_TYPES", "THRESHOLDS", "Candidate", "Verdict", "judge"]

#: Calibrated on the dev, holdout, final and blind splits, never on test, blind2 or blind3; see
#: benchmarks/claims/calibrate.py (the margin by a sweep, flat on dev from 0.2 to 1.0; 0.5 is
#: its middle).
THRESHOLDS = {"support": 0.5, "contradict": 0.6, "title": 0.0, "margin": 0.5,
              "date_title": 0.4, "detailed": 0.8,
              "undated_support": 0.6}

#: A town named in the claim farther than this from every place of the event is elsewhere.
NEAR_KM = 100.0
#: Compare who does what (agency.role_swaps): an act the claim gives to another party.
ROLE_SWAPS = True
#: Compare the names of instruments and meetings (instruments.name_clashes).
NAME_CLASHES = True
#: A date the event's own summary states (a later step of it) is no clash.
DATES_TOLD = True
#: A place the event's own account names is no clash (as for towns).
PLACES_TOLD = True

#: Whether an agreeing date lets a clash stand on the support threshold (set on the dev split).
DATE_VOUCHES = True

#: Whether naming another state the event does not involve counts against it.
ACTOR_MISMATCH = True

#: Whether naming a person the event does not list counts against it (set on the dev split).
PERSON_MISMATCH = True

#: Kinds of event that happen once: a different date for the same thing is a contradiction.
#: Aid, trade, migration and the like recur, so a date mismatch there is "not covered".
ONE_OFF_TYPES = {"treaty", "agreement", "diplomatic", "visit", "summit", "war", "un-vote",
                 "sanctions", "border", "infrastructure", "crisis", "political", "statement",
                 "military"}
#: Kinds of event whose place is where someone went.
_TRAVEL = {"visit", "summit"}

_STOP = stop_words()


@dataclass
class Candidate:
    event: Event
    coverage: float  # share of the claim's content words found in the event's text
    score: float
    title_coverage: float = 0.0  # share of the event title's content words in the claim


@dataclass
class Verdict:
    label: str  # supported, contradicted, not covered
    reason: str
    event: Event | None = None
    claim_dates: tuple[date, date] | None = None
    mismatches: list[str] = field(default_factory=list)
    coverage: float = 0.0


def content_terms(text: str) -> set[str]:
    return {t for t in tokenize(text) if t not in _STOP and not t.isdigit()}


def _plain_notes(notes: str) -> str:
    """An event's notes without their citation keys ("[@wiki-lake-khasan]")."""
    return re.sub(r"\[@[^\]]*\]", " ", notes)


def event_terms(kb: KnowledgeBase, e: Event) -> set[str]:
    words = [e.title, e.summary, _plain_notes(e.notes), *e.names.values(), e.type, *e.themes]
    for ids, index in ((e.actors, kb.actors), (e.people, kb.people), (e.places, kb.places)):
        for i in ids:
            if i in index:
                words.extend(index[i].all_names())
    return set(tokenize(" ".join(words)))


_NAMING = re.compile(r"^(?:[-–]\w+\s+)?(?:[A-Za-z-]+\s+){0,2}?(treaty|alliance|agreement|accord|"
                     r"convention|protocol|declaration|pact|charter|communiqu[eé]|resolution|"
                     r"settlement|framework|constitution|law|decree|crisis|war|uprising|"
                     r"incident|summit|talks|visit|deal|games|olympics|purge|plenum|congress|"
                     r"election|coup|revolution|invasion|offensive|test|launch|collapse)\b",
                     re.I)
_DETERMINER = re.compile(r"(\bthe|\bits|\btheir|'s|’s)\s+$", re.I)
_AFTER = re.compile(r"\b(after|following|since)\s+(the|its|their)\s+$", re.I)
_BEFORE = re.compile(r"\b(before|until|ahead of)\s+(the|its|their)\s+$", re.I)


def asserted_times(claim: str, times: list[TimeExpression]) -> list[TimeExpression]:
    """The times the claim asserts. A year or month that names something ("the 1961 alliance",
    "the August 1956 purge") refers to another event: after or before it becomes an open
    interval; otherwise it is left out when the claim has other times."""
    out = []
    named = []
    for t in times:
        end = t.position + len(t.text)
        # the words just before and after the time, not the whole claim up to it: a regex over
        # every prefix made a long claim cost the square of its length
        lead = _window_before(claim, t.position)
        if t.kind not in ("year", "month") or not _DETERMINER.search(claim, lead, t.position) \
                or not _NAMING.match(_window_after(claim, end)):
            out.append(t)
        elif _AFTER.search(claim, lead, t.position):
            out.append(replace(t, end=date.max))
        elif _BEFORE.search(claim, lead, t.position):
            out.append(replace(t, start=date.min))
        else:
            named.append(t)
    return out or named


#: How far around a time expression the words that qualify it are looked for.
_WORDS_AROUND = 80


def _window_before(text: str, end: int) -> int:
    """Where the few words before `end` begin (after skipping the spaces just before it)."""
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return max(0, i - _WORDS_AROUND)


def _window_after(text: str, start: int) -> str:
    """The few words after `start`, without the spaces that lead them."""
    i, n = start, len(text)
    while i < n and text[i].isspace():
        i += 1
    return text[i:i + _WORDS_AROUND]


def _near(point: tuple[float, float] | None, places: list[tuple[float, float]]) -> bool:
    """Whether a point lies within NEAR_KM of any of the places (a town beside the event's
    place, the station across the river, the island off the city, is not elsewhere)."""
    return point is not None and any(distance_km(point, q) <= NEAR_KM for q in places)


def _person_names(kb: KnowledgeBase, person: Person) -> list[str]:
    """A person's names and aliases, and their surname when no one else has it
    ("Gorbachev")."""
    surname = unique_surnames(kb).get(person.id, "")
    return [*person.all_names(), *([surname] if surname else [])]


def _fold(text: str) -> str:
    """Case-folded and without diacritics: "Uryū" is "uryu"."""
    return strip_accents(text).casefold()


def _mismatches(kb: KnowledgeBase, claim: str, e: Event, mentions: Mentions,
                times: list[TimeExpression]) -> list[str]:
    found = []
    clash = _date_clash(claim, e, times)
    if clash:
        found.append(clash)
    account = _fold(f"{e.title} {e.summary}")

    def told(names: list[str]) -> bool:
        """Whether the event's own account names it: then the claim agrees with the KB."""
        return any(re.search(rf"(?<!\w){re.escape(_fold(n))}(?!\w)", account)
                   for n in names)

    for group in (mentions.actor_groups if ACTOR_MISMATCH else []):
        others = [kb.actors[a] for a in group if kb.actors[a].side == "other"
                  and kb.actors[a].kind == "state"]
        if others and len(others) == len(group) and not group & set(e.actors) \
                and not told([n for a in group for n in kb.actors[a].all_names()]):
            names = ", ".join(kb.actors[a].name for a in e.actors if a in kb.actors)
            found.append(f"actor: the claim names {others[0].name}; the KB event involves "
                         f"{names}")
    if PERSON_MISMATCH:
        for group in mentions.person_groups:
            if group & set(e.people) or told([n for p in group
                                              for n in _person_names(kb, kb.people[p])]):
                continue
            named = kb.people[sorted(group)[0]].name
            if e.people:
                kb_named = ", ".join(kb.people[p].name for p in e.people if p in kb.people)
                found.append(f"person: the claim names {named}; the KB names {kb_named}")
            else:
                found.append(f"person: the claim names {named}; the KB's account of this "
                             "event does not")
    if PERSON_MISMATCH and e.people:
        for stranger in mentions.strangers:
            if _fold(stranger.split()[-1]) not in account:
                kb_named = ", ".join(kb.people[p].name for p in e.people if p in kb.people)
                found.append(f"person: the claim names {stranger}; the KB names {kb_named}")
    points = [kb.places[p].coordinates for p in e.places if p in kb.places]
    known = [pt for pt in points if pt is not None]
    for town, spots in mentions.towns.items():
        if known and _fold(town) not in account and not any(_near(a, known)
                                                                for a in spots):
            kb_said = ", ".join(kb.places[p].name for p in e.places if p in kb.places)
            found.append(f"place: the claim says {town}; the KB says {kb_said}")
    settings = mentions.places | (mentions.destinations if e.type in _TRAVEL else set())
    settings = {p for p in settings if not _near(kb.places[p].coordinates, known)
                and not (PLACES_TOLD and told(list(kb.places[p].all_names()))
                         and _aside(claim, kb.places[p].all_names()))}
    if settings and e.places and not (settings & set(e.places)):
        said = ", ".join(kb.places[p].name for p in settings)
        kb_said = ", ".join(kb.places[p].name for p in e.places if p in kb.places)
        found.append(f"place: the claim says {said}; the KB says {kb_said}")
    stated = f"{e.title}. {e.summary}"  # what the event's own account says
    for clash in figure_clashes(claim, stated):
        found.append(f"figure: {clash}")
    for clash in _role_clashes(claim, stated):
        found.append(f"role: {clash}")
    if ROLE_SWAPS and not found:  # the last things to tell an event that otherwise fits
        for clash in role_swaps(kb, claim, stated):
            found.append(f"role: {clash}")
    if NAME_CLASHES and not found:
        whole = ". ".join([e.title, e.summary, _plain_notes(e.notes), *e.names.values()])
        for clash in name_clashes(claim, whole):
            found.append(f"name: {clash}")
    if ROLE_SWAPS and not found:
        found.extend(f"actor: {c}" for c in absent_actors(kb, claim, stated))
    if NAME_CLASHES and not found:
        found.extend(f"country: {c}" for c in _third_countries(kb, claim, stated))
    return found


# Words that put what follows them beside the claim's main act: "soldiers who had fought in
# Kursk", "after a first session in Beijing", "also took him to Khabarovsk".
_ASIDE = re.compile(r"\b(?:who|that|which|whose|after|before|following|since|where|while|"
                    r"whereas|such as|also|with)\b[^,;:.]*$", re.I)


def _aside(claim: str, names: tuple[str, ...]) -> bool:
    """Whether every mention of a place in the claim stands in a clause or phrase beside its
    main act."""
    spots = [m.start() for n in names
             for m in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", claim, re.I)]
    return bool(spots) and all(_ASIDE.search(claim[:at]) for at in spots)


def _third_countries(kb: KnowledgeBase, claim: str, account: str) -> list[str]:
    """Countries other than the KB's own actors that the claim names and the account does
    not, where the account names another such country: "on to Kazakhstan" where the KB has
    Uzbekistan."""
    said, told = third_countries(kb, claim), third_countries(kb, account)
    if said - told and told - said:
        return [f"the claim names {', '.join(sorted(said - told))}; the KB names "
                f"{', '.join(sorted(told - said))}"]
    return []


# Whose is what: "Russian border guards", "North Korean firms", "Japanese officers".
_NATIONALITY = {"russian": "russia", "soviet": "russia", "north korean": "dprk",
                "south korean": "rok", "korean": "korea", "japanese": "japan",
                "chinese": "china", "american": "usa", "us": "usa", "british": "uk"}
_OF_NATION = re.compile(r"\b(north korean|south korean|russian|soviet|korean|japanese|chinese|"
                        r"american|US|british)\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?", re.I)


def _nationalities(text: str) -> dict[str, dict[str, str]]:
    """For each noun after a nationality word, the nationalities it is given, each with the
    words that said so ("russia": "Russian border guards")."""
    out: dict[str, dict[str, str]] = {}
    for m in _OF_NATION.finditer(text):
        nation = _NATIONALITY[m.group(1).casefold()]
        for word in (m.group(2), m.group(3)):
            if word and word.casefold() not in _STOP_WORDS:
                for term in tokenize(word):
                    out.setdefault(term, {}).setdefault(nation, m.group(0))
    return out


_STOP_WORDS = {"and", "or", "of", "in", "on", "at", "to", "the", "a", "an", "for", "with",
               "by", "from", "that", "who", "which", "was", "were", "is", "are", "had", "has",
               # what both sides of most events have, so naming one side's is no swap
               "minister", "ministers", "foreign", "troops", "forces", "army", "officials",
               "leader", "leaders", "president", "government", "authorities", "side",
               "delegation", "people", "side's", "state", "military"}


def _compatible(a: set[str], b: set[str]) -> bool:
    if a & b:
        return True
    korea = {"korea", "dprk", "rok"}
    return bool(("korea" in a and b & korea) or ("korea" in b and a & korea))


def _role_clashes(claim: str, account: str) -> list[str]:
    """Nouns the claim gives one nationality and the KB's account only another: "Russian
    border guards" where the KB has North Korean ones, a sign of swapped roles."""
    said, told = _nationalities(claim), _nationalities(account)
    out: list[str] = []
    for term, nations in said.items():
        if term in told and not _compatible(set(nations), set(told[term])):
            clash = (f"the claim says {', '.join(nations.values())}; the KB says "
                     f"{', '.join(told[term].values())}")
            if clash not in out:
                out.append(clash)
    return out


@lru_cache(maxsize=4096)
def _title_terms(kb: KnowledgeBase, event_id: str) -> frozenset[str]:
    return frozenset(tokenize(kb.event(event_id).title))


@lru_cache(maxsize=8)
def _title_frequency(kb: KnowledgeBase) -> Counter[str]:
    """In how many event titles each term appears."""
    out: Counter[str] = Counter()
    for e in kb.events:
        out.update(set(tokenize(e.title)))
    return out


# A capitalised word (not the sentence's first) that names an instrument or meeting.
_PROPER = re.compile(r"(?<=[\w,;:()’'] )([A-Z][\w’'–-]*)(?=(?:\s+[A-Z][\w’'–-]*){0,2}\s+"
                     r"(?:treaty|alliance|agreement|accord|convention|protocol|declaration|pact|"
                     r"charter|communiqu[eé]|conference|summit|talks|resolution)\b)")


# "Treaty of Friendship, Cooperation and Mutual Assistance": the capitalised words of the name.
_NAME_OF = re.compile(r"\b(?:Treaty|Convention|Protocol|Agreement|Declaration|Pact|Charter|"
                      r"Conference)\s+(?:of|on)\s+((?:[A-Z][\w’'–-]*(?:,?\s+(?:and\s+)?|$))+)")


def _named_elsewhere(kb: KnowledgeBase, claim: str, chosen: Event,
                     times: list[TimeExpression]) -> tuple[Event, set[str]] | None:
    """Another event the claim calls by name (a rare proper word of its title, such as
    "Nishi–Rosen"), dated apart from the claim, while the chosen event's account lacks that
    word: the claim puts one thing's name on another's terms."""
    frequency = _title_frequency(kb)
    named = _PROPER.findall(claim)
    for m in _NAME_OF.finditer(claim):
        named.extend(re.findall(r"[A-Z][\w’'–-]*", m.group(1)))
    proper = set(tokenize(" ".join(named)))
    chosen_terms = event_terms(kb, chosen)
    rare = {t for t in proper if 0 < frequency[t] <= 2 and t not in chosen_terms
            and t not in _STOP}
    for t in sorted(rare):
        others = [e for e in kb.events if e.id != chosen.id and t in _title_terms(kb, e.id)]
        if others and all(_date_clash(claim, e, times) for e in others):
            return others[0], {t}
    account = _plain(f"{chosen.title} {chosen.summary}")
    for m in _INSTRUMENT.finditer(claim):  # "the Moscow Declaration", "the Agreed Framework"
        phrase = _plain(m.group(1))
        if phrase in account:
            continue
        others = [e for e in kb.events if e.id != chosen.id and phrase in _plain(e.title)]
        if others and all(_date_clash(claim, e, times) for e in others):
            return others[0], {phrase}
    return None


# A proper name of an instrument or meeting: capitalised words ending in its kind.
_INSTRUMENT = re.compile(r"(?<![\w-])((?:(?!The\b)[A-Z][\w’'–-]*\s+){1,4}(?:Treaty|Declaration|"
                         r"Framework|Protocol|Convention|Agreement|Accord|Pact|Charter|"
                         r"Communiqu[eé]|Statement|Conference|Memorandum))\b")


def _plain(text: str) -> str:
    return re.sub(r"[–—-]", " ", text.casefold())


def _date_clash(claim: str, e: Event, times: list[TimeExpression]) -> str | None:
    times = asserted_times(claim, times)
    if not times:
        return None
    lo = min(t.start for t in times)
    hi = max(t.end for t in times)
    elo, ehi = e.date.sort_key
    if hi < elo or lo > ehi:
        if DATES_TOLD and any(a <= hi and lo <= b for a, b in _told_dates(e)):
            return None  # the event's own account has this date (a later step, a deadline)
        return (f"date: the claim says {', '.join(t.text for t in times)}; the KB dates it "
                f"{e.date.display()}")
    return None


_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTH_NAMES) + r")\b(?!\s+\d)")


@lru_cache(maxsize=4096)
def _told_dates(e: Event) -> tuple[tuple[date, date], ...]:
    """The days and months an event's summary states besides its own date ("confirmed by
    telegram on 14 May", "the first consul arrived on 2 March 1990"); a day without a year is
    in the event's year."""
    # no spans of years: a range in a summary is as often a baseline ("their 1987-90 average")
    out = [(t.start, t.end) for t in extract_times(e.summary) if (t.end - t.start).days <= 366]
    year = e.date.sort_key[0].year
    for m in _DAY_MONTH.finditer(e.summary):
        month = MONTH_NAMES.index(m.group(2)) + 1
        try:
            day = date(year, month, int(m.group(1)))
        except ValueError:
            continue
        out.append((day, day))
    return tuple(out)


def _identity(c: Candidate) -> float:
    """How surely a candidate is the thing the claim speaks of: its words and its title's."""
    return c.coverage + c.title_coverage


_SINGULAR = re.compile(r"\b(first|last|founding|inaugural|maiden)\b", re.I)


#: How many content words make a claim detailed enough to pick out one occasion.
DETAILED_TERMS = 10


def _detailed(claim: str, coverage: float) -> bool:
    """Whether a claim tells an event in enough of its own words (many words, most of them the
    event's) to be about that very occasion, even of a kind that recurs."""
    return coverage >= THRESHOLDS["detailed"] and len(content_terms(claim)) >= DETAILED_TERMS


def _one_off(claim: str, e: Event, problems: list[str], dated: bool,
             coverage: float = 0.0) -> bool:
    """Whether a mismatch can contradict: the event happens once, or the claim says it is
    the first or last of its kind, or the date agrees and another slot does not (the same
    occurrence of a recurring thing, told otherwise)."""
    if e.type in ONE_OFF_TYPES or _SINGULAR.search(claim):
        return True
    if _detailed(claim, coverage):
        return True  # told in such detail that it is this occasion, whatever its kind
    return dated and not any(p.startswith("date:") for p in problems)


def _speaks_only_of_figures(claim: str, fit: Event,
                            clash: tuple[Candidate, list[str]]) -> bool:
    """Whether the clashing event states the claim's amounts otherwise while the fitting one
    states none of them: the amounts are then about the clashing event."""
    _, problems = clash
    if not problems or not all(p.startswith("figure:") for p in problems):
        return False
    units = {f.unit for f in figures(claim) if f.unit}
    return not units & {f.unit for f in figures(f"{fit.title}. {fit.summary}")}


def _close(c: Candidate, problems: list[str], dated: bool, claim: str = "") -> bool:
    """Whether a clashing candidate is close enough to be the thing the claim means: most of
    the claim's words, or, when the claim's date agrees with it, as many as support needs. A
    date alone contradicts only a claim that names the thing (much of the event's title):
    the same kind of act on another day is as likely another occasion the KB does not list."""
    if all(p.startswith("date:") for p in problems) and \
            c.title_coverage < THRESHOLDS["date_title"] and not _detailed(claim, c.coverage):
        return False
    if c.coverage >= THRESHOLDS["contradict"]:
        return True
    agrees = dated and not any(p.startswith("date:") for p in problems)
    return DATE_VOUCHES and agrees and c.coverage >= THRESHOLDS["support"]


def _slots(problems: list[str]) -> int:
    return len({p.split(":", 1)[0] for p in problems})


def judge(kb: KnowledgeBase, claim: str, candidates: list[Candidate], mentions: Mentions,
          times: list[TimeExpression]) -> Verdict:
    """The verdict for one claim against its retrieved candidates."""
    dates = (min(t.start for t in times), max(t.end for t in times)) if times else None
    if not candidates:
        return Verdict("not covered", "no event in the knowledge base is close to this claim",
                       claim_dates=dates)
    scored = [(c, _mismatches(kb, claim, c.event, mentions, times)) for c in candidates]
    # an undated claim has only its words to pick out an event: it needs more of them
    floor = THRESHOLDS["support"] if times else THRESHOLDS["undated_support"]
    fitting = [(c, m) for c, m in scored if not m and c.coverage >= floor]
    # one slot differs: the same thing told otherwise; two (say its date and its people) make
    # it more likely another thing the KB does not list
    clashing = [(c, m) for c, m in scored if _slots(m) == 1 and _close(c, m, bool(times), claim)
                and c.title_coverage >= THRESHOLDS["title"]
                and _one_off(claim, c.event, m, bool(times), c.coverage)]
    # on a tie, the one whose date agrees: a claim's date picks out the occasion it means
    clash = min(clashing, key=lambda cm: (any(p.startswith("date:") for p in cm[1]),
                                          -cm[0].coverage, -cm[0].score), default=None)
    if fitting:
        best, _ = max(fitting, key=lambda cm: (cm[0].coverage, cm[0].score))
        if clash is None or (_identity(clash[0]) - _identity(best) < THRESHOLDS["margin"]
                             and not _speaks_only_of_figures(claim, best.event, clash)):
            named = _named_elsewhere(kb, claim, best.event, times)
            if named and best.event.type in ONE_OFF_TYPES:
                other, _ = named
                problem = (f"name: the claim calls it {other.title} ({other.date.display()}); "
                           f"what it describes is {best.event.title} "
                           f"({best.event.date.display()})")
                return Verdict("contradicted", problem, best.event, dates, [problem],
                               best.coverage)
            return Verdict("supported", f"the knowledge base has this: {best.event.title} "
                           f"({best.event.date.display()})", best.event, dates, [],
                           best.coverage)
    if clash is not None:
        best, problems = clash
        return Verdict("contradicted", "; ".join(problems), best.event, dates, problems,
                       best.coverage)
    top = max(candidates, key=lambda c: c.coverage)
    return Verdict("not covered", f"nothing in the knowledge base matches closely enough "
                   f"(closest: {top.event.title}, {top.event.date.display()})", None, dates,
                   [], top.coverage)
