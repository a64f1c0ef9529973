"""Fetching a page to check: private and local addresses are refused in every spelling, at
every redirect hop, and a slow server cannot hold a check past its deadline."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tumen.check.source import is_public, public_url, read_source
from tumen.core.errors import CheckInputError

PAGE = b"The Russian legation in Seoul opened in 1885."


class _Server:
    """A real HTTP server on a loopback address that records the paths it was asked for."""

    def __init__(self, host: str, redirect_to: str = "", drip: bool = False) -> None:
        self.hits: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits.append(self.path)
                if redirect_to:
                    self.send_response(302)
                    self.send_header("Location", redirect_to)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                if drip:
                    for _ in range(40):
                        self.wfile.write(b"x ")
                        self.wfile.flush()
                        time.sleep(0.1)
                else:
                    self.wfile.write(PAGE)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def local() -> Iterator[_Server]:
    server = _Server("127.0.0.1")
    yield server
    server.close()


@pytest.mark.parametrize("spelling", [
    "127.0.0.1", "127.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "0", "localhost",
    "0177.0.0.1",
])
def test_every_spelling_of_loopback_is_refused(local: _Server, spelling: str) -> None:
    with pytest.raises(CheckInputError, match="private or local network"):
        read_source(f"http://{spelling}:{local.port}/secret")
    assert local.hits == []


@pytest.mark.parametrize("address", [
    "169.254.169.254", "2852039166", "10.0.0.1", "192.168.1.1", "172.16.0.1", "100.64.0.1",
    "224.0.0.1", "240.0.0.1", "0.0.0.0", "[::1]", "[::]", "[fe80::1]", "[fc00::1]",
    "[::ffff:127.0.0.1]", "[ff02::1]", "[2002:7f00:1::]",
])
def test_private_link_local_multicast_reserved_refused(address: str) -> None:
    with pytest.raises(CheckInputError, match="private or local network"):
        public_url(f"http://{address}/latest/meta-data/")


def test_public_addresses_pass() -> None:
    assert is_public(ipaddress.ip_address("8.8.8.8"))
    assert is_public(ipaddress.ip_address("2001:4860:4860::8888"))
    assert public_url("http://8.8.8.8/x") == "http://8.8.8.8/x"


def test_a_redirect_to_a_refused_address_is_not_followed() -> None:
    inner = _Server("127.0.0.2")
    outer = _Server("127.0.0.1", redirect_to=f"http://127.0.0.2:{inner.port}/internal")
    try:
        only_outer = {ipaddress.ip_address("127.0.0.1")}
        with pytest.raises(CheckInputError, match=r"127\.0\.0\.2.*private or local"):
            read_source(f"http://127.0.0.1:{outer.port}/start",
                        allowed=lambda ip: ip in only_outer)
        assert outer.hits == ["/start"]
        assert inner.hits == []
    finally:
        inner.close()
        outer.close()


def test_an_allowed_redirect_is_followed_and_capped() -> None:
    inner = _Server("127.0.0.1")
    outer = _Server("127.0.0.1", redirect_to=f"http://127.0.0.1:{inner.port}/page")
    looping = _Server("127.0.0.1", redirect_to="/again")
    try:
        assert read_source(f"http://127.0.0.1:{outer.port}/", allow_private=True) == \
            PAGE.decode()
        with pytest.raises(CheckInputError, match="more than 5 redirects"):
            read_source(f"http://127.0.0.1:{looping.port}/", allow_private=True)
        assert len(looping.hits) == 6
    finally:
        inner.close()
        outer.close()
        looping.close()


def test_the_cli_opt_in_reaches_a_local_page(local: _Server) -> None:
    assert read_source(f"http://127.0.0.1:{local.port}/p", allow_private=True) == PAGE.decode()
    assert local.hits == ["/p"]


def test_a_dripping_server_is_cut_off_at_the_deadline() -> None:
    slow = _Server("127.0.0.1", drip=True)
    try:
        with pytest.raises(CheckInputError, match="did not arrive within 1 s"):
            read_source(f"http://127.0.0.1:{slow.port}/", allow_private=True, deadline=1.0)
    finally:
        slow.close()


@pytest.mark.parametrize("url", ["http://", "http://[::1/", "http://exa mple.org/",
                                 "http://no-such-host.invalid/"])
def test_malformed_or_unresolvable_urls(url: str) -> None:
    with pytest.raises(CheckInputError):
        read_source(url)
