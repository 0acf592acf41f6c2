"""Writing extraction results (mentions, events) for one stored document.

The store takes them as plain JSON-ready dicts so it needs nothing from the
extraction stage: ``Extraction.to_json()`` is the contract.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from .event_decisions import event_ids, reapply_document


def has_extraction(db: sqlite3.Connection, pk: int) -> bool:
    return db.execute("SELECT 1 FROM extractions WHERE pk = ?", (pk,)).fetchone() is not None


def clear_extraction(db: sqlite3.Connection, pk: int) -> None:
    """Forget a document's mentions and events (its text changed under them)."""
    db.execute("DELETE FROM mentions WHERE pk = ?", (pk,))
    db.execute(
        "DELETE FROM event_arguments WHERE event_pk IN (SELECT event_pk FROM events WHERE pk = ?)", (pk,)
    )
    db.execute("DELETE FROM events WHERE pk = ?", (pk,))
    db.execute("DELETE FROM extractions WHERE pk = ?", (pk,))


def replace_extraction(db: sqlite3.Connection, pk: int, extraction: dict[str, Any], extractor: str) -> None:
    """Drop what the document had and write ``extraction`` in its place."""
    clear_extraction(db, pk)
    write_extraction(db, pk, extraction, extractor)


# One encoder each instead of json.dumps, which builds a new encoder whenever
# it is given options (tens of calls a document in a bulk load).
_encode_ascii = json.JSONEncoder().encode
_encode_unicode = json.JSONEncoder(ensure_ascii=False).encode


def write_extraction(db: sqlite3.Connection, pk: int, extraction: dict[str, Any], extractor: str) -> None:
    """Write ``extraction`` for a document that has none (one just inserted)."""
    db.execute("INSERT OR REPLACE INTO extractions (pk, extractor) VALUES (?, ?)", (pk, extractor))
    db.executemany(
        'INSERT INTO mentions (pk, paragraph, start, "end", type, key, text, confidence, source, attributes)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (pk, m["paragraph"], m["start"], m["end"], m["type"], m.get("key"), m["text"], m["confidence"],
             m["source"], _encode_ascii(m["attributes"]) if m.get("attributes") else None)
            for m in extraction.get("mentions", [])
        ],
    )
    events = extraction.get("events", [])
    if not events:
        return
    # The event keys are given rather than read back one insert at a time; they
    # are the ones SQLite would have chosen (the largest so far, plus one).
    first = db.execute("SELECT COALESCE(MAX(event_pk), 0) + 1 FROM events").fetchone()[0]
    document = db.execute("SELECT id FROM documents WHERE pk = ?", (pk,)).fetchone()[0]
    event_rows, argument_rows = [], []
    for idx, (event, eid) in enumerate(zip(events, event_ids(document, events))):
        evidence = event["evidence"]
        event_rows.append(
            (first + idx, pk, idx, event["type"], event.get("kind"), event.get("status"), event.get("date"),
             event.get("confidence", 0.5), evidence["paragraph"], evidence["start"], evidence["end"],
             _encode_unicode(event), eid)
        )
        argument_rows += _argument_rows(first + idx, event)
    db.executemany(
        'INSERT INTO events (event_pk, pk, idx, type, kind, status, date, confidence, paragraph, start, "end", record,'
        " eid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        event_rows,
    )
    db.executemany("INSERT INTO event_arguments (event_pk, role, key, text) VALUES (?, ?, ?, ?)", argument_rows)
    # the analyst's decisions outlive re-extraction: applied again to the events just written
    reapply_document(db, pk)


def _argument_rows(event_pk: int, event: dict[str, Any]):
    for role, values in event.items():
        if not isinstance(values, list) or role == "corrections":
            continue
        for value in values:
            yield event_pk, role, value.get("key"), value.get("text", "")
            key = value.get("key") or ""
            if role == "items" and key.startswith("item:"):
                yield event_pk, "item_code", key.removeprefix("item:"), value.get("text", "")
