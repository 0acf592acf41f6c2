"""``/screen``: one party against the loaded lists, with the explained hits; a batch CSV as a job;
goods descriptions to control-list items.

The screener loads once, in the start-up warmer (app.state.warmers), and again
only when the loaded lists change; a request arriving during a build waits for it.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Annotated, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ... import actions
from ...errors import BadParameter, ProlifwatchError
from ...jobs import Job
from ...query.context import Reader
from ...query.screen_parties import GoodsResult, ScreenResult, WarmScreener, classify_goods, loaded, screen_one
from ...screen.batch import COLUMNS
from ..templating import render
from ..twins import ReaderDep, Twins
from .jobs import multipart_body, read_uploads, start_in_background

PartyType = Literal["company", "organization", "person", "vessel", "aircraft"]
MAX_ROWS = 10_000  # parties in one JSON batch (a CSV upload is bounded by its size)


class ScreenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=500, description="the party's name as written")
    type: PartyType | None = None
    country: str | None = Field(None, max_length=100, description="country code or name (a vessel's flag)")
    identifier: str | None = Field(None, max_length=100, description="IMO, MMSI or registration number")
    as_of: dt.date | None = Field(None, description="say whether each hit was listed on this date")
    threshold: float | None = Field(None, ge=0, le=1, description="lowest score reported (default 0.7)")
    limit: int = Field(5, ge=1, le=50, description="hits to return")


class PartyRow(BaseModel):
    name: str = Field(min_length=1, max_length=500)
    type: PartyType | None = None
    country: str | None = Field(None, max_length=100)
    identifier: str | None = Field(None, max_length=100)
    goods: str | None = Field(None, max_length=2000, description="a goods description, classified too")


class BatchRequest(BaseModel):
    rows: list[PartyRow] = Field(min_length=1, max_length=MAX_ROWS)
    as_of: dt.date | None = None
    threshold: float | None = Field(None, ge=0, le=1)


class ScreenPage(BaseModel):
    lists: int = Field(description="lists loaded")
    entries: int = Field(description="entries in them")
    result: ScreenResult | None = None
    goods: GoodsResult | None = None


BATCH_BODY = multipart_body({"file": {"type": "string", "format": "binary",
                                      "description": f"CSV with a header: {', '.join(COLUMNS)} (only name needed)"},
                             "as_of": {"type": "string", "format": "date"}, "threshold": {"type": "number"}},
                            ["file"])
BATCH_BODY["requestBody"]["content"]["application/json"] = {"schema": BatchRequest.model_json_schema()}


NO_LIST = {503: {"description": "no sanctions list is loaded yet (the hint says how to load one)"}}


def _warm(app: FastAPI) -> WarmScreener:
    return app.state.screener


def rewarm(app: FastAPI) -> None:
    """Build the screener again now (the lists changed), off the request path."""
    import threading

    threading.Thread(target=_warm_up, args=(app,), name="prolifwatch-rewarm", daemon=True).start()


def _warm_up(app: FastAPI) -> None:
    with Reader.open(app.state.db_path) as reader:
        _warm(app).warm(reader)


def _rows_csv(body: BatchRequest) -> io.BytesIO:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for row in body.rows:
        writer.writerow([getattr(row, c) or "" for c in COLUMNS])
    return io.BytesIO(text.getvalue().encode("utf-8"))


def _float(value: str | None, parameter: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        raise BadParameter(parameter, f"{value!r} is not a number") from None


async def _start_batch(request: Request, reader: Reader):
    warm = _warm(request.app)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json":
        try:
            body = BatchRequest.model_validate_json(await request.body())
        except ValueError as exc:
            raise BadParameter("rows", str(exc).split("\n")[1] if "\n" in str(exc) else str(exc)) from None
        return await start_in_background(
            actions.start_screen_batch, reader, "rows.csv", _rows_csv(body),
            as_of=body.as_of.isoformat() if body.as_of else None, threshold=body.threshold, warm=warm)
    files, fields = await read_uploads(request, "file")
    if len(files) != 1:
        raise BadParameter("file", "upload one CSV file of parties")
    name, stream = files[0]
    return await start_in_background(actions.start_screen_batch, reader, name, stream,
                                     as_of=fields.get("as_of") or None,
                                     threshold=_float(fields.get("threshold"), "threshold"), warm=warm)


def register(twins: Twins, app: FastAPI) -> None:
    app.state.screener = WarmScreener()
    app.state.warmers["screening"] = _warm_up

    @twins.api.post("/screen", tags=["screening"], response_model=ScreenResult, responses=NO_LIST)
    def screen(reader: ReaderDep, request: Request, body: ScreenRequest) -> ScreenResult:
        """Screen one party against the loaded lists: hits best first, each with the features explaining it."""
        return screen_one(reader, body.name, body.type, body.country, body.identifier, body.as_of, body.threshold,
                          limit=body.limit, warm=_warm(request.app))

    @twins.page("/goods", None, "", tags=["screening"])
    def goods(request: Request, q: Annotated[str, Query(min_length=1, max_length=2000,
                                                        description='a goods description, e.g. "cold flow '
                                                                    'forming machine"')]) -> GoodsResult:
        """Control-list items (MTCR, NSG, Wassenaar, Australia Group, CWC) a goods description points to."""
        return classify_goods(q, warm=_warm(request.app))

    @twins.api.post("/screen/batch", tags=["screening"], status_code=202, response_model=Job,
                    openapi_extra=BATCH_BODY, responses=NO_LIST)
    async def screen_batch(request: Request, reader: ReaderDep):
        """Screen a CSV of parties (multipart ``file``) or JSON ``rows`` in the background; returns the job,
        whose ``result_url`` gives the result CSV when it is done."""
        job = await _start_batch(request, reader)
        return JSONResponse(job.model_dump(mode="json", by_alias=True), status_code=202,
                            headers={"Location": f"/api/v1/jobs/{job.id}"})

    @app.get("/screen", include_in_schema=False)
    def screen_page(request: Request, reader: ReaderDep, name: str | None = None, type: str | None = None,
                    country: str | None = None, identifier: str | None = None, as_of: str | None = None,
                    goods: str | None = None):
        """The form; with ``name`` (or ``goods``) in the URL, the result too, so a screening can be linked."""
        lists = loaded(reader)
        page = ScreenPage(lists=len(lists.lists), entries=lists.entries)
        error = None
        try:
            if name:
                page.result = screen_one(reader, name, type or None, country, identifier, as_of or None,
                                         warm=_warm(request.app))
            if goods:
                page.goods = classify_goods(goods, warm=_warm(request.app))
        except ProlifwatchError as exc:
            error = exc
        return render(request, "screening/index.html", page=page, error=error, form=request.query_params,
                      status_code=error.http_status if error else 200)

    @app.post("/screen", include_in_schema=False)
    async def screen_form(request: Request, reader: ReaderDep):
        """The htmx form: the result below it, or the refusal (422 naming the field, 503 with no list)."""
        form = await request.form(max_files=0, max_fields=20)
        values = {k: (str(form.get(k) or "").strip() or None) for k in ("name", "type", "country", "identifier",
                                                                         "as_of", "goods")}
        result = goods_result = error = None
        try:
            if values["name"]:
                result = await run_in_threadpool(screen_one, reader, values["name"], values["type"],
                                                 values["country"], values["identifier"], values["as_of"],
                                                 warm=_warm(request.app))
            if values["goods"]:
                goods_result = await run_in_threadpool(classify_goods, values["goods"], warm=_warm(request.app))
            if not (values["name"] or values["goods"]):
                raise BadParameter("name", "give a party's name (or a goods description)")
        except ProlifwatchError as exc:
            error = exc
        return render(request, "screening/result.html", result=result, goods=goods_result, error=error,
                      status_code=error.http_status if error else 200)

    @app.post("/screen/batch", include_in_schema=False)
    async def screen_batch_form(request: Request, reader: ReaderDep):
        job = await _start_batch(request, reader)
        return render(request, "ingest/job.html", status_code=202, page=job, json_url=f"/api/v1/jobs/{job.id}")

