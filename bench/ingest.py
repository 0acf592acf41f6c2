"""Full ingest of a cables.csv into a fresh SQLite store: wall time, rate, peak memory.

Runs ``prolifwatch ingest`` as a child process and samples the resident
memory of it and its worker processes every 100 ms (peak = the largest sum).

    .venv/bin/python bench/ingest.py bench/out/cables.csv --db bench/out/bench.sqlite
    .venv/bin/python bench/ingest.py bench/out/cables.csv --db bench/out/e2e.sqlite --extract --ner-scope off

Without ``--extract`` it measures parse + store (issue 2); with it, the whole
job: parse, extract, store and link (issue 3's end-to-end plan).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def reference_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop: this machine's speed drifts
    (0.37 to 0.57 s within minutes, 2026-11-23), so a run is read beside it."""
    started = time.process_time()
    sum(i * i % 7 for i in range(5_000_000))
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--extract", action="store_true",
                        help="also extract mentions and events and link (issue 2's figure is without)")
    parser.add_argument("--ner-scope", choices=["worth", "events", "gaps", "off"], default="worth",
                        help="with --extract: where NER reads (see prolifwatch ingest --help)")
    args = parser.parse_args(argv)

    for suffix in ("", "-wal", "-shm"):
        Path(str(args.db) + suffix).unlink(missing_ok=True)
    exe = Path(sys.executable).with_name("prolifwatch")
    cmd = [str(exe), "ingest", str(args.csv), "--db", str(args.db), "--json", "--workers", str(args.workers)]
    if not args.extract:
        cmd += ["--no-extract", "--no-resolve"]
    else:
        cmd += ["--ner-scope", args.ner_scope]
    reference_before = reference_seconds()
    started = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    proc = psutil.Process(child.pid)
    peak = 0
    writer_cpu = 0.0  # the calling process reads, writes the store and gathers the workers' results
    while child.poll() is None:
        peak = max(peak, _tree_rss(proc))
        try:
            times = proc.cpu_times()
            writer_cpu = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    report = child.stdout.read() if child.stdout else ""
    print(f"command: {' '.join(cmd)}")
    print(f"input: {args.csv} ({args.csv.stat().st_size / 1e6:,.0f} MB)")
    print(f"report: {report.strip()[:300]}")
    try:
        resolved = json.loads(report).get("resolved") or {}
    except ValueError:
        resolved = {}
    if resolved:
        steps = ", ".join(f"{step} {figures.get('seconds', '?')} s" for step, figures in resolved.items())
        print(f"linking (wall, within the total): {steps}")
    print(f"wall time: {elapsed:,.1f} s")
    print(f"peak resident memory (all processes): {peak / 2**20:,.0f} MiB")
    print(f"CPU time of the writing process: {writer_cpu:,.1f} s")
    print(f"store size: {os.path.getsize(args.db) / 1e6:,.0f} MB")
    print(f"reference loop (machine speed): {reference_before:.2f} s before, {reference_seconds():.2f} s after")
    return 0 if child.returncode in (0, 1) else child.returncode


if __name__ == "__main__":
    sys.exit(main())
