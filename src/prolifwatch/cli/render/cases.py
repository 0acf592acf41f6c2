"""Rich rendering of cases and timelines.

Everything shown comes from documents, so text is printed with markup off
(headings built from our own words only use markup).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from ...extract.event import TRANSFER_ROLES
from ...query.timeline_page import UNDATED
from ...store import doc_dates
from ...terminal import Text

if TYPE_CHECKING:
    from ...query.case_page import CaseLine, CaseList, CasePage, CaseSource
    from ...query.timeline_page import TimelineItem, TimelinePage


def _plain(console: Console, text: str, **kwargs: Any) -> None:
    console.print(text, markup=False, highlight=False, **kwargs)


def _sources(sources: list[CaseSource]) -> str:
    return ", ".join(dict.fromkeys(f"{s.document}#{s.idx}" for s in sources))


def print_case(console: Console, case: CasePage) -> None:
    _plain(console, f"{case.id}  {case.title}", style="bold")
    _plain(console, f"  {case.first_date or '?'} – {case.last_date or '?'} · "
                    f"{len(case.documents)} documents · {len(case.transfers)} transfers · "
                    f"confidence {_confidence(case.confidence)}")
    roles = {r.role: r.values for r in case.roles}
    for role in TRANSFER_ROLES:
        for entry in roles.get(role, []):
            _plain(console, f"  {role}: {entry.name}  ({entry.value}) ← {_sources(entry.sources)}")
    if case.state:
        state = case.state
        by = f" by {', '.join(state.by)}" if state.by else ""
        _plain(console, f"  latest state: {state.state}{by} ({state.date or '?'}, {state.source.document} "
                        f"{state.source.citation}): “{state.source.evidence}”", style="bold")
    if case.statuses:
        _plain(console, "  statuses: " + " → ".join(
            f"{s.status} ({s.date or '?'}, {s.document})" for s in case.statuses))
    for conflict in case.conflicts:
        _plain(console, f"  CONFLICT {conflict.role}: " + " | ".join(
            f"{v.name} ← {_sources(v.sources)}" for v in conflict.values), style="yellow")
    if case.actions:
        console.print(Text("  related diplomatic actions", style="bold"))
        for a in case.actions:
            who = ", ".join(a.actor) or "?"
            whom = ", ".join(a.counterpart) or "?"
            said = f" (the text names {', '.join(a.extracted_counterpart)})" if a.extracted_counterpart else ""
            _plain(console, f"    {a.date or (a.document_date or '?')[:10]} {a.kind}: {who} → {whom}{said} "
                            f"({a.source.document} {a.source.citation})")
    for n in case.not_parties:
        _plain(console, f"  not a party: {n.text} (as {n.role}, {n.document}#{n.idx})", style="dim")
    console.print(Text("  documents", style="bold"))
    for d in case.documents:
        where = f"{(d.date or '')[:10]} {d.title or ''}" if d.in_collection else "not in collection"
        _plain(console, f"    {d.id}  {where}")
    console.print(Text("  evidence", style="bold"))
    for t in case.transfers:
        _plain(console, f"    {t.event_id or f'{t.source.document}#{t.source.idx}'} {t.source.document} "
                        f"{t.source.citation} [{t.status or '-'}] {t.date or ''} "
                        f"(confidence {_confidence(t.confidence, t.review)}): “{t.source.evidence}”",
               style="dim")


def print_cases(console: Console, cases: list[CaseLine]) -> None:
    table = Table(show_header=True, header_style="bold")
    # The id is what a user passes to 'case': never wrapped or cut.
    table.add_column("case", no_wrap=True, min_width=17)
    for column in ("title", "first", "last", "docs", "transfers", "confidence", "state", "conflicts"):
        table.add_column(column)
    for c in cases:
        # Titles come from document text: Text cells, so "[chemical weapons]" is not read as markup.
        state = f"{c.state.state or ''} {c.state.document or ''}".strip() if c.state else ""
        table.add_row(*(Text(v) for v in (c.id, c.title, c.first_date or "", c.last_date or "",
                                          str(c.documents), str(c.transfers), _confidence(c.confidence),
                                          state, ", ".join(c.conflicts))))
    console.print(table)


def no_cases_line(found: CaseList) -> str:
    """Why the list is empty: the entity as resolved, or no filter matched."""
    if not found.entity:
        return "no cases match (cases are built by 'prolifwatch resolve', which ingest runs)"
    return f"no cases with entity {' '.join(found.entity.split())} (resolved to: {found.entity_described})"


def _confidence(value: float | None, review: str | None = None) -> str:
    shown = f"{value:.2f}" if value is not None else "?"
    return f"{shown}, {review}" if review else shown


def _item_line(item: TimelineItem, day: str) -> str:
    date = item.date or ("(undated)" if day == UNDATED else f"({day})")  # no date at all, or its document's
    source = item.source
    if source and source.document_date and (item.type == "document" or not item.date):
        # the document's date as far as it is known, not as stored: "2008 (year, estimated)"
        doc_date, precision = source.document_date, source.document_date_precision
        said = doc_dates.notes(precision, source.document_date_source)
        if item.type == "document":
            date = doc_dates.label(doc_date, precision, source.document_date_source)
        else:  # an undated event borrows its document's date, in parentheses
            date = f"({', '.join([doc_dates.shown(doc_date, precision), *said])})"
    if item.type == "listing" and item.listing:
        return f"{date}  listed on {item.listing.list} as {item.name} ({', '.join(item.programmes)})"
    if source is None:  # events and documents come with the sentence they rest on; never fail a listing for it
        return f"{date}  {item.type} {item.name or ''}".rstrip()
    if item.type == "document":
        return f"{date}  document {source.document}: {source.title or ''} ({item.mentions} mentions)"
    head = item.kind if item.type == "diplomatic_action" else "transfer"
    status = f" [{item.status}]" if item.status else ""
    parties = " · ".join(f"{role}: {'; '.join(values)}" for role, values in item.parties.items())
    return f"{date}  {head}{status} {parties}  ({source.document} {source.citation})"


def print_timeline(console: Console, timeline: TimelinePage) -> None:
    _plain(console, f"{timeline.id}  {timeline.name} · {timeline.total} items", style="bold")
    for conflict in timeline.conflicts:
        _plain(console, f"  CONFLICT {conflict['role']}: " + " | ".join(v["name"] for v in conflict["values"]),
               style="yellow")
    for day in timeline.days:
        for item in day.items:
            _plain(console, "  " + _item_line(item, day.day))
            if item.source and item.source.evidence:
                _plain(console, f"      “{item.source.evidence}”", style="dim")
