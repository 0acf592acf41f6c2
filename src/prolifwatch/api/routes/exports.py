"""``/exports``: the whole store as FollowTheMoney, JSON lines, CSV or GraphML, streamed.

The exporters (export/) write to a file; here one runs in a thread of its own
with its own SQLite connection, writing into a bounded queue that the response
drains, so memory stays flat however big the store and a client that goes away
stops the export.  ``csv`` is several files (one per kind): it streams as a
zip of them, as ``prolifwatch export -f csv -o FILE.zip`` writes.  ``ftm``
streams the FtM entities (entities.ftm.json, what Aleph and the OpenSanctions
tools load); the full event and case records FtM has no schema for are in the
``jsonl`` export.
"""
from __future__ import annotations

import contextlib
import io
import queue
import threading
import time
import zipfile
from enum import Enum

from fastapi import FastAPI, Path
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from ...query.context import Reader
from ..failures import log
from ..twins import ReaderDep, Twins

CHUNK = 64 * 1024
QUEUED_CHUNKS = 16
PUT_SECONDS = 0.5
IDLE_SECONDS = 120


class ExportFormat(str, Enum):
    ftm = "ftm"
    jsonl = "jsonl"
    csv = "csv"
    graphml = "graphml"


class ExportFormatLine(BaseModel):
    format: str
    filename: str
    media_type: str
    contains: str
    url: str


class Exports(BaseModel):
    documents: int
    entities: int
    events: int
    cases: int
    formats: list[ExportFormatLine]


FORMATS = {
    ExportFormat.ftm: ("prolifwatch-entities.ftm.json", "application/x-ndjson",
                       "FollowTheMoney entities, one JSON object a line (documents, parties, items, vessels, "
                       "their interests and events as FtM schemata): loads into Aleph and the OpenSanctions tools"),
    ExportFormat.jsonl: ("prolifwatch.jsonl", "application/x-ndjson",
                         "every record, one JSON object a line with its kind: documents with their full text, "
                         "missing (cited) documents, entities, mentions, events, document links, cases"),
    ExportFormat.csv: ("prolifwatch-csv.zip", "application/zip",
                       "a zip of documents.csv, entities.csv, mentions.csv, events.csv, links.csv, cases.csv "
                       "(no document text; cells that a spreadsheet would run as formulas are made inert)"),
    ExportFormat.graphml: ("prolifwatch.graphml", "application/graphml+xml",
                           "one graph of entities, documents and cases with the edges between them (for Gephi, "
                           "yEd, Neo4j); the graph explorer downloads a neighbourhood instead"),
}


class _Cancelled(Exception):
    pass


class _Chunks:
    """A write-only file whose bytes go into ``chunks`` in pieces of about CHUNK (zipfile writes to it)."""

    def __init__(self, chunks: queue.Queue, cancelled: threading.Event):
        self.chunks, self.cancelled, self.pending, self.size = chunks, cancelled, [], 0

    def write(self, data) -> int:
        if self.cancelled.is_set():
            raise _Cancelled
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        self.pending.append(raw)
        self.size += len(raw)
        if self.size >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if not self.pending:
            return
        chunk, self.pending, self.size = b"".join(self.pending), [], 0
        _put(self.chunks, chunk, self.cancelled)


_DONE = object()


def _put(chunks: queue.Queue, item, cancelled: threading.Event) -> None:
    """Wait while the queue is full (the client reads slower than the export writes); give up when the
    response ended, or when nothing was taken for IDLE_SECONDS."""
    waited = 0.0
    while not cancelled.is_set() and waited < IDLE_SECONDS:
        try:
            chunks.put(item, timeout=PUT_SECONDS)
            return
        except queue.Full:
            waited += PUT_SECONDS
    cancelled.set()
    raise _Cancelled


def _write(format: ExportFormat, db, out: _Chunks) -> None:
    if format is ExportFormat.ftm:
        from ...export.ftm import write_ftm

        write_ftm(db, out, None)
    elif format is ExportFormat.jsonl:
        from ...export.jsonl import write_jsonl

        write_jsonl(db, out)
    elif format is ExportFormat.graphml:
        from ...export.store_graph import write_store_graphml

        write_store_graphml(db, out)
    else:
        from ...export import csv as csv_export

        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in csv_export.TABLES:
                info = zipfile.ZipInfo(f"{table}.csv", date_time=time.localtime()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as raw, \
                        io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
                    csv_export._write_table(db, table, fh, None)
    out.flush()


class ExportResponse(StreamingResponse):
    """The export's bytes as they are written, from a writer thread with its own SQLite connection.  When
    the response ends for any reason (done, the client went away, the server stops) the writer stops at
    its next write; a writer nobody reads from for IDLE_SECONDS stops too."""

    def __init__(self, db_path: str, format: ExportFormat, **kwargs):
        self.db_path, self.format = db_path, format
        self.chunks: queue.Queue = queue.Queue(maxsize=QUEUED_CHUNKS)
        self.cancelled = threading.Event()
        super().__init__(self._stream(), **kwargs)

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:  # a disconnect raises in send, outside the body iterator: stop the writer here
            self.cancelled.set()

    def _produce(self) -> None:
        try:
            with Reader.open(self.db_path) as reader:
                _write(self.format, reader.db, _Chunks(self.chunks, self.cancelled))
        except _Cancelled:
            pass
        except Exception:  # the status line is sent: the client sees a cut file, the log says why
            log.exception("export %s failed", self.format.value)
        finally:
            with contextlib.suppress(_Cancelled):
                _put(self.chunks, _DONE, self.cancelled)

    def _next_chunk(self):
        try:
            return self.chunks.get(timeout=PUT_SECONDS)
        except queue.Empty:
            return None

    async def _stream(self):
        threading.Thread(target=self._produce, name=f"export-{self.format.value}", daemon=True).start()
        try:
            while (chunk := await run_in_threadpool(self._next_chunk)) is not _DONE:
                if chunk is not None:
                    yield chunk
        finally:
            self.cancelled.set()


def _count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed table names)


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/exports", "/exports", "exports/index.html", tags=["exports"])
    def exports(reader: ReaderDep) -> Exports:
        """The export formats: what each holds, and how much the store has to export."""
        return Exports(documents=_count(reader.db, "documents"), entities=_count(reader.db, "entities"),
                       events=_count(reader.db, "events"), cases=_count(reader.db, "cases"),
                       formats=[ExportFormatLine(format=f.value, filename=name, media_type=media, contains=text,
                                                 url=f"/api/v1/export/{f.value}")
                                for f, (name, media, text) in FORMATS.items()])

    @twins.api.get("/export/{format}", tags=["exports"], response_class=StreamingResponse,
                   responses={200: {"description": "the export, streamed as it is written",
                                    "content": {media: {} for _, media, _ in FORMATS.values()}}})
    def export(reader: ReaderDep,
               format: ExportFormat = Path(description="ftm, jsonl, csv (a zip of CSV files) or graphml")):
        """The whole store as a download: FollowTheMoney entities, JSON lines, CSV (zip) or GraphML."""
        name, media, _ = FORMATS[format]
        return ExportResponse(str(reader.store.path), format, media_type=media,
                              headers={"Content-Disposition": f'attachment; filename="{name}"'})
