"""Dates as news pages and cable layouts print them, to ISO 8601 dates (shared by every stage)."""
from __future__ import annotations

import re
from datetime import date, datetime

_FORMATS = (
    # "Monday, November 29, 2010" (Washington Post)
    (re.compile(r"(?:[A-Z][a-z]+day,\s+)?([A-Z][a-z]+\.? \d{1,2}, \d{4})"), ("%B %d, %Y", "%b. %d, %Y", "%b %d, %Y")),
    # "29 November 2010"
    (re.compile(r"(?:[A-Z][a-z]+day,?\s+)?(\d{1,2} [A-Z][a-z]+ \d{4})"), ("%d %B %Y", "%d %b %Y")),
    # "06/14/2012, 00.00" (AsiaNews, month first)
    (re.compile(r"(\d{2}/\d{2}/\d{4})(?:,\s*\d{2}[.:]\d{2})?"), ("%m/%d/%Y", "%d/%m/%Y")),
    # "2010-11-29" and ISO timestamps
    (re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+Z-]*)?"), ("%Y-%m-%d",)),
)


def parse_date_line(line: str) -> date | None:
    """The date a whole line states, or None when the line is more than a date."""
    line = line.strip()
    for pattern, formats in _FORMATS:
        m = pattern.fullmatch(line)
        if not m:
            continue
        for fmt in formats:
            try:
                return datetime.strptime(m.group(1), fmt).date()
            except ValueError:
                continue
    return None
