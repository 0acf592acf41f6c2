"""Who is reading: the first argument of every query function the faces call.

A ``Reader`` carries the store this reader reads through and, for the access
control to come, the highest classification this reader may see.  The CLI
makes one per command; the HTTP API one per request, each with its own SQLite
connection (WAL lets many readers run beside one writer).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NoStore


@dataclass
class Reader:
    store: Any                      # store.SQLiteStore, opened for this reader
    clearance: str | None = None    # None: every classification (single-user mode)
    user: str = "analyst"           # whose decisions the reader's writes record
    _owned: bool = field(default=False, repr=False)

    @property
    def db(self):
        """The store's SQLite connection."""
        return self.store.db

    @classmethod
    def open(cls, location: str | os.PathLike, *, clearance: str | None = None, user: str = "analyst",
             must_exist: bool = True) -> Reader:
        """A reader on the store at ``location``; a missing store is an error, not an empty one."""
        from ..store import open_store

        path = Path(os.fspath(location).removeprefix("sqlite:///"))
        if must_exist and not path.exists():
            raise NoStore(f"no store at {path}",
                          hint="run `prolifwatch ingest` first (or give the store's path with --db or $PROLIFWATCH_DB)")
        return cls(open_store(path), clearance=clearance, user=user, _owned=True)

    def close(self) -> None:
        if self._owned:
            self.store.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
