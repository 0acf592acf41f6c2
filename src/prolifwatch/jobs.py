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
their size, and their zips' members and expansion counted over the whole upload
(zip bombs, also many small ones: ``TooLarge``); members whose path leaves the
folder (``../``, absolute paths), symbolic links, two members of one path, a
path both a file and a folder, names the server cannot save (``BadParameter``).
Over-long file names are shortened (extension kept, a short hash added).

An ingest's uploaded files are removed when it ends: the store keeps what it
read (text, versions), its sources only the path and checksum.  The folders of
the KEPT_JOBS most recent jobs are kept; older finished ones go when a job starts.
"""
from __future__ import annotations

import datetime as dt
import errno
import hashlib
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
import zlib
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Literal

from pydantic import BaseModel, Field

from .errors import BadParameter, NotFound, ProlifwatchError, TooLarge


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


MAX_UPLOAD_BYTES = _limit("PROLIFWATCH_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
MAX_ZIP_MEMBERS = _limit("PROLIFWATCH_MAX_ZIP_MEMBERS", 10_000)
MAX_ZIP_EXPANSION = _limit("PROLIFWATCH_MAX_ZIP_EXPANSION", 1024 * 1024 * 1024)
MAX_NAME_BYTES = 200  # a saved file's name, with room for the "000-" and ".d" added to it (255 is the usual limit)
KEPT_JOBS = 50  # the folders of the most recent jobs kept; older finished ones are removed when a job starts
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


def recent(store_path: str | os.PathLike, limit: int = 10) -> list[Job]:
    return _loaded(store_path, _by_age(store_path)[:limit])


def _prune(store_path: str | os.PathLike, keep: int) -> None:
    """Remove the finished jobs older than the ``keep`` most recent (their status and files); a job
    still queued or running is never removed."""
    for job in _loaded(store_path, _by_age(store_path)[keep:]):
        if job.state in ("done", "failed"):
            shutil.rmtree(jobs_folder(store_path) / job.id, ignore_errors=True)
            (jobs_folder(store_path) / f"{job.id}.json").unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---- uploads -------------------------------------------------------------

def upload_name(name: str) -> str:
    """An uploaded file's own name, as the user knows it: never a path."""
    base = PurePosixPath((name or "").replace("\\", "/")).name.strip()
    if base in ("", ".", ".."):
        raise BadParameter("files", f"{name!r} is not a file name")
    try:
        os.fsencode(base)  # a lone surrogate cannot be a file name
        encodable = "\x00" not in base
    except UnicodeEncodeError:
        encodable = False
    if not encodable:
        raise BadParameter("files", f"{name!r} is not a file name the server can save")
    return base


def safe_name(name: str) -> str:
    """An uploaded file's name to save it under: its own name, shortened when over MAX_NAME_BYTES
    (most file systems refuse names over 255 bytes) keeping its extension, with a short hash of the
    whole name so that two long names stay apart."""
    base = upload_name(name)
    if len(os.fsencode(base)) <= MAX_NAME_BYTES:
        return base
    stem, extension = os.path.splitext(base)
    if len(os.fsencode(extension)) > 16:  # not an extension: a long name with a dot in it
        stem, extension = base, ""
    digest = hashlib.sha256(os.fsencode(base)).hexdigest()[:10]
    room = MAX_NAME_BYTES - len(os.fsencode(extension)) - len(digest) - 1
    stem = os.fsencode(stem)[:room].decode("utf-8", "ignore")  # never half a character
    return f"{stem}-{digest}{extension}"


def copy_limited(source: BinaryIO, target: Path, budget: list[int], limit: int, what: str) -> None:
    """Copy while counting against ``budget[0]`` bytes left; refused the moment it is spent."""
    with open(target, "xb") as out:
        while chunk := source.read(CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise TooLarge(f"{what} is over the limit of {limit:,} bytes", hint=LIMIT_HINT)
            out.write(chunk)


class UploadBudget:
    """What is left to one upload, shared by all its files and zips: bytes received, bytes saved once
    the zips are expanded (plain files count too), zip members.  One budget per upload, not per zip:
    else one upload could carry hundreds of zip bombs, each under the limit."""

    def __init__(self) -> None:
        self.received = [MAX_UPLOAD_BYTES]
        self.expansion = [MAX_ZIP_EXPANSION]
        self.members = MAX_ZIP_MEMBERS

    def count_members(self, shown: str, count: int) -> None:
        self.members -= count
        if self.members < 0:
            raise TooLarge(f"{shown} has {count:,} members; an upload's zips may hold {MAX_ZIP_MEMBERS:,} "
                           "members in all", hint=LIMIT_HINT)

    def count_expansion(self, shown: str, size: int, verb: str = "expands to") -> None:
        if size > self.expansion[0]:
            raise TooLarge(f"{shown} {verb} {size:,} bytes; an upload may come to {MAX_ZIP_EXPANSION:,} bytes "
                           f"in all once its zips are expanded ({max(self.expansion[0], 0):,} were left)",
                           hint=LIMIT_HINT)


def cannot_save(shown: str, exc: OSError, parameter: str = "files") -> ProlifwatchError:
    """An upload the server could not save, said without the server's paths."""
    reason = exc.strerror or type(exc).__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return TooLarge(f"{shown}: the server has no room to save it ({reason})", hint=LIMIT_HINT)
    return BadParameter(parameter, f"{shown} cannot be saved: {reason}")


def _member_path(archive: str, info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in path.parts:
        raise BadParameter("files", f"{archive}: member {info.filename!r} points outside the archive's folder")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise BadParameter("files", f"{archive}: member {info.filename!r} is a symbolic link")
    return path


def _members(archive: str, infos: list[zipfile.ZipInfo]) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The files to extract, every member checked first: none leaves the folder or is a link, no two
    have the same path, none is both a file and a folder (``a`` and ``a/b``)."""
    files, folders, seen = [], set(), set()
    for info in infos:
        path = _member_path(archive, info)
        if not path.parts or path.parts[0] == "__MACOSX":  # "." or "./": nothing to extract
            continue
        if info.is_dir():
            folders.add(path)
            continue
        if path in seen:
            raise BadParameter("files", f"{archive}: member {info.filename!r} is in the archive twice")
        seen.add(path)
        folders.update(path.parents[:-1])
        files.append((info, path))
    if clashes := sorted(seen & folders):
        raise BadParameter("files", f"{archive}: member {str(clashes[0])!r} is both a file and a folder")
    return files


def _unzip(archive: Path, into: Path, shown: str, budget: UploadBudget) -> list[str]:
    """The archive's files, extracted under ``into`` after every member is checked."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            infos = zipped.infolist()
            budget.count_members(shown, len(infos))
            members = _members(shown, infos)
            budget.count_expansion(shown, sum(info.file_size for info, _ in members))
            names = []
            for info, path in members:
                target = into.joinpath(*path.parts)
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with zipped.open(info) as source:  # sizes are counted again: a header can lie
                        copy_limited(source, target, budget.expansion, MAX_ZIP_EXPANSION, f"{shown} expanded")
                except OSError as exc:
                    raise cannot_save(f"{shown}/{path}", exc) from exc
                names.append(f"{shown}/{path}")
            return names
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # a damaged archive, a compression zipfile cannot read, an encrypted member
        raise BadParameter("files", f"{shown} is not a readable zip archive: {exc}") from exc


def _receive(files: list[tuple[str, BinaryIO]], upload: Path) -> list[str]:
    """Save the uploads into ``upload``, zips expanded; the names as the user knows them."""
    budget, names = UploadBudget(), []
    upload.mkdir(parents=True, exist_ok=True)
    for number, (name, stream) in enumerate(files):
        base = safe_name(name)
        target = upload / f"{number:03d}-{base}"  # two uploads of the same name stay apart
        try:
            copy_limited(stream, target, budget.received, MAX_UPLOAD_BYTES, "the upload")
            if zipfile.is_zipfile(target):
                names += _unzip(target, upload / f"{number:03d}-{base}.d", base, budget)
                target.unlink()
            else:
                size = target.stat().st_size
                budget.count_expansion(base, size, "brings")
                budget.expansion[0] -= size
                names.append(base)
        except OSError as exc:
            raise cannot_save(base, exc) from exc
    if not names:
        raise BadParameter("files", "no file was uploaded (or the zip holds none)")
    return names


def _new_job(store_path: str | os.PathLike, kind: str) -> tuple[Job, Path]:
    _prune(store_path, KEPT_JOBS - 1)
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
    job = load(store_path, job_id)
    if job.state in ("queued", "running"):  # the process died without saying why (killed, out of memory)
        save(store_path, job.model_copy(update={
            "state": "failed", "finished": _now(), "pid": None,
            "message": _unexpected(store_path, job_id, f"stopped unexpectedly (exit status {code})")}))
    _drop_upload(store_path, job_id)


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
    except Exception as exc:  # the job says why; the traceback goes to its log; the server keeps running
        message = exc.message if isinstance(exc, ProlifwatchError) else _unexpected(store_path, job_id,
                                                                                      "stopped unexpectedly")
        _drop_upload(store_path, job_id)  # before the job says it ended: who sees it ended finds no upload
        update(True, state="failed", message=message, finished=_now(), pid=None)
        raise
    _drop_upload(store_path, job_id)
    update(True, state="done", phase="done", progress=1.0, linked=linked, finished=_now(), pid=None)


# ---- batch screening -----------------------------------------------------

def start_screen_batch(store_path: str | os.PathLike, name: str, stream: BinaryIO, *, as_of: str | None = None,
                       threshold: float | None = None, warm=None) -> Job:
    """Save the CSV, check every row (BadParameter naming the line), and screen it in a thread."""
    from .query.screen_parties import read_batch

    job, folder = _new_job(store_path, "screen")
    try:
        job.files = [safe_name(name)]
        source = folder / "parties.csv"
        try:
            copy_limited(stream, source, [MAX_UPLOAD_BYTES], MAX_UPLOAD_BYTES, "the upload")
        except OSError as exc:
            raise cannot_save(job.files[0], exc, "file") from exc
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
