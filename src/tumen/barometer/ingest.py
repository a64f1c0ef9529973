"""Ingest GDELT event files into a Parquet dataset registered in a DuckDB catalogue.

Per file: read it once (hashed as read), unzip in memory, check every line (column count,
numbers, UTF-8, QuadClass, SQLDATE), write the good lines to Parquet partitioned by event year,
then register the file in one transaction. Clean files take the fast path (fastpath.py: Arrow
reads, checks and writes them in one pass, several files side by side); a file with any bad
line falls back to the slow path here, which goes line by line so malformed lines are counted
and reported with their line numbers, never dropped silently. A file already registered (same
SHA-256) is skipped. Queries read only registered Parquet parts, so an interrupted ingest
leaves the dataset as it was before that file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date as calendar_date
from datetime import datetime
from pathlib import Path
from typing import IO

from tumen.barometer.columns import LAYOUTS, NUMBER_TEXT, NUMERIC, snake
from tumen.barometer.fastpath import NotClean, read_clean, write_parts
from tumen.barometer.zipped import ZipProblem, unzip_one
from tumen.core.errors import BarometerError

__all__ = ["Catalogue", "FileResult", "default_root", "ingest_files"]

_MAX_REPORTED = 20


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

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block's statements as one transaction: all of them or, on error, none."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def has(self, sha: str) -> bool:
        return bool(self.con.execute("SELECT count(*) FROM ingested WHERE sha256 = ?",
                                     [sha]).fetchone()[0])  # type: ignore[index]

    def parts(self) -> list[str]:
        rows = self.con.execute("SELECT DISTINCT path FROM parts ORDER BY path").fetchall()
        return [str(self.root / r[0]) for r in rows]


def _open_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        yield from fh


Check = list[tuple[int, Callable[[str], object]]]


def _number(kind: str) -> Callable[[str], object]:
    pattern = re.compile(NUMBER_TEXT[kind])
    bits = {"INTEGER": 32, "BIGINT": 64}.get(kind)

    def check(value: str) -> object:
        if not pattern.fullmatch(value):
            raise ValueError("not a number")
        if bits is None:
            return float(value)
        number = int(value)
        if not -(2 ** (bits - 1)) <= number < 2 ** (bits - 1):
            raise ValueError(f"out of range for a {bits}-bit integer")
        return number
    return check


#: How the slow path checks each numeric type, so that DuckDB's CAST then converts exactly.
_KINDS = {kind: _number(kind) for kind in NUMBER_TEXT}


def _check(fields: list[str], columns: list[str], checks: Check) -> str:
    for index, kind in checks:
        value = fields[index]
        if value == "" and columns[index] not in ("SQLDATE", "QuadClass"):
            continue
        try:
            kind(value)
        except ValueError as exc:
            if "out of range" in str(exc):
                return f"{columns[index]} is {exc}: {value[:30]!r}"
            return f"{columns[index]} is not a number: {value[:30]!r}"
    quad = fields[columns.index("QuadClass")]
    if quad not in ("1", "2", "3", "4"):
        return f"QuadClass must be 1–4, not {quad[:10]!r}"
    sqldate = fields[columns.index("SQLDATE")]
    if not _real_date(sqldate):
        return f"SQLDATE {sqldate[:12]!r} is not a calendar date (YYYYMMDD)"
    return ""


def _real_date(text: str) -> bool:
    """True for eight digits naming a real day from year 1 on (20161340, 00000000 are not)."""
    if len(text) != 8 or not text.isdigit():
        return False
    try:
        calendar_date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return False
    return True


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
            checks = [(i, _KINDS[NUMERIC[c]]) for i, c in enumerate(columns) if c in NUMERIC]
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


def _text(path: Path, data: bytes) -> bytes:
    """The (single) text file of `path`, whose bytes are `data`, unzipped when it is a zip."""
    if path.suffix.lower() != ".zip":
        return data
    try:
        return unzip_one(data, path)
    except ZipProblem as exc:
        raise BarometerError(f"{path}: {exc}") from exc


def _layout_of(text: bytes, path: Path) -> int:
    for number, raw in enumerate(io.BytesIO(text), 1):
        if raw.strip():
            count = raw.count(b"\t") + 1
            if count not in LAYOUTS:
                raise BarometerError(f"{path}:{number}: {count} columns; GDELT event "
                                     "files have 57, 58 or 61")
            return count
    raise BarometerError(f"{path}: no rows")


def _prepare(path: Path, data: bytes, sha: str, staging: Path, result: FileResult) -> int | None:
    """Unzip and, when every line is clean, write the Parquet parts under `staging`/parts;
    return the layout's column count. None when the slow path must go over the file line by
    line (its text is then left in `staging`/rows.tsv). Runs in a worker thread: Arrow and
    ISA-L release the GIL, so files are read and written side by side."""
    text = _text(path, data)
    count = _layout_of(text, path)
    try:
        table = read_clean(text, count, LAYOUTS[count][1], path.name)
    except NotClean:
        (staging / "rows.tsv").write_bytes(text)
        return None
    del text  # the table holds the rows now; free the text before writing
    result.rows = table.num_rows
    write_parts(table, staging / "parts", f"{sha[:16]}_0")
    return count


def _slow(cat: Catalogue, path: Path, sha: str, staging: Path, result: FileResult) -> int:
    """The slow path: check line by line, naming each bad line; write the good ones to
    Parquet parts under `staging`/parts with DuckDB. Returns the layout's column count."""
    checked = staging / "checked.tsv"
    with checked.open("w", encoding="utf-8") as out:
        count, columns = _validate(staging / "rows.tsv", out, result)
    _, version, _ = LAYOUTS[count]
    spec = ", ".join(f"'{c}': 'VARCHAR'" for c in columns)
    select = ", ".join(  # every value was checked, so a plain CAST cannot fail
        (f"CAST(\"{c}\" AS {NUMERIC[c]}) AS {snake(c)}" if c in NUMERIC
         else f"\"{c}\" AS {snake(c)}") for c in columns)
    rows_sql = (f"SELECT {select} FROM read_csv('{checked}', delim='\\t', quote='', "
                f"escape='', header=false, auto_detect=false, columns={{{spec}}})")
    cat.con.execute(
        f"COPY (SELECT *, {version} AS gdelt_version, ? AS source_file FROM ({rows_sql})) "
        f"TO '{staging / 'parts'}' (FORMAT parquet, PARTITION_BY (year), "
        f"FILENAME_PATTERN '{sha[:16]}_{{i}}')", [path.name])
    return count


def _commit(cat: Catalogue, path: Path, sha: str, staging: Path, count: int,
            result: FileResult) -> None:
    """Move the staged parts into the dataset, then register them in one transaction; on any
    failure the moved parts are removed again, so queries never see part of a file."""
    moved: list[Path] = []
    try:
        relative = []
        for part in sorted((staging / "parts").rglob("*.parquet")):
            target_dir = cat.root / "events" / part.parent.name
            target_dir.mkdir(parents=True, exist_ok=True)
            target = target_dir / part.name
            os.replace(part, target)
            moved.append(target)
            relative.append(str(target.relative_to(cat.root)))
        layout, version, _ = LAYOUTS[count]
        with cat.transaction():
            cat.con.executemany("INSERT INTO parts VALUES (?, ?)", [[sha, r] for r in relative])
            cat.con.execute("INSERT INTO ingested VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [sha, path.name, layout, version, result.rows, result.malformed,
                             datetime.now()])
        result.layout = layout
        result.status = "ingested"
    except BaseException:
        for target in moved:
            target.unlink(missing_ok=True)
        raise


@dataclass
class _Job:
    result: FileResult
    path: Path
    sha: str = ""
    staging: Path | None = None
    future: Future[int | None] | None = None
    first: FileResult | None = None  # the same content earlier in this run


def ingest_files(paths: Iterable[Path], root: Path | None = None,
                 progress: Callable[[FileResult], None] | None = None,
                 workers: int | None = None) -> list[FileResult]:
    """Ingest each file; a failure is reported for that file and the others go on.

    Up to `workers` files (default: one per core, at most 4) are unzipped, checked and written
    side by side; each is then registered on its own, in the order given, so every file stays
    atomic and results and progress come in input order."""
    import duckdb

    cat = Catalogue(root or default_root())
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    from tumen.barometer.repair import clear_staging

    clear_staging(cat.root)  # left by a killed run; we hold the catalogue, so none is live
    run = Path(tempfile.mkdtemp(prefix=".staging-", dir=cat.root))
    results: list[FileResult] = []
    queue: deque[_Job] = deque()
    first_of: dict[str, FileResult] = {}

    def finish(job: _Job) -> None:
        try:
            if job.first is not None:
                if job.first.status in ("ingested", "skipped"):
                    job.result.status = "skipped"
                else:
                    job.result.error = (f"{job.path}: the same content as {job.first.path}, "
                                        "which failed")
            elif job.future is not None and job.staging is not None:
                count = job.future.result()
                if count is None:
                    count = _slow(cat, job.path, job.sha, job.staging, job.result)
                _commit(cat, job.path, job.sha, job.staging, count, job.result)
        except BarometerError as exc:
            job.result.error = str(exc)
        except duckdb.Error as exc:
            job.result.error = f"{job.path}: the rows could not be converted ({exc})"
        finally:
            if job.staging is not None:
                shutil.rmtree(job.staging, ignore_errors=True)
        results.append(job.result)
        if progress:
            progress(job.result)

    pool = ThreadPoolExecutor(workers, thread_name_prefix="tumen-ingest")
    try:
        for number, path in enumerate(map(Path, paths)):
            job = _Job(FileResult(str(path), "failed"), path)
            try:
                if not path.is_file():
                    raise BarometerError(f"{path}: no such file")
                data = path.read_bytes()  # read once: hashed here, unzipped by a worker
                job.sha = hashlib.sha256(data).hexdigest()
                if job.sha in first_of:
                    job.first = first_of[job.sha]
                elif cat.has(job.sha):
                    job.result.status = "skipped"
                else:
                    first_of[job.sha] = job.result
                    job.staging = run / str(number)
                    job.staging.mkdir()
                    job.future = pool.submit(_prepare, path, data, job.sha, job.staging,
                                             job.result)
            except (BarometerError, OSError) as exc:
                job.result.error = str(exc) if isinstance(exc, BarometerError) else \
                    f"{path}: cannot be read ({exc})"
            queue.append(job)
            while sum(j.future is not None for j in queue) > workers:
                finish(queue.popleft())
        while queue:
            finish(queue.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(run, ignore_errors=True)
        cat.close()
    return results
