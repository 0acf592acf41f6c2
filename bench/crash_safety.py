"""Kill ingest at random moments, resume it, and check the store against an uninterrupted run.

    python bench/crash_safety.py --trials 100 [--files 40] [--seed 20261207] [--json out.json]

A clean ingest of the collection (the first FILES files of the corpus's
plain-text, wikileaks-html and pdf folders, with the bulk extraction scope)
is watched to time its phases: starting (loading models, nothing committed
yet), writing (some documents committed), linking (all stored, linking not
done).  Each trial picks one of the three phases at random and a moment
uniformly inside it (the model load would otherwise take most kills), starts
the same ingest into a fresh store, sends SIGKILL at that moment, checks what
the kill left (parser processes still running 3 s later, PRAGMA
integrity_check, no document without its source, whether linking is marked
pending), runs ingest again, and compares the
documents, entities, entity members, document links and cases with the
clean store.  It prints one line per trial and the totals by the phase the
kill landed in.
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
import time
from collections import Counter
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.store.test_crash_recovery import linked_content  # noqa: E402  (one definition of "same links")

CORPUS = ROOT.parent / "shared" / "corpus"
EXE = str(Path(sys.executable).with_name("prolifwatch"))


def collection(count: int) -> list[str]:
    files = [p for folder in ("plain-text", "wikileaks-html", "pdf") for p in sorted((CORPUS / folder).rglob("*"))
             if p.is_file()]
    return [str(p) for p in files[:count]]


def ingest(files: list[str], db: Path) -> list[str]:
    return [EXE, "ingest", *files, "--db", str(db), "--workers", "2", "--ner-scope", "gaps"]


def state(db: Path) -> tuple[int, bool, bool]:
    """(documents stored, linking pending, integrity ok and every document with its source)."""
    if not db.exists():
        return 0, False, True
    with sqlite3.connect(db) as conn:
        try:
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:  # killed before the schema was written
            return 0, False, conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        pending = conn.execute("SELECT value FROM store_counters WHERE name = 'linking_pending'").fetchone()
        whole = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.pk = d.pk)"
        ).fetchone()[0] == 0
    return documents, bool(pending and pending[0]), whole


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


def watch(command: list[str], db: Path, total_files: int) -> tuple[float, float, float]:
    """Seconds from start to the first committed document, to the last, and to the end."""
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = last = None
    while child.poll() is None:
        stored, _, _ = state(db) if db.exists() else (0, False, True)
        now = time.monotonic() - started
        if stored and first is None:
            first = now
        if stored >= total_files and last is None:
            last = now
        time.sleep(0.02)
    end = time.monotonic() - started
    return first or end, last or end, end


def phase_of(stored: int, total: int, pending: bool) -> str:
    if stored == 0:
        return "starting"
    if stored < total:
        return "writing"
    return "linking" if pending else "done"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = collection(args.files)
    with tempfile.TemporaryDirectory() as tmp:
        clean = Path(tmp) / "clean.sqlite"
        first, last, clean_seconds = watch(ingest(files, clean), clean, len(files))
        expected_docs, expected_links = documents(clean), linked_content(clean)
        total = len(expected_docs)
        windows = {"starting": (0.0, first), "writing": (first, last), "linking": (last, clean_seconds)}
        print(f"clean ingest of {len(files)} files: {total} documents in {clean_seconds:.1f} s; first commit "
              f"at {first:.1f} s, all stored at {last:.1f} s", flush=True)
        results = []
        for trial in range(args.trials):
            db = Path(tmp) / f"trial{trial}.sqlite"
            delay = rng.uniform(*windows[rng.choice(list(windows))])
            child = subprocess.Popen(ingest(files, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                child.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
                child.wait()
            left = survivors(db)
            stored, pending, whole = state(db)
            phase = phase_of(stored, total, pending)
            subprocess.run(ingest(files, db), capture_output=True)
            same = documents(db) == expected_docs and linked_content(db) == expected_links
            _, pending_after, whole_after = state(db)
            ok = whole and whole_after and same and not pending_after and not left
            results.append({"trial": trial, "kill_after_s": round(delay, 2), "phase": phase, "stored": stored,
                            "workers_left": left,
                            "pending_after_kill": pending, "whole": whole, "same_after_rerun": same, "ok": ok})
            print(f"{trial:3d} kill at {delay:5.1f} s  {phase:8s} stored {stored:3d}/{total}  "
                  f"workers left {left}  {'ok' if ok else 'FAILED'}", flush=True)
            for leftover in Path(tmp).glob(f"trial{trial}.sqlite*"):
                leftover.unlink()
    by_phase = Counter(r["phase"] for r in results)
    failed = [r for r in results if not r["ok"]]
    print(f"trials {len(results)} · by phase {dict(by_phase)} · failed {len(failed)}")
    if args.json:
        args.json.write_text(json.dumps({"files": len(files), "documents": total, "windows": windows,
                                         "clean_seconds": round(clean_seconds, 1), "trials": results}, indent=1))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
