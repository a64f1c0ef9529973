"""Compaction merges parts without changing any answer, atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tumen.barometer import SeriesQuery, barometer_series, compact, generate_files, ingest_files
from tumen.barometer import compaction as compact_module
from tumen.barometer.ingest import Catalogue
from tumen.cli.commands import cli


def parts(root: Path) -> list[Path]:
    return sorted((root / "events").rglob("*.parquet"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    files = generate_files(tmp_path / "in", files=4, rows=400)
    files += generate_files(tmp_path / "bad", files=1, rows=400, bad_rows=2, seed=9)
    ingest_files(files, tmp_path / "db")  # parts from both paths' writers
    return tmp_path / "db"


def series(root: Path) -> list[dict[str, object]]:
    """Both directions' series, floats rounded: DuckDB adds them up in any order."""
    rows = barometer_series(SeriesQuery("RUS", "PRK"), root) + \
        barometer_series(SeriesQuery("PRK", "RUS", directed=True, freq="year"), root)
    return [{k: round(v, 9) if isinstance(v, float) else v for k, v in r.items()} for r in rows]


def test_compaction_merges_parts_and_changes_no_answer(db: Path) -> None:
    before, count = series(db), len(parts(db))
    r = compact(db, rows_per_file=100_000, min_parts=1)
    years = {p.parent.name for p in parts(db)}
    assert len(parts(db)) == len(years) < count == r.parts_before
    assert r.parts_after == len(years) and r.rows == 2000
    assert series(db) == before
    cat = Catalogue(db, create=False)
    try:
        assert cat.parts() == [str(p) for p in parts(db)]  # the old files are gone
        shas = cat.con.execute("SELECT count(DISTINCT sha256) FROM parts").fetchone()
        assert shas == (5,)  # every file still owns its rows
    finally:
        cat.close()


def test_ingest_after_compaction_adds_and_skips(db: Path, tmp_path: Path) -> None:
    compact(db)
    again = ingest_files(sorted((tmp_path / "in").glob("*.zip")), db)
    assert {r.status for r in again} == {"skipped"}
    def dyad_rows() -> int:
        return sum(int(r["n"]) for r in barometer_series(SeriesQuery("RUS", "PRK"), db))

    before = dyad_rows()
    (new,) = generate_files(tmp_path / "more", files=1, rows=400, seed=3)
    assert ingest_files([new], db)[0].status == "ingested"
    assert dyad_rows() > before


def test_interrupted_compaction_changes_nothing(db: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    before, files = series(db), parts(db)

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(compact_module.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        compact(db)
    monkeypatch.undo()
    assert parts(db) == files and series(db) == before
    assert not list(db.glob(".staging-*"))


def test_cli_compact(db: Path) -> None:
    result = CliRunner().invoke(cli, ["barometer", "compact", "--db", str(db)])
    assert result.exit_code == 0 and "parts ->" in result.stdout
    missing = CliRunner().invoke(cli, ["barometer", "compact", "--db", str(db / "nope")])
    assert missing.exit_code == 1 and "nothing ingested" in missing.stderr
