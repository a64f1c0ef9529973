"""HTTP conformance beyond what schemathesis samples: HEAD, 405 with Allow, documented errors."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.web.conftest import assert_error_shape


def test_head_works_on_every_get_route(client: TestClient) -> None:
    for path in ("/", "/api/v1/events", "/api/v1/stats", "/api/v1/events/treaty-1961",
                 "/api/openapi.json", "/static/timeline.js"):
        get, head = client.get(path), client.head(path)
        assert get.status_code == 200 and head.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers.get("etag") == get.headers.get("etag")
    assert client.head("/api/v1/events/nope").status_code == 404


def test_405_carries_allow(client: TestClient) -> None:
    r = client.delete("/api/v1/events")
    assert_error_shape(r, 405)
    assert "GET" in r.headers["allow"]
    r = client.get("/api/v1/check")
    assert r.status_code == 405 and r.headers["allow"] == "POST"


def test_openapi_documents_errors_and_response_models(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    error = spec["components"]["schemas"]["ErrorBody"]
    assert error["required"] == ["error"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            responses = op["responses"]
            ok = responses["200"]["content"]["application/json"]["schema"]
            assert ok and ok != {"type": "string"}, (method, path)
            for status in ("400", "422"):
                ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (method, path, status)
            if "{" in path:
                assert "404" in responses, path
    check = spec["paths"]["/api/v1/check"]["post"]["responses"]
    assert {"413", "503"} <= set(check) and "Retry-After" in check["503"]["headers"]


def test_real_422_body_matches_the_documented_shape(client: TestClient) -> None:
    error = assert_error_shape(client.get("/api/v1/events?per_page=0"), 422)
    assert isinstance(error["detail"], list)


def test_dates_the_document_admits_are_accepted(client: TestClient) -> None:
    for query in ("from=1950-02-31", "from=1990&to=1950", "from=0001&to=9999-12-31", "from="):
        assert client.get(f"/api/v1/events?{query}").status_code == 200, query
    assert_error_shape(client.get("/api/v1/events?from=1950~"), 422)
    swapped = client.get("/api/v1/events?from=1990&to=1950").json()
    straight = client.get("/api/v1/events?from=1950&to=1990").json()
    assert swapped == straight
