"""One handler, two faces: every page has a JSON twin.

A page handler is a plain function whose parameters FastAPI reads (query and
path parameters, the ``ReaderDep`` dependency) and whose return annotation is a
Pydantic model.  ``Twins.page`` registers it twice: under ``/api/v1/...`` it
answers JSON described by that model in the OpenAPI document, and under the
HTML path it renders a Jinja2 template with the same result as ``page``.  So a
page and its JSON twin cannot show different facts.
"""
from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from typing import Annotated, Any, get_type_hints
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ..errors import Unavailable
from ..query.context import Reader
from .templating import render


def get_reader(request: Request):
    """A reader with its own SQLite connection for this request, closed after it."""
    reader = Reader.open(request.app.state.db_path, clearance=request.app.state.clearance)
    reader.store.on_wait = _refuse_to_wait
    try:
        yield reader
    finally:
        reader.close()


def _refuse_to_wait(holder: str) -> None:
    """A write from a page does not wait minutes for an ingest to finish: it says so instead."""
    raise Unavailable(f"{holder} is writing to the store", hint="try again when it is done (the ingest page shows it)")


ReaderDep = Annotated[Reader, Depends(get_reader)]


class Twins:
    """The API router (``/api/v1``, in the OpenAPI document) and the HTML router (not in it)."""

    def __init__(self) -> None:
        self.api = APIRouter(prefix="/api/v1")
        self.html = APIRouter(include_in_schema=False)

    def page(self, api_path: str, html_path: str | None, template: str, *, tags: list[str] | None = None,
             summary: str | None = None) -> Callable:
        """Register a handler at ``/api/v1{api_path}`` (JSON) and at ``html_path`` (``template``)."""

        def register(handler: Callable) -> Callable:
            model = get_type_hints(handler, include_extras=True).get("return")
            self.api.add_api_route(api_path, handler, methods=["GET"], response_model=model, tags=tags,
                                   summary=summary or (handler.__doc__ or "").strip().split("\n")[0] or None)
            if html_path is not None:
                self.html.add_api_route(html_path, _html_handler(handler, template, "/api/v1" + api_path),
                                        methods=["GET"], response_class=HTMLResponse)
            return handler

        return register


_PATH_CONVERTER = re.compile(r"\{(\w+):\w+\}")


def _html_handler(handler: Callable, template: str, api_path: str) -> Callable:
    """``handler`` with a ``request`` parameter added, rendering ``template`` with its result."""
    signature = inspect.signature(handler)
    takes_request = "request" in signature.parameters
    parameters = list(signature.parameters.values())
    if not takes_request:
        parameters.append(inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request))

    @functools.wraps(handler)
    def html(**kwargs: Any):
        request: Request = kwargs["request"] if takes_request else kwargs.pop("request")
        result = handler(**kwargs)
        # "{id:path}" takes ids with "/" in them: the converter is no part of the URL, and values are escaped
        json_url = _PATH_CONVERTER.sub(r"{\1}", api_path).format(
            **{k: quote(str(v), safe="") for k, v in request.path_params.items()})
        if request.url.query:
            json_url += "?" + request.url.query
        return render(request, template, page=result, json_url=json_url)

    html.__signature__ = signature.replace(parameters=parameters, return_annotation=HTMLResponse)
    return html
