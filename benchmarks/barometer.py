"""Barometer ingest benchmark: `.venv/bin/python benchmarks/barometer.py [--files N --rows N]`.

Generates GDELT 2.0 zips, then in one run measures, on the same files: tumen's ingest (unzip,
check every line, Parquet partitioned by year, catalogue), pandas `read_csv` (C engine) of the
zips into DataFrames (how most analysts load GDELT), and DuckDB's raw scan of the unzipped files
(the ceiling). Each runs in its own process so peak memory is its own. Needs pandas
(`pip install -e '.[bench]'`).
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
from tumen.barometer import ingest_files
files = [Path(p) for p in sys.argv[1:-1]]
t = time.perf_counter(); r = ingest_files(files, Path(sys.argv[-1]))
dt = time.perf_counter() - t
print(json.dumps({"rows": sum(x.rows for x in r), "seconds": dt,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
""",
    "pandas read_csv": """
import time, resource, sys, json
import pandas as pd
from tumen.barometer.layout import LAYOUTS
cols = LAYOUTS[61][2]
t = time.perf_counter(); n = 0
for p in sys.argv[1:-1]:
    df = pd.read_csv(p, sep="\\t", header=None, names=cols, quoting=3, engine="c",
                     dtype={c: str for c in cols if c.endswith("Code")}, compression="zip")
    n += len(df)
dt = time.perf_counter() - t
print(json.dumps({"rows": n, "seconds": dt,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
""",
    "DuckDB raw scan (unzipped)": """
import time, resource, sys, json, zipfile, tempfile, os
import duckdb
tmp = tempfile.mkdtemp(); paths = []
for p in sys.argv[1:-1]:
    with zipfile.ZipFile(p) as zf:
        name = zf.namelist()[0]; zf.extract(name, tmp); paths.append(os.path.join(tmp, name))
t = time.perf_counter()
n = duckdb.connect().execute("SELECT count(*) FROM read_csv(?, delim='\\t', quote='', "
                             "header=false, all_varchar=true)", [paths]).fetchone()[0]
dt = time.perf_counter() - t
print(json.dumps({"rows": n, "seconds": dt,
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
        print("| method | rows/s | seconds | peak memory MB | ratio to pandas |")
        print("|---|---|---|---|---|")
        results = {}
        for name, code in RUNNERS.items():
            out = subprocess.run([sys.executable, "-c", code, *map(str, files),
                                  str(Path(tmp) / f"db-{len(results)}")],
                                 capture_output=True, text=True, check=True)
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])
        base = results["pandas read_csv"]["rows"] / results["pandas read_csv"]["seconds"]
        for name, r in results.items():
            rate = r["rows"] / r["seconds"]
            print(f"| {name} | {rate:,.0f} | {r['seconds']:.2f} | {r['rss'] / 1024:.0f} | "
                  f"{rate / base:.2f}× |")


if __name__ == "__main__" and "--series-rows" not in sys.argv:
    main()


def series_benchmark(rows: int) -> None:
    """A 10-year monthly RUS–PRK series over `rows` rows built directly in DuckDB."""
    import time

    from tumen.barometer import SeriesQuery, barometer_series
    from tumen.barometer.ingest import Catalogue
    from tumen.barometer.layout import LAYOUTS, NUMERIC, snake

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cat = Catalogue(root)
        cols = []
        for c in LAYOUTS[61][2]:
            name = snake(c)
            if name == "year":
                continue
            if name == "sql_date":
                cols.append("CAST(strftime(DATE '2014-01-01' + CAST(i % 3652 AS INTEGER), "
                            "'%Y%m%d') AS INTEGER) AS sql_date")
            elif name in ("actor1_country_code", "actor2_country_code"):
                cols.append(f"(['RUS','PRK','USA','CHN','KOR','JPN'])[1 + (hash(i, '{name}') "
                            f"% 6)::INTEGER] AS {name}")
            elif name == "quad_class":
                cols.append("1 + (hash(i, 'q') % 4)::INTEGER AS quad_class")
            elif c in NUMERIC:
                cols.append(f"CAST((hash(i, '{name}') % 10) AS {NUMERIC[c]}) AS {name}")
            else:
                cols.append(f"'' AS {name}")
        t0 = time.perf_counter()
        cat.con.execute(
            f"COPY (SELECT {', '.join(cols)}, 2 AS gdelt_version, 'bench' AS source_file, "
            f"2014 + (i % 3652) // 366 AS year FROM range({rows}) t(i)) TO '{root}/events' "
            "(FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE)")
        parts = sorted(str(p.relative_to(root)) for p in (root / "events").rglob("*.parquet"))
        cat.con.executemany("INSERT INTO parts VALUES ('bench', ?)", [[p] for p in parts])
        cat.close()
        built = time.perf_counter() - t0
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            series = barometer_series(SeriesQuery("RUS", "PRK"), root)
            times.append(time.perf_counter() - t0)
        print(f"\n### Series over {rows:,} rows (10 years, monthly RUS–PRK)\n")
        print(f"- dataset built in {built:.1f} s; series: median "
              f"{sorted(times)[1]:.2f} s over 3 runs ({len(series)} months)")


if __name__ == "__main__" and "--series-rows" in sys.argv:
    series_benchmark(int(sys.argv[sys.argv.index("--series-rows") + 1]))
