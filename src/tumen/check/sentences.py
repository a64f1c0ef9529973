"""The checkable claims in a text: its sentences (tumen.core.text), split further where
conjoined clauses carry dates of their own."""

from __future__ import annotations

import re

from tumen.core.text import split_sentences

__all__ = ["background", "claims_in", "split_claims"]

_CONJUNCTION = re.compile(r";\s+|,?\s+and\s+(?=(?:in|on|by|during|after|before|later|then|"
                          r"from|since)\b[^,;]*\b(?:1[6-9]\d\d|20\d\d)\b)")


# ", and the Korean king later took refuge there": a second main clause with its own subject.
_AND_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?=(?:the|a|an|its|his|her|their|[A-Z][\w’'-]+)\s)")
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


def split_claims(text: str) -> list[str]:
    """Sentences, with conjoined clauses split where each carries its own date, or where a
    dated clause is followed by another main clause (", and the king later fled there"): a
    wrong date in the first is then not hidden by an event that fits the whole."""
    return [claim for claim, _ in claims_in(text)]


def claims_in(text: str) -> list[tuple[str, str]]:
    """Each claim of `text`, with the text to judge it by: the claim itself, or for a clause
    split off after a dated one, the clause with the sentence's dates before it ("1896, the
    Korean king later took refuge there"), so it keeps its time."""
    claims: list[tuple[str, str]] = []
    for sentence in split_sentences(text):
        parts = [p.strip(" ,") for p in _CONJUNCTION.split(sentence) if p and p.strip(" ,")]
        dated = [p for p in parts if _YEAR.search(p)]
        if len(parts) > 1 and len(dated) == len(parts):
            claims.extend((p, p) for p in parts)
            continue
        pieces = _AND_CLAUSE.split(sentence, maxsplit=1)
        if len(pieces) == 2 and _YEAR.search(pieces[0]) and not _YEAR.search(pieces[1]) \
                and len(pieces[0].split()) >= 5 and len(pieces[1].split()) >= 4 \
                and _has_verb(pieces[1]):
            first, second = (p.strip(" ,") for p in pieces)
            years = " ".join(m.group(0) for m in _YEAR.finditer(first))
            claims.extend([(first, first), (second, f"In {years}, {second}")])
        else:
            claims.append((sentence, sentence))
    return claims


def _has_verb(clause: str) -> bool:
    """Whether a clause has a past-tense or present-tense verb of its own (a rough test: a
    word in -ed, a common irregular past, or "is/was/has")."""
    return bool(re.search(r"\b(?:\w{3,}ed|took|made|gave|went|came|fled|sent|met|won|led|"
                          r"held|left|became|began|broke|fell|signed|is|was|were|has|had)\b",
                          clause))


# A relative clause in the past perfect tells what had happened before: "General Hong, whose
# partisans had beaten Japanese troops in 1920, crossed ...", "the airliner that a Soviet
# fighter had shot down in 1983". ("told Roh that Russia had ..." is reported content.)
_BACKGROUND = re.compile(r"(,\s*(?:whose|who|which)|\s+that)\b(?=[^,;.]*\bhad\s+(?:been\s+)?"
                         r"[a-z]+)[^,;]*")
_REPORTING = re.compile(r"\b(said|says|told|tells|declared|announced|reported|claimed|stated|"
                        r"agreed|insisted|warned|noted|argued|believed|confirmed|denied|"
                        r"admitted|revealed|wrote|complained|assured|promised|learned|knew)\b")


def background(claim: str) -> str:
    """The claim with its background clauses blanked out (same length, so positions hold):
    what they say is not what the sentence asserts, so its slots are not compared."""
    def blank(m: re.Match[str]) -> str:
        if m.group(1).strip() == "that":
            words = claim[:m.start()].split()
            # "the airliner that ...": after a common noun, not "told Roh in 1992 that ..."
            if not words or not words[-1].isalpha() or not words[-1].islower() \
                    or _REPORTING.search(claim[max(0, m.start() - 60):m.start()]):
                return m.group(0)
        return " " * len(m.group(0))
    return _RELATIVE_TIME.sub(lambda m: " " * len(m.group(0)), _BACKGROUND.sub(blank, claim))


# "Two days before Japanese destroyers struck at Port Arthur, ...", "A year after his journey to
# Moscow, ...": the clause fixes the time by another event, whose slots are not the claim's.
_RELATIVE_TIME = re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|"
                            r"several|a few|some|within|only)\s+(?:days?|weeks?|months?|years?|"
                            r"decades?)\s+(?:before|after|of)\b[^,;]*(?=[,;])", re.I)
