"""Verdicts, slot by slot: does the best-matching event support the claim, contradict it, or is
the claim not covered? Thresholds are set on the dev split (benchmarks/claims/calibrate.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tumen.check.linking import Mentions
from tumen.check.timex import TimeExpression
from tumen.kb import KnowledgeBase
from tumen.model import Event
from tumen.search import tokenize

__all__ = ["ONE_OFF_TYPES", "THRESHOLDS", "Candidate", "Verdict", "judge"]

#: Calibrated on the dev split only; see benchmarks/claims/calibrate.py.
THRESHOLDS = {"support": 0.45, "contradict": 0.6, "title": 0.2}

#: Whether naming a person the event does not list counts against it (set on the dev split).
PERSON_MISMATCH = True

#: Kinds of event that happen once: a different date for the same thing is a contradiction.
#: Aid, trade, migration and the like recur, so a date mismatch there is "not covered".
ONE_OFF_TYPES = {"treaty", "agreement", "diplomatic", "visit", "summit", "war", "un-vote",
                 "sanctions", "border", "infrastructure", "crisis", "political", "statement",
                 "military"}
_STOP = set(tokenize(
    "the a an of in on at to and or for with by from as that this these those was were is are "
    "be been its it their his her they which who whom during after before under first its "
    "into over between also than then when while had has have not no but only both one two "
    "new year years century decade later early late mid"))
_APPROX = re.compile(r"(more than|over|about|around|nearly|almost|some|up to|at least|roughly|"
                     r"approximately|close to|fewer than|less than|under)\s+$", re.I)
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(per ?cent|%|billion|"
                     r"million|thousand))?", re.I)


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


def event_terms(kb: KnowledgeBase, e: Event) -> set[str]:
    words = [e.title, e.summary, *e.names.values(), e.type, *e.themes]
    for ids, index in ((e.actors, kb.actors), (e.people, kb.people), (e.places, kb.places)):
        for i in ids:
            if i in index:
                words.extend(index[i].all_names())
    return set(tokenize(" ".join(words)))


def _figure_clash(claim: str, stated: set[str]) -> set[str]:
    """Figures of the claim that no stated figure agrees with (approximate ones loosely)."""
    clash = set()
    values = [float(v) for v in stated]
    for m in _NUMBER.finditer(claim):
        value = m.group(1).replace(",", "")
        if value not in _figures(m.group(0)) or value in stated:
            continue
        if _APPROX.search(claim[max(0, m.start() - 16):m.start()]):
            number = float(value)
            if any(0.75 * v <= number <= 1.25 * v or number <= v for v in values):
                continue
        clash.add(value)
    return clash


def _figures(text: str) -> set[str]:
    out = set()
    for m in _NUMBER.finditer(text):
        value = m.group(1).replace(",", "")
        before = text[max(0, m.start() - 12):m.start()].lower()
        is_label = re.search(r"(resolution|resolutions|no\.|number)\s+$", before)
        if len(value) == 4 and value.isdigit() and 1600 <= int(value) <= 2100 \
                and not is_label:
            continue  # a year, compared as a date
        out.add(value)
    return out


def _mismatches(kb: KnowledgeBase, claim: str, e: Event, mentions: Mentions,
                times: list[TimeExpression]) -> list[str]:
    found = []
    if times:
        lo = min(t.start for t in times)
        hi = max(t.end for t in times)
        elo, ehi = e.date.sort_key
        if hi < elo or lo > ehi:
            found.append(f"date: the claim says {', '.join(t.text for t in times)}; the KB "
                         f"dates it {e.date.display()}")
    for group in mentions.actor_groups:
        others = [kb.actors[a] for a in group if kb.actors[a].side == "other"
                  and kb.actors[a].kind == "state"]
        if others and len(others) == len(group) and not group & set(e.actors):
            names = ", ".join(kb.actors[a].name for a in e.actors if a in kb.actors)
            found.append(f"actor: the claim names {others[0].name}; the KB event involves "
                         f"{names}")
    if PERSON_MISMATCH and e.people:
        for group in mentions.person_groups:
            if not group & set(e.people):
                named = kb.people[sorted(group)[0]].name
                kb_named = ", ".join(kb.people[p].name for p in e.people if p in kb.people)
                found.append(f"person: the claim names {named}; the KB names {kb_named}")
    if mentions.places and e.places and not (mentions.places & set(e.places)):
        said = ", ".join(kb.places[p].name for p in mentions.places)
        kb_said = ", ".join(kb.places[p].name for p in e.places if p in kb.places)
        found.append(f"place: the claim says {said}; the KB says {kb_said}")
    stated = _figures(e.summary + " " + e.title)
    clash = _figure_clash(claim, stated) if stated else set()
    if clash and not (_figures(claim) & stated):
        found.append(f"figure: the claim says {', '.join(sorted(clash))}; the KB says "
                     f"{', '.join(sorted(stated))}")
    return found


def judge(kb: KnowledgeBase, claim: str, candidates: list[Candidate], mentions: Mentions,
          times: list[TimeExpression]) -> Verdict:
    """The verdict for one claim against its retrieved candidates."""
    dates = (min(t.start for t in times), max(t.end for t in times)) if times else None
    if not candidates:
        return Verdict("not covered", "no event in the knowledge base is close to this claim",
                       claim_dates=dates)
    scored = [(c, _mismatches(kb, claim, c.event, mentions, times)) for c in candidates]
    fitting = [(c, m) for c, m in scored if not m and c.coverage >= THRESHOLDS["support"]]
    if fitting:
        best, _ = max(fitting, key=lambda cm: (cm[0].coverage, cm[0].score))
        return Verdict("supported", f"the knowledge base has this: {best.event.title} "
                       f"({best.event.date.display()})", best.event, dates, [], best.coverage)
    clashing = [(c, m) for c, m in scored if m and c.coverage >= THRESHOLDS["contradict"]
                and c.title_coverage >= THRESHOLDS["title"] and c.event.type in ONE_OFF_TYPES]
    if clashing:
        best, problems = max(clashing, key=lambda cm: (cm[0].coverage, cm[0].score))
        return Verdict("contradicted", "; ".join(problems), best.event, dates, problems,
                       best.coverage)
    top = max(candidates, key=lambda c: c.coverage)
    return Verdict("not covered", f"nothing in the knowledge base matches closely enough "
                   f"(closest: {top.event.title}, {top.event.date.display()})", None, dates,
                   [], top.coverage)
