"""The text to check: from a file, standard input or an http(s) URL (HTML reduced to its text)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from tumen.errors import TumenError

__all__ = ["MAX_BYTES", "CheckInputError", "public_url", "read_source", "text_from_bytes"]

MAX_BYTES = 2_000_000
TIMEOUT = 15.0


class CheckInputError(TumenError):
    """The input cannot be checked: empty, binary, not UTF-8, too large, or unreachable."""


def text_from_bytes(data: bytes, where: str, html: bool | None = None) -> str:
    """Decode and, for HTML, extract the main text; raise CheckInputError with the reason."""
    if len(data) > MAX_BYTES:
        raise CheckInputError(f"{where}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    if not data.strip():
        raise CheckInputError(f"{where}: there is no text to check")
    if b"\x00" in data[:8192]:
        raise CheckInputError(f"{where}: this is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CheckInputError(f"{where}: not UTF-8 text (bad byte at offset {exc.start})") \
            from exc
    looks_html = text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))
    if html or (html is None and looks_html):
        import trafilatura

        extracted = trafilatura.extract(text, include_comments=False, include_tables=False)
        if not extracted or not extracted.strip():
            raise CheckInputError(f"{where}: no article text found in this HTML page")
        text = extracted
    return text


def _read_url(url: str) -> str:
    import httpx2 as httpx

    try:
        with httpx.stream("GET", url, timeout=TIMEOUT, follow_redirects=True,
                          headers={"user-agent": "tumen-check"}) as response:
            if response.status_code >= 400:
                raise CheckInputError(f"{url}: the server answered HTTP {response.status_code}")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind and kind not in ("text/html", "text/plain", "application/xhtml+xml",
                                     "text/markdown"):
                raise CheckInputError(f"{url}: content type '{kind}' is not a web page or text")
            data = bytearray()
            for chunk in response.iter_bytes():
                data.extend(chunk)
                if len(data) > MAX_BYTES:
                    raise CheckInputError(f"{url}: the page is over the {MAX_BYTES:,}-byte limit")
    except httpx.TimeoutException as exc:
        raise CheckInputError(f"{url}: no answer within {TIMEOUT:.0f} s") from exc
    except httpx.HTTPError as exc:
        raise CheckInputError(f"{url}: cannot be fetched ({exc.__class__.__name__})") from exc
    except (httpx.InvalidURL, ValueError) as exc:  # idna errors are ValueErrors
        raise CheckInputError(f"{url!r} is not a valid URL") from exc
    return text_from_bytes(bytes(data), url, html=kind != "text/plain")


def public_url(url: str) -> str:
    """`url` if it names a public host; refuse loopback, private and link-local addresses, so
    a web form cannot make the server fetch from its own network. (A name that resolves to a
    private address is not caught here.)"""
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").strip("[]").lower()
    except ValueError as exc:
        raise CheckInputError(f"{url!r} is not a valid URL") from exc
    if not host:
        raise CheckInputError(f"{url!r} has no host")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise CheckInputError(f"{url}: addresses on the server's own network are refused")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return url
    if not ip.is_global:
        raise CheckInputError(f"{url}: addresses on the server's own network are refused")
    return url


def read_source(arg: str, stdin: BinaryIO | None = None) -> str:
    """The text behind a path, '-' (standard input) or an http(s) URL."""
    if arg.startswith(("http://", "https://")):
        return _read_url(arg)
    if arg == "-":
        stream = stdin or sys.stdin.buffer
        return text_from_bytes(stream.read(MAX_BYTES + 1), "standard input")
    path = Path(arg)
    if not path.is_file():
        raise CheckInputError(f"{arg}: no such file")
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    return text_from_bytes(data, arg, html=path.suffix.lower() in (".html", ".htm") or None)
