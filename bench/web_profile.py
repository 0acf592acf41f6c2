"""Where a page's CPU goes: cProfile of single requests through the whole app
(middleware, handler, rendering; no socket), after one untimed warm-up of each URL,
on a store only read.  The app runs in this thread: the work FastAPI would hand to
its thread pool is run inline, or cProfile, which sees one thread, would miss it.

    PYTHONPATH=src .venv/bin/python bench/web_profile.py --db bench/out/web-250k.sqlite --top 25

Prints, per URL, the server time of the profiled request and the functions with the
most cumulative time (their own time beside it); ``--out DIR`` keeps the .prof files
for ``python -m pstats``.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from pathlib import Path

import asyncio

import anyio.to_thread
import httpx

from prolifwatch.api.app import _warm, create_app

URLS = ("/search?q=Iran+AND+China", "/search?q=proliferat*", "/documents/{document}",
        "/entities/country:IR", "/entities/entity:limmt", "/api/v1/entities/country:IR/graph?depth=2",
        "/api/v1/entities/entity:limmt/graph?depth=2")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=1, help="profiled requests of each URL")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--out", type=Path, help="keep one .prof file per URL here")
    parser.add_argument("--url", action="append", help="profile these URLs instead of the default set")
    args = parser.parse_args(argv)
    import sqlite3

    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as db:
        document = db.execute("SELECT id FROM documents WHERE pk = (SELECT max(pk) / 2 FROM documents)").fetchone()[0]
    urls = [u.replace("{document}", document) for u in (args.url or URLS)]
    asyncio.run(profile_urls(args, urls))
    return 0


async def _inline(func, *args, **_options):
    return func(*args)


async def profile_urls(args, urls: list[str]) -> None:
    anyio.to_thread.run_sync = _inline
    app = create_app(args.db)
    _warm(app)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        for n, url in enumerate(urls):
            await client.get(url)
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.repeat):
                response = await client.get(url)
            profile.disable()
            print(f"\n=== {url}: {response.status_code}, {response.headers.get('server-timing')}")
            text = io.StringIO()
            pstats.Stats(profile, stream=text).sort_stats(args.sort).print_stats(args.top)
            print("\n".join(line for line in text.getvalue().splitlines()[6:] if line.strip()))
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                profile.dump_stats(args.out / f"{n}.prof")


if __name__ == "__main__":
    sys.exit(main())
