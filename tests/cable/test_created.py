"""A created date for every cable, with its source and precision.

Sources in order: the layout's metadata ("layout"), the date-time group
("dtg"), the header's date line ("date-line"), the DECL date where the
measured pattern holds ("declassify-estimate"), the year of the id
("id-year").  Expected dates were read in the files named.
"""
from __future__ import annotations

import pytest

from prolifwatch.cable.created import declassify_estimate, full_year, year_from_declassify
from prolifwatch.cable.document import cable_from_raw
from prolifwatch.formats import read_paths
from tests.conftest import CORPUS


def _record(relative: str):
    [raw] = [r for r in read_paths([CORPUS / relative]) if getattr(r, "kind", None) == "cable"]
    return cable_from_raw(raw)


# (DECL date as parsed, the id's year, estimate; the date the layout states, in the comment)
@pytest.mark.parametrize(
    "decl, year, estimate",
    [
        ("2034-07-01", 2009, "2009-07-01"),  # 25 y: wikileaks-html/2009/07/09STATE68250.html, table 2009-07-01
        ("2024-07-08", 2004, "2004-07-08"),  # 20 y: scraped-text/04THEHAGUE1717.txt, metadata 2004-07-09
        ("2027-09-10", 2007, "2007-09-10"),  # 20 y: wikileaks-html/2007/09/07BERN881.html, table 2007-09-11
        ("2018-12-08", 2008, "2008-12-08"),  # 10 y: scraped-text/08STATE128877.txt; its page 2008-12-08
        ("2035-02-24", 2010, "2010-02-24"),  # 25 y: scraped-text/10STATE16932.txt; its page 2010-02-24
        ("2009-04-14", 2004, "2004-04-14"),  # 5 y: wikileaks-html/2004/04/04BRASILIA913.html, table 2004-04-15
        ("2018-01-09", 2009, "2009-01-09"),  # 9 y: wikileaks-html/2009/01/09STATE2552.html, table 2009-01-09
        # offsets the measurement does not support: no estimate
        ("2025-12-31", 2010, None),  # 15 y: wikileaks-html/2010/02/10BERN48.html, table 2010-02-04
        ("2029-10-23", 2010, None),  # 19 y: wikileaks-html/2010/02/10SEOUL202.html, table 2010-02-10
        ("2032-01-14", 2009, None),  # 23 y (one cable): wikileaks-html/2009/01/09STATE3943.html
        # not a date: DECL:OADR (scraped-text/89PANAMA8545.txt), a later stamp (72TEHRAN1164)
        ("OADR", 1989, None),
        ("AS AMENDED; DECLASSIFIED JUNE 21, 2006", 1972, None),
        (None, 2009, None),
    ],
)
def test_declassify_estimate(decl, year, estimate):
    assert declassify_estimate(decl, year) == estimate


def test_declassify_estimate_on_29_february():
    assert declassify_estimate("2012-02-29", 2002) == "2002-02-28"


@pytest.mark.parametrize(
    "decl, year",
    [
        # wikileaks-html/1988/01/88BAGHDAD28.html holds STATE 068250 (DECL 07/01/2034),
        # whose own page dates it 2009-07-01: 25 years, as 10 and 20 would pass 2010
        ("2034-07-01", 2009),
        # wikileaks-html/2005/04/05MUSCAT679.html holds BEIJING 002305 (DECL 06/12/2033);
        # its subject names a meeting of June 5, 2008
        ("2033-06-12", 2008),
        ("2019-03-20", 2009),  # 10 years, the most common offset
        ("OADR", None),
    ],
)
def test_year_from_declassify(decl, year):
    assert year_from_declassify(decl) == year


def test_full_year():
    assert (full_year("66BUENOSAIRES2481"), full_year("09STATE68250"), full_year("article-1")) == (1966, 2009, None)


# (file, created, source, precision): each read in the file
@pytest.mark.parametrize(
    "relative, created, source, precision",
    [
        # table "2008-03-26 09:09" (DTG 260948Z MAR 08): the layout's date wins,
        # with the DTG's minute (the page's "minute" is the 12-hour clock's hour)
        ("wikileaks-html/2008/03/08BEIJING1141.html", "2008-03-26T09:48:00", "layout", "day"),
        # metadata lines give the day only ("2004-07-09"); no DTG
        ("scraped-text/04THEHAGUE1717.txt", "2004-07-09T00:00:00", "layout", "day"),
        ("plain-text/07KINGSTON482.txt", "2007-04-03T19:00:00", "dtg", "day"),  # "R 031900Z APR 07"
        # table "1966-12-28 18:48" ("P R 281848Z DEC 66")
        ("wikileaks-html-1960s-70s/test-set/1966/12/66BUENOSAIRES2481.html", "1966-12-28T18:48:00", "layout", "day"),
        ("scraped-text/07PARIS2725.txt", "2007-10-26T02:25:00", "date-line", "day"),  # "Friday, 26 October 2007, 02:25"
        # DECL: 02/24/2035; its WikiLeaks page dates it 2010-02-24 15:03
        ("scraped-text/10STATE16932.txt", "2010-02-24", "declassify-estimate", "day"),
        # DECL: 12/08/2018; its WikiLeaks page (wikileaks-html/2008/12/08STATE128877.html) dates it 2008-12-08
        ("scraped-text/08STATE128877.txt", "2008-12-08", "declassify-estimate", "day"),
        # E.O. line "AS AMENDED; DECLASSIFIED JUNE 21, 2006", no DTG, no date line
        ("scraped-text/72TEHRAN1164.txt", "1972", "id-year", "year"),
        ("scraped-text/89PANAMA8545.txt", "1989", "id-year", "year"),  # "DECL:OADR"
    ],
)
def test_created_source_and_precision(relative, created, source, precision):
    cable = _record(relative)
    assert (cable.created, cable.created_source, cable.created_precision) == (created, source, precision)


def test_created_sorts_and_filters_as_text():
    # reduced precision sorts before every day of its year, and "until" on the
    # first ten characters keeps it ("1972" <= "1972-12-31")
    assert sorted(["1972-02-25T09:30:00", "1972", "1971-12-31"]) == ["1971-12-31", "1972", "1972-02-25T09:30:00"]
