"""What each source of a document said, when several sources give one document.

The store keeps one record per document, the preferred one (``preference.py``).
When a second file or layout gives the same document, the record that loses
is kept here as a *version*: the sha256 of its text, its header fields and its
paragraphs (number and text), as JSON in ``sources.version`` (schema V7), on
the row of the source it was read from.  A version whose text is the kept
record's text leaves its paragraphs out (they are the kept record's).  The kept record's own source has
``version`` NULL: the documents row is that version.  A document read from one
file therefore stores nothing more; the kept record's text hash is the hash of
``documents.body``, computed when asked for.

Every write here runs inside the caller's document transaction (``put``), so a
document and the versions of its sources are stored together or not at all.
Both ways of building a version (from the rows of a record being stored, from
a record already stored) read the same values, so the versions stored do not
depend on the order the files were ingested in.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..model import Source
from .rows import DocumentRows

# The header fields a version keeps: what a reader compares across layouts
# (and how the created date is known: a date estimated from the
# declassification date is not a date the file states).
CABLE_FIELDS = ("id", "created", "created_precision", "created_source", "origin", "classification", "tags",
                "references", "subject")
ARTICLE_FIELDS = ("id", "title", "published", "author", "publisher")


@dataclass
class SourceVersion:
    source: Source
    kept: bool                       # the source of the record the store keeps
    version: dict[str, Any] | None   # None: stored before versions were kept (schema < 7)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_version(
    doc_id: str, kind: str, record: dict[str, Any], paragraphs: list[tuple[str | None, str]], body: str
) -> dict[str, Any]:
    """``record``: the stored record JSON (``documents.record``); ``paragraphs``:
    (printed number, text) in order.  Paragraph texts are kept with their runs
    of whitespace collapsed (line breaks differ between layouts, words do not)."""
    names = CABLE_FIELDS if kind == "cable" else ARTICLE_FIELDS
    fields = {name: doc_id if name == "id" else record.get(name) for name in names}
    return {
        "text_sha256": text_sha256(body),
        "fields": fields,
        "paragraphs": [[number, " ".join(text.split())] for number, text in paragraphs],
    }


def version_of_rows(rows: DocumentRows) -> dict[str, Any]:
    """The version of a record about to be stored."""
    body = rows.columns["body"]
    return make_version(
        rows.id, rows.columns["kind"], json.loads(rows.columns["record"]),
        [(number, body[start:end]) for _, number, _, _, _, start, end in rows.paragraphs], body,
    )


def version_of_stored(db: sqlite3.Connection, pk: int) -> dict[str, Any]:
    """The version of the record stored under ``pk``."""
    doc_id, kind, record, body = db.execute(
        "SELECT id, kind, record, body FROM documents WHERE pk = ?", (pk,)
    ).fetchone()
    paragraphs = db.execute('SELECT number, start, "end" FROM paragraphs WHERE pk = ? ORDER BY idx', (pk,))
    return make_version(doc_id, kind, json.loads(record), [(n, body[s:e]) for n, s, e in paragraphs], body)


def encode(version: dict[str, Any]) -> str:
    return json.dumps(version, ensure_ascii=False, separators=(",", ":"))


def _kept_sha256(preference: str) -> str:
    # preference() ends with the sha256 of the kept record's source file.
    return preference.rsplit("|", 1)[-1]


def _fitted(version: dict[str, Any], kept_sha: str, paragraphs: dict[str, list] | None = None) -> dict[str, Any]:
    """A version as stored beside a kept record whose text hashes to ``kept_sha``:
    without paragraphs when its text is the kept text (the documents row has
    them; the same text parses to the same paragraphs), with them otherwise
    (``paragraphs``: paragraphs by text hash, for a version stored without)."""
    if version["text_sha256"] == kept_sha:
        return {**version, "paragraphs": None}
    if version["paragraphs"] is None and paragraphs and version["text_sha256"] in paragraphs:
        return {**version, "paragraphs": paragraphs[version["text_sha256"]]}
    return version


def losing_version(db: sqlite3.Connection, pk: int, rows: DocumentRows) -> str:
    """The version of a record that is not kept because ``pk``'s record is preferred.

    A copy of a file at another path (a moved folder ingested again) stores
    its fields and text hash only, not the text again."""
    (body,) = db.execute("SELECT body FROM documents WHERE pk = ?", (pk,)).fetchone()
    return encode(_fitted(version_of_rows(rows), text_sha256(body)))


def keep_replaced_version(db: sqlite3.Connection, pk: int, preference: str, rows: DocumentRows) -> None:
    """Before the stored record of ``pk`` is replaced by the preferred ``rows``,
    keep it as the version of the source it came from, and give the stored
    versions the paragraphs they now need: what is stored is then the same
    whatever order the sources came in."""
    replaced = version_of_stored(db, pk)
    new_sha = text_sha256(rows.columns["body"])
    stored = [(rowid, json.loads(v)) for rowid, v in db.execute(
        "SELECT rowid, version FROM sources WHERE pk = ? AND version IS NOT NULL", (pk,))]
    paragraphs = {replaced["text_sha256"]: replaced["paragraphs"]}
    for _, version in stored:
        if version["paragraphs"] is not None:
            paragraphs.setdefault(version["text_sha256"], version["paragraphs"])
    for rowid, version in stored:
        fitted = _fitted(version, new_sha, paragraphs)
        if fitted != version:
            db.execute("UPDATE sources SET version = ? WHERE rowid = ?", (encode(fitted), rowid))
    db.execute(
        "UPDATE sources SET version = ? WHERE pk = ? AND version IS NULL AND sha256 = ?",
        (encode(_fitted(replaced, new_sha)), pk, _kept_sha256(preference)),
    )


def read_versions(db: sqlite3.Connection, pk: int) -> tuple[dict[str, Any], list[SourceVersion]]:
    """The kept record's version and every source of ``pk`` with its version, in ingest order."""
    preference = db.execute("SELECT preference FROM documents WHERE pk = ?", (pk,)).fetchone()[0]
    rows = list(db.execute(
        "SELECT path, format, sha256, row, version FROM sources WHERE pk = ? ORDER BY rowid", (pk,)
    ))
    # The kept source is the one without a version.  Stores from before schema
    # V7 have no version anywhere: there the kept source is the one whose file
    # checksum ends the document's preference, as preference() writes it.
    unversioned = [i for i, r in enumerate(rows) if r[4] is None]
    matching = [i for i in unversioned if rows[i][2] == _kept_sha256(preference)]
    kept_at = (matching or unversioned or [None])[0]
    kept = version_of_stored(db, pk)
    sources = [
        SourceVersion(
            Source(path, fmt, sha, row or None),
            i == kept_at,
            kept if i == kept_at else json.loads(version) if version is not None else None,
        )
        for i, (path, fmt, sha, row, version) in enumerate(rows)
    ]
    return kept, sources
