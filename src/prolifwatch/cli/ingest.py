"""``prolifwatch ingest``: read, parse, extract and store documents, then link the store."""
from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..formats import DEFAULT_MAX_BYTES, ReadError, iter_files
from ..store.rows import DocumentRows
from ..terminal import labelled
from .app import app
from .options import DbOption, JsonOption, MaxBytesOption, NerScope, NerScopeOption, open_store, processes
from .output import emit_json, err, out


def _size(path: str) -> int:
    """Bytes of a file for the progress bar (0 for stdin or what cannot be read)."""
    try:
        return os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 0


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for stdin.")],
    db: DbOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Parser processes (0: one per core).")
    ] = 0,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Find mentions and events while ingesting.")
    ] = True,
    ner_scope: NerScopeOption = NerScope.worth,
    resolve: Annotated[
        bool,
        typer.Option("--resolve/--no-resolve",
                     help="When anything new was stored, or an earlier linking did not finish, link the whole "
                          "store afterwards (see 'resolve')."),
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Read, parse, extract and store documents. Re-running on the same files changes nothing.

    Prints how many documents were read, new, unchanged, merged (a new source for a
    document already stored) and failed, with the file and reason for each failure,
    then what linking found.  Exit status 1 if any file failed.
    """
    from ..pipeline import ingest as run_ingest
    from .render.documents import counts_line

    files, empty = _files_to_read(paths)
    if not files:  # nothing to read: no store is made for it
        raise typer.Exit(1)
    store = open_store(db, create=True)
    workers = processes(workers)
    sizes = {path: _size(path) for path in files}
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("· {task.fields[docs]} documents · {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=not err.is_terminal,
    )
    # Bytes read per file: a file counts whole once its first document is
    # back, except a cables.csv read in slices, which says how far it got.
    read_of: dict[str, int] = {}
    counts = {"docs": 0, "failed": 0}

    def show() -> None:
        progress.update(task, completed=sum(read_of.values()), **counts)

    def on_item(item: DocumentRows | ReadError) -> None:
        failed = isinstance(item, ReadError)
        counts["failed" if failed else "docs"] += 1
        path = item.path if failed else item.sources[0].path
        read_of.setdefault(path, sizes.get(path, 0))
        show()

    def on_read(path: str, offset: int) -> None:
        read_of[path] = offset
        show()

    # One writer lock over the documents and their linking: a second ingest
    # waits for both, and no other writer slips in between them.
    with store, store.writing(), progress:
        task = progress.add_task("ingest", total=sum(sizes.values()) or None, docs=0, failed=0)
        report = run_ingest(files, store, max_bytes=max_bytes, workers=workers, on_item=on_item,
                            on_read=on_read, extract=extract, ner_scope=ner_scope.value)
        linked = {}
        # Pending covers what this run stored and what an earlier run stored but
        # did not get to link (killed, or --no-resolve).
        pending = store.linking_pending()
        if resolve and pending:
            progress.stop()
            linked = _link(store, workers)
        elif pending:
            err.print("note: the store is not linked yet; run 'prolifwatch resolve' when you are done ingesting.")
    if as_json:
        emit_json({**report.to_json(), "resolved": linked})
    else:
        out.print(
            f"read {report.read} · new {report.new} · unchanged {report.unchanged} · "
            f"merged {report.merged} · failed {len(report.failed)}"
        )
        for step, counts in linked.items():
            out.print(f"{step}: {counts_line(counts)}")
        for failure in report.failed:
            err.print(labelled("failed", str(failure)))
    if report.failed or empty:
        raise typer.Exit(1)


def _files_to_read(paths: list[str]) -> tuple[list[str], list[str]]:
    """The files under ``paths``, and the folders among them holding none (each
    said on stderr: "read 0" and exit 0 would look like a store with nothing new)."""
    files, empty = [], []
    for path in paths:
        found = list(iter_files([path]))
        if not found:
            empty.append(path)
            err.print(labelled("error:", f"no files to read in {path} (hidden files, README, LICENSE, "
                                         "CHANGELOG and SOURCES.tsv are skipped)"))
        files += found
    return files, empty


def _link(store, workers: int) -> dict[str, dict]:
    from ..pipeline import resolve_store

    if not err.is_terminal:  # the spinner below shows nothing in a log
        err.print("linking ...")
    try:
        with err.status("linking ...") as status:
            return resolve_store(store, on_step=lambda step: status.update(f"linking {step} ..."), workers=workers)
    except Exception:
        # The store stays marked: the next ingest or resolve links it.
        err.print("error: linking did not finish; the documents are stored and the next "
                  "'prolifwatch ingest' or 'prolifwatch resolve' links them.")
        raise
