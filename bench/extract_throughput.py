"""Extraction throughput on one core: the cheap pass (gazetteer + patterns)
and the full pass (plus spaCy NER where the cheap pass finds something).

    .venv/bin/python bench/extract_throughput.py ../shared/corpus --repeat 1
"""
from __future__ import annotations

import argparse
import json
import time

from prolifwatch.extract import CHEAP, FULL, Extractor
from prolifwatch.extract.components import WORTH_NER
from prolifwatch.pipeline import parse_paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="Documents to use (0: all).")
    args = parser.parse_args()
    docs = [d for d in parse_paths(args.paths) if not hasattr(d, "reason")]
    if args.limit:
        docs = docs[: args.limit]
    chars = sum(len(d.text) for d in docs)
    results = {"documents": len(docs), "characters": chars}
    for name, components in (("cheap", CHEAP), ("full", FULL)):
        extractor = Extractor(components)
        extractor(docs[0])  # load the model outside the timing
        started = time.perf_counter()
        mentions = events = worth = 0
        for doc in docs:
            result = extractor(doc)
            mentions += len(result.mentions)
            events += len(result.events)
            worth += any(m.type in WORTH_NER or (m.key or "").startswith("entity:") for m in result.mentions)
        seconds = time.perf_counter() - started
        results[name] = {"seconds": round(seconds, 2), "docs_per_second": round(len(docs) / seconds, 1),
                         "mentions": mentions, "events": events, "documents_worth_ner": worth}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
