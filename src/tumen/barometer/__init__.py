"""The relations barometer: GDELT event files -> Parquet + DuckDB -> monthly dyad series."""

from tumen.barometer.generate import generate_files
from tumen.barometer.ingest import BarometerError, FileResult, default_root, ingest_files
from tumen.barometer.series import SeriesQuery, barometer_series

__all__ = ["BarometerError", "FileResult", "SeriesQuery", "barometer_series", "default_root",
           "generate_files", "ingest_files"]
