"""Errors a reader reports; each names the file (and line or row) and the reason."""
from __future__ import annotations

from dataclasses import dataclass


class FormatError(Exception):
    """A file, or one record in it, is not what its layout promises."""

    def __init__(self, reason: str, *, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class ReadError:
    """One clear line for the user: which file, where, and why it was not read."""

    path: str
    reason: str
    line: int | None = None
    # The reader could not go on with the rest of the file after this.
    stops_file: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"
