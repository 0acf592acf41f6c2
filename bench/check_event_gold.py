"""Check events gold files against their cables (issue 17): evidence in the
paragraph named, values printed in the document, known status words.

    .venv/bin/python bench/check_event_gold.py tests/data/gold/events/07STATE152317.json ...

Prints each problem with its file; exit 1 if there is any.
"""
from __future__ import annotations

import sys

from prolifwatch.extract.events_gold import load, problems
from prolifwatch.pipeline import parse_paths


def main() -> None:
    bad = 0
    for path in sys.argv[1:]:
        gold = load(path)
        docs = [d for d in parse_paths([gold["path"]]) if not hasattr(d, "reason") and d.id == gold["id"]]
        if not docs:
            print(f"{path}: no cable {gold.get('id')!r} in {gold.get('path')!r}")
            bad += 1
            continue
        found = problems(gold, docs[0])
        bad += len(found)
        for line in found:
            print(f"{path}: {line}")
        if not found:
            print(f"{path}: ok ({len(gold.get('transfers', []))} transfers, "
                  f"{len(gold.get('diplomatic_actions', []))} actions)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
