"""Fuzz the JSON API from its own OpenAPI document with schemathesis: no input gives a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.conftest import mini_kb, write_kb
from tumen import load_kb
from tumen.web import create_app

# The schema is loaded at import time, so the KB it serves is built here, not in a fixture.
_KB = write_kb(Path(tempfile.mkdtemp(prefix="tumen-fuzz-")) / "kb", mini_kb())
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(load_kb(_KB)))
# POST /api/v1/check may fetch a URL: fuzzing it would send requests off this machine, so its
# bad inputs are tested one by one in test_api.py instead.
schema = schema.exclude(path="/api/v1/check")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and body["error"]["status"] == response.status_code


def _all_checks() -> list[object]:
    from schemathesis.checks import CHECKS, load_all_checks

    load_all_checks()
    return list(CHECKS.get_all())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_responses_conform_to_the_openapi_document(case: schemathesis.Case) -> None:
    """Every check schemathesis has, response-schema conformance included: the OpenAPI document
    is the contract (status codes, content types, bodies, 405 with Allow)."""
    case.call_and_validate(checks=_all_checks())


check_schema = schemathesis.openapi.from_asgi(
    "/api/openapi.json", create_app(load_kb(_KB))).include(path="/api/v1/check")


@check_schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_check_conforms_with_urls_stubbed(case: schemathesis.Case,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """POST /api/v1/check against the document too; a URL is never fetched here (it is refused
    as if unreachable), so nothing leaves this machine."""
    import tumen.check.source

    def no_fetch(url: str, *args: object, **kwargs: object) -> str:
        raise tumen.check.source.CheckInputError(f"not fetched in tests: {url}")

    monkeypatch.setattr(tumen.check.source, "read_source", no_fetch)
    checks = _all_checks()
    if isinstance(case.body, dict) and "url" in case.body:
        # a well-formed URL may still be unreachable or refused (422): the document cannot
        # promise that every URL it admits can be fetched
        from schemathesis.specs.openapi.checks import positive_data_acceptance

        checks = [c for c in checks if c is not positive_data_acceptance]
    case.call_and_validate(checks=checks)
