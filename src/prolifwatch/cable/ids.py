"""Canonical cable ids: two-digit year + station + serial without leading zeros.

``07STATE159388``, ``08BEIJING3400``, ``09UNVIEVIENNA279``.  Ids reach us in
many spellings -- ``08 BEIJING 003400``, PlusD's ``1974ATHENS02959_b``, the
WikiLeaks page with the year doubled (``7575LIBREVILLE1895``), stations
spelled out (``THE HAGUE``, ``USUN NEW YORK``), abbreviated (``UNVIE``,
``SECSTATE``, ``RIO``), misspelled (``GUATEMLA``), cut to ten characters by
page headers (``RIO DE JAN``) or led by an office prefix (``AMEMBASSY HANOI``,
``USMISSION UNVIE VIENNA``) -- and all of them must name the same document,
under the station its Cablegate id uses.  The spellings and the prefixes are
data (``data/stations.tsv``), loaded once on first use.
"""
from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

__all__ = ["canonical_id", "id_from_serial_line", "is_station", "station", "two_digit_year"]

# Stations are compared without spaces, dots, hyphens or apostrophes.
_NOT_LETTER = re.compile(r"[^A-Z]+")

_ID = re.compile(
    r"""
    ^\s*
    (?: (?P<y4>(?:19|20)\d\d)      # 1974ATHENS02959_b (PlusD), 2008 BEIJING 3400
      | (?P<yy>\d\d)(?P=yy)        # 7575LIBREVILLE1895: the year printed twice
      | (?P<y2>\d\d) )
    \s*
    (?P<station>[A-Z][A-Z .'-]*?[A-Z])
    \s*-?\s*
    0*(?P<serial>\d{1,7})
    (?:_[A-Z]\d*)?                 # PlusD dataset suffix: _a cablegate, _b Kissinger, _b2 ...
    \s*$
    """,
    re.VERBOSE,
)


@cache
def _rows() -> tuple[tuple[str, str, int], ...]:
    """(spelling as printed, canonical station, first year it applies) per table row."""
    text = files("prolifwatch.cable").joinpath("data/stations.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        since = int(cols[2]) if len(cols) > 2 and cols[2].strip() else 0
        rows.append((cols[0].strip().upper(), cols[1].strip(), since))
    return tuple(rows)


# A row "AMEMBASSY *" is an office prefix: "AMEMBASSY HANOI" is the station HANOI.
_ANY_STATION = "*"


@cache
def _station_table() -> dict[str, tuple[str, int]]:
    """Compact spelling -> (canonical station, first year the mapping applies)."""
    return {
        _NOT_LETTER.sub("", spelling): (canonical, since)
        for spelling, canonical, since in _rows()
        if canonical != _ANY_STATION
    }


@cache
def _prefixes() -> tuple[str, ...]:
    """Compact office prefixes ("AMEMBASSY", "USMISSION", "EFTO"), longest first."""
    found = {_NOT_LETTER.sub("", spelling) for spelling, canonical, _ in _rows() if canonical == _ANY_STATION}
    return tuple(sorted(found, key=len, reverse=True))


def _lookup(compact: str) -> tuple[str, tuple[str, int] | None]:
    """(spelling without its office prefix, table row) -- the row None when unknown.

    A prefix is dropped only before a known station, so an unknown spelling
    comes back whole ("EFTOSOMEWHERE" stays as printed).
    """
    table = _station_table()
    hit = table.get(compact)
    if hit is not None:
        return compact, hit
    # one C-level startswith over all prefixes: most misses start with none
    if compact.startswith(_prefixes()):
        for prefix in _prefixes():
            rest = compact[len(prefix):]
            if compact.startswith(prefix) and (hit := table.get(rest)) is not None:
                return rest, hit
    return compact, None


def is_station(raw: str) -> bool:
    """True if ``raw`` is a station spelling in ``data/stations.tsv`` ("THE HAGUE", "SECSTATE"),
    alone or after an office prefix ("AMEMBASSY HANOI")."""
    return _lookup(_NOT_LETTER.sub("", raw.upper()))[1] is not None


def two_digit_year(year: int | str | None) -> str | None:
    """``2009``, ``"2009"``, ``9``, ``"09"`` -> ``"09"``; anything else -> None."""
    if year is None:
        return None
    if isinstance(year, int):
        return f"{year % 100:02d}" if year >= 0 else None
    year = year.strip()
    if not year.isdigit() or len(year) not in (1, 2, 4):
        return None
    return year[-2:].zfill(2)


def station(raw: str, year: int | str | None = None) -> str:
    """The canonical station for a spelling: ``"RIO DE JAN"`` -> ``"RIODEJANEIRO"``.

    Unknown stations come back upper-cased with spaces and punctuation removed,
    so ``station`` is total and idempotent.  ``year`` matters only for mappings
    that start in a given year (TAIPEI became AITTAIPEI in 1979).
    """
    compact, hit = _lookup(_NOT_LETTER.sub("", raw.upper()))
    if hit is None:
        return compact
    canonical, since = hit
    if since:
        yy = two_digit_year(year)
        if yy is not None and century_year(yy) < since:
            return compact
    return canonical


def century_year(yy: str) -> int:
    """``"09"`` -> 2009, ``"74"`` -> 1974."""
    # Cables run from 1966 to 2010; a two-digit year above 50 is 19xx.
    n = int(yy)
    return 1900 + n if n > 50 else 2000 + n


def canonical_id(raw: str) -> str | None:
    """``"08 BEIJING 003400"`` -> ``"08BEIJING3400"``; None if ``raw`` is not a cable id.

    Accepts two- and four-digit years, spaces anywhere between the parts,
    PlusD ids (``1973STATE097844_b`` -> ``73STATE97844``), the doubled year of
    ``7575LIBREVILLE1895`` and every station spelling in ``data/stations.tsv``.
    """
    if not raw:
        return None
    m = _ID.match(raw.upper())
    if m is None:
        return None
    serial = m["serial"].lstrip("0")
    if not serial:
        return None
    yy = (m["y4"] or m["yy"] or m["y2"])[-2:]
    return f"{yy}{station(m['station'], yy)}{serial}"


# The classification line of a cable header names the station and serial:
#   S E C R E T BEIJING 000724
#   C O N F I D E N T I A L SECTION 01 OF 02 THE HAGUE 001865
#   UNCLAS E F T O LONDON 002187          (a caveat before the station)
#   C O N F I D E N T I A L 75 LIBREVILLE 1895   (1970s: the year on the line)
# Seed 001 has it glued to the TO line ("IMMEDIATE 9683S E C R E T BEIJING 003400"),
# so the only left boundary asked for is "not preceded by a letter".
def _spaced(word: str) -> str:
    # "SECRET", "S E C R E T" and the sentence-cased "S e c r e t" of some exports.
    return word[0] + "(?i:[ ]?" + "[ ]?".join(word[1:]) + ")"


_CLASSIFICATION = "|".join(
    [
        _spaced("SECRET"),
        _spaced("CONFIDENTIAL"),
        _spaced("UNCLASSIFIED"),
        _spaced("UNCLAS"),
        _spaced("LIMITED") + r"\s+" + _spaced("OFFICIAL") + r"\s+" + _spaced("USE"),
        # scraped pages that lost the first character (scraped-text/10BAGHDAD290)
        "[ ]".join("ONFIDENTIAL"),
        "[ ]".join("ECRET"),
    ]
)
_CAVEAT = "|".join(_spaced(c) for c in ("EFTO", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "SENSITIVE"))
SERIAL_LINE = re.compile(
    rf"""
    (?<![A-Za-z])
    (?:{_CLASSIFICATION})
    (?:[ \t]+(?:{_CAVEAT}))*
    (?:[ \t]+(?i:SECTION[ \t]+\d+[ \t]+OF)[ \t]+\d+)?
    [ \t]+                                # one line: "SECRET\n\nO 130854Z" is not a serial line
    (?:(?P<year>\d\d)[ \t]+)?
    (?!(?i:SECTION|PAGE)\b)
    (?P<station>[A-Za-z][A-Za-z'.-]+(?:[ \t]+[A-Za-z][A-Za-z'.-]*){{0,3}})
    [ \t]+
    (?P<serial>\d{{1,7}})(?!\d)
    """,
    re.VERBOSE,
)


def id_from_serial_line(text: str, year: int | str | None) -> str | None:
    """The cable id named by the classification/serial line of a header.

    ``text`` may be the line itself or a whole cable; the first serial line
    wins.  ``year`` is the year the cable was sent (the line itself has none,
    except in some 1970s cables, whose own year is used when ``year`` is None).
    """
    m = SERIAL_LINE.search(text)
    if m is None:
        return None
    yy = two_digit_year(year) or m["year"]
    serial = m["serial"].lstrip("0")
    if yy is None or not serial:
        return None
    return f"{yy}{station(m['station'], yy)}{serial}"


_CANONICAL_STATION = re.compile(r"^\d\d([A-Z]+?)\d+$")


def station_of(cable_id: str) -> str | None:
    """The station of a canonical id (``07STATE159388`` -> ``STATE``); None for any other id."""
    m = _CANONICAL_STATION.match(cable_id)
    return m[1] if m else None
