"""Search latency over 20 representative queries on a store: p50, p95, max.

    .venv/bin/python bench/search_latency.py --db bench/out/bench.sqlite --repeat 5
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

from prolifwatch.query.search import search
from prolifwatch.store import open_store

QUERIES = [
    ("cold flow forming", {}),
    ("missile", {}),
    ("Iran", {"tag": "PARM"}),
    ('"Defense Industries Organization"', {}),
    ("demarche China", {}),
    ("nuclear suppliers group", {}),
    ("IRISL", {}),
    ("sanctions", {"classification": "SECRET"}),
    ("export control", {"since": "2008-01-01"}),
    ("enrichment uranium", {}),
    ("proliferat*", {}),
    ("terrorism report", {}),
    ("ambassador", {"origin": "Embassy Beijing"}),
    ("shipment -oil", {}),
    ("MTCR OR Wassenaar", {}),
    ("chemical weapons", {"until": "2005-12-31"}),
    ("Hezbollah arms", {}),
    ("Pyongyang", {"kind": "cable"}),
    ("Tianjin port vessel", {}),
    ("", {"tag": "MNUC"}),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    store = open_store(args.db)
    search(store, "warm up", limit=10)
    timings: list[float] = []
    per_query: dict[str, float] = {}
    for _ in range(args.repeat):
        for query, filters in QUERIES:
            started = time.perf_counter()
            result = search(store, query, limit=10, **filters)
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            key = f"{query!r} {filters or ''}"
            per_query[key] = max(per_query.get(key, 0.0), elapsed)
            per_query[key + " hits"] = result.total
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"queries: {len(QUERIES)} x {args.repeat}")
    print(f"p50 {statistics.median(timings):.1f} ms · p95 {p95:.1f} ms · max {timings[-1]:.1f} ms")
    for key in sorted(k for k in per_query if not k.endswith(" hits")):
        print(f"  {per_query[key]:7.1f} ms  {per_query[key + ' hits']:>7,} hits  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
