"""``prolifwatch refs``: what a document cites, what cites it, and its request/answer thread."""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import BadParameter, NotFound
from .app import app
from .failures import several_documents
from .options import DbOption, JsonOption, open_reader
from .output import emit_json, out
from .render.refs import print_refs

if TYPE_CHECKING:
    from ..query.context import Reader
    from ..query.refs import RefsGraph

_MAX_DEPTH = 5  # query.refs.MAX_DEPTH, written here so that --help is built without loading the query layer


def _links(reader: Reader, name: str, depth: int, kinds: tuple[str, ...] | None) -> RefsGraph:
    """The links of the document ``name`` names: by id (any cable spelling) or link end, else by
    file or title; stops when a file or title names several documents."""
    from ..query.lookup import find_documents
    from ..query.refs import refs_graph

    try:
        return refs_graph(reader, name, depth=depth, kinds=kinds, max_depth=_MAX_DEPTH)
    except NotFound:
        named = find_documents(reader.store, name)
        if len(named) > 1:
            raise several_documents(name, named) from None
        if not named:
            raise
    return refs_graph(reader, named[0][0], depth=depth, kinds=kinds, max_depth=_MAX_DEPTH)


@app.command()
def refs(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id; cable ids in any spelling (07 STATE 159388).")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=_MAX_DEPTH,
                                       help="Follow links this many steps out and in.")] = 1,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="Only links of this kind: cites, names, describes, answers.")
    ] = None,
    show_thread: Annotated[
        bool, typer.Option("--thread", help="Also show the request/answer thread the document belongs to.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What a document cites and what cites it (plus describes/names/answers links), with evidence.

    Documents not in the store (a cited cable we do not hold, a cable an article
    describes) are listed and marked "not in collection".
    """
    from ..query.refs import LINK_KINDS, document_thread

    for k in kind or ():  # before opening the store, naming the option
        if k not in LINK_KINDS:
            raise BadParameter("--kind", f"unknown link kind {k!r}; use one of {', '.join(LINK_KINDS)}")
    with open_reader(db, linked=True) as reader:
        found = _links(reader, doc_id, depth, tuple(kind) if kind else None)
        thread = document_thread(reader, found.document.id) if show_thread else None
    if as_json:
        emit_json({**found.model_dump(mode="json"),
                   **({"thread": [m.model_dump(mode="json") for m in thread]} if thread is not None else {})})
    else:
        print_refs(out, found, thread)
