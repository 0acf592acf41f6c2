"""The analyst's review of events, read: finding an event by its id, and the decisions stored."""
from __future__ import annotations

import difflib
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
