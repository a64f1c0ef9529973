"""A damaged dataset is named, not a traceback; `repair` makes it whole again; a killed run's
staging folder does not outlive the next run; impossible dates never reach the series."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.barometer.test_barometer import row, write
from tumen.barometer import SeriesQuery, barometer_series, ingest_files
from tumen.barometer.compaction import compact
from tumen.barometer.ingest import Catalogue
from tumen.barometer.repair import repair
from tumen.cli.commands import cli
from tumen.core.errors import DamagedDataset


def _ingest(tmp_path: Path, name: str, sqldate: str = "20190115") -> Path:
    f = write(tmp_path / name, [row(SQLDATE=sqldate, GLOBALEVENTID=str(i)) for i in range(3)])
    (result,) = ingest_files([f], tmp_path / "db")
    assert result.status == "ingested", result.error
    return f


@pytest.mark.parametrize("bad", ["20161340", "00000000", "20190230", "2019011x"])
def test_an_impossible_date_is_a_malformed_line(tmp_path: Path, bad: str) -> None:
    f = write(tmp_path / "a.CSV", [row(), row(SQLDATE=bad), row()])
    (result,) = ingest_files([f], tmp_path / "db")
    assert (result.rows, result.malformed) == (2, 1)
    assert [(line, "SQLDATE" in why) for line, why in result.problems] == [(2, True)]
    (month,) = barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "db")
    assert month["n"] == 2


def test_a_poisoned_row_already_stored_is_left_out_of_the_series(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    _ingest(tmp_path, "a.CSV")
    cat = Catalogue(tmp_path / "db", create=False)
    (part,) = cat.parts()
    cat.close()
    table = pq.read_table(part)
    dates = table.column("sql_date").to_pylist()
    dates[0] = 20161340  # what an older ingest let through
    table = table.set_column(table.column_names.index("sql_date"), "sql_date",
                             pa.array(dates, table.schema.field("sql_date").type))
    pq.write_table(table, part)
    (month,) = barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "db")
    assert (month["period"], month["n"]) == ("2019-01-01", 2)


def test_a_missing_part_is_named_and_repaired(tmp_path: Path) -> None:
    a = _ingest(tmp_path, "a.CSV")
    _ingest(tmp_path, "b.CSV", "20200115")
    cat = Catalogue(tmp_path / "db", create=False)
    parts = cat.parts()
    cat.close()
    broken = next(p for p in parts if "2019" in p)
    Path(broken).unlink()
    with pytest.raises(DamagedDataset, match=r"damaged: part .*missing or unreadable.*repair"):
        barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "db")
    with pytest.raises(DamagedDataset, match="repair"):
        compact(tmp_path / "db")
    result = CliRunner().invoke(cli, ["barometer", "show", "RUS", "PRK",
                                      "--db", str(tmp_path / "db")])
    assert result.exit_code == 1 and "tumen barometer repair" in result.output
    assert "Traceback" not in result.output
    fixed = repair(tmp_path / "db")
    assert fixed.dropped == ["a.CSV"] and len(fixed.damaged) == 1
    assert [m["period"] for m in barometer_series(SeriesQuery("RUS", "PRK"),
                                                   tmp_path / "db")] == ["2020-01-01"]
    (again,) = ingest_files([a], tmp_path / "db")
    assert again.status == "ingested"
    assert len(barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "db")) == 2


def test_a_truncated_part_is_named(tmp_path: Path) -> None:
    _ingest(tmp_path, "a.CSV")
    cat = Catalogue(tmp_path / "db", create=False)
    (part,) = cat.parts()
    cat.close()
    data = Path(part).read_bytes()
    Path(part).write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedDataset, match="damaged"):
        barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "db")
    result = CliRunner().invoke(cli, ["barometer", "repair", "--db", str(tmp_path / "db")])
    assert result.exit_code == 0, result.output
    assert "a.CSV" in result.output


def test_a_killed_runs_staging_is_removed_by_the_next(tmp_path: Path) -> None:
    _ingest(tmp_path, "a.CSV")
    stale = tmp_path / "db" / ".staging-killed"
    (stale / "0").mkdir(parents=True)
    (stale / "0" / "rows.tsv").write_bytes(b"x" * 1000)
    _ingest(tmp_path, "b.CSV", "20200115")
    assert not stale.exists()
    assert not list((tmp_path / "db").glob(".staging-*"))


def test_the_series_is_the_same_to_the_last_digit_on_every_run(tmp_path: Path) -> None:
    tones = ["0.1", "0.2", "0.3", "1e-9", "123456.789", "-0.7", "2.35294117647059"]
    lines = [row(GLOBALEVENTID=str(i), AvgTone=tones[i % len(tones)],
                 GoldsteinScale=str((i % 21) - 10) + ".0", NumMentions=str(i % 5 + 1))
             for i in range(5000)]
    (result,) = ingest_files([write(tmp_path / "a.CSV", lines)], tmp_path / "db")
    assert result.status == "ingested"
    runs = {repr(barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "db"))
            for _ in range(5)}
    assert len(runs) == 1
