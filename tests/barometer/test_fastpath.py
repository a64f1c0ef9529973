"""The fast path vouches only for clean files; anything else is NotClean, never dropped."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tumen.barometer.columns import LAYOUTS, snake
from tumen.barometer.fastpath import NotClean, read_clean, write_parts

from .test_barometer import row


def text(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_a_clean_file_reads_with_the_dataset_types() -> None:
    table = read_clean(text(row(), row(EventCode="0211", Actor1Name='KIM "JONG')), 61, 2,
                       "a.zip")
    assert table.num_rows == 2
    assert table.column_names == [snake(c) for c in LAYOUTS[61][2]] + ["gdelt_version",
                                                                     "source_file"]
    types = {f.name: str(f.type) for f in table.schema}
    assert (types["sql_date"], types["quad_class"], types["global_event_id"]) == \
        ("int32", "int32", "int64")
    assert types["goldstein_scale"] == "double" and types["event_code"] == "string"
    first, second = table.to_pylist()
    assert first["sql_date"] == 20190115 and first["actor2_geo_type"] is None
    assert second["event_code"] == "0211" and second["actor1_name"] == 'KIM "JONG'
    assert second["gdelt_version"] == 2 and second["source_file"] == "a.zip"


@pytest.mark.parametrize("bad", [
    row(GoldsteinScale="high"),          # not a number
    row(NumMentions="3000000000"),       # out of range for INTEGER
    row()[:-40],                         # too few columns
    row() + "\textra",                   # too many columns
    row(NumSources="0x10"), row(GLOBALEVENTID="1e3"), row(AvgTone="nan"),
    row(GoldsteinScale="inf"), row(AvgTone="1_000"), row(NumArticles="٣"),
    row(QuadClass="7"), row(QuadClass=""),
    row(SQLDATE="2019011"), row(SQLDATE="2019O115"), row(Year=""),
])
def test_anything_unclean_is_refused(bad: str) -> None:
    with pytest.raises(NotClean):
        read_clean(text(row(), bad, row()), 61, 2, "a.zip")


def test_bytes_that_are_not_utf8_are_refused() -> None:
    with pytest.raises(NotClean):
        read_clean(text(row()) + row(Actor1Name="X").encode() + b"\xff\n", 61, 2, "a.zip")


def test_parts_are_one_file_per_year_in_the_hive_layout(tmp_path: Path) -> None:
    old = {"SQLDATE": "20120301", "MonthYear": "201203", "Year": "2012"}
    table = read_clean(text(row(), row(**old), row(), row(**old, GLOBALEVENTID="9")), 61, 2,
                       "a.zip")
    written = write_parts(table, tmp_path, "abc_0")
    assert [p.relative_to(tmp_path).as_posix() for p in written] == \
        ["year=2012/abc_0.parquet", "year=2019/abc_0.parquet"]
    old_rows = pq.read_table(written[0]).to_pylist()
    assert [r["global_event_id"] for r in old_rows] == [1, 9]
    assert "year" not in old_rows[0] and len(pq.read_table(written[1])) == 2
