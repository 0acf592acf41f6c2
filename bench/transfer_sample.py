"""Transfers found in a folder of documents, and a reproducible sample of them
to check by hand (issue 3: "list the cables with at least one transfer, check
30 of them by hand and report precision"); also how many item mentions got a
control-list code.

    .venv/bin/python bench/transfer_sample.py ../shared/corpus/scraped-text --sample 30 --out docs/transfer-sample.tsv
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter

from prolifwatch.export.cells import InertDictWriter
from prolifwatch.extract import Extractor
from prolifwatch.pipeline import parse_paths

CONTROL_LISTS = ("MTCR", "NSG", "Wassenaar", "AustraliaGroup", "CWC")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--out", help="TSV of the sample, with an empty 'judgement' column to fill in.")
    parser.add_argument("--min-confidence", type=float, default=0.0,
                        help="Draw only from transfers with at least this confidence (issue 17).")
    args = parser.parse_args()
    extractor = Extractor()
    rows, with_transfer, items = [], [], Counter()
    for doc in parse_paths(args.paths):
        if hasattr(doc, "reason"):
            continue
        extraction = extractor(doc)
        for m in extraction.mentions:
            if m.type == "Item":
                kind = (m.key or "").partition(":")[0]
                regime = (m.key or "").partition(":")[2].split(" ")[0] if kind == "item" else ""
                items["coded" if regime in CONTROL_LISTS else "model number" if kind == "model" else "uncoded"] += 1
        transfers = [e for e in extraction.events if e.type == "transfer" and e.confidence >= args.min_confidence]
        if transfers:
            with_transfer.append(doc.id)
        for t in transfers:
            rows.append({"document": doc.id, "paragraph": t.evidence.paragraph, "status": t.status,
                         "confidence": round(t.confidence, 2),
                         **{role: "; ".join(a.text.replace("\n", " ") for a in t.values(role))
                            for role in ("supplier", "recipient", "items", "via", "carrier")},
                         "evidence": " ".join(t.evidence.text.split())})
    sample = random.Random(args.seed).sample(rows, min(args.sample, len(rows)))
    if args.out:
        with open(args.out, "w", newline="", encoding="utf-8") as handle:
            # the evidence is the cable's text: a spreadsheet opening the sample must not read "-- We ..." as a formula
            writer = InertDictWriter(handle, [*sample[0], "judgement"], delimiter="\t")
            writer.writeheader()
            writer.writerows(sample)
    print(json.dumps({"documents_with_a_transfer": len(with_transfer), "transfers": len(rows),
                      "item_mentions": dict(items), "sampled": len(sample)}, indent=2))


if __name__ == "__main__":
    main()
