"""What a background job is, and where it is kept: the ``Job`` record, its file beside the store,
and whether the process running it is still there.  ``jobs.py`` runs the jobs; this module only
keeps their records, so that the server, the API and an ingest's own process read them alike.

Each job is a JSON file in a folder beside the store (``STORE.jobs/ID.json``),
replaced whole on every update (written beside it, then renamed), so a reader
never sees half of one.  Its files are in ``STORE.jobs/ID/``.

A job records the process running it (its id and start time, so that a reused
id is not taken for it).  A job whose process is gone is settled when read: a
screening or an xref, which died with its server, is "interrupted" (start it
again; an xref resumes where it stopped); an ingest, whose process outlives the
server, "failed" when that process died.  The server settles them at start-up
(``settle_orphans``), so that the jobs page never shows a dead job running.
The folders of the KEPT_JOBS most recent jobs are kept; older finished ones go
when a job starts (``new_job``).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from .errors import NotFound

KEPT_JOBS = 50  # the folders of the most recent jobs kept; older finished ones are removed when a job starts
JOB_ID = re.compile(r"^[0-9a-f]{16}$")
WRITE_EVERY_SECONDS = 0.25  # progress is written at most this often (and at every change of phase)
KEPT_HITS = 200  # parties with hits listed in a screening job's status (the CSV has them all)
ACTIVE = ("queued", "running")
ENDED = ("done", "failed", "interrupted")
START_AGAIN = {"screen": "upload the file again on the Screening page",
               "xref": "start it again on the Xref page: it resumes where it stopped"}


class Failure(BaseModel):
    path: str = Field(description="the file as uploaded (inside a zip: zip name/member)")
    line: int | None = None
    reason: str


class PartyHit(BaseModel):
    line: int
    name: str
    list_name: str = Field(alias="list", serialization_alias="list")
    entry_id: str
    listed_name: str
    score: float


class Job(BaseModel):
    id: str
    kind: Literal["ingest", "screen", "xref"]
    state: Literal["queued", "running", "done", "failed", "interrupted"] = Field(
        description="interrupted: its server stopped before it finished; start it again")
    phase: str = Field("", description="what the job is doing: saving, reading, linking, screening")
    progress: float = Field(0.0, ge=0, le=1, description="fraction done, 0 to 1")
    created: str
    finished: str | None = None
    message: str | None = Field(None, description="why a failed or interrupted job stopped")
    files: list[str] = Field(default_factory=list, description="the files to read, as uploaded")
    read: int = Field(0, description="ingest: documents read")
    new: int = 0
    unchanged: int = 0
    merged: int = 0
    failed: list[Failure] = Field(default_factory=list, description="files or rows that could not be read, and why")
    linked: dict[str, Any] | None = Field(None, description="ingest: what linking found afterwards")
    parties: int = Field(0, description="screen: parties in the file")
    screened: int = Field(0, description="screen: parties screened; xref: entities screened by this job")
    with_hits: int = 0
    hits: list[PartyHit] = Field(default_factory=list, description=f"screen: parties with a hit (first {KEPT_HITS})")
    result_url: str | None = Field(None, description="screen: the result CSV; xref: the hits; when done")
    entities: int = Field(0, description="xref: stored entities that can be listed parties")
    skipped: int = Field(0, description="xref: entities already screened against these lists (not again)")
    restart: bool = Field(False, description="xref: every entity screened again, not only new ones")
    pid: int | None = Field(None, description="the process running it (an ingest's own, else the server), while it "
                                              "runs")
    pid_started: int | None = Field(None, description="when that process started (clock ticks since boot), so that "
                                                      "a reused process id is not taken for it")


def jobs_folder(store_path: str | os.PathLike) -> Path:
    path = Path(os.fspath(store_path))
    return path.with_name(path.name + ".jobs")


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def save(store_path: str | os.PathLike, job: Job) -> None:
    folder = jobs_folder(store_path)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{job.id}.{os.getpid()}.{threading.get_ident()}.tmp"
    temporary.write_text(job.model_dump_json(by_alias=True))
    os.replace(temporary, folder / f"{job.id}.json")


def load(store_path: str | os.PathLike, job_id: str) -> Job:
    """The job's last saved state, settled if its process is gone; NotFound for an unknown (or malformed) id."""
    path = jobs_folder(store_path) / f"{job_id}.json"
    if not JOB_ID.match(job_id) or not path.is_file():
        raise NotFound("job", job_id, where="on this server",
                       hint="a job's id is what the POST that started it returned (/api/v1/ingest, "
                            "/api/v1/screen/batch, /api/v1/xref)")
    job = Job.model_validate_json(path.read_text())
    if job.state in ACTIVE and job.pid is not None and not process_alive(job.pid, job.pid_started):
        job = _settled(store_path, job)
    return job


def _settled(store_path, job: Job) -> Job:
    """A job whose process is gone: an ingest failed (its log says why); a screening or an xref was
    cut by its server's stop, and is started again by hand."""
    if job.kind == "ingest":
        message = "the job's process ended before it finished (see its log)"
        return job.model_copy(update={"state": "failed", "finished": now(), "message": message, "pid": None,
                                      "pid_started": None})
    message = (f"interrupted: the server stopped before this {'batch screening' if job.kind == 'screen' else 'xref'} "
               f"finished ({job.progress:.0%} done); {START_AGAIN[job.kind]}")
    return job.model_copy(update={"state": "interrupted", "finished": now(), "message": message, "pid": None,
                                  "pid_started": None})


def settle_orphans(store_path: str | os.PathLike) -> list[Job]:
    """At a server's start: save as settled every queued or running job whose process is gone (the
    jobs of a server that stopped; one without a process recorded is from before they were), and
    drop an ended ingest's upload.  The jobs settled."""
    settled = []
    for path in _by_age(store_path):
        try:
            job = Job.model_validate_json(path.read_text())
        except (OSError, ValueError):  # removed or being replaced meanwhile: its runner is alive
            continue
        if job.state not in ACTIVE or (job.pid is not None and process_alive(job.pid, job.pid_started)):
            continue
        job = _settled(store_path, job)
        save(store_path, job)
        if job.kind == "ingest":
            drop_upload(store_path, job.id)
        settled.append(job)
    return settled


def _by_age(store_path: str | os.PathLike) -> list[Path]:
    """The jobs' status files, newest first (one removed meanwhile is left out)."""
    folder = jobs_folder(store_path)
    if not folder.is_dir():
        return []
    dated = []
    for path in folder.glob("*.json"):
        try:
            dated.append((path.stat().st_mtime, path))
        except FileNotFoundError:
            continue
    return [path for _, path in sorted(dated, reverse=True)]


def _loaded(store_path: str | os.PathLike, paths: list[Path]) -> list[Job]:
    found = []
    for path in paths:
        try:
            found.append(load(store_path, path.stem))
        except (NotFound, FileNotFoundError):  # removed since it was listed
            continue
    return found


def recent(store_path: str | os.PathLike, limit: int = 10, kind: str | None = None) -> list[Job]:
    """The latest jobs, newest first; ``kind``: of that kind only."""
    if kind is None:
        return _loaded(store_path, _by_age(store_path)[:limit])
    return [job for job in _loaded(store_path, _by_age(store_path)) if job.kind == kind][:limit]


def _prune(store_path: str | os.PathLike, keep: int) -> None:
    """Remove the ended jobs older than the ``keep`` most recent (their status and files); a job
    still queued or running is never removed."""
    for job in _loaded(store_path, _by_age(store_path)[keep:]):
        if job.state in ENDED:
            shutil.rmtree(jobs_folder(store_path) / job.id, ignore_errors=True)
            (jobs_folder(store_path) / f"{job.id}.json").unlink(missing_ok=True)


def process_started(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks since boot (Linux's /proc); None where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[19])  # field 22; the name before ")" may hold spaces
    except (OSError, ValueError, IndexError):
        return None


def process_alive(pid: int, started: int | None = None) -> bool:
    """Whether process ``pid`` runs, and is the one that started at ``started`` (when both are known)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    started_now = process_started(pid)
    return started is None or started_now is None or started_now == started


def new_job(store_path: str | os.PathLike, kind: str, **fields: Any) -> tuple[Job, Path]:
    """A queued job, run by this process until it says otherwise (an ingest hands over to its own)."""
    _prune(store_path, KEPT_JOBS - 1)
    job = Job(id=secrets.token_hex(8), kind=kind, state="queued", phase="saving", created=now(),
              pid=os.getpid(), pid_started=process_started(os.getpid()), **fields)
    folder = jobs_folder(store_path) / job.id
    folder.mkdir(parents=True)
    return job, folder


class Progress:
    """A job's state as it runs, saved at most every WRITE_EVERY_SECONDS (``force``: now)."""

    def __init__(self, store_path, job: Job) -> None:
        self.store_path, self.job, self._last = store_path, job, 0.0

    def update(self, force: bool = False, **changes: Any) -> None:
        self.job = self.job.model_copy(update=changes)
        if force or time.monotonic() - self._last >= WRITE_EVERY_SECONDS:
            self._last = time.monotonic()
            save(self.store_path, self.job)

    def end(self, **changes: Any) -> None:
        self.update(True, finished=now(), pid=None, pid_started=None, **changes)


def drop_upload(store_path, job_id: str) -> None:
    """An ingest's uploaded files, once it has ended.  Nothing reads them again: the store keeps each
    document's text and versions (documents.body, sources.version), and its sources only record the
    path and sha256 read (as names to look a document up by, and to know a file already read)."""
    shutil.rmtree(jobs_folder(store_path) / job_id / "upload", ignore_errors=True)
