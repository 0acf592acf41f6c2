"""A 250,000-document store for the web app's load benchmark, made by copying a
linked seeds + corpus store under fresh ids (as bench/make_cables_csv.py
samples the corpus for the ingest benchmarks).

    .venv/bin/python bench/make_web_store.py --source STORE --documents 250000 --out bench/out/web-250k.sqlite

Each copy k of a document gets the id ``ID-k`` and keeps its paragraphs,
sources, mentions, events and their arguments, its document links (to the
copy of the cited document when that is in the collection) and its place in
the cases; entities keep their ids, with their document and mention counts
scaled to the copies.  The full-text index is rebuilt at the end.  This is
what linking would give for copied documents, without spending the hours of
CPU that extracting 250,000 cables takes; like the ingest benchmark corpus,
every document is about 1.6 times as long as a cable of the real release.
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time


def copy_once(db: sqlite3.Connection, k: int, doc_offset: int, event_offset: int, limit: int) -> int:
    """Add copy ``k`` of the first ``limit`` source documents; returns how many were added."""
    suffix = f"-{k}"
    p = {"off": doc_offset, "eoff": event_offset, "suffix": suffix, "limit": limit}
    db.execute("BEGIN")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (pk INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM chosen")
    db.execute("INSERT INTO chosen SELECT pk FROM src.documents ORDER BY pk LIMIT :limit", p)
    db.execute("""INSERT INTO documents (pk, id, kind, date, released, origin, classification, caveats,
                  preference, title, tags, record, body)
                  SELECT pk + :off, id || :suffix, kind, date, released, origin, classification, caveats,
                  preference, title, tags, record, body FROM src.documents WHERE pk IN chosen""", p)
    db.execute("INSERT INTO document_tags SELECT pk + :off, tag FROM src.document_tags WHERE pk IN chosen", p)
    db.execute("""INSERT INTO sources (pk, path, format, sha256, row, version)
                  SELECT pk + :off, path || '#' || :suffix, format, sha256, row, version
                  FROM src.sources WHERE pk IN chosen""", p)
    db.execute("INSERT INTO paragraphs SELECT pk + :off, idx, number, marking, classification, caveats, start, \"end\" "
               "FROM src.paragraphs WHERE pk IN chosen", p)
    db.execute("INSERT INTO extractions SELECT pk + :off, extractor FROM src.extractions WHERE pk IN chosen", p)
    db.execute("""INSERT INTO mentions SELECT pk + :off, paragraph, start, "end", type, key, text, confidence,
                  source, attributes FROM src.mentions WHERE pk IN chosen""", p)
    db.execute("""INSERT INTO events (event_pk, pk, idx, type, kind, status, date, confidence, paragraph, start,
                  "end", record, eid, review)
                  SELECT event_pk + :eoff, pk + :off, idx, type, kind, status, date, confidence, paragraph, start,
                  "end", record, eid || :suffix, review FROM src.events WHERE pk IN chosen""", p)
    db.execute("""INSERT INTO event_arguments SELECT a.event_pk + :eoff, a.role, a.key, a.text
                  FROM src.event_arguments a JOIN src.events e ON e.event_pk = a.event_pk
                  WHERE e.pk IN chosen""", p)
    db.execute("""INSERT INTO case_events SELECT c.case_id, c.event_pk + :eoff FROM src.case_events c
                  JOIN src.events e ON e.event_pk = c.event_pk WHERE e.pk IN chosen""", p)
    db.execute("""INSERT OR IGNORE INTO document_links SELECT l.src || :suffix,
                  CASE WHEN d.pk IN chosen THEN l.dst || :suffix ELSE l.dst END, l.kind, l.score, l.evidence, l.description
                  FROM src.document_links l JOIN src.documents s ON s.id = l.src
                  LEFT JOIN src.documents d ON d.id = l.dst WHERE s.pk IN chosen""", p)
    db.execute("COMMIT")
    return db.execute("SELECT count(*) FROM chosen").fetchone()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True, help="a linked seeds + corpus store")
    parser.add_argument("--documents", type=int, default=250_000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)

    started = time.monotonic()
    shutil.copyfile(args.source, args.out)
    db = sqlite3.connect(args.out, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("ATTACH DATABASE ? AS src", (f"file:{args.source}?mode=ro",))
    source_docs = db.execute("SELECT count(*) FROM src.documents").fetchone()[0]
    doc_step = db.execute("SELECT max(pk) FROM src.documents").fetchone()[0]
    event_step = db.execute("SELECT coalesce(max(event_pk), 0) FROM src.events").fetchone()[0]
    total, k = source_docs, 0
    while total < args.documents:
        k += 1
        total += copy_once(db, k, k * doc_step, k * event_step, min(source_docs, args.documents - total))
        if k % 20 == 0:
            print(f"{total:,} documents, {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    copies = total / source_docs
    db.execute("BEGIN")
    db.execute("UPDATE entities SET documents = CAST(round(documents * ?) AS INTEGER), "
               "mentions = CAST(round(mentions * ?) AS INTEGER)", (copies, copies))
    db.execute("COMMIT")
    print(f"rebuilding the full-text index over {total:,} documents ...", file=sys.stderr, flush=True)
    db.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    from prolifwatch.store import open_store

    with open_store(args.out) as store:  # the column copies search reads, as an ingest leaves them
        store.refresh_doc_values()
    print(f"{args.out}: {total:,} documents in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
