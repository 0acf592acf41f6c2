"""Rich rendering of mentions, events, entities and evaluation reports.

Everything shown comes from documents, so it is printed with markup off.
"""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from ...citations import evidence_citation, paragraph_citation
from ...model import Document
from ...terminal import Text

ROLES = ("supplier", "recipient", "end_user", "items", "quantity", "origin", "via", "destination", "carrier",
         "actor", "counterpart")


def _clean(text: str) -> str:
    return " ".join(text.split())


def print_extraction(console: Console, doc: Document, result) -> None:
    console.print(Text(doc.id or "", style="bold") + Text(f" · {len(result.mentions)} mentions · "
                                                        f"{len(result.events)} events"))
    table = Table(show_header=True, header_style="bold")
    for column in ("¶", "type", "text", "key", "by"):
        table.add_column(column)
    printed = {p.index: p.number for p in doc.paragraphs}
    for m in result.mentions:
        # cells as Text: a mention is document text, never Rich markup ("[/b]" would raise)
        cells = (paragraph_citation(printed.get(m.paragraph), m.paragraph), m.type, _clean(m.text), m.key or "",
                 m.source)
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)
    print_events(console, [e.to_json() for e in result.events])


def _values(values: Any) -> str:
    if isinstance(values, list):
        return "; ".join(_clean(v.get("text", "")) for v in values) or "(none)"
    return str(values) if values is not None else "(none)"


def _event_line(event: dict[str, Any]) -> str:
    corrected = {c["role"]: c for c in event.get("corrections") or []}
    parts = []
    for role in ROLES:
        values = event.get(role) or []
        if role in corrected:  # the analyst's value, marked, with what extraction said
            parts.append(f"{role}: {_values(values)} (corrected; extracted: {_values(corrected[role]['original'])})")
        elif values:
            parts.append(f"{role}: " + _values(values))
    return " · ".join(parts)


def _review_line(event: dict[str, Any]) -> str:
    """The event's id (what 'review' takes), confidence, and review: accepted, corrected status or kind."""
    notes = [event["id"]] if event.get("id") else []
    if "confidence" in event:
        notes.append(f"confidence {event['confidence']:.2f}")
    if event.get("review"):
        notes.append(str(event["review"]))
    for c in event.get("corrections") or []:
        if c["role"] in ("status", "kind"):
            notes.append(f"{c['role']} corrected; extracted: {_values(c['original'])}")
    return " · ".join(notes)


def print_events(console: Console, events: list[dict[str, Any]]) -> None:
    for event in events:
        head = event["type"] if event["type"] == "transfer" else f"{event.get('kind')} (diplomatic action)"
        where = f"{event['document']} " if "document" in event else ""
        status = f" [{event['status']}]" if event.get("status") else ""
        date = f" {event['date']}" if event.get("date") else ""
        # markup=False past the bold head: the status, date and citation come from documents
        console.print(Text(head, style="bold"), end="", highlight=False)
        console.print(f"{status}{date} · {where}{evidence_citation(event['evidence'])}", markup=False, highlight=False)
        review = _review_line(event)
        if review:
            console.print("  " + review, markup=False, highlight=False)
        console.print("  " + _event_line(event), markup=False, highlight=False)
        console.print("  “" + _clean(event["evidence"]["text"]) + "”", markup=False, highlight=False, style="dim")


def no_events_line(event_type: str | None, parties: dict[str, Any]) -> str:
    """E.g. "no transfers with supplier DPRK (resolved to: North Korea (country:KP))"."""
    kind = {"transfer": "transfers", "diplomatic_action": "diplomatic actions",
            "diplomatic-action": "diplomatic actions"}.get(event_type or "", "events")
    named = " and ".join(f"{role} {party.name}" for role, party in parties.items())
    if not named:
        return f"no {kind} match"
    resolved = "; ".join(f"{party.name} → {party.described()}" for party in parties.values())
    return f"no {kind} with {named} (resolved to: {resolved})"


def unresolved_party_lines(unresolved: dict[str, Any]) -> list[str]:
    """One line per party name that resolves to no entity, with the nearest names."""
    lines = []
    for role, party in unresolved.items():
        line = f"--{role} {party.name!r}: no entity, alias or country code by that name"
        if party.suggestions:
            line += "; did you mean " + ", ".join(repr(s) for s in party.suggestions) + "?"
        lines.append(line)
    return lines


def print_evaluation(console: Console, report) -> None:
    data = report.to_json()
    console.print("documents: " + ", ".join(data["documents"]), markup=False)
    for title, name in (("mentions (strict: same type and span)", "mentions_strict"),
                        ("mentions (lenient: same type, overlapping span)", "mentions_lenient"),
                        ("transfer arguments", "transfer_arguments")):
        table = Table(title=title, show_header=True, header_style="bold")
        for column in ("", "tp", "fp", "fn", "precision", "recall", "F1"):
            table.add_column(column, justify="right" if column else "left")
        for key, s in data[name].items():
            table.add_row(key, str(s["tp"]), str(s["fp"]), str(s["fn"]), f"{s['precision']:.3f}",
                          f"{s['recall']:.3f}", f"{s['f1']:.3f}", style="bold" if key == "all" else None)
        console.print(table)
