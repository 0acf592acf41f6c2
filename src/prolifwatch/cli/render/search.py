"""Terminal rendering of search results.

Dates are shown as far as they are known ("2008 (year, estimated)"), and a
date range says what it left out: an undated document can never pass one, and
a document known only to the month or year may fall outside it.
"""
from __future__ import annotations

from rich.console import Console

from ...query.search import OTHER, UNKNOWN, SearchResult
from .documents import highlighted
from ...terminal import Text

FACET_SHOWN = 8  # values per facet line; "(other)" and "(unknown)" are always shown


def print_search(console: Console, query: str, result: SearchResult) -> None:
    console.print(Text(f"{result.total} documents match {query!r}", style="bold"))
    window = result.date_filter
    if window:
        console.print(Text(f"  dated {window.since or '…'} to {window.until or '…'}: " + _window_note(window),
                           style="yellow" if window.undated_left_out or window.partly_in_range else ""))
    for rank, hit in enumerate(result.hits, 1):
        line = Text(f"{rank:>3}. ", style="bold")
        line.append(hit.id, style="bold green")
        date = hit.date_label + (" [partly in the date range]" if hit.date_in_range == "partly" else "")
        line.append(f"  {date}  {hit.classification or '-'}  {hit.origin or ''}")
        console.print(line)
        console.print(Text("     ") + Text(hit.title or "", style="italic"))
        for warning in hit.warnings:
            console.print(Text("     warning: ", style="yellow") + Text(warning.get("message") or str(warning)))
        if hit.snippet:
            console.print(Text("     ") + highlighted(" ".join(hit.snippet.split())))
    for facet, counts in result.facets.items():
        if counts:
            values = [(k, v) for k, v in counts.items() if k not in (OTHER, UNKNOWN)][:FACET_SHOWN]
            values += [(k, counts[k]) for k in (OTHER, UNKNOWN) if k in counts]
            console.print(Text(f"{facet}: ", style="bold") + Text(", ".join(f"{k} ({v})" for k, v in values)))


def _window_note(window) -> str:
    notes = []
    if window.undated_left_out:
        notes.append(f"{window.undated_left_out} documents without a date left out")
    if window.partly_in_range:
        notes.append(f"{window.partly_in_range} known only to the month or year, partly in the range, kept")
    return "; ".join(notes) or "every match dated within it"
