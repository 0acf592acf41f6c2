"""``/api/v1/jobs/{id}``: a background job's state and progress (ingest, batch screening, xref), and the
uploads that start them (shared by ingest, lists and screening)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Path, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from ... import actions, jobs, uploads
from ...errors import BadParameter, LengthRequired, TooLarge
from ..templating import render
from ..twins import ReaderDep, Twins

JobId = Annotated[str, Path(description="the job's id, as the POST that started it returned", max_length=64)]
MAX_FILES = 1000


def multipart_body(fields: dict[str, dict[str, Any]], required: list[str]) -> dict[str, Any]:
    """The OpenAPI request body of an upload (FastAPI cannot describe one the handler reads itself)."""
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "properties": fields, "required": required}}}}}


async def read_uploads(request: Request, field: str) -> tuple[list[tuple[str, Any]], dict[str, str]]:
    """The files under ``field`` (name, binary stream) and the other form fields.  The declared size is
    checked before a byte is read (the copy counts again: uploads.py)."""
    length = request.headers.get("content-length")
    if length is None:
        raise LengthRequired("an upload needs a Content-Length", hint="send the files as multipart/form-data")
    if not length.isdigit() or int(length) > uploads.MAX_UPLOAD_BYTES:
        raise TooLarge(f"the upload ({length} bytes) is over the limit of {uploads.MAX_UPLOAD_BYTES:,} bytes",
                       hint=uploads.LIMIT_HINT)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "multipart/form-data":
        raise BadParameter(field, "send the files as multipart/form-data")
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=50)
    except Exception as exc:  # starlette's MultiPartException and malformed bodies
        raise BadParameter(field, f"unreadable upload: {exc}") from exc
    files = [(item.filename or "", item.file) for item in form.getlist(field) if hasattr(item, "file")]
    others = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    return files, others


def register(twins: Twins, app: FastAPI) -> None:
    # A job left queued or running by a server that stopped (its process gone) is settled now, at
    # start-up: the jobs pages never show a dead job running.  Its thread is not started again: the
    # analyst starts it again (an xref resumes where it stopped).
    jobs.settle_orphans(app.state.db_path)

    @twins.page("/jobs/{job_id}", "/jobs/{job_id}", "ingest/job.html", tags=["jobs"])
    def job(reader: ReaderDep, job_id: JobId) -> jobs.Job:
        """A background job: state (queued, running, done, failed), progress, files read, failures with reasons."""
        return actions.job_status(reader, job_id)

    @twins.api.get("/jobs/{job_id}/result.csv", tags=["jobs"], response_class=FileResponse,
                   responses={200: {"content": {"text/csv": {}}, "description": "the batch screening's result"}})
    def job_result(reader: ReaderDep, job_id: JobId):
        """The result CSV of a done batch screening (one party a line, its best hit and why)."""
        path = actions.job_result(reader, job_id)
        return FileResponse(path, media_type="text/csv; charset=utf-8", filename=f"screening-{job_id}.csv")


def accepted(job: jobs.Job) -> JSONResponse:
    """The answer to a POST that started a job: 202, the job, and where to follow it."""
    return JSONResponse(job.model_dump(mode="json", by_alias=True), status_code=202,
                        headers={"Location": f"/api/v1/jobs/{job.id}"})


def job_card(request: Request, job: jobs.Job):
    """The page's answer to a form that started a job: its card, which polls until the job ends."""
    return render(request, "ingest/job.html", status_code=202, page=job, json_url=f"/api/v1/jobs/{job.id}")


async def start_in_background(call, *args, **kwargs):
    """Run a job's start (it saves and checks uploads: blocking work) off the event loop."""
    return await run_in_threadpool(call, *args, **kwargs)
