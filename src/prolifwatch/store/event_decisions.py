"""The analyst's decisions on events, as stored: event ids, decision rows, and
applying them to the events extraction wrote.

An event's id (``events.eid``) is a short hash of what re-extraction gives
again: the document id, the evidence's paragraph index and character span, the
event type, and -- only for events sharing all of those -- their order in the
document.  A decision names its event by that id, so it finds the event again
after re-ingest or re-extraction: every extraction write calls
``reapply_document``.

Applying an event's decisions starts from the record as extracted (what
earlier corrections replaced is kept in the record's ``corrections``), puts
each corrected value in place with the original beside it, sets ``review``
(accepted, rejected), and rewrites the event's arguments: a rejected event
keeps none, so readers going through arguments skip it; readers of events read
the ``live_events`` view.  The callers hold the transaction.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Sequence

VERDICTS = {"accept": "accepted", "reject": "rejected"}


def event_id(document: str, paragraph: int, start: int, end: int, type: str, ordinal: int = 0) -> str:
    """``ev-`` and 12 hex digits of the event's document, evidence paragraph and span, and type."""
    raw = f"{document}\x1f{paragraph}\x1f{start}\x1f{end}\x1f{type}" + (f"\x1f{ordinal}" if ordinal else "")
    return "ev-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def event_ids(document: str, events: Sequence[dict[str, Any]]) -> list[str]:
    """The ids of a document's events, in order (as the V8 migration computes them for older stores)."""
    seen: Counter = Counter()
    ids = []
    for event in events:
        evidence = event["evidence"]
        key = (evidence["paragraph"], evidence["start"], evidence["end"], event["type"])
        ids.append(event_id(document, *key, seen[key]))
        seen[key] += 1
    return ids


def register_functions(db: sqlite3.Connection) -> None:
    """SQL functions the migrations use (``prolifwatch_event_id``)."""
    db.create_function("prolifwatch_event_id", 6, event_id, deterministic=True)


_EVENT_COLUMNS = 'e.event_pk, e.eid, d.id, e.paragraph, e.start, e."end", e.type, e.review, e.record'


def event_row(db: sqlite3.Connection, where: str, params: Sequence[Any]) -> dict[str, Any] | None:
    """One stored event (rejected ones too) as the decision functions take it."""
    row = db.execute(f"SELECT {_EVENT_COLUMNS} FROM events e JOIN documents d ON d.pk = e.pk WHERE {where} LIMIT 1",
                     params).fetchone()
    if row is None:
        return None
    event_pk, eid, document, paragraph, start, end, type_, review, record = row
    return {"event_pk": event_pk, "id": eid, "document": document, "paragraph": paragraph, "start": start,
            "end": end, "type": type_, "review": review, "record": json.loads(record)}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _insert(db: sqlite3.Connection, event: dict[str, Any], action: str, role: str | None, value: Any,
            user: str) -> dict[str, Any]:
    row = {"event_id": event["id"], "document": event["document"], "paragraph": event["paragraph"],
           "start": event["start"], "end": event["end"], "type": event["type"], "action": action, "role": role,
           "value": None if value is None else json.dumps(value, ensure_ascii=False), "user": user,
           "created_at": _now()}
    cursor = db.execute(
        'INSERT INTO event_decisions (event_id, document, paragraph, start, "end", type, action, role, value, user,'
        " created_at) VALUES (:event_id, :document, :paragraph, :start, :end, :type, :action, :role, :value, :user,"
        " :created_at)", row,
    )
    return {"id": cursor.lastrowid, **row, "value": value}


def add_verdict(db: sqlite3.Connection, event: dict[str, Any], action: str, user: str) -> dict[str, Any]:
    """Store accept or reject for ``event`` (replacing the other verdict) and apply it."""
    db.execute("DELETE FROM event_decisions WHERE event_id = ? AND action IN ('accept', 'reject')", (event["id"],))
    row = _insert(db, event, action, None, None, user)
    reapply(db, event["event_pk"])
    return row


def add_correction(db: sqlite3.Connection, event: dict[str, Any], role: str, value: Any,
                   user: str) -> dict[str, Any]:
    """Store that ``role`` of ``event`` is ``value`` (replacing an earlier correction of it) and apply it."""
    db.execute("DELETE FROM event_decisions WHERE event_id = ? AND action = 'correct' AND role = ?",
               (event["id"], role))
    row = _insert(db, event, "correct", role, value, user)
    reapply(db, event["event_pk"])
    return row


def remove_decision(db: sqlite3.Connection, decision_id: int) -> dict[str, Any] | None:
    """Drop a decision and undo its effect on its event (if the event is stored); the row removed, or None."""
    row = db.execute("SELECT id, event_id, action, role FROM event_decisions WHERE id = ?", (decision_id,)).fetchone()
    if row is None:
        return None
    db.execute("DELETE FROM event_decisions WHERE id = ?", (decision_id,))
    for (event_pk,) in db.execute("SELECT event_pk FROM events WHERE eid = ?", (row[1],)).fetchall():
        reapply(db, event_pk)
    return {"id": row[0], "event_id": row[1], "action": row[2], "role": row[3]}


def as_extracted(record: dict[str, Any]) -> dict[str, Any]:
    """The record as extraction wrote it: corrected values back to their originals, no review."""
    for correction in reversed(record.pop("corrections", None) or []):
        record[correction["role"]] = correction["original"]
    record.pop("review", None)
    return record


def reapply(db: sqlite3.Connection, event_pk: int) -> None:
    """Put the event back as extracted, then apply its decisions (oldest first)."""
    from .extraction import _argument_rows, _encode_unicode

    eid, record = db.execute("SELECT eid, record FROM events WHERE event_pk = ?", (event_pk,)).fetchone()
    record = as_extracted(json.loads(record))
    review, corrections = None, []
    for id_, action, role, value, user, created_at in db.execute(
        "SELECT id, action, role, value, user, created_at FROM event_decisions WHERE event_id = ? ORDER BY id", (eid,)
    ):
        if action == "correct":
            corrected = json.loads(value)
            corrections.append({"role": role, "value": corrected, "original": record.get(role), "decision": id_,
                                "user": user, "created_at": created_at})
            record[role] = corrected
        else:
            review = VERDICTS[action]
    if corrections:
        record["corrections"] = corrections
    if review:
        record["review"] = review
    db.execute("UPDATE events SET record = ?, status = ?, kind = ?, review = ? WHERE event_pk = ?",
               (_encode_unicode(record), record.get("status"), record.get("kind"), review, event_pk))
    db.execute("DELETE FROM event_arguments WHERE event_pk = ?", (event_pk,))
    if review != "rejected":
        db.executemany("INSERT INTO event_arguments (event_pk, role, key, text) VALUES (?, ?, ?, ?)",
                       list(_argument_rows(event_pk, record)))


def reapply_document(db: sqlite3.Connection, pk: int) -> int:
    """Apply the stored decisions to a document's events (just written); how many events had some."""
    event_pks = [e for (e,) in db.execute(
        "SELECT DISTINCT e.event_pk FROM events e JOIN event_decisions x ON x.event_id = e.eid WHERE e.pk = ?", (pk,))]
    for event_pk in event_pks:
        reapply(db, event_pk)
    return len(event_pks)
