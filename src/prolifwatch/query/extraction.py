"""Events over the store: what extraction found, filtered (entities: query/entity_page.py)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..citations import with_paragraph_number
from .parties import PartyResolution, argument_match_sql, resolve_party

# Filter options naming a party, and the argument role each matches.
PARTY_FILTERS = ("supplier", "recipient", "actor", "counterpart")


@dataclass
class EventsAnswer:
    """Events found, and what each party filter resolved to (for saying why none were found)."""
    events: list[dict[str, Any]]
    parties: dict[str, PartyResolution] = field(default_factory=dict)

    @property
    def unresolved(self) -> dict[str, PartyResolution]:
        return {role: party for role, party in self.parties.items() if not party.resolved}


def list_events(store, **filters: Any) -> list[dict[str, Any]]:
    """``find_events``' events alone (a party that resolves to nothing matches nothing)."""
    return find_events(store, **filters).events


def find_events(
    store,
    *,
    type: str | None = None,
    supplier: str | None = None,
    recipient: str | None = None,
    actor: str | None = None,
    counterpart: str | None = None,
    item_code: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    sort: str = "confidence",
    limit: int = 50,
) -> EventsAnswer:
    """Events as the analyst's review leaves them (rejected ones out, corrections in),
    most confident first (an accepted event counts as 1.0), or with ``sort="date"``
    newest document first.  Party filters are resolved to entities (``resolve_party``:
    aliases, ids, country codes; never substrings) and match an argument standing for
    one of them; ``item_code`` matches a control-list code with or without its regime
    (``3.B.3``).  A party that resolves to nothing gives no events and is reported in
    ``unresolved``."""
    if sort not in EVENT_SORTS:
        raise ValueError(f"sort must be one of {', '.join(EVENT_SORTS)}")
    where, params = [], []
    if min_confidence is not None:
        where.append("e.ranked_confidence >= ?")
        params.append(min_confidence)
    if type:
        where.append("e.type = ?")
        params.append(type.replace("-", "_"))
    if status:
        where.append("e.status = ?")
        params.append(status)
    if since:
        where.append("COALESCE(NULLIF(substr(e.date, 1, 10), ''), d.date) >= ?")
        params.append(since)
    if until:
        where.append("substr(COALESCE(e.date, d.date), 1, 10) <= ?")
        params.append(until)
    named = {"supplier": supplier, "recipient": recipient, "actor": actor, "counterpart": counterpart}
    parties = {role: resolve_party(store, value) for role, value in named.items() if value}
    if any(not party.resolved for party in parties.values()):
        return EventsAnswer([], parties)
    for role, party in parties.items():
        sql, values = argument_match_sql(role, party)
        where.append(sql)
        params += values
    if item_code:
        where.append(
            "EXISTS (SELECT 1 FROM event_arguments a WHERE a.event_pk = e.event_pk AND a.role = 'item_code' "
            "AND (a.key = ? OR a.key LIKE ?))"
        )
        params += [item_code, f"% {item_code}"]
    # The paragraph's number comes from the paragraphs table, not the record: records
    # stored before evidence carried it have none, and the table follows the latest parse.
    sql = (
        "SELECT e.eid, d.id, d.date, e.record, p.number FROM live_events e JOIN documents d ON d.pk = e.pk"
        " LEFT JOIN paragraphs p ON p.pk = e.pk AND p.idx = e.paragraph"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {EVENT_SORTS[sort]} LIMIT ?"
    )
    rows = store.db.execute(sql, (*params, limit)).fetchall()
    return EventsAnswer([_with_number({"id": eid, "document": doc_id, "document_date": date,
                                       **reviewed(json.loads(record))}, number)
                         for eid, doc_id, date, record, number in rows], parties)


EVENT_SORTS = {
    "confidence": "e.ranked_confidence DESC, d.date DESC, d.id, e.idx",
    "date": "d.date DESC, d.id, e.idx",
}


def reviewed(record: dict[str, Any]) -> dict[str, Any]:
    """An event record with its review fields always there: ``review`` (accepted, or None)
    and ``corrections`` (each: role, corrected value, original, decision id)."""
    record.setdefault("review", None)
    record.setdefault("corrections", [])
    return record


def _with_number(event: dict[str, Any], number: str | None) -> dict[str, Any]:
    event["evidence"] = with_paragraph_number(event.get("evidence") or {}, number)
    return event
