"""Rich rendering of loaded lists, screening hits and goods classifications.

List entries and party names come from files users pass: markup is never
interpreted in them (Text objects, not markup strings).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from ...terminal import Text

if TYPE_CHECKING:
    from ...query.screen_parties import LoadedList
    from ...query.xref_page import XrefHit


def print_lists(console: Console, lists: list[LoadedList]) -> None:
    if not lists:
        console.print("No sanctions lists loaded. Load one with `prolifwatch lists load FILE` (UN, OFAC or OpenSanctions).")
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("list", "format", "entries", "as of", "loaded", "file"):
        table.add_column(column)
    for item in lists:
        table.add_row(Text(item.name), item.format, str(item.entries), item.as_of or "not stated",
                      item.loaded_at, Text(item.path or ""))
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
        if hit.get("weak_alias"):
            line.append(Text("  weak alias: ", style="yellow"))
            line.append(Text(hit["weak_alias"]))
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


def print_xref_hits(console: Console, hits: list[XrefHit]) -> None:
    """Each stored hit: the entity, the listing, the analyst's verdict, and what the entity rests on."""
    if not hits:
        console.print("No xref hits stored (run `prolifwatch xref`).")
        return
    for hit in hits:
        line = Text(f"{hit.score:.2f}  ", style="bold")
        line.append(Text(hit.entity_name))
        line.append(f" [{hit.entity_type}] -> ")
        line.append(Text(hit.name or ""))
        line.append(f" [{hit.list_name}:{hit.entry_id}]")
        if hit.weak_alias:
            line.append(Text(" weak alias", style="yellow"))
        if hit.review:
            line.append(Text(f" ({hit.review})", style="green"))
        console.print(line)
        evidence = hit.evidence
        if evidence.mentions or evidence.documents or evidence.document_count:
            forms = ", ".join(f"{' '.join(m.text.split())} ×{m.count}" for m in evidence.mentions)
            more = evidence.document_count - len(evidence.documents)
            console.print(Text(f"      key {hit.entity_key} · as written: {forms}"))
            console.print(Text(f"      in {', '.join(evidence.documents)}" + (f" and {more} more" if more > 0 else "")))


# xref --show --json: each hit as xref stored it, in that order (the listing's fields, then its evidence
# and the verdict); "listing" is the page's, made of two of them.
XREF_JSON = ("entity_type", "entity_key", "entity_name", "list", "entry_id", "name", "type", "score", "programmes",
             "listed_on", "status", "list_as_of", "countries", "identifiers", "aliases", "weak_alias", "explanation",
             "evidence", "review")


def xref_hit_json(hit: XrefHit) -> dict[str, Any]:
    data = hit.model_dump()  # by alias: "list"
    return {key: data[key] for key in XREF_JSON}
