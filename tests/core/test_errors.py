"""One exception hierarchy, in one module, mapped once to exit codes and HTTP statuses."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import tumen
from tumen.core.errors import (
    ArticleError,
    BarometerError,
    CheckInputError,
    DamagedDataset,
    DateError,
    ExportError,
    KBInvalid,
    KBNotFound,
    NotFound,
    QueryError,
    TumenError,
)


def test_every_tumen_error_is_defined_in_core_errors() -> None:
    elsewhere = []
    for info in pkgutil.walk_packages(tumen.__path__, "tumen."):
        if info.name.startswith("tumen.web") or info.name == "tumen.__main__":
            continue  # the web app needs its extras; tested below through the app
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, TumenError) \
                    and obj.__module__ != "tumen.core.errors":
                elsewhere.append(f"{obj.__module__}.{name}")
    assert not elsewhere


@pytest.mark.parametrize(("error", "exit_code", "status"), [
    (KBInvalid([]), 1, 500),
    (KBNotFound("no data"), 1, 500),
    (ExportError("disk full"), 1, 500),
    (BarometerError("bad zip"), 1, 500),
    (DamagedDataset("part gone"), 1, 500),
    (DateError("1999-13"), 1, 500),
    (NotFound("event", "x", ["y"]), 2, 404),
    (QueryError("bad actor"), 2, 422),
    (ArticleError("too short"), 2, 422),
    (CheckInputError("empty"), 1, 422),
])
def test_each_error_says_how_it_is_reported(error: TumenError, exit_code: int,
                                            status: int) -> None:
    assert (error.exit_code, error.http_status) == (exit_code, status)


def test_not_found_carries_its_suggestions() -> None:
    assert NotFound("event", "treaty-1962", ["treaty-1961"]).detail() == {
        "suggestions": ["treaty-1961"]}
    assert QueryError("x").detail() is None

