"""Entities in the store: rebuilt from mentions and the analyst's judgements.

``rebuild_entities`` reads every keyed mention once (in row order, so a
document's mentions come together and distinct documents per key are counted
without a sort), hands plain :class:`KeyRecord` s to the pure resolver and
replaces ``entities`` and ``entity_members`` whole.  Judgements live in their
own table, which neither re-ingest nor a rebuild touches: they are the
analyst's, and every rebuild honours them.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from ..knowledge.load import default_knowledge
from ..resolve.entities import Cluster, Judgement, KeyRecord, resolve_entities

POSITIVE = "positive"  # nomenklatura's Judgement.POSITIVE / NEGATIVE values
NEGATIVE = "negative"
NOT_ENTITIES = ("Quantity", "Date")  # mention types that name no actor or thing
_CHUNK = 500  # keys per IN (...) query


def read_key_records(db: sqlite3.Connection) -> list[KeyRecord]:
    records: dict[str, KeyRecord] = {}
    types: dict[str, Counter] = {}
    last_pk: dict[str, int] = {}
    # Documents are counted by a change of pk per key, so a document's mentions must come
    # together: in row order, whatever index the planner might otherwise choose.
    rows = db.execute("SELECT pk, key, type, text FROM mentions WHERE key IS NOT NULL AND type NOT IN (?, ?) "
                      "ORDER BY rowid", NOT_ENTITIES)
    for pk, key, type_, text in rows:
        record = records.get(key)
        if record is None:
            record = records[key] = KeyRecord(key, type_)
            types[key] = Counter()
        types[key][type_] += 1
        record.forms[text] += 1
        record.mentions += 1
        if last_pk.get(key) != pk:
            last_pk[key] = pk
            record.documents += 1
    # Keys, and ties between a key's types, in a fixed order rather than the order
    # the mentions were stored in: linking gives the same entities whatever order
    # the documents came in (a store completed after a crash, an ingest in another order).
    for key, record in records.items():
        record.type = min(types[key].items(), key=lambda item: (-item[1], item[0]))[0]
    return [records[key] for key in sorted(records)]


def read_judgements(db: sqlite3.Connection) -> list[Judgement]:
    return [Judgement(left, right, judgement == POSITIVE)
            for left, right, judgement in db.execute("SELECT left_key, right_key, judgement FROM judgements")]


def _documents_of(db: sqlite3.Connection):
    # The same big cluster is asked about for every short form that may belong to it.
    @lru_cache(maxsize=4096)
    def cached(keys: tuple[str, ...]) -> frozenset[int]:
        found: set[int] = set()
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(pk for (pk,) in db.execute(f"SELECT DISTINCT pk FROM mentions WHERE key IN ({marks})", chunk))
        return frozenset(found)

    def documents_of(keys: Sequence[str]) -> set[int]:
        return cached(tuple(sorted(keys)))  # type: ignore[return-value]  (read-only by the resolver)

    return documents_of


def write_clusters(db: sqlite3.Connection, clusters: list[Cluster]) -> None:
    db.execute("DELETE FROM entity_members")
    db.execute("DELETE FROM entities")
    db.executemany(
        "INSERT INTO entities (id, type, name, aliases, attributes, mentions, documents) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((c.id, c.type, c.name, json.dumps(c.aliases, ensure_ascii=False),
          json.dumps(c.attributes, ensure_ascii=False, sort_keys=True), c.mentions, c.documents) for c in clusters),
    )
    db.executemany(
        "INSERT INTO entity_members (key, entity_id, score, reason) VALUES (?, ?, ?, ?)",
        ((m.key, c.id, round(m.score, 3), m.reason) for c in clusters for m in c.members),
    )
    # A document naming two members counts once: recount the entities that have several.
    db.execute(
        """
        UPDATE entities SET documents = (
            SELECT COUNT(DISTINCT m.pk) FROM entity_members em JOIN mentions m ON m.key = em.key
            WHERE em.entity_id = entities.id)
        WHERE id IN (SELECT entity_id FROM entity_members GROUP BY entity_id HAVING COUNT(*) > 1)
        """
    )


def rebuild_entities(db: sqlite3.Connection, timings: dict[str, float] | None = None) -> dict[str, Any]:
    """Replace entities and entity_members from mentions and judgements; return counts.
    ``timings``, when given, receives the seconds spent reading, clustering and writing."""
    knowledge = default_knowledge()  # loaded once per process
    clock = time.perf_counter()
    records = read_key_records(db)
    judgements = read_judgements(db)
    read = time.perf_counter()
    clusters = resolve_entities(records, knowledge, judgements, _documents_of(db))
    clustered = time.perf_counter()
    write_clusters(db, clusters)
    if timings is not None:
        timings.update(read=read - clock, cluster=clustered - read, write=time.perf_counter() - clustered)
    members = sum(len(c.members) for c in clusters)
    return {"keys": len(records), "entities": len(clusters), "merged keys": members - len(clusters),
            "judgements": len(judgements)}


# --- the analyst's judgements -------------------------------------------------------------

def add_judgement(db: sqlite3.Connection, a: str, b: str, positive: bool, user: str = "analyst") -> dict[str, str]:
    """Store (or replace) the judgement that keys ``a`` and ``b`` are / are not the same actor."""
    if a == b:
        raise ValueError(f"cannot judge {a} against itself")
    left, right = sorted((a, b))
    row = {"left_key": left, "right_key": right, "judgement": POSITIVE if positive else NEGATIVE,
           "user": user, "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    db.execute(
        "INSERT OR REPLACE INTO judgements (left_key, right_key, judgement, user, created_at) "
        "VALUES (:left_key, :right_key, :judgement, :user, :created_at)", row,
    )
    return row


def remove_judgement(db: sqlite3.Connection, a: str, b: str) -> bool:
    left, right = sorted((a, b))
    cursor = db.execute("DELETE FROM judgements WHERE left_key = ? AND right_key = ?", (left, right))
    return cursor.rowcount > 0
