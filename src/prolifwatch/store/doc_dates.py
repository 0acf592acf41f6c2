"""Document dates as the interval of days they stand for, at the precision known.

A cable's ``created`` is known to the day, the month or the year, and read
(from the layout, the date-time group, a date line) or estimated (from the
declassification date, the year of its id): ``Cable.created_precision`` and
``created_source``.  A reduced date is written either short ("2008",
"2008-03") or as its first day ("2008-01-01" with precision "year"); both
mean the same interval, 2008-01-01..2008-12-31.  A date the text alone gives
no precision for (articles, records stored before precision existed) is as
precise as it is written.

Search filters compare these intervals with the interval the user typed:
``--since 2008`` starts on 2008-01-01, ``--until 2008-03`` ends on 2008-03-31.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

PRECISIONS = ("year", "month", "day")  # coarsest first: their codes in doc values are 1, 2, 3
ESTIMATED_SOURCES = frozenset({"declassify-estimate", "id-year"})
EPOCH = date(1970, 1, 1).toordinal()  # day numbers count from 1970-01-01 (earlier days are negative)

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
BOUND_FORMS = "YYYY-MM-DD (or YYYY-MM, YYYY)"
BOUND_EXAMPLE = "2008-03-09"


def precision_of(text: str | None, stated: str | None = None) -> str | None:
    """How precisely ``text`` dates its document (None without a date).

    The precision the record states, when it is coarser than the written date
    and the date is written as that interval's first day ("2008-01-01" for
    the year); else the date as written.  A coarser precision on another day
    ("2008-03-15", "year") contradicts its date and is not taken: doc values
    read the stated precision only for dates that can be reduced, and what is
    shown must be what is filtered on.
    """
    if not text:
        return None
    written = "year" if len(text) < 7 else "month" if len(text) < 10 else "day"
    if stated == written or stated not in PRECISIONS or PRECISIONS.index(stated) > PRECISIONS.index(written):
        return written
    reducible = text[8:10] == "01" and (stated == "month" or text[5:7] == "01") if written == "day" \
        else text[5:7] == "01"  # written month, stated year
    return stated if reducible else written


def day_bounds(text: str | None, precision: str | None) -> tuple[int, int] | None:
    """(first day, last day) as day numbers, None for no date or one that is not ISO."""
    if not text or precision not in PRECISIONS:
        return None
    m = _ISO.match(text)
    if m is None:
        return None
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        if precision == "year":
            first, last = date(year, 1, 1), date(year, 12, 31)
        elif precision == "month" or m[3] is None:
            first = date(year, month, 1)
            last = date(year, month, calendar.monthrange(year, month)[1])
        else:
            first = last = date(year, month, day)
    except ValueError:  # year 0, month 13, 30 February
        return None
    return first.toordinal() - EPOCH, last.toordinal() - EPOCH


def shown(text: str | None, precision: str | None) -> str | None:
    """The date as far as it is known: "2008", "2008-03", "2008-03-09"."""
    if not text:
        return None
    return text[:{"year": 4, "month": 7}.get(precision or "", 10)]


def notes(precision: str | None, source: str | None = None) -> list[str]:
    """What a reader must know of a date beside its digits: ["year", "estimated"]."""
    found = [precision] if precision in ("year", "month") else []
    return found + (["estimated"] if source in ESTIMATED_SOURCES else [])


def label(text: str | None, precision: str | None, source: str | None = None) -> str:
    """For people: "2008-03-09", "2008 (year)", "2008 (year, estimated)", "-" without a date."""
    if not text:
        return "-"
    said = notes(precision, source)
    return shown(text, precision) + (f" ({', '.join(said)})" if said else "")


def parse_bound(text: str) -> tuple[int, int]:
    """A date a user types as a filter bound (YYYY, YYYY-MM or YYYY-MM-DD) as
    (first day, last day); ValueError saying the expected form for anything else."""
    m = _ISO.fullmatch(text.strip())
    found = day_bounds(text.strip(), "day" if m and m[3] else "month" if m and m[2] else "year") if m else None
    if found is None:
        raise ValueError(f"{text}: use {BOUND_FORMS}, e.g. {BOUND_EXAMPLE}")
    return found


def day_text(day: int) -> str:
    """A day number as an ISO date."""
    return date.fromordinal(day + EPOCH).isoformat()
