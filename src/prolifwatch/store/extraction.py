"""Writing extraction results (mentions, events) for one stored document.

The store takes them as plain JSON-ready dicts so it needs nothing from the
extraction stage: ``Extraction.to_json()`` is the contract.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any


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
    db.execute("INSERT OR REPLACE INTO extractions (pk, extractor) VALUES (?, ?)", (pk, extractor))
    db.executemany(
        'INSERT INTO mentions (pk, paragraph, start, "end", type, key, text, confidence, source, attributes)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (pk, m["paragraph"], m["start"], m["end"], m["type"], m.get("key"), m["text"], m["confidence"],
             m["source"], json.dumps(m["attributes"]) if m.get("attributes") else None)
            for m in extraction.get("mentions", [])
        ],
    )
    for idx, event in enumerate(extraction.get("events", [])):
        evidence = event["evidence"]
        cursor = db.execute(
            'INSERT INTO events (pk, idx, type, kind, status, date, confidence, paragraph, start, "end", record)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pk, idx, event["type"], event.get("kind"), event.get("status"), event.get("date"),
             event.get("confidence", 0.5), evidence["paragraph"], evidence["start"], evidence["end"],
             json.dumps(event, ensure_ascii=False)),
        )
        db.executemany(
            "INSERT INTO event_arguments (event_pk, role, key, text) VALUES (?, ?, ?, ?)",
            list(_argument_rows(cursor.lastrowid, event)),
        )


def _argument_rows(event_pk: int, event: dict[str, Any]):
    for role, values in event.items():
        if not isinstance(values, list):
            continue
        for value in values:
            yield event_pk, role, value.get("key"), value.get("text", "")
            key = value.get("key") or ""
            if role == "items" and key.startswith("item:"):
                yield event_pk, "item_code", key.removeprefix("item:"), value.get("text", "")
