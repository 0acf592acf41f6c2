"""Runs the stages: read → parse → store, in-process or in a local process pool.

Every stage is a pure function of its input, so ``parse_raw`` runs the same
in a worker process as here.  Reading stays in the calling process (it
streams cables.csv), parsing fans out, and one writer feeds the store.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .article import parse_article
from .cable.document import cable_from_raw
from .formats import DEFAULT_MAX_BYTES, ReadError, read_paths
from .model import Document, RawDocument

CHUNK = 256  # documents sent to the parser processes at a time


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
    items = read_paths(paths, max_bytes=max_bytes)
    if workers <= 1:
        for item in items:
            yield item if isinstance(item, ReadError) else parse_raw(item)
        return
    # Pool.imap would drain the reader as fast as it can (a 1.7 GB cables.csv
    # into memory); a bounded queue of chunks keeps memory flat.
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(workers) as pool:
        pending: deque = deque()
        while chunk := list(islice(items, CHUNK)):
            pending.append(pool.map_async(_parse_item, chunk, chunksize=CHUNK // (2 * workers) or 1))
            if len(pending) > 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _parse_item(item: RawDocument | ReadError) -> Document | ReadError:
    return item if isinstance(item, ReadError) else parse_raw(item)


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
    on_item: Callable[[Document | ReadError], None] | None = None,
) -> IngestReport:
    """Read, parse and store; each document is stored whole or not at all."""
    report = IngestReport()
    with store.batch():
        for item in parse_paths(paths, max_bytes=max_bytes, workers=workers):
            if isinstance(item, ReadError):
                report.failed.append(item)
            else:
                report.read += 1
                try:
                    outcome = store.put(item)
                except Exception as exc:
                    report.failed.append(ReadError(item.sources[0].path, f"cannot store {item.id}: {exc}"))
                else:
                    setattr(report, outcome, getattr(report, outcome) + 1)
            if on_item:
                on_item(item)
    return report
