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
from datetime import datetime
from pathlib import Path

from prolifwatch.cable.ids import SERIAL_LINE  # the parser's own serial-line pattern
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


_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
_DTG = re.compile(r"\b\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}\b")


def _as_cable(header: str, body: str, station: str, serial: int, day: datetime) -> tuple[str, str]:
    """The sample's header and body naming the fresh cable: its serial line
    and date-time group say the fresh id and date, as a real row's do (a row
    whose text names another cable is read as that cable, with a warning)."""
    m = SERIAL_LINE.search(body)
    if m is not None:
        body = f"{body[:m.start('station')]}{station} {serial:06d}{body[m.end('serial'):]}"
    dtg = f"{day:%d%H%M}Z {_MONTHS[day.month - 1]} {day:%y}"
    return _DTG.sub(dtg, header, count=1), body


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
            day = datetime(year, 1 + n % 12, 1 + n % 28, n % 24, n % 60)
            header, body = _as_cable(header, body, stations[n % len(stations)], n, day)
            date = f"{day:%m/%d/%Y %H:%M}"
            row = [str(n), date, cable_id, origin, classification, "", header, body]
            out.write(",".join(_quote(v) for v in row) + "\n")
    print(f"wrote {args.count:,} cables from {len(samples)} samples to {args.out} "
          f"({args.out.stat().st_size / 1e6:,.0f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
