"""Readers: files, folders and stdin to RawDocuments, whatever the layout.

``read_paths`` never raises for a bad file: it yields a ReadError naming the
file and the reason, and goes on with the rest.
"""
from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import RawDocument, Source
from . import article, cable_text, cables_csv, library_warnings, pdf, plusd_html, wikileaks_html
from .decode import decode_bytes, to_utf8
from .detect import HEAD_BYTES, detect_layout
from .errors import FormatError, ReadError
from .library_warnings import one_line

#: Files larger than this are refused (``--max-bytes``); cables are a few KB,
#: long reports a few MB.  cables.csv is streamed and limited per row instead.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# A folder's own documentation is not part of the collection.
_NOT_DOCUMENTS = ("readme", "license", "licence", "sources.tsv", "changelog")

_TEXT_READERS = {
    "scraped-cable-text": cable_text.read_scraped,
    "cable-search-export": cable_text.read_search_export,
    "cable-preamble-text": cable_text.read_preamble,
    "wikileaks-page-text": cable_text.read_wikileaks_page_text,
    "plain-cable-text": cable_text.read_plain,
    "article-text": article.read_text,
}
_BYTE_READERS = {
    "cable-pdf": pdf.read,
    "wikileaks-html": wikileaks_html.read,
    "plusd-html": plusd_html.read,
    "article-html": article.read_html,
}


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[str]:
    """Every file named or under a named folder (recursively, sorted); ``-`` is stdin."""
    for path in paths:
        path = os.fspath(path)
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith(".") or name.lower().startswith(_NOT_DOCUMENTS):
                    continue
                yield os.path.join(root, name)


def read_paths(
    paths: Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | ReadError]:
    for path in iter_files(paths):
        yield from read_file(path, max_bytes=max_bytes)


def read_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | ReadError]:
    """All documents in one file, or one ReadError per problem."""
    try:
        if path == "-":
            yield from _read_stdin(max_bytes)
            return
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            if cables_csv.looks_like(head):
                handle.seek(0)
                yield from cables_csv.read_stream(handle, path, max_row_bytes=max_bytes)
                return
        size = os.path.getsize(path)
        if size > max_bytes:
            yield ReadError(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
            return
        data = Path(path).read_bytes()
    except OSError as exc:
        yield ReadError(path, f"cannot read: {exc.strerror or exc}")
        return
    yield from _read_data(data, path)


def _read_stdin(max_bytes: int) -> Iterator[RawDocument | ReadError]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield ReadError("<stdin>", f"input is over the {max_bytes:,}-byte limit (--max-bytes)")
        return
    yield from _read_data(data, "<stdin>")


def _read_data(data: bytes, path: str) -> Iterator[RawDocument | ReadError]:
    """Detect and read; collect the documents first so that a file that fails
    half-way yields nothing but its error."""
    if cables_csv.looks_like(data[:HEAD_BYTES]):  # stdin: rows fail one by one
        yield from cables_csv.read_stream(io.BytesIO(data), path)
        return
    try:
        with library_warnings.reported_for(path):
            docs = list(read_bytes(data, path))
    except FormatError as exc:
        yield ReadError(path, exc.reason, exc.line)
        return
    except Exception as exc:  # a reader bug must not end the run
        yield ReadError(path, f"reader failed: {type(exc).__name__}: {one_line(str(exc))}")
        return
    yield from docs


def read_bytes(data: bytes, path: str) -> Iterator[RawDocument]:
    sha256 = hashlib.sha256(data).hexdigest()  # of the file as it is, whatever its encoding
    if not pdf.looks_like(data[:HEAD_BYTES]):
        data = to_utf8(data)  # UTF-16/32 text: every layout is then read as from UTF-8
    head = data[:HEAD_BYTES]
    text = None
    if not (pdf.looks_like(head) or cables_csv.looks_like(head)):
        text = decode_bytes(data)[0]
    layout = detect_layout(head, text)
    if layout == "cables-csv":
        for item in cables_csv.read_stream(io.BytesIO(data), path):
            if isinstance(item, ReadError):
                raise FormatError(item.reason, line=item.line)
            yield item
        return
    if layout in _BYTE_READERS:
        yield from _BYTE_READERS[layout](data, path, sha256)
        return
    assert text is not None
    yield from _TEXT_READERS[layout](text, Source(path, layout, sha256))


__all__ = [
    "DEFAULT_MAX_BYTES",
    "FormatError",
    "ReadError",
    "detect_layout",
    "iter_files",
    "read_bytes",
    "read_file",
    "read_paths",
]
