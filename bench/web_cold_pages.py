"""First-time cost of the web app's slow pages, without the server: each input of
``web_load.py`` (same seed: its 34 queries, 100 entities, 100 depth-2 graphs) computed
once through the query layer, in one process, with the page cache off, one at a
time.  Per page type: CPU time and wall time per input (p50, p95, max) and the
slowest inputs.  CPU time is this process's (every thread: the search ranks on
read connections of its own), which on a shared machine says more than the wall time.

    PYTHONPATH=src .venv/bin/python bench/web_cold_pages.py --db bench/out/web-250k.sqlite [--json]

The first input of each type is asked once untimed before (imports, the column
copies of the document fields), as a server has done before its first request.
The templates and the HTTP are not in these figures (``web_load.py --prime``).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import unquote

os.environ["PROLIFWATCH_PAGE_CACHE"] = "0"  # every page computed (read when query.cache is imported)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_load import percentile, sample_inputs  # noqa: E402

from prolifwatch.query.context import Reader  # noqa: E402
from prolifwatch.query.entity_page import entity_page  # noqa: E402
from prolifwatch.query.graph import entity_graph  # noqa: E402
from prolifwatch.query.search_page import search_page  # noqa: E402
from prolifwatch.store.sqlite import SQLiteStore  # noqa: E402


def page_makers(reader: Reader) -> dict:
    return {
        "search": lambda q: search_page(reader, q),
        "entity": lambda name: entity_page(reader, name),
        "graph": lambda name: entity_graph(reader.store, name, depth=2),
    }


def inputs_of(db: str, seed: int) -> dict[str, list[str]]:
    paths = sample_inputs(db, random.Random(seed))
    return {
        "search": [unquote(p.split("q=", 1)[1]) for p in paths["search"]],
        "entity": [unquote(p.rsplit("/", 1)[1]) for p in paths["entity"]],
        "graph": [unquote(p.split("/entities/", 1)[1].split("/graph", 1)[0]) for p in paths["graph"]],
    }


def spread(values: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(values, 0.5), 1), "p95": round(percentile(values, 0.95), 1),
            "max": round(max(values), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="Linked store (only read).")
    parser.add_argument("--seed", type=int, default=21, help="web_load.py's seed (its inputs).")
    parser.add_argument("--slowest", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    store = SQLiteStore(args.db)
    reader = Reader(store)
    inputs = inputs_of(args.db, args.seed)
    report: dict = {"db": args.db, "load_average_start": os.getloadavg(), "pages": {}}
    for kind, make in page_makers(reader).items():
        make(inputs[kind][0])  # untimed: what a server has done before its first request
        timed = []
        for value in dict.fromkeys(inputs[kind]):
            cpu, wall = time.process_time(), time.perf_counter()
            make(value)
            timed.append((1000 * (time.process_time() - cpu), 1000 * (time.perf_counter() - wall), value))
        report["pages"][kind] = {
            "inputs": len(timed), "cpu_ms": spread([t[0] for t in timed]), "wall_ms": spread([t[1] for t in timed]),
            "slowest_cpu": [(round(c), round(w), v) for c, w, v in sorted(timed, reverse=True)[:args.slowest]],
        }
    report["load_average_end"] = os.getloadavg()
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{args.db}: load average {report['load_average_start'][0]:.1f} -> {report['load_average_end'][0]:.1f}")
    for kind, page in report["pages"].items():
        c, w = page["cpu_ms"], page["wall_ms"]
        print(f"{kind:7} {page['inputs']:4} inputs  CPU ms p50 / p95 / max {c['p50']} / {c['p95']} / {c['max']}   "
              f"wall ms {w['p50']} / {w['p95']} / {w['max']}")
        for cpu, wall, value in page["slowest_cpu"]:
            print(f"          {cpu:6} ms CPU {wall:7} ms wall  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
