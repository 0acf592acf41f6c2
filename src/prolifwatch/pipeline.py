"""Runs the stages: read → parse → store, in-process or in a local process pool.

Every stage is a pure function of its input, so ``parse_raw`` runs the same
in a worker process as here.  With a pool, the parser processes read
cables.csv themselves, a slice of rows each; other files are read in the
calling process.  One writer feeds the store.
"""
from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial

from .article import parse_article
from .cable.document import cable_from_raw
from .formats import DEFAULT_MAX_BYTES, ReadError, iter_files, read_file, read_paths
from .formats.csv_slices import CsvSlice, SliceOrder, is_cables_csv, plan_slices, read_slice
from .model import Document, RawDocument
from .store.rows import DocumentRows, document_rows
from .store.sqlite import BatchCommitError
from .workers import worker_pool

CHUNK = 64  # documents (other than cables.csv rows) sent to a parser process at a time


def parse_raw(raw: RawDocument) -> Document | ReadError:
    """One reader document to one record, or the reason it could not be parsed."""
    try:
        if raw.kind == "article":
            return parse_article(raw)
        return cable_from_raw(raw)
    except Exception as exc:  # keep going: one bad document must not end a run
        row = f"row {raw.source.row}: " if raw.source.row else ""
        return ReadError(raw.source.path, f"{row}cannot parse: {exc}")


def parse_paths(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1
) -> Iterator[Document | ReadError]:
    for item, _ in analyse_paths(paths, max_bytes=max_bytes, workers=workers, extract=False):
        yield item


@lru_cache(maxsize=1)
def _extractor(ner_scope: str = "worth"):
    from .extract import Extractor  # the NLP stack loads only when extraction is asked for

    return Extractor(ner_scope=ner_scope)


def analyse_raw(
    raw: RawDocument | ReadError, extract: bool, as_rows: bool = False, ner_scope: str = "worth"
) -> tuple[Document | DocumentRows | ReadError, dict | None]:
    """Parse, and extract when asked; a failure in either is reported, not stored.
    ``as_rows``: hand on the record as the store writes it (see store/rows.py)."""
    doc = raw if isinstance(raw, ReadError) else parse_raw(raw)
    if isinstance(doc, ReadError):
        return doc, None
    extraction = None
    if extract:
        try:
            extraction = _extractor(ner_scope)(doc).to_json()
        except Exception as exc:
            return _failure(doc, "cannot extract from", exc), None
    if as_rows:
        try:
            return document_rows(doc), extraction
        except Exception as exc:
            return _failure(doc, "cannot store", exc), None
    return doc, extraction


def _failure(doc: Document, what: str, exc: Exception) -> ReadError:
    source = doc.sources[0] if doc.sources else None
    row = f"row {source.row}: " if source and source.row else ""
    return ReadError(source.path if source else "?", f"{row}{what} {doc.id}: {exc}")


def analyse_paths(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1, extract: bool = True,
    as_rows: bool = False, on_read: Callable[[str, int], None] | None = None, ner_scope: str = "worth",
) -> Iterator[tuple[Document | DocumentRows | ReadError, dict | None]]:
    """(record or error, extraction JSON or None) for every document read, in the order read.

    ``on_read(path, offset)``: how far into a cables.csv the documents handed
    on so far reach, in bytes (for a progress bar; called with a pool only)."""
    if workers <= 1:
        for item in read_paths(paths, max_bytes=max_bytes):
            yield analyse_raw(item, extract, as_rows, ner_scope)
        return
    analyse = partial(_analyse_unit, extract=extract, as_rows=as_rows, ner_scope=ner_scope)
    slices = SliceOrder()
    # Pool.imap would drain the reader as fast as it can (a 1.7 GB cables.csv
    # into memory); a bounded queue of work units keeps memory flat.
    with worker_pool(workers) as pool:
        pending: deque = deque()
        for unit in _work_units(paths, max_bytes):
            pending.append((unit, pool.apply_async(analyse, (unit,))))
            if len(pending) > 4 * workers:
                yield from _handed_on(*pending.popleft(), slices, on_read)
        while pending:
            yield from _handed_on(*pending.popleft(), slices, on_read)


def _handed_on(unit, result, slices: SliceOrder, on_read: Callable[[str, int], None] | None) -> list:
    results = slices.place(unit, *result.get())
    if on_read and isinstance(unit, CsvSlice):
        on_read(unit.path, unit.end if unit.end is not None else os.path.getsize(unit.path))
    return results


def _work_units(paths: Iterable[str], max_bytes: int) -> Iterator[list[RawDocument | ReadError] | CsvSlice]:
    """What the parser processes are handed: a cables.csv as slices that they
    read themselves, other files read here, in lists of CHUNK documents."""
    chunk: list[RawDocument | ReadError] = []
    for path in iter_files(paths):
        if is_cables_csv(path):
            try:
                pieces = list(plan_slices(path, max_row_bytes=max_bytes))
            except OSError:
                pass  # read below, which reports why
            else:
                if chunk:
                    yield chunk
                    chunk = []
                yield from pieces
                continue
        for item in read_file(path, max_bytes=max_bytes):
            chunk.append(item)
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _analyse_unit(
    unit: list[RawDocument | ReadError] | CsvSlice, extract: bool, as_rows: bool, ner_scope: str
) -> tuple[list[tuple[Document | DocumentRows | ReadError, dict | None]], int, bool]:
    """Analysed documents of a work unit, with the lines it spans and whether its file stopped in it."""
    items, lines, stopped = unit, 0, False
    if isinstance(unit, CsvSlice):
        rows = read_slice(unit)
        items, lines, stopped = rows.items, rows.lines, rows.stopped
    return [analyse_raw(item, extract, as_rows, ner_scope) for item in items], lines, stopped


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    merged: int = 0
    failed: list[ReadError] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "read": self.read,
            "new": self.new,
            "unchanged": self.unchanged,
            "merged": self.merged,
            "failed": [{"path": e.path, "line": e.line, "reason": e.reason} for e in self.failed],
        }


def ingest(
    paths: Iterable[str],
    store,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 1,
    on_item: Callable[[DocumentRows | ReadError], None] | None = None,
    on_read: Callable[[str, int], None] | None = None,
    extract: bool = True,
    ner_scope: str = "worth",
) -> IngestReport:
    """Read, parse, extract and store; each document, with its mentions and
    events, is stored whole or not at all."""
    report = IngestReport()
    with store.batch():
        for item, extraction in analyse_paths(paths, max_bytes=max_bytes, workers=workers, extract=extract,
                                              as_rows=True, on_read=on_read, ner_scope=ner_scope):
            if isinstance(item, ReadError):
                report.failed.append(item)
            else:
                report.read += 1
                try:
                    outcome = store.put(item, extraction)
                except BatchCommitError:
                    raise  # the open batch is lost, not this one document: stop; a re-run completes it
                except Exception as exc:
                    report.failed.append(ReadError(item.sources[0].path, f"cannot store {item.id}: {exc}"))
                else:
                    setattr(report, outcome, getattr(report, outcome) + 1)
            if on_item:
                on_item(item)
    return report


def resolve_store(store, on_step: Callable[[str], None] | None = None, workers: int = 1) -> dict[str, dict]:
    """Run the linking stage over everything stored: entities, then document
    links, then cases (which compare parties through the entities).  All three
    replace their tables in one transaction, so a crash or an error leaves the
    previous, consistent result; judgements are read, never written.  The same
    transaction clears the store's "linking pending" mark, so a crash leaves
    it set and the next ingest links again.

    With ``workers`` > 1, what each document says of others (the per-document
    pass of the links step) is read in that many processes while the entities
    are built here."""
    from .store.cases import rebuild_cases
    from .store.entities import rebuild_entities
    from .store.links import rebuild_document_links

    figures: dict[str, dict] = {}
    with store.transaction(), _own_links_ahead(store, workers) as own_links:
        steps = (("entities", rebuild_entities),
                 ("links", lambda db: rebuild_document_links(db, own_links())),
                 ("cases", rebuild_cases))
        for name, step in steps:
            if on_step:
                on_step(name)
            started = time.perf_counter()
            figures[name] = step(store.db)
            figures[name]["seconds"] = round(time.perf_counter() - started, 1)
        store.mark_linked()
    return figures


@contextmanager
def _own_links_ahead(store, workers: int) -> Iterator[Callable[[], list | None]]:
    """A function returning the links step's per-document pass, started now in
    ``workers`` processes (None, found later in this process, with one)."""
    from .store.links import own_links_at, pk_ranges

    path = getattr(store, "path", None)
    if workers <= 1 or path is None:
        yield lambda: None
        return
    with worker_pool(workers) as pool:
        # More ranges than processes, so that one slow range does not leave a core idle.
        parts = [pool.apply_async(own_links_at, (str(path), pks)) for pks in pk_ranges(store.db, 4 * workers)]
        yield lambda: [link for part in parts for link in part.get()]
