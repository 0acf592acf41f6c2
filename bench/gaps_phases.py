"""Where the time of ``--ner-scope gaps`` goes, per document, on one core.

Runs the steps of ``Extractor._events_first`` one by one over the first N
cables of a cables.csv and prints the CPU time of each, averaged over all N
documents (NER and what follows it run only for the documents where the
scope takes a passage).  The events are found again after NER both ways, in
the same run: over the whole document, as before 2026-11-23 (fifth round),
and only in the paragraphs whose mentions changed, as the scope now does.
Last, the whole of what a parser process of the ingest does for each
document (``analyse_raw``: parse, extract, table rows) with ``off`` and ``gaps``.

    .venv/bin/python bench/gaps_phases.py bench/out/cables.csv --limit 1000
"""
from __future__ import annotations

import argparse
import itertools
import time
from collections import defaultdict
from pathlib import Path

from prolifwatch.extract import Extractor
from prolifwatch.extract.events import find_events
from prolifwatch.extract.pipeline import _gap_passages, passages_of
from prolifwatch.formats.cables_csv import read_stream
from prolifwatch.model import RawDocument
from prolifwatch.pipeline import analyse_raw, parse_raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    with args.csv.open("rb") as handle:
        raws = [r for r in itertools.islice(read_stream(handle, str(args.csv)), args.limit)
                if isinstance(r, RawDocument)]
    docs = [parse_raw(r) for r in raws]
    extractor = Extractor(ner_scope="gaps")
    extractor(docs[0])  # the model loads outside the timing
    ner = extractor.names.index("ner")
    seconds: dict[str, float] = defaultdict(float)
    taken = 0
    for doc in docs:
        clock = time.process_time()

        def lap(step: str) -> None:
            nonlocal clock
            now = time.process_time()
            seconds[step] += now - clock
            clock = now

        passages = passages_of(doc)
        before = extractor._run(0, ner, passages, [])
        lap("cheap mentions before NER's place")
        cheap = extractor._run(ner + 1, len(extractor.components), passages, before)
        lap("cheap mentions after it (merge, short forms, keys)")
        events = find_events(doc, passages, cheap, extractor.kb)
        lap("events")
        reads = _gap_passages(passages, events)
        if not reads:
            continue
        taken += 1
        mentions = extractor._run(ner, ner + 1, passages, before, reads)
        lap("NER on the gap passages")
        mentions = extractor._run(ner + 1, len(extractor.components), passages, mentions)
        lap("mentions after NER again")
        whole = find_events(doc, passages, mentions, extractor.kb)
        lap("events again, whole document (before)")
        changed = find_events(doc, passages, mentions, extractor.kb, earlier=(cheap, events))
        lap("events again, changed paragraphs only (now)")
        assert changed == whole, doc.id
    print(f"{len(docs):,} cables of {args.csv}; the scope took passages in {taken:,} of them")
    for step, total in seconds.items():
        print(f"{step:50s} {total * 1000 / len(docs):6.2f} ms a document")
    # what a parser process of the ingest pays for each document, all of it
    for scope in ("off", "gaps"):
        analyse_raw(raws[0], True, True, scope)
        clock = time.process_time()
        for raw in raws:
            analyse_raw(raw, True, True, scope)
        print(f"{'parse, extract, table rows (analyse_raw), ' + scope:50s} "
              f"{(time.process_time() - clock) * 1000 / len(raws):6.2f} ms a document")


if __name__ == "__main__":
    main()
