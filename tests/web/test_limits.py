"""Memory and concurrency bounds of the API: the byte-capped response cache, 413 for over-size
bodies, and the bounded check pool (503 with Retry-After when it is full)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import assert_error_shape
from tumen import load_kb
from tumen.web import create_app


def _cache_of(app: Any) -> Any:
    middleware = app.middleware_stack
    while not hasattr(middleware, "cache"):
        middleware = middleware.app
    return middleware


def test_junk_query_parameters_do_not_make_cache_entries(mini_path: Path) -> None:
    app = create_app(load_kb(mini_path))
    with TestClient(app) as c:
        first = c.get("/api/v1/stats")
        for i in range(300):
            r = c.get(f"/api/v1/stats?junk{i}={i}&x=" + "y" * 50)
            assert r.status_code == 200 and r.content == first.content
        for i in range(100):
            assert c.get(f"/api/v1/events?per_page=5&zz{i}=1").status_code == 200
        cache = _cache_of(app)
        assert set(cache.cache) == {("/api/v1/stats", b""), ("/api/v1/events", b"per_page=5")}


def test_cache_key_is_the_sorted_declared_parameters(mini_path: Path) -> None:
    app = create_app(load_kb(mini_path))
    with TestClient(app) as c:
        a = c.get("/api/v1/events?per_page=5&page=1&bogus=1")
        b = c.get("/api/v1/events?page=1&per_page=5")
        assert a.content == b.content
        assert list(_cache_of(app).cache) == [("/api/v1/events", b"page=1&per_page=5")]


def test_cache_byte_cap_holds(mini_path: Path) -> None:
    cap = 20_000
    app = create_app(load_kb(mini_path), cache_bytes=cap)
    with TestClient(app) as c:
        for per_page in range(1, 60):
            assert c.get(f"/api/v1/events?per_page={per_page}").status_code == 200
            cache = _cache_of(app)
            assert cache.cache_size <= cap
        stored = sum(len(body) for _, body, _ in cache.cache.values())
        assert 0 < stored <= cap and len(cache.cache) < 59
        # the newest answer is kept, the oldest went first
        assert ("/api/v1/events", b"per_page=59") in cache.cache
        assert ("/api/v1/events", b"per_page=1") not in cache.cache


def test_oversize_body_refused_from_content_length(mini_path: Path) -> None:
    reached = []
    app = create_app(load_kb(mini_path), max_body_bytes=1000)

    @app.post("/api/v1/_probe", include_in_schema=False)
    async def probe() -> dict[str, str]:
        reached.append(1)
        return {}

    with TestClient(app) as c:
        r = c.post("/api/v1/check", content=b'{"text": "' + b"x" * 5000 + b'"}',
                   headers={"content-type": "application/json"})
        assert_error_shape(r, 413)
        assert_error_shape(c.post("/api/v1/_probe", content=b"x" * 1001), 413)
        assert not reached
        small = c.post("/api/v1/check", json={"text": "The legation opened in 1896."})
        assert small.status_code == 200


def test_oversize_chunked_body_refused_while_streaming(mini_path: Path) -> None:
    app = create_app(load_kb(mini_path), max_body_bytes=1000)
    pulled = 0

    def chunks():  # type: ignore[no-untyped-def]
        nonlocal pulled
        yield b'{"text": "'
        for _ in range(1000):
            pulled += 1
            yield b"x" * 100
        yield b'"}'

    with TestClient(app) as c:
        r = c.post("/api/v1/check", content=chunks(),
                   headers={"content-type": "application/json"})
        assert "content-length" not in r.request.headers
        assert_error_shape(r, 413)


def test_chunked_body_under_the_bound_is_accepted(mini_path: Path) -> None:
    app = create_app(load_kb(mini_path), max_body_bytes=1000)

    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"text": "The legation '
        yield b'opened in 1896."}'

    with TestClient(app) as c:
        r = c.post("/api/v1/check", content=chunks(),
                   headers={"content-type": "application/json"})
        assert r.status_code == 200 and r.json()["results"]


def test_full_check_pool_answers_503_with_retry_after(mini_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import tumen.check

    started, release = threading.Event(), threading.Event()
    real = tumen.check.check_text

    def blocking(kb, text, today=None):  # type: ignore[no-untyped-def]
        if "BLOCK" in text:
            started.set()
            assert release.wait(30)
        return real(kb, text, today)

    monkeypatch.setattr(tumen.check, "check_text", blocking)
    app = create_app(load_kb(mini_path), check_workers=1, check_queue=0)
    results: dict[str, Any] = {}
    with TestClient(app) as c:
        def first() -> None:
            results["first"] = c.post("/api/v1/check", json={"text": "BLOCK in 1896."})

        thread = threading.Thread(target=first)
        thread.start()
        try:
            assert started.wait(30)
            busy = c.post("/api/v1/check", json={"text": "The legation opened in 1896."})
            assert_error_shape(busy, 503)
            assert int(busy.headers["retry-after"]) > 0
            # other pages still answer while the check runs
            assert c.get("/api/v1/stats").status_code == 200
        finally:
            release.set()
            thread.join(30)
        assert results["first"].status_code == 200
        after = c.post("/api/v1/check", json={"text": "The legation opened in 1896."})
        assert after.status_code == 200
