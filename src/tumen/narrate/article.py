"""Explainer articles composed from the knowledge base, every sentence cited.

The composer adds no facts of its own. Its text is taken from curated prose only (era intros
and event summaries); its own words are structure: headings, dates, "Key dates" lists, the
reading time. Each sentence carries the citations it came with: an intro sentence its [@…]
markers, an event sentence its event's sources. Citations resolve to numbered footnotes.

Selection is deterministic: units are ranked (opening sentences of the eras, landmarks, the rest
of the intros, notable events, context), taken in that order while they fit the word budget,
then printed in time order.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from tumen.core.errors import ArticleError
from tumen.core.text import CITATION_RE, citation_keys, split_sentences
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.model import Event, Period
from tumen.query.filters import Query, run_query

__all__ = [
    "LENGTHS",
    "WORDS_PER_MINUTE",
    "Article",
    "Footnote",
    "Section",
    "Sentence",
    "compose_article",
]

WORDS_PER_MINUTE = 230
LENGTHS = {"short": 700, "medium": 1500, "long": 3000}


@dataclass(frozen=True)
class Footnote:
    number: int
    source_id: str
    title: str
    publisher: str
    date: str
    url: str
    author: str = ""


@dataclass
class Sentence:
    """One sentence of curated text, with the footnotes it cites and the events behind it."""

    text: str
    footnotes: list[int]
    events: list[str]
    date: str = ""  # the display date shown before an event's first sentence


@dataclass
class Paragraph:
    sentences: list[Sentence]
    event: str = ""


@dataclass
class Subsection:
    heading: str
    paragraphs: list[Paragraph]


@dataclass
class Section:
    era: str
    heading: str
    dates: str
    intro: list[Paragraph]
    subsections: list[Subsection]
    key_dates: list[tuple[str, str, str]]  # display date, title, event id


@dataclass
class Article:
    title: str
    standfirst: str
    introduction: list[Paragraph]
    sections: list[Section]
    conclusion: list[Paragraph]
    related: list[tuple[str, str]]  # title, url path
    footnotes: list[Footnote]
    word_count: int
    reading_minutes: int
    last_updated: date | None
    events: list[str] = field(default_factory=list)


def _words(text: str) -> int:
    return len(CITATION_RE.sub("", text).split())


class _Notes:
    """Footnotes numbered in order of first citation."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.numbers: dict[str, int] = {}

    def cite(self, source_ids: list[str]) -> list[int]:
        out = []
        for sid in source_ids:
            if sid not in self.kb.sources:
                continue
            if sid not in self.numbers:
                self.numbers[sid] = len(self.numbers) + 1
            out.append(self.numbers[sid])
        return sorted(set(out))

    def footnotes(self) -> list[Footnote]:
        notes = []
        for sid, n in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            s = self.kb.sources[sid]
            notes.append(Footnote(n, sid, s.title, s.publisher, s.date.display() if s.date
                                  else "", s.url, s.author))
        return notes


@dataclass
class _Unit:
    kind: str  # "lead", "intro", "event"
    era: str
    order: tuple[object, ...]
    words: int
    rank: tuple[int, ...]
    sentence: str = ""
    event: Event | None = None


def _intro_units(kb: KnowledgeBase, period: Period, selected: set[str],
                 whole: bool) -> list[_Unit]:
    units = []
    for i, sentence in enumerate(split_sentences(period.intro, semicolons=False)):
        keys = citation_keys(sentence)
        events = [k for k in keys if k in kb.event_by_id]
        if not keys or (not whole and any(e not in selected for e in events)):
            continue  # uncited, or about events outside the requested selection
        kind = "lead" if i == 0 else "intro"
        units.append(_Unit(kind, period.id, (0, i), _words(sentence),
                           (0 if kind == "lead" else 2, i), sentence=sentence))
    return units


def compose_article(
    kb: KnowledgeBase, query: Query | None = None, *, words: int | None = None,
    length: str = "medium",
) -> Article:
    """Compose an article on the events `query` selects, within `words` (or `length`)."""
    query = query or Query()
    if words is None:
        if length not in LENGTHS:
            raise ArticleError(f"unknown length '{length}' (short, medium or long)")
        words = LENGTHS[length]
    if words < 1:
        raise ArticleError("--words must be a positive number")
    events = run_query(kb, replace(query, sort="date")).events
    if not events:
        raise ArticleError("no events match this selection, so there is nothing to write about;"
                           " widen the filters (see 'tumen timeline' with the same filters)")
    whole = query == Query() or query == Query(sort=query.sort)
    selected = {e.id for e in events}
    eras = [p for p in kb.periods if any(e.period == p.id for e in events)]

    units: list[_Unit] = []
    for period in eras:
        units += _intro_units(kb, period, selected, whole)
    for e in events:
        rank = {3: 1, 2: 3, 1: 4}[e.significance]
        units.append(_Unit("event", e.period, (1, e.sort_key), _words(e.summary),
                           (rank, -len(e.sources), e.date.sort_key[0].toordinal()), event=e))

    # The conclusion is the closing sentence of the latest era's intro, when it is usable.
    last_intro = [u for u in units if u.era == eras[-1].id and u.kind in ("lead", "intro")]
    conclusion_unit = last_intro[-1] if len(last_intro) > 1 else None
    if conclusion_unit is not None:
        units.remove(conclusion_unit)

    mandatory = [u for u in units if u.kind == "lead"]
    if not any(u.kind == "event" for u in mandatory):
        first_events = sorted((u for u in units if u.kind == "event"), key=lambda u: u.rank)[:1]
        mandatory += first_events
    floor = sum(u.words for u in mandatory) + (conclusion_unit.words if conclusion_unit else 0)
    if words < floor:
        raise ArticleError(f"--words {words} is too small for this selection: the shortest "
                           f"article that fits needs at least {floor} words")
    budget = words - floor
    chosen = list(mandatory)
    for unit in sorted((u for u in units if u not in mandatory), key=lambda u: u.rank):
        if unit.words <= budget:
            chosen.append(unit)
            budget -= unit.words

    notes = _Notes(kb)
    article_events: list[str] = []

    def intro_paragraph(sentences: list[str]) -> Paragraph:
        out = []
        for s in sentences:
            keys = citation_keys(s)
            sources: list[str] = []
            for k in keys:
                sources += list(kb.event_by_id[k].sources) if k in kb.event_by_id else [k]
            text = " ".join(CITATION_RE.sub("", s).split()).replace(" .", ".").replace(" ,", ",")
            ev = [k for k in keys if k in kb.event_by_id]
            out.append(Sentence(text, notes.cite(sources), ev))
        return Paragraph(out)

    def event_paragraph(e: Event) -> Paragraph:
        article_events.append(e.id)
        refs = notes.cite(list(e.sources))
        sentences = [Sentence(s, refs, [e.id])
                     for s in split_sentences(e.summary, semicolons=False)]
        sentences[0].date = e.date.display()
        return Paragraph(sentences, event=e.id)

    # The introduction is the opening of the first era's intro; every other era opens its own
    # section with its lead sentence.
    leads = [u for u in chosen if u.kind == "lead"]
    opening = leads[0] if leads and leads[0].era == eras[0].id else None
    introduction = [intro_paragraph([opening.sentence])] if opening else []
    sections = []
    for period in eras:
        intro = [u.sentence for u in sorted(chosen, key=lambda u: u.order)
                 if u.era == period.id and u.kind in ("lead", "intro") and u is not opening]
        era_events = sorted((u.event for u in chosen if u.era == period.id and u.event),
                            key=lambda e: e.sort_key)
        if not intro and not era_events:
            continue
        threads = Counter(e.themes[0] for e in era_events if e.themes)
        multi = [t for t, n in threads.items() if n >= 2]
        subsections: list[Subsection] = []
        if len(multi) >= 2:
            for theme in sorted(multi, key=lambda t: (-threads[t], t)):
                paras = [event_paragraph(e) for e in era_events if e.themes[0] == theme]
                subsections.append(Subsection(theme.capitalize(), paras))
            rest = [e for e in era_events if e.themes[0] not in multi]
            if rest:
                subsections.append(Subsection("Other events",
                                              [event_paragraph(e) for e in rest]))
        elif era_events:
            subsections.append(Subsection("", [event_paragraph(e) for e in era_events]))
        key_dates = [(e.date.display(), e.title, e.id) for e in events
                     if e.period == period.id and e.significance == 3]
        sections.append(Section(period.id, period.title, period.date.display(),
                                [intro_paragraph(intro)] if intro else [], subsections,
                                key_dates))
    conclusion = [intro_paragraph([conclusion_unit.sentence])] if conclusion_unit else []

    first, last = events[0].date.display(), events[-1].date.display()
    end_year = "today" if eras[-1].date.upper is None else str(eras[-1].date.sort_key[1].year)
    span = f"{eras[0].date.sort_key[0].year}–{end_year}"
    title = f"Russia and Korea, {span}" if whole else \
        "Russia and Korea: " + ", ".join(_describe(kb, query)) + f" ({first} – {last})"
    standfirst = (f"A sourced history in {len(article_events)} events and {len(eras)} "
                  f"era{'s' if len(eras) != 1 else ''}, every sentence footnoted.")
    related = [(p.title, f"/eras/{p.id}") for p in kb.periods]
    related += [(kb.event_by_id[i].title, f"/events/{i}") for i in article_events
                if kb.event_by_id[i].significance == 3][:8]
    body = [s for p in introduction + conclusion for s in p.sentences]
    for sec in sections:
        body += [s for p in sec.intro for s in p.sentences]
        body += [s for sub in sec.subsections for p in sub.paragraphs for s in p.sentences]
    count = sum(_words(s.text) for s in body)
    return Article(title, standfirst, introduction, sections, conclusion, related,
                   notes.footnotes(), count, max(1, math.ceil(count / WORDS_PER_MINUTE)),
                   kb.last_updated, article_events)


def _describe(kb: KnowledgeBase, query: Query) -> list[str]:
    """Words for the selection in a title: era titles, themes, actor and people names."""
    parts = [kb.period_by_id[p].title if p in kb.period_by_id else p for p in query.periods]
    parts += [*query.themes, *query.types]
    parts += [kb.actors[a.upper()].name if a.upper() in kb.actors else a for a in query.actors]
    parts += [kb.people[p].name if p in kb.people else p for p in query.people]
    parts += [kb.places[p].name if p in kb.places else p for p in query.places]
    if query.start or query.end:
        parts.append(f"{query.start or '…'} to {query.end or 'today'}")
    if query.text:
        parts.append(f"“{query.text}”")
    return parts or ["a selection"]
