"""Turning a store back into what an older ProlifWatch wrote, to test that it opens and migrates."""
from __future__ import annotations

import sqlite3


def as_schema_7(path) -> None:
    """A store as schema version 7 left it: no event ids, review or decisions (V8)."""
    db = sqlite3.connect(path)
    db.executescript(
        "DROP VIEW live_events; DROP TABLE event_decisions; DROP INDEX events_eid;"
        " ALTER TABLE events DROP COLUMN eid; ALTER TABLE events DROP COLUMN review; PRAGMA user_version = 7;"
    )
    db.close()
