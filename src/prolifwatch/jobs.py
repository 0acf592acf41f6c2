"""Background jobs the web app starts: an ingest of uploaded files, a batch screening.

Each job is a JSON file in a folder beside the store (``STORE.jobs/ID.json``),
replaced whole on every update (written beside it, then renamed), so a reader
never sees half of one.  Its files are in ``STORE.jobs/ID/``.

An ingest runs in its own process (``python -m prolifwatch.jobs ingest STORE
ID``): parsing and spaCy are CPU-heavy, and the server must keep answering.  It
holds the store's writer lock over the documents and their linking, as the
CLI's ``ingest`` does.  A batch screening runs in a thread of the server: it
uses the server's warm screener, which a new process would take seconds to
build again.

Uploads are checked before anything runs, and refused whole (nothing is kept):
their size (``TooLarge``), a zip's member count and total expansion (zip
bombs), members whose path leaves the folder (``../``, absolute paths) and
symbolic links (``BadParameter``).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Literal

from pydantic import BaseModel, Field

from .errors import BadParameter, NotFound, TooLarge


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


MAX_UPLOAD_BYTES = _limit("PROLIFWATCH_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
MAX_ZIP_MEMBERS = _limit("PROLIFWATCH_MAX_ZIP_MEMBERS", 10_000)
MAX_ZIP_EXPANSION = _limit("PROLIFWATCH_MAX_ZIP_EXPANSION", 1024 * 1024 * 1024)
JOB_ID = re.compile(r"^[0-9a-f]{16}$")
CHUNK = 1024 * 1024
WRITE_EVERY_SECONDS = 0.25  # progress is written at most this often (and at every change of phase)
KEPT_HITS = 200  # parties with hits listed in a screening job's status (the CSV has them all)
LIMIT_HINT = ("the server's limits: PROLIFWATCH_MAX_UPLOAD_BYTES, PROLIFWATCH_MAX_ZIP_MEMBERS, "
              "PROLIFWATCH_MAX_ZIP_EXPANSION; for a bigger load run `prolifwatch ingest` on the machine")


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
    kind: Literal["ingest", "screen"]
    state: Literal["queued", "running", "done", "failed"]
    phase: str = Field("", description="what the job is doing: saving, reading, linking, screening")
    progress: float = Field(0.0, ge=0, le=1, description="fraction done, 0 to 1")
    created: str
    finished: str | None = None
    message: str | None = Field(None, description="why a failed job failed")
    files: list[str] = Field(default_factory=list, description="the files to read, as uploaded")
    read: int = Field(0, description="ingest: documents read")
    new: int = 0
    unchanged: int = 0
    merged: int = 0
    failed: list[Failure] = Field(default_factory=list, description="files or rows that could not be read, and why")
    linked: dict[str, Any] | None = Field(None, description="ingest: what linking found afterwards")
    parties: int = Field(0, description="screen: parties in the file")
    screened: int = 0
    with_hits: int = 0
    hits: list[PartyHit] = Field(default_factory=list, description=f"screen: parties with a hit (first {KEPT_HITS})")
    result_url: str | None = Field(None, description="screen: the result CSV, when done")
    pid: int | None = Field(None, description="ingest: the process running it, while it runs")


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
    """The job's last saved state; NotFound for an unknown (or malformed) id."""
    path = jobs_folder(store_path) / f"{job_id}.json"
    if not JOB_ID.match(job_id) or not path.is_file():
        raise NotFound("job", job_id, where="on this server", hint="a job's id is what POST /api/v1/ingest returned")
    job = Job.model_validate_json(path.read_text())
    if job.state in ("queued", "running") and job.pid is not None and not _alive(job.pid):
        job = job.model_copy(update={"state": "failed", "finished": _now(),
                                     "message": "the job's process ended before it finished (see its log)"})
    return job


def recent(store_path: str | os.PathLike, limit: int = 10) -> list[Job]:
    folder = jobs_folder(store_path)
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[:limit]
    return [load(store_path, p.stem) for p in paths]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---- uploads -------------------------------------------------------------

def safe_name(name: str) -> str:
    """An uploaded file's own name: never a path."""
    base = PurePosixPath((name or "").replace("\\", "/")).name.strip()
    if base in ("", ".", ".."):
        raise BadParameter("files", f"{name!r} is not a file name")
    return base


def copy_limited(source: BinaryIO, target: Path, budget: list[int], limit: int, what: str) -> None:
    """Copy while counting against ``budget[0]`` bytes left; refused the moment it is spent."""
    with open(target, "xb") as out:
        while chunk := source.read(CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise TooLarge(f"{what} is over the limit of {limit:,} bytes", hint=LIMIT_HINT)
            out.write(chunk)


def _member_path(archive: str, info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in path.parts:
        raise BadParameter("files", f"{archive}: member {info.filename!r} points outside the archive's folder")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise BadParameter("files", f"{archive}: member {info.filename!r} is a symbolic link")
    return path


def _unzip(archive: Path, into: Path, shown: str) -> list[str]:
    """The archive's files, extracted under ``into`` after every member is checked."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            infos = zipped.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise TooLarge(f"{shown} has {len(infos):,} members; the limit is {MAX_ZIP_MEMBERS:,}", hint=LIMIT_HINT)
            members = [(info, _member_path(shown, info)) for info in infos]
            declared = sum(info.file_size for info in infos)
            if declared > MAX_ZIP_EXPANSION:
                raise TooLarge(f"{shown} expands to {declared:,} bytes; the limit is {MAX_ZIP_EXPANSION:,}",
                               hint=LIMIT_HINT)
            budget, names = [MAX_ZIP_EXPANSION], []
            for info, path in members:
                if info.is_dir() or path.parts[0] == "__MACOSX":
                    continue
                target = into.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zipped.open(info) as source:  # sizes are counted again: a header can lie
                    copy_limited(source, target, budget, MAX_ZIP_EXPANSION, f"{shown} expanded")
                names.append(f"{shown}/{path}")
            return names
    except zipfile.BadZipFile as exc:
        raise BadParameter("files", f"{shown} is not a readable zip archive: {exc}") from exc


def _receive(files: list[tuple[str, BinaryIO]], upload: Path) -> list[str]:
    """Save the uploads into ``upload``, zips expanded; the names as the user knows them."""
    budget, names = [MAX_UPLOAD_BYTES], []
    upload.mkdir(parents=True, exist_ok=True)
    for number, (name, stream) in enumerate(files):
        base = safe_name(name)
        target = upload / f"{number:03d}-{base}"  # two uploads of the same name stay apart
        copy_limited(stream, target, budget, MAX_UPLOAD_BYTES, "the upload")
        if zipfile.is_zipfile(target):
            names += _unzip(target, upload / f"{number:03d}-{base}.d", base)
            target.unlink()
        else:
            names.append(base)
    if not names:
        raise BadParameter("files", "no file was uploaded (or the zip holds none)")
    return names


def _new_job(store_path: str | os.PathLike, kind: str) -> tuple[Job, Path]:
    job = Job(id=secrets.token_hex(8), kind=kind, state="queued", phase="saving", created=_now())
    folder = jobs_folder(store_path) / job.id
    folder.mkdir(parents=True)
    return job, folder


# ---- ingest --------------------------------------------------------------

def start_ingest(store_path: str | os.PathLike, files: list[tuple[str, BinaryIO]]) -> Job:
    """Save the uploads and start the ingest process; refused uploads leave nothing behind."""
    job, folder = _new_job(store_path, "ingest")
    try:
        job.files = _receive(files, folder / "upload")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job.phase = "queued"
    save(store_path, job)
    with open(folder / "job.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "prolifwatch.jobs", "ingest", os.fspath(store_path), job.id],
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, close_fds=True)
    job.pid = process.pid
    save(store_path, job)
    # Reap the process when it ends (no zombie), and say so if it died without a word.
    threading.Thread(target=_watch, args=(store_path, job.id, process), daemon=True).start()
    return job


def _watch(store_path, job_id: str, process: subprocess.Popen) -> None:
    code = process.wait()
    job = load(store_path, job_id)
    if job.state in ("queued", "running"):
        tail = (jobs_folder(store_path) / job_id / "job.log").read_text(errors="replace")[-500:].strip()
        save(store_path, job.model_copy(update={
            "state": "failed", "finished": _now(), "pid": None,
            "message": f"the ingest process exited with status {code}" + (f": {tail}" if tail else "")}))


def run_ingest(store_path: str, job_id: str) -> None:
    """The ingest process: read, extract and store the uploaded files, then link."""
    from .pipeline import ingest, resolve_store
    from .store import open_store

    job = load(store_path, job_id)
    upload = jobs_folder(store_path) / job_id / "upload"
    paths = sorted(p for p in upload.rglob("*") if p.is_file())
    sizes = {str(p): p.stat().st_size for p in paths}
    total = sum(sizes.values()) or 1
    read_of: dict[str, int] = {}
    last = [0.0]

    def shown(path: str) -> str:
        """The name the user uploaded: without the job's folder and the numbering that keeps uploads apart."""
        relative = Path(path).relative_to(upload) if Path(path).is_relative_to(upload) else Path(path)
        first, *rest = relative.parts
        return "/".join([re.sub(r"^\d{3}-", "", first).removesuffix(".d"), *rest])

    def update(force: bool = False, **changes: Any) -> None:
        nonlocal job
        job = job.model_copy(update=changes)
        if force or time.monotonic() - last[0] >= WRITE_EVERY_SECONDS:
            last[0] = time.monotonic()
            save(store_path, job)

    def on_item(item) -> None:
        from .formats import ReadError

        failed = isinstance(item, ReadError)
        path = item.path if failed else item.sources[0].path
        read_of.setdefault(path, sizes.get(path, 0))
        changes: dict[str, Any] = {"progress": round(0.9 * min(1.0, sum(read_of.values()) / total), 3)}
        if failed:
            changes["failed"] = [*job.failed, Failure(path=shown(item.path), line=item.line, reason=item.reason)]
        else:
            changes["read"] = job.read + 1
        update(**changes)

    def on_read(path: str, offset: int) -> None:
        read_of[path] = offset

    try:
        update(True, state="running", phase="reading")
        with open_store(store_path) as store, store.writing():
            report = ingest([str(p) for p in paths], store, workers=1, on_item=on_item, on_read=on_read)
            update(True, phase="linking", progress=0.9, read=report.read, new=report.new,
                   unchanged=report.unchanged, merged=report.merged,
                   failed=[Failure(path=shown(e.path), line=e.line, reason=e.reason) for e in report.failed])
            linked = resolve_store(store) if store.linking_pending() else {}
        update(True, state="done", phase="done", progress=1.0, linked=linked, finished=_now(), pid=None)
    except Exception as exc:  # the job says why; the server keeps running
        update(True, state="failed", message=f"{type(exc).__name__}: {exc}", finished=_now(), pid=None)
        raise


# ---- batch screening -----------------------------------------------------

def start_screen_batch(store_path: str | os.PathLike, name: str, stream: BinaryIO, *, as_of: str | None = None,
                       threshold: float | None = None, warm=None) -> Job:
    """Save the CSV, check every row (BadParameter naming the line), and screen it in a thread."""
    from .query.screen_parties import read_batch

    job, folder = _new_job(store_path, "screen")
    try:
        job.files = [safe_name(name)]
        source = folder / "parties.csv"
        copy_limited(stream, source, [MAX_UPLOAD_BYTES], MAX_UPLOAD_BYTES, "the upload")
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
    last = 0.0
    try:
        job = job.model_copy(update={"state": "running", "phase": "screening"})
        save(store_path, job)
        with Reader.open(store_path) as reader, \
                open(folder / "result.part", "w", encoding="utf-8", newline="") as sink:
            writer = csv_writer(sink)  # cells through export/cells.py: a name is never a live formula
            for result in screen_batch(reader, parties, threshold, warm=warm):
                writer.writerows(csv_rows(result.record()))
                hits = job.hits
                if result.hits and len(hits) < KEPT_HITS:
                    best = result.hits[0]
                    hits = [*hits, PartyHit(line=result.line, name=result.row["name"], list=best.list_name,
                                            entry_id=best.entry_id, listed_name=best.name, score=best.score)]
                done = job.screened + 1
                job = job.model_copy(update={"screened": done, "hits": hits, "progress": round(done / len(parties), 3),
                                             "with_hits": job.with_hits + bool(result.hits)})
                if time.monotonic() - last >= WRITE_EVERY_SECONDS:
                    last = time.monotonic()
                    save(store_path, job)
        os.replace(folder / "result.part", folder / "result.csv")
        job = job.model_copy(update={"state": "done", "phase": "done", "progress": 1.0, "finished": _now(),
                                     "result_url": f"/api/v1/jobs/{job.id}/result.csv"})
    except Exception as exc:
        job = job.model_copy(update={"state": "failed", "message": getattr(exc, "message", None) or str(exc),
                                     "finished": _now()})
    save(store_path, job)


def result_file(store_path: str | os.PathLike, job_id: str) -> Path:
    job = load(store_path, job_id)
    path = jobs_folder(store_path) / job.id / "result.csv"
    if job.kind != "screen" or job.state != "done" or not path.is_file():
        raise NotFound("result of job", job_id, where="yet", hint=f"the job is {job.state}; a done screening job "
                       "has a result")
    return path


if __name__ == "__main__":  # python -m prolifwatch.jobs ingest STORE JOB_ID (started by start_ingest)
    if len(sys.argv) == 4 and sys.argv[1] == "ingest":
        run_ingest(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: python -m prolifwatch.jobs ingest STORE JOB_ID")
