"""The ``prolifwatch`` command line.

Typed Typer signatures are the interface: ``--help`` comes from them.
Progress and diagnostics go to stderr, results to stdout, so ``--json``
output can be piped into scripts.
"""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated, Optional

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

from . import __version__
from .formats import DEFAULT_MAX_BYTES, ReadError, iter_files
from .model import Document
from .store.rows import DocumentRows
from .terminal import SafeConsole, json_line, labelled

app = typer.Typer(
    help="Read diplomatic cables and news reports on weapons proliferation into faithful, searchable records.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# Every command prints through these two: text from documents and file names is
# shown with its control characters escaped, and never read as markup (terminal.py).
out = SafeConsole(highlight=False, soft_wrap=True)
err = SafeConsole(stderr=True, highlight=False, soft_wrap=True)

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


def _size(path: str) -> int:
    """Bytes of a file for the progress bar (0 for stdin or what cannot be read)."""
    try:
        return os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 0


def processes(requested: int) -> int:
    """A --workers value: 0 stands for one process per core."""
    return requested or os.cpu_count() or 1


def _open_store(db: str | None, *, linked: bool = False, create: bool = False):
    """The store at ``db`` (or the default one); ``linked``: the command's answers
    come from the linking stage (entities, document links, cases), so a store
    whose linking is pending is said to be so first.  ``create``: the command
    fills a store (ingest, lists load), so a missing one is made; any other
    stops with exit 2, since an empty store made by a mistyped path would
    answer every question with a plausible "nothing"."""
    from .store import default_db_path, open_store

    location = db or str(default_db_path())
    path = _store_file(location)
    if not create and path is not None and not os.path.exists(path):
        err.print(labelled("error:", f"no store at {path}: run `prolifwatch ingest` first "
                                     "(or give the store's path with --db or $PROLIFWATCH_DB)"))
        raise typer.Exit(2)
    try:
        store = open_store(location)
    except Exception as exc:
        err.print(labelled("error:", f"cannot open store {location}: {exc}"))
        raise typer.Exit(2) from exc
    store.writer_name = _command_line()
    store.on_wait = lambda holder: err.print(
        f"waiting: {holder} is writing to {location}; this command goes on when it is done ...")
    if linked and store.linking_pending():
        err.print(
            "warning: linking has not finished on this store (an ingest stopped before it was done, or ran "
            "with --no-resolve): entities, links and cases may be missing or out of date. "
            "Run 'prolifwatch resolve', or 'prolifwatch ingest' again.")
    return store


def _store_file(location: str) -> str | None:
    """The SQLite file a store location names (None for a server URL)."""
    if location.startswith(("postgresql://", "postgres://")):
        return None
    return location[len("sqlite:///"):] if location.startswith("sqlite:///") else location


def _command_line() -> str:
    """'prolifwatch ingest', for a writer waiting on this one."""
    command = sys.argv[1] if len(sys.argv) > 1 and os.path.basename(sys.argv[0]) == "prolifwatch" else ""
    return " ".join(filter(None, ("prolifwatch", command)))


def not_found(what: str, name: str, suggestions: list, *, linking_missing: bool = False, exit_code: int = 1):
    """Stop with "no WHAT 'NAME' in the store", then what may help: the nearest
    ids and names (``query.lookup.Suggestion``), or, when the store has not been
    linked yet, that 'prolifwatch resolve' makes entities, links and cases."""
    err.print(labelled("error:", f"no {what} {name!r} in the store"))
    if linking_missing:
        err.print("  the store is not linked yet (entities, links and cases are made by linking): "
                  "run `prolifwatch resolve`")
    if suggestions:
        err.print("  did you mean:")
        for s in suggestions:
            err.print(f"    {s.id}" + (f"  {s.name}" if s.name and s.name != s.id else ""))
    elif not linking_missing:
        err.print(f"  no {what} has a similar id or name")
    raise typer.Exit(exit_code)


def _emit_json(obj) -> None:
    sys.stdout.write(json_line(obj) + "\n")


def _version(value: bool) -> None:
    if value:
        out.print(f"prolifwatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """ProlifWatch: who shipped what to whom, by which route, and what governments did about it."""


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
    from .pipeline import ingest as run_ingest
    from .render import counts_line

    files, empty = _files_to_read(paths)
    if not files:  # nothing to read: no store is made for it
        raise typer.Exit(1)
    store = _open_store(db, create=True)
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
        _emit_json({**report.to_json(), "resolved": linked})
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
    from .pipeline import resolve_store

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


@app.command()
def parse(
    files: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin.")],
    as_json: JsonOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Parse documents without storing them; --json prints one record per line."""
    from .pipeline import parse_paths

    failed = 0
    for item in parse_paths(files, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            failed += 1
            err.print(labelled("failed", str(item)))
        elif as_json:
            _emit_json(item.to_json())
        else:
            _print_summary_line(item)
    if failed:
        raise typer.Exit(1)


def _print_summary_line(doc: Document) -> None:
    from .render import summary_line

    out.print(summary_line(doc))


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(
        metavar="ID", help="Document id (07STATE159388, any spelling), the file it was read from (with or without "
                           "folder and extension) or its exact title.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    sources: Annotated[
        bool, typer.Option("--sources", help="Every source the document was read from, with its text's sha256 "
                           "and, where it differs from the kept record, the fields and paragraphs that differ "
                           "(JSON: 'versions').")
    ] = False,
) -> None:
    """Show one stored document: header fields, sources and paragraphs."""
    from .query import get_document
    from .query.lookup import find_documents, nearest_documents
    from .query.versions import source_versions
    from .render import print_document
    from .render_versions import print_source_versions

    with _open_store(db) as store:
        named = find_documents(store, doc_id)
        if not named:
            not_found("document", doc_id, nearest_documents(store, doc_id))
        if len(named) > 1:
            _several_documents(doc_id, named)
        doc = get_document(store, named[0][0])
        versions = source_versions(store, doc.id) if sources and doc is not None else None
    if as_json:
        _emit_json(doc.to_json() if versions is None else {**doc.to_json(), "versions": versions})
    else:
        print_document(out, doc)
        if versions is not None:
            print_source_versions(out, versions)


def _several_documents(name: str, named: list[tuple[str, str | None]]):
    err.print(labelled("error:", f"{name!r} names {len(named)} documents; give one of their ids:"))
    for doc_id, title in named:
        err.print(f"    {doc_id}" + (f"  {title}" if title else ""))
    raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(
        help='Words (all must appear), "exact phrases", prefix*, a OR b, -exclude or NOT exclude. '
             'Exclusions alone list every document but those. Blank: needs a filter, and lists documents '
             'newest first. Put -- before a query starting with -: search -- -Iran')] = "",
    tag: Annotated[Optional[str], typer.Option(help="Only documents with this TAG, e.g. PARM.")] = None,
    origin: Annotated[Optional[str], typer.Option(help="Only this origin, e.g. 'Embassy Beijing'.")] = None,
    classification: Annotated[
        Optional[str], typer.Option(help="Only this classification level, e.g. SECRET.")
    ] = None,
    kind: Annotated[Optional[str], typer.Option(help="cable or article.")] = None,
    since: Annotated[Optional[str], typer.Option(
        help="Created/published on or after: YYYY-MM-DD, YYYY-MM or YYYY (its first day). A document known "
             "only to the month or year matches when that period overlaps the range, and is marked.")] = None,
    until: Annotated[Optional[str], typer.Option(
        help="Created/published on or before: YYYY-MM-DD, YYYY-MM or YYYY (its last day).")] = None,
    limit: Annotated[int, typer.Option(help="Number of hits to show.")] = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search, ranked, with highlighted snippets and facet counts.

    Facets count documents without a value under "(unknown)" and, past the ten
    commonest values, the rest under "(other)".  Dates show their precision:
    "2008 (year, estimated)"."""
    from .query.fts_query import parse
    from .query.search import date_range, require_terms_or_filters
    from .query.search import search as run_search
    from .render_search import print_search

    try:  # before opening the store: a mistyped date or an empty query is the user's to fix
        date_range(since, until)
        parse(query)
        require_terms_or_filters(query, tag, origin, classification, kind, since, until)
    except ValueError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from None
    with _open_store(db) as store:
        result = run_search(
            store, query, tag=tag, origin=origin, classification=classification,
            kind=kind, since=since, until=until, limit=limit,
        )
    if as_json:
        _emit_json(result.to_json())
    else:
        print_search(out, query, result)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the store holds: documents by kind, classification, origin; sources by layout."""
    from .query import store_stats
    from .render import print_stats

    with _open_store(db) as store:
        figures = store_stats(store)
    if as_json:
        _emit_json(figures)
    else:
        print_stats(out, figures)


from . import cli_extract  # noqa: E402,F401  (registers extract, events, entities, eval)
from . import cli_eval_events  # noqa: E402,F401  (registers eval-events)
from . import cli_screen  # noqa: E402,F401  (registers lists, screen, classify-goods, xref)
from . import cli_resolve  # noqa: E402,F401  (registers resolve)
from . import cli_entity  # noqa: E402,F401  (registers entity, merge, split, judge, judgements, forget)
from . import cli_refs  # noqa: E402,F401  (registers refs)
from . import cli_cases  # noqa: E402,F401  (registers case, cases, timeline)
from . import cli_export  # noqa: E402,F401  (registers graph, export)
from . import cli_review  # noqa: E402,F401  (registers review accept, reject, correct, list, undo)
from . import cli_serve  # noqa: E402,F401  (registers serve)

if __name__ == "__main__":  # pragma: no cover
    app()
