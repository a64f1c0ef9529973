"""The JSON API through a real HTTP client: status, content type, structure, errors, caching."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import assert_error_shape
from tests.web.test_limits import _cache_of


def test_events_list_with_filters_and_paging(client: TestClient) -> None:
    r = client.get("/api/v1/events", params={"actor": "russia", "from": "1950", "to": "1960",
                                             "per_page": 1, "page": 2})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["total"] == 2 and body["page"] == 2 and body["per_page"] == 1
    assert [e["id"] for e in body["events"]] == ["war-1950"]


def test_event_detail_resolves_links(client: TestClient) -> None:
    body = client.get("/api/v1/events/treaty-1961").json()
    assert body["date"]["display"] == "6 July 1961"
    assert body["links"]["sources"][0]["url"] == "https://treaties.un.org/"
    assert body["links"]["people"][0]["names"]["ko"] == "김일성"
    assert body["links"]["related"][0]["id"] == "war-1950"


def test_search_in_korean(client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"q": "김일성"}).json()
    assert {e["id"] for e in body["events"]} == {"war-1950", "treaty-1961"}
    assert all(e["score"] > 0 for e in body["events"])


@pytest.mark.parametrize("path,key", [
    ("/api/v1/eras", "early"), ("/api/v1/actors", "PRK"), ("/api/v1/people", "kim-il-sung"),
    ("/api/v1/places", "moscow"), ("/api/v1/sources", "unts-6045"),
])
def test_collections(client: TestClient, path: str, key: str) -> None:
    assert key in [item["id"] for item in client.get(path).json()]


@pytest.mark.parametrize("path", ["/api/v1/eras/soviet", "/api/v1/actors/PRK",
                                  "/api/v1/people/kim-il-sung", "/api/v1/places/moscow",
                                  "/api/v1/sources/unts-6045"])
def test_records_list_their_events(client: TestClient, path: str) -> None:
    assert client.get(path).json()["events"]


def test_stats(client: TestClient) -> None:
    assert client.get("/api/v1/stats").json()["totals"]["events"] == 5


@pytest.mark.parametrize("params,fragment", [
    ({"from": "1961-13"}, "from"),
    ({"from": "x" * 41}, "from"),
    ({"significance": "9"}, "significance"),
    ({"per_page": "1000"}, "per_page"),
    ({"page": "0"}, "page"),
    ({"actor": "Narnia"}, "unknown actor"),
    ({"theme": "space"}, "unknown theme"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_parameters_give_422_never_500(client: TestClient, params: dict[str, str],
                                           fragment: str) -> None:
    error = assert_error_shape(client.get("/api/v1/events", params=params), 422)
    assert fragment in error["message"]


def test_unknown_event_404_with_suggestion(client: TestClient) -> None:
    error = assert_error_shape(client.get("/api/v1/events/treaty-1962"), 404)
    assert error["detail"]["suggestions"] == ["treaty-1961"]


def test_unknown_api_path_404(client: TestClient) -> None:
    assert_error_shape(client.get("/api/v1/nothing-here"), 404)


def test_search_needs_a_query(client: TestClient) -> None:
    assert_error_shape(client.get("/api/v1/search"), 422)


def test_etag_and_cache_control(client: TestClient) -> None:
    r = client.get("/api/v1/events/treaty-1961")
    etag = r.headers["etag"]
    assert r.headers["cache-control"].startswith("public")
    again = client.get("/api/v1/events/treaty-1961", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/events" in spec["paths"] and "/api/v1/search" in spec["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text


def test_api_cache_answers_repeats_and_stays_bounded(mini_path) -> None:  # type: ignore[no-untyped-def]
    from tumen import load_kb
    from tumen.web import create_app

    app = create_app(load_kb(mini_path), cache_bytes=2 * 4096)
    with TestClient(app) as c:
        first = c.get("/api/v1/events/treaty-1961")
        again = c.get("/api/v1/events/treaty-1961")
        assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
        cached = c.get("/api/v1/events/treaty-1961", headers={"if-none-match":
                                                                first.headers["etag"]})
        assert cached.status_code == 304
        for event in ("war-1950", "aid-1950s", "legation-1885"):
            assert c.get(f"/api/v1/events/{event}").status_code == 200
        c.get("/api/v1/events/treaty-1962")  # errors are never cached
        middleware = _cache_of(app)
        assert 1 <= len(middleware.cache) < 5 and middleware.cache_size <= 2 * 4096
        assert all(path.startswith("/api/v1/events/") for path, _ in middleware.cache)
        assert ("/api/v1/events/treaty-1962", b"") not in middleware.cache


def test_api_cache_can_be_turned_off(mini_path) -> None:  # type: ignore[no-untyped-def]
    from tumen import load_kb
    from tumen.web import create_app

    with TestClient(create_app(load_kb(mini_path), cache_bytes=0)) as c:
        assert c.get("/api/v1/stats").status_code == 200
        assert c.get("/api/v1/stats").status_code == 200


def test_check_endpoint(client: TestClient) -> None:
    r = client.post("/api/v1/check", json={"text": "The Russian legation in Seoul opened in 1896."})
    assert r.status_code == 200
    assert r.json()["results"][0]["verdict"] == "contradicted"
    assert_error_shape(client.post("/api/v1/check", json={}), 422)
    assert_error_shape(client.post("/api/v1/check", json={"text": "x" * 100_001}), 422)
    assert_error_shape(client.post("/api/v1/check", json={"url": "ftp://x"}), 422)
    for url in ("http://127.0.0.1:9/x", "http://localhost/x", "http://10.0.0.1/", "http://[::1]/",
                "http://-\u0080", "http://169.254.169.254/latest", "http://2130706433/",
                "http://127.1/", "http://0x7f000001/", "http://0x7f.0.0.1/", "http://0/",
                "http://2852039166/latest"):
        error = assert_error_shape(client.post("/api/v1/check", json={"url": url}), 422)
        assert "refused" in error["message"] or "cannot be resolved" in error["message"] \
            or "no host" in error["message"], url
