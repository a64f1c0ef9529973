"""The HTML pages: templates, context, links, languages, escaping and security headers."""

from __future__ import annotations

import json
import re

import pytest
from starlette.testclient import TestClient


def test_home(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.template.name == "home.html"  # type: ignore[attr-defined]
    assert {"eras", "stats", "landmarks"} <= set(r.context)  # type: ignore[attr-defined]
    assert 'href="/eras/soviet"' in r.text and 'href="/timeline"' in r.text


def test_treaty_reachable_from_home_in_three_clicks(client: TestClient) -> None:
    home = client.get("/").text
    assert 'href="/eras/soviet"' in home                      # click 1: the era
    era = client.get("/eras/soviet").text
    assert 'href="/events/treaty-1961"' in era                # click 2: the event
    assert client.get("/events/treaty-1961").status_code == 200


def test_event_page(client: TestClient) -> None:
    r = client.get("/events/treaty-1961")
    assert r.template.name == "event.html"  # type: ignore[attr-defined]
    assert {"record", "detail", "api_url"} <= set(r.context)  # type: ignore[attr-defined]
    assert "6 July 1961" in r.text and "https://treaties.un.org/" in r.text
    assert '<dd lang="ko">조소 우호 협조 및 호상 원조 조약</dd>' in r.text
    assert 'rel="alternate" type="application/json" href="/api/v1/events/treaty-1961"' in r.text


def test_disputed_date_is_shown(client: TestClient) -> None:
    r = client.get("/events/war-1950")
    assert "Sources disagree on the date" in r.text and "local time difference" in r.text


def test_era_intro_citations_link(client: TestClient) -> None:
    r = client.get("/eras/early")
    assert '<a href="/events/legation-1885"' in r.text and '<a href="/sources/frus-1885"' in r.text


@pytest.mark.parametrize("path,template,text", [
    ("/people/kim-il-sung", "person.html", '<dd lang="ru">Ким Ир Сен</dd>'),
    ("/places/moscow", "place.html", "55.7558"),
    ("/actors/PRK", "actor.html", '<dd lang="ko">조선민주주의인민공화국</dd>'),
    ("/sources/unts-6045", "source.html", "United Nations Treaty Series"),
    ("/people", "collection.html", "Kim Il Sung"),
    ("/charts", "charts.html", "<svg"),
    ("/data", "data.html", "/downloads/tumen.sqlite"),
    ("/about", "about.html", "CC BY 4.0"),
])
def test_pages(client: TestClient, path: str, template: str, text: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.template.name == template  # type: ignore[attr-defined]
    assert text in r.text


def test_timeline_filters_server_side_and_embeds_data(client: TestClient) -> None:
    r = client.get("/timeline", params={"actor": "korea", "theme": "military"})
    assert r.template.name == "timeline.html"  # type: ignore[attr-defined]
    listed = re.findall(r'data-id="([^"]+)"', r.text)
    assert listed == ["war-1950", "treaty-1961"]
    data = json.loads(re.search(r'id="timeline-data">(.*?)</script>', r.text, re.S).group(1))
    assert len(data["events"]) == 5 and data["sides"]["USSR"] == "russia"
    assert '<option value="korea" selected>' in r.text


def test_search_page_korean(client: TestClient) -> None:
    r = client.get("/search", params={"q": "김일성"})
    assert set(re.findall(r'data-id="([^"]+)"', r.text)) == {"war-1950", "treaty-1961"}


def test_bad_filter_on_a_page_is_a_styled_422(client: TestClient) -> None:
    r = client.get("/timeline", params={"from": "1961-13"})
    assert r.status_code == 422 and r.template.name == "error.html"  # type: ignore[attr-defined]
    assert "Traceback" not in r.text


@pytest.mark.parametrize("path", ["/nope", "/events/nope", "/things/x", "/static/../README.md",
                                  "/vendor/../../pyproject.toml", "/downloads/../../x",
                                  "/vendor/package.json"])
def test_not_found_and_no_traversal(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "pyproject" not in r.text and "[project]" not in r.text


def test_user_strings_are_escaped(client: TestClient) -> None:
    r = client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_kb_strings_are_escaped(changed_client) -> None:  # type: ignore[no-untyped-def]
    with changed_client(lambda w: w["events"]["soviet"][0].update(
            summary="Evil <script>alert('x')</script> summary </script><script>x()</script>")) as c:
        page = c.get("/events/treaty-1961").text
        assert "<script>alert" not in page and "&lt;script&gt;" in page
        timeline = c.get("/timeline").text
        assert "</script><script>x()" not in timeline


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1] \
        .split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert "<script>" not in r.text.replace('<script type="application/json"', "")


def test_no_inline_scripts_anywhere(client: TestClient) -> None:
    for path in ("/", "/timeline", "/events/treaty-1961", "/search?q=x", "/charts", "/api/docs"):
        html = client.get(path).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)


def test_downloads(client: TestClient) -> None:
    r = client.get("/downloads/tumen.sqlite")
    assert r.status_code == 200 and r.content.startswith(b"SQLite format 3")
    assert "attachment" in r.headers["content-disposition"]
    z = client.get("/downloads/tumen-datapackage.zip")
    assert z.content[:2] == b"PK"


def test_article_page_uses_the_composer(client: TestClient) -> None:
    r = client.get("/article", params={"length": "short"})
    assert r.status_code == 200 and r.template.name == "article.html"  # type: ignore[attr-defined]
    assert 'class="reading-time"' in r.text and 'id="fn-1"' in r.text
    era = client.get("/eras/soviet").text
    assert 'href="/article?era=soviet"' in era
    r = client.get("/article", params={"era": "soviet"})
    assert "Soviet years" in r.text and 'href="/events/treaty-1961"' in r.text


def test_article_with_nothing_selected_is_a_422_page(client: TestClient) -> None:
    r = client.get("/article", params={"theme": "nuclear"})
    assert r.status_code == 422 and "no events match" in r.text


def test_check_page(client: TestClient) -> None:
    assert client.get("/check").template.name == "check.html"  # type: ignore[attr-defined]
    r = client.post("/check", data={"text": "The Russian legation in Seoul opened in 1896."})
    assert r.status_code == 200 and 'class="claim verdict-contradicted"' in r.text
    assert 'class="also-close"' in r.text  # the next-closest events, for the editor to weigh
    assert client.post("/check", data={"text": ""}).status_code == 422


def test_citation_markers_in_notes_become_links(changed_client) -> None:  # type: ignore[no-untyped-def]
    with changed_client(lambda w: w["events"]["soviet"][0].update(
            notes="The text was registered later [@unts-6045].")) as c:
        page = c.get("/events/treaty-1961").text
        assert "[@unts-6045]" not in page and 'href="/sources/unts-6045"' in page


def test_barometer_page_with_landmarks(mini_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from tumen import load_kb
    from tumen.barometer import generate_files, ingest_files
    from tumen.web import create_app

    files = generate_files(tmp_path / "in", files=2, rows=400, start=date(1955, 1, 1),
                           end=date(1965, 12, 31))
    ingest_files(files, tmp_path / "db")
    app = create_app(load_kb(mini_path), barometer_root=tmp_path / "db")
    with TestClient(app) as c:
        r = c.get("/barometer", params={"freq": "year"})
        assert r.status_code == 200 and r.template.name == "barometer.html"  # type: ignore[attr-defined]
        assert 'class="series"' in r.text
        assert '<a href="/events/treaty-1961"><line' in r.text  # a landmark on the axis
        assert c.get("/barometer", params={"a": "R1"}).status_code == 422
        api = c.get("/api/v1/barometer", params={"freq": "year"}).json()
        assert api["a"] == "RUS" and api["series"] and "net_cooperation" in api["series"][0]
    empty = create_app(load_kb(mini_path), barometer_root=tmp_path / "none")
    with TestClient(empty) as c:
        r = c.get("/barometer")
        assert r.status_code == 200 and 'id="barometer-empty"' in r.text
        missing = c.get("/api/v1/barometer")
        assert missing.status_code == 404 and "nothing ingested" in str(missing.json())
