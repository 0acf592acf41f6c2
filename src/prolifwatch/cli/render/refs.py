"""Rich rendering of a document's links (``refs``) and its request/answer thread.

Ids, titles and evidence come from documents: every cell is a ``Text``, never markup.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from ...terminal import Text

if TYPE_CHECKING:
    from ...query.refs import RefEdge, RefNode, RefsGraph, ThreadMember


def _where(node: RefNode) -> Text:
    return Text("yes", style="green") if node.in_collection else Text("not in collection", style="yellow")


def _evidence(edge: RefEdge) -> str:
    evidence = edge.evidence or {}
    if isinstance(evidence, str):  # older stores kept a reference's evidence as the string printed
        return evidence
    if edge.kind == "answers":
        cue = evidence.get("reply") or {}
        return f"{evidence.get('reference') or ''} · {cue.get('cue') or 'subject overlap'}".strip(" ·")
    return evidence.get("reference") or evidence.get("text") or ""


def _table(title: str, edges: list[RefEdge], far_label: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    for column in ("depth", "link", far_label, "date", "title", "in collection", "score", "evidence"):
        table.add_column(column, overflow="fold")
    for edge in edges:
        n = edge.node
        table.add_row(str(edge.depth), edge.kind, Text(n.id), (n.date or "")[:10], Text(n.title or ""),
                      _where(n), f"{edge.score:.2f}", Text(_evidence(edge)))
    return table


def print_refs(console: Console, found: RefsGraph, thread: list[ThreadMember] | None = None) -> None:
    """The document's links out and in; its thread too when ``thread`` is given (None: not asked for)."""
    doc = found.document
    head = Text(doc.id, style="bold")
    head.append(f"  {(doc.date or '')[:10]}  ")
    head.append(doc.title or "")
    if not doc.in_collection:
        head.append("  (not in collection)", style="yellow")
    console.print(head)
    for title, edges, label in (("Cites / links to", found.outgoing, "to"),
                                ("Cited by / linked from", found.incoming, "from")):
        if edges:
            console.print(_table(title, edges, label))
        else:
            console.print(Text(f"{title}: none"))
    if thread is not None:
        _print_thread(console, thread)


def _print_thread(console: Console, members: list[ThreadMember]) -> None:
    if not members:
        console.print(Text("Thread: none (no request/answer links)"))
        return
    table = Table(title="Thread (date order)", title_justify="left", show_header=True, header_style="bold")
    for column in ("date", "id", "answers", "title", "in collection", "cue"):
        table.add_column(column, overflow="fold")
    for m in members:
        cue = ((m.evidence or {}).get("reply") or {}).get("cue") or ""
        table.add_row((m.date or "")[:10], Text("  " * m.depth + m.id), Text(m.answers or ""),
                      Text(m.title or ""), _where(m), Text(cue))
    console.print(table)
