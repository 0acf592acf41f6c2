"""Background jobs the web app starts: an ingest of uploaded files, a batch screening, an xref.

Each job is a JSON file in a folder beside the store (``STORE.jobs/ID.json``),
replaced whole on every update (written beside it, then renamed), so a reader
never sees half of one.  Its files are in ``STORE.jobs/ID/``.

An ingest runs in its own process (``python -m prolifwatch.jobs ingest STORE
ID``): parsing and spaCy are CPU-heavy, and the server must keep answering.  It
holds the store's writer lock over the documents and their linking, as the
CLI's ``ingest`` does.  A batch screening and an xref (every stored entity
screened against the loaded lists) run in a thread of the server: they use the
server's warm screener, which a new process would take seconds to build again.

A job records the process running it (its id and start time, so that a reused
id is not taken for it).  A job whose process is gone is settled when read: a
screening or an xref, which died with its server, is "interrupted" (start it
again; an xref resumes where it stopped); an ingest, whose process outlives the
server, "failed" when that process died.  The server settles them at start-up
(``settle_orphans``), so that the jobs page never shows a dead job running.

Uploads are checked before anything runs (uploads.py).  An ingest's uploaded
files are removed when it ends: the store keeps what it read (text, versions),
its sources only the path and checksum.  The folders of the KEPT_JOBS most
recent jobs are kept; older finished ones go when a job starts.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO, Literal

from pydantic import BaseModel, Field

from . import uploads
from .errors import BadParameter, Conflict, NotFound, ProlifwatchError, Unavailable
# The limits as they were named here before uploads.py held them (api/routes/ingest.py shows them).
from .uploads import MAX_UPLOAD_BYTES, MAX_ZIP_EXPANSION, MAX_ZIP_MEMBERS  # noqa: F401

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


def _now() -> str:
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
    if job.state in ACTIVE and job.pid is not None and not _alive(job.pid, job.pid_started):
        job = _settled(store_path, job)
    return job


def _settled(store_path, job: Job) -> Job:
    """A job whose process is gone: an ingest failed (its log says why); a screening or an xref was
    cut by its server's stop, and is started again by hand."""
    if job.kind == "ingest":
        message = "the job's process ended before it finished (see its log)"
        return job.model_copy(update={"state": "failed", "finished": _now(), "message": message, "pid": None,
                                      "pid_started": None})
    message = (f"interrupted: the server stopped before this {'batch screening' if job.kind == 'screen' else 'xref'} "
               f"finished ({job.progress:.0%} done); {START_AGAIN[job.kind]}")
    return job.model_copy(update={"state": "interrupted", "finished": _now(), "message": message, "pid": None,
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
        if job.state not in ACTIVE or (job.pid is not None and _alive(job.pid, job.pid_started)):
            continue
        job = _settled(store_path, job)
        save(store_path, job)
        if job.kind == "ingest":
            _drop_upload(store_path, job.id)
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


def _started(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks since boot (Linux's /proc); None where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[19])  # field 22; the name before ")" may hold spaces
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int, started: int | None = None) -> bool:
    """Whether process ``pid`` runs, and is the one that started at ``started`` (when both are known)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    now = _started(pid)
    return started is None or now is None or now == started


def _new_job(store_path: str | os.PathLike, kind: str, **fields: Any) -> tuple[Job, Path]:
    """A queued job, run by this process until it says otherwise (an ingest hands over to its own)."""
    _prune(store_path, KEPT_JOBS - 1)
    job = Job(id=secrets.token_hex(8), kind=kind, state="queued", phase="saving", created=_now(),
              pid=os.getpid(), pid_started=_started(os.getpid()), **fields)
    folder = jobs_folder(store_path) / job.id
    folder.mkdir(parents=True)
    return job, folder


class _Progress:
    """A job's state as it runs, saved at most every WRITE_EVERY_SECONDS (``force``: now)."""

    def __init__(self, store_path, job: Job) -> None:
        self.store_path, self.job, self._last = store_path, job, 0.0

    def update(self, force: bool = False, **changes: Any) -> None:
        self.job = self.job.model_copy(update=changes)
        if force or time.monotonic() - self._last >= WRITE_EVERY_SECONDS:
            self._last = time.monotonic()
            save(self.store_path, self.job)

    def end(self, **changes: Any) -> None:
        self.update(True, finished=_now(), pid=None, pid_started=None, **changes)


# ---- ingest --------------------------------------------------------------

def start_ingest(store_path: str | os.PathLike, files: list[tuple[str, BinaryIO]]) -> Job:
    """Save the uploads and start the ingest process; refused uploads leave nothing behind."""
    job, folder = _new_job(store_path, "ingest")
    try:
        job.files = uploads.receive(files, folder / "upload")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job.phase = "queued"
    save(store_path, job)
    with open(folder / "job.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "prolifwatch.jobs", "ingest", os.fspath(store_path), job.id],
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, close_fds=True)
    job.pid, job.pid_started = process.pid, _started(process.pid)
    save(store_path, job)
    # Reap the process when it ends (no zombie), and say so if it died without a word.
    threading.Thread(target=_watch, args=(store_path, job.id, process), daemon=True).start()
    return job


def _unexpected(store_path, job_id: str, what: str) -> str:
    """What a client is told of a failure that is not its own: no traceback, no server path (the
    details are in the job's log)."""
    log = f"{Path(os.fspath(store_path)).name}.jobs/{job_id}/job.log"
    return f"the ingest {what}; the job's log on the server ({log}) has the details"


def _drop_upload(store_path, job_id: str) -> None:
    """An ingest's uploaded files, once it has ended.  Nothing reads them again: the store keeps each
    document's text and versions (documents.body, sources.version), and its sources only record the
    path and sha256 read (as names to look a document up by, and to know a file already read)."""
    shutil.rmtree(jobs_folder(store_path) / job_id / "upload", ignore_errors=True)


def _watch(store_path, job_id: str, process: subprocess.Popen) -> None:
    code = process.wait()
    # as saved, not settled by load(): the process is gone now, and this says how it ended
    job = Job.model_validate_json((jobs_folder(store_path) / f"{job_id}.json").read_text())
    if job.state in ACTIVE:  # the process died without saying why (killed, out of memory)
        save(store_path, job.model_copy(update={
            "state": "failed", "finished": _now(), "pid": None, "pid_started": None,
            "message": _unexpected(store_path, job_id, f"stopped unexpectedly (exit status {code})")}))
    _drop_upload(store_path, job_id)


def run_ingest(store_path: str, job_id: str) -> None:
    """The ingest process: read, extract and store the uploaded files, then link."""
    from .pipeline import ingest, resolve_store
    from .store import open_store

    tracker = _Progress(store_path, load(store_path, job_id))
    upload = jobs_folder(store_path) / job_id / "upload"
    paths = sorted(p for p in upload.rglob("*") if p.is_file())
    sizes = {str(p): p.stat().st_size for p in paths}
    total = sum(sizes.values()) or 1
    read_of: dict[str, int] = {}

    def shown(path: str) -> str:
        """The name the user uploaded: without the job's folder and the numbering that keeps uploads apart."""
        relative = Path(path).relative_to(upload) if Path(path).is_relative_to(upload) else Path(path)
        first, *rest = relative.parts
        return "/".join([re.sub(r"^\d{3}-", "", first).removesuffix(".d"), *rest])

    def on_item(item) -> None:
        from .formats import ReadError

        failed = isinstance(item, ReadError)
        path = item.path if failed else item.sources[0].path
        read_of.setdefault(path, sizes.get(path, 0))
        changes: dict[str, Any] = {"progress": round(0.9 * min(1.0, sum(read_of.values()) / total), 3)}
        if failed:
            changes["failed"] = [*tracker.job.failed, Failure(path=shown(item.path), line=item.line,
                                                              reason=item.reason)]
        else:
            changes["read"] = tracker.job.read + 1
        tracker.update(**changes)

    def on_read(path: str, offset: int) -> None:
        read_of[path] = offset

    try:
        # this process runs it now (the server may have saved its own id before this one's was known)
        tracker.update(True, state="running", phase="reading", pid=os.getpid(), pid_started=_started(os.getpid()))
        with open_store(store_path) as store, store.writing():
            report = ingest([str(p) for p in paths], store, workers=1, on_item=on_item, on_read=on_read)
            tracker.update(True, phase="linking", progress=0.9, read=report.read, new=report.new,
                           unchanged=report.unchanged, merged=report.merged,
                           failed=[Failure(path=shown(e.path), line=e.line, reason=e.reason) for e in report.failed])
            linked = resolve_store(store) if store.linking_pending() else {}
    except Exception as exc:  # the job says why; the traceback goes to its log; the server keeps running
        message = exc.message if isinstance(exc, ProlifwatchError) else _unexpected(store_path, job_id,
                                                                                      "stopped unexpectedly")
        _drop_upload(store_path, job_id)  # before the job says it ended: who sees it ended finds no upload
        tracker.end(state="failed", message=message)
        raise
    _drop_upload(store_path, job_id)
    tracker.end(state="done", phase="done", progress=1.0, linked=linked)


# ---- batch screening -----------------------------------------------------

def start_screen_batch(store_path: str | os.PathLike, name: str, stream: BinaryIO, *, as_of: str | None = None,
                       threshold: float | None = None, warm=None) -> Job:
    """Save the CSV, check every row (BadParameter naming the line), and screen it in a thread."""
    from .query.screen_parties import read_batch

    job, folder = _new_job(store_path, "screen")
    try:
        job.files = [uploads.safe_name(name)]
        source = folder / "parties.csv"
        try:
            uploads.copy_limited(stream, source, [uploads.MAX_UPLOAD_BYTES], uploads.MAX_UPLOAD_BYTES, "the upload")
        except OSError as exc:
            raise uploads.cannot_save(job.files[0], exc, "file") from exc
        parties = read_batch(source, as_of)
        if not parties:
            raise BadParameter("file", f"{job.files[0]} holds no party (a header with a 'name' column, then a row "
                                       "per party)")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job = job.model_copy(update={"parties": len(parties), "phase": "queued"})
    save(store_path, job)
    threading.Thread(target=_screen, args=(store_path, job, parties, threshold, warm), daemon=True,
                     name=f"screen-{job.id}").start()
    return job


def _screen(store_path, job: Job, parties: list, threshold: float | None, warm) -> None:
    from .query.context import Reader
    from .query.screen_parties import screen_batch
    from .screen.batch import csv_rows, csv_writer

    folder = jobs_folder(store_path) / job.id
    tracker = _Progress(store_path, job)
    try:
        tracker.update(True, state="running", phase="screening")
        with Reader.open(store_path) as reader, \
                open(folder / "result.part", "w", encoding="utf-8", newline="") as sink:
            writer = csv_writer(sink)  # cells through export/cells.py: a name is never a live formula
            for result in screen_batch(reader, parties, threshold, warm=warm):
                writer.writerows(csv_rows(result.record()))
                hits = tracker.job.hits
                if result.hits and len(hits) < KEPT_HITS:
                    best = result.hits[0]
                    hits = [*hits, PartyHit(line=result.line, name=result.row["name"], list=best.list_name,
                                            entry_id=best.entry_id, listed_name=best.name, score=best.score)]
                done = tracker.job.screened + 1
                tracker.update(screened=done, hits=hits, progress=round(done / len(parties), 3),
                               with_hits=tracker.job.with_hits + bool(result.hits))
        os.replace(folder / "result.part", folder / "result.csv")
        tracker.end(state="done", phase="done", progress=1.0, result_url=f"/api/v1/jobs/{job.id}/result.csv")
    except Exception as exc:
        tracker.end(state="failed", message=getattr(exc, "message", None) or str(exc))


def result_file(store_path: str | os.PathLike, job_id: str) -> Path:
    job = load(store_path, job_id)
    path = jobs_folder(store_path) / job.id / "result.csv"
    if job.kind != "screen" or job.state != "done" or not path.is_file():
        raise NotFound("result of job", job_id, where="yet", hint=f"the job is {job.state}; a done screening job "
                       "has a result")
    return path


# ---- xref: every stored entity screened against the loaded lists ---------

_one_xref = threading.Lock()  # the check for a running xref and the start of a new one, as one step


def start_xref(store_path: str | os.PathLike, *, restart: bool = False, threshold: float | None = None,
               warm=None) -> Job:
    """Screen the stored entities not yet screened against the loaded lists (``restart``: all of them)
    in a thread, keeping their hits for the analyst's verdicts.  Refused before a job is made when no
    list is loaded (Unavailable) or an xref is running already (Conflict: two would screen the same
    entities)."""
    if threshold is not None and not 0 <= threshold <= 1:
        raise BadParameter("threshold", f"{threshold} is not between 0 and 1")
    _lists_loaded(store_path)
    with _one_xref:
        running = [job for job in recent(store_path, KEPT_JOBS, kind="xref") if job.state in ACTIVE]
        if running:
            raise Conflict(f"an xref is already {running[0].state}: job {running[0].id}",
                           hint=f"follow it at /jobs/{running[0].id}; start another when it has ended")
        job, _ = _new_job(store_path, "xref", restart=restart)
        job.phase = "queued"
        save(store_path, job)
    threading.Thread(target=_xref, args=(store_path, job, threshold, warm), daemon=True,
                     name=f"xref-{job.id}").start()
    return job


def _lists_loaded(store_path) -> None:
    from .query.context import Reader
    from .query.screen_parties import LOAD_HINT, loaded

    with Reader.open(store_path) as reader:
        if not loaded(reader).lists:
            raise Unavailable("no sanctions list is loaded: xref screens the stored entities against them",
                              hint=LOAD_HINT)


def _xref(store_path, job: Job, threshold: float | None, warm) -> None:
    from .query.context import Reader
    from .query.screen_parties import build
    from .query.screening import xref

    tracker = _Progress(store_path, job)

    def advance(done: int, todo: int) -> None:
        tracker.update(screened=done, progress=round(done / todo, 3))

    try:
        tracker.update(True, state="running", phase="building the screener")
        with Reader.open(store_path) as reader:
            # the server's warm screener unless another threshold is asked for (it is built for the default)
            screener = warm.screener(reader) if warm is not None and threshold is None else build(reader, threshold)
            tracker.update(True, phase="screening")
            figures = xref(reader.store, screener, on_progress=advance, restart=job.restart)
        tracker.end(state="done", phase="done", progress=1.0, entities=figures["entities"],
                    skipped=figures["skipped"], screened=figures["screened"], with_hits=figures["with_hits"],
                    result_url="/xref")
    except Exception as exc:  # the entities screened so far are saved: an xref started again resumes
        tracker.end(state="failed", message=getattr(exc, "message", None) or str(exc))


if __name__ == "__main__":  # python -m prolifwatch.jobs ingest STORE JOB_ID (started by start_ingest)
    if len(sys.argv) == 4 and sys.argv[1] == "ingest":
        run_ingest(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: python -m prolifwatch.jobs ingest STORE JOB_ID")
