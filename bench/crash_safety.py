"""Kill ingest at random moments, resume it, and check the store against an uninterrupted run.

    python bench/crash_safety.py --trials 100 [--files 200] [--seed 20261207] [--json out.json]

A clean ingest of the collection (the first FILES files of the corpus's
plain-text, pdf, wikileaks-html and scraped-text folders, two parser
processes, the bulk extraction scope) is timed by phase: starting (models
loading, nothing committed yet), writing (batches committing), linking.
Each trial picks a phase at random and kills a fresh ingest (SIGKILL) at a
moment drawn uniformly from that phase's length after the event that starts
it (the first commit, the "linking ..." line), so the draw does not depend on
the machine's speed.  It then checks what the kill left (parser processes
still running 3 s later, PRAGMA integrity_check, no document without its
source, whether linking is marked pending), runs ingest again, and compares
the documents, entities, entity members, document links and cases with the
clean store.  One line per trial, then the totals by the phase the kill
landed in (judged from the store: documents stored, linking pending).
"""
from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.store.test_crash_recovery import linked_content  # noqa: E402  (one definition of "same links")

CORPUS = ROOT.parent / "shared" / "corpus"
EXE = str(Path(sys.executable).with_name("prolifwatch"))
PHASES = ("starting", "writing", "linking")
FOLDERS = ("plain-text", "pdf", "wikileaks-html", "scraped-text")


def collection(count: int) -> list[str]:
    files = [p for folder in FOLDERS for p in sorted((CORPUS / folder).rglob("*")) if p.is_file()]
    return [str(p) for p in files[:count]]


def ingest(files: list[str], db: Path, extract: bool = True) -> list[str]:
    what = ["--ner-scope", "gaps"] if extract else ["--no-extract"]
    return [EXE, "ingest", *files, "--db", str(db), "--workers", "2", *what]


def state(db: Path) -> tuple[int, bool, bool]:
    """(documents stored, linking pending, integrity ok and every document with its source)."""
    if not db.exists():
        return 0, False, True
    with sqlite3.connect(db) as conn:
        whole = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        try:
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            pending = conn.execute("SELECT value FROM store_counters WHERE name = 'linking_pending'").fetchone()
            orphans = conn.execute(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.pk = d.pk)"
            ).fetchone()[0]
        except sqlite3.OperationalError:  # the schema is not all written yet (killed, or still migrating)
            return 0, False, whole
    return documents, bool(pending and pending[0]), whole and orphans == 0


def documents(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, date, origin, title, body FROM documents ORDER BY id").fetchall()


def survivors(db: Path, wait: float = 3.0) -> int:
    """Processes of the killed ingest (its parser workers) still running after ``wait`` seconds at most."""
    deadline = time.monotonic() + wait
    while True:
        alive = [p for p in psutil.process_iter(["cmdline", "status"])
                 if str(db) in (p.info["cmdline"] or []) and p.info["status"] != psutil.STATUS_ZOMBIE]
        if not alive or time.monotonic() > deadline:
            return len(alive)
        time.sleep(0.05)


class Ingest:
    """An ingest run in a child process, with the moments its phases began."""

    def __init__(self, command: list[str], db: Path):
        self.db, self.started = db, time.monotonic()
        self.child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.linking_at: float | None = None
        # Off a terminal, ingest says "linking ..." on stderr as linking starts.
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stderr(self) -> None:
        for line in self.child.stderr:
            if line.startswith("linking") and self.linking_at is None:
                self.linking_at = self.elapsed()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def running(self) -> bool:
        return self.child.poll() is None

    def wait_for(self, condition, step: float = 0.02) -> bool:
        """Wait until ``condition()`` holds (True) or the ingest has ended (False)."""
        while self.running():
            if condition():
                return True
            time.sleep(step)
        return False

    def kill_after(self, seconds: float) -> bool:
        """SIGKILL ``seconds`` from now; False if the ingest ended first."""
        try:
            self.child.wait(timeout=seconds)
            return False
        except subprocess.TimeoutExpired:
            self.child.send_signal(signal.SIGKILL)
            self.child.wait()
            return True


def timed_clean_run(command: list[str], db: Path) -> dict[str, float]:
    """Seconds from start to the first committed document, to linking, and to the end."""
    run = Ingest(command, db)
    first = None
    while run.running():
        if first is None and state(db)[0]:
            first = run.elapsed()
        time.sleep(0.02)
    end = run.elapsed()
    return {"first_commit": first or end, "linking": run.linking_at or end, "end": end}


def kill_in_phase(command: list[str], db: Path, phase: str, timing: dict[str, float], rng: random.Random) -> bool:
    """Start the ingest and kill it at a random moment of ``phase``, placed after
    the event that starts it (so a machine faster or slower than during the
    clean run still lands in it).  False if it ended before the kill."""
    run = Ingest(command, db)
    if phase == "starting":
        return run.kill_after(rng.uniform(0, timing["first_commit"]))
    if phase == "writing":
        if not run.wait_for(lambda: state(db)[0] > 0):
            return False
        return run.kill_after(rng.uniform(0, timing["linking"] - timing["first_commit"]))
    if not run.wait_for(lambda: run.linking_at is not None):
        return False
    return run.kill_after(rng.uniform(0, timing["end"] - timing["linking"]))


def phase_of(stored: int, total: int, pending: bool) -> str:
    if stored == 0:
        return "starting"
    if stored < total:
        return "writing"
    return "linking" if pending else "done"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-extract", dest="extract", action="store_false",
                        help="Ingest without extraction: no model to load (a trial takes seconds, not a minute), "
                             "and linking has only the documents' references to link.")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = collection(args.files)
    with tempfile.TemporaryDirectory() as tmp:
        clean = Path(tmp) / "clean.sqlite"
        timing = timed_clean_run(ingest(files, clean, args.extract), clean)
        expected_docs, expected_links = documents(clean), linked_content(clean)
        total = len(expected_docs)
        print(f"clean ingest of {len(files)} files: {total} documents; first commit at {timing['first_commit']:.1f} s, "
              f"linking from {timing['linking']:.1f} s, done at {timing['end']:.1f} s", flush=True)
        results = []
        for trial in range(args.trials):
            db = Path(tmp) / f"trial{trial}.sqlite"
            aimed = rng.choice(PHASES)
            killed = kill_in_phase(ingest(files, db, args.extract), db, aimed, timing, rng)
            left = survivors(db)
            stored, pending, whole = state(db)
            phase = phase_of(stored, total, pending)
            subprocess.run(ingest(files, db, args.extract), capture_output=True)
            same = documents(db) == expected_docs and linked_content(db) == expected_links
            _, pending_after, whole_after = state(db)
            ok = whole and whole_after and same and not pending_after and not left
            results.append({"trial": trial, "aimed_at": aimed, "killed": killed, "phase": phase, "stored": stored,
                            "workers_left": left,
                            "pending_after_kill": pending, "whole": whole, "same_after_rerun": same, "ok": ok})
            print(f"{trial:3d} aimed at {aimed:8s} killed in {phase:8s} stored {stored:4d}/{total}  "
                  f"workers left {left}  {'ok' if ok else 'FAILED'}", flush=True)
            for leftover in Path(tmp).glob(f"trial{trial}.sqlite*"):
                leftover.unlink()
    by_phase = Counter(r["phase"] for r in results)
    failed = [r for r in results if not r["ok"]]
    print(f"trials {len(results)} · by phase {dict(by_phase)} · failed {len(failed)}")
    if args.json:
        args.json.write_text(json.dumps({"files": len(files), "documents": total, "extract": args.extract,
                                         "timing": timing,
                                         "trials": results}, indent=1))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
