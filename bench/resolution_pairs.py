"""Precision and recall of entity resolution on the hand-labelled pairs in
tests/data/resolution_pairs.tsv, over a resolved store of the seeds and corpus.

    .venv/bin/python bench/resolution_pairs.py --db /tmp/demo-resolved.sqlite

The store must hold ../shared/seeds and ../shared/corpus, ingested with extraction and
resolved (``prolifwatch ingest ../shared/seeds ../shared/corpus`` then ``prolifwatch resolve``);
``--resolve`` re-runs the entity step first (it writes to the store).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from prolifwatch.query.pairs import evaluate_pairs, read_pairs
from prolifwatch.store import open_store
from prolifwatch.store.entities import rebuild_entities

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "resolution_pairs.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="Resolved store of the seeds and corpus.")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--resolve", action="store_true", help="Rebuild the entities first.")
    args = parser.parse_args()
    with open_store(args.db) as store:
        if args.resolve:
            with store.transaction():
                rebuild_entities(store.db)
        report = evaluate_pairs(store, read_pairs(args.pairs))
    print(f"pairs {report['pairs']}  precision {report['precision']:.3f}  recall {report['recall']:.3f}  "
          f"(tp {report['tp']}, fp {report['fp']}, fn {report['fn']}, tn {report['tn']}, "
          f"forms not found {len(report['unknown'])})")
    for e in report["errors"]:
        print(f"  {e['label']:9} {e['left']} -> {e['left_entity']} | {e['right']} -> {e['right_entity']}")


if __name__ == "__main__":
    main()
