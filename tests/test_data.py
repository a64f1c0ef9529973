"""The shipped knowledge base meets the chronology's own rules (beyond what validate checks)."""

from __future__ import annotations

import re

import pytest

from tumen import load_kb
from tumen.core.text import citation_keys
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.query.search import search_index


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_every_era_has_events_and_a_cited_intro(kb: KnowledgeBase) -> None:
    for era in kb.periods:
        assert len(kb.events_in_period(era.id)) >= 20, era.id
        words = len(era.intro.split())
        assert 150 <= words <= 300, f"{era.id}: intro has {words} words"
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", era.intro.strip()):
            assert citation_keys(sentence), f"{era.id}: uncited sentence: {sentence[:60]}"


def test_landmarks_have_two_sources(kb: KnowledgeBase) -> None:
    thin = [e.id for e in kb.events if e.significance == 3 and len(e.sources) < 2]
    assert thin == []


def test_every_source_is_cited(kb: KnowledgeBase) -> None:
    cited = {s for e in kb.events for s in e.sources}
    cited |= {s for e in kb.events for a in e.alt_dates for s in a.sources}
    cited |= {k for p in kb.periods for k in citation_keys(p.intro)}
    cited |= {k for e in kb.events for k in citation_keys(e.notes)}
    for index in (kb.actors, kb.people, kb.places):
        cited |= {s for record in index.values() for s in record.sources}
    assert sorted(set(kb.sources) - cited) == []


def test_names_in_three_languages(kb: KnowledgeBase) -> None:
    for kind, index in (("actor", kb.actors), ("person", kb.people), ("place", kb.places)):
        for record in index.values():
            missing = {"en", "ru", "ko"} - set(record.names)
            assert not missing, f"{kind} {record.id} lacks names in {sorted(missing)}"


def test_sources_have_titles_and_publishers(kb: KnowledgeBase) -> None:
    for s in kb.sources.values():
        assert s.title and (s.publisher or s.author), s.id


def test_popular_claims_are_decidable(kb: KnowledgeBase) -> None:
    """The facts explainers get wrong are in the KB with the right dates."""
    def year_of(query: str) -> set[int]:
        hits = search_index(kb).search(query, limit=3)
        return {e.date.lower.year for e, _ in hits if e.date.lower}

    assert 1885 in year_of("Russian legation Seoul Waeber")
    assert 1896 in year_of("Gojong refuge Russian legation")
    assert 1905 in year_of("Treaty of Portsmouth")
    assert 1945 in year_of("38th parallel")
    assert 1961 in year_of("Treaty of Friendship Cooperation Mutual Assistance")
    assert 2000 in year_of("Treaty of Friendship Good-Neighbourliness Cooperation")
    assert 2024 in year_of("Comprehensive Strategic Partnership treaty")
