"""API errors: a small hierarchy mapped to status codes once, in the exception handlers.

Every error body is `{"detail": ...}`: a message for our own errors, FastAPI's list of problems for
422 validation errors. Unhandled exceptions become `{"detail": "internal server error"}` in
`middleware.RequestMiddleware`, with the traceback only in the logs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import redis
from fastapi import APIRouter, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.types import DecoratedCallable
from pydantic import BaseModel
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from addax_common.alerts.errors import AlertValidationError
from addax_common.logging import get_logger

log = get_logger(__name__)


class ErrorResponse(BaseModel):
    """The body of every error response except 422."""

    detail: str


class ApiError(Exception):
    status_code = 500
    default_detail = "error"

    def __init__(self, detail: str | None = None, headers: dict[str, str] | None = None) -> None:
        self.detail = detail or self.default_detail
        self.headers = headers
        super().__init__(self.detail)


class BadRequest(ApiError):
    status_code = 400
    default_detail = "bad request"


class Unauthorized(ApiError):
    status_code = 401
    default_detail = "not authenticated"

    def __init__(self, detail: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail, {"WWW-Authenticate": "Bearer", **(headers or {})})


class Forbidden(ApiError):
    status_code = 403
    default_detail = "forbidden"


class NotFound(ApiError):
    status_code = 404
    default_detail = "not found"


class Conflict(ApiError):
    status_code = 409
    default_detail = "conflict"


class ValidationFailed(ApiError):
    status_code = 422
    default_detail = "invalid request"


class TooManyRequests(ApiError):
    status_code = 429
    default_detail = "too many requests"

    def __init__(self, detail: str | None = None, retry_after: int = 60) -> None:
        super().__init__(detail, {"Retry-After": str(max(1, int(retry_after)))})


class ServiceUnavailable(ApiError):
    status_code = 503
    default_detail = "service unavailable"


# Shared `responses=` for routers so the OpenAPI schema types the error bodies.
def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {
        400: "Bad request",
        401: "Missing, invalid or expired access token",
        403: "The user's role does not allow this",
        404: "Not found",
        409: "Conflict with the current state",
        429: "Too many requests",
        503: "A dependency is unavailable",
    }
    return {code: {"model": ErrorResponse, "description": descriptions.get(code, "Error")} for code in codes}


def create_route(
    router: APIRouter, summary: str, *, path: str = "", name: str = "create", **options: Any
) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """Declares a create endpoint: POST on the collection (``path``), named ``name``, answering 201 with the
    new resource (the route's return annotation is its response model) or 409 when it clashes with one.

    `@create_route(router, "Create a thing (project admin)")` above `def create_thing(...) -> ThingOut:`
    """
    return router.post(path, name=name, summary=summary, status_code=201, responses=error_responses(409), **options)


def install_exception_handlers(app: FastAPI) -> None:
    async def api_error(_request: Request, exc: ApiError) -> Response:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # The local single-page app: a GET for an unknown non-API path is a client-side route.
        frontend = getattr(request.app.state, "frontend", None)
        if exc.status_code == 404 and frontend is not None and request.method in ("GET", "HEAD"):
            response: Response | None = frontend.response_for(request.url.path, request.headers.get("accept-encoding", ""))
            if response is not None:
                return response
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    async def validation_error(_request: Request, exc: RequestValidationError) -> Response:
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)

    async def alert_validation_error(_request: Request, exc: AlertValidationError) -> Response:
        # The shared rule/channel validation names fields as dotted paths (`conditions.species`);
        # answered in FastAPI's own 422 shape so clients read one format.
        detail = [{"type": "value_error", "loc": ["body", *name.split(".")], "msg": message}
                  for name, message in exc.errors]
        return JSONResponse({"detail": detail}, status_code=422)

    async def data_error(_request: Request, exc: DataError) -> Response:
        # A value PostgreSQL refused (out of range, malformed). Validation should catch these first;
        # this keeps a missed case a client error instead of a 500.
        log.warning("database_rejected_value", error=str(exc.orig).splitlines()[0] if exc.orig else "")
        return JSONResponse({"detail": "a value is out of range or malformed"}, status_code=422)

    async def unavailable(request: Request, exc: Exception) -> Response:
        # PostgreSQL or Redis unreachable: the request may succeed later, so 503 rather than 500.
        log.error("dependency_unavailable", path=request.url.path, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return JSONResponse({"detail": "service temporarily unavailable"}, status_code=503, headers={"Retry-After": "5"})

    async def busy(request: Request, _exc: PoolTimeout) -> Response:
        # Every pooled connection in use for DATABASE_POOL_TIMEOUT_SECONDS: the process is overloaded,
        # not broken. Say so quickly, so clients back off instead of piling up more waiting requests.
        log.warning("database_pool_exhausted", path=request.url.path)
        return JSONResponse(
            {"detail": "the server is busy: every database connection is in use; retry in a moment"},
            status_code=503, headers={"Retry-After": "1"},
        )

    # Starlette types every handler as taking a bare Exception, though it calls each one only with the
    # class it was registered for; the narrower parameter types are correct.
    app.add_exception_handler(ApiError, api_error)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, unavailable)
    app.add_exception_handler(PoolTimeout, busy)  # type: ignore[arg-type]
    app.add_exception_handler(redis.ConnectionError, unavailable)
    app.add_exception_handler(redis.TimeoutError, unavailable)
    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(DataError, data_error)  # type: ignore[arg-type]
    app.add_exception_handler(AlertValidationError, alert_validation_error)  # type: ignore[arg-type]
