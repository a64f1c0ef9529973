"""Ranked search in English, Russian and Korean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tumen import load_kb
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.query.search import search_index, tokenize


@pytest.fixture
def kb(mini_path: Path) -> KnowledgeBase:
    return load_kb(mini_path)


def top(kb: KnowledgeBase, query: str, n: int = 2) -> list[str]:
    return [e.id for e, _ in search_index(kb).search(query, limit=n)]


@pytest.mark.parametrize("query", ["Kim Il Sung", "Kim Il-sung", "Ким Ир Сен", "김일성",
                                   "김일성의", "Ким Ир Сена", "kim il sung"])
def test_person_in_any_language_finds_their_events(kb: KnowledgeBase, query: str) -> None:
    assert set(top(kb, query)) == {"war-1950", "treaty-1961"}


def test_event_names_in_russian_and_korean(kb: KnowledgeBase) -> None:
    assert top(kb, "Договор о дружбе", 1) == ["treaty-1961"]
    assert top(kb, "원조 조약", 1) == ["treaty-1961"]


def test_title_outranks_summary(kb: KnowledgeBase) -> None:
    assert top(kb, "legation", 1) == ["legation-1885"]
    assert top(kb, "Korean War", 1) == ["war-1950"]


def test_stemming_and_accents(kb: KnowledgeBase) -> None:
    assert top(kb, "treaties", 1)[0] in {"treaty-1961", "convention-1860"}
    assert tokenize("Chosŏn") == tokenize("Choson")
    assert tokenize("Хрущёв") == tokenize("Хрущев")


def test_no_match_is_empty(kb: KnowledgeBase) -> None:
    assert search_index(kb).search("zzzz qqqq") == []
    assert search_index(kb).search("   ") == []


def test_scores_descend(kb: KnowledgeBase) -> None:
    scores = [s for _, s in search_index(kb).search("soviet treaty", limit=None)]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 2
