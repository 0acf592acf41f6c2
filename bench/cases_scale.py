"""Case building at scale: time and pair counts for synthetic transfers, or a store's.

Synthetic transfers mimic the corpus's shape: most name only countries (a few
very common pairs such as China → Iran), some name companies, control-list
codes and vessels; a share repeat an earlier shipment in another document.

    .venv/bin/python bench/cases_scale.py --transfers 300000
    .venv/bin/python bench/cases_scale.py --db /tmp/demo.sqlite
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import time

from prolifwatch.resolve.cases import TransferInput, build_cases

COUNTRIES = ["CN", "IR", "KP", "SY", "RU", "PK", "US", "AE", "MY", "SG", "IN", "TR", "BY", "UA", "VE", "SD"]


def _arg(key: str, type_: str = "Organization") -> dict:
    return {"text": key.split(":")[-1], "key": key, "type": type_}


def synthetic(n: int, seed: int = 7) -> list[TransferInput]:
    rng = random.Random(seed)
    out: list[TransferInput] = []
    for i in range(n):
        if out and rng.random() < 0.15:  # another report of an earlier shipment
            base = rng.choice(out[-5000:])
            out.append(TransferInput(i, f"D{i}", base.document_date, 0, dict(base.record)))
            continue
        year, month = rng.randint(1990, 2010), rng.randint(1, 12)
        weights = [40, 30] + [3] * (len(COUNTRIES) - 2)
        supplier, recipient = rng.choices(COUNTRIES, weights)[0], rng.choices(COUNTRIES, weights)[0]
        record = {
            "supplier": [_arg(f"country:{supplier}", "Country")],
            "recipient": [_arg(f"country:{recipient}", "Country")],
            "items": [], "carrier": [], "origin": [], "via": [], "destination": [], "end_user": [],
            "date": f"{year}-{month:02d}" if rng.random() < 0.6 else None, "status": "completed",
            "evidence": {"paragraph": 0, "start": 0, "end": 10, "text": "synthetic"},
        }
        if rng.random() < 0.3:
            record["supplier"].append(_arg(f"org:company-{rng.randint(1, 20000)}"))
        if rng.random() < 0.4:
            record["items"].append(_arg(f"item:MTCR {rng.randint(1, 20)}.A.{rng.randint(1, 9)}", "Item"))
        if rng.random() < 0.05:
            record["carrier"].append(_arg(f"vessel:ship-{rng.randint(1, 3000)}", "Vessel"))
        out.append(TransferInput(i, f"D{i}", f"{year}-{month:02d}-15", 0, record))
    return out


def from_store(path: str) -> list[TransferInput]:
    from prolifwatch.store.cases import load_inputs

    return load_inputs(sqlite3.connect(path))["transfers"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=100_000)
    parser.add_argument("--db", help="Read the transfers of this store instead of making them up.")
    args = parser.parse_args()
    transfers = from_store(args.db) if args.db else synthetic(args.transfers)
    start = time.perf_counter()
    cases, counts = build_cases(transfers)
    elapsed = time.perf_counter() - start
    print(f"{len(transfers)} transfers → {len(cases)} cases in {elapsed:.1f} s")
    print(counts)


if __name__ == "__main__":
    main()
