"""Terminal rendering of search results (the search page's typed result, ``query.search_page``).

Dates are shown as far as they are known ("2008 (year, estimated)"), and a
date range says what it left out: an undated document can never pass one, and
a document known only to the month or year may fall outside it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console

from ...terminal import Text
from .documents import highlighted

if TYPE_CHECKING:  # the query layer loads when the command runs
    from ...query.search_page import DateFilterNote, SearchHit, SearchPage

FACET_SHOWN = 8  # values per facet line; "(other)" and "(unknown)" are always shown


def print_search(console: Console, result: SearchPage) -> None:
    from ...query.search import OTHER, UNKNOWN
    from ...query.search_page import marked_snippet

    console.print(Text(f"{result.total} documents match {result.query!r}", style="bold"))
    window = result.date_filter
    if window:
        console.print(Text(f"  dated {window.since or '…'} to {window.until or '…'}: " + _window_note(window),
                           style="yellow" if window.undated_left_out or window.partly_in_range else ""))
    if result.ranked_among and result.ranked_among < result.total:  # as the search page says it
        console.print(Text(f"  best first among {result.ranked_among} of them: those holding the words in their "
                           f"subject or tags, then the newest; each further {result.ranked_among} hits are the "
                           f"best of the next {result.ranked_among}", style="yellow"))
    for rank, hit in enumerate(result.hits, 1):
        line = Text(f"{rank:>3}. ", style="bold")
        line.append(hit.id, style="bold green")
        date = hit.date_label + (" [partly in the date range]" if hit.date_in_range == "partly" else "")
        line.append(f"  {date}  {hit.classification or '-'}  {hit.origin or ''}")
        console.print(line)
        console.print(Text("     ") + Text(hit.title or "", style="italic"))
        for warning in hit.warnings:
            console.print(Text("     warning: ", style="yellow") + Text(warning.get("message") or str(warning)))
        snippet = marked_snippet(hit.snippet)
        if snippet:
            console.print(Text("     ") + highlighted(" ".join(snippet.split())))
    for facet, counts in facet_counts(result).items():
        if counts:
            values = [(k, v) for k, v in counts.items() if k not in (OTHER, UNKNOWN)][:FACET_SHOWN]
            values += [(k, counts[k]) for k in (OTHER, UNKNOWN) if k in counts]
            console.print(Text(f"{facet}: ", style="bold") + Text(", ".join(f"{k} ({v})" for k, v in values)))


def _window_note(window: DateFilterNote) -> str:
    notes = []
    if window.undated_left_out:
        notes.append(f"{window.undated_left_out} documents without a date left out")
    if window.partly_in_range:
        notes.append(f"{window.partly_in_range} known only to the month or year, partly in the range, kept")
    return "; ".join(notes) or "every match dated within it"


def facet_counts(result: SearchPage) -> dict[str, dict[str, int]]:
    """The facets counted over every match, as value -> count, in ``FACETS`` order (the page's entity and
    item facets count among the best hits only, and its date histogram is another view of "year")."""
    from ...query.search import FACETS
    found = {facet.name: {v.value: v.count for v in facet.values} for facet in result.facets}
    return {name: found[name] for name in FACETS if name in found}


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    from ...query.search_page import marked_snippet

    return {"id": hit.id, "kind": hit.kind, "title": hit.title, "date": hit.date, "origin": hit.origin,
            "classification": hit.classification, "score": hit.score, "snippet": marked_snippet(hit.snippet),
            "created_precision": hit.created_precision, "created_source": hit.created_source,
            "date_in_range": hit.date_in_range, "warnings": hit.warnings}


def search_json(result: SearchPage) -> dict[str, Any]:
    """``search --json``: the query, the total, the hits (snippets with their «hit» marks), the facets
    counted over every match, and what a date range did."""
    return {"query": result.query, "total": result.total, "hits": [_hit_json(h) for h in result.hits],
            "facets": facet_counts(result),
            "date_filter": result.date_filter.model_dump() if result.date_filter else None,
            "ranked_among": result.ranked_among}
