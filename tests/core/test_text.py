"""The shared text module: what the search index, the checker and the article composer agree a
word, a month, a sentence, a citation and a family name are."""

from __future__ import annotations

import pytest

from tumen.core.text import (
    MAX_SENTENCE,
    MONTH_NAMES,
    MONTH_PATTERN,
    MONTHS,
    citation_keys,
    family_name,
    split_sentences,
    stop_words,
    tokenize,
)


def test_tokens_fold_case_accents_and_stem() -> None:
    assert tokenize("Treaties of Uryū") == tokenize("treaty OF uryu")
    assert tokenize("Договоры") == tokenize("договор")
    assert tokenize("김일성의") == ["김일", "일성", "성의"]
    assert tokenize("Russia's") == tokenize("Russias")


def test_stop_words_are_terms() -> None:
    assert set(tokenize("the during years")) <= stop_words()
    assert not set(tokenize("treaty legation")) & stop_words()


def test_one_month_table() -> None:
    assert MONTH_NAMES[0] == "January" and len(MONTH_NAMES) == 12
    assert MONTHS["sept"] == MONTHS["september"] == MONTHS["sep"] == 9
    import re
    m = re.search(rf"\b{MONTH_PATTERN}\s+(\d{{4}})", "signed in Sept. 1896", re.I)
    assert m is not None and MONTHS[m.group(1).lower()] == 9


@pytest.mark.parametrize(("text", "expected"), [
    ("A treaty was signed in 1884. A legation opened in 1885.",
     ["A treaty was signed in 1884.", "A legation opened in 1885."]),
    # an abbreviation or an initial does not end a sentence
    ("Resolution No. 1428-326ss moved them. It was secret.",
     ["Resolution No. 1428-326ss moved them.", "It was secret."]),
    ("At 5 p.m. Moscow time Molotov read the note. Sato left.",
     ["At 5 p.m. Moscow time Molotov read the note.", "Sato left."]),
    ("G. A. Planson arrived in 1906. He stayed.", ["G. A. Planson arrived in 1906.", "He stayed."]),
    # a citation marker after the stop stays with its sentence
    ("It opened in 1885. [@legation-1885] Then it grew.",
     ["It opened in 1885. [@legation-1885]", "Then it grew."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_semicolons_end_a_sentence_only_when_asked() -> None:
    text = "He fled to the legation; Waeber hid him. Then he left."
    assert split_sentences(text) == ["He fled to the legation;", "Waeber hid him.",
                                     "Then he left."]
    assert split_sentences(text, semicolons=False) == [
        "He fled to the legation; Waeber hid him.", "Then he left."]


def test_a_sentence_without_end_comes_in_bounded_pieces() -> None:
    text = ", ".join(["the Russian legation opened in 1885"] * 2000)  # 76 kB, no full stop
    pieces = split_sentences(text)
    assert len(pieces) > 50
    assert all(len(p) <= MAX_SENTENCE for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_citation_keys() -> None:
    assert citation_keys("As Ladd prints it [@ladd-1908, p. 4; @frus-1898] and [@x].") == [
        "ladd-1908", "frus-1898", "x"]
    assert citation_keys("mail me at a@b.org") == []


@pytest.mark.parametrize(("name", "family"), [
    ("Mikhail Gorbachev", "Gorbachev"),
    ("Alexandra Kim", "Kim"),
    ("Harry S. Truman", "Truman"),
    ("Gojong", ""),
    ("Nicholas II", ""),
    ("", ""),
])
def test_family_name_of_a_name_written_given_name_first(name: str, family: str) -> None:
    assert family_name(name) == family
