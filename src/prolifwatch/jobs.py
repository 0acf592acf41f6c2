"""Background jobs the web app starts: an ingest of uploaded files, a batch screening, an xref.
Their records (the ``Job`` model, its file beside the store, settling a job whose process is
gone) are in ``job_records.py``; this module starts and runs them.

An ingest runs in its own process (``python -m prolifwatch.jobs ingest STORE
ID``): parsing and spaCy are CPU-heavy, and the server must keep answering.  It
holds the store's writer lock over the documents and their linking, as the
CLI's ``ingest`` does.  A batch screening and an xref (every stored entity
screened against the loaded lists) run in a thread of the server: they use the
server's warm screener, which a new process would take seconds to build again.

Uploads are checked before anything runs (uploads.py).  An ingest's uploaded
files are removed when it ends: the store keeps what it read (text, versions),
its sources only the path and checksum.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, BinaryIO

from . import uploads
from .errors import BadParameter, Conflict, NotFound, ProlifwatchError, Unavailable
# What callers read of a job, from where they always have (the API's routes, actions.py, the tests).
from .job_records import (  # noqa: F401
    ACTIVE, KEPT_HITS, KEPT_JOBS, Failure, Job, PartyHit, Progress, drop_upload, jobs_folder, load, new_job, now,
    process_started, recent, save, settle_orphans,
)
# The limits as they were named here before uploads.py held them (api/routes/ingest.py shows them).
from .uploads import MAX_UPLOAD_BYTES, MAX_ZIP_EXPANSION, MAX_ZIP_MEMBERS  # noqa: F401


# ---- ingest --------------------------------------------------------------

def start_ingest(store_path: str | os.PathLike, files: list[tuple[str, BinaryIO]]) -> Job:
    """Save the uploads and start the ingest process; refused uploads leave nothing behind."""
    job, folder = new_job(store_path, "ingest")
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
    job.pid, job.pid_started = process.pid, process_started(process.pid)
    save(store_path, job)
    # Reap the process when it ends (no zombie), and say so if it died without a word.
    threading.Thread(target=_watch, args=(store_path, job.id, process), daemon=True).start()
    return job


def _unexpected(store_path, job_id: str, what: str) -> str:
    """What a client is told of a failure that is not its own: no traceback, no server path (the
    details are in the job's log)."""
    log = f"{Path(os.fspath(store_path)).name}.jobs/{job_id}/job.log"
    return f"the ingest {what}; the job's log on the server ({log}) has the details"


def _watch(store_path, job_id: str, process: subprocess.Popen) -> None:
    code = process.wait()
    # as saved, not settled by load(): the process is gone now, and this says how it ended
    job = Job.model_validate_json((jobs_folder(store_path) / f"{job_id}.json").read_text())
    if job.state in ACTIVE:  # the process died without saying why (killed, out of memory)
        save(store_path, job.model_copy(update={
            "state": "failed", "finished": now(), "pid": None, "pid_started": None,
            "message": _unexpected(store_path, job_id, f"stopped unexpectedly (exit status {code})")}))
    drop_upload(store_path, job_id)


def run_ingest(store_path: str, job_id: str) -> None:
    """The ingest process: read, extract and store the uploaded files, then link."""
    from .pipeline import ingest, resolve_store
    from .store import open_store

    tracker = Progress(store_path, load(store_path, job_id))
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
        tracker.update(True, state="running", phase="reading", pid=os.getpid(),
                       pid_started=process_started(os.getpid()))
        with open_store(store_path) as store, store.writing():
            report = ingest([str(p) for p in paths], store, workers=1, on_item=on_item, on_read=on_read)
            tracker.update(True, phase="linking", progress=0.9, read=report.read, new=report.new,
                           unchanged=report.unchanged, merged=report.merged,
                           failed=[Failure(path=shown(e.path), line=e.line, reason=e.reason) for e in report.failed])
            linked = resolve_store(store) if store.linking_pending() else {}
    except Exception as exc:  # the job says why; the traceback goes to its log; the server keeps running
        message = exc.message if isinstance(exc, ProlifwatchError) else _unexpected(store_path, job_id,
                                                                                      "stopped unexpectedly")
        drop_upload(store_path, job_id)  # before the job says it ended: who sees it ended finds no upload
        tracker.end(state="failed", message=message)
        raise
    drop_upload(store_path, job_id)
    tracker.end(state="done", phase="done", progress=1.0, linked=linked)


# ---- batch screening -----------------------------------------------------

def start_screen_batch(store_path: str | os.PathLike, name: str, stream: BinaryIO, *, as_of: str | None = None,
                       threshold: float | None = None, warm=None) -> Job:
    """Save the CSV, check every row (BadParameter naming the line), and screen it in a thread."""
    from .query.screen_parties import read_batch

    job, folder = new_job(store_path, "screen")
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
    tracker = Progress(store_path, job)
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
        job, _ = new_job(store_path, "xref", restart=restart)
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

    tracker = Progress(store_path, job)

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
