"""Choose a second events gold set drawn from *all* corpus cables, not only the
transfer-heavy ones (issue 17, third round).

The first gold (``tests/data/gold/events``) was drawn from cables with many
transfer words and a proliferation tag, so the finder and its confidence were
tuned where transfers are common.  The hand check draws from everything the
finder lists on ``scraped-text``, most of which is about visas, trade and
extraditions.  This set is a uniform draw over the same pool (every non-seed
cable, one record per id, the first file in path order) minus the cables
already in the first gold, split once into dev and test.

    .venv/bin/python bench/select_random_gold.py ../shared/corpus ../shared/seeds \
        --exclude tests/data/gold/events/split.tsv --out tests/data/gold/events_random/split.tsv

Run once with the fixed seeds; the file is kept.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from select_event_gold import pool  # noqa: E402

SEED = 20261209


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("seeds")
    parser.add_argument("--exclude", required=True, help="split.tsv of a gold set whose cables are left out")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--dev-share", type=float, default=0.6)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    with open(args.exclude, encoding="utf-8", newline="") as handle:
        taken = {row["id"] for row in csv.DictReader(handle, delimiter="\t")}
    first = pool(args.corpus, args.seeds)

    left = sorted(i for i in first if i not in taken)
    chosen = sorted(random.Random(SEED).sample(left, args.count))
    order = list(chosen)
    random.Random(SEED + 1).shuffle(order)
    dev = set(order[: round(len(order) * args.dev_share)])
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["id", "path", "stratum", "split", "transfer_words", "tagged", "all_caps"])
        for i in chosen:
            path, n, tagged, caps_ = first[i]
            out.writerow([i, path, "random", "dev" if i in dev else "test", n, int(tagged), int(caps_)])
    print(f"{len(chosen)} of {len(left)} cables; dev {len(dev)}, test {len(chosen) - len(dev)} -> {args.out}")


if __name__ == "__main__":
    main()
