"""Exports of a knowledge base: CSV, JSON, JSON Lines, TimelineJS, JSON-LD, SQLite, data package.

Every export is written to a temporary name beside the target and renamed into place, so a
failed export never leaves a half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tumen.core.errors import ExportError
from tumen.core.files import atomic_dir, atomic_file
from tumen.export.documents import (
    read_json_export,
    write_json,
    write_jsonl,
    write_jsonld,
    write_timelinejs,
)
from tumen.export.tables import write_csv, write_datapackage, write_sqlite
from tumen.kb.knowledge_base import KnowledgeBase

__all__ = ["FORMATS", "export_kb", "read_json_export"]

FORMATS: dict[str, Callable[[KnowledgeBase, Path], None]] = {
    "csv": write_csv,
    "json": write_json,
    "jsonl": write_jsonl,
    "timelinejs": write_timelinejs,
    "jsonld": write_jsonld,
    "sqlite": write_sqlite,
}


def export_kb(kb: KnowledgeBase, fmt: str, output: Path | str) -> Path:
    """Write `kb` in format `fmt` to `output` atomically; return the path written."""
    output = Path(output)
    if fmt == "datapackage":
        with atomic_dir(output) as tmp:
            write_datapackage(kb, tmp)
        return output
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format '{fmt}' "
                          f"(one of: {', '.join([*FORMATS, 'datapackage'])})")
    if output.is_dir():
        raise ExportError(f"'{output}' is a directory; give a file name")
    with atomic_file(output) as tmp:
        FORMATS[fmt](kb, tmp)
    return output
