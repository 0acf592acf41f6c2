"""Score the event finders on the corpus events gold (issue 17).

    .venv/bin/python bench/score_events.py --split dev [--dump /tmp/dev.jsonl] [--ner-scope worth]

Rules are tuned on ``--split dev``; ``--split test`` is run only to report, and
each such run is counted in docs/extraction-quality.md.  Only cables whose
gold file exists are scored.  ``--dump`` writes the missed gold transfers and
the false predicted ones, one JSON per line, for reading.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from prolifwatch.extract import CHEAP, FULL, Extractor
from prolifwatch.extract.events_gold import load, read_split
from prolifwatch.extract.score_events import EventsReport, Matcher, score_document
from prolifwatch.pipeline import parse_paths

GOLD = Path("tests/data/gold/events")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--ner-scope", default="worth")
    parser.add_argument("--no-ner", action="store_true")
    parser.add_argument("--dump")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    gold_dir = Path(args.gold)
    rows = [r for r in read_split(gold_dir / "split.tsv") if args.split in ("all", r["split"])]
    extractor = Extractor(CHEAP if args.no_ner else FULL, ner_scope=args.ner_scope)
    matcher = Matcher(extractor.kb)
    report = EventsReport()
    for row in rows:
        path = gold_dir / f"{row['id']}.json"
        if not path.exists():
            continue
        gold = load(path)
        doc = next(d for d in parse_paths([row["path"]]) if not hasattr(d, "reason") and d.id == row["id"])
        predicted = [e.to_json() for e in extractor(doc).events]
        score_document(gold, predicted, matcher, report)
    result = report.to_json()
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        t = result["transfers"]
        print(f"{args.split}: {report.documents} cables · transfers P {t['precision']} R {t['recall']} F1 {t['f1']} "
              f"(tp {t['tp']} fp {t['fp']} fn {t['fn']})")
        for role, s in result["arguments"].items():
            print(f"  {role:<12} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}  (tp {s['tp']} fp {s['fp']} fn {s['fn']})")
        print(f"  status right {result['status_accuracy']} of {result['status_scored']} matched")
        a = result["actions"]
        print(f"  actions P {a['precision']} R {a['recall']} F1 {a['f1']} (tp {a['tp']} fp {a['fp']} fn {a['fn']})")
        print(f"  policy-only cables {result['policy_documents']}: {result['policy_false_transfers']} false transfers")
        for band in result["reliability"]:
            print(f"  confidence {band['confidence']}: {band['events']} events, {band['real']} real")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as handle:
            for miss in report.misses:
                handle.write(json.dumps({"kind": "missed", **miss}, ensure_ascii=False) + "\n")
            for false in report.false:
                handle.write(json.dumps({"kind": "false", **false}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
