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
import os
import re
import secrets
import threading
from collections.abc import Callable
from typing import Annotated, Any, get_type_hints
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from ..errors import Unavailable
from ..query.cache import pages
from ..query.context import Reader
from .templating import templates


class StorePool:
    """Opened stores kept between requests: one request at a time uses each (its own
    SQLite connection, as before), but opening one (connection, pragmas, schema check)
    and closing it (dropping its page cache) cost about 10 ms a request on a big store.
    At most ``keep`` idle ones are kept; a store left inside a transaction is closed,
    and all are dropped when the file at the path is another one (replaced)."""

    def __init__(self, path: str, keep: int = 16) -> None:
        self.path = path
        self.keep = keep
        self._idle: list[tuple[int, Reader]] = []
        self._lock = threading.Lock()

    def take(self, clearance: str | None) -> tuple[int | None, Reader]:
        """(the inode of the file it was opened on, a reader)."""
        try:
            inode = os.stat(self.path).st_ino
        except OSError:
            inode = None  # Reader.open says what is missing
        with self._lock:
            while self._idle:
                opened_on, reader = self._idle.pop()
                if opened_on == inode:
                    reader.clearance = clearance
                    return inode, reader
                reader.close()
        return inode, Reader.open(self.path, clearance=clearance)

    def give(self, inode: int | None, reader: Reader) -> None:
        reader.store.on_wait = None
        if inode is not None and not reader.db.in_transaction:
            with self._lock:
                if len(self._idle) < self.keep:
                    self._idle.append((inode, reader))
                    return
        reader.close()


_pool_guard = threading.Lock()


def _pool_of(state) -> StorePool:
    with _pool_guard:
        pool = getattr(state, "store_pool", None)
        if pool is None or pool.path != state.db_path:
            pool = state.store_pool = StorePool(state.db_path)
        return pool


def get_reader(request: Request):
    """A reader with an SQLite connection of its own for this request, back in the pool after it."""
    pool = _pool_of(request.app.state)
    inode, reader = pool.take(request.app.state.clearance)
    reader.store.on_wait = _refuse_to_wait
    try:
        yield reader
    finally:
        pool.give(inode, reader)


def _refuse_to_wait(holder: str) -> None:
    """A write from a page does not wait minutes for an ingest to finish: it says so instead."""
    raise Unavailable(f"{holder} is writing to the store", hint="try again when it is done (the ingest page shows it)")


ReaderDep = Annotated[Reader, Depends(get_reader)]


def _kept_json(handler: Callable) -> Callable:
    """``handler``, answering a result the page cache keeps with its JSON made once (a depth-2
    graph's takes 8 ms to write; FastAPI would write it again for every request)."""
    @functools.wraps(handler)
    def answer(*args: Any, **kwargs: Any) -> Any:
        result = handler(*args, **kwargs)
        if isinstance(result, BaseModel) and pages.holds(result):
            return Response(pages.derived(result, "json", lambda: result.model_dump_json(by_alias=True).encode()),
                            media_type="application/json")
        return result

    return answer


class KeptJSONRoute(APIRoute):
    """An API route whose plain (not async) handler goes through ``_kept_json``; the OpenAPI
    document still describes its response model (the signature and annotations are the handler's)."""

    def __init__(self, path: str, endpoint: Callable, **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _kept_json(endpoint)
        super().__init__(path, endpoint, **kwargs)


class Twins:
    """The API router (``/api/v1``, in the OpenAPI document) and the HTML router (not in it)."""

    def __init__(self) -> None:
        self.api = APIRouter(prefix="/api/v1", route_class=KeptJSONRoute)
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
        return _page(request, template, result, json_url)

    html.__signature__ = signature.replace(parameters=parameters, return_annotation=HTMLResponse)
    return html


# Stands for the request's CSRF token in a rendering kept for other requests (base.html's only
# per-request value besides the URL); random, so no stored text can forge it.
_TOKEN_MARK = "csrf-" + secrets.token_hex(16)


def _page(request: Request, template: str, result: Any, json_url: str) -> HTMLResponse:
    """``template`` rendered with ``result``; when the result is one the page cache keeps, the
    rendering for this URL is kept beside it (rendering a busy page costs more than its query
    once the result is kept) and only the CSRF token is put in afresh."""
    def rendering() -> str:
        return templates.get_template(template).render(
            request=request, csrf_token=_TOKEN_MARK, page=result, json_url=json_url)

    name = (template, request.url.path, request.url.query, bool(request.headers.get("hx-request")))
    text = pages.derived(result, name, rendering)
    return HTMLResponse(text.replace(_TOKEN_MARK, getattr(request.state, "csrf_token", "")))
