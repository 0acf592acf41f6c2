"""Entities in the store: rebuilt from mentions and the analyst's judgements."""
from __future__ import annotations

import sqlite3
from typing import Any


def rebuild_entities(db: sqlite3.Connection) -> dict[str, Any]:
    """Replace entities and entity_members from mentions and judgements; return counts."""
    return {}
