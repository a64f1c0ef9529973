"""Barometer ingest benchmark: `.venv/bin/python benchmarks/barometer.py [--files N --rows N]`.

Generates GDELT 2.0 zips, then in one run measures, on the same files: tumen's ingest (unzip,
check every line, Parquet partitioned by year, catalogue), pandas `read_csv` (C engine) of the
zips into DataFrames (how most analysts load GDELT), and DuckDB's raw scan of the unzipped files
(the ceiling). Each runs in its own process so peak memory is its own, with its libraries
imported before the clock starts. Needs pandas (`pip install -e '.[bench]'`).

`--series-rows N` instead times the monthly RUS–PRK series over N rows written the way ingest
writes them, before and after `compact`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

RUNNERS = {
    "tumen ingest": """
import time, resource, sys, json
from pathlib import Path
import duckdb, isal.isal_zlib, pyarrow.csv, pyarrow.compute, pyarrow.parquet  # as pandas is
try:  # pyarrow imports pandas lazily whenever it is installed (here, for the peer); a user
    import pandas  # without pandas never pays that; either way it is import time, not ingest
except ImportError:
    pass
from tumen.barometer import ingest_files
files = [Path(p) for p in sys.argv[1:-1]]
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
c = cpu(); t = time.perf_counter(); r = ingest_files(files, Path(sys.argv[-1]))
dt = time.perf_counter() - t
print(json.dumps({"rows": sum(x.rows for x in r), "seconds": dt, "cpu": cpu() - c,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
""",
    "pandas read_csv": """
import time, resource, sys, json
import pandas as pd
from tumen.barometer.columns import LAYOUTS
cols = LAYOUTS[61][2]
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
c = cpu(); t = time.perf_counter(); n = 0
for p in sys.argv[1:-1]:
    df = pd.read_csv(p, sep="\\t", header=None, names=cols, quoting=3, engine="c",
                     dtype={c: str for c in cols if c.endswith("Code")}, compression="zip")
    n += len(df)
dt = time.perf_counter() - t
print(json.dumps({"rows": n, "seconds": dt, "cpu": cpu() - c,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
""",
    "DuckDB raw scan (unzipped)": """
import time, resource, sys, json, zipfile, tempfile, os
import duckdb
tmp = tempfile.mkdtemp(); paths = []
for p in sys.argv[1:-1]:
    with zipfile.ZipFile(p) as zf:
        name = zf.namelist()[0]; zf.extract(name, tmp); paths.append(os.path.join(tmp, name))
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
c = cpu(); t = time.perf_counter()
n = duckdb.connect().execute("SELECT count(*) FROM read_csv(?, delim='\\t', quote='', "
                             "header=false, all_varchar=true)", [paths]).fetchone()[0]
dt = time.perf_counter() - t
print(json.dumps({"rows": n, "seconds": dt, "cpu": cpu() - c,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
""",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--rows", type=int, default=250_000)
    opts = parser.parse_args()
    from tumen.barometer import generate_files

    with tempfile.TemporaryDirectory() as tmp:
        files = generate_files(Path(tmp) / "in", files=opts.files, rows=opts.rows)
        print(f"### Ingest of {opts.files} GDELT 2.0 zips, {opts.files * opts.rows:,} rows\n")
        print("| method | rows/s | seconds | CPU seconds | peak memory MB | ratio to pandas |")
        print("|---|---|---|---|---|---|")
        results = {}
        for name, code in RUNNERS.items():
            out = subprocess.run([sys.executable, "-c", code, *map(str, files),
                                  str(Path(tmp) / f"db-{len(results)}")],
                                 capture_output=True, text=True, check=True)
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])
        base = results["pandas read_csv"]["rows"] / results["pandas read_csv"]["seconds"]
        for name, r in results.items():
            rate = r["rows"] / r["seconds"]
            print(f"| {name} | {rate:,.0f} | {r['seconds']:.2f} | {r['cpu']:.2f} | "
                  f"{r['rss'] / 1024:.0f} | {rate / base:.2f}× |")


if __name__ == "__main__" and "--series-rows" not in sys.argv:
    main()


def _series_dataset(root: Path, rows: int, per_file: int = 250_000) -> float:
    """Write `rows` synthetic GDELT 2.0 rows under `root` exactly as ingest does: one
    250,000-row 'file' at a time, covering ten years in order, each file's rows split into
    year partitions by the fast path's writer (5% of rows dated up to 8 years back, as in the
    generator) and registered in the catalogue. Returns the seconds it took."""
    import time

    import duckdb

    from tumen.barometer.columns import LAYOUTS, NUMERIC, snake
    from tumen.barometer.fastpath import write_parts
    from tumen.barometer.ingest import Catalogue

    kinds = {"INTEGER": "INTEGER", "BIGINT": "BIGINT", "DOUBLE": "DOUBLE"}
    values = {
        "global_event_id": "i", "sql_date": "d", "month_year": "d // 100",
        "year": "d // 10000", "fraction_date": "d / 10000.0",
        "actor1_code": "a1", "actor1_country_code": "a1", "actor1_name": "'ACTOR ' || a1",
        "actor2_code": "a2", "actor2_country_code": "a2", "actor2_name": "'ACTOR ' || a2",
        "is_root_event": "(h // 864 % 10 < 6)::INTEGER",
        "event_code": "root || '0'", "event_base_code": "root || '0'", "event_root_code": "root",
        "quad_class": "q", "goldstein_scale": "round((h // 8640 % 200) / 10.0 - 10, 1)",
        "num_mentions": "1 + h // 1728000 % 40", "num_sources": "1 + h // 69120000 % 8",
        "num_articles": "1 + h // 552960000 % 40",
        "avg_tone": "(h // 22118400000 % 14000) / 1000.0 - 8",
        "action_geo_country_code": "(['RS','KN','KS','US','CH'])[1 + (h // 36 % 5)::INTEGER]",
        "date_added": "day::VARCHAR || '000000'",
        "source_url": "'https://news.example.org/' || i",
    }
    select = []
    for column in LAYOUTS[61][2]:
        name = snake(column)
        kind = kinds.get(NUMERIC.get(column, ""), "VARCHAR")
        select.append(f"CAST({values.get(name, 'NULL')} AS {kind}) AS {name}")
    days = 3652  # 2014-01-01 + ten years
    con = duckdb.connect()
    cat = Catalogue(root)
    t0 = time.perf_counter()
    for number, first in enumerate(range(0, rows, per_file)):
        n = min(per_file, rows - first)
        table = con.sql(f"""
            WITH hashed AS (SELECT i, hash(i) AS h, hash(i + {rows}) AS g
                            FROM range({first}, {first + n}) t(i)),
            base AS (  -- one 64-bit hash per row, cut into independent digits
                SELECT i, h, (['RUS','PRK','USA','CHN','KOR','JPN'])[1 + (h % 6)::INTEGER] AS a1,
                       (['RUS','PRK','USA','CHN','KOR','JPN'])[1 + (h // 6 % 6)::INTEGER] AS a2,
                       1 + (g % 4)::INTEGER AS q,
                       lpad((1 + g // 4 % 20)::VARCHAR, 2, '0') AS root,
                       CAST(strftime(DATE '2014-01-01' + CAST(i * {days} // {rows} AS INTEGER),
                                     '%Y%m%d') AS INTEGER) AS day,
                       CASE WHEN g // 80 % 20 = 0
                            THEN day - 10000 * (1 + g // 1600 % 8)::INTEGER ELSE day END AS d
                FROM hashed)
            SELECT {", ".join(select)}, 2 AS gdelt_version,
                   'file-{number}.export.CSV.zip' AS source_file FROM base""").to_arrow_table()
        staged = write_parts(table, root / "events", f"bench{number:05d}_0")
        sha = f"bench-{number}"
        cat.con.executemany("INSERT INTO parts VALUES (?, ?)",
                            [[sha, str(p.relative_to(root))] for p in staged])
        cat.con.execute("INSERT INTO ingested VALUES (?, ?, 'gdelt-2.0', 2, ?, 0, now())",
                        [sha, f"file-{number}.export.CSV.zip", n])
    cat.close()
    return time.perf_counter() - t0


def series_benchmark(rows: int) -> None:
    """A 10-year monthly RUS–PRK series over `rows` rows laid out as ingest lays them out,
    timed on the parts ingest writes and again after `tumen barometer compact`. Every run is a
    new query (DuckDB keeps no results between them; the files are in the page cache)."""
    import time

    from tumen.barometer import SeriesQuery, barometer_series, compact

    def timed() -> tuple[float, int]:
        times, months = [], 0
        for _ in range(3):
            t0 = time.perf_counter()
            months = len(barometer_series(SeriesQuery("RUS", "PRK"), root))
            times.append(time.perf_counter() - t0)
        return sorted(times)[1], months

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        built = _series_dataset(root, rows)
        parts = len(list((root / "events").rglob("*.parquet")))
        ingested, months = timed()
        t0 = time.perf_counter()
        merged = compact(root)
        compacted = time.perf_counter() - t0
        after, _ = timed()
        print(f"\n### Series over {rows:,} rows (10 years, monthly RUS–PRK, {months} months)\n")
        print(f"- dataset written as ingest writes it: {rows // 250_000:,} files of 250,000 "
              f"rows, {parts:,} Parquet parts, in {built:.1f} s")
        print(f"- series on those parts: median {ingested:.2f} s over 3 runs")
        print(f"- `compact`: {merged.parts_before:,} parts -> {merged.parts_after:,} in "
              f"{compacted:.1f} s; series after it: median {after:.2f} s over 3 runs")


if __name__ == "__main__" and "--series-rows" in sys.argv:
    series_benchmark(int(sys.argv[sys.argv.index("--series-rows") + 1]))
