"""``prolifwatch refs``: what a document cites, what cites it, and its request/answer thread."""
from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from .cli import DbOption, JsonOption, _emit_json, _open_store, _several_documents, app, err, not_found, out
from .terminal import Text

_KINDS = ("cites", "names", "describes", "answers")


def _refs_of_named(store, name: str, depth: int, kind: list[str] | None) -> dict[str, Any]:
    """The links of the document ``name`` names by file or title (an id was
    tried first), or stop: several documents, or none (with the nearest)."""
    from .query.lookup import find_documents, linking_missing, nearest_documents
    from .query.refs import refs as find_refs

    named = find_documents(store, name)
    if len(named) > 1:
        _several_documents(name, named)
    found = find_refs(store, named[0][0], depth=depth, kinds=tuple(kind) if kind else None) if named else None
    if found is None:
        not_found("document or link", name, nearest_documents(store, name), linking_missing=linking_missing(store))
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
    from .query.refs import refs as find_refs
    from .query.refs import thread

    for k in kind or ():
        if k not in _KINDS:
            err.print(f"error: unknown link kind {k!r}; use one of {', '.join(_KINDS)}", highlight=False, markup=False)
            raise typer.Exit(2)
    with _open_store(db, linked=True) as store:
        found = find_refs(store, doc_id, depth=depth, kinds=tuple(kind) if kind else None)
        if found is None:
            found = _refs_of_named(store, doc_id, depth, kind)
        if show_thread:
            found["thread"] = thread(store, found["document"]["id"]) or []
    if as_json:
        _emit_json(found)
    else:
        print_refs(out, found)


def _where(node: dict[str, Any]) -> Text:
    return Text("yes", style="green") if node["in_collection"] else Text("not in collection", style="yellow")


def _evidence(edge: dict[str, Any]) -> str:
    evidence = edge["evidence"] or {}
    if edge["kind"] == "answers":
        cue = evidence.get("reply") or {}
        return f"{evidence.get('reference') or ''} · {cue.get('cue') or 'subject overlap'}".strip(" ·")
    return evidence.get("reference") or evidence.get("text") or ""


def _table(title: str, edges: list[dict[str, Any]], far_label: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    for column in ("depth", "link", far_label, "date", "title", "in collection", "score", "evidence"):
        table.add_column(column, overflow="fold")
    for edge in edges:
        n = edge["node"]
        table.add_row(str(edge["depth"]), edge["kind"], Text(n["id"]), (n["date"] or "")[:10], Text(n["title"] or ""),
                      _where(n), f"{edge['score']:.2f}", Text(_evidence(edge)))
    return table


def print_refs(console: Console, found: dict[str, Any]) -> None:
    doc = found["document"]
    head = Text(doc["id"], style="bold")
    head.append(f"  {(doc['date'] or '')[:10]}  ")
    head.append(doc["title"] or "")
    if not doc["in_collection"]:
        head.append("  (not in collection)", style="yellow")
    console.print(head)
    for title, key, label in (("Cites / links to", "outgoing", "to"), ("Cited by / linked from", "incoming", "from")):
        if found[key]:
            console.print(_table(title, found[key], label))
        else:
            console.print(Text(f"{title}: none"))
    if "thread" in found:
        _print_thread(console, found["thread"])


def _print_thread(console: Console, members: list[dict[str, Any]]) -> None:
    if not members:
        console.print(Text("Thread: none (no request/answer links)"))
        return
    table = Table(title="Thread (date order)", title_justify="left", show_header=True, header_style="bold")
    for column in ("date", "id", "answers", "title", "in collection", "cue"):
        table.add_column(column, overflow="fold")
    for m in members:
        cue = ((m.get("evidence") or {}).get("reply") or {}).get("cue") or ""
        table.add_row((m["date"] or "")[:10], Text("  " * m["depth"] + m["id"]), Text(m["answers"] or ""),
                      Text(m["title"] or ""), _where(m), Text(cue))
    console.print(table)
