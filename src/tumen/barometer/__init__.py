"""The relations barometer: GDELT event files -> Parquet + DuckDB -> monthly dyad series."""

from tumen.barometer.compaction import CompactResult, compact
from tumen.barometer.generate import generate_files
from tumen.barometer.ingest import FileResult, default_root, ingest_files
from tumen.barometer.series import SeriesQuery, barometer_series

__all__ = ["CompactResult", "FileResult", "SeriesQuery", "barometer_series",
           "compact", "default_root", "generate_files", "ingest_files"]
