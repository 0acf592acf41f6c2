"""``cables.csv``, the 8-column layout of the full Cablegate release, streamed.

Columns: record number, date ("12/28/1966 18:48"), id, origin,
classification, references (ids separated by commas or |), header, body.  Quotes
inside fields are written ``\\"`` (not doubled), which default CSV readers
misread; fields span many lines.  The real file is 1.7 GB, so rows are read
one at a time and each becomes a RawDocument or a ReadError naming its line.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from ..model import RawDocument, Source
from .errors import ReadError

LAYOUT = "cables-csv"
COLUMNS = 8
_FIRST_ROW = re.compile(rb'\A\s*"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","')


def looks_like(head: bytes) -> bool:
    return _FIRST_ROW.match(head) is not None


# What strptime("%m/%d/%Y %H:%M") accepts, read without strptime's per-call
# regex and locale work (a tenth of a millisecond per row, in the one process
# that reads the file for all parser processes).
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{1,2})")


def _created(value: str) -> str | None:
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return None
    month, day, year, hour, minute = map(int, match.groups())
    try:
        return datetime(year, month, day, hour, minute).isoformat()
    except ValueError:
        return None


def read_stream(
    binary: BinaryIO, path: str, max_row_bytes: int = 50 * 2**20
) -> Iterator[RawDocument | ReadError]:
    text = io.TextIOWrapper(binary, encoding="utf-8", errors="replace", newline="")
    previous = csv.field_size_limit()
    csv.field_size_limit(max_row_bytes)
    try:
        reader = csv.reader(text, escapechar="\\", doublequote=False, strict=True)
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # After a malformed or oversized row the reader cannot find
                # the next row boundary reliably: report and stop this file.
                yield ReadError(path, f"malformed or truncated row ({exc}); rest of the file not read", start,
                                stops_file=True)
                return
            line, start = start, reader.line_num + 1
            if not row or row == [""]:
                continue
            if len(row) != COLUMNS:
                yield ReadError(path, f"row has {len(row)} columns, expected {COLUMNS}", line)
                continue
            yield _document(row, path, line)
    finally:
        csv.field_size_limit(previous)
        text.detach()


def _document(row: list[str], path: str, line: int) -> RawDocument | ReadError:
    number, date, cable_id, origin, classification, references, header, body = row
    if not number.strip().isdigit():
        return ReadError(path, f"record number {number[:20]!r} is not a number", line)
    digest = hashlib.sha256("\x1f".join(row).encode("utf-8")).hexdigest()
    text = (header.rstrip() + "\n\n" + body.strip("\n")).replace("\r\n", "\n")
    meta = {
        "id": cable_id.strip(),
        "created": _created(date),
        "origin": origin.strip(),
        "classification": classification.strip().upper(),
        "references": [r.strip() for r in re.split(r"[,|]", references) if r.strip()],
    }
    return RawDocument(text=text, source=Source(path, LAYOUT, digest, int(number)), meta=meta)
