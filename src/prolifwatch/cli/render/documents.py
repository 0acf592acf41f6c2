"""Terminal rendering of records and store figures (search results: ``render_search.py``).

Ingested text is untrusted: it is always added to ``terminal.Text`` objects
(control characters shown as escapes), never interpreted as markup.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from ...citations import paragraph_citation
from ...model import Article, Cable, Document
from ...store.doc_dates import notes as date_notes
from ...terminal import Text

if TYPE_CHECKING:  # ingest and parse print through this module without loading the query layer
    from ...query.home import StoreStats

# Where a cable's created date came from, in words (Cable.created_source).
CREATED_SOURCES = {
    "layout": "the layout's metadata",
    "dtg": "the date-time group",
    "date-line": "the page's date line",
    "declassify-estimate": "estimated from the declassification date",
    "id-year": "the year of the cable id only",
}

HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "«", "»"


def summary_line(doc: Document) -> str:
    if isinstance(doc, Cable):
        return (
            f"{doc.id}\tcable\t{doc.created or '-'}\t{doc.classification or '-'}\t"
            f"{len(doc.paragraphs)} ¶\t{doc.subject or ''}"
        )
    return f"{doc.id}\tarticle\t{doc.published or '-'}\t{doc.publisher or '-'}\t{len(doc.paragraphs)} ¶\t{doc.title or ''}"


def _created(doc: Cable) -> str:
    """The created value in full (the DTG's time too), with what a reader must
    know beside it: "2009-07-01 (estimated)", "1972 (year, estimated)"."""
    said = date_notes(doc.created_precision, doc.created_source)
    return doc.created + (f" ({', '.join(said)})" if said else "")


def _fields(doc: Document) -> list[tuple[str, str]]:
    if isinstance(doc, Article):
        pairs = [("title", doc.title), ("published", doc.published), ("author", doc.author),
                 ("publisher", doc.publisher), ("dateline", doc.dateline)]
    else:
        classification = "//".join([doc.classification or "", *doc.caveats]).strip("/")
        pairs = [
            ("subject", doc.subject),
            ("created", doc.created and _created(doc)),
            ("date from", CREATED_SOURCES.get(doc.created_source or "", doc.created_source)),
            ("released", doc.released),
            ("origin", doc.origin), ("classification", classification), ("precedence", doc.precedence),
            ("dtg", doc.dtg), ("from", doc.from_), ("to", "; ".join(doc.recipients)),
            ("info", "; ".join(doc.info_recipients)), ("tags", " ".join(doc.tags)),
            ("references", " ".join(doc.references)), ("other references", "; ".join(doc.other_references)),
            ("classified by", doc.classified_by), ("reasons", " ".join(doc.reasons)),
            ("declassify on", doc.declassify_on), ("signers", " ".join(doc.signers)), ("summary", doc.summary),
        ]
    return [(k, v) for k, v in pairs if v]


def print_document(console: Console, doc: Document) -> None:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("id", Text(doc.id or ""))
    for key, value in _fields(doc):
        table.add_row(key, Text(str(value)))
    for warning in getattr(doc, "warnings", ()):
        table.add_row(Text("warning", style="bold yellow"), Text(warning.get("message") or str(warning)))
    for source in doc.sources:
        table.add_row("source", Text(f"{source.path} ({source.format}, sha256 {source.sha256[:12]}…)"))
    console.print(table)
    for para in doc.paragraphs:
        # headed by the citation a reader copies (the printed number), not the internal index
        head = " ".join(x for x in (paragraph_citation(para.number, para.index), para.marking) if x)
        label = Text(f"\n{head}", style="bold cyan")
        console.print(label)
        console.print(Text(para.text))


def highlighted(snippet: str) -> Text:
    text = Text()
    rest = snippet
    while HIGHLIGHT_OPEN in rest:
        before, _, tail = rest.partition(HIGHLIGHT_OPEN)
        match, _, rest = tail.partition(HIGHLIGHT_CLOSE)
        text.append(before)
        text.append(match, style="bold yellow")
    text.append(rest)
    return text


def print_stats(console: Console, figures: StoreStats) -> None:
    for key, value in figures.model_dump().items():  # by alias: "by kind", as the JSON
        if isinstance(value, dict):
            console.print(Text(key, style="bold"))
            for k, v in value.items():
                console.print(Text(f"  {k}: {v}"))
        else:
            console.print(Text(f"{key}: ", style="bold") + Text(str(value)))


def counts_line(counts: dict) -> str:
    """``entities 812, merged keys 40`` from a step's figures."""
    return ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in counts.items()) or "-"
