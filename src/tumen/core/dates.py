"""EDTF dates: a fast parser for the subset tumen's data uses, with the `edtf` package behind it.

The `edtf` package is the reference implementation but takes milliseconds per parse, so the
common forms (levels 0-2 dates with per-part qualifiers, trailing unspecified digits, intervals
with open ends) are parsed here; anything else is handed to `edtf` when it is installed.
`tests/test_dates.py` checks this parser against `edtf` on generated dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from tumen.core.errors import DateError
from tumen.core.text import MONTH_NAMES

__all__ = ["EdtfDate", "parse_date"]


_PART = r"([?~%]?)"
_DATE_RE = re.compile(
    rf"^{_PART}(?P<year>[0-9]{{2}}[0-9X]{{2}}){_PART}"
    rf"(?:-{_PART}(?P<month>[0-9]{{2}}|XX){_PART}"
    rf"(?:-{_PART}(?P<day>[0-9]{{2}}|XX){_PART})?)?$"
)


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A parsed EDTF date or interval, reduced to what tumen needs.

    `lower` and `upper` are the strict day bounds (None for an open end); `precision` is the
    precision of the start (century, decade, year, month, day); `uncertain` and `approximate`
    say whether any part carries `?`, `~` or `%`.
    """

    text: str
    lower: date | None
    upper: date | None
    precision: str
    uncertain: bool
    approximate: bool
    interval: bool = False
    end_precision: str = ""

    @property
    def sort_key(self) -> tuple[date, date]:
        return (self.lower or date.min, self.upper or date.max)

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """True if the date's bounds overlap [start, end] (None is unbounded)."""
        lo, hi = self.sort_key
        return (end is None or lo <= end) and (start is None or hi >= start)

    def display(self) -> str:
        """A human form: '6 July 1961', 'June 1950 – July 1953', 'c. 1863', 'the 1950s'."""
        if self.interval:
            return _display_interval(self.text)
        return _display_single(self.text)

    def __str__(self) -> str:
        return self.text


def parse_date(text: object) -> EdtfDate:
    """Parse an EDTF string (or a bare year as int) into bounds; raise DateError if invalid."""
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise DateError(f"expected an EDTF date string, got {type(text).__name__}")
    return _parse(str(text).strip())


@lru_cache(maxsize=65536)
def _parse(text: str) -> EdtfDate:
    if not text:
        raise DateError("empty date")
    if "/" in text:
        return _parse_interval(text)
    single = _parse_single(text)
    if single is None:
        return _parse_fallback(text)
    return single


def _parse_interval(text: str) -> EdtfDate:
    start_text, _sep, end_text = text.partition("/")
    if "/" in end_text:
        raise DateError(f"'{text}': an interval has exactly one '/'")
    if not start_text or not end_text:
        raise DateError(f"'{text}': an open end is written '..', not left empty")
    if start_text == ".." and end_text == "..":
        raise DateError(f"'{text}': an interval needs at least one known end")
    start = None if start_text == ".." else _parse_single(start_text)
    end = None if end_text == ".." else _parse_single(end_text)
    if (start is None and start_text != "..") or (end is None and end_text != ".."):
        return _parse_fallback(text)
    lower = start.lower if start else None
    upper = end.upper if end else None
    if start and end and end.upper is not None and start.lower is not None \
            and end.upper < start.lower:
        raise DateError(f"'{text}': the interval ends before it starts")
    return EdtfDate(
        text=text,
        lower=lower,
        upper=upper,
        precision=start.precision if start else "open",
        uncertain=any(p.uncertain for p in (start, end) if p),
        approximate=any(p.approximate for p in (start, end) if p),
        interval=True,
        end_precision=end.precision if end else "open",
    )


def _parse_single(text: str) -> EdtfDate | None:
    """Parse a single date of the fast subset; None if the text is outside the subset."""
    m = _DATE_RE.match(text)
    if m is None:
        return None
    year_s, month_s, day_s = m.group("year"), m.group("month"), m.group("day")
    quals = "".join(g for g in m.groups() if g in ("?", "~", "%"))
    # A qualifier between parts must attach to the part on its left or right, never both sides
    # of the text at once in ways EDTF forbids; the regex admits what the `edtf` grammar admits
    # except for unspecified digits mixed with a qualifier on the same part.
    n_x = year_s.count("X")
    if n_x and (year_s.rstrip("X") + "X" * n_x != year_s or month_s is not None):
        return None
    if month_s == "XX" and day_s not in (None, "XX"):
        return None
    if n_x and quals:
        return None
    if (month_s == "XX" or day_s == "XX") and quals:
        return None
    if n_x:
        base = int(year_s.replace("X", "0"))
        span = 10**n_x
        if n_x > 2:
            return None
        lower, upper = date(max(base, 1), 1, 1), date(base + span - 1, 12, 31)
        precision = "decade" if n_x == 1 else "century"
        return EdtfDate(text, lower, upper, precision, False, False)
    year = int(year_s)
    if year == 0:
        return None
    if month_s is None or month_s == "XX":
        return EdtfDate(text, date(year, 1, 1), date(year, 12, 31), "year",
                        "?" in quals or "%" in quals, "~" in quals or "%" in quals)
    month = int(month_s)
    if not 1 <= month <= 12:
        if 21 <= month <= 41:
            return None  # seasons and quarters: leave to the reference parser
        raise DateError(f"'{text}': month {month_s} is not 01–12")
    last = calendar.monthrange(year, month)[1]
    unc, approx = "?" in quals or "%" in quals, "~" in quals or "%" in quals
    if day_s is None or day_s == "XX":
        return EdtfDate(text, date(year, month, 1), date(year, month, last), "month", unc, approx)
    day = int(day_s)
    if not 1 <= day <= last:
        raise DateError(f"'{text}': {MONTH_NAMES[month - 1]} {year} has no day {day_s}")
    d = date(year, month, day)
    return EdtfDate(text, d, d, "day", unc, approx)


def _parse_fallback(text: str) -> EdtfDate:
    """Hand a form outside the fast subset to the reference `edtf` parser."""
    try:
        from edtf import parse_edtf
        from edtf.parser.edtf_exceptions import EDTFParseException
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise DateError(f"'{text}' is not a date tumen reads (YYYY, YYYY-MM, YYYY-MM-DD, "
                        "with ?, ~, X or an interval)") from exc
    try:
        parsed = parse_edtf(text)
        lo, hi = parsed.lower_strict(), parsed.upper_strict()
    except (EDTFParseException, TypeError, ValueError, OverflowError) as exc:
        raise DateError(f"'{text}' is not valid EDTF") from exc
    try:
        lower = date(lo.tm_year, lo.tm_mon, lo.tm_mday)
        upper = date(hi.tm_year, hi.tm_mon, hi.tm_mday)
    except ValueError as exc:
        raise DateError(f"'{text}' lies outside the years 1–9999") from exc
    return EdtfDate(text, lower, upper, "year", "?" in text or "%" in text,
                    "~" in text or "%" in text, interval="/" in text)


# --- display -------------------------------------------------------------------------------

def _bare(text: str) -> str:
    return text.replace("?", "").replace("~", "").replace("%", "")


def _display_plain(text: str) -> str:
    """Display an unqualified single date of the fast subset."""
    parts = text.split("-")
    year_s = parts[0]
    n_x = year_s.count("X")
    if n_x == 1:
        return f"the {year_s[:3]}0s"
    if n_x == 2:
        return f"the {year_s[:2]}00s"
    year = str(int(year_s))
    if len(parts) == 1 or parts[1] == "XX":
        return year
    month = MONTH_NAMES[int(parts[1]) - 1]
    if len(parts) == 2 or parts[2] == "XX":
        return f"{month} {year}"
    return f"{int(parts[2])} {month} {year}"


def _display_single(text: str) -> str:
    if _DATE_RE.match(text) is None:
        return text
    plain = _display_plain(_bare(text))
    approx = "~" in text or "%" in text
    unc = "?" in text or "%" in text
    return ("c. " if approx else "") + plain + ("?" if unc else "")


def _display_interval(text: str) -> str:
    start, _, end = text.partition("/")
    if start == "..":
        return f"until {_display_single(end)}"
    if end == "..":
        return f"from {_display_single(start)}"
    return f"{_display_single(start)} – {_display_single(end)}"
