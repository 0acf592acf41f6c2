"""Dates of transfers as intervals, for comparing and ordering them.

An event's ``date`` is an ISO day (``2007-11-04``), a month (``2007-11``), a
year (``2007``) or a window (``2007-11-24/2007-11-26``).  Each becomes the
interval of days it covers.  A transfer its document does not date gets the
document's date as a *fallback*: the interval of the year before the document
(a cable reports what happened or is about to; an undated report is weak
evidence of when), marked so comparisons treat it as loose.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Interval:
    start: date
    end: date
    precision: str      # day | month | year | window | document
    own: bool           # dated by the event itself, not its document
    # start and end as day numbers: gaps are measured for millions of pairs
    first: int = field(init=False, repr=False, compare=False)
    last: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "first", self.start.toordinal())
        object.__setattr__(self, "last", self.end.toordinal())

    def gap_days(self, other: "Interval") -> int:
        """Days between the two intervals; 0 when they overlap."""
        if self.last < other.first:
            return other.first - self.last
        if other.last < self.first:
            return self.first - other.last
        return 0

    def years(self, pad_days: int) -> range:
        """Calendar years the interval touches once widened by ``pad_days`` each side (for blocking)."""
        return range((self.start - timedelta(days=pad_days)).year, (self.end + timedelta(days=pad_days)).year + 1)


def _bounds(text: str) -> tuple[date, date, str] | None:
    text = text.strip()[:10]
    try:
        if len(text) >= 10:
            day = date.fromisoformat(text)
            return day, day, "day"
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
        if len(text) == 4:
            year = int(text)
            return date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError:
        return None
    return None


def parse_interval(value: str | None) -> Interval | None:
    """The interval an event date covers, or None when it is missing or unreadable."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = _bounds(first), _bounds(last)
        if a is None or b is None or b[1] < a[0]:
            return None
        return Interval(a[0], b[1], "window", True)
    bounds = _bounds(value)
    if bounds is None:
        return None
    return Interval(bounds[0], bounds[1], bounds[2], True)


def transfer_interval(event_date: str | None, document_date: str | None, *,
                      before_days: int, after_days: int) -> Interval | None:
    """The event's own interval, else the fallback window around its document's date."""
    own = parse_interval(event_date)
    if own is not None:
        return own
    doc = _bounds(document_date or "")
    if doc is None:
        return None
    return Interval(doc[0] - timedelta(days=before_days), doc[1] + timedelta(days=after_days), "document", False)


def sort_key(event_date: str | None, document_date: str | None) -> str:
    """An ISO string that orders events: the start of the event's own date, else its document's date."""
    own = parse_interval(event_date)
    if own is not None:
        return own.start.isoformat()
    return (document_date or "9999")[:10]
