"""Document commands: ``parse`` (without storing), ``show``, ``search`` and ``stats``."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import BadParameter
from ..formats import DEFAULT_MAX_BYTES, ReadError
from ..model import Document
from ..terminal import labelled
from .app import app
from .failures import several_documents
from .options import DbOption, JsonOption, MaxBytesOption, open_reader
from .output import emit_json, err, out


@app.command()
def parse(
    files: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin.")],
    as_json: JsonOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Parse documents without storing them; --json prints one record per line."""
    from ..pipeline import parse_paths

    failed = 0
    for item in parse_paths(files, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            failed += 1
            err.print(labelled("failed", str(item)))
        elif as_json:
            emit_json(item.to_json())
        else:
            _print_summary_line(item)
    if failed:
        raise typer.Exit(1)


def _print_summary_line(doc: Document) -> None:
    from .render.documents import summary_line

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
    from ..query import get_document
    from ..query.lookup import find_documents, not_found
    from ..query.versions import source_lines
    from .render.documents import print_document
    from .render.versions import print_source_versions, versions_json

    with open_reader(db) as reader:
        named = find_documents(reader.store, doc_id)
        if not named:
            raise not_found(reader.store, "document", doc_id)
        if len(named) > 1:
            raise several_documents(doc_id, named)
        doc = get_document(reader.store, named[0][0])
        versions = source_lines(reader, doc.id) if sources and doc is not None else None
    if as_json:
        emit_json(doc.to_json() if versions is None else {**doc.to_json(), "versions": versions_json(versions)})
    else:
        print_document(out, doc)
        if versions is not None:
            print_source_versions(out, versions)


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
    limit: Annotated[int, typer.Option(help="Number of hits to show (0: only the counts and facets).")] = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search, ranked, with highlighted snippets and facet counts.

    Facets count documents without a value under "(unknown)" and, past the ten
    commonest values, the rest under "(other)".  Dates show their precision:
    "2008 (year, estimated)"."""
    from ..query.fts_query import parse
    from ..query.search import date_range, require_terms_or_filters
    from ..query.search_page import MAX_HITS, Filters, first_hits
    from .render.search import print_search, search_json

    # Before opening the store: a mistyped date or an empty query is the user's to fix.
    try:
        date_range(since, until)
    except ValueError as exc:  # the message starts with the option it is about: "--since 2009 is after ..."
        raise BadParameter(str(exc).split(" ", 1)[0], str(exc)) from None
    try:
        parse(query)
        require_terms_or_filters(query, tag, origin, classification, kind, since, until)
    except ValueError as exc:
        raise BadParameter("QUERY", str(exc)) from None
    if not 0 <= limit <= MAX_HITS:
        raise BadParameter("--limit", f"--limit {limit}: between 0 and {MAX_HITS} (narrow the search)")
    filters = Filters(tag=tag, origin=origin, classification=classification, kind=kind, since=since, until=until)
    with open_reader(db) as reader:
        result = first_hits(reader, query, filters, limit=limit)
    if as_json:
        emit_json(search_json(result))
    else:
        print_search(out, result)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the store holds: documents by kind, classification, origin; sources by layout."""
    from ..query.home import store_stats
    from .render.documents import print_stats

    with open_reader(db) as reader:
        figures = store_stats(reader)
    if as_json:
        emit_json(figures.model_dump())
    else:
        print_stats(out, figures)
