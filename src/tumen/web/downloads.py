"""Every export as a download, built on first request and kept in memory."""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tumen.export import export_kb
from tumen.kb.knowledge_base import KnowledgeBase

__all__ = ["DOWNLOADS", "Download", "build_download"]


@dataclass(frozen=True)
class Download:
    name: str
    format: str
    media_type: str
    title: str


DOWNLOADS = {d.name: d for d in (
    Download("tumen-events.csv", "csv", "text/csv; charset=utf-8", "Events as CSV"),
    Download("tumen.json", "json", "application/json", "The whole knowledge base as JSON"),
    Download("tumen-events.jsonl", "jsonl", "application/x-ndjson", "Events as JSON Lines"),
    Download("tumen-timelinejs.json", "timelinejs", "application/json",
             "TimelineJS 3 document"),
    Download("tumen.jsonld", "jsonld", "application/ld+json", "schema.org Events (JSON-LD)"),
    Download("tumen.sqlite", "sqlite", "application/vnd.sqlite3",
             "SQLite database (works with Datasette)"),
    Download("tumen-datapackage.zip", "datapackage", "application/zip",
             "Frictionless data package (datapackage.json and CSVs)"),
)}


def build_download(kb: KnowledgeBase, download: Download) -> bytes:
    """The bytes of one download, exported to a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="tumen-download-") as tmp:
        target = Path(tmp) / download.name
        if download.format != "datapackage":
            return export_kb(kb, download.format, target).read_bytes()
        folder = export_kb(kb, "datapackage", Path(tmp) / "tumen")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, f"tumen/{path.relative_to(folder)}")
        return buffer.getvalue()
