"""Document exports: JSON (loadable back), JSON Lines, TimelineJS 3 and schema.org JSON-LD."""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path
from typing import Any

from tumen.core.dates import EdtfDate, parse_date
from tumen.core.errors import ExportError
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.loader import Records
from tumen.kb.model import Actor, AltDate, Domain, Event, Period, Person, Place, Source
from tumen.query.serialize import event_dict, kb_dict

__all__ = [
    "read_json_export",
    "timelinejs_dict",
    "write_json",
    "write_jsonl",
    "write_jsonld",
    "write_timelinejs",
]

JSON_FORMAT = "tumen-kb/1"


def _write(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_json(kb: KnowledgeBase, path: Path) -> None:
    _write(path, {"format": JSON_FORMAT, **kb_dict(kb)})


def write_jsonl(kb: KnowledgeBase, path: Path) -> None:
    """One event per line, each self-contained (its era title and source records inlined)."""
    with path.open("w", encoding="utf-8") as fh:
        for e in kb.events:
            row = event_dict(e)
            era = kb.period_by_id.get(e.period)
            row["era_title"] = era.title if era else ""
            row["source_records"] = [
                {"id": s.id, "title": s.title, "url": s.url, "publisher": s.publisher}
                for s in (kb.sources.get(i) for i in e.sources) if s is not None
            ]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


# --- reading the JSON export back ----------------------------------------------------------

def _date(d: dict[str, Any] | None) -> EdtfDate | None:
    return parse_date(d["edtf"]) if d else None


def read_json_export(path: Path | str) -> KnowledgeBase:
    """Load a `tumen export --format json` file back into a KnowledgeBase."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportError(f"cannot read '{path}': {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise ExportError(f"'{path}' is not a tumen JSON export ({JSON_FORMAT})")
    try:
        return KnowledgeBase(_records(Path(path), data))
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportError(f"'{path}' is a damaged tumen JSON export: {exc!r}") from exc


def _records(path: Path, data: dict[str, Any]) -> Records:
    records = Records(path)
    for p in data["eras"]:
        d = _date(p["date"])
        assert d is not None
        records.periods.append(Period(p["id"], p["title"], d, p["intro"], p["names"]))
    for a in data["actors"]:
        records.actors.append(Actor(a["id"], a["names"], tuple(a["aliases"]), side=a["side"],
                                    kind=a["kind"], date=_date(a["date"]),
                                    description=a["description"],
                                    sources=tuple(a["sources"])))
    for p in data["people"]:
        records.people.append(Person(p["id"], p["names"], tuple(p["aliases"]),
                                     born=_date(p["born"]), died=_date(p["died"]),
                                     description=p["description"],
                                     sources=tuple(p["sources"]),
                                     family_name=p.get("family_name", "")))
    for p in data["places"]:
        coords = tuple(p["coordinates"]) if p["coordinates"] else None
        records.places.append(Place(p["id"], p["names"], tuple(p["aliases"]),
                                    coordinates=coords,
                                    kind=p["kind"], description=p["description"],
                                    sources=tuple(p["sources"])))
    for s in data["sources"]:
        records.sources.append(Source(s["id"], s["title"], s["kind"], s["url"], s["author"],
                                      s["publisher"], _date(s["date"]), s["pages"], s["notes"],
                                      title_en=s.get("title_en", ""),
                                      archived=s.get("archived", ""),
                                      container=s.get("container", ""),
                                      number=s.get("number", "")))
    if data.get("domains") is not None:  # exports from before the registry have none
        records.domains = [Domain(d["id"], d["tier"], d["reason"], tuple(d["kinds"]),
                                  d["category"]) for d in data["domains"]]
    for e in data["events"]:
        d = _date(e["date"])
        assert d is not None
        alt = tuple(AltDate(parse_date(a["date"]["edtf"]), tuple(a["sources"]), a["note"])
                    for a in e["alt_dates"])
        records.events.append(Event(
            id=e["id"], date=d, title=e["title"], summary=e["summary"], type=e["type"],
            themes=tuple(e["themes"]), actors=tuple(e["actors"]),
            significance=e["significance"], sources=tuple(e["sources"]), period=e["era"],
            people=tuple(e["people"]), places=tuple(e["places"]), related=tuple(e["related"]),
            names=e["names"], alt_dates=alt, notes=e["notes"],
        ))
    return records


# --- TimelineJS 3 --------------------------------------------------------------------------

def _tl_date(day: date, precision: str, display: str) -> dict[str, Any]:
    out: dict[str, Any] = {"year": day.year}
    if precision in ("month", "day"):
        out["month"] = day.month
    if precision == "day":
        out["day"] = day.day
    out["display_date"] = display
    return out


def _html(text: str) -> str:
    """Plain text as TimelineJS wants it: it renders headlines and texts as HTML."""
    return html.escape(text, quote=False)


def timelinejs_dict(kb: KnowledgeBase, today: date | None = None) -> dict[str, Any]:
    """The TimelineJS 3 JSON document: a title slide, one slide per event, the eras."""
    today = today or date.today()
    events = []
    for e in kb.events:
        lower = e.date.lower or date(1, 1, 1)
        slide: dict[str, Any] = {
            "unique_id": e.id,
            "start_date": _tl_date(lower, e.date.precision, e.date.display()),
            "text": {"headline": _html(e.title), "text": _html(e.summary)},
            "group": e.themes[0] if e.themes else e.type,
            "display_date": e.date.display(),
        }
        if e.date.interval and e.date.upper is not None and e.date.upper != lower:
            slide["end_date"] = _tl_date(e.date.upper, e.date.end_precision or "day", "")
            del slide["end_date"]["display_date"]
        events.append(slide)
    eras = []
    for p in kb.periods:
        lower, upper = p.date.lower or date(1, 1, 1), p.date.upper or today
        eras.append({
            "start_date": {"year": lower.year, "month": lower.month, "day": lower.day},
            "end_date": {"year": upper.year, "month": upper.month, "day": upper.day},
            "text": {"headline": _html(p.title)},
        })
    return {
        "title": {"text": {"headline": "Russia and Korea: a sourced chronology",
                           "text": f"{len(kb.events)} events from tumen"}},
        "events": events,
        "eras": eras,
    }


def write_timelinejs(kb: KnowledgeBase, path: Path) -> None:
    _write(path, timelinejs_dict(kb))


# --- schema.org JSON-LD --------------------------------------------------------------------

def _iso(d: EdtfDate, which: str) -> str | None:
    day = d.lower if which == "start" else d.upper
    if day is None:
        return None
    precision = d.precision if which == "start" else (d.end_precision or d.precision)
    if precision in ("year", "decade", "century"):
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def write_jsonld(kb: KnowledgeBase, path: Path) -> None:
    graph = []
    for e in kb.events:
        item: dict[str, Any] = {
            "@type": "Event",
            "@id": f"#event/{e.id}",
            "identifier": e.id,
            "name": e.title,
            "description": e.summary,
            "startDate": _iso(e.date, "start"),
            "keywords": [e.type, *e.themes],
        }
        if e.date.interval and e.date.upper is not None:
            item["endDate"] = _iso(e.date, "end")
        if e.names:
            item["alternateName"] = [
                {"@value": name, "@language": lang} for lang, name in e.names.items()
            ]
        about = [{"@type": "Organization" if kb.actors[a].kind != "state" else "Country",
                  "name": kb.actors[a].name, "identifier": a} for a in e.actors if a in kb.actors]
        about += [{"@type": "Person", "name": kb.people[p].name, "identifier": p}
                  for p in e.people if p in kb.people]
        if about:
            item["about"] = about
        places = []
        for pid in e.places:
            place = kb.places.get(pid)
            if place is None:
                continue
            entry: dict[str, Any] = {"@type": "Place", "name": place.name, "identifier": pid}
            if place.coordinates:
                entry["geo"] = {"@type": "GeoCoordinates", "latitude": place.coordinates[0],
                                "longitude": place.coordinates[1]}
            places.append(entry)
        if places:
            item["location"] = places
        citations = []
        for sid in e.sources:
            s = kb.sources.get(sid)
            if s is None:
                continue
            c: dict[str, Any] = {"@type": "CreativeWork", "name": s.title, "identifier": sid}
            if s.url:
                c["url"] = s.url
            if s.publisher:
                c["publisher"] = {"@type": "Organization", "name": s.publisher}
            if s.author:
                c["author"] = s.author
            citations.append(c)
        item["citation"] = citations
        graph.append(item)
    _write(path, {"@context": "https://schema.org", "@graph": graph})
