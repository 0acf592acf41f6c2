"""Parse throughput on one core: cables/s for read-from-CSV + parse_cable.

Reads the first N rows of a generated cables.csv into memory, then times the
parse stage alone (cable_from_raw over each RawDocument) and the CSV reading
alone, in this one process.  Rates are from wall-clock time; the CPU time the
process itself used is printed too, since on a shared machine it varies much
less from run to run than wall-clock time does.

    .venv/bin/python bench/parse_throughput.py bench/out/cables.csv --count 50000
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

from prolifwatch.formats.cables_csv import read_stream
from prolifwatch.model import RawDocument
from prolifwatch.pipeline import parse_raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--count", type=int, default=50_000)
    args = parser.parse_args(argv)

    started, started_cpu = time.perf_counter(), time.process_time()
    with args.csv.open("rb") as handle:
        raws = [r for r in itertools.islice(read_stream(handle, str(args.csv)), args.count)]
    read_seconds, read_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    raws = [r for r in raws if isinstance(r, RawDocument)]
    size = sum(len(r.text) for r in raws)

    started, started_cpu = time.perf_counter(), time.process_time()
    failed = sum(1 for r in raws if not hasattr(parse_raw(r), "paragraphs"))
    parse_seconds, parse_cpu = time.perf_counter() - started, time.process_time() - started_cpu

    n = len(raws)
    print(f"cables: {n:,} ({size / 1e6:.1f} MB of text, {failed} failed)")
    print(f"read cables.csv rows: {n / read_seconds:,.0f} cables/s ({read_seconds:.2f} s, {read_cpu:.2f} s CPU)")
    print(
        f"parse (cable_from_raw): {n / parse_seconds:,.0f} cables/s on one core "
        f"({parse_seconds:.2f} s, {parse_cpu:.2f} s CPU: {n / parse_cpu:,.0f} cables per CPU-second)"
    )
    print(f"read + parse: {n / (read_seconds + parse_seconds):,.0f} cables/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
