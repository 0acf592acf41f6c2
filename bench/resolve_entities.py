"""Entity resolution over the mentions of a 250,000-cable corpus: time ``rebuild_entities``.

Extracting 250,000 cables with NER takes hours, so the benchmark store is built
by sampling the cables of a source store (default /tmp/demo.sqlite: seeds +
corpus, extracted) 250,000 times under fresh document pks and ids, copying
each sampled cable's mentions and events - the same way ``bench/make_cables_csv.py``
samples real cables under fresh ids.  A copy of a cable would name exactly the
same keys as its original; to keep the number of distinct keys realistic, the
person and organisation keys of about 5% of (key, copy) pairs get the copy
number as a suffix (``person:sarkozy`` -> ``person:sarkozy-c123``), surface
text unchanged: the resolver has to bring those keys back to their entity.

Then it times ``rebuild_entities`` (and its phases: reading mentions,
clustering, writing) and prints mentions, distinct keys, entities and seconds.

    .venv/bin/python bench/resolve_entities.py --count 250000 --out bench/out/entities-250k.sqlite

The benchmark store is reused when it exists with the requested count (``--rebuild`` to force).
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from pathlib import Path

from prolifwatch.store import open_store
from prolifwatch.store.entities import rebuild_entities

HERE = Path(__file__).resolve().parent
SUFFIXED_TYPES = ("Person", "Organization", "GovernmentBody")
SUFFIX_EVERY = 20  # one (key, copy) pair in 20 gets a key of its own: about 5%


def build(source: Path, out: Path, count: int, seed: int = 7) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    with open_store(out):
        pass  # creates the schema at the current version
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
    cables = [pk for (pk,) in db.execute("SELECT pk FROM src.documents WHERE kind = 'cable' ORDER BY pk")]
    if not cables:
        sys.exit(f"{source}: no cables to sample")
    rng = random.Random(seed)
    db.execute("BEGIN")
    db.execute("CREATE TEMP TABLE sample (new_pk INTEGER PRIMARY KEY, src_pk INTEGER NOT NULL)")
    db.executemany("INSERT INTO sample VALUES (?, ?)", ((n + 1, rng.choice(cables)) for n in range(count)))
    db.execute(
        """INSERT INTO documents (pk, id, kind, date, origin, preference, title, record, body)
           SELECT s.new_pk, d.id || '#' || s.new_pk, d.kind, d.date, d.origin, d.preference, d.title, '{}', ''
           FROM sample s JOIN src.documents d ON d.pk = s.src_pk ORDER BY s.new_pk"""
    )
    # Indexes are built after the bulk insert: much faster than keeping them up to date row by row.
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions' "
                         "AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    marks = ",".join("?" * len(SUFFIXED_TYPES))
    db.execute(
        f"""INSERT INTO mentions (pk, paragraph, start, "end", type, key, text, confidence, source)
            SELECT s.new_pk, m.paragraph, m.start, m."end", m.type,
                   CASE WHEN m.type IN ({marks}) AND m.key IS NOT NULL
                         AND (length(m.key) * 31 + unicode(substr(m.key, -1)) + s.new_pk) % {SUFFIX_EVERY} = 0
                        THEN m.key || '-c' || s.new_pk ELSE m.key END,
                   m.text, m.confidence, m.source
            FROM sample s JOIN src.mentions m ON m.pk = s.src_pk ORDER BY s.new_pk, m.rowid""",
        SUFFIXED_TYPES,
    )
    db.execute("COMMIT")
    for _, sql in indexes:
        db.execute(sql)
    copy_events(db)
    db.execute("CREATE TABLE IF NOT EXISTS bench_info (count INTEGER)")
    db.execute("DELETE FROM bench_info")
    db.execute("INSERT INTO bench_info VALUES (?)", (count,))
    db.close()


def copy_events(db: sqlite3.Connection) -> None:
    """Each sampled cable's events and their arguments (keys as in the original),
    so graph benchmarks on this store see transfer and diplomatic-action edges.
    A sampled document's id is its original's id + '#' + its pk."""
    db.execute("BEGIN")
    db.execute("DELETE FROM event_arguments")
    db.execute("DELETE FROM events")
    db.execute(
        """CREATE TEMP TABLE event_copy AS
           SELECT d.pk AS new_pk, e.event_pk AS src_event, e.idx, e.type, e.kind, e.status, e.date,
                  e.confidence, e.paragraph, e.start, e."end", e.record
           FROM documents d
           JOIN src.documents o ON o.id = substr(d.id, 1, instr(d.id, '#') - 1)
           JOIN src.events e ON e.pk = o.pk
           ORDER BY d.pk, e.idx"""
    )
    db.execute(
        """INSERT INTO events (event_pk, pk, idx, type, kind, status, date, confidence, paragraph, start, "end", record)
           SELECT rowid, new_pk, idx, type, kind, status, date, confidence, paragraph, start, "end", record
           FROM event_copy"""
    )
    db.execute(
        """INSERT INTO event_arguments (event_pk, role, key, text)
           SELECT c.rowid, a.role, a.key, a.text FROM event_copy c JOIN src.event_arguments a
           ON a.event_pk = c.src_event"""
    )
    db.execute("DROP TABLE event_copy")
    db.execute("COMMIT")


def built_count(out: Path) -> int | None:
    if not out.exists():
        return None
    db = sqlite3.connect(out)
    try:
        row = db.execute("SELECT count FROM bench_info").fetchone()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return row[0] if row else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=Path("/tmp/demo.sqlite"), help="Extracted store to sample.")
    parser.add_argument("--count", type=int, default=250_000, help="Cables in the benchmark corpus.")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "entities-250k.sqlite")
    parser.add_argument("--rebuild", action="store_true", help="Build the benchmark store even if it exists.")
    args = parser.parse_args()

    if args.rebuild or built_count(args.out) != args.count:
        clock = time.perf_counter()
        build(args.source, args.out, args.count)
        print(f"built {args.out} ({args.count:,} cables) in {time.perf_counter() - clock:.1f} s", flush=True)
    with open_store(args.out) as store:
        mentions = store.db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        with store.transaction():
            counts = rebuild_entities(store.db, timings)
        total = time.perf_counter() - clock
    print(f"cables {args.count:,}  mentions {mentions:,}  distinct keys {counts['keys']:,}  "
          f"entities {counts['entities']:,}  merged keys {counts['merged keys']:,}")
    print(f"rebuild_entities {total:.1f} s  (read {timings['read']:.1f} s, cluster {timings['cluster']:.1f} s, "
          f"write {timings['write']:.1f} s, commit {total - sum(timings.values()):.1f} s)")


if __name__ == "__main__":
    main()
