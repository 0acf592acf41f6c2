"""Print a cable's parsed paragraphs with their index and printed number, as
the events gold cites them (``paragraph``, ``paragraph_number``).

    .venv/bin/python bench/show_paragraphs.py ../shared/corpus/scraped-text/07STATE152317.txt
"""
from __future__ import annotations

import sys

from prolifwatch.pipeline import parse_paths

for doc in parse_paths(sys.argv[1:]):
    if hasattr(doc, "reason"):
        print(f"failed: {doc}")
        continue
    print(f"=== {doc.id} · {doc.subject or ''} · created {doc.created or '?'} · origin {doc.origin or '?'}")
    for p in doc.paragraphs:
        print(f"--- paragraph {p.index} · number {p.number!r}")
        print(p.text)
