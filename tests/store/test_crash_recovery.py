"""A crash mid-ingest leaves a consistent store, and a re-run completes the job."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from prolifwatch.store import open_store
from tests.conftest import CORPUS

EXE = str(Path(sys.executable).with_name("prolifwatch"))
COLLECTION = CORPUS  # 816 documents: long enough to be killed half-way


def _documents(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or locked by the migration
        return 0


# The bulk extraction scope: what is tested is that a killed ingest resumes to the
# same store, not what extraction finds, and three ingests of the whole corpus
# with every cue sentence parsed take minutes on a busy CI machine.
BULK = ("--ner-scope", "gaps")


def test_killed_ingest_then_rerun_gives_the_same_store(tmp_path):
    clean, crashed = tmp_path / "clean.sqlite", tmp_path / "crashed.sqlite"
    subprocess.run([EXE, "ingest", str(COLLECTION), "--db", str(clean), "--workers", "1", *BULK], capture_output=True)

    child = subprocess.Popen(
        [EXE, "ingest", str(COLLECTION), "--db", str(crashed), "--workers", "1", *BULK],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180  # the first commit waits for the NER model to load; CI machines are busy
    # Kill it once it has committed something but before it is done.
    while time.monotonic() < deadline and child.poll() is None:
        if crashed.exists() and _documents(crashed) > 0:
            break
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait()

    partial = _documents(crashed)
    assert 0 < partial < _documents(clean)
    with sqlite3.connect(crashed) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every stored document is whole: it has its source and its paragraphs
        assert conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.pk = d.pk)"
        ).fetchone()[0] == 0

    subprocess.run([EXE, "ingest", str(COLLECTION), "--db", str(crashed), "--workers", "1", *BULK], capture_output=True)
    with open_store(clean) as a, open_store(crashed) as b:
        ids = [r[0] for r in a.db.execute("SELECT id FROM documents ORDER BY id")]
        assert ids == [r[0] for r in b.db.execute("SELECT id FROM documents ORDER BY id")]
        for doc_id in ids[::25]:
            assert a.get(doc_id).to_json(with_text=True) == b.get(doc_id).to_json(with_text=True)
