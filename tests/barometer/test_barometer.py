"""The barometer end to end: layouts, ingest (idempotent, atomic, loud), series formulas."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tumen.barometer import SeriesQuery, barometer_series, generate_files, ingest_files
from tumen.barometer import ingest as ingest_module
from tumen.barometer.columns import LAYOUTS, snake
from tumen.cli.commands import cli
from tumen.core.errors import BarometerError


def row(layout: int = 61, **values: str) -> str:
    columns = LAYOUTS[layout][2]
    base = {c: "" for c in columns}
    base.update(GLOBALEVENTID="1", SQLDATE="20190115", MonthYear="201901", Year="2019",
                FractionDate="2019.04", Actor1CountryCode="RUS", Actor2CountryCode="PRK",
                IsRootEvent="1", EventCode="010", EventBaseCode="010", EventRootCode="01",
                QuadClass="1", GoldsteinScale="2.0", NumMentions="1", NumSources="1",
                NumArticles="1", AvgTone="1.0", DATEADDED="20190115000000")
    base.update(values)
    return "\t".join(base[c] for c in columns)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_layouts_and_names() -> None:
    assert sorted(LAYOUTS) == [57, 58, 61]
    assert LAYOUTS[58][2][-1] == "SOURCEURL" and "Actor1Geo_ADM2Code" in LAYOUTS[61][2]
    assert snake("Actor1CountryCode") == "actor1_country_code"
    assert snake("GLOBALEVENTID") == "global_event_id"


def test_series_formulas_on_a_hand_made_file(tmp_path: Path) -> None:
    f = write(tmp_path / "a.CSV", [
        row(QuadClass="1", GoldsteinScale="4.0", NumMentions="3", AvgTone="2.0"),
        row(QuadClass="2", GoldsteinScale="6.0", NumMentions="1", AvgTone="0.0",
            Actor1CountryCode="PRK", Actor2CountryCode="RUS"),
        row(QuadClass="4", GoldsteinScale="-10.0", NumMentions="1", AvgTone="-2.0"),
        row(Actor1CountryCode="USA", Actor2CountryCode="RUS"),
        row(Actor1CountryCode="USA", Actor2CountryCode="CHN"),
    ])
    (result,) = ingest_files([f], tmp_path / "db")
    assert result.status == "ingested" and result.rows == 5
    (month,) = barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "db")
    assert month["n"] == 3 and (month["q1"], month["q2"], month["q4"]) == (1, 1, 1)
    assert month["net_cooperation"] == pytest.approx((1 + 1 - 1) / 3)
    assert month["goldstein_sum"] == pytest.approx(0.0)
    assert month["goldstein_weighted"] == pytest.approx((4 * 3 + 6 - 10) / 5)
    assert month["tone_mean"] == pytest.approx(0.0)
    assert month["intensity"] == pytest.approx(3 * 10000 / 5)
    assert month["attention"] == pytest.approx(3 / 4)
    (directed,) = barometer_series(SeriesQuery("RUS", "PRK", directed=True), tmp_path / "db")
    assert directed["n"] == 2


def test_codes_keep_leading_zeros_and_quotes_survive(tmp_path: Path) -> None:
    import duckdb

    f = write(tmp_path / "a.CSV", [row(EventCode="0211", Actor1Name='KIM "JONG')])
    ingest_files([f], tmp_path / "db")
    con = duckdb.connect()
    parts = [str(p) for p in (tmp_path / "db" / "events").rglob("*.parquet")]
    code, name = con.execute("SELECT event_code, actor1_name FROM read_parquet(?)",
                             [parts]).fetchone()  # type: ignore[misc]
    assert (code, name) == ("0211", 'KIM "JONG')


def test_malformed_rows_are_counted_and_located(tmp_path: Path) -> None:
    f = write(tmp_path / "a.CSV", [row(), row(GoldsteinScale="high"), row()[:-40], row(),
                                   row(QuadClass="7")])
    (r,) = ingest_files([f], tmp_path / "db")
    assert r.status == "ingested" and r.rows == 2 and r.malformed == 3
    assert [line for line, _ in r.problems] == [2, 3, 5]
    assert "GoldsteinScale" in r.problems[0][1] and "QuadClass" in r.problems[2][1]


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    files = generate_files(tmp_path / "in", files=2, rows=200)
    first = ingest_files(files, tmp_path / "db")
    again = ingest_files(files, tmp_path / "db")
    assert [r.status for r in first] == ["ingested", "ingested"]
    assert [r.status for r in again] == ["skipped", "skipped"]
    total = sum(r["n"] for r in barometer_series(SeriesQuery("RUS", "PRK", freq="year"),
                                                 tmp_path / "db"))
    assert total > 0


@pytest.mark.parametrize("content,message", [
    (b"PK\x03\x04broken", "truncated or damaged zip"),
])
def test_bad_zip(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.export.CSV.zip"
    path.write_bytes(content)
    (r,) = ingest_files([path], tmp_path / "db")
    assert r.status == "failed" and message in r.error


def test_truncated_zip(tmp_path: Path) -> None:
    (good,) = generate_files(tmp_path / "in", files=1, rows=500)
    data = good.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    (r,) = ingest_files([cut], tmp_path / "db")
    assert r.status == "failed" and "zip" in r.error


def test_unknown_layout_and_encoding(tmp_path: Path) -> None:
    (r,) = ingest_files([write(tmp_path / "a.CSV", ["a\tb\tc"])], tmp_path / "db")
    assert r.status == "failed" and "3 columns" in r.error
    bad = tmp_path / "b.CSV"
    bad.write_bytes(row().encode() + b"\n" + row(Actor1Name="X").encode()[:-5] + b"\xff\xfe\n")
    (r,) = ingest_files([bad], tmp_path / "db")
    assert r.rows == 1 and r.problems == [(2, "not UTF-8 text")]


def test_interrupted_ingest_leaves_the_dataset_as_before(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = generate_files(tmp_path / "in", files=2, rows=300)
    ingest_files([first], tmp_path / "db")
    before = barometer_series(SeriesQuery("RUS", "PRK", freq="year"), tmp_path / "db")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest_module.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest_files([second], tmp_path / "db")
    monkeypatch.undo()
    after = barometer_series(SeriesQuery("RUS", "PRK", freq="year"), tmp_path / "db")
    # the same rows; float sums may differ in the last bits (DuckDB adds in any order)
    assert [r["period"] for r in after] == [r["period"] for r in before]
    for old, new in zip(before, after, strict=True):
        assert new == {k: pytest.approx(v, rel=1e-9) if isinstance(v, float) else v
                       for k, v in old.items()}
    assert not list((tmp_path / "db").glob(".staging-*"))


def test_version_splice_never_adds_1_and_2(tmp_path: Path) -> None:
    v1 = write(tmp_path / "v1.CSV", [row(58, DATEADDED="20150301"), row(58,
                                                                         DATEADDED="20150301")])
    v2 = write(tmp_path / "v2.CSV", [row(61)])
    old = write(tmp_path / "old.CSV", [row(58, SQLDATE="20141215", MonthYear="201412",
                                           Year="2014", DATEADDED="20141215")])
    ingest_files([v1, v2, old], tmp_path / "db")
    rows = barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "db")
    by_period = {r["period"]: r for r in rows}
    assert by_period["2019-01-01"]["n"] == 1 and by_period["2019-01-01"]["gdelt_version"] == 2
    assert by_period["2014-12-01"]["gdelt_version"] == 1
    assert by_period["2019-01-01"]["splice"] is True


def test_bad_queries(tmp_path: Path) -> None:
    with pytest.raises(BarometerError, match="nothing ingested"):
        barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "empty")
    with pytest.raises(BarometerError, match="3-letter"):
        barometer_series(SeriesQuery("Russia", "PRK"), tmp_path / "empty")
    with pytest.raises(BarometerError, match="frequency"):
        barometer_series(SeriesQuery("RUS", "PRK", freq="week"), tmp_path / "empty")


def test_cli_generate_ingest_show(tmp_path: Path) -> None:
    runner = CliRunner()
    gen = runner.invoke(cli, ["barometer", "generate", str(tmp_path / "in"), "--files", "2",
                              "--rows", "300"])
    assert gen.exit_code == 0
    files = gen.stdout.split()
    ing = runner.invoke(cli, ["barometer", "ingest", *files, "--db", str(tmp_path / "db")])
    assert ing.exit_code == 0 and ing.stdout.count("ingested") == 2
    show = runner.invoke(cli, ["barometer", "show", "rus", "prk", "--freq", "year",
                               "--format", "json", "--db", str(tmp_path / "db")])
    assert show.exit_code == 0
    rows = json.loads(show.stdout)
    assert rows and {"net_cooperation", "goldstein_mean", "z", "splice"} <= set(rows[0])
    for fmt in ("table", "csv", "chart"):
        out = runner.invoke(cli, ["barometer", "show", "RUS", "PRK", "--format", fmt,
                                  "--db", str(tmp_path / "db")])
        assert out.exit_code == 0 and out.stdout
    missing = runner.invoke(cli, ["barometer", "ingest", str(tmp_path / "nope.zip"), "--db",
                                  str(tmp_path / "db")])
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_generated_signal_is_planted(tmp_path: Path) -> None:
    files = generate_files(tmp_path / "in", files=4, rows=1500, start=date(2016, 1, 1),
                           end=date(2019, 12, 31))
    ingest_files(files, tmp_path / "db")
    rows = [r for r in barometer_series(SeriesQuery("RUS", "PRK", freq="year"),
                                        tmp_path / "db") if r["period"] >= "2016"]
    assert rows[-1]["net_cooperation"] > rows[0]["net_cooperation"]
    assert rows[-1]["n"] > rows[0]["n"]
    with zipfile.ZipFile(files[0]) as zf:
        assert zf.namelist()[0].endswith(".export.CSV")


def test_reading_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(BarometerError, match="nothing ingested"):
        barometer_series(SeriesQuery("RUS", "PRK"), tmp_path / "absent")
    assert not (tmp_path / "absent").exists()


@pytest.mark.filterwarnings("ignore::ResourceWarning",
                            "ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("engine", ["polars", "pyspark"])
def test_other_engines_agree_with_duckdb(tmp_path: Path, engine: str) -> None:
    files = generate_files(tmp_path / "in", files=3, rows=600)
    files += generate_files(tmp_path / "bad", files=1, rows=600, bad_rows=2, seed=5)
    results = ingest_files(files, tmp_path / "db")  # parts from both paths' writers
    assert [r.malformed for r in results] == [0, 0, 0, 2]
    for q in (SeriesQuery("RUS", "PRK"), SeriesQuery("PRK", "RUS", directed=True, freq="year"),
              SeriesQuery("RUS", "PRK", root_only=True, min_sources=2, freq="quarter")):
        duck = barometer_series(q, tmp_path / "db", engine="duckdb")
        polar = barometer_series(q, tmp_path / "db", engine=engine)
        assert len(duck) == len(polar) > 0
        for d, p in zip(duck, polar, strict=True):
            assert d.keys() == p.keys()
            for key, value in d.items():
                if isinstance(value, float):
                    assert p[key] == pytest.approx(value, rel=1e-9, abs=1e-12), (key, d["period"])
                else:
                    assert p[key] == value, (key, d["period"])
    if engine == "pyspark":  # close Spark and its sockets here, under this test's filters
        import gc

        from pyspark import SparkContext
        from pyspark.sql import SparkSession

        session = SparkSession.getActiveSession()
        if session is not None:
            session.stop()
        gateway = SparkContext._gateway
        if gateway is not None:
            gateway.shutdown()
            proc = getattr(gateway, "proc", None)
            if proc is not None:  # the JVM's pipe, else it is reported at exit
                proc.stdin.close()
                proc.wait(timeout=30)
            SparkContext._gateway = None
            SparkContext._jvm = None
        gc.collect()


@pytest.mark.filterwarnings("ignore:fetch_arrow_table:DeprecationWarning")
def test_the_same_query_compiles_to_bigquery_sql(tmp_path: Path) -> None:
    import ibis

    from tumen.barometer.series import period_table

    (f,) = generate_files(tmp_path / "in", files=1, rows=50)
    ingest_files([f], tmp_path / "db")
    parts = [str(p) for p in (tmp_path / "db" / "events").rglob("*.parquet")]
    schema = ibis.duckdb.connect().read_parquet(parts, hive_partitioning=True).schema()
    events = ibis.table(schema, name="gdelt-bq.gdeltv2.events")
    sql = ibis.to_sql(period_table(events, SeriesQuery("RUS", "PRK")), dialect="bigquery")
    assert "`gdelt-bq.gdeltv2.events`" in sql or "gdelt-bq" in sql
    assert "GROUP BY" in sql and "'RUS'" in sql and "'PRK'" in sql


def test_unknown_engine(tmp_path: Path) -> None:
    with pytest.raises(BarometerError, match="unknown engine"):
        barometer_series(SeriesQuery("RUS", "PRK"), tmp_path, engine="spark")


def test_cli_reports_bad_rows_with_file_and_line(tmp_path: Path) -> None:
    (f,) = generate_files(tmp_path / "in", files=1, rows=100, bad_rows=2)
    result = CliRunner().invoke(cli, ["barometer", "ingest", str(f), "--db",
                                      str(tmp_path / "db")])
    assert result.exit_code == 0
    assert f"{f}:" in result.stderr and "rows/s" in result.stderr


def _rows(root: Path) -> list[tuple[object, ...]]:
    import duckdb

    parts = [str(p) for p in (root / "events").rglob("*.parquet")]
    return duckdb.connect().execute(
        "SELECT * EXCLUDE (source_file) FROM read_parquet(?, hive_partitioning=true) "
        "ORDER BY global_event_id", [parts]).fetchall()


def test_fast_and_slow_paths_write_the_same_rows(tmp_path: Path) -> None:
    old = {"SQLDATE": "20120301", "MonthYear": "201203", "Year": "2012"}
    good = [row(GLOBALEVENTID=str(i), **(old if i % 3 == 0 else {}), Actor2Name="",
                EventCode="0211", AvgTone="-1.5") for i in range(1, 8)]
    clean = write(tmp_path / "clean.CSV", good)
    dirty = write(tmp_path / "dirty.CSV", [*good[:3], row(QuadClass="9"), *good[3:]])
    (fast,) = ingest_files([clean], tmp_path / "fast")
    (slow,) = ingest_files([dirty], tmp_path / "slow")
    assert (fast.rows, fast.malformed, slow.rows, slow.malformed) == (7, 0, 7, 1)
    assert slow.problems == [(4, "QuadClass must be 1–4, not '9'")]
    assert _rows(tmp_path / "fast") == _rows(tmp_path / "slow")
    layout = sorted(p.parent.name for p in (tmp_path / "fast" / "events").rglob("*.parquet"))
    assert layout == ["year=2012", "year=2019"]


def test_an_integer_out_of_range_is_a_bad_line_not_a_null(tmp_path: Path) -> None:
    f = write(tmp_path / "a.CSV", [row(), row(NumMentions="3000000000")])
    (r,) = ingest_files([f], tmp_path / "db")
    assert r.rows == 1 and r.problems == [
        (2, "NumMentions is out of range for a 32-bit integer: '3000000000'")]


@pytest.mark.parametrize("column,value", [("NumSources", "0x10"), ("AvgTone", "nan"),
                                          ("GoldsteinScale", "inf"), ("NumArticles", "٣"),
                                          ("AvgTone", "1_000")])
def test_numbers_are_plain_decimals_in_either_path(tmp_path: Path, column: str,
                                                   value: str) -> None:
    f = write(tmp_path / "a.CSV", [row(), row(**{column: value}), row(NumMentions=" 7 ")])
    (r,) = ingest_files([f], tmp_path / "db")
    assert r.status == "ingested" and r.rows == 2
    assert r.problems == [(2, f"{column} is not a number: {value!r}")]


def test_files_go_side_by_side_but_report_in_order(tmp_path: Path) -> None:
    files = generate_files(tmp_path / "in", files=4, rows=300, bad_rows=0)
    bad = generate_files(tmp_path / "bad", files=1, rows=300, bad_rows=2, seed=7)[0]
    cut = tmp_path / "cut.zip"
    cut.write_bytes(files[0].read_bytes()[:1000])
    order = [files[0], bad, cut, files[1], files[0], files[2], files[3]]
    seen: list[str] = []
    results = ingest_files(order, tmp_path / "db", lambda r: seen.append(r.path), workers=3)
    assert [r.path for r in results] == seen == [str(p) for p in order]
    assert [r.status for r in results] == ["ingested", "ingested", "failed", "ingested",
                                           "skipped", "ingested", "ingested"]
    assert results[1].malformed == 2 and results[1].rows == 300
    assert [r.rows for r in results[3:]] == [300, 0, 300, 300]
    assert not list((tmp_path / "db").glob(".staging-*"))
