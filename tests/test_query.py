"""Filters and ranked search through the one query layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tumen import Query, QueryError, load_kb, run_query
from tumen.kb.knowledge_base import KnowledgeBase


@pytest.fixture
def kb(mini_path: Path) -> KnowledgeBase:
    return load_kb(mini_path)


def ids(kb: KnowledgeBase, **kw: object) -> list[str]:
    return [e.id for e in run_query(kb, Query(**kw)).events]  # type: ignore[arg-type]


def test_date_range_is_overlap(kb: KnowledgeBase) -> None:
    # The war (1950-06-25/1953-07-27) overlaps 1952; the 1950s aid (195X) does too.
    assert ids(kb, start="1952", end="1952") == ["aid-1950s", "war-1950"]
    assert ids(kb, start="1961-07") == ["treaty-1961"]
    assert ids(kb, end="1885") == ["convention-1860", "legation-1885"]


def test_side_covers_the_lineage(kb: KnowledgeBase) -> None:
    assert ids(kb, actors=["russia"]) == [e.id for e in kb.events]
    assert ids(kb, actors=["JOSEON"]) == ["legation-1885"]
    assert ids(kb, actors=["North Korea"]) == ["aid-1950s", "war-1950", "treaty-1961"]
    assert ids(kb, actors=["prk"]) == ["aid-1950s", "war-1950", "treaty-1961"]


def test_other_filters(kb: KnowledgeBase) -> None:
    assert ids(kb, types=["treaty"]) == ["convention-1860", "treaty-1961"]
    assert ids(kb, themes=["economy"]) == ["aid-1950s"]
    assert ids(kb, periods=["early"]) == ["convention-1860", "legation-1885"]
    assert ids(kb, people=["kim-il-sung"]) == ["war-1950", "treaty-1961"]
    assert ids(kb, places=["seoul"]) == ["legation-1885"]
    assert ids(kb, min_significance=3) == ["convention-1860", "war-1950", "treaty-1961"]


def test_paging(kb: KnowledgeBase) -> None:
    result = run_query(kb, Query(), limit=2, offset=1)
    assert [e.id for e in result.events] == ["legation-1885", "aid-1950s"]
    assert result.total == 5


def test_text_sorted_by_relevance_or_date(kb: KnowledgeBase) -> None:
    ranked = ids(kb, text="treaty friendship")
    assert ranked[0] == "treaty-1961"
    by_date = ids(kb, text="treaty", sort="date")
    assert by_date == sorted(by_date, key=lambda i: kb.event(i).sort_key)


@pytest.mark.parametrize("kw,message", [
    ({"start": "1961-13"}, "--from: '1961-13'"),
    ({"start": "1960", "end": "1950"}, "before --from"),
    ({"actors": ["Narnia"]}, "unknown actor or side 'Narnia'"),
    ({"actors": ["USRR"]}, "did you mean 'USSR'"),
    ({"types": ["treatie"]}, "did you mean 'treaty'"),
    ({"themes": ["space"]}, "unknown theme 'space'"),
    ({"periods": ["medieval"]}, "unknown era 'medieval'"),
    ({"people": ["kim-ilsung"]}, "did you mean 'kim-il-sung'"),
    ({"places": ["paris"]}, "unknown place 'paris'"),
    ({"min_significance": 4}, "significance must be 1, 2 or 3"),
    ({"sort": "random"}, "unknown sort"),
])
def test_bad_queries_say_why(kb: KnowledgeBase, kw: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(kb, Query(**kw))  # type: ignore[arg-type]
