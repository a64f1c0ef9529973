"""The fast EDTF parser against the reference `edtf` package, and the human display."""

from __future__ import annotations

import calendar
import time
from datetime import date

import pytest
from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tumen.core.dates import parse_date
from tumen.core.errors import DateError


def _ref_bounds(text: str) -> tuple[date, date]:
    e = parse_edtf(text)
    lo, hi = e.lower_strict(), e.upper_strict()
    return date(lo.tm_year, lo.tm_mon, lo.tm_mday), date(hi.tm_year, hi.tm_mon, hi.tm_mday)


@st.composite
def edtf_single(draw: st.DrawFn) -> str:
    year = draw(st.integers(1000, 2099))
    precision = draw(st.sampled_from(["year", "month", "day", "decade", "century"]))
    if precision == "decade":
        return f"{str(year)[:3]}X"
    if precision == "century":
        return f"{str(year)[:2]}XX"
    parts = [f"{year:04d}"]
    if precision in ("month", "day"):
        month = draw(st.integers(1, 12))
        parts.append(f"{month:02d}")
        if precision == "day":
            parts.append(f"{draw(st.integers(1, calendar.monthrange(year, month)[1])):02d}")
    style = draw(st.sampled_from(["plain", "trailing", "part"]))
    if style == "trailing":
        return "-".join(parts) + draw(st.sampled_from("?~%"))
    if style == "part":
        i = draw(st.integers(0, len(parts) - 1))
        q = draw(st.sampled_from("?~%"))
        parts[i] = q + parts[i] if i else parts[i]
        if i == 0:
            parts[0] = parts[0] + q
    return "-".join(parts)


@settings(max_examples=300, deadline=None)
@given(edtf_single())
def test_single_dates_match_reference(text: str) -> None:
    ours = parse_date(text)
    assert (ours.lower, ours.upper) == _ref_bounds(text)


@settings(max_examples=200, deadline=None)
@given(edtf_single(), edtf_single())
def test_intervals_match_reference(a: str, b: str) -> None:
    first, second = sorted([a, b], key=lambda t: _ref_bounds(t))
    if _ref_bounds(second)[1] < _ref_bounds(first)[0]:
        return
    text = f"{first}/{second}"
    try:
        reference = _ref_bounds(text)
    except EDTFParseException:
        assume(False)  # a combination the reference grammar does not define
    ours = parse_date(text)
    assert (ours.lower, ours.upper) == reference


def test_fast_parser_is_faster_than_reference() -> None:
    # Not a timing assertion on speed targets: a guard that the fast path is really used.
    texts = [f"19{i % 90 + 10}-0{i % 9 + 1}-1{i % 9}" for i in range(200)]
    t0 = time.perf_counter()
    for t in texts:
        parse_date.__wrapped__(t) if hasattr(parse_date, "__wrapped__") else parse_date(t)
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts[:20]:
        parse_edtf(t)
    ref = (time.perf_counter() - t0) * 10
    assert ours < ref


@pytest.mark.parametrize("text,shown", [
    ("1961-07-06", "6 July 1961"),
    ("1950-06/1953-07", "June 1950 – July 1953"),
    ("1950-06-25/1953-07-27", "25 June 1950 – 27 July 1953"),
    ("1863~", "c. 1863"),
    ("195X", "the 1950s"),
    ("1896?", "1896?"),
    ("1990-09-~30", "c. 30 September 1990"),
    ("2022-02-24/..", "from 24 February 2022"),
    ("../1900", "until 1900"),
    ("1896-02", "February 1896"),
])
def test_display(text: str, shown: str) -> None:
    assert parse_date(text).display() == shown


def test_qualifiers_are_kept() -> None:
    d = parse_date("1863?")
    assert d.uncertain and not d.approximate and d.precision == "year"
    d = parse_date("1990-09-~30")
    assert d.approximate and not d.uncertain and d.precision == "day"
    d = parse_date("%1990")
    assert d.approximate and d.uncertain


def test_open_interval_bounds() -> None:
    d = parse_date("2022-02-24/..")
    assert d.lower == date(2022, 2, 24) and d.upper is None
    assert d.overlaps(date(2030, 1, 1), None)


def test_bare_year_as_int() -> None:
    assert parse_date(1863).lower == date(1863, 1, 1)


def test_reference_fallback_for_other_forms() -> None:
    d = parse_date("[1667,1668]")
    assert (d.lower, d.upper) == (date(1667, 1, 1), date(1668, 12, 31))


@pytest.mark.parametrize("bad,why", [
    ("", "empty"), ("1961/", "'..'"), ("/1961", "'..'"), ("../..", "known end"),
    ("1961-13", "month"), ("1961-02-29", "no day 29"), ("1961-07-06/1960", "ends before"),
    ("sometime", "EDTF"), ("1961/1962/1963", "one '/'"),
])
def test_bad_dates_say_why(bad: str, why: str) -> None:
    with pytest.raises(DateError, match=why):
        parse_date(bad)


@pytest.mark.parametrize("bad", [None, 1.5, True, ["1961"]])
def test_bad_types(bad: object) -> None:
    with pytest.raises(DateError, match="expected an EDTF date"):
        parse_date(bad)
