"""The one error handler of the HTTP face.

A ``ProlifwatchError`` becomes its ``http_status`` with a JSON body under
``/api/`` and an error page elsewhere; a request FastAPI cannot validate
becomes 422 naming the parameter; anything else is logged and answered 500
with no stack trace.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import BadParameter, NotFound, ProlifwatchError
from .templating import render

log = logging.getLogger("prolifwatch.api")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def error_response(request: Request, error: ProlifwatchError, extra: dict | None = None):
    body = {**error.to_json(), **(extra or {})}
    if _wants_json(request):
        return JSONResponse(body, status_code=error.http_status)
    return render(request, "error.html", status_code=error.http_status, error=error, body=body)


def _validation(request: Request, exc: RequestValidationError):
    first = exc.errors()[0] if exc.errors() else {"loc": ("request",), "msg": "invalid"}
    parameter = ".".join(str(p) for p in first.get("loc", ())[1:]) or str(first.get("loc", ("request",))[0])
    error = BadParameter(parameter, str(first.get("msg", "invalid")))
    # "detail" keeps the shape FastAPI declares for 422 in the OpenAPI document
    detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
              for e in exc.errors()]
    return error_response(request, error, {"detail": detail})


def _http(request: Request, exc: StarletteHTTPException):
    if exc.status_code == 404:
        return error_response(request, NotFound("page", request.url.path, where="here",
                                                       hint="the home page links to every page"))
    error = ProlifwatchError(str(exc.detail))
    error.http_status = exc.status_code
    return error_response(request, error)


def unexpected(request: Request, exc: Exception):
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    error = ProlifwatchError("internal error: the server's log has the details")
    return error_response(request, error)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ProlifwatchError, error_response)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, unexpected)
