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
whose FIPS values collide with ISO ones. Rows count coverage, not distinct events: one event
reported many times can appear as several rows (Schrodt and Yonamine 2013).
GDELT 1.0 and 2.0 overlap from 2015; a period uses the newest version that has rows in it and
never adds the two, and the row where the version changes is marked as the splice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tumen.barometer.ingest import BarometerError, Catalogue, default_root

__all__ = ["FREQUENCIES", "METRICS", "SeriesQuery", "barometer_series"]

FREQUENCIES = ("month", "quarter", "year")
METRICS = ("n", "q1", "q2", "q3", "q4", "q1_share", "q2_share", "q3_share", "q4_share",
           "net_cooperation", "goldstein_sum", "goldstein_mean", "goldstein_weighted",
           "tone_mean", "intensity", "attention", "z", "gdelt_version", "splice")


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


def barometer_series(q: SeriesQuery, root: Path | None = None) -> list[dict[str, Any]]:
    """The series for `q` over the ingested dataset, one dict per period, oldest first."""
    if q.freq not in FREQUENCIES:
        raise BarometerError(f"unknown frequency '{q.freq}' (month, quarter or year)")
    for code in (q.a, q.b):
        if not (code.isalpha() and len(code) == 3 and code.isupper()):
            raise BarometerError(f"'{code}' is not a 3-letter CAMEO country code (e.g. RUS)")
    cat = Catalogue(root or default_root(), create=False)
    try:
        parts = cat.parts()
        if not parts:
            raise BarometerError(f"nothing ingested under {cat.root}: run 'tumen barometer "
                                 "ingest' first")
        dyad = ("actor1_country_code = $a AND actor2_country_code = $b" if q.directed else
                "((actor1_country_code = $a AND actor2_country_code = $b) OR "
                "(actor1_country_code = $b AND actor2_country_code = $a))")
        extra = " AND is_root_event = 1" if q.root_only else ""
        sql = f"""
        WITH raw AS (
            SELECT *, date_trunc('{q.freq}', strptime(CAST(sql_date AS VARCHAR), '%Y%m%d'))
                   AS period
            FROM read_parquet($parts, hive_partitioning = true)
        ),
        chosen AS (SELECT period, max(gdelt_version) AS v FROM raw GROUP BY period),
        ev AS (SELECT raw.* FROM raw JOIN chosen USING (period) WHERE raw.gdelt_version = v
               AND ($start IS NULL OR period >= date_trunc('{q.freq}', $start::DATE))
               AND ($end IS NULL OR period <= $end::DATE)),
        totals AS (SELECT period, count(*) AS total,
                   count(*) FILTER (WHERE actor1_country_code IN ($a, $b)
                                       OR actor2_country_code IN ($a, $b)) AS either
                   FROM ev GROUP BY period),
        d AS (SELECT period, count(*) AS n,
                count(*) FILTER (WHERE quad_class = 1) AS q1,
                count(*) FILTER (WHERE quad_class = 2) AS q2,
                count(*) FILTER (WHERE quad_class = 3) AS q3,
                count(*) FILTER (WHERE quad_class = 4) AS q4,
                sum(goldstein_scale) AS goldstein_sum, avg(goldstein_scale) AS goldstein_mean,
                sum(goldstein_scale * num_mentions) / nullif(sum(num_mentions), 0)
                    AS goldstein_weighted,
                avg(avg_tone) AS tone_mean
              FROM ev WHERE {dyad}{extra} AND num_sources >= $min_sources GROUP BY period)
        SELECT t.period, coalesce(d.n, 0) AS n, coalesce(q1, 0) AS q1, coalesce(q2, 0) AS q2,
               coalesce(q3, 0) AS q3, coalesce(q4, 0) AS q4,
               q1 / nullif(d.n, 0) AS q1_share, q2 / nullif(d.n, 0) AS q2_share,
               q3 / nullif(d.n, 0) AS q3_share, q4 / nullif(d.n, 0) AS q4_share,
               (q1 + q2 - q3 - q4) / nullif(d.n, 0) AS net_cooperation,
               goldstein_sum, goldstein_mean, goldstein_weighted, tone_mean,
               coalesce(d.n, 0) * 10000.0 / t.total AS intensity,
               coalesce(d.n, 0) / nullif(t.either, 0) AS attention,
               (coalesce(d.n, 0) - avg(coalesce(d.n, 0)) OVER w)
                   / nullif(stddev_samp(coalesce(d.n, 0)) OVER w, 0) AS z,
               c.v AS gdelt_version,
               coalesce(c.v <> lag(c.v) OVER (ORDER BY t.period), false) AS splice
        FROM totals t LEFT JOIN d USING (period) JOIN chosen c USING (period)
        WINDOW w AS (ORDER BY t.period ROWS BETWEEN 24 PRECEDING AND 1 PRECEDING)
        ORDER BY t.period
        """
        params = {"parts": parts, "a": q.a, "b": q.b, "start": q.start, "end": q.end,
                  "min_sources": q.min_sources}
        rows = cat.con.execute(sql, params).fetchall()
        names = ["period", *METRICS[:-2], "gdelt_version", "splice"]
        out = []
        for row in rows:
            rec = dict(zip(names, row, strict=True))
            rec["period"] = rec["period"].date().isoformat()
            out.append(rec)
        return out
    finally:
        cat.close()
