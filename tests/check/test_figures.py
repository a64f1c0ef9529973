"""Figures: amounts with their counted noun, compared with tolerance for rough ones."""

from __future__ import annotations

import pytest

from tumen.check.figures import figure_clashes, figures, labels


@pytest.mark.parametrize(("text", "value", "unit", "approx"), [
    ("2 million barrels a year", 2_000_000, "barrel", ""),
    ("about 70,000 Koreans", 70_000, "korean", "around"),
    ("was to run for twenty years", 20, "year", ""),
    ("a ten-year agreement", 10, "year", ""),
    ("some $8 billion in loans", 8e9, "dollar", "around"),
    ("roughly three-quarters of the debt", 75, "percent", "around"),
    ("90 per cent of the debt", 90, "percent", ""),
    ("more than 10,000 troops", 10_000, "troop", "floor"),
    ("up to 5,000 workers", 5_000, "worker", "ceiling"),
])
def test_amounts_are_read_with_their_noun(text: str, value: float, unit: str,
                                          approx: str) -> None:
    [f] = figures(text)
    assert (f.value, f.unit, f.approx) == (value, unit, approx)


@pytest.mark.parametrize("text", ["signed in 1961", "resolution 1718", "one of the founders",
                                  "General Order No. 1"])
def test_years_labels_and_idioms_are_not_amounts(text: str) -> None:
    assert figures(text) == []


def test_labels_name_things() -> None:
    assert labels("resolution 1718 and the 38th parallel") == {"resolution": "1718",
                                                               "parallel": "38"}


@pytest.mark.parametrize(("claim", "kb", "clash"), [
    ("capped imports at 2 million barrels", "cuts supplies to 500,000 barrels a year", True),
    ("the first visit in nine years", "the first visit in five years", True),
    ("about 70,000 Koreans were deported", "171,781 Koreans deported", True),
    ("about 170,000 Koreans were deported", "171,781 Koreans deported", False),
    ("more than 100,000 Koreans were deported", "171,781 Koreans deported", False),
    ("roughly three-quarters of the debt", "writes off 90 per cent of the debt", True),
    ("nearly 90% of the debt", "writes off 90 per cent of the debt", False),
    ("Security Council resolution 1695", "Security Council resolution 1718", True),
    ("north of the 38th parallel", "north of the 39th parallel", True),
    ("sent 5,000 troops", "a ten-year agreement", False),  # nothing of the same kind to compare
])
def test_clashes_need_the_same_kind_of_figure(claim: str, kb: str, clash: bool) -> None:
    assert bool(figure_clashes(claim, kb)) is clash


@pytest.mark.parametrize(("claim", "kb", "clash"), [
    ("guarded by up to 2,000 gendarmes", "to be replaced by at most 200 gendarmes", True),
    ("guarded by up to 250 gendarmes", "to be replaced by no more than 200 gendarmes", False),
    ("about 70,000 Koreans", "171,781 Koreans, 76,525 to Uzbekistan", True),
])
def test_bounds_and_units_are_compared_with_their_own_kind(claim: str, kb: str,
                                                           clash: bool) -> None:
    assert bool(figure_clashes(claim, kb)) is clash


def test_days_of_dates_are_not_amounts() -> None:
    assert figures("a last group leaves on 3 November") == []


@pytest.mark.parametrize(("claim", "kb_text", "clash"), [
    # the noun past its modifiers
    ("a further thirty Russian instructors followed", "Thirteen more instructors follow", True),
    ("only ten Council members voted for it", "13 members voted in favour", True),
    ("thirteen more Russian instructors followed", "Thirteen more instructors follow", False),
    # lengths of time in any unit
    ("Seoul gave him two weeks to leave", "Seoul gave him 72 hours to leave", True),
    ("Seoul gave him three days to leave", "Seoul gave him 72 hours to leave", False),
    ("the right to log for half a century", "a twenty-year right to cut timber", True),
    ("they talked for some five hours", "they talked for about an hour", True),
    # fractions
    ("imports fell to roughly half of the average", "only about a tenth of the average", True),
    ("imports fell to a tenth of the average", "only about a tenth of the average", False),
])
def test_modifiers_lengths_of_time_and_fractions(claim: str, kb_text: str,
                                                 clash: bool) -> None:
    assert bool(figure_clashes(claim, kb_text)) is clash
