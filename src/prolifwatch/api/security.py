"""Headers that keep a hostile document inert, and CSRF protection.

Every response carries a Content-Security-Policy that allows scripts from
this server only (no inline script, no eval), so a ``<script>`` or an
``onerror`` that escaped escaping would still not run.

Requests that change anything are POST.  A POST is refused when the browser
says it comes from another site (``Sec-Fetch-Site``, ``Origin``), and unless it
either carries the page's CSRF token in ``X-CSRF-Token`` (htmx and fetch from
our pages send it: static/app.js) or has a JSON body (which another site's
page cannot send without a CORS preflight, and this server answers none).
Scripts send JSON, or fetch a token from ``GET /api/v1/session`` first.

The Host a request names must be one this server answers to (loopback, or
the ``--host`` it was started on), and so must the Origin of a POST: a
hostile page whose name an attacker points at 127.0.0.1 (DNS rebinding)
is then neither served nor obeyed.  A request body is capped by its
Content-Length before it is read (uploads by the upload limit, everything
else by MAX_BODY_BYTES), and a POST without one is refused.
"""
from __future__ import annotations

import hmac
import secrets
import time
from urllib.parse import urlsplit

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request

from ..errors import BadParameter, Forbidden, LengthRequired, ProlifwatchError, TooLarge

CSRF_COOKIE = "prolifwatch_csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The names a loopback server answers to ("testserver": Starlette's test client).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "testserver"})
MAX_BODY_BYTES = 10 * 1024 * 1024
UPLOAD_PATHS = ("/api/v1/ingest", "/ingest", "/api/v1/lists", "/lists", "/api/v1/screen/batch", "/screen/batch")
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; object-src 'none'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def host_name(value: str) -> str | None:
    """The host of a Host header or an origin's netloc ("[::1]:8000" -> "::1")."""
    try:
        return urlsplit("//" + value).hostname
    except ValueError:
        return None


def refusal(request: Request, hosts: frozenset[str] | None) -> ProlifwatchError | None:
    """Why a request is refused before it reaches a route, or None when it may go on.
    ``hosts`` None: any name (a server listening on every address, which ``serve`` warns of)."""
    if hosts is not None and host_name(request.headers.get("host", "")) not in hosts:
        return BadParameter("Host", "this server does not answer to that name",
                            hint="open it by the address `prolifwatch serve` printed")
    if request.method in SAFE_METHODS:
        return None
    if (problem := _too_large(request)) is not None:
        return problem
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return Forbidden("cross-site request refused", hint="changes are made from ProlifWatch's own pages")
    origin = request.headers.get("origin")
    if origin == "null":
        return Forbidden("request from an opaque origin refused")
    if origin and ((hosts is not None and host_name(urlsplit(origin).netloc) not in hosts)
                   or urlsplit(origin).netloc != request.headers.get("host", "")):
        return Forbidden(f"request from another origin ({origin}) refused")
    sent = request.headers.get(CSRF_HEADER)
    if sent is not None:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if cookie and hmac.compare_digest(sent, cookie):
            return None
        return Forbidden("CSRF token does not match", hint="reload the page and try again")
    if request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json":
        return None
    return Forbidden("CSRF token missing",
                     hint="send the X-CSRF-Token header (GET /api/v1/session gives one) or a JSON body")


def _too_large(request: Request) -> ProlifwatchError | None:
    from ..jobs import MAX_UPLOAD_BYTES

    length = request.headers.get("content-length")
    if length is None:
        if "chunked" in request.headers.get("transfer-encoding", "").lower():
            return LengthRequired("a request body needs its Content-Length here")
        return None
    limit = MAX_UPLOAD_BYTES if request.url.path in UPLOAD_PATHS else MAX_BODY_BYTES
    if not length.isdigit():
        return BadParameter("Content-Length", f"{length!r} is not a number of bytes")
    if int(length) > limit:
        return TooLarge(f"the request body is {int(length):,} bytes; at most {limit:,} are taken here",
                        hint="split it, or raise PROLIFWATCH_MAX_UPLOAD_BYTES for uploads")
    return None


class SecurityMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, hosts: frozenset[str] | None = LOOPBACK_HOSTS):
        super().__init__(app)
        self.hosts = hosts

    async def dispatch(self, request: Request, call_next):
        from .failures import error_response, unexpected

        started = time.perf_counter()
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        request.state.csrf_token = token
        if (problem := refusal(request, self.hosts)) is not None:
            response = error_response(request, problem)
        else:
            try:
                response = await call_next(request)
            except Exception as exc:  # answered here, so a 500 carries the same headers as any page
                response = unexpected(request, exc)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        # the server's own time to the response head, for bench/web_load.py and the browser's devtools
        response.headers["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.1f}"
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response
