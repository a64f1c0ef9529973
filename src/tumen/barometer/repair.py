"""A damaged dataset found, named and repaired.

A Parquet part can go missing or be cut short (a disk fault, a hand-deleted file). The series
and `compact` then name the part and point here instead of failing with an engine's traceback;
`repair` drops every file whose rows lived in a damaged part from the catalogue (deleting its
remaining parts), so that re-ingesting those files restores the data. Staging folders left by a
killed ingest or compaction are removed on the next run that holds the catalogue."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["RepairResult", "clear_staging", "damaged_parts", "repair"]


@dataclass
class RepairResult:
    damaged: list[str] = field(default_factory=list)     # parts found missing or unreadable
    dropped: list[str] = field(default_factory=list)     # source files to ingest again
    removed_parts: int = 0


def clear_staging(root: Path) -> int:
    """Remove `.staging-*` folders under `root`; call only while holding the catalogue (its
    DuckDB file admits one writer, so no other run can be using them). Returns how many."""
    count = 0
    for stale in root.glob(".staging-*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
            count += 1
    return count


def _readable(path: Path) -> bool:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pq.read_metadata(path)
    except (OSError, pa.ArrowException):
        return False
    return True


def damaged_parts(root: Path, parts: list[str]) -> list[str]:
    """The parts (paths relative to `root`) that are missing or whose footer cannot be read."""
    return [p for p in parts if not (root / p).is_file() or not _readable(root / p)]


def damage_message(root: Path, damaged: list[str]) -> str:
    more = f" and {len(damaged) - 1} more" if len(damaged) > 1 else ""
    return (f"the barometer dataset in {root} is damaged: part '{damaged[0]}'{more} is missing "
            "or unreadable; run 'tumen barometer repair', then ingest the files it names again")


def repair(root: Path) -> RepairResult:
    """Drop the files whose rows sit in damaged parts, in one catalogue transaction."""
    from tumen.barometer.ingest import Catalogue

    cat = Catalogue(root, create=False)
    result = RepairResult()
    try:
        clear_staging(cat.root)
        stored = [r[0] for r in cat.con.execute("SELECT DISTINCT path FROM parts "
                                                "ORDER BY path").fetchall()]
        result.damaged = damaged_parts(cat.root, stored)
        if not result.damaged:
            return result
        shas = [r[0] for r in cat.con.execute(
            "SELECT DISTINCT sha256 FROM parts WHERE list_contains(?, path)",
            [result.damaged]).fetchall()]
        doomed = [r[0] for r in cat.con.execute(
            "SELECT DISTINCT path FROM parts WHERE list_contains(?, sha256)", [shas]).fetchall()]
        result.dropped = sorted(r[0] for r in cat.con.execute(
            "SELECT name FROM ingested WHERE list_contains(?, sha256)", [shas]).fetchall())
        with cat.transaction():
            cat.con.execute("DELETE FROM parts WHERE list_contains(?, sha256)", [shas])
            cat.con.execute("DELETE FROM ingested WHERE list_contains(?, sha256)", [shas])
        still = {r[0] for r in cat.con.execute("SELECT DISTINCT path FROM parts").fetchall()}
        for path in doomed:
            if path not in still:
                (cat.root / path).unlink(missing_ok=True)
                result.removed_parts += 1
    finally:
        cat.close()
    return result
