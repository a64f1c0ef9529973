"""Text, the one home for what every layer reads prose with: search terms (tokens), stop
words, month names, sentences and family names.

The search index, the claim checker and the article composer all split and fold text here, so
a word means the same thing to each of them.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

__all__ = [
    "ABBREVIATIONS",
    "CITATION_RE",
    "MAX_SENTENCE",
    "MONTHS",
    "MONTH_NAMES",
    "MONTH_PATTERN",
    "citation_keys",
    "family_name",
    "is_hangul",
    "split_sentences",
    "stop_words",
    "strip_accents",
    "tokenize",
]

_WORD_RE = re.compile(r"\w+")
_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`")


def is_hangul(ch: str) -> bool:
    """Whether `ch` is a Hangul syllable or jamo."""
    return "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e"


def strip_accents(text: str) -> str:
    """`text` without its combining marks: "Uryū" is "Uryu"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def _stemmer(language: str) -> Any:
    import snowballstemmer  # loaded with the first word, not with the knowledge base

    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=200_000)
def _terms_of_word(word: str) -> tuple[str, ...]:
    if any(is_hangul(c) for c in word):
        if len(word) < 2:
            return (word,)
        return tuple(word[i : i + 2] for i in range(len(word) - 1))
    folded = strip_accents(word)
    if not folded:
        return ()
    if folded.isascii():
        return (_stemmer("english").stemWord(folded),)
    if any("\u0400" <= c <= "\u04ff" for c in folded):
        return (_stemmer("russian").stemWord(folded),)
    return (folded,)


def tokenize(text: str) -> list[str]:
    """The terms of `text`: case-folded, accents stripped, Latin and Cyrillic words stemmed
    (Snowball), Korean words as character bigrams so that particles ("김일성의") do not hide a
    match."""
    out: list[str] = []
    for word in _WORD_RE.findall(text.casefold().translate(_APOSTROPHES)):
        out.extend(_terms_of_word(word))
    return out


_STOP_TEXT = (
    "the a an of in on at to and or for with by from as that this these those was were is are "
    "be been its it their his her they which who whom during after before under first its "
    "into over between also than then when while had has have not no but only both one two "
    "new year years century decade later early late mid")


@cache
def stop_words() -> frozenset[str]:
    """English function words and the words of time that say nothing about which event a
    sentence is about, as terms (tokenized)."""
    return frozenset(tokenize(_STOP_TEXT))


#: The English month names, January first.
MONTH_NAMES: tuple[str, ...] = tuple(calendar.month_name[1:])
#: A month's number by its lower-case English name or abbreviation ("sept" too).
MONTHS: dict[str, int] = {
    **{m.lower(): i for i, m in enumerate(calendar.month_abbr) if m},
    **{m.lower(): i for i, m in enumerate(calendar.month_name) if m},
    "sept": 9,
}
#: A regular expression (one group) for an English month name or abbreviation, with an
#: optional full stop; compile it with re.I.
MONTH_PATTERN = r"(january|february|march|april|may|june|july|august|september|october|" \
                r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"

#: The longest sentence judged as one, in characters. A longer one (a text with no sentence
#: break, a run-on list) is cut into pieces of at most this length, at the last clause break
#: (",", ";", ":") or else the last space before the limit, so that work on sentences stays
#: linear in the length of the text. Explainer prose rarely passes 600 characters.
MAX_SENTENCE = 1000

_BREAK = re.compile(r"[,;:]\s")
#: A citation marker in Pandoc style: "[@frus-1885; @ladd-1908, p. 4]".
CITATION_RE = re.compile(r"\[(?:[^\[\]]*?)@[^\[\]]*\]")
_KEY_RE = re.compile(r"@([A-Za-z0-9][A-Za-z0-9_-]*[A-Za-z0-9]|[A-Za-z0-9])")


def citation_keys(text: str) -> list[str]:
    """The keys of every citation marker in `text`: '[@a; @b, p. 3]' -> [a, b]."""
    return [key for marker in CITATION_RE.findall(text) for key in _KEY_RE.findall(marker)]


_LEADING_CITATION = re.compile(r"^((?:\[[^\]]*@[^\]]*\][\"”’)]?\s*)+)")


#: Abbreviations that end in a full stop without ending the sentence ("No. 1428-326ss",
#: "c. 1900", "pp. 12-14"), lower case, without the stop.
ABBREVIATIONS = frozenset({
    "c", "ca", "approx", "no", "nos", "mr", "mrs", "dr", "st", "gen", "lt", "col", "vol", "pp",
    "p", "vs", "etc", "jr", "sr", "u.s", "u.n", "e.g", "i.e",
})


def split_sentences(text: str, *, semicolons: bool = True,
                    limit: int = MAX_SENTENCE) -> list[str]:
    """The sentences of `text`, by syntok, which splits historical prose well ("Gen.
    Shtykov", "U.S." do not end a sentence), and with three rules of ours:

    - a full stop after one of ABBREVIATIONS or a lone initial does not end a sentence;
    - a citation marker after the full stop ("... in 1885. [@frus-1885]") stays with the
      sentence it cites;
    - with `semicolons=False` a semicolon does not end a sentence (syntok's rule; the claim
      checker wants the clauses apart, an article keeps them whole).

    A sentence longer than `limit` characters comes in pieces (see MAX_SENTENCE)."""
    import syntok.segmenter as segmenter  # loaded with the first text, not with the KB

    out: list[str] = []
    glue = False  # whether the next piece continues the last sentence
    for paragraph in segmenter.process(text):
        for sentence in paragraph:
            s = "".join(t.spacing + t.value for t in sentence).strip()
            m = _LEADING_CITATION.match(s)
            if m and out:
                out[-1] = f"{out[-1]} {m.group(1).strip()}"
                s = s[m.end():].strip()
            if not s:
                continue
            if glue and out:
                out[-1] = f"{out[-1]} {s}"
            else:
                out.append(s)
            last = out[-1].split()[-1]
            word = last.rstrip(".").casefold()
            glue = (last.endswith(".") and (word in ABBREVIATIONS
                                            or (len(word) == 1 and word.isalpha()))) \
                or (not semicolons and out[-1].endswith(";"))
    return [piece for s in out for piece in _bounded(s, limit)]


def _bounded(sentence: str, limit: int) -> list[str]:
    """`sentence` in pieces of at most `limit` characters (see MAX_SENTENCE)."""
    out: list[str] = []
    start, n = 0, len(sentence)
    while n - start > limit:
        end = start + limit
        cut = -1
        for m in _BREAK.finditer(sentence, start + limit // 2, end):
            cut = m.start() + 1  # the last clause break in the second half of the window
        if cut < 0:
            cut = sentence.rfind(" ", start + limit // 2, end)
        if cut <= start:
            cut = end  # no break at all: cut mid-word
        piece = sentence[start:cut].strip()
        if piece:
            out.append(piece)
        start = cut
    piece = sentence[start:].strip()
    if piece:
        out.append(piece)
    return out


_REGNAL = re.compile(r"^(?:[IVX]+|[IVX]*\d+(?:st|nd|rd|th)?)$")


def family_name(name: str) -> str:
    """The family name in an English name written given name first: its last word
    ("Gorbachev", "Kim" of "Alexandra Kim"); "" for a one-word name ("Gojong") or a regnal
    name ("Nicholas II"). Names written family name first (Korean, Chinese, Japanese: "Lee
    Myung-bak") say so in the data (`family_name` on a person)."""
    words = name.split()
    if len(words) < 2 or _REGNAL.match(words[-1]):
        return ""
    return words[-1]
