"""Two writers on one store: the second waits for the first instead of failing
every document with "database is locked"; readers are never blocked; parser
processes die with the ingest that started them."""
from __future__ import annotations

import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil

from prolifwatch.store.writer_lock import WriterLock
from tests.conftest import CORPUS

EXE = str(Path(sys.executable).with_name("prolifwatch"))
# Two halves of a hundred cables of three layouts: the first ingest is still
# writing when the second starts.
FILES = [str(p) for folder in ("plain-text", "wikileaks-html", "pdf")
         for p in sorted((CORPUS / folder).rglob("*")) if p.is_file()][:100]
FIRST, SECOND = FILES[::2], FILES[1::2]


def _sources_stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(DISTINCT path) FROM sources").fetchone()[0]


def _hold(path: str, held, release) -> None:
    with WriterLock(Path(path)).held(holder="test holder"):
        held.set()
        release.wait(30)


def test_a_second_writer_waits_for_the_first_and_is_told_whom_for(tmp_path):
    db = tmp_path / "store.sqlite"
    ctx = multiprocessing.get_context("fork")
    held, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold, args=(str(db), held, release))
    holder.start()
    try:
        assert held.wait(10)
        told: list[str] = []
        lock = WriterLock(db)
        started = time.monotonic()

        def on_wait(who: str) -> None:
            told.append(who)
            release.set()  # the holder lets go once we are waiting

        with lock.held(on_wait=on_wait):
            waited = time.monotonic() - started
        assert told == [f"process {holder.pid} (test holder)"]
        assert waited < 10
    finally:
        release.set()
        holder.join(10)


def test_two_ingests_at_once_store_everything_and_a_search_meanwhile_answers(tmp_path):
    db = tmp_path / "store.sqlite"
    ingest = [EXE, "ingest", "--db", str(db), "--workers", "1", "--ner-scope", "gaps"]
    first = subprocess.Popen([*ingest, *FIRST], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (db.exists() and (tmp_path / "store.sqlite-writer.lock").exists()):
        time.sleep(0.05)
    second = subprocess.Popen([*ingest, *SECOND], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    search = subprocess.run([EXE, "search", "the", "--db", str(db), "--json"], capture_output=True, text=True,
                            timeout=120)
    assert search.returncode == 0, search.stderr
    out1, err1 = first.communicate(timeout=600)
    out2, err2 = second.communicate(timeout=600)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "failed 0" in out1 and "failed 0" in out2
    assert "database is locked" not in err1 + err2
    assert f"waiting: process {first.pid} (prolifwatch ingest) is writing to {db}" in err2
    assert _sources_stored(db) == len(FILES)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM store_counters WHERE name = 'linking_pending'").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] > 0


_POOL_SCRIPT = """
import os, sys, time
from prolifwatch.workers import worker_pool
pool = worker_pool(2)
pool.map(abs, range(4))  # the workers are up
print(" ".join(str(p.pid) for p in pool._pool), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_pool_workers_die_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", _POOL_SCRIPT], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def test_threads_of_one_process_write_one_at_a_time(tmp_path):
    """A POSIX lock belongs to the process: the web app's request threads, each with its
    own store, must still take turns (and a nested write in one thread must not wait on itself)."""
    import threading
    import time

    from prolifwatch.store.writer_lock import WriterLock

    db = tmp_path / "store.sqlite"
    inside: list[int] = []
    overlaps: list[list[int]] = []

    def write(n: int) -> None:
        with WriterLock(db).held():
            inside.append(n)
            if len(inside) > 1:
                overlaps.append(list(inside))
            time.sleep(0.02)
            with WriterLock(db).held():
                pass
            inside.remove(n)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert not overlaps
    assert not any(thread.is_alive() for thread in threads)
