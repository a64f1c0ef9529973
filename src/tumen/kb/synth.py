"""Synthetic knowledge bases in the real format, for benchmarks and scale tests.

`generate_kb(root, n_events)` writes a valid KB whose events are spread over ten eras from
1860 to 2025, linked to a fixed cast of actors, people, places and sources. Deterministic for
a given seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tumen.kb.layout import dump_records
from tumen.kb.schema import EVENT_THEMES, EVENT_TYPES

__all__ = ["generate_kb"]

_WORDS = (
    "treaty", "border", "railway", "delegation", "summit", "aid", "grain", "port", "envoy",
    "bridge", "pipeline", "sanctions", "council", "legation", "visit", "agreement", "coal",
    "timber", "navy", "army", "talks", "loan", "settlers", "ferry", "embassy", "reactor",
    "exercise", "cosmodrome", "workers", "debt",
)
_RU = ("договор", "граница", "железная", "дорога", "делегация", "визит", "помощь", "порт",
       "мост", "посольство")
_KO = ("조약", "국경", "철도", "대표단", "방문", "원조", "항구", "다리", "대사관", "회담")


def generate_kb(root: Path, n_events: int, seed: int = 1) -> Path:
    """Write a valid synthetic KB with `n_events` events to `root`; return `root`."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "events").mkdir(exist_ok=True)
    start, end = date(1860, 1, 1), date(2025, 12, 31)
    span = (end - start).days // 10
    periods = []
    for i in range(10):
        lo = start + timedelta(days=i * span)
        hi = end if i == 9 else start + timedelta(days=(i + 1) * span - 1)
        periods.append({"id": f"era-{i}", "title": f"Era {i}", "date": f"{lo}/{hi}",
                        "intro": f"Era {i} [@src-{i}]."})
    actors = [{"id": f"A{i}", "names": {"en": f"Actor {i}", "ru": f"Актор {i}",
                                        "ko": f"행위자 {i}"},
               "side": ("russia", "korea", "other")[i % 3]} for i in range(30)]
    people = [{"id": f"person-{i}", "names": {"en": f"Person {i} {rng.choice(_WORDS)}",
                                              "ru": f"Персона {i}", "ko": f"인물 {i}"}}
              for i in range(300)]
    places = [{"id": f"place-{i}", "names": {"en": f"Place {i}"},
               "coordinates": [round(rng.uniform(30, 60), 4), round(rng.uniform(30, 140), 4)]}
              for i in range(100)]
    sources = [{"id": f"src-{i}", "title": f"Source {i}", "publisher": "Synthetic Press",
                "url": f"https://example.org/source/{i}", "kind": "news"} for i in range(500)]
    per_era: list[list[dict[str, Any]]] = [[] for _ in periods]
    for n in range(n_events):
        era = rng.randrange(10)
        lo = start + timedelta(days=era * span)
        day = lo + timedelta(days=rng.randrange(span))
        words = rng.sample(_WORDS, 6)
        event: dict[str, Any] = {
            "id": f"event-{n}",
            "date": day.isoformat() if n % 5 or day.replace(day=1) < lo
            else f"{day.year}-{day.month:02d}",
            "title": f"{' '.join(words).capitalize()} {n}",
            "summary": " ".join(rng.choices(_WORDS, k=25)) + ".",
            "type": rng.choice(EVENT_TYPES),
            "themes": rng.sample(EVENT_THEMES, 2),
            "actors": [a["id"] for a in rng.sample(actors, 2)],
            "people": [p["id"] for p in rng.sample(people, 2)],
            "places": [rng.choice(places)["id"]],
            "significance": rng.choice((1, 1, 2, 3)),
            "sources": [s["id"] for s in rng.sample(sources, 2)],
        }
        if n % 7 == 0:
            event["names"] = {"ru": " ".join(rng.sample(_RU, 3)),
                              "ko": " ".join(rng.sample(_KO, 3))}
        per_era[era].append(event)
    files = {"periods": periods, "actors": actors, "people": people, "places": places,
             "sources": sources}
    for name, records in files.items():
        (root / f"{name}.yaml").write_text(dump_records(records), encoding="utf-8")
    for era_def, events in zip(periods, per_era, strict=True):
        events.sort(key=lambda e: e["date"])
        (root / "events" / f"{era_def['id']}.yaml").write_text(dump_records(events),
                                                                 encoding="utf-8")
    return root
