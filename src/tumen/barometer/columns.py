"""GDELT event file layouts, told apart by their column count.

From the GDELT codebooks: the 1.0 historical backfile (1979 – March 2013) has 57 tab-separated
fields, the 1.0 daily files (from April 2013) add SOURCEURL for 58, and the 2.0 event export
(from 19 February 2015) adds an ADM2 code to each of the three geography blocks for 61. Files
are named .CSV but are tab-separated, with no header and no quoting.
"""

from __future__ import annotations

import re

__all__ = ["LAYOUTS", "NUMBER_TEXT", "NUMERIC", "snake"]

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_EVENT = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]


def _geo(prefix: str, adm2: bool) -> list[str]:
    fields = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) \
        + ["Lat", "Long", "FeatureID"]
    return [f"{prefix}Geo_{f}" for f in fields]


def _layout(version: int, sourceurl: bool) -> list[str]:
    adm2 = version == 2
    cols = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    cols += [f"Actor1{f}" for f in _ACTOR] + [f"Actor2{f}" for f in _ACTOR] + _EVENT
    cols += _geo("Actor1", adm2) + _geo("Actor2", adm2) + _geo("Action", adm2)
    cols += ["DATEADDED"] + (["SOURCEURL"] if sourceurl else [])
    return cols


#: Column count -> (layout name, GDELT version, column names).
LAYOUTS: dict[int, tuple[str, int, list[str]]] = {
    57: ("gdelt-1.0-historical", 1, _layout(1, False)),
    58: ("gdelt-1.0-daily", 1, _layout(1, True)),
    61: ("gdelt-2.0", 2, _layout(2, True)),
}
assert {n: len(c) for n, (_, _, c) in LAYOUTS.items()} == {57: 57, 58: 58, 61: 61}


def snake(name: str) -> str:
    """GLOBALEVENTID -> global_event_id, Actor1CountryCode -> actor1_country_code."""
    special = {"GLOBALEVENTID": "global_event_id", "SQLDATE": "sql_date",
               "DATEADDED": "date_added", "SOURCEURL": "source_url"}
    if name in special:
        return special[name]
    name = name.replace("Geo_", "_geo_").replace("ADM", "Adm")
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower().replace("__", "_")


#: Numeric columns and their types; every other column (all *Code columns) stays text.
NUMERIC = {"SQLDATE": "INTEGER", "MonthYear": "INTEGER", "Year": "INTEGER",
           "FractionDate": "DOUBLE", "IsRootEvent": "INTEGER", "QuadClass": "INTEGER",
           "GoldsteinScale": "DOUBLE", "NumMentions": "INTEGER", "NumSources": "INTEGER",
           "NumArticles": "INTEGER", "AvgTone": "DOUBLE", "GLOBALEVENTID": "BIGINT"}

#: What a number looks like in a GDELT file, by type: plain ASCII decimals, optionally signed
#: and padded with spaces; no hex, no digit separators, no nan or inf. Both ingest paths hold
#: every value to these (Python, DuckDB and Arrow each accept a few other spellings).
NUMBER_TEXT = {"INTEGER": r"\s*[+-]?[0-9]+\s*", "BIGINT": r"\s*[+-]?[0-9]+\s*",
               "DOUBLE": r"\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*"}

