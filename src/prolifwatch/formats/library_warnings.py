"""Warnings from the libraries a reader calls, reported with the file's name and nothing raw.

pypdf reports what it repaired through its ``logging`` loggers and Python's
``warnings``; left alone, those lines reach stderr without saying which file
they are about, sometimes with NUL or escape bytes copied from the input.
While a file is read, :func:`reported_for` holds them back and then reports
each different message once, as one line through the ``prolifwatch.formats``
logger: ``<file>: pypdf: <message> (×3)``, control characters shown as
``\\x00``-style escapes.  (With no logging set up, Python prints WARNING lines
on stderr.)
"""
from __future__ import annotations

import logging
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

LOGGER = logging.getLogger("prolifwatch.formats")
# The library loggers whose records belong to the file being read.
_LIBRARY_LOGGERS = ("pypdf",)


def one_line(text: str) -> str:
    """``text`` with control and format characters (NUL, ESC, newline, bidi marks) as
    escapes: a reason or a log line stays one line, whatever the input held.  (The
    terminal's own rule, ``terminal.visible``, keeps newlines and tabs.)"""
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class _Collect(logging.Handler):
    def __init__(self, messages: Counter) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a malformed library record must not stop the read
            message = str(record.msg)
        self.messages[(record.name.split(".")[0], message)] += 1


@contextmanager
def reported_for(path: str) -> Iterator[Counter]:
    """Hold back library warnings while ``path`` is read; report them, named, on the way out."""
    messages: Counter = Counter()
    handler = _Collect(messages)
    saved = []
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.handlers, logger.propagate, logger.level))
        logger.handlers = [handler]  # in a nested read, the innermost file takes the record
        logger.propagate = False
        logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield messages
        for warning in caught:
            source = (warning.filename or "").replace("\\", "/").split("/site-packages/")[-1].split("/")[0]
            messages[(source or "python", f"{warning.category.__name__}: {warning.message}")] += 1
    finally:
        for logger, handlers, propagate, level in saved:
            logger.handlers = handlers
            logger.propagate = propagate
            logger.setLevel(level)
        for (source, message), count in messages.items():
            times = f" (×{count})" if count > 1 else ""
            LOGGER.warning("%s: %s: %s%s", one_line(path), source, one_line(message), times)
