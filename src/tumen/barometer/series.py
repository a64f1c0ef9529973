"""The relations barometer: per period, how much two countries cooperate or clash in GDELT.

Formulas (one row per period; n is the number of event rows in the dyad):
- counts and shares by QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal
  conflict, 4 material conflict), taken from the rows themselves;
- net cooperation = (q1 + q2 − q3 − q4) / n, in [−1, 1];
- Goldstein sum and mean, and the mention-weighted mean Σ(g·mentions)/Σ mentions (Goldstein
  1992 scale, −10 to +10, as coded in the rows);
- mean tone (AvgTone);
- intensity = n per 10,000 event rows of the period (all countries), so growth in GDELT's
  coverage does not read as growth in the relationship;
- attention = n / rows involving either country;
- z = (n − mean of n over the 24 preceding periods) / their standard deviation.
Dyads are defined on the actor country codes (CAMEO, e.g. RUS, PRK), never on geography codes,
whose FIPS values collide with ISO ones. The Soviet Union before 1991: the CAMEO codebook
(Schrodt, "CAMEO Event and Actor Codebook" v1.1b3, March 2012, Event Data Project, Penn State,
eventdata.psu.edu) builds state codes on the UN ISO-3166 alpha-3 list (its Table 9.1: RUS,
PRK, KOR, and no USSR), while its older KEDS actor list (Table 7.1) also has USR for the Union
of Soviet Socialist Republics; the copies of GDELT's own CAMEO country lookup we could find
(e.g. github.com/SinduKandula/NewsSearch, kafka/data_dict.py) list RUS and no USR. So a RUS
series over the 1979–1991 backfile is read as the Soviet Union's, and `show USR PRK` shows
whether any rows carry the older code. Rows count coverage, not distinct events: one event
reported many times can appear as several rows (Schrodt and Yonamine 2013).
GDELT 1.0 and 2.0 overlap from 2015; a period uses the newest version that has rows in it and
never adds the two, and the row where the version changes is marked as the splice.
Speed: the query reads every registered Parquet part, so run `tumen barometer compact` after
large ingests (benchmarks/RESULTS.md: 50M rows in 1,808 ingested parts vs. 38 compacted ones).
"""

from __future__ import annotations

import statistics
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tumen.barometer.ingest import Catalogue, default_root
from tumen.barometer.repair import damage_message, damaged_parts
from tumen.core.errors import BarometerError, DamagedDataset

__all__ = ["ENGINES", "FREQUENCIES", "SeriesQuery", "barometer_series",
           "period_table"]

FREQUENCIES = ("month", "quarter", "year")


@dataclass(frozen=True)
class SeriesQuery:
    a: str
    b: str
    start: date | None = None
    end: date | None = None
    freq: str = "month"
    directed: bool = False
    root_only: bool = False
    min_sources: int = 1


#: the integer units the sums are taken in (see period_table)
GOLDSTEIN_SCALE = 10
TONE_SCALE = 1_000_000
ENGINES = ("duckdb", "polars", "pyspark")


def period_table(t: Any, q: SeriesQuery) -> Any:
    """The one query of the barometer, as an Ibis expression over any table of ingested rows:
    per period and GDELT version, the counts and sums every metric is derived from. The same
    expression runs on DuckDB (default), Polars or PySpark, and compiles to BigQuery SQL for
    GDELT's public tables.

    Shaped for speed on DuckDB (benchmarks/RESULTS.md): rows are grouped by an integer month
    key (SQLDATE minus its day, no division, no date built per row); only the two counts every
    row takes part in (all rows, rows with either country) are computed over all rows, and the
    dyad's sums over the dyad's rows alone, joined on the month; months are then turned into
    periods (and rolled up to quarters or years) on that small table."""
    import ibis

    a1, a2 = t.actor1_country_code, t.actor2_country_code
    dyad = (a1 == q.a) & (a2 == q.b)
    if not q.directed:
        dyad = dyad | ((a1 == q.b) & (a2 == q.a))
    keep = dyad & (t.num_sources >= q.min_sources)
    if q.root_only:
        keep = keep & (t.is_root_event == 1)
    month = (t.sql_date - t.sql_date % 100).name("month")  # YYYYMM00

    def count(cond: Any) -> Any:
        return cond.ifelse(1, 0).sum()

    totals = t.group_by([month, t.gdelt_version]).aggregate(
        total=t.count(), either=count(a1.isin([q.a, q.b]) | a2.isin([q.a, q.b])))
    d = t.filter(keep)
    d_month = (d.sql_date - d.sql_date % 100).name("month")
    # Sums of floats depend on the order parallel workers add them in, so the same data gave
    # other last digits on each run: sum exact integers instead (Goldstein in tenths, as GDELT
    # gives it; tone in millionths) and scale back in _derive.
    goldstein = (d.goldstein_scale * GOLDSTEIN_SCALE).round().cast("int64")
    tone = (d.avg_tone * TONE_SCALE).round().cast("int64")
    dyads = d.group_by([d_month, d.gdelt_version]).aggregate(
        n=d.count(), q1=count(d.quad_class == 1), q2=count(d.quad_class == 2),
        q3=count(d.quad_class == 3), q4=count(d.quad_class == 4),
        goldstein_sum=goldstein.sum(), goldstein_count=d.goldstein_scale.count(),
        goldstein_mentions=(goldstein * d.num_mentions).sum(),
        mentions=d.num_mentions.sum(), tone_sum=tone.sum(), tone_count=d.avg_tone.count())
    m = totals.left_join(dyads, ["month", "gdelt_version"])
    # a month key that names no month (SQLDATE 20161340, 00000000 in a damaged or old
    # dataset) is left out here, on the small month table, rather than failing the query
    m = m.filter(((m.month // 100) % 100).between(1, 12) & (m.month // 10000 >= 1))
    year = (m.month // 10000).cast("int32")
    month_of_year = ((m.month // 100) % 100).cast("int32")
    if q.freq == "quarter":
        month_of_year = ((month_of_year - 1) // 3) * 3 + 1
    elif q.freq == "year":
        month_of_year = ibis.literal(1, "int32")
    m = m.mutate(period=ibis.date(year, month_of_year, 1))
    out = m.group_by(["period", "gdelt_version"]).aggregate(
        total=m.total.sum(), either=m.either.sum(),
        **{k: m[k].sum().coalesce(0) for k in ("n", "q1", "q2", "q3", "q4")},
        goldstein_sum=m.goldstein_sum.sum(), goldstein_count=m.goldstein_count.sum(),
        goldstein_mentions=m.goldstein_mentions.sum(), mentions=m.mentions.sum(),
        tone_sum=m.tone_sum.sum(), tone_count=m.tone_count.sum())
    return out.select(
        "period", "gdelt_version", "total", "either", "n", "q1", "q2", "q3", "q4",
        "goldstein_sum", "goldstein_count", "goldstein_mentions", "mentions", "tone_sum",
        "tone_count",
    ).order_by(["period", "gdelt_version"])


def _newest_version(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per period: the newest GDELT version present (1.0 and 2.0 are never added)."""
    chosen: dict[Any, dict[str, Any]] = {}
    for r in rows:
        if r["period"] not in chosen or r["gdelt_version"] > chosen[r["period"]]["gdelt_version"]:
            chosen[r["period"]] = r
    return [chosen[p] for p in sorted(chosen)]


def _ratio(total: Any, count: Any, scale: int) -> float | None:
    """An exact integer sum over its count, in the metric's own units; None without values."""
    if total is None or not count:
        return None
    return int(total) / (int(count) * scale)


def _derive(rows: list[dict[str, Any]], q: SeriesQuery) -> list[dict[str, Any]]:
    """The metrics of the module docstring from the per-period sums, oldest first."""
    out: list[dict[str, Any]] = []
    history: list[int] = []
    previous_version = None
    for r in rows:
        n = int(r["n"])
        period = r["period"]
        period = period.date() if hasattr(period, "date") else period
        prior = history[-24:]
        z = None
        if len(prior) >= 2 and statistics.stdev(prior) > 0:
            z = (n - statistics.fmean(prior)) / statistics.stdev(prior)
        history.append(n)
        rec = {
            "period": period.isoformat(), "n": n,
            **{k: int(r[k]) for k in ("q1", "q2", "q3", "q4")},
            **{f"{k}_share": (int(r[k]) / n if n else None) for k in ("q1", "q2", "q3", "q4")},
            "net_cooperation": ((int(r["q1"]) + int(r["q2"]) - int(r["q3"]) - int(r["q4"])) / n
                                if n else None),
            "goldstein_sum": int(r["goldstein_sum"] or 0) / GOLDSTEIN_SCALE if n else None,
            "goldstein_mean": _ratio(r["goldstein_sum"], r["goldstein_count"], GOLDSTEIN_SCALE),
            "goldstein_weighted": _ratio(r["goldstein_mentions"], r["mentions"],
                                         GOLDSTEIN_SCALE),
            "tone_mean": _ratio(r["tone_sum"], r["tone_count"], TONE_SCALE),
            "intensity": n * 10000.0 / int(r["total"]),
            "attention": n / int(r["either"]) if int(r["either"]) else None,
            "z": z,
            "gdelt_version": int(r["gdelt_version"]),
            "splice": previous_version is not None and int(r["gdelt_version"]) != previous_version,
        }
        previous_version = int(r["gdelt_version"])
        out.append(rec)
    lo = q.start.isoformat() if q.start else ""
    hi = q.end.isoformat() if q.end else "9999"
    return [r for r in out if lo <= r["period"] <= hi]


def _spark_table(parts: list[str], base: Path) -> Any:
    """The ingested parts as a table of a local Spark session (the cluster engine's stand-in:
    on a cluster, point the same expression at the cluster's session)."""
    import tempfile

    import ibis

    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise BarometerError("the pyspark engine needs PySpark: pip install pyspark") from exc
    spark = (SparkSession.builder.master("local[2]").appName("tumen-barometer")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="tumen-spark-"))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    spark.read.option("basePath", str(base)).parquet(*parts) \
        .createOrReplaceTempView("tumen_events")
    return ibis.pyspark.connect(spark).table("tumen_events")


def barometer_series(q: SeriesQuery, root: Path | None = None,
                     engine: str = "duckdb") -> list[dict[str, Any]]:
    """The series for `q` over the ingested dataset, one dict per period, oldest first."""
    import ibis

    if q.freq not in FREQUENCIES:
        raise BarometerError(f"unknown frequency '{q.freq}' (month, quarter or year)")
    if engine not in ENGINES:
        raise BarometerError(f"unknown engine '{engine}' (duckdb, polars or pyspark)")
    for code in (q.a, q.b):
        if not (code.isalpha() and len(code) == 3 and code.isupper()):
            raise BarometerError(f"'{code}' is not a 3-letter CAMEO country code (e.g. RUS)")
    cat = Catalogue(root or default_root(), create=False)
    try:
        parts = cat.parts()
    finally:
        cat.close()
    if not parts:
        raise BarometerError(f"nothing ingested under {cat.root}: run 'tumen barometer "
                             "ingest' first")
    with warnings.catch_warnings():
        # Ibis 12 calls DuckDB 2's deprecated fetch_arrow_table(); harmless, and not ours.
        warnings.filterwarnings("ignore", message="fetch_arrow_table",
                                category=DeprecationWarning)
        damaged = damaged_parts(cat.root, parts)
        if damaged:
            raise DamagedDataset(damage_message(cat.root, damaged))
        if engine == "pyspark":
            # PySpark and py4j warn about pandas' future and their own sockets; not ours.
            warnings.simplefilter("ignore")
            table = _spark_table(parts, cat.root / "events")
        elif engine == "polars":
            table = ibis.polars.connect().read_parquet(parts)
        else:
            table = ibis.duckdb.connect().read_parquet(parts, hive_partitioning=True)
        try:
            rows = period_table(table, q).to_pyarrow().to_pylist()
        except Exception as exc:  # an engine's own error: a part damaged inside
            if type(exc).__module__.split(".")[0] not in ("duckdb", "_duckdb", "pyarrow",
                                                          "polars"):
                raise
            raise DamagedDataset(f"the barometer dataset in {cat.root} could not be read "
                                 f"({type(exc).__name__}: {str(exc)[:200]}); run 'tumen "
                                 "barometer repair', then ingest the files it names "
                                 "again") from exc
    return _derive(_newest_version(rows), q)
