"""The source policy: the domain registry, the validator's rules on it, and the figures
`tumen stats`, `tumen sources` and the pages report."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from tumen import validate_kb
from tumen.cli.commands import cli
from tumen.kb.knowledge_base import load_kb
from tumen.kb.problems import CODES, Problem
from tumen.kb.sourcing import Registry, coverage, host_of, weakest_events

MakeKB = Callable[..., Path]

#: The registry that makes the mini world valid under the policy.
DOMAINS: list[dict[str, Any]] = [
    {"id": "history.state.gov", "tier": "primary",
     "reason": "Office of the Historian, US Department of State"},
    {"id": "treaties.un.org", "tier": "primary", "reason": "United Nations Treaty Collection"},
    {"id": "kcnawatch.org", "tier": "copy", "category": "archive",
     "reason": "an archive of North Korean state media"},
    {"id": "docslib.org", "tier": "not-citable", "category": "pirate",
     "reason": "a document dump"},
    {"id": "peoplequiz.com", "tier": "weak", "kinds": ["reference"], "reason": "a quiz site"},
    {"id": "en.wikipedia.org", "tier": "reference", "reason": "Wikipedia"},
]


def with_policy(change: Callable[[dict[str, Any]], Any] | None = None
                ) -> Callable[[dict[str, Any]], None]:
    def apply(world: dict[str, Any]) -> None:
        world["domains"] = [dict(d) for d in DOMAINS]
        if change is not None:
            change(world)
    return apply


def problems_of(root: Path) -> list[Problem]:
    return validate_kb(root, today=date(2026, 12, 5))


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def line_of(root: Path, rel: str, needle: str) -> int:
    for i, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {rel}")


def source(world: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in world["sources"] if s["id"] == sid)


def test_mini_world_is_valid_under_the_policy(make_kb: MakeKB) -> None:
    assert problems_of(make_kb(with_policy())) == []


def test_without_a_registry_the_policy_is_off(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        source(w, "frus-1885")["url"] = "https://docslib.org/doc/1"
    assert problems_of(make_kb(change)) == []


@pytest.mark.parametrize("field", ["url", "archived"])
def test_unregistered_site_is_an_error(make_kb: MakeKB, field: str) -> None:
    root = make_kb(with_policy(
        lambda w: source(w, "frus-1885").__setitem__(field, "https://www.example.org/a")))
    p = only(problems_of(root))
    assert (p.code, p.path, p.record, p.field) == ("domain-unknown", "sources.yaml",
                                                    "frus-1885", field)
    assert "'example.org'" in p.message and "domains.yaml" in p.message


def test_url_on_a_copy_site_asks_for_the_original(make_kb: MakeKB) -> None:
    root = make_kb(with_policy(
        lambda w: source(w, "frus-1885").__setitem__("url", "https://kcnawatch.org/x")))
    p = only(problems_of(root))
    assert p.code == "domain-not-citable" and p.field == "url"
    assert p.line == line_of(root, "sources.yaml", "id: frus-1885")
    assert "keep this copy as 'archived'" in p.message


def test_url_on_a_pirate_library_is_an_error(make_kb: MakeKB) -> None:
    root = make_kb(with_policy(
        lambda w: source(w, "book-1990").__setitem__("url", "https://docslib.org/doc/9")))
    p = only(problems_of(root))
    assert p.code == "domain-not-citable" and p.record == "book-1990"
    assert "pirate" in p.message and "remove the link" in p.message


def test_archived_copy_on_a_copy_site_is_allowed(make_kb: MakeKB) -> None:
    root = make_kb(with_policy(
        lambda w: source(w, "frus-1885").__setitem__("archived", "https://kcnawatch.org/y")))
    assert problems_of(root) == []


def test_archived_copy_on_a_pirate_library_is_an_error(make_kb: MakeKB) -> None:
    root = make_kb(with_policy(
        lambda w: source(w, "book-1990").__setitem__("archived", "https://docslib.org/d")))
    p = only(problems_of(root))
    assert (p.code, p.field, p.record) == ("archived-not-citable", "archived", "book-1990")


def test_kind_must_agree_with_the_site(make_kb: MakeKB) -> None:
    root = make_kb(with_policy(lambda w: source(w, "frus-1885").__setitem__("kind", "news")))
    p = only(problems_of(root))
    assert (p.code, p.field) == ("kind-mismatch", "kind")
    assert "'news'" in p.message and "primary" in p.message


def test_a_domain_may_allow_several_kinds(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["domains"][0]["kinds"] = ["primary", "scholarly"]
        source(w, "frus-1885")["kind"] = "scholarly"
    assert problems_of(make_kb(with_policy(change))) == []


def test_too_many_weak_sources(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["sources"].append({"id": "quiz", "title": "Quiz", "kind": "reference",
                             "url": "https://peoplequiz.com/q"})
        w["events"]["soviet"][-1]["sources"].append("quiz")
    p = only(problems_of(make_kb(with_policy(change))))
    assert p.code == "weak-share" and p.path == "sources.yaml"
    assert "1 of 4 sources" in p.message


@pytest.mark.parametrize(("entry", "code", "field"), [
    ({"id": "www.example.org", "tier": "news", "reason": "r"}, "bad-id", "id"),
    ({"id": "Example.org", "tier": "news", "reason": "r"}, "bad-id", "id"),
    ({"id": "example.org", "tier": "famous", "reason": "r"}, "bad-value", "tier"),
    ({"id": "example.org", "tier": "news"}, "missing-field", "reason"),
    ({"id": "example.org", "tier": "copy", "reason": "r"}, "missing-field", "tier"),
    ({"id": "example.org", "tier": "copy", "category": "blog", "reason": "r"}, "bad-value",
     "category"),
    ({"id": "example.org", "tier": "news", "category": "mirror", "reason": "r"}, "bad-value",
     "category"),
    ({"id": "example.org", "tier": "copy", "category": "mirror", "kinds": ["news"],
      "reason": "r"}, "bad-value", "kinds"),
    ({"id": "example.org", "tier": "weak", "reason": "r"}, "missing-field", "kinds"),
    ({"id": "example.org", "tier": "news", "kinds": ["gossip"], "reason": "r"}, "bad-value",
     "kinds"),
    ({"id": "example.org", "tier": "news", "reason": "r", "url": "x"}, "unknown-field", "url"),
])
def test_malformed_registry_entry(make_kb: MakeKB, entry: dict[str, Any], code: str,
                                  field: str) -> None:
    root = make_kb(with_policy(lambda w: w["domains"].append(entry)))
    p = only(problems_of(root))
    assert (p.code, p.path, p.field) == (code, "domains.yaml", field)
    assert p.line > 0


def test_a_site_registered_twice(make_kb: MakeKB) -> None:
    root = make_kb(with_policy(lambda w: w["domains"].append(dict(DOMAINS[0]))))
    p = only(problems_of(root))
    assert p.code == "duplicate-id" and "history.state.gov" in p.message


def test_every_policy_code_is_documented() -> None:
    for code in ("domain-unknown", "domain-not-citable", "archived-not-citable",
                 "kind-mismatch", "weak-share", "landmark-unsourced", "coverage-low"):
        assert code in CODES


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.History.State.gov/x", "history.state.gov"),
    ("http://kcnawatch.org:8080/a?b", "kcnawatch.org"),
    ("not a url", ""),
    ("https://[::1", ""),
])
def test_host_of(url: str, host: str) -> None:
    assert host_of(url) == host


def test_weak_site_makes_a_source_weak_and_coverage_counts_it(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["sources"].append({"id": "quiz", "title": "Quiz", "kind": "reference",
                             "url": "https://peoplequiz.com/q"})
        w["events"]["soviet"][-1]["sources"] = ["quiz"]
    kb = load_kb(make_kb(with_policy(change)), strict=False)
    assert kb.tier(kb.source("quiz")) == "weak"
    figures = coverage(kb.events, kb.sources, kb.registry)
    assert (figures.events, figures.strong_events) == (5, 4)
    assert (figures.sources, figures.weak_sources) == (4, 1)
    assert figures.per_tier == {"primary": 2, "scholarly": 1, "news": 0, "reference": 0,
                                "weak": 1}
    rows = weakest_events(kb.events, kb.sources, kb.registry)
    assert rows[0].event.id == "aid-1950s" and rows[0].strong == 0
    assert rows[0].tiers == ("weak",)


def test_weakest_events_put_required_ones_first(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["sources"].append({"id": "wiki", "title": "Wiki", "kind": "reference",
                             "url": "https://en.wikipedia.org/wiki/X"})
        w["events"]["soviet"][-1]["sources"] = ["wiki"]   # aid, significance 1
        w["events"]["soviet"][0]["sources"] = ["wiki"]    # the 1961 treaty
    kb = load_kb(make_kb(with_policy(change)), strict=False)
    rows = weakest_events(kb.events, kb.sources, Registry([]), limit=2)
    assert [(r.event.id, r.required) for r in rows] == [("treaty-1961", True),
                                                       ("aid-1950s", False)]


def test_cli_sources_lists_the_weakest_first(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["sources"].append({"id": "wiki", "title": "Wiki", "kind": "reference",
                             "url": "https://en.wikipedia.org/wiki/X"})
        w["events"]["soviet"][0]["sources"] = ["wiki"]
    root = make_kb(with_policy(change))
    out = CliRunner().invoke(cli, ["--kb", str(root), "sources", "--json", "--limit", "1"])
    assert out.exit_code == 0, out.output
    assert "breaks the source policy in 1 place;" in out.stderr
    data = json.loads(out.stdout)
    assert data["coverage"]["events_with_primary_or_scholarly"] == 4
    assert data["coverage"]["landmarks_and_treaties"] == 3
    assert data["coverage"]["landmarks_and_treaties_with_primary_or_scholarly"] == 2
    assert [e["id"] for e in data["events"]] == ["treaty-1961"]
    assert data["events"][0]["source_tiers"] == ["reference"]
    text = CliRunner().invoke(cli, ["--kb", str(root), "sources", "--limit", "1"])
    assert text.exit_code == 0
    first = text.stdout.splitlines()[1]
    assert first.startswith("!") and "treaty-1961" in first


def test_cli_sources_refuses_a_bad_limit(make_kb: MakeKB) -> None:
    out = CliRunner().invoke(cli, ["--kb", str(make_kb(with_policy())), "sources",
                                   "--limit", "0"])
    assert out.exit_code == 2 and "--limit" in out.output


def test_stats_give_tier_counts(make_kb: MakeKB) -> None:
    out = CliRunner().invoke(cli, ["--kb", str(make_kb(with_policy())), "stats", "--json"])
    data = json.loads(out.output)
    assert data["sources_per_tier"] == {"primary": 2, "scholarly": 1, "news": 0,
                                        "reference": 0, "weak": 0}
    assert data["sourcing"]["events with a primary or scholarly source"] == 5


@pytest.fixture
def policy_client(make_kb: MakeKB) -> Any:
    from fastapi.testclient import TestClient

    from tumen.web.app import create_app

    def change(w: dict[str, Any]) -> None:
        source(w, "frus-1885")["archived"] = "https://kcnawatch.org/y"
    return TestClient(create_app(load_kb(make_kb(with_policy(change)))))


def test_source_page_shows_tier_and_site(policy_client: Any) -> None:
    page = BeautifulSoup(policy_client.get("/sources/frus-1885").text, "html.parser")
    assert page.select_one("dd.tier").get_text() == "primary: archive, government or " \
        "official record"
    assert page.select_one("dd.site").get_text().startswith("history.state.gov: Office of")
    assert "archive of North Korean state media" in page.select_one("span.site").get_text()


def test_event_page_tags_each_source_with_its_tier(policy_client: Any) -> None:
    page = BeautifulSoup(policy_client.get("/events/convention-1860").text, "html.parser")
    tags = [t.get_text() for t in page.select("li.source .tag")]
    assert tags == ["scholarly", "primary"]


def test_data_page_gives_the_tier_counts(policy_client: Any) -> None:
    page = BeautifulSoup(policy_client.get("/data").text, "html.parser")
    rows = {r.th.get_text(): r.td.get_text() for r in page.select("table.tiers tbody tr")}
    assert rows["primary: archive, government or official record"] == "2"
    assert rows["weak: citable, but trivia, a blog, a summary or state outlet"] == "0"


def test_api_gives_the_tier(policy_client: Any) -> None:
    body = policy_client.get("/api/v1/sources/frus-1885").json()
    assert body["tier"] == "primary" and body["site"]["domain"] == "history.state.gov"
    assert body["archived_site"]["tier"] == "copy"
    listed = {s["id"]: s["tier"] for s in policy_client.get("/api/v1/sources").json()}
    assert listed == {"frus-1885": "primary", "unts-6045": "primary", "book-1990": "scholarly"}


def test_cli_sources_refuses_a_knowledge_base_broken_beyond_the_policy(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["events"]["soviet"][0]["sources"] = ["no-such-source"]
    out = CliRunner().invoke(cli, ["--kb", str(make_kb(with_policy(change))), "sources"])
    assert out.exit_code == 1
    assert "no-such-source" in out.output and "[unknown-reference]" in out.output


def test_landmark_without_primary_or_scholarly_source(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["sources"].append({"id": "wiki", "title": "Wiki", "kind": "reference",
                             "url": "https://en.wikipedia.org/wiki/X"})
        w["events"]["soviet"][0]["sources"] = ["wiki"]    # the 1961 treaty
    root = make_kb(with_policy(change))
    p = only(problems_of(root))
    assert (p.code, p.record, p.field) == ("landmark-unsourced", "treaty-1961", "sources")
    assert p.path == "events/soviet.yaml"
    assert p.line == line_of(root, "events/soviet.yaml", "id: treaty-1961")
    assert "significance 3" in p.message


def test_a_weak_source_does_not_count_for_a_landmark(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["domains"].append({"id": "archive.example.org", "tier": "weak", "kinds": ["primary"],
                             "reason": "an unvetted upload site"})
        w["sources"].append({"id": "upload", "title": "Treaty text", "kind": "primary",
                             "url": "https://archive.example.org/treaty"})
        w["events"]["soviet"][0]["sources"] = ["upload"]
    codes = [p.code for p in problems_of(make_kb(with_policy(change)))]
    assert "landmark-unsourced" in codes


def test_coverage_below_the_floor(make_kb: MakeKB) -> None:
    def change(w: dict[str, Any]) -> None:
        w["sources"].append({"id": "wiki", "title": "Wiki", "kind": "reference",
                             "url": "https://en.wikipedia.org/wiki/X"})
        for events in w["events"].values():
            for e in events:
                if e.get("significance", 1) < 3 and e.get("type") not in ("treaty", "agreement"):
                    e["sources"] = ["wiki"]
    problems = problems_of(make_kb(with_policy(change)))
    low = [p for p in problems if p.code == "coverage-low"]
    assert len(low) == 1, [str(p) for p in problems]
    assert "the policy needs 80%" in low[0].message and "more" in low[0].message
