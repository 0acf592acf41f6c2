"""Score the event finders on the corpus events gold (issue 17).

    .venv/bin/python bench/score_events.py --split dev [--dump /tmp/dev.jsonl] [--ner-scope worth]

Rules are tuned on ``--split dev``; ``--split test`` is run only to report, and
each such run is counted in docs/extraction-quality.md.  Only cables whose
gold file exists are scored.  ``--dump`` writes the missed gold transfers,
the false predicted ones and the matched ones whose dates differ ("kind":
"date"), one JSON per line, for reading.
"""
from __future__ import annotations

import argparse
import json
from prolifwatch.extract import CHEAP, FULL, Extractor
from prolifwatch.extract.score_events import score_split

GOLD = "tests/data/gold/events"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--ner-scope", default="worth")
    parser.add_argument("--no-ner", action="store_true")
    parser.add_argument("--dump")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    extractor = Extractor(CHEAP if args.no_ner else FULL, ner_scope=args.ner_scope)
    report = score_split(args.gold, args.split, extractor)
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
        d = result["date"]
        print(f"  date (matched) P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f}  (tp {d['tp']} fp {d['fp']} "
              f"fn {d['fn']}; {d['gold_dated']} gold dated, {d['wrong']} wrong)")
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
            for error in report.date_errors:
                handle.write(json.dumps({"kind": "date", **error}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
