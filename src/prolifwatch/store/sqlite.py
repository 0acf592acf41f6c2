"""The embedded store: one SQLite file in WAL mode with an FTS5 index.

Every document is written inside one SAVEPOINT, so it is stored whole or not
at all; ``batch()`` groups many documents into few transactions for speed
(a crash loses at most the open batch, and a re-run completes it, since
ingest is idempotent).
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from ..model import Document, Source, document_from_json
from . import doc_values
from .event_decisions import register_functions
from .extraction import clear_extraction, has_extraction, replace_extraction, write_extraction
from .migrations import MIGRATIONS, SCHEMA_VERSION
from .rows import DocumentRows, document_rows
from .versions import SourceVersion, keep_replaced_version, losing_version, read_versions
from .writer_lock import WaitHandler, WriterLock

# A write transaction ends after BATCH_SIZE documents or BATCH_SECONDS,
# whichever comes first.  FTS5 turns each transaction's pending terms into one
# index segment and later merges small segments: big transactions write fewer,
# larger segments and merge less (-25 % CPU per document in a bulk load).
# The time bound keeps what a crash can lose to a few seconds of work when
# documents come slowly (extraction on).
BATCH_SIZE = 2000
BATCH_SECONDS = 5.0
# During a batch the WAL is copied back into the database every 256 MB
# instead of every 4 MB: a page rewritten by many commits (index merges,
# B-tree interior pages) is copied once, and there are fewer syncs (-0.4 ms
# a document at 250,000 documents).  Outside batches SQLite's default holds.
BATCH_CHECKPOINT_PAGES = 65536
DEFAULT_CHECKPOINT_PAGES = 1000
PAGE_CACHE_KIB = 65536  # the default 2 MB cache thrashes on the id and tag indexes of a big store
# Writers queue on the writer lock (writer_lock.py); SQLite's own wait only
# covers someone writing without it (an older ProlifWatch, the sqlite3 shell).
BUSY_TIMEOUT_SECONDS = 30.0


class StoreVersionError(RuntimeError):
    """The database was written by a newer ProlifWatch than this one."""


class BatchCommitError(RuntimeError):
    """A batch could not be committed: its documents are not stored (re-run the ingest)."""


# DocValues by store file, current ones only (see SQLiteStore.doc_values).
_SHARED_DOC_VALUES: dict[str, doc_values.DocValues] = {}
_SHARED_DOC_VALUES_LOCK = threading.Lock()


class SQLiteStore:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                  timeout=BUSY_TIMEOUT_SECONDS)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA temp_store=MEMORY")
        self.db.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        self._in_batch = False
        self._pending = 0
        self._batch_started = 0.0
        self._doc_values: doc_values.DocValues | None = None
        self._readers: list[sqlite3.Connection] = []
        self._index_pending: list[tuple[str, tuple]] = []
        self._linking_marked = False  # linking_pending set in the open transaction
        self._writer_lock = WriterLock(self.path)
        # Called with who holds the writer lock when a write has to wait for it (the CLI says so).
        self.on_wait: WaitHandler | None = None
        self.writer_name = ""  # what this process is doing, for a writer waiting on it
        register_functions(self.db)
        self._migrate()

    # -- schema ---------------------------------------------------------------
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.path} has schema version {version}; this ProlifWatch knows up to {SCHEMA_VERSION}. "
                "Upgrade ProlifWatch to open it."
            )
        for number in range(version, SCHEMA_VERSION):
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\nPRAGMA user_version={number + 1};\nCOMMIT;"
                )
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    # -- transactions -----------------------------------------------------------
    def writing(self):
        """Hold the writer lock inside (every write takes it; nesting is free), so
        that several steps of one job (an ingest and its linking) run as one."""
        return self._writer_lock.held(self.on_wait, self.writer_name)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group the puts inside into transactions of BATCH_SIZE documents or BATCH_SECONDS."""
        if self._in_batch:
            yield
            return
        with self.writing():
            self._in_batch = True
            self.db.execute(f"PRAGMA wal_autocheckpoint={BATCH_CHECKPOINT_PAGES}")
            self._begin()
            self._batch_started = time.monotonic()
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            else:
                self._commit()
            finally:
                self._in_batch = False
                self._pending = 0
                self.db.execute(f"PRAGMA wal_autocheckpoint={DEFAULT_CHECKPOINT_PAGES}")
            self.refresh_doc_values()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction for a whole derived step (resolution rebuilds)."""
        if self._in_batch:
            raise RuntimeError("a derived step cannot run inside an ingest batch")
        with self.writing():
            self._begin()
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            self.db.execute("COMMIT")

    def _begin(self) -> None:
        # IMMEDIATE: take SQLite's write lock now.  A deferred transaction that
        # reads first and writes later fails at once, without waiting, when
        # someone else committed in between.
        self.db.execute("BEGIN IMMEDIATE")
        self._linking_marked = False

    # -- linking state -------------------------------------------------------------
    def linking_pending(self) -> bool:
        """Whether documents or mentions were stored after the last completed linking."""
        row = self.db.execute("SELECT value FROM store_counters WHERE name = 'linking_pending'").fetchone()
        return bool(row and row[0])

    def _mark_linking_pending(self) -> None:
        """Set in the transaction that stores the change, so no crash can separate the two."""
        if not self._linking_marked:
            self.db.execute("UPDATE store_counters SET value = 1 WHERE name = 'linking_pending'")
            self._linking_marked = True

    def mark_linked(self) -> None:
        """Called inside the transaction that completes linking."""
        if not self.db.in_transaction:
            raise RuntimeError("mark_linked belongs in the transaction that links")
        self.db.execute("UPDATE store_counters SET value = 0 WHERE name = 'linking_pending'")

    def _after_put(self) -> None:
        self._pending += 1
        if self._pending >= BATCH_SIZE or time.monotonic() - self._batch_started >= BATCH_SECONDS:
            self._commit()
            self._begin()
            self._pending = 0
            self._batch_started = time.monotonic()

    # FTS5 writes its pending terms out as a new index segment at every
    # SAVEPOINT and RELEASE, so index writes made inside the per-document
    # savepoints cost a segment per document (and the merging of them all).
    # They wait here instead and run just before COMMIT, in the same transaction.
    def _index_later(self, sql: str, params: tuple) -> None:
        self._index_pending.append((sql, params))

    def _commit(self) -> None:
        try:
            for sql, params in self._index_pending:
                self.db.execute(sql, params)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise BatchCommitError(f"{self.path}: cannot commit the open batch: {exc}") from exc
        self._index_pending.clear()

    def _rollback(self) -> None:
        self._index_pending.clear()
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    @contextmanager
    def _document_transaction(self) -> Iterator[None]:
        with ExitStack() as alone:
            if not self._in_batch:
                alone.enter_context(self.writing())
                self._begin()
            self.db.execute("SAVEPOINT document")
            indexed_before = len(self._index_pending)
            try:
                yield
                self._mark_linking_pending()
            except BaseException:
                del self._index_pending[indexed_before:]
                self.db.execute("ROLLBACK TO document")
                self.db.execute("RELEASE document")
                if not self._in_batch:
                    self._rollback()
                raise
            self.db.execute("RELEASE document")
            if self._in_batch:
                self._after_put()
            else:
                self._commit()

    # -- writing --------------------------------------------------------------
    def put(
        self, doc: Document | DocumentRows, extraction: dict[str, Any] | None = None, extractor: str = "default"
    ) -> str:
        """Store a document (or its rows, see ``rows.py``): "new", "unchanged"
        (every source known) or "merged".

        ``extraction`` (``Extraction.to_json()`` of this very record) is kept
        with the record that wins, in the same transaction; a stored document
        that has none yet takes it even when the document is unchanged.
        """
        rows = doc if isinstance(doc, DocumentRows) else document_rows(doc)
        row = self.db.execute("SELECT pk, preference FROM documents WHERE id = ?", (rows.id,)).fetchone()
        known = set()
        if row:
            known = set(self.db.execute("SELECT path, sha256, row FROM sources WHERE pk = ?", (row[0],)))
        new_sources = [s for s in rows.sources if (s.path, s.sha256, s.row or 0) not in known]
        if row and not new_sources:
            if extraction is not None and not has_extraction(self.db, row[0]) and rows.preference == row[1]:
                with self._document_transaction():
                    replace_extraction(self.db, row[0], extraction, extractor)
            return "unchanged"
        version = None  # what the new sources said, kept when their record is not (versions.py)
        with self._document_transaction():
            if row is None:
                pk = self._insert(rows)
                outcome = "new"
                if extraction is not None:
                    write_extraction(self.db, pk, extraction, extractor)
            else:
                pk = row[0]
                if rows.preference > row[1]:
                    keep_replaced_version(self.db, pk, row[1], rows)
                    self._replace_content(pk, rows)
                    if extraction is not None:
                        replace_extraction(self.db, pk, extraction, extractor)
                    else:
                        clear_extraction(self.db, pk)
                else:
                    version = losing_version(self.db, pk, rows)
                outcome = "merged"
            for source in new_sources:
                # A file re-read under another id (after a parser fix) moves here.
                self.db.execute(
                    "INSERT OR REPLACE INTO sources (pk, path, format, sha256, row, version) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (pk, source.path, source.format, source.sha256, source.row or 0, version),
                )
        return outcome

    def _insert(self, rows: DocumentRows) -> int:
        cols = rows.columns
        names = ", ".join(cols)
        marks = ", ".join(f":{k}" for k in cols)
        pk = self.db.execute(f"INSERT INTO documents ({names}) VALUES ({marks})", cols).lastrowid
        self._insert_children(pk, rows)
        return pk

    def _replace_content(self, pk: int, rows: DocumentRows) -> None:
        old = self.db.execute("SELECT title, tags, body FROM documents WHERE pk = ?", (pk,)).fetchone()
        self._index_later(
            "INSERT INTO documents_fts (documents_fts, rowid, title, tags, body) VALUES ('delete', ?, ?, ?, ?)",
            (pk, *old),
        )
        self.db.execute("DELETE FROM paragraphs WHERE pk = ?", (pk,))
        self.db.execute("DELETE FROM document_tags WHERE pk = ?", (pk,))
        cols = {k: v for k, v in rows.columns.items() if k != "id"}
        assignments = ", ".join(f"{k} = :{k}" for k in cols)
        self.db.execute(f"UPDATE documents SET {assignments} WHERE pk = :pk", {**cols, "pk": pk})
        self._insert_children(pk, rows)

    def _insert_children(self, pk: int, rows: DocumentRows) -> None:
        self.db.executemany(
            'INSERT INTO paragraphs (pk, idx, number, marking, classification, caveats, start, "end") '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, *p) for p in rows.paragraphs],
        )
        self.db.executemany("INSERT OR IGNORE INTO document_tags (pk, tag) VALUES (?, ?)", [(pk, t) for t in rows.tags])
        self._index_later(
            "INSERT INTO documents_fts (rowid, title, tags, body) VALUES (?, ?, ?, ?)",
            (pk, rows.columns["title"], rows.columns["tags"], rows.columns["body"]),
        )

    def refresh_doc_values(self) -> None:
        """Save current column copies of the document fields for search, if they changed."""
        saved = self.db.execute("SELECT generation FROM doc_values WHERE name = 'documents'").fetchone()
        if saved and saved[0] == doc_values.generation(self.db):
            return
        with self.transaction():
            self._doc_values = doc_values.build(self.db)
            doc_values.save(self.db, self._doc_values)

    # -- reading --------------------------------------------------------------
    def readers(self, count: int) -> list[sqlite3.Connection]:
        """``count`` more read-only connections, so that one query can be split
        across threads (SQLite runs one statement at a time per connection)."""
        while len(self._readers) < count:
            reader = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            reader.execute("PRAGMA query_only=ON")
            reader.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
            self._readers.append(reader)
        return self._readers[:count]

    def doc_values(self) -> doc_values.DocValues:
        """Column copies of the small document fields, current as of now; shared by
        every store this process opens on the same file (the web app opens one per
        request, and reading the copies costs a tenth of a second at 250,000 documents)."""
        current = doc_values.generation(self.db)
        if self._doc_values is None or self._doc_values.generation != current:
            with _SHARED_DOC_VALUES_LOCK:  # one thread loads them; the others wait and take that copy
                shared = _SHARED_DOC_VALUES.get(str(self.path))
                if shared is None or shared.generation != current:
                    shared = doc_values.load(self.db)
                    _SHARED_DOC_VALUES[str(self.path)] = shared
            self._doc_values = shared
        return self._doc_values

    def get(self, doc_id: str) -> Document | None:
        row = self.db.execute(
            "SELECT pk, kind, body, record FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            return None
        pk, kind, body, record = row
        data = json.loads(record)
        data.update(id=doc_id, kind=kind, text=body)
        data["paragraphs"] = [
            {
                "index": idx, "number": number, "marking": marking, "classification": classification,
                "caveats": json.loads(caveats), "text": body[start:end], "start": start, "end": end,
            }
            for idx, number, marking, classification, caveats, start, end in self.db.execute(
                'SELECT idx, number, marking, classification, caveats, start, "end" FROM paragraphs '
                "WHERE pk = ? ORDER BY idx",
                (pk,),
            )
        ]
        data["sources"] = [s.to_json() for s in self.sources(pk)]
        return document_from_json(data)

    def sources(self, pk: int) -> list[Source]:
        return [
            Source(path, fmt, sha, row or None)
            for path, fmt, sha, row in self.db.execute(
                "SELECT path, format, sha256, row FROM sources WHERE pk = ? ORDER BY rowid", (pk,)
            )
        ]

    def versions(self, doc_id: str) -> tuple[dict[str, Any], list[SourceVersion]] | None:
        """What the kept record and each source of a document said (``versions.py``)."""
        row = self.db.execute("SELECT pk FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return read_versions(self.db, row[0]) if row else None

    def stats(self) -> dict[str, Any]:
        q = self.db.execute

        def grouped(sql: str) -> dict[str, int]:
            return {str(k): n for k, n in q(sql)}

        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "by kind": grouped("SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY 2 DESC"),
            # "(unknown)" as in the search facets: documents without the value are counted, not hidden
            "by classification": grouped(
                "SELECT coalesce(classification, '(unknown)'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
            ),
            "top origins": grouped(
                "SELECT coalesce(origin, '(unknown)'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
            ),
            # how the documents' dates are known: read (layout, dtg, date-line), estimated, or not at all
            "dates by source": grouped(
                "SELECT CASE WHEN date IS NULL THEN '(undated)' ELSE coalesce(json_extract(record, "
                "'$.created_source'), 'as written') END, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
            ),
            "sources by layout": grouped("SELECT format, count(*) FROM sources GROUP BY 1 ORDER BY 2 DESC"),
            "sources": q("SELECT count(*) FROM sources").fetchone()[0],
            "paragraphs": q("SELECT count(*) FROM paragraphs").fetchone()[0],
            "store": str(self.path),
            "size bytes": self.path.stat().st_size if self.path.exists() else 0,
            "schema version": self.schema_version(),
        }

    def close(self) -> None:
        for reader in self._readers:
            reader.close()
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

