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
"""
from __future__ import annotations

import hmac
import secrets
import time
from urllib.parse import urlsplit

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request

from ..errors import Forbidden

CSRF_COOKIE = "prolifwatch_csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; object-src 'none'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def refusal(request: Request) -> Forbidden | None:
    """Why an unsafe request is refused, or None when it may go on."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return Forbidden("cross-site request refused", hint="changes are made from ProlifWatch's own pages")
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        return Forbidden(f"request from another origin ({origin}) refused")
    if origin == "null":
        return Forbidden("request from an opaque origin refused")
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


class SecurityMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        started = time.perf_counter()
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        request.state.csrf_token = token
        if request.method not in SAFE_METHODS and (problem := refusal(request)) is not None:
            from .failures import error_response

            response = error_response(request, problem)
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        # the server's own time to the response head, for bench/web_load.py and the browser's devtools
        response.headers["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.1f}"
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response
