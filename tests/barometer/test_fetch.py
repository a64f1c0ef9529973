"""Fetching from a master file list, against a local HTTP server serving generated files."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from tumen.barometer import generate_files
from tumen.barometer.fetch import fetch_files, parse_master
from tumen.cli.commands import cli
from tumen.core.errors import BarometerError


class Files:
    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}
        self.fail_first: set[str] = set()
        self.requests: list[tuple[str, str]] = []


def handler_for(files: Files) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            name = self.path.lstrip("/")
            self.requests.append((name, self.headers.get("Range", "")))
            if name in files.fail_first:
                files.fail_first.discard(name)
                self.send_response(503)
                self.end_headers()
                return
            if name not in files.blobs:
                self.send_response(404)
                self.end_headers()
                return
            body = files.blobs[name]
            rng = self.headers.get("Range")
            if rng:
                start = int(rng.split("=")[1].split("-")[0])
                self.send_response(206)
                body = body[start:]
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        requests = files.requests

    return Handler


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Files, list[Path]]]:
    files = Files()
    generated = generate_files(tmp_path / "src", files=3, rows=200, start=date(2019, 1, 1),
                               end=date(2019, 3, 31))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(files))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    lines = []
    for path in generated:
        data = path.read_bytes()
        files.blobs[path.name] = data
        lines.append(f"{len(data)} {hashlib.md5(data).hexdigest()} {base}/{path.name}")
    lines.append(f"123 {'0' * 32} {base}/20190101000000.mentions.CSV.zip")
    files.blobs["masterfilelist.txt"] = ("\n".join(lines) + "\n").encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"{base}/masterfilelist.txt", files, generated
    server.shutdown()
    server.server_close()


def test_downloads_verifies_and_skips_present(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    master, _, generated = site
    out = tmp_path / "out"
    results = fetch_files(master, out, date(2019, 1, 1), date(2019, 12, 31), backoff=0)
    assert [r.status for r in results] == ["downloaded"] * 3
    for path in generated:
        assert (out / path.name).read_bytes() == path.read_bytes()
    again = fetch_files(master, out, date(2019, 1, 1), date(2019, 12, 31), backoff=0)
    assert [r.status for r in again] == ["present"] * 3


def test_date_range_selects_files(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    master, _, _ = site
    results = fetch_files(master, tmp_path / "out", date(2019, 1, 1), date(2019, 1, 15),
                          backoff=0)
    assert len(results) == 1


def test_retries_then_succeeds(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    master, files, generated = site
    files.fail_first.add(generated[0].name)
    results = fetch_files(master, tmp_path / "out", date(2019, 1, 1), date(2019, 12, 31),
                          backoff=0)
    assert results[0].status == "downloaded" and results[0].attempts == 2


def test_resumes_a_partial_download(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    master, files, generated = site
    out = tmp_path / "out"
    out.mkdir()
    data = generated[0].read_bytes()
    (out / (generated[0].name + ".part")).write_bytes(data[:100])
    results = fetch_files(master, out, date(2019, 1, 1), date(2019, 12, 31), backoff=0)
    assert results[0].status == "downloaded"
    assert (out / generated[0].name).read_bytes() == data
    assert (generated[0].name, "bytes=100-") in files.requests


def test_md5_mismatch_and_404_fail_loudly(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    master, files, generated = site
    files.blobs[generated[1].name] = b"x" * len(files.blobs[generated[1].name])
    del files.blobs[generated[2].name]
    results = fetch_files(master, tmp_path / "out", date(2019, 1, 1), date(2019, 12, 31),
                          retries=2, backoff=0)
    assert [r.status for r in results] == ["downloaded", "failed", "failed"]
    assert "MD5" in results[1].error and "404" in results[2].error
    assert not (tmp_path / "out" / generated[1].name).exists()
    runner = CliRunner()
    cli_run = runner.invoke(cli, ["barometer", "fetch", "--from", "2019-01-01", "--to",
                                  "2019-12-31", "--master", master, "-o",
                                  str(tmp_path / "cli"), "--retries", "1"])
    assert cli_run.exit_code == 1 and "could not be fetched" in cli_run.stderr


def test_bad_master_lists() -> None:
    with pytest.raises(BarometerError, match="expected 'size md5 url'"):
        parse_master("one-field-only\n", date(2019, 1, 1), date(2019, 12, 31))
    with pytest.raises(BarometerError, match="bad size or MD5"):
        parse_master("12 notanmd5 http://x/20190101000000.export.CSV.zip\n",
                     date(2019, 1, 1), date(2019, 12, 31))


def test_unreachable_master(tmp_path: Path) -> None:
    with pytest.raises(BarometerError, match="cannot be fetched"):
        fetch_files("http://127.0.0.1:9/masterfilelist.txt", tmp_path, date(2019, 1, 1),
                    date(2019, 1, 2))
