"""How far two readings of the same cables agree (issue 17): the ceiling any
finder can reach against the events gold.

    .venv/bin/python bench/gold_agreement.py tests/data/gold/events SECOND_DIR [--json]

Each cable read twice (a file of the same name in both folders) is scored
with the events scorer (``extract/score_events.py``), the first reading as
gold and the second as if a finder had written it; the figures are symmetric
in precision and recall (swap the folders and they swap).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from prolifwatch.extract.events_gold import load
from prolifwatch.extract.score_events import EventsReport, Matcher, score_document
from prolifwatch.knowledge import load_knowledge

ROLES = ("supplier", "broker", "origin", "recipient", "end_user", "items", "via", "destination", "carrier",
         "actor", "counterpart")


def as_found(reading: dict[str, Any]) -> list[dict[str, Any]]:
    """A gold reading in the shape ``Event.to_json`` gives found events."""
    out = []
    for type_, key in (("transfer", "transfers"), ("diplomatic_action", "diplomatic_actions")):
        for event in reading.get(key, []):
            found: dict[str, Any] = {"type": type_, "status": event.get("status"), "kind": event.get("kind"),
                                     "confidence": 1.0, "evidence": {"paragraph": event["paragraph"]}}
            for role in ROLES:
                found[role] = [{"text": v} for v in event.get(role) or [] if v]
            out.append(found)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    matcher = Matcher(load_knowledge())
    report = EventsReport()
    read = []
    for second_path in sorted(args.second.glob("*.json")):
        first_path = args.first / second_path.name
        if not first_path.exists():
            continue
        read.append(second_path.stem)
        score_document(load(first_path), as_found(load(second_path)), matcher, report)
    figures = report.to_json()
    figures.pop("reliability")
    figures["cables"] = read
    if args.json:
        print(json.dumps(figures))
        return
    t = report.transfers
    print(f"{len(read)} cables read twice: transfers P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f} "
          f"(both {t.tp}, first only {t.fn}, second only {t.fp})")
    for role, s in report.arguments.items():
        print(f"  {role:12} F1 {s.f1:.3f} (both {s.tp}, first only {s.fn}, second only {s.fp})")
    print(f"status the same on {report.status_right} of {report.status_scored} matched transfers")
    a = report.actions
    print(f"diplomatic actions P {a.precision:.3f} R {a.recall:.3f} F1 {a.f1:.3f}")


if __name__ == "__main__":
    main()
