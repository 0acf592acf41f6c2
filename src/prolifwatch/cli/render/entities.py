"""Rich rendering of an entity's profile, and the plain tables of decisions.

Names, aliases and evidence come from documents: every cell is a ``Text``, never markup.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from ...citations import paragraph_citation
from ...terminal import Text

if TYPE_CHECKING:
    from ...query.entity_page import EntityLine, EntityPage


def print_profile(console: Console, p: EntityPage) -> None:
    console.print(Text.assemble((p.name, "bold"), f"  {p.type}  {p.id}"))
    console.print(Text(f"{p.documents} documents, {p.mentions} mentions"))
    if len(p.aliases) > 1:
        console.print(Text("aliases: " + "; ".join(p.aliases[1:])))
    for key, value in p.attributes.items():
        console.print(Text(f"{key}: {value}"))
    table(console, "member keys", ("key", "reason", "score", "mentions"),
          [(m.key, m.reason, f"{m.score:.2f}", str(m.mentions)) for m in p.members])
    table(console, "documents (most recent first)", ("id", "date", "title", "mentions"),
          [(d.id, d.date or "", d.title or "", str(d.mentions)) for d in p.document_list])
    table(console, "events", ("date", "type", "status", "role", "document", "evidence"),
          [(e.date or "", e.type, e.status or "", ", ".join(e.roles),
            f"{e.source.document} {paragraph_citation(e.source.paragraph_number, e.source.paragraph)}",
            e.source.evidence) for e in p.events])
    table(console, "counterparts", ("entity", "name", "role", "events"),
          [(c.entity, c.name or "", c.role, str(c.events)) for c in p.counterparts])
    table(console, "listings", ("key", "list", "entry", "score"),
          [(h.key, h.list, f"{h.entry_id} {h.entry_name or ''}", f"{h.score:.2f}") for h in p.listings])


def print_entity_lines(console: Console, entities: list[EntityLine]) -> None:
    grid = Table(show_header=True, header_style="bold")
    for column in ("name", "type", "key", "documents", "mentions"):
        grid.add_column(column)
    for e in entities:
        grid.add_row(Text(e.name), Text(e.type), Text(e.id), str(e.documents), str(e.mentions))
    console.print(grid)


def table(console: Console, title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    if not rows:
        return
    grid = Table(title=title, show_header=True, header_style="bold", title_justify="left")
    for column in columns:
        grid.add_column(column)
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))  # Text: document content is never markup
    console.print(grid)
