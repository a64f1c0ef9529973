"""Every export format: structure, round trip, validity, and atomic writes."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tumen import ExportError, load_kb
from tumen.export import export_kb, read_json_export
from tumen.export import tables as tables_module
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.query.serialize import kb_dict


@pytest.fixture
def kb(mini_path: Path) -> KnowledgeBase:
    return load_kb(mini_path)


def test_json_round_trip_equals_the_kb(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = export_kb(kb, "json", tmp_path / "kb.json")
    again = read_json_export(path)
    assert kb_dict(again) == kb_dict(kb)


def test_json_round_trip_of_the_shipped_kb(tmp_path: Path) -> None:
    shipped = load_kb()
    again = read_json_export(export_kb(shipped, "json", tmp_path / "kb.json"))
    assert kb_dict(again) == kb_dict(shipped)


@pytest.mark.parametrize("content,message", [
    ("{not json", "cannot read"), ('{"format": "other"}', "not a tumen JSON export"),
    ('{"format": "tumen-kb/1", "eras": [{}]}', "damaged"),
])
def test_reading_a_bad_json_export(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportError, match=message):
        read_json_export(path)


def test_jsonl_one_event_per_line(kb: KnowledgeBase, tmp_path: Path) -> None:
    lines = export_kb(kb, "jsonl", tmp_path / "e.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == [e.id for e in kb.events]
    assert rows[-1]["source_records"][0]["url"] == "https://treaties.un.org/"


def test_csv(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = export_kb(kb, "csv", tmp_path / "e.csv")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5
    treaty = next(r for r in rows if r["id"] == "treaty-1961")
    assert treaty["date_lower"] == "1961-07-06" and treaty["actors"] == "USSR; PRK"
    assert treaty["name_ko"] == "조소 우호 협조 및 호상 원조 조약"


def test_timelinejs_schema(kb: KnowledgeBase, tmp_path: Path) -> None:
    data = json.loads(export_kb(kb, "timelinejs", tmp_path / "t.json").read_text("utf-8"))
    assert set(data) == {"title", "events", "eras"}
    slides = {s["unique_id"]: s for s in data["events"]}
    assert slides["treaty-1961"]["start_date"] == {"year": 1961, "month": 7, "day": 6,
                                                   "display_date": "6 July 1961"}
    assert slides["war-1950"]["end_date"] == {"year": 1953, "month": 7, "day": 27}
    assert slides["aid-1950s"]["start_date"]["year"] == 1950
    assert "month" not in slides["aid-1950s"]["start_date"]
    for slide in data["events"]:
        assert isinstance(slide["start_date"]["year"], int)
        assert slide["text"]["headline"]
    assert data["eras"][0]["text"]["headline"] == "Early years"


def test_timelinejs_gets_titles_as_text(make_kb: Any, tmp_path: Path) -> None:
    # TimelineJS renders headlines and texts as HTML: a title's markup must arrive escaped
    def hostile(world: dict[str, Any]) -> None:
        world["events"]["early"][0]["title"] = "<img src=/x onerror=alert(1)> & Co"
        world["periods"][0]["title"] = "<b>Early</b>"

    kb = load_kb(make_kb(hostile), strict=False)
    data = json.loads(export_kb(kb, "timelinejs", tmp_path / "t.json").read_text("utf-8"))
    slides = {s["unique_id"]: s for s in data["events"]}
    assert slides["convention-1860"]["text"]["headline"] == \
        "&lt;img src=/x onerror=alert(1)&gt; &amp; Co"
    assert data["eras"][0]["text"]["headline"] == "&lt;b&gt;Early&lt;/b&gt;"


def test_jsonld_schema_org_events(kb: KnowledgeBase, tmp_path: Path) -> None:
    data = json.loads(export_kb(kb, "jsonld", tmp_path / "e.jsonld").read_text("utf-8"))
    assert data["@context"] == "https://schema.org"
    events = {e["identifier"]: e for e in data["@graph"]}
    treaty = events["treaty-1961"]
    assert treaty["@type"] == "Event" and treaty["startDate"] == "1961-07-06"
    assert treaty["location"][0]["geo"]["latitude"] == 55.7558
    assert treaty["citation"][0]["url"] == "https://treaties.un.org/"
    assert events["war-1950"]["endDate"] == "1953-07-27"
    assert events["legation-1885"]["startDate"] == "1885-10"


def test_sqlite_tables_and_links(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = export_kb(kb, "sqlite", tmp_path / "kb.db")
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"events", "eras", "actors", "people", "places", "sources", "event_actors",
            "event_people", "event_places", "event_sources", "event_related",
            "event_themes"} <= names
    assert con.execute("SELECT count(*) FROM events").fetchone() == (5,)
    rows = con.execute("SELECT e.id FROM events e JOIN event_people p ON p.event_id = e.id "
                       "WHERE p.person_id = 'kim-il-sung' ORDER BY e.date_lower").fetchall()
    assert rows == [("war-1950",), ("treaty-1961",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_datapackage_passes_frictionless(kb: KnowledgeBase, tmp_path: Path) -> None:
    from frictionless import Package

    out = export_kb(kb, "datapackage", tmp_path / "pkg")
    report = Package(str(out / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {p.name for p in (out / "data").iterdir()} >= {"events.csv", "event_sources.csv"}


def test_failed_export_leaves_old_file_and_no_temp(kb: KnowledgeBase, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "kb.db"
    target.write_text("old", encoding="utf-8")

    def broken(kb: KnowledgeBase) -> list[tables_module.Table]:
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(tables_module, "tables", broken)
    with pytest.raises(sqlite3.OperationalError):
        export_kb(kb, "sqlite", target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in out.iterdir()] == ["kb.db"]


def test_datapackage_replaces_existing_directory(kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "pkg"
    export_kb(kb, "datapackage", out)
    export_kb(kb, "datapackage", out)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["pkg"]


def test_export_errors(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_kb(kb, "csv", tmp_path / "missing" / "x.csv")
    with pytest.raises(ExportError, match="is a directory"):
        export_kb(kb, "csv", tmp_path)
    with pytest.raises(ExportError, match="unknown export format"):
        export_kb(kb, "xml", tmp_path / "x.xml")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="not a directory"):
        export_kb(kb, "datapackage", tmp_path / "file")
