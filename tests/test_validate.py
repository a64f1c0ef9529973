"""One broken fixture per check: each asserts the problem's code and its path:line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tumen import load_kb, validate_kb
from tumen.kb.problems import CODES, Problem

MakeKB = Callable[..., Path]


def line_of(root: Path, rel: str, needle: str) -> int:
    for i, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {rel}")


def problems_of(root: Path, **kw: Any) -> list[Problem]:
    return validate_kb(root, today=kw.get("today", date(2026, 11, 25)))


def codes(problems: list[Problem]) -> list[tuple[str, str, int]]:
    return [(p.code, p.path, p.line) for p in problems]


def test_mini_kb_is_valid(mini_path: Path) -> None:
    assert problems_of(mini_path) == []


def test_missing_directory(tmp_path: Path) -> None:
    from tumen import KBNotFound

    with pytest.raises(KBNotFound, match="does not exist"):
        validate_kb(tmp_path / "nope")


def test_missing_required_file(mini_path: Path) -> None:
    (mini_path / "sources.yaml").unlink()
    found = problems_of(mini_path)
    assert ("kb-missing", "sources.yaml", 0) in codes(found)


def test_yaml_syntax(mini_path: Path) -> None:
    path = mini_path / "events" / "soviet.yaml"
    path.write_text(path.read_text() + "- id: broken\n  title: [unclosed\n", encoding="utf-8")
    found = [p for p in problems_of(mini_path) if p.code == "yaml-syntax"]
    assert len(found) == 1
    assert found[0].path == "events/soviet.yaml"
    assert found[0].line >= line_of(mini_path, "events/soviet.yaml", "id: broken")


def test_not_utf8(mini_path: Path) -> None:
    (mini_path / "people.yaml").write_bytes(b"- id: x\n  names: {en: \xff\xfe}\n")
    found = [p for p in problems_of(mini_path) if p.code == "yaml-syntax"]
    assert codes(found) == [("yaml-syntax", "people.yaml", 2)]
    assert "UTF-8" in found[0].message


def test_file_not_a_list(mini_path: Path) -> None:
    (mini_path / "places.yaml").write_text("id: moscow\n", encoding="utf-8")
    found = problems_of(mini_path)
    assert ("bad-shape", "places.yaml", 1) in codes(found)


def test_unknown_field(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].update(colour="red"))
    found = problems_of(root)
    assert codes(found) == [("unknown-field", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "colour:"))]


def test_missing_field(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].pop("summary"))
    found = problems_of(root)
    assert codes(found) == [("missing-field", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "id: treaty-1961"))]
    assert "'summary'" in found[0].message


def test_duplicate_key(mini_path: Path) -> None:
    path = mini_path / "sources.yaml"
    path.write_text(path.read_text().replace("  kind: primary\n", "  kind: primary\n  kind: "
                                             "news\n", 1), encoding="utf-8")
    found = problems_of(mini_path)
    assert ("duplicate-key", "sources.yaml", line_of(mini_path, "sources.yaml", "kind: news")) \
        in codes(found)


def test_bad_type(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].update(actors="USSR PRK", themes=3))
    found = problems_of(root)
    assert ("bad-type", "events/soviet.yaml", line_of(root, "events/soviet.yaml", "themes:")) \
        in codes(found)


def test_bad_enum_value(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].update(type="party"))
    found = problems_of(root)
    assert codes(found) == [("bad-value", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "type: party"))]
    assert "treaty" in found[0].message  # lists the allowed values


def test_bad_significance(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].update(significance=5))
    assert [p.code for p in problems_of(root)] == ["bad-value"]


@pytest.mark.parametrize("bad", ["Treaty_1961", "treaty 1961", "-treaty"])
def test_malformed_id(make_kb: MakeKB, bad: str) -> None:
    def change(w: dict[str, Any]) -> None:
        w["events"]["soviet"][2]["id"] = bad

    root = make_kb(change)
    assert [p.code for p in problems_of(root)] == ["bad-id"]


def test_duplicate_id_across_files(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["events"]["early"][1]["id"] = "treaty-1961"

    root = make_kb(change)
    found = problems_of(root)
    dup = [p for p in found if p.code == "duplicate-id"]
    assert len(dup) == 1
    assert "already used" in dup[0].message


def test_event_id_clashes_with_source_id(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][2].update(id="book-1990"))
    assert "duplicate-id" in [p.code for p in problems_of(root)]


@pytest.mark.parametrize("bad", ["1961-13-01", "1961-02-30", "July 1961", "1961/", "61"])
def test_bad_edtf(make_kb: MakeKB, bad: str) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].update(date=bad))
    found = problems_of(root)
    assert codes(found) == [("bad-date", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "date: "))]


def test_interval_end_before_start(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][1].update(date="1953-07-27/1950-06-25"))
    found = problems_of(root)
    assert codes(found) == [("interval-order", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "1953-07-27/1950-06-25"))]


@pytest.mark.parametrize("field,value", [
    ("actors", ["USSR", "PRC"]), ("people", ["kim-ilsung"]), ("places", ["pyongyang"]),
    ("sources", ["unts-6046"]), ("related", ["war-1951"]),
])
def test_dangling_reference(make_kb: MakeKB, field: str, value: list[str]) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].update({field: value}))
    found = problems_of(root)
    assert codes(found) == [("unknown-reference", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "id: treaty-1961"))]
    assert found[0].field == field


def test_dangling_source_of_a_person(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["people"][0].update(sources=["unts-6046"]))
    found = problems_of(root)
    assert codes(found) == [("unknown-reference", "people.yaml",
                             line_of(root, "people.yaml", "id: kim-il-sung"))]
    assert found[0].field == "sources"


def test_dangling_reference_suggests(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].update(sources=["unts-6046"]))
    assert "did you mean 'unts-6045'" in problems_of(root)[0].message


def test_unknown_period_file(mini_path: Path) -> None:
    (mini_path / "events" / "medieval.yaml").write_text("[]\n", encoding="utf-8")
    assert codes(problems_of(mini_path)) == [("unknown-period", "events/medieval.yaml", 0)]


def test_dangling_citation_marker(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["periods"][1]["intro"] = "A treaty is signed [@treaty-1962; @unts-6045, p. 3]."

    root = make_kb(change)
    found = problems_of(root)
    assert codes(found) == [("unknown-citation", "periods.yaml",
                             line_of(root, "periods.yaml", "id: soviet"))]
    assert "treaty-1962" in found[0].message and "treaty-1961" in found[0].message


def test_event_outside_its_era(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["events"]["soviet"].append(w["events"]["early"].pop(0))

    root = make_kb(change)
    found = problems_of(root)
    assert codes(found) == [("outside-period", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "id: convention-1860"))]


def test_prk_before_1948(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][1].update(date="1945-08-15"))
    found = problems_of(root)
    assert codes(found) == [("outside-lifetime", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "id: war-1950"))]
    assert "PRK" in found[0].message


def test_ussr_after_1991(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["periods"][1]["date"] = "1945-08-09/.."
        w["events"]["soviet"][2]["date"] = "1991-12-27"

    root = make_kb(change)
    found = problems_of(root)
    assert [(p.code, p.record) for p in found] == [("outside-lifetime", "aid-1950s")]
    assert "USSR" in found[0].message


def test_person_after_death(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["periods"][1]["date"] = "1945-08-09/.."
        w["events"]["soviet"][1]["date"] = "1995-06-25"
        w["events"]["soviet"][1]["actors"] = ["PRK"]

    root = make_kb(change)
    found = problems_of(root)
    assert [(p.code, p.field) for p in found] == [("outside-lifetime", "people")]


def test_source_without_url_or_full_entry(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["sources"][2].pop("date"))
    found = problems_of(root)
    assert codes(found) == [("source-incomplete", "sources.yaml",
                             line_of(root, "sources.yaml", "id: book-1990"))]


def test_source_url_not_http(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["sources"][0].update(url="ftp://example.org/x"))
    assert [p.code for p in problems_of(root)] == ["source-incomplete"]


def test_event_without_source(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][2].update(sources=[]))
    found = problems_of(root)
    assert codes(found) == [("no-source", "events/soviet.yaml",
                             line_of(root, "events/soviet.yaml", "sources: []"))]


def test_near_duplicate_events(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        twin = {**w["events"]["soviet"][0], "id": "treaty-1961-copy",
                "title": "Soviet-North Korean treaty of friendship"}
        w["events"]["soviet"].append(twin)

    root = make_kb(change)
    found = problems_of(root)
    assert [(p.code, p.record) for p in found] == [("near-duplicate", "treaty-1961-copy")]


def test_future_date_uses_injected_today(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["periods"][1]["date"] = "1945-08-09/.."
        w["events"]["soviet"][2].update(date="2030-01-01", actors=["PRK"])

    root = make_kb(change)
    assert [p.code for p in problems_of(root)] == ["future-date"]
    assert validate_kb(root, today=date(2031, 1, 1)) == []


def test_self_related(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["events"]["soviet"][0].update(related=["treaty-1961"]))
    assert [p.code for p in problems_of(root)] == ["self-reference"]


def test_bad_coordinates(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["places"][0].update(coordinates=[155.0, 37.6]))
    assert codes(problems_of(root)) == [("bad-value", "places.yaml",
                                         line_of(root, "places.yaml", "coordinates:"))]


def test_names_need_english(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["people"][2].update(names={"ru": "Карл Вебер"}))
    assert [p.code for p in problems_of(root)] == ["missing-field"]


def test_alt_date_bad(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["events"]["soviet"][1]["alt_dates"] = [{"date": "1950-06-3x", "sources": ["nope"]}]

    root = make_kb(change)
    assert sorted(p.code for p in problems_of(root)) == ["bad-date"]


def test_period_order(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["periods"].reverse())
    assert "period-order" in [p.code for p in problems_of(root)]


def test_collects_every_problem_in_one_run(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["events"]["soviet"][0].update(type="party", actors=["XXX"])
        w["sources"][2].pop("date")

    found = problems_of(make_kb(change))
    assert {p.code for p in found} == {"bad-value", "unknown-reference", "source-incomplete"}


def test_every_code_is_documented_and_tested() -> None:
    text = Path(__file__).read_text(encoding="utf-8") + \
        (Path(__file__).parent / "test_sourcing.py").read_text(encoding="utf-8")
    for code in CODES:
        assert f'"{code}"' in text, f"no test asserts problem code {code}"


def test_source_archived_copy_not_http(make_kb: MakeKB) -> None:
    root = make_kb(lambda w: w["sources"][2].update(archived="file:///tmp/scan.pdf"))
    found = problems_of(root)
    assert [(p.code, p.field) for p in found] == [("source-incomplete", "archived")]


def test_source_bibliographic_fields_load(make_kb: MakeKB) -> None:
    from tumen import load_kb

    def change(w: dict[str, Any]) -> None:
        w["sources"][2].update(title_en="A translation", container="A Journal, no. 5",
                               number="Doc. 12", pages="33-35",
                               archived="https://example.org/scan")

    root = make_kb(change)
    assert problems_of(root) == []
    src = load_kb(root).sources["book-1990"]
    assert (src.title_en, src.container, src.number, src.archived) == (
        "A translation", "A Journal, no. 5", "Doc. 12", "https://example.org/scan")
    assert "[A translation]. A Journal, no. 5. Doc. 12" in src.citation()
    assert src.citation().endswith("pp. 33-35")


def test_family_name_must_be_a_word_of_the_english_name(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        person = next(p for p in w["people"] if p["id"] == "kim-il-sung")
        person["family_name"] = "Park"
    found = problems_of(make_kb(change))
    assert [(p.code, p.path, p.record, p.field) for p in found] == [
        ("bad-value", "people.yaml", "kim-il-sung", "family_name")]
    assert "'Park' is not a word of the English name 'Kim Il Sung'" in found[0].message


def test_family_name_gives_the_surname(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        person = next(p for p in w["people"] if p["id"] == "kim-il-sung")
        person["family_name"] = "Kim"
    kb = load_kb(make_kb(change))
    assert kb.people["kim-il-sung"].surname == "Kim"
    assert kb.people["nikita-khrushchev"].surname == "Khrushchev"
