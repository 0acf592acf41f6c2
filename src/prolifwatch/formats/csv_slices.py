"""A ``cables.csv`` cut into byte ranges of whole rows, read by the parser processes.

Streaming the file through one process costs that process about 0.2 ms a row
in CSV decoding, and during ingest that process is also the store's only
writer.  Cut into slices, the file is decoded by the parser processes side by
side; the cutting itself reads only a few kilobytes around each cut.

A cut is made only before a line that opens a row: a quote, a record number,
a quote, a comma, a quoted date.  Inside a field every quote is escaped
(``\\"``), so in a file the streaming reader accepts, no line inside a field
can start that way; each slice therefore reads exactly the rows the stream
would, in the same order.  In a malformed file a slice stops at the row where
the stream stops (the wording of the reason may differ), and the caller drops
the slices after it, as the stream ends there (see :attr:`SliceRows.stopped`).
"""
from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import RawDocument
from . import cables_csv
from .detect import HEAD_BYTES
from .errors import ReadError

#: Bytes of rows per slice: about 180 cables of the release.
SLICE_BYTES = 2 * 2**20
_ROW_START = re.compile(rb'\n"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","')
_WINDOW = 64 * 2**10


@dataclass(frozen=True)
class CsvSlice:
    """Rows ``[start, end)`` in bytes of the file at ``path``; ``end`` None: to the end."""

    path: str
    start: int
    end: int | None
    max_row_bytes: int


@dataclass
class SliceRows:
    """What a slice holds: its documents and errors in order, and how many lines
    it spans, so that the caller can number the errors' lines in the whole file."""

    items: list[RawDocument | ReadError]
    lines: int
    stopped: bool  # the reader stopped in this slice, as the stream stops the file


def is_cables_csv(path: str) -> bool:
    """A regular file in the cables.csv layout (stdin cannot be sliced)."""
    if path == "-" or not os.path.isfile(path):  # (a named pipe would block the open)
        return False
    try:
        with open(path, "rb") as handle:
            return cables_csv.looks_like(handle.read(HEAD_BYTES))
    except OSError:
        return False  # the stream reader reports it


def plan_slices(path: str, max_row_bytes: int, size: int | None = None) -> Iterator[CsvSlice]:
    """The file's slices in order, each about ``size`` bytes (SLICE_BYTES) and at least one row."""
    size = size or SLICE_BYTES
    with open(path, "rb") as handle:
        start = 0
        while True:
            cut = _next_row_start(handle, start + size)
            yield CsvSlice(path, start, cut, max_row_bytes)
            if cut is None:
                return
            start = cut


def _next_row_start(handle, offset: int) -> int | None:
    """Where the first row opening at or after ``offset`` starts, or None at the end of the file."""
    # Start one byte early: the pattern includes the line break before the row.
    position = max(offset - 1, 0)
    carry = b""
    while True:
        handle.seek(position)
        window = handle.read(_WINDOW)
        if not window:
            return None
        data = carry + window
        match = _ROW_START.search(data)
        if match:
            return position - len(carry) + match.start() + 1
        # Keep the tail: a row opening may straddle two windows.
        carry = data[-64:]
        position += len(window)


def read_slice(piece: CsvSlice) -> SliceRows:
    try:
        with open(piece.path, "rb") as handle:
            handle.seek(piece.start)
            data = handle.read() if piece.end is None else handle.read(piece.end - piece.start)
    except OSError as exc:  # the file went away or changed under the run
        return SliceRows([ReadError(piece.path, f"cannot read: {exc.strerror or exc}", stops_file=True)], 0, True)
    items = list(cables_csv.read_stream(io.BytesIO(data), piece.path, max_row_bytes=piece.max_row_bytes))
    stopped = bool(items) and isinstance(items[-1], ReadError) and items[-1].stops_file
    return SliceRows(items, _count_lines(data), stopped)


def _count_lines(data: bytes) -> int:
    """Lines as the CSV reader counts them: ends of line are \\n, \\r\\n and a lone \\r."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


class SliceOrder:
    """Makes slices read as the stream reads the file: error lines count from
    the top of the file, and nothing is read after a row that stopped it.
    ``place`` takes each slice's results in file order, (item, anything) pairs."""

    def __init__(self) -> None:
        self._lines_before: dict[str, int] = {}
        self._stopped: set[str] = set()

    def place(self, unit, results: list, lines: int, stopped: bool) -> list:
        if not isinstance(unit, CsvSlice):
            return results
        if unit.path in self._stopped:
            return []
        offset = self._lines_before.get(unit.path, 0)
        self._lines_before[unit.path] = offset + lines
        if stopped:
            self._stopped.add(unit.path)
        for item, _ in results:
            if isinstance(item, ReadError) and item.line is not None:
                item.line += offset
        return results
