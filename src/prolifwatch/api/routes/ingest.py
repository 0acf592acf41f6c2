"""``/ingest``: upload files or a zip; the job reads, stores and links them in a process of its own."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ... import actions, jobs
from ...errors import BadParameter
from ..templating import render
from ..twins import ReaderDep, Twins
from .jobs import multipart_body, read_uploads, start_in_background

UPLOAD_BODY = multipart_body({"files": {"type": "array", "items": {"type": "string", "format": "binary"},
                                        "description": "documents (cables, articles, cables.csv ...) or zips of them"}},
                             ["files"])


class IngestPage(BaseModel):
    max_upload_bytes: int
    max_zip_members: int
    max_zip_expansion: int
    recent: list[jobs.Job]


async def _start(request: Request, reader) -> jobs.Job:
    files, _ = await read_uploads(request, "files")
    if not files:
        raise BadParameter("files", "no file was uploaded")
    return await start_in_background(actions.start_ingest, reader, files)


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/ingest", "/ingest", "ingest/index.html", tags=["ingest"])
    def ingest_page(reader: ReaderDep) -> IngestPage:
        """The upload limits and the latest jobs."""
        return IngestPage(max_upload_bytes=jobs.MAX_UPLOAD_BYTES, max_zip_members=jobs.MAX_ZIP_MEMBERS,
                          max_zip_expansion=jobs.MAX_ZIP_EXPANSION, recent=actions.recent_jobs(reader))

    @twins.api.post("/ingest", tags=["ingest"], status_code=202, response_model=jobs.Job,
                    openapi_extra=UPLOAD_BODY,
                    responses={413: {"description": "upload or zip expansion over the limit"},
                               422: {"description": "a zip member leaving its folder, a link, no file"}})
    async def ingest(request: Request, reader: ReaderDep):
        """Upload files or a zip to ingest; returns the job (follow it at /api/v1/jobs/{id})."""
        job = await _start(request, reader)
        return JSONResponse(job.model_dump(mode="json", by_alias=True), status_code=202,
                            headers={"Location": f"/api/v1/jobs/{job.id}"})

    @app.post("/ingest", include_in_schema=False)
    async def ingest_form(request: Request, reader: ReaderDep):
        job = await _start(request, reader)
        return render(request, "ingest/job.html", status_code=202, page=job, json_url=f"/api/v1/jobs/{job.id}")
