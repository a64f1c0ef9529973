"""Synthetic GDELT event files in all three layouts, for tests and benchmarks.

The files look like GDELT's: zipped, tab-separated, no header, codes with leading zeros. They
carry a planted signal (Russia–North Korea events grow more frequent and more cooperative over
the span) and GDELT's real pitfalls: blank actor countries, stray quotes in names, and event
dates years older than the date the row was added.
"""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, timedelta
from pathlib import Path

from tumen.barometer.columns import LAYOUTS

__all__ = ["generate_files"]

_COUNTRIES = ["USA", "CHN", "JPN", "KOR", "RUS", "PRK", "GBR", "FRA", "DEU", "IND", "UKR", ""]
_ROOTS = [f"{i:02d}" for i in range(1, 21)]
_QUAD = {**{r: 1 for r in _ROOTS[0:5]}, **{r: 2 for r in _ROOTS[5:8]},
         **{r: 3 for r in _ROOTS[8:13]}, **{r: 4 for r in _ROOTS[13:20]}}


def _row(rng: random.Random, n: int, day: date, added: date, layout: int,
         signal: float) -> list[str]:
    _, version, columns = LAYOUTS[layout]
    if rng.random() < 0.05 + 0.25 * signal:
        a1, a2 = ("RUS", "PRK") if rng.random() < 0.5 else ("PRK", "RUS")
        coop = rng.random() < 0.35 + 0.5 * signal
        root = rng.choice(_ROOTS[0:8] if coop else _ROOTS[8:20])
    else:
        a1, a2 = rng.choice(_COUNTRIES), rng.choice(_COUNTRIES)
        root = rng.choice(_ROOTS)
    if rng.random() < 0.03:
        a1 = ""  # GDELT leaves the country blank when it cannot tell
    event_day = day if rng.random() > 0.05 else day - timedelta(days=rng.randint(365, 8 * 365))
    quad = _QUAD[root]
    goldstein = round(rng.uniform(0, 10) if quad <= 2 else rng.uniform(-10, 0), 1)
    name1 = "KIM \"JONG" if rng.random() < 0.01 else f"ACTOR {a1 or 'UNKNOWN'}"
    values = {c: "" for c in columns}
    values.update({
        "GLOBALEVENTID": str(n), "SQLDATE": event_day.strftime("%Y%m%d"),
        "MonthYear": event_day.strftime("%Y%m"), "Year": str(event_day.year),
        "FractionDate": f"{event_day.year + (event_day.timetuple().tm_yday - 1) / 365:.4f}",
        "Actor1Code": a1, "Actor1Name": name1, "Actor1CountryCode": a1,
        "Actor2Code": a2, "Actor2Name": f"ACTOR {a2 or 'UNKNOWN'}", "Actor2CountryCode": a2,
        "IsRootEvent": str(int(rng.random() < 0.6)), "EventCode": root + "0",
        "EventBaseCode": root + "0", "EventRootCode": root, "QuadClass": str(quad),
        "GoldsteinScale": str(goldstein), "NumMentions": str(rng.randint(1, 40)),
        "NumSources": str(rng.randint(1, 8)), "NumArticles": str(rng.randint(1, 40)),
        "AvgTone": f"{rng.uniform(-8, 6):.4f}",
        "ActionGeo_CountryCode": rng.choice(["RS", "KN", "KS", "US", "CH"]),
        "DATEADDED": added.strftime("%Y%m%d") + ("000000" if version == 2 else ""),
    })
    if "SOURCEURL" in values:
        values["SOURCEURL"] = f"https://news.example.org/{n}"
    return [values[c] for c in columns]


def generate_files(out: Path, *, layout: int = 61, files: int = 3, rows: int = 1000,
                   start: date = date(2016, 1, 1), end: date = date(2019, 12, 31),
                   seed: int = 1, bad_rows: int = 0) -> list[Path]:
    """Write `files` zipped GDELT files of `rows` rows each, spread from `start` to `end`.

    `bad_rows` malformed lines (a wrong column count, a bad number) are mixed into each file.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {sorted(LAYOUTS)}")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    span = (end - start).days
    paths = []
    n = seed * 10_000_000
    for f in range(files):
        day0 = start + timedelta(days=span * f // max(files, 1))
        lines = []
        for i in range(rows):
            day = day0 + timedelta(days=(span // max(files, 1)) * i // max(rows, 1))
            signal = (day - start).days / max(span, 1)
            n += 1
            lines.append("\t".join(_row(rng, n, day, day, layout, signal)))
        for b in range(bad_rows):
            broken = lines[rng.randrange(len(lines))].split("\t")
            if b % 2:
                broken = broken[:-3]  # a truncated line
            else:
                broken[LAYOUTS[layout][2].index("GoldsteinScale")] = "high"
            lines.insert(rng.randrange(len(lines) + 1), "\t".join(broken))
        stamp = day0.strftime("%Y%m%d") + ("000000" if layout == 61 else "")
        name = f"{stamp}.export.CSV"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(name, "\n".join(lines) + "\n")
        path = out / f"{name}.zip"
        path.write_bytes(buffer.getvalue())
        paths.append(path)
    return paths
