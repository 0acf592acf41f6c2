"""Fuzz every reader with mutated real inputs and print what happened.

    PYTHONPATH=src python bench/fuzz_readers.py [--cases 10000] [--seed 0]

Each case takes one real file per layout (tests/formats/fuzz_inputs.SAMPLES),
breaks it one to three ways (byte flips, truncation, NULs, deep nesting,
random unicode, broken CSV quoting, spliced pieces, hostile markup, UTF-16/32)
and reads it with ``formats.read_bytes``.  A case is read, refused (a
FormatError: one line for the user), or a crash (any other exception; the
bench prints its layout, mutation and seed so that ``make_case`` can rebuild it).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.formats.fuzz_inputs

from tests.formats.fuzz_inputs import MUTATIONS, SAMPLES, make_case, read_case  # noqa: E402


def _reason_kind(outcome: str) -> str:
    """A refusal's reason without the case's particulars (numbers, quoted values)."""
    kind = re.sub(r"'[^']*'|\"[^\"]*\"", "…", outcome.removeprefix("refused: "))
    kind = re.sub(r"\d[\d,]*", "N", kind)
    return kind[:90]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    layouts, mutations = sorted(SAMPLES), sorted(MUTATIONS)
    outcomes: Counter = Counter()
    refusals: Counter = Counter()
    crashes: list[str] = []
    slowest = (0.0, "")
    started = time.perf_counter()
    for n in range(args.cases):
        layout = layouts[n % len(layouts)]
        mutation = mutations[(n // len(layouts)) % len(mutations)]
        seed = args.seed * 1_000_000 + n
        data = make_case(layout, mutation, seed)
        try:
            outcome, seconds = read_case(data)
        except Exception as exc:  # a reader crash: what the bench is for
            crashes.append(f"{layout} {mutation} seed={seed}: {type(exc).__name__}: {exc}")
            traceback.print_exc(limit=3)
            continue
        outcomes["read" if outcome == "read" else "refused"] += 1
        if outcome != "read":
            refusals[_reason_kind(outcome)] += 1
        if seconds > slowest[0]:
            slowest = (seconds, f"{layout} {mutation} seed={seed} ({len(data):,} bytes, {outcome[:60]})")
    total = time.perf_counter() - started
    print(f"cases: {args.cases:,} in {total:.0f} s ({total / args.cases * 1000:.1f} ms a case)")
    print(f"read: {outcomes['read']:,}  refused: {outcomes['refused']:,}  crashed: {len(crashes):,}")
    print(f"slowest: {slowest[0]:.2f} s: {slowest[1]}")
    print("refusals by reason:")
    for reason, count in refusals.most_common():
        print(f"  {count:6,}  {reason}")
    for line in crashes[:20]:
        print("CRASH", line)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
