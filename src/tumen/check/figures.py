"""Figures in prose: numbers (in digits or words) with their magnitude and the noun they count,
so "2 million barrels" can be held against "500,000 barrels" and "nine years" against "five".

Years are left to the time expressions; numbers that name something ("resolution 1718",
"General Order No. 1") are labels, compared as names, not as amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tumen.core.text import MONTH_NAMES

__all__ = ["Figure", "figure_clashes", "figures", "labels"]

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12}
# "twenty-one", "ninety nine"
_WORDS.update({f"{tens}{sep}{unit}": _WORDS[tens] + _WORDS[unit]
               for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                            "ninety")
               for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight",
                            "nine")
               for sep in ("-", " ")})
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FRACTIONS = {"half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two-thirds": 200 / 3,
              "two thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0,
              "three-quarters": 75.0, "three quarters": 75.0, "a tenth": 10.0,
              "one tenth": 10.0, "one-tenth": 10.0, "nine-tenths": 90.0, "nine tenths": 90.0,
              "a fifth": 20.0, "one fifth": 20.0, "one-fifth": 20.0}
_NUMBER = re.compile(
    r"(?<![\w.,])(\$|US\$)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + "|"
    + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b"
    r"(?:\s*(thousand|million|billion|trillion))?(?:\s*(per ?cent|%))?"
    r"(?:[\s-]+([a-z][a-z]+))?", re.I)
_LABEL = re.compile(r"(resolution|resolutions|no\.|number|order|article|flight|kal|unit|"
                    r"division|regiment|corps|army|brigade|parallel)\s+$", re.I)
#: "more than 1,000" is a floor, "up to 5,000" a ceiling, "about 40,000" a neighbourhood.
_FLOOR = re.compile(r"((?<!no )(?<!not )more than|over|at least|upwards of|tens of|hundreds of|"
                    r"thousands of)\s+$", re.I)
_CEILING = re.compile(r"(up to|fewer than|less than|no more than|not more than|under|at most)"
                      r"\s+$", re.I)
_AROUND = re.compile(r"(about|around|some|roughly|approximately|close to|an estimated|"
                     r"estimated|nearly|almost|c\.)\s+$", re.I)
_ORDINAL_LABEL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s+(parallel|anniversary|congress|plenum|"
                            r"session)\b", re.I)
#: Words after a number that say it is not an amount of that noun.
_NOT_UNIT = {"and", "or", "to", "of", "in", "on", "at", "by", "for", "the", "a", "per", "from",
             "with", "as", "that", "which", "than"}


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str  # the counted noun, singular ("barrel", "year"); "" when none follows
    approx: str  # "", "floor", "ceiling" or "around"
    text: str


_MONTHS = {m.casefold() for m in MONTH_NAMES}
_MONTHS_SET = _MONTHS


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _is_year(raw: str, scale: str | None, before: str) -> bool:
    return (len(raw) == 4 and raw.isdigit() and 1600 <= int(raw) <= 2100 and not scale
            and not _LABEL.search(before))


# Words between a number and the noun it counts: "thirty Russian instructors", "thirteen more
# instructors", "ten Council members".
_MODIFIER = re.compile(r"(?:more|further|additional|extra|other|new|former|russian|soviet|"
                       r"korean|north|south|japanese|chinese|american|british|foreign|[A-Z][a-z]*[a-rt-z])$")
# Lengths of time, in hours, so "two weeks" can be held against "72 hours".
_HOURS = {"hour": 1, "day": 24, "week": 168, "month": 730, "year": 8760, "decade": 87600,
          "century": 876000}
# "half a century", "an hour": a length of time without digits.
_SPAN = re.compile(r"\b(half an?|an?|one)\s+(hour|day|week|month|year|decade|century)\b", re.I)


def _counted(text: str, start: int, noun: str) -> tuple[str | None, int]:
    """The noun a number counts, and where it ends: the word after the number, past
    modifiers ("Russian", "more")."""
    if not _MODIFIER.fullmatch(noun) or noun.casefold() in _MONTHS_SET:
        return noun, start + len(noun)
    for m in re.finditer(r"[A-Za-z][\w-]*", text[start:start + 60]):
        w = m.group(0)
        if not _MODIFIER.fullmatch(w) or w.casefold() in _MONTHS_SET:
            return (w, start + m.end()) if w[:1].islower() else (None, start)
        if m.start() > 40:
            break
    return None, start


def figures(text: str) -> list[Figure]:
    """Every amount in `text` (years and labels left out)."""
    return list(_figures(text))


@lru_cache(maxsize=8192)
def _figures(text: str) -> tuple[Figure, ...]:
    out = []
    for m in _NUMBER.finditer(text):
        money, raw, scale, percent, noun = m.groups()
        end = m.end()
        if noun:
            noun, end = _counted(text, m.start(5), noun)
            end = max(end, m.start(5))
        if raw.casefold() == "half" and re.match(r"\s+an?\s+(hour|day|week|month|year|decade|"
                                                 r"century)\b", text[m.end(2):], re.I):
            continue  # "half a century": a length of time, below
        before = text[max(0, m.start() - 16):m.start()]
        if _is_year(raw, scale, before) or _LABEL.search(before):
            continue
        key = raw.lower()
        if key in _FRACTIONS:
            value, percent = _FRACTIONS[key], "%"
        elif key in _WORDS:
            if not scale and (not noun or noun.lower() in _NOT_UNIT):
                continue  # "one of the", "the two met": a word number needs its noun
            value = float(_WORDS[key])
        else:
            value = float(raw.replace(",", ""))
        if scale:
            value *= _SCALE[scale.lower()]
        if percent:
            unit = "percent"
        elif money:
            unit = "dollar"
        else:
            unit = _singular(noun) if noun and noun.lower() not in _NOT_UNIT else ""
        approx = ("floor" if _FLOOR.search(before) else "ceiling" if _CEILING.search(before)
                  else "around" if _AROUND.search(before) else "")
        if noun and noun.casefold() in _MONTHS:
            continue  # "3 November": a day of a date
        shown = text[m.start():end] if unit not in ("", "percent", "dollar") or not noun \
            else text[m.start():m.start(5)]
        out.append(Figure(value, unit, approx, shown.strip(" -")))
    for m in _SPAN.finditer(text):
        lead, unit = m.group(1).casefold(), m.group(2).casefold()
        if lead.startswith("half"):  # "half a century": fifty years
            value, unit = _HOURS[unit] / 2 / _HOURS["year"], "year"
            if value < 1:
                continue
        elif unit in ("hour", "century", "decade"):
            value = 1.0
        else:
            continue  # "a year later", "one day": no amount
        before = text[max(0, m.start() - 16):m.start()]
        approx = "around" if _AROUND.search(before) else ""
        out.append(Figure(value, unit, approx, m.group(0)))
    return tuple(out)


def labels(text: str) -> dict[str, str]:
    """Numbers that name things: {"resolution": "1718", "order": "1"}."""
    out = {}
    for m in re.finditer(r"\b(resolution|order no\.|flight|kal)\s+(\d+)\b", text, re.I):
        out[m.group(1).lower().split()[0]] = m.group(2)
    for m in _ORDINAL_LABEL.finditer(text):
        out[m.group(2).lower()] = m.group(1)
    return out


def _agrees(claimed: Figure, stated: Figure) -> bool:
    """Whether the claim's figure is consistent with the KB's (tolerances: a quarter either way
    for rough amounts, five points for rough percentages)."""
    if claimed.value == stated.value:
        return True
    low, high = claimed.value, stated.value
    if claimed.approx in ("floor", "ceiling") and not stated.approx:
        return (stated.value >= claimed.value) == (claimed.approx == "floor")
    if claimed.approx or stated.approx:  # two rough figures, or bounds: close to each other
        if claimed.unit == "percent":
            return abs(low - high) <= 5
        return min(low, high) >= 0.75 * max(low, high)
    return False


def _in_hours(f: Figure) -> Figure:
    """A length of time in hours, so "two weeks" can be held against "72 hours"."""
    if f.unit in _HOURS:
        return Figure(f.value * _HOURS[f.unit], "hour", f.approx, f.text)
    return f


def figure_clashes(claim: str, kb_text: str) -> list[str]:
    """The claim's figures that the KB's text states otherwise: an amount of the same thing
    with another value, or a label ("resolution 1695") where the KB has another."""
    said = [_in_hours(f) for f in figures(kb_text)]
    out = []
    for f in map(_in_hours, figures(claim)):
        same = [s for s in said if f.unit and s.unit == f.unit]
        if same and not any(_agrees(f, s) for s in same):
            out.append(f"the claim says {f.text}; the KB says "
                       f"{', '.join(s.text for s in same)}")
    kb_labels = labels(kb_text)
    for kind, number in labels(claim).items():
        if kind in kb_labels and kb_labels[kind] != number:
            out.append(f"the claim says {kind} {number}; the KB says {kind} {kb_labels[kind]}")
    return out
