"""Names of instruments, meetings and bodies: found in prose and compared with an account."""

from __future__ import annotations

import pytest

from tumen.check.instruments import name_clashes, names_in


@pytest.mark.parametrize(("text", "kind", "core"), [
    ("It was signed as the Treaty of Aigun in 1858.", "instrument", {"aigun"}),
    ("At the Tehran conference they met.", "meeting", {"tehran"}),
    ("The panel helped the 1540 Committee.", "committee", {"1540"}),
    ("In Resolution 84 the Council acted.", "resolution", {"84"}),
    ("They defended the 1987 INF Treaty.", "instrument", {"inf"}),
    ("The Komura–Waeber memorandum was agreed.", "instrument", {"komura", "waeber"}),
])
def test_names_and_their_cores(text: str, kind: str, core: set[str]) -> None:
    assert any(n.kind == kind and n.core == core for n in names_in(text))


@pytest.mark.parametrize("text", [
    "Because the 1884 treaty had done little, rules followed.",  # a year names no instrument
    "Under the protocol they signed, Japan kept its lines.",  # no proper name
    "Two months after the Vostochny summit, a delegation went.",  # a time, not the subject
    "The Soviet Joint Commission met.",  # generic words only
])
def test_what_is_no_name(text: str) -> None:
    assert names_in(text) == []


def test_a_name_the_account_lacks_clashes_when_it_names_one_of_that_kind() -> None:
    account = "Witte and Komura sign the Treaty of Portsmouth, ending the war."
    (clash,) = name_clashes("Under the Treaty of Shimonoseki Russia ceded Sakhalin.", account)
    assert "Treaty of Shimonoseki" in clash and "Treaty of Portsmouth" in clash
    assert name_clashes("Under the Treaty of Portsmouth Russia ceded Sakhalin.", account) == []
    # an account that names no treaty at all is not contradicted by one
    assert name_clashes("Under the Treaty of Shimonoseki Russia ceded Sakhalin.",
                        "Witte and Komura end the war.") == []


def test_named_places_of_a_kind_clash_like_names() -> None:
    account = "The king moves from the legation to the nearby Gyeongun Palace."
    (clash,) = name_clashes("Gojong left the legation and moved into Changdeok Palace.",
                            account)
    assert "Changdeok Palace" in clash and "Gyeongun Palace" in clash
    (clash,) = name_clashes("Kim toured the Sayano-Shushenskaya hydroelectric plant.",
                            "Kim tours the Bureya hydroelectric plant in Amur region.")
    assert "Bureya" in clash


def test_third_countries() -> None:
    from tumen import load_kb
    from tumen.check.linking import third_countries

    kb = load_kb()
    assert third_countries(kb, "From Moscow he went on to Kazakhstan and Belarus.") == \
        {"Kazakhstan", "Belarus"}
    # the knowledge base's own actors are not third countries
    assert third_countries(kb, "Russia, China and Japan met.") == set()
