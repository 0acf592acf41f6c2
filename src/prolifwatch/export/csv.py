"""The whole store as CSV: one file per kind, written into a folder, or into a
zip archive when the output path ends in ``.zip``.

documents.csv (metadata, no text: the JSONL export carries text; the date with
its precision, day, month or year, and its source, estimates included), entities.csv,
mentions.csv, events.csv (one row per event; arguments flattened per role as
"text [key]" joined by " | "; the full record as JSON in the last column),
links.csv (document links), cases.csv.  Where a row cites a paragraph,
``paragraph`` is its index (from 0, the store's key) and ``paragraph_number``
the number the document prints, as printed ("¶5.", "5."; empty if none): the
number is what a reader cites, so it was added without moving the columns
scripts already read by name.  Lists are joined by " | "; objects are
JSON.  UTF-8 with a header row, RFC 4180 quoting.  A text cell that a spreadsheet
would read as a formula (``=``, ``+``, ``-``, ``@`` ...) starts with an apostrophe
(``cells.py``).
"""
from __future__ import annotations

import io
import json
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from ..query import export_rows as rows
from .cells import inert_writer

ROLES = ("supplier", "recipient", "end_user", "items", "item_code", "quantity", "origin", "via",
         "destination", "carrier", "actor", "counterpart")

TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("id", "doc_kind", "date", "created_precision", "created_source", "released", "origin",
                  "classification", "caveats", "title", "tags"),
    "entities": ("id", "type", "name", "aliases", "members", "mentions", "documents", "resolved", "attributes"),
    "mentions": ("document", "paragraph", "start", "end", "type", "key", "entity", "text", "confidence", "source",
                 "paragraph_number"),
    "events": ("id", "document", "idx", "type", "event_kind", "status", "date", "confidence", "cases",
               *ROLES, "evidence", "paragraph", "paragraph_number", "record"),
    "links": ("src", "dst", "link_kind", "score", "dst_in_collection", "evidence", "description"),
    "cases": ("id", "title", "first_date", "last_date", "events", "record"),
}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " | ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _event_row(event: dict[str, Any]) -> dict[str, Any]:
    row = dict(event)
    for role in ROLES:
        row[role] = [f"{a['text']} [{a['key']}]" if a["key"] else a["text"]
                     for a in event["arguments"] if a["role"] == role]
    evidence = event["record"].get("evidence") or {}
    row["evidence"] = evidence.get("text")
    row["paragraph"], row["paragraph_number"] = evidence.get("paragraph"), evidence.get("paragraph_number")
    return row


def table_rows(db: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    if table == "documents":
        yield from rows.iter_documents(db, body=False)
    elif table == "entities":
        yield from rows.iter_entities(db)
    elif table == "mentions":
        yield from rows.iter_mentions(db)
    elif table == "events":
        yield from (_event_row(e) for e in rows.iter_events(db))
    elif table == "links":
        yield from rows.iter_document_links(db)
    elif table == "cases":
        yield from rows.iter_cases(db)


def _write_table(db: sqlite3.Connection, table: str, fh: TextIO, on_row: Callable[[], None] | None) -> int:
    columns = TABLES[table]
    writer = inert_writer(fh)
    writer.writerow(columns)
    count = 0
    for row in table_rows(db, table):
        writer.writerow([_cell(row.get(c)) for c in columns])
        count += 1
        if on_row:
            on_row()
    return count


@contextmanager
def _table_file(target: Path, name: str, archive: zipfile.ZipFile | None) -> Iterator[TextIO]:
    if archive is not None:
        info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as raw, \
                io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
            yield fh
    else:
        with open(target / name, "w", encoding="utf-8", newline="") as fh:
            yield fh


def write_csv(db: sqlite3.Connection, target: Path, on_row: Callable[[], None] | None = None) -> dict[str, int]:
    """Write the CSV files into ``target`` (a folder, created if needed, or a ``.zip``); return rows per file."""
    counts: dict[str, int] = {}
    target.parent.mkdir(parents=True, exist_ok=True)
    archive = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) if target.suffix == ".zip" else None
    if archive is None:
        target.mkdir(parents=True, exist_ok=True)
    try:
        for table in TABLES:
            with _table_file(target, f"{table}.csv", archive) as fh:
                counts[f"{table}.csv"] = _write_table(db, table, fh, on_row)
    finally:
        if archive is not None:
            archive.close()
    return counts
