"""Rich rendering of loaded lists, screening hits and goods classifications.

List entries and party names come from files users pass: markup is never
interpreted in them (Text objects, not markup strings).
"""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from .terminal import Text


def print_lists(console: Console, lists: list[dict[str, Any]]) -> None:
    if not lists:
        console.print("No sanctions lists loaded. Load one with `prolifwatch lists load FILE --format un|ofac|ftm`.")
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("list", "format", "entries", "as of", "loaded", "file"):
        table.add_column(column)
    for item in lists:
        table.add_row(Text(item["name"]), item["format"], str(item["entries"]), item["as_of"] or "not stated",
                      item["loaded_at"], Text(item["path"]))
    console.print(table)


def print_hits(console: Console, query: str, hits: list[dict[str, Any]], *, as_of: str | None = None) -> None:
    head = Text(f"{query}: ")
    head.append(f"{len(hits)} hit(s)" if hits else "no hits at the threshold", style="bold")
    if as_of:
        head.append(f" · status as of {as_of}")
    console.print(head)
    for hit in hits:
        line = Text(f"  {hit['score']:.2f}  ", style="bold")
        line.append(Text(hit["name"]))
        line.append(f"  [{hit['list']}:{hit['entry_id']}, {hit['type']}]")
        console.print(line)
        facts = [f"programmes: {', '.join(hit['programmes']) or '-'}", f"listed on: {hit['listed_on'] or 'not stated'}"]
        if hit["status"]:
            facts.append(f"status: {hit['status']}")
        if hit["identifiers"]:
            facts.append("ids: " + ", ".join(hit["identifiers"]))
        console.print(Text("        " + " · ".join(facts)))
        for feature in hit["explanation"]:
            console.print(Text(f"        {feature['name']:<11} {feature['score']:+.2f}  {feature['detail']}"))


def print_goods(console: Console, description: str, matches: list[dict[str, Any]]) -> None:
    if not matches:
        console.print(Text(f"{description}: no control-list item found"))
        return
    table = Table(show_header=True, header_style="bold", title=Text(description))
    for column in ("item", "confidence", "matched keywords", "name"):
        table.add_column(column)
    for m in matches:
        table.add_row(m["item"], f"{m['confidence']:.2f}", Text(", ".join(m["keywords"])), Text(m["name"]))
    console.print(table)
