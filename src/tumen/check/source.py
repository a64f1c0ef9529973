"""The text to check: from a file, standard input or an http(s) URL (HTML reduced to its text)."""

from __future__ import annotations

import ipaddress
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit

from tumen.core.errors import CheckInputError

__all__ = ["DEADLINE", "MAX_BYTES", "MAX_REDIRECTS", "is_public",
           "public_url", "read_source", "text_from_bytes"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_BYTES = 2_000_000
TIMEOUT = 15.0


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


#: redirects followed before giving up
MAX_REDIRECTS = 5
#: the whole fetch, every hop and every read included, must end within this many seconds
DEADLINE = 30.0

AddressCheck = Callable[[IPAddress], bool]


def is_public(ip: IPAddress) -> bool:
    """True for an address on the public internet: not loopback, private, link-local,
    multicast, reserved or unspecified, in IPv4 or IPv6 (IPv4-mapped and 6to4 forms unwrapped)."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            return is_public(inner)
    return not (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def _resolve(url: str, host: str, port: int, allowed: AddressCheck) -> str:
    """The one address to connect to for `host`: every address the name resolves to must pass
    `allowed` (so a name with one private record is refused); the first is used."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise CheckInputError(f"{url}: the host '{host}' cannot be resolved") from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses:
        raise CheckInputError(f"{url}: the host '{host}' cannot be resolved")
    for ip in addresses:
        if not allowed(ip):
            raise CheckInputError(f"{url}: '{host}' is {ip}, an address on a private or local "
                                  "network; such addresses are refused")
    return str(addresses[0])


def _split(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise CheckInputError(f"{url!r} is not a valid URL") from exc
    if parts.scheme not in ("http", "https"):
        raise CheckInputError(f"{url!r} is not an http(s) URL")
    host = (parts.hostname or "").strip("[]").lower()
    if not host:
        raise CheckInputError(f"{url!r} has no host")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def _read_url(url: str, allowed: AddressCheck, deadline: float = DEADLINE) -> str:
    """Fetch `url`, connecting only to addresses `allowed` accepts, at every redirect hop; the
    address checked is the address connected to (no second lookup), and the whole exchange ends
    within `deadline` seconds."""
    import httpx2 as httpx

    ends = time.monotonic() + deadline
    current = url
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False, trust_env=False) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                scheme, host, port = _split(current)
                address = _resolve(current, host, port, allowed)
                netloc = f"[{address}]" if ":" in address else address
                parts = urlsplit(current)
                target = parts._replace(netloc=f"{netloc}:{port}").geturl()
                default_port = port == (443 if scheme == "https" else 80)
                headers = {"user-agent": "tumen-check",
                           "host": host if default_port else f"{host}:{port}"}
                request = client.build_request("GET", target, headers=headers,
                                               extensions={"sni_hostname": host})
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        if not location:
                            raise CheckInputError(f"{current}: a redirect without a location")
                        current = urljoin(current, location)
                        continue
                    return _body(current, response, ends, deadline)
                finally:
                    response.close()
            raise CheckInputError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException as exc:
        raise CheckInputError(f"{current}: no answer within {TIMEOUT:.0f} s") from exc
    except httpx.HTTPError as exc:
        raise CheckInputError(f"{current}: cannot be fetched ({exc.__class__.__name__})") from exc
    except (httpx.InvalidURL, ValueError) as exc:  # idna errors are ValueErrors
        raise CheckInputError(f"{current!r} is not a valid URL") from exc


def _body(url: str, response: Any, ends: float, deadline: float) -> str:
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
        if time.monotonic() > ends:
            raise CheckInputError(f"{url}: the page did not arrive within {deadline:.0f} s")
    return text_from_bytes(bytes(data), url, html=kind != "text/plain")


def public_url(url: str) -> str:
    """`url` if its host resolves only to public addresses; raise CheckInputError otherwise.
    (read_source checks again at connection time and at every redirect hop.)"""
    _scheme, host, port = _split(url)
    _resolve(url, host, port, is_public)
    return url


def read_source(arg: str, stdin: BinaryIO | None = None, *, allow_private: bool = False,
                allowed: AddressCheck | None = None, deadline: float = DEADLINE) -> str:
    """The text behind a path, '-' (standard input) or an http(s) URL. A URL whose host (or any
    redirect's) is on a private or local network is refused unless `allow_private`; `allowed`
    replaces that address rule outright."""
    if arg.startswith(("http://", "https://")):
        check = allowed or ((lambda ip: True) if allow_private else is_public)
        return _read_url(arg, check, deadline)
    if arg == "-":
        stream = stdin or sys.stdin.buffer
        return text_from_bytes(stream.read(MAX_BYTES + 1), "standard input")
    path = Path(arg)
    if not path.is_file():
        raise CheckInputError(f"{arg}: no such file")
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    return text_from_bytes(data, arg, html=path.suffix.lower() in (".html", ".htm") or None)
