"""An app over the mini knowledge base, and a client that talks HTTP to it in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tumen import load_kb
from tumen.web import create_app


@pytest.fixture
def client(mini_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(load_kb(mini_path))) as c:
        yield c


@pytest.fixture
def changed_client(make_kb):  # type: ignore[no-untyped-def]
    """changed_client(change) -> a client over the mini KB after `change(world)`."""

    def build(change):  # type: ignore[no-untyped-def]
        return TestClient(create_app(load_kb(make_kb(change))))

    return build


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    """Every API error has one shape: {"error": {"status", "message", "detail"}}."""
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "detail"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]
