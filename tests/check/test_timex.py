"""Time expressions, expression by expression, including those anchored on the KB."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tumen import load_kb
from tumen.check.timex import extract_times, strip_times
from tumen.kb.knowledge_base import KnowledgeBase

TODAY = date(2026, 11, 25)
GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "claims" / "timex.tsv"
CASES = [tuple(line.split("\t")) for line in GOLD.read_text("utf-8").splitlines()
         if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.mark.parametrize("text,start,end", CASES)
def test_gold_expressions(kb: KnowledgeBase, text: str, start: str, end: str) -> None:
    found = extract_times(text, kb, TODAY)
    assert [(t.start.isoformat(), t.end.isoformat()) for t in found] == [(start, end)]


@pytest.mark.parametrize("text", ["Resolution 1718 was adopted.", "He said nothing.",
                                  "The meeting ended at 19:50.", "No. 2094 followed."])
def test_things_that_are_not_dates(kb: KnowledgeBase, text: str) -> None:
    assert extract_times(text, kb, TODAY) == []


def test_person_anchor_uses_their_tenure(kb: KnowledgeBase) -> None:
    (t,) = extract_times("Under Khrushchev, Moscow signed a treaty.", kb, TODAY)
    assert t.kind == "anchor" and (t.start.year, t.end.year) == (1953, 1964)


def test_person_anchor_falls_back_to_their_events(mini_path) -> None:  # type: ignore[no-untyped-def]
    from tumen import load_kb

    (t,) = extract_times("Under Khrushchev, a treaty was signed.", load_kb(mini_path), TODAY)
    assert (t.start, t.end) == (date(1961, 7, 6), date(1961, 7, 6))


def test_several_expressions_in_order(kb: KnowledgeBase) -> None:
    found = extract_times("Signed in July 1961, it lapsed in 1996.", kb, TODAY)
    assert [t.text for t in found] == ["July 1961", "1996"]


def test_strip_times(kb: KnowledgeBase) -> None:
    text = "The legation opened in Seoul in 1896 after the Korean War."
    assert strip_times(text, extract_times(text, kb, TODAY)) == \
        "The legation opened in Seoul in ."
