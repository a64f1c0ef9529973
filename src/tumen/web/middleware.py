"""Response headers for every request (security headers, ETag, Cache-Control), and a cache of
API responses.

The knowledge base is immutable while the app runs, so a GET under /api/ with the same path and
query always has the same answer: the first answer is kept (up to CACHE_ENTRIES of them, least
recently used dropped first) and later requests are answered without running the app. A pure
ASGI middleware (no per-request task or stream copying), so it costs little under load.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CACHE_ENTRIES", "CSP", "HeadersMiddleware"]

CACHE_ENTRIES = 4096
_CACHE_MAX_BODY = 1 << 20

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


class HeadersMiddleware:
    def __init__(self, app: ASGIApp, cache_entries: int = CACHE_ENTRIES) -> None:
        self.app = app
        self.cache_entries = cache_entries
        self.cache: OrderedDict[tuple[str, bytes], Cached] = OrderedDict()

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
        if_none_match = b""
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value
        key = (path, scope.get("query_string", b""))
        cacheable = method == "GET" and path.startswith("/api/") and self.cache_entries > 0
        if cacheable and key in self.cache:
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
                if cacheable and len(body) <= _CACHE_MAX_BODY:
                    self.cache[key] = (headers, bytes(body), etag)
                    if len(self.cache) > self.cache_entries:
                        self.cache.popitem(last=False)
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
