"""The office a cable came from ("Embassy Rome", "Secretary of State", "UNVIE").

WikiLeaks pages, cables.csv rows and some scraped pages state it; every other
layout (scraped text, PDF, plain text) states only the FM line and the
serial line.  The station -> office table is data (``data/origins.tsv``),
spelled as the WikiLeaks pages and cables.csv spell it, so a facet on
"Embassy Beijing" finds a cable whatever layout it was read from.
"""
from __future__ import annotations

import re
from functools import cache

from ..datafiles import data_lines
from .ids import station, station_of

__all__ = ["origin_from_fm", "origin_of", "origin_of_station"]

# FM-line prefixes naming the kind of office: "AMEMBASSY ROME", "AMCONSUL CAPE TOWN",
# "USMISSION USNATO".  What follows is the station.
_FM_PREFIX = re.compile(r"^(?P<kind>AMEMBASSY|AMEMB|AMCONSUL(?:ATE)?|AMCONGEN|USMISSION)\s+(?P<rest>.+)$")
# Where the table has no row, the FM line's own kind still names the office.
_KIND = {"AMEMBASSY": "Embassy", "AMEMB": "Embassy", "AMCONSUL": "Consulate",
         "AMCONSULATE": "Consulate", "AMCONGEN": "Consulate", "USMISSION": "Mission"}


@cache
def _table() -> dict[str, tuple[tuple[int, str], ...]]:
    """Station code -> ((since, origin), ...) in year order."""
    table: dict[str, list[tuple[int, str]]] = {}
    for line in data_lines("prolifwatch.cable", "origins.tsv"):
        cols = line.split("\t")
        since = int(cols[2]) if len(cols) > 2 and cols[2].strip() else 0
        table.setdefault(cols[0].strip(), []).append((since, cols[1].strip()))
    return {code: tuple(sorted(rows)) for code, rows in table.items()}


def origin_of_station(code: str | None, year: int | None = None) -> str | None:
    """``"ROME"`` -> ``"Embassy Rome"``; None for a station not in the table."""
    rows = _table().get(code or "")
    if not rows:
        return None
    found = rows[0][1]
    for since, origin in rows:
        if year is None or year >= since:
            found = origin
    return found


def origin_from_fm(fm: str | None, year: int | None = None) -> str | None:
    """The office of an FM line: ``"AMEMBASSY BEIJING"`` -> ``"Embassy Beijing"``,
    ``"USEU BRUSSELS"`` -> ``"USEU Brussels"`` (whose ids of 2007 read BRUSSELS,
    like the embassy's: the FM line tells them apart).  None when the line
    names no known office."""
    if not fm:
        return None
    fm = " ".join(fm.upper().split())
    yy = f"{year % 100:02d}" if year else None
    if found := origin_of_station(station(fm, yy), year):
        return found
    m = _FM_PREFIX.match(fm)
    if m is None:
        return None
    rest = m["rest"]
    if found := origin_of_station(station(rest, yy), year):
        return found
    # an office the table does not list: its kind and place as the layouts spell them
    return f"{_KIND[m['kind']]} {rest.title()}"


def origin_of(cable_id: str | None, fm: str | None = None, year: int | None = None) -> str | None:
    """The origin from the FM line, else from the station of the cable id."""
    return origin_from_fm(fm, year) or origin_of_station(station_of(cable_id or ""), year)
