"""The whole store as JSON lines: one object per line, each with its ``kind``:
document (metadata, record and full text), missing_document (cited but not in
the collection), entity (aliases, member keys), mention, event (full record,
resolved arguments, cases), document_link, case."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from ..query import export_rows as rows


def iter_jsonl_records(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    sections: tuple[tuple[str, Callable[[sqlite3.Connection], Iterator[dict[str, Any]]]], ...] = (
        ("document", rows.iter_documents),
        ("missing_document", rows.iter_missing_documents),
        ("entity", rows.iter_entities),
        ("mention", rows.iter_mentions),
        ("event", rows.iter_events),
        ("document_link", rows.iter_document_links),
        ("case", rows.iter_cases),
    )
    for kind, iterate in sections:
        for row in iterate(db):
            yield {"kind": kind, **row}


def write_jsonl(db: sqlite3.Connection, out: TextIO, on_record: Callable[[], None] | None = None) -> dict[str, int]:
    """Write every record; return counts by kind."""
    counts: dict[str, int] = {}
    for record in iter_jsonl_records(db):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        counts[record["kind"]] = counts.get(record["kind"], 0) + 1
        if on_record:
            on_record()
    return counts
