"""The fast path of ingest: a clean GDELT file, read and written by Arrow in one pass.

It is optimistic. Arrow's CSV reader, given every column's type, raises on the first line with
a wrong column count, a value that is not a number, or bytes that are not UTF-8; the rules
Arrow does not know (QuadClass is 1–4, SQLDATE is eight digits, Year is given, numbers are
plain decimals as in layout.NUMBER_TEXT, the slow path's rule too) are checked on whole
columns. Anything wrong raises `NotClean`, and the caller takes the line-by-line slow path,
which names each bad line. Nothing is dropped here: a file passes every check, or none of its
rows is written by this path.

Measured per 250,000-row GDELT 2.0 file, one thread (benchmarks/RESULTS.md): Arrow reads and
checks it in ~0.16 s and writes its year partitions in ~0.2 s, where DuckDB's checked COPY
to partitioned Parquet took ~0.55 s; several files go through at once, one per worker thread.
The main year is filtered and written a slice at a time, and Arrow allocates from jemalloc:
together a third less CPU per file and a fifth less peak memory than one whole filtered copy
on the default pool.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tumen.barometer.columns import LAYOUTS, NUMBER_TEXT, NUMERIC, snake

__all__ = ["COMPRESSION", "NotClean", "dictionary_columns", "memory_pool", "read_clean",
           "write_parts"]

#: Parquet codec of the parts. Snappy, zstd, lz4 and none cost within 0.01 s of each other
#: per file; snappy keeps the parts at ~40% of uncompressed size.
COMPRESSION = "snappy"

_TYPES = {"INTEGER": "int32", "BIGINT": "int64", "DOUBLE": "float64"}

#: Rows of the main year filtered and written at a time: the part is written as row groups of
#: this size, without a second whole copy of the file in memory (5–15% less CPU per file).
SLICE_ROWS = 65_536


def memory_pool() -> Any:
    """Arrow's jemalloc pool where the wheel has it: with several files at once its cost per
    file is steadier than the default mimalloc's (benchmarks/RESULTS.md)."""
    import pyarrow as pa

    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:
        return pa.default_memory_pool()

#: Columns with (nearly) a value per row, where building a dictionary is wasted work (~15% of
#: the write); codes, dates and counts repeat and keep theirs, which also makes filters cheap.
_UNIQUE = re.compile(r"(name|url|feature_id|_lat|_long|global_event_id|avg_tone)$")


class NotClean(Exception):
    """The file has at least one line the fast path will not vouch for (internal: the
    ingest takes the slow path, never shown to a user)."""


def _calendar_dates(dates: Any) -> bool:
    """Every value names a real day: parsed and printed back unchanged (Arrow's strptime
    alone lets 20190230 through as 2 March)."""
    import pyarrow.compute as pc

    parsed = pc.strptime(dates, format="%Y%m%d", unit="s", error_is_null=True)
    if parsed.null_count:
        return False
    return bool(pc.all(pc.equal(pc.strftime(parsed, format="%Y%m%d"), dates)).as_py())


def read_clean(text: bytes, count: int, version: int, source: str) -> Any:
    """The rows of `text` (a whole GDELT file of `count` columns) as an Arrow table with the
    dataset's column names and types, or `NotClean`."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    columns = LAYOUTS[count][2]
    types = {c: (pa.float64() if NUMERIC.get(c) == "DOUBLE" else pa.string()) for c in columns}
    pool = memory_pool()
    try:
        table = pcsv.read_csv(
            memory_pool=pool, input_file=pa.py_buffer(text),
            read_options=pcsv.ReadOptions(column_names=columns, use_threads=False),
            parse_options=pcsv.ParseOptions(delimiter="\t", quote_char=False,
                                            escape_char=False, newlines_in_values=False),
            convert_options=pcsv.ConvertOptions(column_types=types, null_values=[""],
                                                strings_can_be_null=True, check_utf8=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise NotClean(str(exc)) from exc
    date, quad = table.column("SQLDATE"), table.column("QuadClass")
    if (table.num_rows == 0 or date.null_count or quad.null_count or table.column("Year").null_count
            or not pc.all(pc.equal(pc.binary_length(date), pa.scalar(8, pa.int32()))).as_py()
            or not pc.all(pc.is_in(quad, pa.array(["1", "2", "3", "4"]))).as_py()
            or not _calendar_dates(date)):
        raise NotClean("SQLDATE, QuadClass or Year")  # the slow path says which line
    for index, name in enumerate(columns):
        kind = NUMERIC.get(name)
        if kind is None:
            continue
        values = table.column(index)
        if kind == "DOUBLE":  # Arrow parsed it; the spellings it takes beyond ours: nan, inf
            ok = pc.all(pc.is_finite(values)).as_py()
        else:  # read as text, as Arrow's integers would also take hex; digits only is the
            # common case and 7× cheaper to check than the full rule
            ok = pc.all(pc.ascii_is_decimal(values)).as_py() is not False or pc.all(
                pc.match_substring_regex(values, f"^(?:{NUMBER_TEXT[kind]})$")).as_py()
        if ok is False:  # None: no values at all (every one empty), which is fine
            raise NotClean(f"{name} has a value that is not a number")
        if kind != "DOUBLE":
            try:
                values = pc.cast(values, pa.type_for_alias(_TYPES[kind]), memory_pool=pool)
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:  # out of range, or spaces
                raise NotClean(str(exc)) from exc
            table = table.set_column(index, name, values)
    rows = table.num_rows
    table = table.append_column("gdelt_version", pa.repeat(pa.scalar(version, pa.int32()), rows))
    table = table.append_column("source_file", pa.repeat(pa.scalar(source, pa.string()), rows))
    return table.rename_columns([snake(c) for c in table.column_names])


def dictionary_columns(names: list[str]) -> list[str]:
    """The columns worth a Parquet dictionary: all but those with a value per row."""
    return [name for name in names if not _UNIQUE.search(name)]


def write_parts(table: Any, out: Path, stem: str) -> list[Path]:
    """Write `table` as Parquet under `out`, one file `year=YYYY/<stem>.parquet` per event year
    (the hive layout DuckDB's PARTITION_BY writes, without the year column in the file)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    pool = memory_pool()
    year = table.column("year")
    body = table.drop_columns(["year"])
    counts = {e["values"]: e["counts"] for e in pc.value_counts(year).to_pylist()}
    main = max(counts, key=counts.__getitem__)
    is_main = pc.equal(year, pa.scalar(main, year.type), memory_pool=pool)
    parts = {}
    if len(counts) > 1:  # most rows are of one year: split off only the rest
        others = pc.invert(is_main)
        rest_year = pc.filter(year, others, memory_pool=pool)
        order = pc.sort_indices(rest_year, memory_pool=pool)  # one sort, then slices per year
        rest = pc.take(pc.filter(body, others, memory_pool=pool), order, memory_pool=pool)
        offset = 0
        for value in sorted(v for v in counts if v != main):
            parts[value] = rest.slice(offset, counts[value])
            offset += counts[value]
    dictionary = dictionary_columns(body.column_names)
    written = []
    for value in sorted({main, *parts}):
        target = out / f"year={value}" / f"{stem}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        if value in parts:
            pq.write_table(parts[value], target, compression=COMPRESSION,
                           use_dictionary=dictionary, write_statistics=dictionary)
        else:  # the main year, a slice at a time: filtered while the slice is fresh
            with pq.ParquetWriter(target, body.schema, compression=COMPRESSION,
                                  use_dictionary=dictionary,
                                  write_statistics=dictionary) as writer:
                for start in range(0, body.num_rows, SLICE_ROWS):
                    piece = body.slice(start, SLICE_ROWS)
                    if len(counts) > 1:
                        piece = pc.filter(piece, is_main.slice(start, SLICE_ROWS),
                                          memory_pool=pool)
                    writer.write_table(piece)
        written.append(target)
    return written
