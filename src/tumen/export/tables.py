"""Tabular exports: one CSV of events, SQLite (usable with Datasette) and a Frictionless package.

The tables are defined once (`tables(kb)`) and written by both SQLite and the data package.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tumen.core.dates import EdtfDate
from tumen.kb.knowledge_base import KnowledgeBase

__all__ = ["Table", "tables", "write_csv", "write_datapackage", "write_sqlite"]

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "date": "TEXT",
              "boolean": "INTEGER"}


@dataclass
class Table:
    name: str
    description: str
    fields: list[tuple[str, str]]
    rows: list[tuple[Any, ...]]
    primary_key: list[str]
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)  # col, table, col


def _d(d: EdtfDate | None) -> tuple[str, str | None, str | None]:
    if d is None:
        return "", None, None
    return d.text, (d.lower.isoformat() if d.lower else None), \
        (d.upper.isoformat() if d.upper else None)


def _names(n: Any) -> tuple[str, str, str, str]:
    return (n.names.get("en", ""), n.names.get("ru", ""), n.names.get("ko", ""),
            " | ".join(n.aliases))


def tables(kb: KnowledgeBase) -> list[Table]:
    events = Table(
        "events", "One row per event; lists live in the link tables.",
        [("id", "string"), ("date", "string"), ("date_lower", "date"), ("date_upper", "date"),
         ("date_display", "string"), ("uncertain", "boolean"), ("approximate", "boolean"),
         ("title", "string"), ("summary", "string"), ("type", "string"),
         ("significance", "integer"), ("era", "string"), ("name_ru", "string"),
         ("name_ko", "string"), ("notes", "string")],
        [(e.id, *_d(e.date), e.date.display(), e.date.uncertain, e.date.approximate, e.title,
          e.summary, e.type, e.significance, e.period, e.names.get("ru", ""),
          e.names.get("ko", ""), e.notes) for e in kb.events],
        ["id"], [("era", "eras", "id")],
    )
    eras = Table(
        "eras", "The eras of the chronology.",
        [("id", "string"), ("title", "string"), ("date", "string"), ("date_lower", "date"),
         ("date_upper", "date"), ("intro", "string")],
        [(p.id, p.title, *_d(p.date), p.intro) for p in kb.periods], ["id"],
    )
    named = [("name_en", "string"), ("name_ru", "string"), ("name_ko", "string"),
             ("aliases", "string")]
    actors = Table(
        "actors", "States, organisations and communities; side groups lineages.",
        [("id", "string"), *named, ("side", "string"), ("kind", "string"), ("date", "string"),
         ("date_lower", "date"), ("date_upper", "date"), ("description", "string")],
        [(a.id, *_names(a), a.side, a.kind, *_d(a.date), a.description)
         for a in kb.actors.values()], ["id"],
    )
    people = Table(
        "people", "People linked to events.",
        [("id", "string"), *named, ("born", "string"), ("died", "string"),
         ("description", "string")],
        [(p.id, *_names(p), p.born.text if p.born else "", p.died.text if p.died else "",
          p.description) for p in kb.people.values()], ["id"],
    )
    places = Table(
        "places", "Places linked to events, with WGS 84 coordinates.",
        [("id", "string"), *named, ("latitude", "number"), ("longitude", "number"),
         ("kind", "string"), ("description", "string")],
        [(p.id, *_names(p), p.coordinates[0] if p.coordinates else None,
          p.coordinates[1] if p.coordinates else None, p.kind, p.description)
         for p in kb.places.values()], ["id"],
    )
    sources = Table(
        "sources", "The bibliography.",
        [("id", "string"), ("title", "string"), ("kind", "string"), ("url", "string"),
         ("author", "string"), ("publisher", "string"), ("date", "string"),
         ("pages", "string"), ("notes", "string")],
        [(s.id, s.title, s.kind, s.url, s.author, s.publisher, s.date.text if s.date else "",
          s.pages, s.notes) for s in kb.sources.values()], ["id"],
    )
    links = [
        _link(kb, "event_actors", "actors", "actor_id", "actors"),
        _link(kb, "event_people", "people", "person_id", "people"),
        _link(kb, "event_places", "places", "place_id", "places"),
        _link(kb, "event_sources", "sources", "source_id", "sources"),
        _link(kb, "event_related", "related", "related_id", "events"),
        Table("event_themes", "Themes of each event.",
              [("event_id", "string"), ("theme", "string")],
              [(e.id, t) for e in kb.events for t in e.themes], ["event_id", "theme"],
              [("event_id", "events", "id")]),
    ]
    return [events, eras, actors, people, places, sources, *links]


def _link(kb: KnowledgeBase, name: str, attr: str, col: str, target: str) -> Table:
    return Table(
        name, f"Links from events to {target}, in the order the event lists them.",
        [("event_id", "string"), (col, "string"), ("position", "integer")],
        [(e.id, ref, i) for e in kb.events for i, ref in enumerate(getattr(e, attr), 1)],
        ["event_id", col], [("event_id", "events", "id"), (col, target, "id")],
    )


def _csv_value(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else v


def _write_table_csv(table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([name for name, _ in table.fields])
        for row in table.rows:
            writer.writerow([_csv_value(v) for v in row])


def write_csv(kb: KnowledgeBase, path: Path) -> None:
    """One CSV of events, lists joined with '; ', source URLs alongside source ids."""
    header = ["id", "date", "date_lower", "date_upper", "date_display", "title", "summary",
              "type", "themes", "actors", "people", "places", "significance", "era",
              "sources", "source_urls", "name_ru", "name_ko", "notes"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for e in kb.events:
            urls = [kb.sources[s].url for s in e.sources if s in kb.sources]
            writer.writerow([
                e.id, *(_csv_value(v) for v in _d(e.date)), e.date.display(), e.title,
                e.summary, e.type, "; ".join(e.themes), "; ".join(e.actors),
                "; ".join(e.people), "; ".join(e.places), e.significance, e.period,
                "; ".join(e.sources), " ".join(u for u in urls if u), e.names.get("ru", ""),
                e.names.get("ko", ""), e.notes,
            ])


def write_sqlite(kb: KnowledgeBase, path: Path) -> None:
    """A SQLite database with a table per record kind and link tables, in one transaction."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        with con:
            for table in tables(kb):
                cols = [f'"{n}" {_SQL_TYPES[t]}' for n, t in table.fields]
                cols.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in table.primary_key)
                            + ")")
                cols += [f'FOREIGN KEY ("{c}") REFERENCES "{t}"("{tc}")'
                         for c, t, tc in table.foreign_keys]
                con.execute(f'CREATE TABLE "{table.name}" ({", ".join(cols)})')
                marks = ", ".join("?" for _ in table.fields)
                con.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', table.rows)
                for c, _, _ in table.foreign_keys:
                    con.execute(f'CREATE INDEX "{table.name}_{c}" ON "{table.name}"("{c}")')
            con.execute("CREATE INDEX events_date ON events(date_lower, date_upper)")
    finally:
        con.close()


def _resources(kb: KnowledgeBase) -> Iterator[tuple[Table, dict[str, Any]]]:
    for table in tables(kb):
        schema: dict[str, Any] = {
            "fields": [{"name": n, "type": t} for n, t in table.fields],
            "primaryKey": table.primary_key,
            "missingValues": [""],
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": c, "reference": {"resource": t, "fields": tc}}
                for c, t, tc in table.foreign_keys
            ]
        yield table, {
            "name": table.name,
            "path": f"data/{table.name}.csv",
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }


def write_datapackage(kb: KnowledgeBase, directory: Path) -> None:
    """A Frictionless data package: datapackage.json and one CSV per table under data/."""
    (directory / "data").mkdir()
    resources = []
    for table, resource in _resources(kb):
        _write_table_csv(table, directory / resource["path"])
        resources.append(resource)
    package = {
        "name": "tumen",
        "title": "tumen: relations between Russia and Korea, a sourced chronology",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }
    (directory / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
