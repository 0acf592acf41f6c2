"""The analyst's review of events, read: finding an event by its id, and the decisions stored."""
from __future__ import annotations

import difflib
import json
from typing import Any

from ..store.event_decisions import event_row


def normalise_event_ref(ref: str) -> str:
    """An event id as typed: case and spaces ignored, the ``ev-`` prefix optional."""
    ref = ref.strip()
    if "#" in ref:
        return ref
    ref = ref.lower()
    return ref if ref.startswith("ev-") else f"ev-{ref}"


def find_event(store, ref: str) -> dict[str, Any] | None:
    """A stored event (rejected ones too) by its id (``ev-…`` as ``events`` shows it) or, as
    exports name events, ``DOCUMENT#INDEX``."""
    ref = normalise_event_ref(ref)
    if "#" in ref:
        document, _, idx = ref.rpartition("#")
        if not idx.isdigit():
            return None
        return event_row(store.db, "d.id = ? AND e.idx = ?", (document, int(idx)))
    return event_row(store.db, "e.eid = ?", (ref,))


def similar_event_ids(store, ref: str, count: int = 3) -> list[str]:
    """Stored event ids close to a mistyped one (those sharing its first hex digits, then by similarity)."""
    ref = normalise_event_ref(ref)
    if "#" in ref:
        return []
    head = ref[:5]  # "ev-" and two digits: a range of the index, not a scan of every event
    candidates = [e for (e,) in store.db.execute(
        "SELECT eid FROM events WHERE eid >= ? AND eid < ? LIMIT 5000", (head, head + "\uffff"))]
    return difflib.get_close_matches(ref, candidates, n=count, cutoff=0.6)


def list_decisions(store) -> list[dict[str, Any]]:
    """Every decision, oldest first: who, when, what, on which event, and whether that event is
    in the store now (``matched``; a decision whose event re-extraction no longer finds is kept)."""
    rows = store.db.execute(
        'SELECT x.id, x.event_id, x.document, x.paragraph, x.start, x."end", x.type, x.action, x.role, x.value,'
        " x.user, x.created_at, e.record, p.number FROM event_decisions x"
        " LEFT JOIN events e ON e.eid = x.event_id"
        " LEFT JOIN documents d ON d.id = x.document LEFT JOIN paragraphs p ON p.pk = d.pk AND p.idx = x.paragraph"
        " ORDER BY x.id"
    ).fetchall()
    found = []
    for (id_, eid, document, paragraph, start, end, type_, action, role, value, user, created_at, record,
         number) in rows:
        event = json.loads(record) if record else None
        original = next((c["original"] for c in (event or {}).get("corrections", []) if c["decision"] == id_), None)
        found.append({
            "id": id_, "event": eid, "action": action, "role": role,
            "value": json.loads(value) if value is not None else None, "original": original,
            "user": user, "created_at": created_at, "matched": event is not None,
            "document": document, "paragraph": paragraph, "paragraph_number": number, "start": start, "end": end,
            "type": type_, "evidence": " ".join(((event or {}).get("evidence") or {}).get("text", "").split()),
        })
    return found
