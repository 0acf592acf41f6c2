"""``/xref``: every stored entity screened against the loaded lists, as a background job, and the hits
it keeps with the analyst's verdict buttons (``POST /api/v1/actions/xref``).

The CLI's ``prolifwatch xref`` does the same in a terminal; both resume where
the last run stopped (an entity screened against the same lists is not screened
again) unless asked to start over.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Query, Request
from pydantic import BaseModel, Field

from ... import actions
from ...jobs import Job
from ...query.xref_page import DEFAULT_LIMIT, Review, XrefHits, xref_hits
from ..twins import ReaderDep, Twins
from .actions import _body_schema, _parse  # one reading of a JSON or form body for every POST
from .jobs import accepted, job_card, start_in_background

RECENT_JOBS = 5


class XrefRequest(BaseModel):
    restart: bool = Field(False, description="screen every entity again, not only those not yet screened "
                                             "against the loaded lists")
    threshold: float | None = Field(None, ge=0, le=1, description="lowest score kept as a hit (default 0.7)")


class XrefPage(XrefHits):
    jobs: list[Job] = Field(description=f"the latest xref jobs (at most {RECENT_JOBS}), newest first")


async def _start(request: Request, reader) -> Job:
    body = await _parse(request, XrefRequest)
    return await start_in_background(actions.start_xref, reader, restart=body.restart, threshold=body.threshold,
                                     warm=request.app.state.screener)


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/xref", "/xref", "xref/index.html", tags=["screening"])
    def xref(reader: ReaderDep,
             review: Annotated[Review, Query(description="all hits, open ones (no verdict) or confirmed")] = "all",
             limit: Annotated[int, Query(ge=1, le=1000)] = DEFAULT_LIMIT) -> XrefPage:
        """The stored entities' screening hits, best first, with their evidence, and the latest xref jobs."""
        hits = xref_hits(reader, review, limit)
        return XrefPage(**dict(hits), jobs=actions.recent_jobs(reader, RECENT_JOBS, "xref"))

    @twins.api.post("/xref", tags=["screening"], status_code=202, response_model=Job,
                    openapi_extra=_body_schema(XrefRequest),
                    responses={409: {"description": "an xref is running already"},
                               503: {"description": "no sanctions list is loaded yet"}})
    async def start_xref(request: Request, reader: ReaderDep):
        """Screen every stored entity against the loaded lists in the background; returns the job (its
        ``result_url`` is the hits page when it is done).  Entities already screened against these lists
        are skipped unless ``restart``."""
        return accepted(await _start(request, reader))

    @app.post("/xref", include_in_schema=False)
    async def start_xref_form(request: Request, reader: ReaderDep):
        return job_card(request, await _start(request, reader))
