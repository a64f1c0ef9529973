"""Foundation benchmarks: CLI start-up, load + validate, and scaling of load and search.

Run: `make bench` (or `.venv/bin/python benchmarks/run.py [--quick]`). Prints a Markdown
report; paste it into benchmarks/RESULTS.md with the machine description it prints.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tumen.kb.knowledge_base import KnowledgeBase, load_kb, validate_kb
from tumen.kb.synth import generate_kb
from tumen.narrate.article import compose_article
from tumen.narrate.formats import render_article
from tumen.query.search import search_index

QUERIES = ["treaty border", "railway delegation summit", "посольство визит", "조약 국경",
           "pipeline", "envoy legation", "Person 12", "sanctions council debt"]


def median_time(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cli(args: list[str], runs: int) -> float:
    exe = Path(sys.executable).with_name("tumen")
    cmd = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "tumen", *args]
    return median_time(lambda: subprocess.run(cmd, check=True, capture_output=True), runs)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, " \
           f"{platform.system()} {platform.release()}"


def article_all_formats(kb: KnowledgeBase) -> None:
    """The whole-history article (long), composed once per format as a user would."""
    for fmt in ("md", "html", "json"):
        render_article(compose_article(kb, length="long"), fmt)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 100k KB")
    opts = parser.parse_args()
    runs = 5 if opts.quick else 15
    print(f"Machine: {machine()}\n")

    print(f"## CLI start-up, whole process, cold (median of {runs} runs)\n")
    base = cli_base = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"],
                                                         check=True), runs)
    print("| command | median s | ratio to `python -c pass` |\n|---|---|---|")
    print(f"| `python -c pass` | {cli_base:.3f} | 1.0 |")
    for args in (["timeline"], ["show", "treaty-friendship-1961"], ["search", "김일성"]):
        t = cli(args, runs)
        print(f"| `tumen {' '.join(args)}` | {t:.3f} | {t / base:.1f} |")

    kb = load_kb()
    t = median_time(lambda: load_kb(), runs)
    print(f"\n## Shipped KB ({len(kb.events)} events)\n")
    print(f"- load + validate in-process: median {t * 1000:.0f} ms over {runs} runs")

    t = median_time(lambda: article_all_formats(kb), runs)
    print(f"- whole-history article (long) in md, html and json: median {t * 1000:.0f} ms "
          f"over {runs} runs")

    print("\n## Synthetic KBs\n")
    print("| events | generate s | load + validate s | index build s | search p50 ms | "
          "search p95 ms | article, 3 formats ms |\n|---|---|---|---|---|---|---|")
    sizes = (1_000, 10_000) if opts.quick else (1_000, 10_000, 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            t0 = time.perf_counter()
            root = generate_kb(Path(tmp) / f"kb{n}", n)
            gen = time.perf_counter() - t0
            assert validate_kb(root) == [], "synthetic KB must be valid"
            t0 = time.perf_counter()
            big = load_kb(root)
            load = time.perf_counter() - t0
            t0 = time.perf_counter()
            index = search_index(big)
            build = time.perf_counter() - t0
            lat = []
            for _ in range(5):
                for q in QUERIES:
                    t0 = time.perf_counter()
                    index.search(q, limit=20)
                    lat.append((time.perf_counter() - t0) * 1000)
            lat.sort()
            p50 = statistics.median(lat)
            p95 = lat[int(len(lat) * 0.95) - 1]
            art = median_time(lambda big=big: article_all_formats(big), 3) * 1000
            print(f"| {n:,} | {gen:.1f} | {load:.2f} | {build:.2f} | {p50:.2f} | {p95:.2f} | "
                  f"{art:.0f} |")


if __name__ == "__main__":
    main()
