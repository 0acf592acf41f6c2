"""Date-aware screening: listed on that day, not yet, delisted, or not known from the list."""
from __future__ import annotations

import datetime as dt

import pytest

from prolifwatch.screen import make_query
from prolifwatch.screen.status import DELISTED, LISTED, NOT_YET, UNKNOWN


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2008-09-09", NOT_YET),  # the day before OFAC designated IRISL
        ("2008-09-10", LISTED),
        ("2015-06-01", LISTED),
        ("2016-01-16", DELISTED),  # JCPOA Implementation Day
        ("2017-03-01", DELISTED),
        ("2018-11-05", LISTED),  # re-designated
    ],
)
def test_irisl_listing_history(dated_screener, day, expected):
    hits = dated_screener.screen(make_query("IRISL", as_of=day))
    assert hits[0].entry.id == "os-irisl"
    assert hits[0].status == expected


def test_bank_sepah_un_listing_ended_on_implementation_day(dated_screener):
    assert dated_screener.screen(make_query("Bank Sepah", as_of="2010-01-01"))[0].status == LISTED
    assert dated_screener.screen(make_query("Bank Sepah", as_of="2016-02-01"))[0].status == DELISTED
    assert dated_screener.screen(make_query("Bank Sepah", as_of="2007-03-23"))[0].status == NOT_YET


def test_any_listing_in_force_counts(dated_screener):
    # KOMID: OFAC from 2005-06-28, UN from 2009-04-24 (nested sanctions)
    assert dated_screener.screen(make_query("KOMID", as_of=dt.date(2006, 1, 1)))[0].status == LISTED
    assert dated_screener.screen(make_query("KOMID", as_of=dt.date(2005, 1, 1)))[0].status == NOT_YET


def test_undated_listing_is_unknown_not_listed(screener):
    # SDN.XML gives no designation date: the answer must not pretend to know
    assert screener.screen(make_query("IRISL", as_of="1990-01-01"))[0].status == UNKNOWN


def test_no_as_of_means_no_status(dated_screener):
    assert dated_screener.screen(make_query("IRISL"))[0].status is None
