"""tumen: a sourced, checkable chronology engine, with Russia–Korea relations as its data."""

from tumen.core.dates import EdtfDate, parse_date
from tumen.core.errors import (
    DateError,
    ExportError,
    KBInvalid,
    KBNotFound,
    NotFound,
    QueryError,
    TumenError,
)
from tumen.kb.knowledge_base import KnowledgeBase, default_kb_path, load_kb, validate_kb
from tumen.kb.model import Actor, AltDate, Event, Origin, Period, Person, Place, Source
from tumen.kb.problems import CODES, Problem
from tumen.query.filters import Query, Result, run_query

__all__ = [
    "CODES",
    "Actor",
    "AltDate",
    "DateError",
    "EdtfDate",
    "Event",
    "ExportError",
    "KBInvalid",
    "KBNotFound",
    "KnowledgeBase",
    "NotFound",
    "Origin",
    "Period",
    "Person",
    "Place",
    "Problem",
    "Query",
    "QueryError",
    "Result",
    "Source",
    "TumenError",
    "default_kb_path",
    "load_kb",
    "parse_date",
    "run_query",
    "validate_kb",
]
