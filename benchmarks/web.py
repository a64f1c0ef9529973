"""Web explorer benchmarks: API load test against Datasette, and timeline draw time in Chromium.

Run: `.venv/bin/python benchmarks/web.py` (needs wrk and chromium from Debian, and datasette,
which `pip install -e '.[bench]'` brings). Every server listens on 127.0.0.1 only; every load
run is bounded in time. Prints Markdown for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

from tumen.export import export_kb
from tumen.kb.knowledge_base import load_kb
from tumen.kb.synth import generate_kb

BIN = Path(sys.executable).parent
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

FILTER_SQL = ("select e.* from events e join event_actors a on a.event_id = e.id "
              "join event_themes t on t.event_id = e.id where a.actor_id = 'USSR' "
              "and t.theme = 'military' order by e.date_lower limit 50")
SEARCH_SQL = ("select e.* from events_fts f join events e on e.rowid = f.rowid "
              "where events_fts match 'treaty' order by rank limit 20")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cmd: list[str], url: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server did not start: {' '.join(cmd)}")


def wrk(url: str, connections: int, seconds: int) -> dict[str, float]:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "--timeout", "5s", url], capture_output=True, text=True,
                         check=True, timeout=seconds + 30).stdout

    def ms(label: str) -> float:
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"),
            "errors": errors + (int(non2xx.group(1)) if non2xx else 0)}


def load_test(seconds: int) -> None:
    kb = load_kb()
    tmp = Path(tempfile.mkdtemp(prefix="tumen-bench-"))
    db = export_kb(kb, "sqlite", tmp / "tumen.db")
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("create virtual table events_fts using fts5(title, summary, content='events')")
    con.execute("insert into events_fts(rowid, title, summary) select rowid, title, summary "
                "from events")
    con.commit()
    con.close()

    port_t, port_n, port_d = free_port(), free_port(), free_port()
    tumen_urls = {
        "filtered events": f"http://127.0.0.1:{port_t}/api/v1/events?actor=USSR&theme=military"
                           "&per_page=50",
        "search": f"http://127.0.0.1:{port_t}/api/v1/search?q=treaty&limit=20",
    }
    nocache_urls = {k: v.replace(f":{port_t}/", f":{port_n}/") for k, v in tumen_urls.items()}
    ds_urls = {
        "filtered events": f"http://127.0.0.1:{port_d}/tumen.json?_shape=array&sql="
                           + quote(FILTER_SQL),
        "search": f"http://127.0.0.1:{port_d}/tumen.json?_shape=array&sql=" + quote(SEARCH_SQL),
    }
    results: dict[tuple[str, str, int], dict[str, float]] = {}
    servers = {
        "tumen": ([str(BIN / "tumen"), "serve", "--port", str(port_t)], tumen_urls),
        "tumen, cache off": ([str(BIN / "tumen"), "serve", "--port", str(port_n),
                              "--cache-entries", "0"], nocache_urls),
        "datasette": ([str(BIN / "datasette"), "serve", str(db), "--port", str(port_d),
                       "--setting", "num_sql_threads", "3"], ds_urls),
    }
    for name, (cmd, urls) in servers.items():
        proc = start(cmd, next(iter(urls.values())))
        try:
            for query, url in urls.items():
                wrk(url, 16, 2)  # warm-up
                for conns in (16, 64):
                    results[(name, query, conns)] = wrk(url, conns, seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"## API load test (wrk, 2 threads, {seconds} s per run, loopback)\n")
    print("| query | connections | server | req/s | ratio to Datasette | p50 ms | p99 ms "
          "| errors |")
    print("|---|---|---|---|---|---|---|---|")
    for query in tumen_urls:
        for conns in (16, 64):
            base = results[("datasette", query, conns)]["rps"]
            for name in servers:
                r = results[(name, query, conns)]
                print(f"| {query} | {conns} | {name} | {r['rps']:.0f} | {r['rps'] / base:.2f}× | "
                      f"{r['p50']:.1f} | {r['p99']:.1f} | {r['errors']:.0f} |")


def draw_time(kb_path: Path | None, label: str, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    cmd = [str(BIN / "tumen")] + (["--kb", str(kb_path)] if kb_path else []) + \
        ["serve", "--port", str(port)]
    proc = start(cmd, f"http://127.0.0.1:{port}/about")
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/timeline")
                page.wait_for_selector("#timeline[data-ready='true']", timeout=60_000)
                times.append(page.evaluate(
                    "performance.getEntriesByName('timeline-drawn')[0].startTime"))
                context.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    times.sort()
    print(f"| {label} | {times[len(times) // 2]:.0f} | {min(times):.0f} | {max(times):.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="length of each load run")
    parser.add_argument("--runs", type=int, default=5, help="page loads per draw measurement")
    opts = parser.parse_args()
    load_test(opts.seconds)
    print("\n## Timeline drawn in headless Chromium (navigation start → timeline ready, ms)\n")
    print("| knowledge base | median | min | max |\n|---|---|---|---|")
    draw_time(None, f"shipped ({len(load_kb().events)} events)", opts.runs)
    with tempfile.TemporaryDirectory() as tmp:
        draw_time(generate_kb(Path(tmp) / "kb", 10_000), "synthetic, 10,000 events", opts.runs)


if __name__ == "__main__":
    main()
