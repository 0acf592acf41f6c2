"""A cable's created date when neither its layout nor its text states one.

``created`` is ISO 8601 at the precision known (reduced precision for the
rest, so values still sort and compare as strings):

    precision "day"    "2009-07-01T17:05:00" (layout, DTG, date line: the time is
                       known or the layout gives "T00:00:00") or "2009-07-01"
                       (estimated from the declassification date: no time)
    precision "month"  "2009-07"        (no source gives this today)
    precision "year"   "2009"           (the year of the cable id)

``created_source`` says where it came from: "layout", "dtg", "date-line",
"declassify-estimate", "id-year".  An estimate is never shown as if read.
"""
from __future__ import annotations

from datetime import date
from functools import cache
from ..datafiles import data_pairs
from .ids import century_year

__all__ = ["declassify_estimate", "full_year", "year_from_declassify"]

# The last year of the collections read (Cablegate runs to February 2010): a
# declassification offset that puts the cable after it is the wrong offset.
LAST_YEAR = 2010


@cache
def _offsets() -> tuple[int, ...]:
    """Declassification offsets in years that the corpus measurement supports, most common first."""
    rows = sorted((int(rank), int(offset)) for offset, rank in data_pairs("prolifwatch.cable", "declassify_offsets.tsv"))
    return tuple(offset for _, offset in rows)


def full_year(cable_id: str | None) -> int | None:
    """``"09STATE68250"`` -> ``2009``; cables run from 1966 to 2010."""
    if not cable_id or not cable_id[:2].isdigit():
        return None
    return century_year(cable_id[:2])


def _decl_day(declassify_on: str | None) -> date | None:
    # parse_declassify_on gives ISO "YYYY-MM-DD" for a date, the text as printed otherwise
    if not declassify_on or len(declassify_on) != 10 or declassify_on[4] != "-":
        return None
    try:
        return date.fromisoformat(declassify_on)
    except ValueError:
        return None


def _same_day_in(year: int, day: date) -> str:
    try:
        return day.replace(year=year).isoformat()
    except ValueError:  # 29 February in a year without one
        return date(year, 2, 28).isoformat()


def declassify_estimate(declassify_on: str | None, year: int | None) -> str | None:
    """The created day estimated from the DECL date, ``"YYYY-MM-DD"``, or None.

    ``year`` is the cable's year (from its id).  The DECL day is taken as the
    created day when DECL minus the year is one of the measured offsets
    (``data/declassify_offsets.tsv``); otherwise the pattern is not known to
    hold and None is returned.
    """
    day = _decl_day(declassify_on)
    if day is None or year is None or day.year - year not in _offsets():
        return None
    return _same_day_in(year, day)


def year_from_declassify(declassify_on: str | None) -> int | None:
    """The cable's year as its DECL date gives it: DECL minus the most common
    measured offset that does not pass the collection's last year.

    Used only where the header's date belongs to another cable (a WikiLeaks
    page that carries another cable's text, see ``cable.consistency``).
    """
    day = _decl_day(declassify_on)
    if day is None:
        return None
    for offset in _offsets():
        if 1966 <= day.year - offset <= LAST_YEAR:
            return day.year - offset
    return None
