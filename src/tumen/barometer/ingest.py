"""Ingest GDELT event files into a Parquet dataset registered in a DuckDB catalogue.

Per file: unzip in Python (DuckDB would need an extension that downloads itself), check every
line (column count, numbers, UTF-8), write the good lines to Parquet partitioned by event year,
then register the file in one transaction. Malformed lines are counted and reported with their
line numbers, never dropped silently. A file already registered (same name and SHA-256) is
skipped. Queries read only registered Parquet parts, so an interrupted ingest leaves the dataset
as it was before that file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from tumen.barometer.layout import LAYOUTS, NUMERIC, snake
from tumen.errors import TumenError

__all__ = ["BarometerError", "Catalogue", "FileResult", "default_root", "ingest_files"]

_MAX_REPORTED = 20


class BarometerError(TumenError):
    """A barometer file or dataset problem; the message says which file and why."""


@dataclass
class FileResult:
    path: str
    status: str  # ingested, skipped, failed
    layout: str = ""
    rows: int = 0
    malformed: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, reason), first few
    error: str = ""


def default_root() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tumen" / "barometer"


class Catalogue:
    """The DuckDB catalogue of ingested files and their Parquet parts, under `root`."""

    def __init__(self, root: Path, create: bool = True) -> None:
        import duckdb

        self.root = Path(root)
        if not create and not (self.root / "catalogue.duckdb").is_file():
            raise BarometerError(f"nothing ingested under {self.root}: run 'tumen barometer "
                                 "ingest' first")
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "events").mkdir(exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.root / "catalogue.duckdb"))
        except duckdb.Error as exc:
            raise BarometerError(f"cannot open the catalogue in {self.root}: {exc}") from exc
        self.con.execute("CREATE TABLE IF NOT EXISTS ingested (sha256 VARCHAR PRIMARY KEY, "
                         "name VARCHAR, layout VARCHAR, gdelt_version INTEGER, rows BIGINT, "
                         "malformed BIGINT, ingested_at TIMESTAMP)")
        self.con.execute("CREATE TABLE IF NOT EXISTS parts (sha256 VARCHAR, path VARCHAR)")

    def close(self) -> None:
        self.con.close()

    def has(self, sha: str) -> bool:
        return bool(self.con.execute("SELECT count(*) FROM ingested WHERE sha256 = ?",
                                     [sha]).fetchone()[0])  # type: ignore[index]

    def parts(self) -> list[str]:
        rows = self.con.execute("SELECT path FROM parts ORDER BY path").fetchall()
        return [str(self.root / r[0]) for r in rows]


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _open_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        yield from fh


Check = list[tuple[int, Callable[[str], object]]]


def _check(fields: list[str], columns: list[str], checks: Check) -> str:
    for index, kind in checks:
        value = fields[index]
        if value == "" and columns[index] not in ("SQLDATE", "QuadClass"):
            continue
        try:
            kind(value)
        except ValueError:
            return f"{columns[index]} is not a number: {value[:30]!r}"
    quad = fields[columns.index("QuadClass")]
    if quad not in ("1", "2", "3", "4"):
        return f"QuadClass must be 1–4, not {quad[:10]!r}"
    if len(fields[columns.index("SQLDATE")]) != 8:
        return "SQLDATE is not YYYYMMDD"
    return ""


def _validate(path: Path, out: IO[str], result: FileResult) -> tuple[int, list[str]]:
    """Write the good lines of `path` to `out`; return (layout column count, columns)."""
    count = 0
    columns: list[str] = []
    checks: Check = []
    for number, raw in enumerate(_open_lines(path), 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            _bad(result, number, "not UTF-8 text")
            continue
        fields = line.split("\t")
        if not count:
            if len(fields) not in LAYOUTS:
                raise BarometerError(f"{path}:{number}: {len(fields)} columns; GDELT event "
                                     "files have 57, 58 or 61")
            count = len(fields)
            result.layout, _, columns = LAYOUTS[count]
            checks = [(i, float if NUMERIC[c] == "DOUBLE" else int)
                      for i, c in enumerate(columns) if c in NUMERIC]
        if len(fields) != count:
            _bad(result, number, f"{len(fields)} columns where this file has {count}")
            continue
        reason = _check(fields, columns, checks)
        if reason:
            _bad(result, number, reason)
            continue
        out.write(line + "\n")
        result.rows += 1
    if not count:
        raise BarometerError(f"{path}: no rows")
    return count, columns


def _bad(result: FileResult, line: int, reason: str) -> None:
    result.malformed += 1
    if len(result.problems) < _MAX_REPORTED:
        result.problems.append((line, reason))


def _unzip(path: Path, target: Path) -> None:
    """Write the (single) text file of `path` to `target`, unzipping when it is a zip."""
    if path.suffix.lower() != ".zip":
        shutil.copyfile(path, target)
        return
    try:
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise BarometerError(f"{path}: a GDELT zip holds one file; this one holds "
                                     f"{len(members)}")
            with zf.open(members[0]) as fh, target.open("wb") as out:
                shutil.copyfileobj(fh, out, 1 << 22)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise BarometerError(f"{path}: truncated or damaged zip ({exc})") from exc


def _is_utf8(path: Path) -> bool:
    with path.open("rb") as fh:
        try:
            for chunk in iter(lambda: fh.read(1 << 24), b""):
                chunk.decode("utf-8")  # a split multi-byte character fails here, safely
        except UnicodeDecodeError:
            return False
    return True


def _layout_of(tsv: Path, path: Path) -> int:
    with tsv.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if raw.strip():
                count = raw.count(b"\t") + 1
                if count not in LAYOUTS:
                    raise BarometerError(f"{path}:{number}: {count} columns; GDELT event "
                                         "files have 57, 58 or 61")
                return count
    raise BarometerError(f"{path}: no rows")


def _fast(cat: Catalogue, tsv: Path, result: FileResult, count: int) -> str | None:
    """Read a clean file with DuckDB's CSV reader; None when any line fails a check, so the
    caller takes the line-by-line path that names each bad line."""
    import duckdb

    columns = LAYOUTS[count][2]
    spec = ", ".join(f"'{c}': 'VARCHAR'" for c in columns)
    scan = (f"read_csv('{tsv}', delim='\\t', quote='', escape='', header=false, "
            f"auto_detect=false, columns={{{spec}}}, strict_mode=true, null_padding=false)")
    checks = [f"(\"{c}\" IS NULL OR TRY_CAST(\"{c}\" AS {NUMERIC[c]}) IS NOT NULL)"
              for c in columns if c in NUMERIC]
    checks += ["\"QuadClass\" IN ('1', '2', '3', '4')", "length(\"SQLDATE\") = 8"]
    every = " AND ".join(checks)
    try:  # a first streaming pass only counts; nothing is materialised
        counts = cat.con.execute(f"SELECT count(*), count(*) FILTER (WHERE NOT ({every})) "
                                 f"FROM {scan}").fetchone()
    except duckdb.Error:
        return None
    assert counts is not None
    if counts[1]:
        return None
    result.rows = int(counts[0])
    select = ", ".join(  # every value was checked above, so a plain CAST cannot fail
        (f"CAST(\"{c}\" AS {NUMERIC[c]}) AS {snake(c)}" if c in NUMERIC
         else f"\"{c}\" AS {snake(c)}") for c in columns)
    return f"SELECT {select} FROM {scan}"


def _ingest_one(cat: Catalogue, path: Path, sha: str, result: FileResult) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=cat.root))
    moved: list[Path] = []
    try:
        tsv = staging / "rows.tsv"
        _unzip(path, tsv)
        rows_sql = None
        if _is_utf8(tsv):
            count = _layout_of(tsv, path)
            _, version, _ = LAYOUTS[count]
            rows_sql = _fast(cat, tsv, result, count)
        if rows_sql is None:  # the slow path: line by line, so each bad line is named
            checked = staging / "checked.tsv"
            with checked.open("w", encoding="utf-8") as out:
                count, columns = _validate(tsv, out, result)
            _, version, _ = LAYOUTS[count]
            spec = ", ".join(f"'{c}': 'VARCHAR'" for c in columns)
            select = ", ".join(
                (f"TRY_CAST(\"{c}\" AS {NUMERIC[c]}) AS {snake(c)}" if c in NUMERIC
                 else f"\"{c}\" AS {snake(c)}") for c in columns)
            rows_sql = (f"SELECT {select} FROM read_csv('{checked}', delim='\\t', quote='', "
                        f"escape='', header=false, auto_detect=false, columns={{{spec}}})")
        parts = staging / "parts"
        cat.con.execute(
            f"COPY (SELECT *, {version} AS gdelt_version, ? AS source_file FROM ({rows_sql})) "
            f"TO '{parts}' (FORMAT parquet, PARTITION_BY (year), "
            f"FILENAME_PATTERN '{sha[:16]}_{{i}}')", [path.name])
        relative = []
        for part in sorted(parts.rglob("*.parquet")):
            target_dir = cat.root / "events" / part.parent.name
            target_dir.mkdir(parents=True, exist_ok=True)
            target = target_dir / part.name
            os.replace(part, target)
            moved.append(target)
            relative.append(str(target.relative_to(cat.root)))
        cat.con.execute("BEGIN TRANSACTION")
        try:
            cat.con.executemany("INSERT INTO parts VALUES (?, ?)", [[sha, r] for r in relative])
            cat.con.execute("INSERT INTO ingested VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [sha, path.name, LAYOUTS[count][0], version, result.rows,
                             result.malformed, datetime.now()])
            cat.con.execute("COMMIT")
        except Exception:
            cat.con.execute("ROLLBACK")
            raise
        result.layout = LAYOUTS[count][0]
        result.status = "ingested"
    except BaseException:
        for target in moved:
            target.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def ingest_files(paths: Iterable[Path], root: Path | None = None,
                 progress: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Ingest each file; a failure is reported for that file and the others go on."""
    import duckdb

    cat = Catalogue(root or default_root())
    results = []
    try:
        for path in paths:
            path = Path(path)
            result = FileResult(str(path), "failed")
            try:
                if not path.is_file():
                    raise BarometerError(f"{path}: no such file")
                sha = _sha256(path)
                if cat.has(sha):
                    result.status = "skipped"
                else:
                    _ingest_one(cat, path, sha, result)
            except BarometerError as exc:
                result.error = str(exc)
            except duckdb.Error as exc:
                result.error = f"{path}: the rows could not be converted ({exc})"
            results.append(result)
            if progress:
                progress(result)
    finally:
        cat.close()
    return results


