"""Cases in the store: transfers reported by several documents, merged.

Reads transfer events and the diplomatic actions that point at them, maps
every argument key to its entity id through ``entity_members`` (a key with no
member row stands for itself, so this works before or without entity
resolution), lets ``resolve.cases`` group them, and replaces ``cases`` and
``case_events``.  The caller (``pipeline.resolve_store``) holds the transaction.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..resolve.cases import ActionInput, TransferInput, build_cases

# Document links that make two documents' transfers likelier to be one shipment.
_LINK_KINDS = ("cites", "describes", "names", "answers")


def _map_keys(record: dict[str, Any], members: dict[str, str]) -> dict[str, Any]:
    """The event with each argument's key replaced by its entity id; the mention key stays as ``raw_key``."""
    for value in record.values():
        if not isinstance(value, list):
            continue
        for argument in value:
            if isinstance(argument, dict) and argument.get("key"):
                argument["raw_key"] = argument["key"]
                argument["key"] = members.get(argument["key"], argument["key"])
    return record


# live_events: an event the analyst rejected is in no case; a corrected one has its corrections in its record.
_EVENTS_SQL = "SELECT e.event_pk, d.id, d.date, e.idx, e.record FROM live_events e JOIN documents d ON d.pk = e.pk "


def load_inputs(db: sqlite3.Connection) -> tuple[list[TransferInput], list[ActionInput], list[tuple[str, str]],
                                                 dict[str, str]]:
    """Transfers, actions pointing at a transfer, document links and entity names, from the store."""
    members = dict(db.execute("SELECT key, entity_id FROM entity_members"))
    names = dict(db.execute("SELECT id, name FROM entities"))
    transfers = [
        TransferInput(event_pk, doc, doc_date, idx, _map_keys(json.loads(record), members))
        for event_pk, doc, doc_date, idx, record in db.execute(
            _EVENTS_SQL + "WHERE e.type = 'transfer' ORDER BY d.id, e.idx")
    ]
    actions = []
    for event_pk, doc, doc_date, idx, record in db.execute(
        _EVENTS_SQL + "WHERE e.type = 'diplomatic_action' AND json_extract(e.record, '$.transfer') IS NOT NULL "
        "ORDER BY d.id, e.idx"
    ):
        parsed = _map_keys(json.loads(record), members)
        actions.append(ActionInput(event_pk, doc, doc_date, idx, int(parsed["transfer"]), parsed))
    marks = ",".join("?" * len(_LINK_KINDS))
    links = list(db.execute(f"SELECT src, dst FROM document_links WHERE kind IN ({marks})", _LINK_KINDS))
    return transfers, actions, links, names


def rebuild_cases(db: sqlite3.Connection) -> dict[str, Any]:
    """Replace cases and case_events; return counts (transfers, cases, multi-document cases, conflicts ...)."""
    transfers, actions, links, names = load_inputs(db)
    cases, counts = build_cases(transfers, actions, links=links, names=names)
    db.execute("DELETE FROM case_events")
    db.execute("DELETE FROM cases")
    db.executemany(
        "INSERT INTO cases (id, title, first_date, last_date, record) VALUES (?, ?, ?, ?, ?)",
        [(c.id, c.title, c.first_date, c.last_date, json.dumps(c.record, ensure_ascii=False)) for c in cases],
    )
    db.executemany(
        "INSERT OR IGNORE INTO case_events (case_id, event_pk) VALUES (?, ?)",
        [(c.id, pk) for c in cases for pk in c.event_pks],
    )
    return counts
