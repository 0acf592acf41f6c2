"""Write a cables.csv of N cables by sampling real cables from ../shared/corpus under fresh ids.

The output has the 8-column layout of the full Cablegate release (record
number, date, id, origin, classification, references, header, body) with its
backslash-escaped quotes, so it exercises the same reader as the real 1.7 GB
file.

    .venv/bin/python bench/make_cables_csv.py --count 250000 --out bench/out/cables.csv
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from prolifwatch.formats import read_paths
from prolifwatch.model import RawDocument

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpus"

# The header column of cables.csv ends where the classification/serial line starts.
_SERIAL = re.compile(
    r"^(?:S E C R E T|C O N F I D E N T I A L|UNCLAS|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE)\b",
    re.M,
)


def _samples(corpus: Path) -> list[tuple[str, str, str, str]]:
    """(origin, classification, header, body) of every cable in the corpus."""
    out = []
    for item in read_paths([corpus]):
        if not isinstance(item, RawDocument) or item.kind != "cable":
            continue
        text = item.text
        m = _SERIAL.search(text)
        split = m.start() if m and m.start() < 4000 else 0
        origin = item.meta.get("origin") or "Embassy Unknown"
        classification = item.meta.get("classification") or "UNCLASSIFIED"
        out.append((origin, classification, text[:split].strip(), text[split:].strip()))
    return out


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=250_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args(argv)

    samples = _samples(args.corpus)
    rng = random.Random(args.seed)
    stations = ["BEIJING", "STATE", "TEHRAN", "SEOUL", "TOKYO", "MOSCOW", "PARIS", "LONDON", "BERLIN", "UNVIEVIENNA"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        for n in range(1, args.count + 1):
            origin, classification, header, body = rng.choice(samples)
            year = 1985 + n % 25
            cable_id = f"{year % 100:02d}{stations[n % len(stations)]}{n}"
            date = f"{1 + n % 12:02d}/{1 + n % 28:02d}/{year} {n % 24:02d}:{n % 60:02d}"
            row = [str(n), date, cable_id, origin, classification, "", header, body]
            out.write(",".join(_quote(v) for v in row) + "\n")
    print(f"wrote {args.count:,} cables from {len(samples)} samples to {args.out} "
          f"({args.out.stat().st_size / 1e6:,.0f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
