"""How complete and consistent the cable records are: origin, created date, warnings.

    .venv/bin/python bench/record_fields.py ../shared/seeds ../shared/corpus [--list]

Parses every cable (formats.read_paths + cable.document.cable_from_raw) and prints
  * cables, with an origin, with a created date by source and precision;
  * the estimate accuracy: for each cable whose layout states the date, the
    record made again WITHOUT the layout's date (meta "created" removed) is
    compared with it -- within 7 days, exact day; a year-only estimate counts
    as a miss;
  * the declassification pattern: on the same cables, (DECL year - id year)
    and how often id year + DECL month/day is within 7 days of the date;
  * layout-stated origins that differ from data/origins.tsv for the station;
  * cables with warnings, by field;
  * groups of records with the same id (one cable read from several files or
    layouts): disagreements per field.
"""
from __future__ import annotations

import argparse
import collections
import copy
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from prolifwatch.cable.created import _offsets, full_year  # noqa: E402
from prolifwatch.cable.document import CableWithoutId, cable_from_raw  # noqa: E402
from prolifwatch.cable.ids import station_of  # noqa: E402
from prolifwatch.cable.origins import origin_of_station  # noqa: E402
from prolifwatch.formats import read_paths  # noqa: E402
from prolifwatch.model import RawDocument  # noqa: E402

_ESTIMATES = ("declassify-estimate", "id-year")
GROUP_FIELDS = ("id", "created", "created_source", "origin", "classification", "tags", "references", "subject")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--list", action="store_true", help="list every miss, mismatch and warning")
    args = ap.parse_args()

    cables, pairs = [], []  # pairs: (raw, record) for the estimate measurement
    for raw in read_paths(args.paths):
        if not isinstance(raw, RawDocument) or raw.kind != "cable":
            continue
        try:
            cable = cable_from_raw(raw)
        except CableWithoutId:
            print(f"no id: {raw.source.path}")
            continue
        cables.append((raw, cable))
        if raw.meta.get("created"):
            pairs.append((raw, cable))
    n = len(cables)
    print(f"cables: {n}")
    with_origin = sum(1 for _, c in cables if c.origin)
    print(f"with origin: {with_origin} ({100 * with_origin / n:.1f} %)")
    with_created = sum(1 for _, c in cables if c.created)
    print(f"with created: {with_created} ({100 * with_created / n:.1f} %)")
    by = collections.Counter((c.created_source, c.created_precision) for _, c in cables)
    for (source, precision), count in sorted(by.items(), key=lambda x: -x[1]):
        print(f"  {source or '-':22} {precision or '-':6} {count}")
    if args.list:
        for raw, c in cables:
            if not c.origin:
                print(f"  no origin: {c.id} {raw.source.path}")

    _estimates(pairs, args.list)
    _declassify_pattern(pairs)
    _layout_origins(cables, args.list)
    _warnings(cables, args.list)
    _groups(cables, args.list)


def _estimates(pairs, listing: bool) -> None:
    within = exact = 0
    sources = collections.Counter()
    for raw, cable in pairs:
        stripped = copy.copy(raw)
        stripped.meta = {k: v for k, v in raw.meta.items() if k != "created"}
        again = cable_from_raw(stripped)
        truth, guess = _day(cable.created), _day(again.created)
        hit = truth is not None and guess is not None and abs((guess - truth).days) <= 7
        within += hit
        exact += hit and guess == truth
        sources[(again.created_source, hit)] += 1
        if listing and not hit:
            print(f"  estimate miss: {cable.id} layout {cable.created} estimate {again.created} ({again.created_source})")
    n = len(pairs)
    print(f"estimate without the layout's date, on {n} cables whose layout states it: "
          f"within 7 days {within} ({100 * within / max(n, 1):.1f} %), same day {exact}")
    for (source, hit), count in sorted(sources.items(), key=str):
        print(f"  {source or '-':22} {'within 7 days' if hit else 'miss':14} {count}")


def _declassify_pattern(pairs) -> None:
    offsets = collections.defaultdict(lambda: [0, 0, 0])
    for _, cable in pairs:
        decl, truth, year = _day(cable.declassify_on), _day(cable.created), full_year(cable.id)
        if decl is None or truth is None or year is None:
            continue
        try:
            guess = decl.replace(year=year)
        except ValueError:
            guess = date(year, 2, 28)
        row = offsets[decl.year - year]
        row[0] += 1
        row[1] += abs((guess - truth).days) <= 7
        row[2] += guess == truth
    print("declassification offset (DECL year - id year): cables, id year + DECL day within 7 days, same day")
    for offset, (count, near, same) in sorted(offsets.items()):
        print(f"  {offset:3} {count:5} {near:5} {same:5}")
    used = [offsets[o] for o in _offsets() if o in offsets]
    count, near = sum(u[0] for u in used), sum(u[1] for u in used)
    print(f"  the estimate alone (offsets {', '.join(map(str, _offsets()))}): {near} of {count} "
          f"within 7 days ({100 * near / max(count, 1):.1f} %), in sample: the offsets were chosen on these cables")


def _layout_origins(cables, listing: bool) -> None:
    checked, differ = 0, collections.Counter()
    for raw, cable in cables:
        stated = raw.meta.get("origin")
        if not stated:
            continue
        checked += 1
        table = origin_of_station(station_of(cable.id), full_year(cable.id))
        if table != stated:
            differ[(raw.source.format, stated, table, cable.origin)] += 1
    print(f"layout-stated origins: {checked}, differing from data/origins.tsv: {sum(differ.values())}")
    for (layout, stated, table, kept), count in sorted(differ.items(), key=str):
        print(f"  {layout}: {stated!r} table {table!r} record {kept!r} x{count}")


def _warnings(cables, listing: bool) -> None:
    warned = [(raw, c) for raw, c in cables if c.warnings]
    fields = collections.Counter(w["field"] for _, c in warned for w in c.warnings)
    print(f"cables with warnings: {len(warned)} {dict(fields)}")
    if listing:
        for raw, c in warned:
            for w in c.warnings:
                print(f"  {c.id} ({raw.source.path}): {w['message']}")


def _groups(cables, listing: bool) -> None:
    groups = collections.defaultdict(list)
    for raw, cable in cables:
        groups[cable.id].append((raw, cable))
    multi = {k: v for k, v in groups.items() if len(v) > 1}
    differ = collections.Counter()
    for cid, members in sorted(multi.items()):
        for name in GROUP_FIELDS:
            # created: the day (layouts print different minutes for one cable)
            values = {repr(c.to_json().get(name))[:11] if name == "created" else repr(c.to_json().get(name))
                      for _, c in members}
            if len(values) > 1:
                differ[name] += 1
                if listing:
                    print(f"  {cid} {name}: " + " | ".join(
                        f"{raw.source.format}={c.to_json().get(name)!r}" for raw, c in members))
    # a date read (layout, DTG, date line) against another read one, to the day
    read_differ = 0
    for members in multi.values():
        days = {c.created[:10] for _, c in members if c.created_source not in _ESTIMATES}
        read_differ += len(days) > 1
    print(f"distinct ids: {len(groups)}; ids read from more than one file: {len(multi)}")
    print(f"  created read from two sources and differing in the day: {read_differ} "
          "(the rest of the created disagreements: an estimate against a read date)")
    print("  disagreements per field: " + ", ".join(f"{f} {differ[f]}" for f in GROUP_FIELDS))


if __name__ == "__main__":
    main()
