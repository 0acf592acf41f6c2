"""Jinja2 with autoescape on for every template, whatever its name.

Text from documents reaches pages only through ``{{ }}``, which escapes it;
no template uses ``|safe`` on stored text (a test greps for it)."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import __version__

NAV = (
    ("/", "Home"),
    ("/search", "Search"),
    ("/browse", "Browse"),
    ("/entities", "Entities"),
    ("/events", "Transfers"),
    ("/cases", "Cases"),
    ("/graph", "Graph"),
    ("/screen", "Screening"),
    ("/xref", "Xref"),
    ("/ingest", "Ingest"),
    ("/exports", "Exports"),
    ("/decisions", "Decisions"),
    ("/api/docs", "API"),
)


def _with_query(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None drops one): for
    pagination and facet links, so the whole state stays in the URL."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    params += [(k, v) for k, v in changes.items() if v is not None]
    return request.url.path + ("?" + urlencode(params) if params else "")


environment = Environment(
    loader=PackageLoader("prolifwatch.api", "templates"),
    autoescape=True,  # every template, not only *.html
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals.update(nav=NAV, version=__version__, with_query=_with_query)
# A stored value as one path segment: "/" and "." encoded too, unlike Jinja's urlencode.
environment.filters["segment"] = lambda value: quote(str(value), safe="")
templates = Jinja2Templates(env=environment)


def render(request: Request, template: str, status_code: int = 200, **context: Any):
    context.setdefault("json_url", None)
    return templates.TemplateResponse(
        request, template, {"csrf_token": getattr(request.state, "csrf_token", ""), **context},
        status_code=status_code)
