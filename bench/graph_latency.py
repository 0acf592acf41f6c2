"""Latency of depth-2 neighbourhood graphs around the busiest entities of a store:
p50, p95 and max in milliseconds, over --repeat runs of each of --entities entities.

    .venv/bin/python bench/graph_latency.py --db bench/out/resolve.sqlite --entities 5 --repeat 10

The busiest entities are those in most documents (entities.documents after
``prolifwatch resolve``; mention keys by distinct documents when the store has
no entities yet, which costs one scan of the mentions_key index, outside the
timing).  Each query uses the CLI defaults (--limit 25) unless --limit is given.
Target (issue 4): p95 under 200 ms on the 250,000-cable benchmark store.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from prolifwatch.query.graph import DEFAULT_LIMIT, EVENT_LIMIT, SCAN_LIMIT, entity_graph
from prolifwatch.store import open_store


def busiest_entities(db, count: int) -> list[str]:
    rows = db.execute("SELECT id FROM entities ORDER BY documents DESC, id LIMIT ?", (count,)).fetchall()
    if not rows:
        rows = db.execute(
            "SELECT key FROM mentions WHERE key IS NOT NULL GROUP BY key ORDER BY count(DISTINCT pk) DESC, key LIMIT ?",
            (count,),
        ).fetchall()
    return [r[0] for r in rows]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="Store to query (read only).")
    parser.add_argument("--entities", type=int, default=5, help="How many of the busiest entities.")
    parser.add_argument("--repeat", type=int, default=10, help="Timed runs per entity (after one untimed warm-up run).")
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="Neighbours kept per node.")
    parser.add_argument("--scan-limit", type=int, default=SCAN_LIMIT, help="Mention/link rows read per look-up.")
    parser.add_argument("--event-limit", type=int, default=EVENT_LIMIT, help="Events read around one entity.")
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    args = parser.parse_args(argv)

    with open_store(args.db) as store:
        names = busiest_entities(store.db, args.entities)
        if not names:
            print("the store has no entities or mentions", file=sys.stderr)
            return 1
        timings: list[float] = []
        per_entity = {}
        for name in names:
            entity_graph(store, name, depth=args.depth, limit=args.limit)  # warm the page cache, untimed
            runs = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                graph = entity_graph(store, name, depth=args.depth, limit=args.limit, scan_limit=args.scan_limit,
                                     event_limit=args.event_limit)
                runs.append((time.perf_counter() - started) * 1000)
            timings.extend(runs)
            per_entity[name] = {"p50_ms": round(statistics.median(runs), 1), "max_ms": round(max(runs), 1),
                                "nodes": len(graph["nodes"]), "edges": len(graph["edges"])}
    summary = {
        "db": args.db, "depth": args.depth, "limit": args.limit, "scan_limit": args.scan_limit, "event_limit": args.event_limit,
        "queries": len(timings), "p50_ms": round(percentile(timings, 0.50), 1),
        "p95_ms": round(percentile(timings, 0.95), 1), "max_ms": round(max(timings), 1),
        "entities": per_entity,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        for name, figures in per_entity.items():
            print(f"{name:40} p50 {figures['p50_ms']:7.1f} ms  max {figures['max_ms']:7.1f} ms  "
                  f"{figures['nodes']} nodes {figures['edges']} edges")
        print(f"{summary['queries']} queries, depth {args.depth}, limit {args.limit}: "
              f"p50 {summary['p50_ms']} ms · p95 {summary['p95_ms']} ms · max {summary['max_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
