"""Download GDELT event files listed in a master file list, verified, resumable, loud.

A master list has one "size md5 url" line per file. Files whose names fall in the date range
are downloaded to OUT: a file already there with the right size and MD5 is kept; a partial
download (NAME.part) is resumed with an HTTP Range request; every download is checked against
the listed size and MD5; failures are retried with exponential backoff; whatever still fails is
reported, and the command exits non-zero — never a silent gap.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tumen.core.errors import BarometerError

__all__ = ["MASTER_LISTS", "FetchResult", "ListedFile", "fetch_files", "parse_master"]

MASTER_LISTS = {
    (2, False): "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt",
    (2, True): "http://data.gdeltproject.org/gdeltv2/masterfilelist-translation.txt",
}
_STAMP = re.compile(r"/(\d{8})(\d{6})?\.(?:translation\.)?export\.CSV\.zip$", re.I)


@dataclass(frozen=True)
class ListedFile:
    size: int
    md5: str
    url: str
    day: date

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]


@dataclass
class FetchResult:
    file: ListedFile
    status: str  # present, downloaded, failed
    attempts: int = 0
    error: str = ""


def parse_master(text: str, start: date, end: date) -> list[ListedFile]:
    """The event-export files of a master list whose date lies in [start, end]."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if len(parts) != 3:
            if line.strip():
                raise BarometerError(f"master list line {number}: expected 'size md5 url'")
            continue
        size, md5, url = parts
        m = _STAMP.search(url)
        if m is None:
            continue  # mentions and GKG files share the list
        if not size.isdigit() or not re.fullmatch(r"[0-9a-f]{32}", md5):
            raise BarometerError(f"master list line {number}: bad size or MD5")
        s = m.group(1)
        day = date(int(s[:4]), int(s[4:6]), int(s[6:8]))
        if start <= day <= end:
            out.append(ListedFile(int(size), md5, url, day))
    return out


def _md5(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _download(client: object, item: ListedFile, part: Path) -> None:
    import httpx2 as httpx

    assert isinstance(client, httpx.Client)
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    with client.stream("GET", item.url, headers=headers) as response:
        if response.status_code == 416 and have == item.size:
            return
        if response.status_code >= 400:
            raise BarometerError(f"{item.url}: HTTP {response.status_code}")
        mode = "ab" if have and response.status_code == 206 else "wb"
        with part.open(mode) as out:
            for chunk in response.iter_bytes():
                out.write(chunk)


def fetch_files(master_url: str, out: Path, start: date, end: date, *, retries: int = 4,
                backoff: float = 1.0, timeout: float = 30.0,
                progress: Callable[[FetchResult], None] | None = None) -> list[FetchResult]:
    """Download every listed export file in [start, end] to `out`; see the module docstring."""
    import httpx2 as httpx

    out.mkdir(parents=True, exist_ok=True)
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        try:
            response = client.get(master_url)
        except httpx.HTTPError as exc:
            raise BarometerError(f"{master_url}: cannot be fetched ({exc.__class__.__name__})") \
                from exc
        if response.status_code >= 400:
            raise BarometerError(f"{master_url}: HTTP {response.status_code}")
        listed = parse_master(response.text, start, end)
        results = []
        for item in listed:
            target = out / item.name
            result = FetchResult(item, "failed")
            if target.exists() and target.stat().st_size == item.size and \
                    _md5(target) == item.md5:
                result.status = "present"
            else:
                part = target.with_name(target.name + ".part")
                for attempt in range(1, retries + 1):
                    result.attempts = attempt
                    try:
                        _download(client, item, part)
                        size = part.stat().st_size
                        if size > item.size:
                            part.unlink()
                        if size != item.size:
                            raise BarometerError(f"{item.name}: {size} bytes, the list says "
                                                 f"{item.size}")
                        if _md5(part) != item.md5:
                            part.unlink()
                            raise BarometerError(f"{item.name}: MD5 mismatch")
                        part.replace(target)
                        result.status = "downloaded"
                        result.error = ""
                        break
                    except (BarometerError, httpx.HTTPError, OSError) as exc:
                        result.error = str(exc) or exc.__class__.__name__
                        if attempt < retries:
                            time.sleep(backoff * 2 ** (attempt - 1))
            results.append(result)
            if progress:
                progress(result)
    return results
