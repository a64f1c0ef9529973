"""Small knowledge bases built for each test: a valid mini world, and ways to break it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

MINI: dict[str, Any] = {
    "periods": [
        {"id": "early", "title": "Early years", "date": "1860/1904-02-07",
         "intro": "Russia reaches the Tumen [@convention-1860] and opens a legation "
                  "[@legation-1885; @frus-1885]."},
        {"id": "soviet", "title": "Soviet years", "date": "1945-08-09/1991-12-25",
         "intro": "The USSR and the DPRK sign a treaty [@treaty-1961]."},
    ],
    "actors": [
        {"id": "RUS-EMPIRE", "names": {"en": "Russian Empire", "ru": "Российская империя",
                                       "ko": "러시아 제국"},
         "aliases": ["Tsarist Russia"], "date": "1721/1917-09-14", "side": "russia"},
        {"id": "USSR", "names": {"en": "Soviet Union", "ru": "Советский Союз", "ko": "소련"},
         "aliases": ["USSR"], "date": "1922-12-30/1991-12-26", "side": "russia"},
        {"id": "JOSEON", "names": {"en": "Joseon", "ru": "Чосон", "ko": "조선"},
         "date": "1392/1897-10", "side": "korea"},
        {"id": "PRK", "names": {"en": "North Korea", "ru": "КНДР", "ko": "조선민주주의인민공화국"},
         "aliases": ["DPRK", "북한"], "date": "1948-09-09/..", "side": "korea"},
        {"id": "QING", "names": {"en": "Qing China"}, "date": "1636/1912-02-12",
         "side": "other"},
    ],
    "people": [
        {"id": "kim-il-sung", "names": {"en": "Kim Il Sung", "ru": "Ким Ир Сен", "ko": "김일성"},
         "aliases": ["Kim Il-sung"], "born": "1912-04-15", "died": "1994-07-08"},
        {"id": "nikita-khrushchev", "names": {"en": "Nikita Khrushchev",
                                              "ru": "Никита Хрущёв", "ko": "니키타 흐루쇼프"}},
        {"id": "karl-waeber", "names": {"en": "Karl Waeber", "ru": "Карл Вебер"}},
    ],
    "places": [
        {"id": "moscow", "names": {"en": "Moscow", "ru": "Москва", "ko": "모스크바"},
         "coordinates": [55.7558, 37.6173], "kind": "city"},
        {"id": "seoul", "names": {"en": "Seoul", "ru": "Сеул", "ko": "서울"},
         "coordinates": [37.5665, 126.978], "kind": "city"},
    ],
    "sources": [
        {"id": "frus-1885", "title": "Mr. Foulk to Mr. Bayard", "publisher": "Office of the "
         "Historian", "url": "https://history.state.gov/historicaldocuments/frus1885/d251",
         "kind": "primary"},
        {"id": "unts-6045", "title": "Treaty of Friendship, Cooperation and Mutual Assistance",
         "publisher": "United Nations Treaty Series", "date": "1962",
         "url": "https://treaties.un.org/", "kind": "primary"},
        {"id": "book-1990", "title": "A history", "author": "A. Historian",
         "publisher": "Press", "date": "1990", "kind": "scholarly"},
    ],
    "events": {
        "early": [
            {"id": "convention-1860", "date": "1860-11-14", "title": "Convention of Peking",
             "summary": "Russia gains the Ussuri region and a short border with Korea.",
             "type": "treaty", "themes": ["border", "diplomacy"],
             "actors": ["RUS-EMPIRE", "QING"], "significance": 3,
             "sources": ["book-1990", "frus-1885"]},
            {"id": "legation-1885", "date": "1885-10", "title": "Russian legation opens in Seoul",
             "summary": "Karl Waeber arrives and opens the legation.", "type": "diplomatic",
             "themes": ["diplomacy"], "actors": ["RUS-EMPIRE", "JOSEON"],
             "people": ["karl-waeber"], "places": ["seoul"], "significance": 2,
             "sources": ["frus-1885"], "names": {"ru": "Русская миссия в Сеуле"}},
        ],
        "soviet": [
            {"id": "treaty-1961", "date": "1961-07-06",
             "title": "Soviet–North Korean Treaty of Friendship",
             "summary": "Khrushchev and Kim Il Sung sign a mutual assistance treaty in Moscow.",
             "type": "treaty", "themes": ["diplomacy", "military"], "actors": ["USSR", "PRK"],
             "people": ["kim-il-sung", "nikita-khrushchev"], "places": ["moscow"],
             "significance": 3, "sources": ["unts-6045", "book-1990"],
             "related": ["war-1950"],
             "names": {"ru": "Договор о дружбе", "ko": "조소 우호 협조 및 호상 원조 조약"}},
            {"id": "war-1950", "date": "1950-06-25/1953-07-27", "title": "The Korean War",
             "summary": "North Korea invades the South with Soviet approval.",
             "type": "war", "themes": ["military"], "actors": ["PRK", "USSR"],
             "people": ["kim-il-sung"], "significance": 3,
             "sources": ["book-1990", "unts-6045"],
             "alt_dates": [{"date": "1950-06-24/1953-07-27", "sources": ["book-1990"],
                            "note": "local time difference"}]},
            {"id": "aid-1950s", "date": "195X", "title": "Soviet reconstruction aid",
             "summary": "Soviet grants rebuild North Korean industry.", "type": "aid",
             "themes": ["economy"], "actors": ["USSR", "PRK"], "significance": 1,
             "sources": ["book-1990"]},
        ],
    },
}


def mini_kb() -> dict[str, Any]:
    """A fresh deep copy of the valid mini world, for a test to change."""
    return copy.deepcopy(MINI)


def write_kb(root: Path, world: dict[str, Any]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for kind in ("periods", "actors", "people", "places", "sources", "spans", "domains"):
        if kind in world:
            (root / f"{kind}.yaml").write_text(
                yaml.safe_dump(world[kind], allow_unicode=True, sort_keys=False),
                encoding="utf-8")
    events = root / "events"
    events.mkdir(exist_ok=True)
    for period, items in world.get("events", {}).items():
        (events / f"{period}.yaml").write_text(
            yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def make_kb(tmp_path: Path) -> Callable[..., Path]:
    """make_kb(change=None) writes the mini world (after `change(world)`) and returns its dir."""
    counter = iter(range(1000))

    def make(change: Callable[[dict[str, Any]], Any] | None = None) -> Path:
        world = mini_kb()
        if change is not None:
            change(world)
        return write_kb(tmp_path / f"kb{next(counter)}", world)

    return make


@pytest.fixture
def mini_path(make_kb: Callable[..., Path]) -> Path:
    return make_kb()
