"""Response headers for every request (security headers, ETag, Cache-Control), and a cache of
API responses.

The knowledge base is immutable while the app runs, so a GET under /api/ with the same path and
parameters always has the same answer: the first answer is kept (up to CACHE_BYTES of them in
all, least recently used dropped first) and later requests are answered without running the app.
The key is the path and the query parameters the route declares, sorted; parameters it does not
know are left out, so junk in the query string cannot fill the cache. Only 200 answers, which
passed validation, are kept. A pure ASGI middleware (no per-request task or stream copying), so
it costs little under load.

Request bodies are bounded here too: a POST whose Content-Length is over `max_body` is refused
with 413 before it is read, and so is a streamed (chunked) body as soon as it passes the bound.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qsl, urlencode

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CACHE_BYTES", "CSP", "MAX_BODY_BYTES", "HeadersMiddleware"]

CACHE_BYTES = 64 << 20
MAX_BODY_BYTES = 1 << 20
_CACHE_MAX_BODY = 1 << 20
_ENTRY_OVERHEAD = 256  # the tuple, the key and the dict slot, roughly

# Scripts only from this origin; inline styles are allowed because vis-timeline positions its
# items with style attributes.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
_SECURITY = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
_MAX_AGE = {"/api/": b"public, max-age=300", "/static/": b"public, max-age=3600",
            "/vendor/": b"public, max-age=86400"}


Cached = tuple[list[tuple[bytes, bytes]], bytes, bytes]  # headers, body, etag


def _entry_size(key: tuple[str, bytes], hit: Cached) -> int:
    headers, body, etag = hit
    return (len(key[0]) + len(key[1]) + len(body) + len(etag) + _ENTRY_OVERHEAD
            + sum(len(k) + len(v) + 64 for k, v in headers))


def _query_names(app: Any) -> list[tuple[re.Pattern[str], frozenset[str]]]:
    """Each GET route under /api/ in the app's OpenAPI document, as a path pattern with the names
    of the query parameters it declares."""
    spec: dict[str, Any] = app.openapi() if hasattr(app, "openapi") else {}
    out = []
    for template, operations in spec.get("paths", {}).items():
        get = operations.get("get")
        if not template.startswith("/api/") or get is None:
            continue
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        out.append((pattern, frozenset(p["name"] for p in get.get("parameters", [])
                                       if p.get("in") == "query")))
    return out


def _without_body(send: Send) -> Send:
    async def head(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b""}
        await send(message)

    return head


async def _refuse(send: Send, status: int, message: str) -> None:
    body = orjson.dumps({"error": {"status": status, "message": message, "detail": None}})
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"), (b"connection", b"close"), *_SECURITY]})
    await send({"type": "http.response.body", "body": body})


class HeadersMiddleware:
    def __init__(self, app: ASGIApp, cache_bytes: int = CACHE_BYTES,
                 max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.cache_bytes = cache_bytes
        self.cache_size = 0
        self.max_body = max_body
        self.cache: OrderedDict[tuple[str, bytes], Cached] = OrderedDict()
        self._routes: list[tuple[re.Pattern[str], frozenset[str]]] | None = None

    def cache_key(self, scope: Scope) -> tuple[str, bytes] | None:
        """(path, the declared query parameters sorted), or None when no API route matches."""
        if self._routes is None:
            self._routes = _query_names(scope.get("app"))
        path: str = scope["path"]
        names = next((n for regex, n in self._routes if regex.match(path)), None)
        if names is None:
            return None
        raw: bytes = scope.get("query_string", b"")
        pairs = [(k, v) for k, v in parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
                 if k in names]
        pairs.sort(key=lambda kv: kv[0])  # stable: repeated values keep their order
        return path, urlencode(pairs).encode()

    def _store(self, key: tuple[str, bytes], hit: Cached) -> None:
        size = _entry_size(key, hit)
        if size > self.cache_bytes:
            return
        old = self.cache.pop(key, None)
        if old is not None:
            self.cache_size -= _entry_size(key, old)
        self.cache[key] = hit
        self.cache_size += size
        while self.cache_size > self.cache_bytes:
            old_key, old_hit = self.cache.popitem(last=False)
            self.cache_size -= _entry_size(old_key, old_hit)

    async def _bounded_body(self, scope: Scope, receive: Receive,
                            send: Send) -> Receive | None:
        """The request body read up to max_body and replayed, or None once 413 was sent."""
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _refuse(send, 400, "invalid Content-Length")
                    return None
                if declared > self.max_body:
                    await _refuse(send, 413, f"request body over {self.max_body} bytes")
                    return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return receive  # disconnected: let the app see it
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _refuse(send, 413, f"request body over {self.max_body} bytes")
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    async def _send_cached(self, send: Send, hit: Cached, if_none_match: bytes) -> None:
        headers, body, etag = hit
        if if_none_match and etag in [t.strip() for t in if_none_match.split(b",")]:
            await send({"type": "http.response.start", "status": 304, "headers": [
                (k, v) for k, v in headers if k != b"content-length"]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        path: str = scope["path"]
        if method == "HEAD":
            # HEAD is GET without the body, on every GET route (RFC 9110 9.3.2)
            scope = {**scope, "method": "GET"}
            send = _without_body(send)
            method = "GET"
        if_none_match = b""
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value
        if method in ("POST", "PUT", "PATCH") and self.max_body > 0:
            bounded = await self._bounded_body(scope, receive, send)
            if bounded is None:
                return
            receive = bounded
        cacheable = method == "GET" and path.startswith("/api/") and self.cache_bytes > 0
        key = self.cache_key(scope) if cacheable else None
        if key is not None and key in self.cache:
            self.cache.move_to_end(key)
            await self._send_cached(send, self.cache[key], if_none_match)
            return
        cache = next((v for prefix, v in _MAX_AGE.items() if path.startswith(prefix)),
                     b"public, max-age=60")
        start: dict[str, Any] = {}
        body = bytearray()

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            status = start["status"]
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in
                       (b"content-security-policy", b"x-content-type-options",
                        b"referrer-policy", b"x-frame-options")]
            headers += _SECURITY
            if method in ("GET", "HEAD") and status == 200:
                etag = b'"' + hashlib.blake2b(bytes(body), digest_size=12).hexdigest().encode() \
                    + b'"'
                headers += [(b"etag", etag), (b"cache-control", cache)]
                if key is not None and len(body) <= _CACHE_MAX_BODY:
                    self._store(key, (headers, bytes(body), etag))
                if if_none_match and etag in [t.strip() for t in if_none_match.split(b",")]:
                    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                    await send({"type": "http.response.start", "status": 304,
                                "headers": headers})
                    await send({"type": "http.response.body", "body": b""})
                    return
            elif status >= 400:
                headers.append((b"cache-control", b"no-store"))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": bytes(body)})

        await self.app(scope, receive, wrapped)
