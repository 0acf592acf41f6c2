"""Server time of the entity pages and the transfer ledger on a store, read from the
``Server-Timing`` header (``app;dur``) of a TestClient: p50, p95 and max in ms over
--repeat runs of each URL, after one warm-up run (the first read of a page from disk).

    .venv/bin/python bench/web_page_latency.py --db bench/out/web-250k.sqlite --repeat 5

The store is only read (the app writes nothing on GET).  Targets (issue 21): p95 <= 200 ms
for an entity page; the ledger has no stated target but must not take seconds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from urllib.parse import quote

from fastapi.testclient import TestClient

from prolifwatch.api.app import create_app

ENTITIES = ("country:IR", "country:CN", "country:US", "entity:limmt", "entity:bank-sepah", "model:S-300",
            "person:tauscher", "org:mbz", "entity:pla")
LEDGER = ("/api/v1/events?type=transfer", "/api/v1/events?type=transfer&sort=supplier",
          "/api/v1/events?type=transfer&item_code=3.B.3", "/api/v1/events?type=transfer&supplier=China",
          "/api/v1/events?type=transfer&sort=-supplier&page=3")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def server_ms(client: TestClient, url: str) -> float:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.text[:300]}")
    return float(response.headers["Server-Timing"].split("dur=")[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--url", action="append", help="measure these URLs instead of the default set")
    args = parser.parse_args(argv)
    urls = args.url or [f"/api/v1/entities/{quote(e, safe=':')}" for e in ENTITIES] + list(LEDGER)
    with TestClient(create_app(args.db)) as client:
        print(f"{'url':70} {'p50':>8} {'p95':>8} {'max':>8}  (ms, server time)")
        for url in urls:
            server_ms(client, url)
            times = [server_ms(client, url) for _ in range(args.repeat)]
            print(f"{url:70} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f} {max(times):8.1f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
