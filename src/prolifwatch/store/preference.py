"""Which record to keep when several files give the same document.

The choice must not depend on the order files were ingested in: the record
that states more fields wins, then the layout that carries the most of the
original (the WikiLeaks page has the full header; scraped text has only the
body), then the checksum of its source as a last, arbitrary but stable, tie-break.
"""
from __future__ import annotations

from typing import Any

from ..model import Document
from .doc_dates import ESTIMATED_SOURCES

# Most complete layout first.
LAYOUT_ORDER = (
    "wikileaks-html",
    "plusd-html",
    "cables-csv",
    "wikileaks-page-text",
    "cable-search-export",
    "cable-preamble-text",
    "plain-cable-text",
    "cable-pdf",
    "scraped-cable-text",
    "article-html",
    "article-text",
)
_LAYOUT_RANK = {name: len(LAYOUT_ORDER) - i for i, name in enumerate(LAYOUT_ORDER)}

# Keys that are not something the file states: warnings say the file
# disagrees with itself, and an estimated date was worked out, not read, so a
# record whose date is an estimate must not outrank one that reads the date.
_NOT_STATED = frozenset({"sources", "paragraphs", "warnings"})
_NOT_STATED_BY_ESTIMATE = _NOT_STATED | {"created", "created_precision", "created_source"}


def preference(doc: Document, record: dict[str, Any] | None = None) -> str:
    """A string that sorts higher for the record to keep (``record``: ``doc.to_json()``
    when the caller has it already)."""
    record = doc.to_json() if record is None else record
    skipped = _NOT_STATED_BY_ESTIMATE if record.get("created_source") in ESTIMATED_SOURCES else _NOT_STATED
    filled = sum(1 for key, value in record.items() if key not in skipped and value)
    source = doc.sources[0] if doc.sources else None
    layout = _LAYOUT_RANK.get(source.format, 0) if source else 0
    return f"{filled:03d}|{len(doc.paragraphs) > 0:d}|{layout:02d}|{source.sha256 if source else ''}"
