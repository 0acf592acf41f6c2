"""Load on the web app: 8 clients on loopback ask for search pages, document
pages, entity pages and depth-2 graphs for --seconds; per page type the
server's time (p50, p95, max), requests per second, errors, and the server
process's peak memory.

    .venv/bin/python bench/web_load.py --db bench/out/web-250k.sqlite --seconds 60

The server is started here as a user starts it (``prolifwatch serve --db``,
its own process, a free loopback port) and stopped at the end; the store is
only read.  Inputs come from the store and are realistic: analysts' queries
(phrases, prefixes, boolean operators, names of the busiest entities),
documents sampled across the whole collection, the busiest entities and a
sample of the others.  Each client keeps one connection open and picks page
types in turn (seeded, so runs are comparable).

Server time is the app's own ``Server-Timing: app;dur=`` header (from the
request reaching the app to its response head); the client's latency on
loopback, which adds the socket and the HTTP parsing, is reported beside it.
A request is an error when it fails or answers anything but 2xx (every input
exists).  Memory is the resident set of the server and its children, sampled
every 0.1 s.  The first --warmup seconds are not counted.  The clients are
threads of this process on the same machine: on a small machine they take
some of the server's CPU, so run it on a quiet one.  They are kept cheap
(``http.client`` on one kept-alive connection each, bodies read but not
parsed), and the CPU time of both sides over the counted seconds is reported
apart: the server's (its process and children) and the clients' (this
process), each per request, which compares runs on a shared machine better
than latencies do.

The server keeps the results of search, entity and graph pages until the
store changes (``query/cache.py``), so a run that asks the same inputs again
and again measures mostly kept results: each page type's figures are also
given for the first time each input was asked in the run ("first"),
``--prime`` asks every input once, one at a time, before the clients start
(its server times are reported as the cold first pass, with the server's CPU per
request, and the counted run then measures kept results; it starts once the
server's start-up work in background threads is done, which before 2026-12-08
was counted against the first searches), and ``--page-cache 0`` runs the server with the cache
off (every request cold).

Targets (issue 21, on the 250,000-cable store): p95 server time <= 150 ms for
the search page, <= 100 ms for a document page, <= 200 ms for an entity page
and a depth-2 graph; 0 errors.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

SERVE = [sys.executable, "-c", "from prolifwatch.cli import app; app()", "serve"]
TARGET_P95_MS = {"search": 150, "document": 100, "entity": 200, "graph": 200}
# The graph page draws what its JSON twin answers; the server's work is there.
PATHS = {
    "search": "/search?q={}",
    "document": "/documents/{}",
    "entity": "/entities/{}",
    "graph": "/api/v1/entities/{}/graph?depth=2",
}
QUERIES = [
    "cold flow forming", '"ballistic missile"', "LIMMT", "centrifuge", "Iran AND China", "missile NOT Korea",
    "IRISL OR \"Islamic Republic of Iran Shipping Lines\"", "export control*", "demarche", "jet vanes",
    "carbon fiber", "tungsten", "graphite", "Syria AND Hizballah", "shipment", "end user", "vacuum pumps",
    "Scud", "frigate", "nuclear suppliers group", "dual-use", "proliferat*", "Dalian", "Bandar Abbas",
]
SERVER_TIME = re.compile(r"\bapp;dur=([0-9.]+)")


def sample_inputs(db_path: str, rng: random.Random, documents: int = 300, entities: int = 100) -> dict[str, list[str]]:
    """Inputs per page type, read from the store (read-only, before the clock starts)."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        low, high = db.execute("SELECT min(pk), max(pk) FROM documents").fetchone()
        pks = [rng.randint(low, high) for _ in range(documents * 2)]
        marks = ",".join("?" * len(pks))
        doc_ids = [r[0] for r in db.execute(f"SELECT id FROM documents WHERE pk IN ({marks})", pks)][:documents]
        busiest = db.execute("SELECT id, name FROM entities ORDER BY documents DESC LIMIT ?", (entities // 2,)).fetchall()
        every = [r[0] for r in db.execute("SELECT id FROM entities")]  # tens of thousands at most: cheap
    finally:
        db.close()
    entity_ids = [r[0] for r in busiest] + rng.sample(every, min(len(every), entities // 2))
    queries = QUERIES + [f'"{name}"' for _, name in busiest[:10] if '"' not in name]
    if not doc_ids or not entity_ids:
        raise SystemExit("the store has no documents or no entities (run `prolifwatch resolve` first)")
    return {
        "search": [PATHS["search"].format(quote(q)) for q in queries],
        "document": [PATHS["document"].format(quote(d, safe="")) for d in doc_ids],
        "entity": [PATHS["entity"].format(quote(e, safe="")) for e in entity_ids],
        "graph": [PATHS["graph"].format(quote(e, safe="")) for e in entity_ids],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: str, port: int, log, page_cache: int | None = None) -> tuple[subprocess.Popen, float]:
    """The server process and the seconds it took to answer."""
    started = time.perf_counter()
    import prolifwatch

    # the server runs the prolifwatch this script imports, wherever it was started from
    package_root = str(Path(prolifwatch.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])))
    if page_cache is not None:
        env["PROLIFWATCH_PAGE_CACHE"] = str(page_cache)
    process = subprocess.Popen([*SERVE, "--db", db, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                               env=env)
    while time.perf_counter() - started < 60:
        if process.poll() is not None:
            raise SystemExit(f"serve exited with {process.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/app.js", timeout=2):
                return process, time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"serve did not answer within 60 s; see {log.name}")


class PeakMemory(threading.Thread):
    """Samples the resident memory of a process and its children until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        import psutil

        self.process = psutil.Process(pid)
        self.peak = 0
        self.stopped = threading.Event()

    def rss(self) -> int:
        total = self.process.memory_info().rss
        for child in self.process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except Exception:  # a child that ended between listing and reading
                pass
        return total

    def run(self) -> None:
        while not self.stopped.wait(0.1):
            try:
                self.peak = max(self.peak, self.rss())
            except Exception:  # the server ended
                return


def cpu_seconds(process) -> float:
    """User + system CPU time of a psutil process and its children so far."""
    total = sum(process.cpu_times()[:2])
    for child in process.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except Exception:  # a child that ended between listing and reading
            pass
    return total


def client(port: int, inputs: dict[str, list[str]], seed: int, until: float, counted_from: float,
           results: list[tuple[str, int, float, float | None, str, bool]], asked: set[str],
           requests: int | None = None) -> None:
    """One client's loop: page types in turn, inputs at random; records (type, status, latency,
    server ms, path, first time this path was asked in the run).  Stops at ``until`` (or after
    ``requests``)."""
    rng = random.Random(seed)
    kinds = list(inputs)
    turn = seed % len(kinds)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        while (now := time.perf_counter()) < until and (requests is None or requests > 0):
            requests = None if requests is None else requests - 1
            kind = kinds[turn % len(kinds)]
            turn += 1
            path = rng.choice(inputs[kind])
            first = path not in asked
            asked.add(path)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()  # the whole body, not parsed
                status = response.status
                timing = SERVER_TIME.search(response.getheader("server-timing") or "")
                server_ms = float(timing.group(1)) if timing else None
            except Exception:
                status, server_ms = 0, None
                connection.close()  # a fresh connection for the next request
            latency_ms = 1000 * (time.perf_counter() - now)
            if now >= counted_from:
                results.append((kind, status, latency_ms, server_ms, path, first))
    finally:
        connection.close()


def prime(port: int, inputs: dict[str, list[str]], asked: set[str], server) -> tuple[list, dict[str, float]]:
    """Every input asked once, in turn, on one connection: the cold first pass; and the
    server's CPU seconds per page type over it (``server``: its psutil process)."""
    rows: list = []
    cpu: dict[str, float] = {}
    until = time.perf_counter() + 24 * 3600
    order = [(kind, path) for kind in PATHS for path in dict.fromkeys(inputs[kind])]
    for kind, path in order:
        before = cpu_seconds(server)
        client(port, {kind: [path]}, 0, until, 0.0, rows, asked, requests=1)
        cpu[kind] = cpu.get(kind, 0.0) + cpu_seconds(server) - before
    return rows, cpu


def settle(process, quiet: float = 0.05, most: float = 300.0) -> float:
    """Wait until the server has finished its start-up work (the home page's summary, the
    screening index, the knowledge base's names, loaded in background threads: seconds of
    CPU that would otherwise be counted against the first requests), i.e. until it uses
    less than ``quiet`` of a core over a second; at most ``most`` seconds.  The seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < most:
        before = cpu_seconds(process)
        time.sleep(1.0)
        if cpu_seconds(process) - before < quiet:
            break
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else float("nan")


def spread(values: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(values, 0.5), 1), "p95": round(percentile(values, 0.95), 1),
            "max": round(max(values, default=float("nan")), 1)}


def summarise(results, seconds: float) -> dict:
    summary = {}
    for kind in PATHS:
        rows = [r for r in results if r[0] == kind]
        server = [r[3] for r in rows if r[3] is not None]
        latency = [r[2] for r in rows]
        errors = [f"{r[1]} {r[4]}" for r in rows if not 200 <= r[1] < 300]
        first = [r[3] for r in rows if r[3] is not None and r[5]]
        summary[kind] = {
            "requests": len(rows), "per_second": round(len(rows) / seconds, 1), "errors": len(errors),
            "error_examples": errors[:5],
            "server_ms": spread(server),
            "client_ms": spread(latency),
            "first_asked": {"requests": len(first), "server_ms": spread(first)},
            "target_p95_ms": TARGET_P95_MS[kind],
        }
        summary[kind]["meets_target"] = bool(server) and summary[kind]["server_ms"]["p95"] <= TARGET_P95_MS[kind] \
            and not errors
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="Linked store to serve (only read).")
    parser.add_argument("--seconds", type=float, default=30, help="Counted duration of the load.")
    parser.add_argument("--warmup", type=float, default=3, help="Seconds of load before counting starts.")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--page-cache", type=int, help="Results the server keeps (PROLIFWATCH_PAGE_CACHE; "
                                                          "0: none, every request computed afresh).")
    parser.add_argument("--prime", action="store_true", help="Ask every input once before the clients start "
                                                              "(reported as the cold first pass), once the server's "
                                                              "start-up work is done (see settle).")
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    args = parser.parse_args(argv)
    if not Path(args.db).is_file():
        raise SystemExit(f"no store at {args.db}")

    inputs = sample_inputs(args.db, random.Random(args.seed))
    port = free_port()
    with tempfile.NamedTemporaryFile("wb", prefix="web_load-serve-", suffix=".log", delete=False) as log:
        process, ready_after = start_server(args.db, port, log, args.page_cache)
        memory = PeakMemory(process.pid)
        idle_rss = memory.rss()
        memory.start()
        asked: set[str] = set()
        settled_after = settle(memory.process) if args.prime else 0.0
        load_before = os.getloadavg()
        primed_in, primed_cpu = time.perf_counter(), cpu_seconds(memory.process)
        primed, primed_cpu_by_kind = prime(port, inputs, asked, memory.process) if args.prime else ([], {})
        primed_in, primed_cpu = time.perf_counter() - primed_in, cpu_seconds(memory.process) - primed_cpu
        load_after_first_pass = os.getloadavg()
        results: list = []
        counted_from = time.perf_counter() + args.warmup
        until = counted_from + args.seconds
        threads = [threading.Thread(target=client, args=(port, inputs, args.seed + i, until, counted_from, results,
                                                         asked))
                   for i in range(args.clients)]
        try:
            for thread in threads:
                thread.start()
            time.sleep(max(0.0, counted_from - time.perf_counter()))
            server_cpu, client_cpu = cpu_seconds(memory.process), time.process_time()
            time.sleep(max(0.0, until - time.perf_counter()))
            server_cpu = cpu_seconds(memory.process) - server_cpu
            client_cpu = time.process_time() - client_cpu
            for thread in threads:
                thread.join()
        finally:
            memory.stopped.set()
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()

    pages = summarise(results, args.seconds)
    report = {
        "db": args.db, "clients": args.clients, "seconds": args.seconds, "ready_after_s": round(ready_after, 2),
        "requests_per_second": round(len(results) / args.seconds, 1),
        "errors": sum(p["errors"] for p in pages.values()),
        "server_rss_mb": {"idle": round(idle_rss / 2**20), "peak": round(max(memory.peak, idle_rss) / 2**20)},
        # CPU over the counted seconds; per request: divided by the requests counted
        "cpu_s": {"server": round(server_cpu, 1), "clients": round(client_cpu, 1)},
        "cpu_ms_per_request": {"server": round(1000 * server_cpu / max(1, len(results)), 1),
                               "clients": round(1000 * client_cpu / max(1, len(results)), 1)},
        "page_cache": args.page_cache,
        "pages": pages,
    }
    report["load_average"] = {"start": [round(v, 2) for v in load_before], "end": [round(v, 2) for v in os.getloadavg()]}
    if args.prime:
        # the server's CPU over the first pass, per request: one request at a time, so
        # what a first-time page costs whatever the machine's load did to its time
        report["first_pass"] = {"seconds": round(primed_in, 1), "pages": summarise(primed, primed_in),
                                "server_start_up_work_s": round(settled_after, 1),
                                "server_cpu_ms_per_request": round(1000 * primed_cpu / max(1, len(primed)), 1),
                                "load_average_end": [round(v, 2) for v in load_after_first_pass]}
        for kind, page in report["first_pass"]["pages"].items():
            page["server_cpu_ms_per_request"] = round(1000 * primed_cpu_by_kind.get(kind, 0.0)
                                                      / max(1, page["requests"]), 1)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.db}: {args.clients} clients for {args.seconds:.0f} s on loopback "
              f"(server ready after {ready_after:.2f} s)")
        print(f"{'page':9} {'requests':>8} {'req/s':>6} {'errors':>6}  server ms p50 / p95 / max   "
              f"client ms p50 / p95 / max   target p95")
        for kind, p in pages.items():
            s, c = p["server_ms"], p["client_ms"]
            print(f"{kind:9} {p['requests']:8} {p['per_second']:6} {p['errors']:6}  "
                  f"{s['p50']:7} / {s['p95']:7} / {s['max']:7}   {c['p50']:7} / {c['p95']:7} / {c['max']:7}   "
                  f"{p['target_p95_ms']:4} ms {'ok' if p['meets_target'] else 'MISSED'}")
            f = p["first_asked"]
            print(f"  first asked: {f['requests']:5} requests, server ms p50 / p95 / max "
                  f"{f['server_ms']['p50']} / {f['server_ms']['p95']} / {f['server_ms']['max']}")
            for example in p["error_examples"]:
                print(f"          error: {example}")
        print(f"total {report['requests_per_second']} requests/s, {report['errors']} errors; server memory "
              f"{report['server_rss_mb']['idle']} MB idle, {report['server_rss_mb']['peak']} MB peak")
        print(f"load average (1, 5, 15 min) at the start {report['load_average']['start']}, "
              f"at the end {report['load_average']['end']}")
        if args.prime:
            print(f"cold first pass (each input once, one client, {primed_in:.0f} s, server CPU "
                  f"{report['first_pass']['server_cpu_ms_per_request']} ms a request, load average after it "
                  f"{report['first_pass']['load_average_end']}), server ms p50 / p95 / max:")
            for kind, p in report["first_pass"]["pages"].items():
                print(f"  {kind:9} {p['requests']:5} requests  {p['server_ms']['p50']} / {p['server_ms']['p95']} / "
                      f"{p['server_ms']['max']}, {p['errors']} errors, server CPU {p['server_cpu_ms_per_request']} ms "
                      "a request")
        print(f"CPU over the counted seconds: server {report['cpu_s']['server']} s "
              f"({report['cpu_ms_per_request']['server']} ms a request), clients {report['cpu_s']['clients']} s "
              f"({report['cpu_ms_per_request']['clients']} ms a request)")
    return 0 if all(p["meets_target"] for p in pages.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
