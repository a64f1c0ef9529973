"""One error shape for the whole API, and error pages in the site's style for HTML."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from tumen.core.errors import TumenError
from tumen.web.checkpool import PoolFull

__all__ = ["error_payload", "install_error_handlers"]


def error_payload(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    """The body of every API error: {"error": {"status", "message", "detail"}}."""
    return {"error": {"status": status, "message": message, "detail": detail}}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _respond(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_payload(status, message, detail), status_code=status)
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status)
    return response


def install_error_handlers(app: Any) -> None:
    async def tumen_error(request: Request, exc: TumenError) -> Response:
        """Every library error, by its own `http_status` (tumen.core.errors)."""
        if exc.http_status >= 500:
            return _respond(request, exc.http_status, "the server could not complete the request")
        return _respond(request, exc.http_status, str(exc), exc.detail())

    async def validation(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"location": ".".join(str(p) for p in err.get("loc", ())), "message": err.get("msg")}
            for err in exc.errors()
        ]
        message = "; ".join(f"{p['location']}: {p['message']}" for p in problems)
        return _respond(request, 422, message or "invalid request", problems)

    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "page not found" if exc.status_code == 404 else str(exc.detail)
        response = _respond(request, exc.status_code, message)
        for name, value in (exc.headers or {}).items():  # 405 carries Allow (RFC 9110)
            response.headers[name] = value
        return response

    async def busy(request: Request, exc: PoolFull) -> Response:
        response = _respond(request, 503, "too many checks are running; try again shortly")
        response.headers["retry-after"] = str(exc.retry_after)
        return response

    async def crash(request: Request, exc: Exception) -> Response:
        return _respond(request, 500, "the server could not complete the request")

    app.add_exception_handler(TumenError, tumen_error)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(PoolFull, busy)
    app.add_exception_handler(Exception, crash)
