"""Sanctions lists and screening hits in the store.

Like ``extraction.py`` this module takes and returns plain JSON-ready data,
so the store needs nothing from the knowledge or screening stages.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any


def replace_list(db: sqlite3.Connection, *, name: str, format: str, path: str, sha256: str, as_of: str | None,
                 entries: Iterable[dict[str, Any]]) -> int:
    """Store a list edition in one transaction, replacing any list of the same name; returns its entry count."""
    rows = [(e["id"], e["type"], e["names"][0]["text"] if e["names"] else e["id"], json.dumps(e, ensure_ascii=False))
            for e in entries]
    loaded_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM lists WHERE name = ?", (name,))
        cursor = db.execute(
            "INSERT INTO lists (name, format, path, sha256, as_of, loaded_at, entries) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, format, path, sha256, as_of, loaded_at, len(rows)),
        )
        db.executemany(
            "INSERT OR REPLACE INTO list_entries (list_pk, id, type, caption, record) VALUES (?, ?, ?, ?, ?)",
            [(cursor.lastrowid, *row) for row in rows],
        )
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return len(rows)


def lists_summary(db: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT name, format, path, sha256, as_of, loaded_at, entries FROM lists ORDER BY name").fetchall()
    keys = ("name", "format", "path", "sha256", "as_of", "loaded_at", "entries")
    return [dict(zip(keys, row)) for row in rows]


def lists_signature(db: sqlite3.Connection) -> str:
    """Names and checksums of the loaded editions: changes whenever a list is (re)loaded or dropped."""
    return ";".join(f"{name}@{sha[:16]}" for name, sha in db.execute("SELECT name, sha256 FROM lists ORDER BY name"))


def iter_list_entries(db: sqlite3.Connection) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
    """(list name, list as-of date, entry JSON) for every loaded entry."""
    for name, as_of, record in db.execute(
        "SELECT l.name, l.as_of, e.record FROM list_entries e JOIN lists l USING (list_pk) ORDER BY l.name, e.id"
    ):
        yield name, as_of, json.loads(record)


def screened_entities(db: sqlite3.Connection, signature: str) -> set[tuple[str, str]]:
    rows = db.execute("SELECT entity_type, entity_key FROM xref_done WHERE lists = ?", (signature,))
    return {(t, k) for t, k in rows}


def save_entity_hits(db: sqlite3.Connection, entity_type: str, entity_key: str, entity_name: str,
                     hits: Iterable[dict[str, Any]], signature: str) -> None:
    """Replace an entity's hits and mark it screened against ``signature`` (one transaction).  The
    analyst's verdicts apply: a dismissed hit is not saved, a confirmed one carries ``review``."""
    db.execute("BEGIN IMMEDIATE")
    try:
        verdicts = _verdicts(db, entity_type, entity_key)
        hits = [{**h, "review": verdicts.get((h["list"], h["entry_id"]))} for h in hits
                if verdicts.get((h["list"], h["entry_id"])) != DISMISSED]
        db.execute("DELETE FROM screening_hits WHERE entity_type = ? AND entity_key = ?", (entity_type, entity_key))
        db.executemany(
            "INSERT OR REPLACE INTO screening_hits (entity_type, entity_key, entity_name, list_name, entry_id, score,"
            " record) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(entity_type, entity_key, entity_name, h["list"], h["entry_id"], h["score"],
              json.dumps(h, ensure_ascii=False)) for h in hits],
        )
        db.execute("INSERT OR REPLACE INTO xref_done (entity_type, entity_key, lists) VALUES (?, ?, ?)",
                   (entity_type, entity_key, signature))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def entity_hits(db: sqlite3.Connection, entity_key: str | None = None) -> list[dict[str, Any]]:
    """Stored hits, best first: of one entity (by key) or of all."""
    sql = "SELECT entity_type, entity_key, entity_name, record FROM screening_hits"
    params: tuple = ()
    if entity_key:
        sql += " WHERE entity_key = ?"
        params = (entity_key,)
    rows = db.execute(sql + " ORDER BY score DESC, entity_key, list_name, entry_id", params).fetchall()
    return [{"entity_type": t, "entity_key": k, "entity_name": n, **json.loads(r)} for t, k, n, r in rows]


# --- the analyst's verdicts on hits ------------------------------------------------------------

CONFIRMED, DISMISSED = "confirmed", "dismissed"


def _verdicts(db: sqlite3.Connection, entity_type: str, entity_key: str) -> dict[tuple[str, str], str]:
    rows = db.execute("SELECT list_name, entry_id, verdict FROM xref_decisions WHERE entity_type = ? AND entity_key = ?",
                      (entity_type, entity_key))
    return {(list_name, entry_id): verdict for list_name, entry_id, verdict in rows}


def decide_hit(db: sqlite3.Connection, *, entity_type: str, entity_key: str, list_name: str, entry_id: str,
               verdict: str, user: str, note: str | None = None) -> None:
    """Record a verdict (replacing an earlier one) and apply it to the stored hit at once: a dismissed hit
    leaves screening_hits; a confirmed one is marked, or, when it was dismissed before, its entity is
    screened again by the next xref."""
    if verdict not in (CONFIRMED, DISMISSED):
        raise ValueError(f"verdict must be {CONFIRMED} or {DISMISSED}")
    decided_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    hit = (entity_type, entity_key, list_name, entry_id)
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("INSERT OR REPLACE INTO xref_decisions (entity_type, entity_key, list_name, entry_id, verdict, note,"
                   " user, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*hit, verdict, note, user, decided_at))
        where = "entity_type = ? AND entity_key = ? AND list_name = ? AND entry_id = ?"
        if verdict == DISMISSED:
            db.execute(f"DELETE FROM screening_hits WHERE {where}", hit)
        else:
            row = db.execute(f"SELECT record FROM screening_hits WHERE {where}", hit).fetchone()
            if row:
                record = {**json.loads(row[0]), "review": CONFIRMED}
                db.execute(f"UPDATE screening_hits SET record = ? WHERE {where}",
                           (json.dumps(record, ensure_ascii=False), *hit))
            else:
                db.execute("DELETE FROM xref_done WHERE entity_type = ? AND entity_key = ?", hit[:2])
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def hit_decisions(db: sqlite3.Connection) -> list[dict[str, Any]]:
    keys = ("entity_type", "entity_key", "list", "entry_id", "verdict", "note", "user", "decided_at")
    rows = db.execute("SELECT entity_type, entity_key, list_name, entry_id, verdict, note, user, decided_at "
                      "FROM xref_decisions ORDER BY decided_at, entity_key")
    return [dict(zip(keys, row)) for row in rows]


def mention_evidence(db: sqlite3.Connection, entity_type: str, entity_key: str, *,
                     limit: int = 20) -> dict[str, Any]:
    """What a stored entity rests on: its surface forms with their counts, and the documents naming it
    (first ``limit`` by id) with their total."""
    where = "m.type = ? AND COALESCE(m.key, m.text) = ?"
    forms = db.execute(f"SELECT m.text, COUNT(*) FROM mentions m WHERE {where} GROUP BY m.text "
                       "ORDER BY COUNT(*) DESC, m.text LIMIT ?", (entity_type, entity_key, limit)).fetchall()
    documents = [doc for (doc,) in db.execute(
        f"SELECT DISTINCT d.id FROM mentions m JOIN documents d ON d.pk = m.pk WHERE {where} ORDER BY d.id LIMIT ?",
        (entity_type, entity_key, limit))]
    (total,) = db.execute(f"SELECT COUNT(DISTINCT m.pk) FROM mentions m WHERE {where}",
                          (entity_type, entity_key)).fetchone()
    return {"mentions": [{"text": text, "count": count} for text, count in forms], "documents": documents,
            "document_count": total}
