"""``prolifwatch refs``: what a document cites, what cites it, and its request/answer thread."""
from __future__ import annotations

from typing import Annotated, Any

import typer

from ..errors import BadParameter
from .app import app
from .failures import several_documents
from .options import DbOption, JsonOption, open_store
from .output import emit_json, out
from .render.refs import print_refs

_KINDS = ("cites", "names", "describes", "answers")


def _refs_of_named(store, name: str, depth: int, kind: list[str] | None) -> dict[str, Any]:
    """The links of the document ``name`` names by file or title (an id was
    tried first), or stop: several documents, or none (with the nearest)."""
    from ..query.lookup import find_documents, not_found
    from ..query.refs import refs as find_refs

    named = find_documents(store, name)
    if len(named) > 1:
        raise several_documents(name, named)
    found = find_refs(store, named[0][0], depth=depth, kinds=tuple(kind) if kind else None) if named else None
    if found is None:
        raise not_found(store, "document or link", name)
    return found


@app.command()
def refs(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id; cable ids in any spelling (07 STATE 159388).")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=5, help="Follow links this many steps out and in.")] = 1,
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
    from ..query.refs import refs as find_refs
    from ..query.refs import thread

    for k in kind or ():
        if k not in _KINDS:
            raise BadParameter("--kind", f"unknown link kind {k!r}; use one of {', '.join(_KINDS)}")
    with open_store(db, linked=True) as store:
        found = find_refs(store, doc_id, depth=depth, kinds=tuple(kind) if kind else None)
        if found is None:
            found = _refs_of_named(store, doc_id, depth, kind)
        if show_thread:
            found["thread"] = thread(store, found["document"]["id"]) or []
    if as_json:
        emit_json(found)
    else:
        print_refs(out, found)
