"""Turning a store back into what an older ProlifWatch wrote, to test that it opens and migrates."""
from __future__ import annotations

import sqlite3


def as_schema_9(path) -> None:
    """A store as schema version 9 left it: no verdicts on xref hits (V10)."""
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE xref_decisions; PRAGMA user_version = 9;")
    db.close()


def as_schema_8(path) -> None:
    """A store as schema version 8 left it: no record of whether linking is pending (V9)."""
    as_schema_9(path)
    db = sqlite3.connect(path)
    db.executescript("DELETE FROM store_counters WHERE name = 'linking_pending'; PRAGMA user_version = 8;")
    db.close()


def as_schema_7(path) -> None:
    """A store as schema version 7 left it: no event ids, review or decisions (V8)."""
    as_schema_8(path)
    db = sqlite3.connect(path)
    db.executescript(
        "DROP VIEW live_events; DROP TABLE event_decisions; DROP INDEX events_eid;"
        " ALTER TABLE events DROP COLUMN eid; ALTER TABLE events DROP COLUMN review; PRAGMA user_version = 7;"
    )
    db.close()
