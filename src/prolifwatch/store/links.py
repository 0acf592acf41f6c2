"""Document links in the store: rebuilt from cable references and article descriptions."""
from __future__ import annotations

import sqlite3
from typing import Any


def rebuild_document_links(db: sqlite3.Connection) -> dict[str, Any]:
    """Replace document_links; return counts."""
    return {}
