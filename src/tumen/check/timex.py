"""Time expressions in English prose, resolved to day intervals.

General date parsers read "the 1950s" as today and "1950" as 19:50, so this extractor is written
for historical prose: full dates, months, years and year ranges, decades with early/mid/late,
centuries, "recently", and expressions anchored on the knowledge base: "during the Korean War"
(a named span), "after the collapse of the Soviet Union" (an actor's end), "under Khrushchev"
(the span of a person's events).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from tumen.core.text import MONTH_PATTERN, MONTHS
from tumen.kb.knowledge_base import KnowledgeBase

__all__ = ["TimeExpression", "extract_times", "strip_times"]

_MONTH = MONTH_PATTERN
_YEAR = r"(1[6-9]\d\d|20\d\d)"
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
        "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
        "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
        "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
        "twenty-first": 21}


Add = Callable[[re.Match[str], date, date, str], None]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in text: where, what it says, and the interval it denotes."""

    text: str
    start: date
    end: date
    kind: str  # day, month, year, range, decade, century, relative, anchor
    position: int = 0


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _part(which: str | None, lo: int, hi: int) -> tuple[int, int]:
    """The early, mid or late part of the years lo..hi (thirds, rounded)."""
    if not which:
        return lo, hi
    span = hi - lo + 1
    third = span // 3
    which = which.lower().rstrip("-")
    if which == "early":
        return lo, lo + third
    if which in ("mid", "middle"):
        return lo + third, hi - third
    return hi - third, hi


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("day_us", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)),
    ("iso", re.compile(r"\b(1[6-9]\d\d|20\d\d)-(\d\d)-(\d\d)\b")),
    ("month", re.compile(rf"\b(?:(early|mid|late)[- ])?{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("decades", re.compile(r"\bthe\s+(?:(early|mid|late)[- ])?(1[6-9]\d0|20\d0)s\s+and\s+"
                           r"(?:(early|mid|late)[- ])?(1[6-9]\d0|20\d0)s\b", re.I)),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(early|mid|late|middle)[- ])?(1[6-9]\d0|20\d0)s\b",
                          re.I)),
    ("century", re.compile(r"\b(?:the\s+)?(?:(early|mid|late|middle)[- ])?"
                           r"(1[6-9]|2[01])(?:st|nd|rd|th)[- ]century\b", re.I)),
    ("century_word", re.compile(r"\b(?:the\s+)?(?:(early|mid|late|middle)[- ])?"
                                r"(" + "|".join(_ORD) + r")[- ]century\b", re.I)),
    ("range", re.compile(rf"\b(?:between|from)\s+{_YEAR}\s+(?:and|to|until)\s+{_YEAR}\b",
                         re.I)),
    ("range_dash", re.compile(r"\b(1[6-9]\d\d|20\d\d)\s*[–—-]\s*(\d{2,4})\b")),
    ("year", re.compile(rf"(?<!resolution )(?<!resolutions )(?<!no\. )(?<!number )"
                        rf"\b(?:(early|mid|late)[- ](?:in\s+)?)?{_YEAR}\b(?!\s*[–—-]\s*\d)",
                        re.I)),
    ("recent", re.compile(r"\b(recently|in recent years|nowadays|today|this year|last year)\b",
                          re.I)),
]
_ANCHOR = re.compile(r"\b((?i:during|after|before|since|until|following|under|in|throughout))\s+"
                     r"(?:the\s+(?:time|rule|era|days|leadership|reign)\s+of\s+)?"
                     r"((?:the\s+)?[A-ZА-ЯЁ가-힣][\w’'\-–]*(?:\s+(?:of\s+(?:the\s+)?)?"
                     r"[A-ZА-ЯЁ가-힣0-9][\w’'\-–]*){0,5})")
_ACTOR_EVENT = re.compile(r"\b(collapse|dissolution|end|fall|breakup|break-up|founding|"
                          r"establishment|creation|birth)\s+of\s+(?:the\s+)?([A-Z][\w ]{2,40})",
                          re.I)
_ACTOR_ANCHOR = re.compile(r"\b((?i:during|after|before|since|until|following|by))\s+the\s+"
                           r"((?:collapse|dissolution|end|fall|breakup|break-up|founding|"
                           r"establishment|creation|birth)\s+of\s+(?:the\s+)?[A-Z][\w-]*"
                           r"(?:\s+[A-Z][\w-]*){0,3})")


def extract_times(text: str, kb: KnowledgeBase | None = None,
                  today: date | None = None) -> list[TimeExpression]:
    """Every time expression in `text`, in order, each with its interval."""
    today = today or date.today()
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], start: date, end: date, kind: str) -> None:
        if any(m.start() < b and a < m.end() for a, b in taken):
            return
        if end < start:
            return
        taken.append((m.start(), m.end()))
        found.append(TimeExpression(m.group(0), start, end, kind, m.start()))

    if kb is not None:
        _anchors(text, kb, today, add)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            try:
                _resolve(kind, m, today, add)
            except ValueError:
                continue
    return sorted(found, key=lambda t: t.position)


def _resolve(kind: str, m: re.Match[str], today: date, add: Add) -> None:
    put = add
    g = m.groups()
    if kind == "day":
        y, mo, d = int(g[2]), MONTHS[g[1].lower()], int(g[0])
        put(m, date(y, mo, d), date(y, mo, d), "day")
    elif kind == "day_us":
        y, mo, d = int(g[2]), MONTHS[g[0].lower()], int(g[1])
        put(m, date(y, mo, d), date(y, mo, d), "day")
    elif kind == "iso":
        d0 = date(int(g[0]), int(g[1]), int(g[2]))
        put(m, d0, d0, "day")
    elif kind == "month":
        y, mo = int(g[2]), MONTHS[g[1].lower()]
        lo, hi = 1, _last_day(y, mo)
        if g[0]:
            lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, hi)}[g[0].lower()]
        put(m, date(y, mo, lo), date(y, mo, hi), "month")
    elif kind == "decades":
        a = _part(g[0], int(g[1]), int(g[1]) + 9)
        b = _part(g[2], int(g[3]), int(g[3]) + 9)
        put(m, date(a[0], 1, 1), date(b[1], 12, 31), "decade")
    elif kind == "decade":
        lo, hi = _part(g[0], int(g[1]), int(g[1]) + 9)
        put(m, date(lo, 1, 1), date(hi, 12, 31), "decade")
    elif kind in ("century", "century_word"):
        n = int(g[1]) if kind == "century" else _ORD[g[1].lower()]
        lo, hi = _part(g[0], (n - 1) * 100 + 1, n * 100)
        put(m, date(lo, 1, 1), date(hi, 12, 31), "century")
    elif kind == "range":
        put(m, date(int(g[0]), 1, 1), date(int(g[1]), 12, 31), "range")
    elif kind == "range_dash":
        lo = int(g[0])
        hi_text = g[1]
        hi = int(hi_text) if len(hi_text) == 4 else int(str(lo)[: 4 - len(hi_text)] + hi_text)
        if hi > lo:
            put(m, date(lo, 1, 1), date(hi, 12, 31), "range")
    elif kind == "year":
        lo, hi = 1, 12
        if g[0]:
            lo, hi = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[g[0].lower()]
        y = int(g[1])
        put(m, date(y, lo, 1), date(y, hi, _last_day(y, hi)), "year")
    elif kind == "recent":
        word = g[0].lower()
        if word == "last year":
            put(m, date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), "relative")
        elif word == "this year":
            put(m, date(today.year, 1, 1), today, "relative")
        else:
            put(m, today - timedelta(days=3 * 365), today, "relative")


def _anchors(text: str, kb: KnowledgeBase, today: date, add: Add) -> None:
    put = add
    for m in _ACTOR_ANCHOR.finditer(text):
        found = _actor_event(kb, m.group(2))
        if found is not None:
            day = found[0]
            prep = m.group(1).lower()
            if prep in ("after", "since", "following"):
                put(m, day, today, "anchor")
            elif prep in ("before", "until", "by"):
                put(m, date(max(day.year - 30, 1), 1, 1), day, "anchor")
            else:
                put(m, day, day, "anchor")
    for m in _ANCHOR.finditer(text):
        prep, target = m.group(1).lower(), m.group(2)
        span = _named_span(kb, target)
        if span is None:
            span = _actor_event(kb, target)
        if span is None and prep in ("under", "during"):
            span = _person_span(kb, target)
        if span is None:
            continue
        lo, hi = span
        if prep in ("after", "since", "following"):
            lo, hi = hi, today
        elif prep in ("before", "until"):
            lo, hi = date(max(lo.year - 30, 1), 1, 1), lo
        put(m, lo, hi, "anchor")


def _named_span(kb: KnowledgeBase, target: str) -> tuple[date, date] | None:
    folded = target.casefold()
    for span in kb.spans.values():
        for name in span.names:
            n = name.casefold()
            if folded == n or folded.startswith(n + " ") or folded == n.removeprefix("the "):
                return kb.span_dates(span)
    for period in kb.periods:
        if period.title.casefold() in folded:
            return period.date.sort_key[0], period.date.upper or date.today()
    return None


def _actor_event(kb: KnowledgeBase, target: str) -> tuple[date, date] | None:
    m = _ACTOR_EVENT.match(target)
    if m is None:
        return None
    what, name = m.group(1).lower(), m.group(2).strip().casefold()
    for actor in kb.actors.values():
        if actor.date is None:
            continue
        if any(name.startswith(n.casefold()) for n in actor.all_names() if len(n) > 3):
            lo, hi = actor.date.sort_key
            day = lo if what in ("founding", "establishment", "creation", "birth") else hi
            return day, day
    return None


_TENURE = re.compile(r"\b(1[6-9]\d\d|20\d\d)\s*[–—-]\s*(1[6-9]\d\d|20\d\d)\b")


def _person_span(kb: KnowledgeBase, target: str) -> tuple[date, date] | None:
    """The years of a person's tenure: the first year range in their (cited) description,
    else the span of the events they are linked to."""
    folded = re.sub(r"[’']s\b.*$", "", target).casefold().strip()
    for person in kb.people.values():
        names = [n.casefold() for n in person.all_names()]
        surname = person.surname.casefold()
        if folded in names or (surname and folded == surname):
            tenure = _TENURE.search(person.description)
            if tenure:
                return date(int(tenure.group(1)), 1, 1), date(int(tenure.group(2)), 12, 31)
            events = kb.events_citing("people", person.id)
            if events:
                return (min(e.date.sort_key[0] for e in events),
                        max(e.date.sort_key[1] for e in events))
    return None


def strip_times(text: str, times: list[TimeExpression]) -> str:
    """`text` with its time expressions removed (so a wrong year does not steer retrieval)."""
    out, last = [], 0
    for t in sorted(times, key=lambda t: t.position):
        out.append(text[last:t.position])
        last = t.position + len(t.text)
    out.append(text[last:])
    return re.sub(r"\s+", " ", "".join(out)).strip()
