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


if __name__ == "__main__":
    main()
