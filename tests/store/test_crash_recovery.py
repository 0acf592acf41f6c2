"""A crash mid-ingest leaves a consistent store, and a re-run completes the job:
the same documents, and the same entities, document links and cases, as a run
that was never interrupted, whether the kill came while documents were being
written or while they were being linked."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prolifwatch.store import open_store
from tests.conftest import CORPUS

EXE = str(Path(sys.executable).with_name("prolifwatch"))
COLLECTION = CORPUS  # 816 documents: long enough to be killed half-way
# The bulk extraction scope: what is tested is that a killed ingest resumes to the
# same store, not what extraction finds, and three ingests of the whole corpus
# with every cue sentence parsed take minutes on a busy CI machine.
INGEST = [EXE, "ingest", str(COLLECTION), "--workers", "1", "--ner-scope", "gaps"]
# Both tests compare with one clean store: one xdist worker runs them (scripts/test.sh: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("crash_recovery")


def _query(db: Path, sql: str) -> list[tuple]:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:  # not created yet, or locked by the migration
        return []


def _documents(db: Path) -> int:
    rows = _query(db, "SELECT count(*) FROM documents")
    return rows[0][0] if rows else 0


def _linking_pending(db: Path) -> bool:
    return _query(db, "SELECT value FROM store_counters WHERE name = 'linking_pending'") == [(1,)]


def _without_row_numbers(value):
    if isinstance(value, dict):
        return {k: _without_row_numbers(v) for k, v in value.items() if k != "event_pk"}
    if isinstance(value, list):
        return [_without_row_numbers(v) for v in value]
    return value


def linked_content(db: Path) -> dict[str, list[tuple]]:
    """What linking wrote, free of row numbers that depend on the order documents were stored in."""
    return {
        "entities": _query(db, "SELECT * FROM entities ORDER BY id"),
        "entity_members": _query(db, "SELECT * FROM entity_members ORDER BY key"),
        "document_links": _query(db, "SELECT * FROM document_links ORDER BY src, dst, kind"),
        "cases": [(*row, _without_row_numbers(json.loads(record)))
                  for *row, record in _query(db, "SELECT id, title, first_date, last_date, record FROM cases "
                                                 "ORDER BY id")],
        "case_events": _query(db, "SELECT c.case_id, e.eid FROM case_events c JOIN events e USING (event_pk) "
                                  "ORDER BY 1, 2"),
    }


def _assert_whole(db: Path, clean: Path) -> None:
    """Integrity holds, and every document stored is whole: it has its source, and
    the paragraphs and mentions the uninterrupted run stored for it."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.pk = d.pk)"
        ).fetchone()[0] == 0
    per_document = ("SELECT d.id, (SELECT count(*) FROM paragraphs p WHERE p.pk = d.pk), "
                    "(SELECT count(*) FROM mentions m WHERE m.pk = d.pk) FROM documents d")
    stored, expected = dict((i, rest) for i, *rest in _query(db, per_document)), {
        i: rest for i, *rest in _query(clean, per_document)}
    assert stored and {i: expected[i] for i in stored} == stored


def _assert_same_store(clean: Path, resumed: Path) -> None:
    with open_store(clean) as a, open_store(resumed) as b:
        ids = [r[0] for r in a.db.execute("SELECT id FROM documents ORDER BY id")]
        assert ids == [r[0] for r in b.db.execute("SELECT id FROM documents ORDER BY id")]
        for doc_id in ids[::25]:
            assert a.get(doc_id).to_json(with_text=True) == b.get(doc_id).to_json(with_text=True)
    expected, found = linked_content(clean), linked_content(resumed)
    assert all(expected[table] for table in expected)  # linking found something to compare
    for table in expected:
        assert found[table] == expected[table], table
    assert not _linking_pending(resumed)


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.sqlite"
    subprocess.run([*INGEST, "--db", str(db)], capture_output=True)
    assert _documents(db) > 700 and not _linking_pending(db)
    return db


def test_killed_while_writing_documents_then_rerun_gives_the_same_store(clean, tmp_path):
    crashed = tmp_path / "crashed.sqlite"
    child = subprocess.Popen([*INGEST, "--db", str(crashed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180  # the first commit waits for the NER model to load; CI machines are busy
    # Kill it once it has committed something but before it is done.
    while time.monotonic() < deadline and child.poll() is None:
        if crashed.exists() and _documents(crashed) > 0:
            break
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait()

    assert 0 < _documents(crashed) < _documents(clean)
    _assert_whole(crashed, clean)
    assert _linking_pending(crashed)

    subprocess.run([*INGEST, "--db", str(crashed)], capture_output=True)
    _assert_same_store(clean, crashed)


def test_killed_while_linking_then_rerun_links_what_was_stored(clean, tmp_path):
    crashed = tmp_path / "crashed.sqlite"
    child = subprocess.Popen([*INGEST, "--db", str(crashed)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    # Off a terminal, ingest says "linking ..." on stderr as linking starts.
    for line in child.stderr:
        if line.startswith("linking"):
            break
    time.sleep(0.3)  # into linking, which takes seconds on the corpus
    assert child.poll() is None, "ingest ended before it could be killed while linking"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stderr.close()

    assert _documents(crashed) == _documents(clean)
    _assert_whole(crashed, clean)
    assert _linking_pending(crashed)
    assert linked_content(crashed)["entities"] == []  # the linking transaction did not commit

    rerun = subprocess.run([*INGEST, "--db", str(crashed)], capture_output=True, text=True)
    assert "new 0 " in rerun.stdout and "entities:" in rerun.stdout  # nothing new, and it linked again
    _assert_same_store(clean, crashed)
