"""The store: SQLite in one file by default; PostgreSQL comes later behind the same interface."""
from __future__ import annotations

import os
from pathlib import Path

from .sqlite import SQLiteStore, StoreVersionError

Store = SQLiteStore


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/prolifwatch/prolifwatch.sqlite``, else under ``~/.local/share``."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "prolifwatch" / "prolifwatch.sqlite"


def open_store(location: str | os.PathLike) -> Store:
    """Open (and create or migrate) the store at a file path or ``sqlite:///path``."""
    location = os.fspath(location)
    if location.startswith(("postgresql://", "postgres://")):
        raise NotImplementedError("PostgreSQL stores are not supported yet; use a SQLite file path")
    if location.startswith("sqlite:///"):
        location = location[len("sqlite:///") :]
    return SQLiteStore(location)


__all__ = ["Store", "StoreVersionError", "default_db_path", "open_store"]
