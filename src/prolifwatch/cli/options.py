"""Options shared by many commands, and the store (or reader) a command opens."""
from __future__ import annotations

import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..errors import NoStore
from .output import err

if TYPE_CHECKING:  # the query layer loads when a command runs, not for --help
    from ..query.context import Reader

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        envvar="PROLIFWATCH_DB",
        help="Store to use: a SQLite file path. Default: $XDG_DATA_HOME/prolifwatch/prolifwatch.sqlite "
        "(~/.local/share/prolifwatch/prolifwatch.sqlite).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output: one JSON object per line.")]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Refuse files larger than this (cables.csv: rows larger than this).")
]
UserOption = Annotated[str, typer.Option("--user", help="Who decided (stored with the decision).")]


class NerScope(str, Enum):
    """Where statistical NER reads (the values of extract.pipeline.NER_SCOPES)."""

    worth = "worth"
    events = "events"
    gaps = "gaps"
    off = "off"


NerScopeOption = Annotated[
    NerScope,
    typer.Option(
        "--ner-scope",
        help="Paragraphs NER reads: 'worth', every one where the cheap pass found an item, resolution, "
             "regime, vessel or known actor; 'events', only those holding an event (for bulk loads: "
             "a third less NER, a little lower recall of open-class names); 'gaps', only the sentences "
             "of those where a transfer lacks its supplier or recipient (about 2 % of the text: NER fills "
             "in parties, little else); 'off', none.",
    ),
]


def processes(requested: int) -> int:
    """A --workers value: 0 stands for one process per core."""
    return requested or os.cpu_count() or 1


def open_store(db: str | None, *, linked: bool = False, create: bool = False):
    """The store at ``db`` (or the default one); ``linked``: the command's answers
    come from the linking stage (entities, document links, cases), so a store
    whose linking is pending is said to be so first.  ``create``: the command
    fills a store (ingest, lists load), so a missing one is made; any other
    stops with ``NoStore`` (exit 2), since an empty store made by a mistyped
    path would answer every question with a plausible "nothing"."""
    from ..store import default_db_path
    from ..store import open_store as open_location

    location = db or str(default_db_path())
    path = _store_file(location)
    if not create and path is not None and not os.path.exists(path):
        raise NoStore(f"no store at {path}: run `prolifwatch ingest` first "
                      "(or give the store's path with --db or $PROLIFWATCH_DB)")
    try:
        store = open_location(location)
    except Exception as exc:
        raise NoStore(f"cannot open store {location}: {exc}") from exc
    store.writer_name = _command_line()
    store.on_wait = lambda holder: err.print(
        f"waiting: {holder} is writing to {location}; this command goes on when it is done ...")
    if linked and store.linking_pending():
        err.print(
            "warning: linking has not finished on this store (an ingest stopped before it was done, or ran "
            "with --no-resolve): entities, links and cases may be missing or out of date. "
            "Run 'prolifwatch resolve', or 'prolifwatch ingest' again.")
    return store


def open_reader(db: str | None, *, user: str = "analyst", linked: bool = False, create: bool = False) -> Reader:
    """A ``Reader`` over ``open_store(db, ...)`` for ``query/`` and ``actions``; closing it closes the store."""
    from ..query.context import Reader

    return Reader(open_store(db, linked=linked, create=create), user=user, _owned=True)


def _store_file(location: str) -> str | None:
    """The SQLite file a store location names (None for a server URL)."""
    if location.startswith(("postgresql://", "postgres://")):
        return None
    return location[len("sqlite:///"):] if location.startswith("sqlite:///") else location


def _command_line() -> str:
    """'prolifwatch ingest', for a writer waiting on this one."""
    command = sys.argv[1] if len(sys.argv) > 1 and os.path.basename(sys.argv[0]) == "prolifwatch" else ""
    return " ".join(filter(None, ("prolifwatch", command)))
