"""Consistency warnings: the page's id against the cable text's own serial line.

Every disagreement in ../shared/seeds + ../shared/corpus (5, all in station and
serial) is in the table below; each body was read in the file.
"""
from __future__ import annotations

import copy

import pytest

from prolifwatch.cable.document import cable_from_raw
from prolifwatch.formats import read_paths
from tests.conftest import CORPUS, SEED_CABLE_PREAMBLE


def _raw(relative: str):
    [raw] = [r for r in read_paths([CORPUS / relative]) if getattr(r, "kind", None) == "cable"]
    return raw


# (file, the id its page or file name gives, the id of the text it holds, named by)
OTHER_CABLES = [
    # serial line "S e c r e t state 068250", DECL 07/01/2034 (25 years: 2009)
    ("wikileaks-html/1988/01/88BAGHDAD28.html", "88BAGHDAD28", "09STATE68250", "layout"),
    # "C O N F I D E N T I A L SECTION 01 OF 03 BEIJING 002305", DECL 06/12/2033, a June 5, 2008 meeting
    ("wikileaks-html/2005/04/05MUSCAT679.html", "05MUSCAT679", "08BEIJING2305", "layout"),
    # "S E C R E T SECTION 01 OF 04 MOSCOW 005154", "Friday, 26 October 2007, 02:25"
    ("scraped-text/07PARIS2725.txt", "07PARIS2725", "07MOSCOW5154", "file name"),
    # "C O N F I D E N T I A L SECTION 01 OF 05 MADRID 001132", DECL 11/30/2018
    ("scraped-text/08LIMA1732.txt", "08LIMA1732", "08MADRID1132", "file name"),
    # "S E C R E T ULAANBAATAR 000234", "Thursday, 13 August 2009, 08:54"
    ("scraped-text/09CHISINAU694.txt", "09CHISINAU694", "09ULAANBAATAR234", "file name"),
]


@pytest.mark.parametrize("relative, named, body, named_by", OTHER_CABLES)
def test_page_holding_another_cable(relative, named, body, named_by):
    cable = cable_from_raw(_raw(relative))
    assert cable.id == body
    [warning] = cable.warnings
    assert (warning["field"], warning["layout"], warning["text"]) == ("id", named, body)
    assert named_by in warning["message"]


def test_88baghdad28_is_stored_as_the_2009_state_cable():
    # the page's header ("R 021258Z JAN 88 / FM AMEMBASSY BAGHDAD / TO SECSTATE WASHDC 9118")
    # is Baghdad's; the text below it is STATE 068250 of 2009 (its own page:
    # wikileaks-html/2009/07/09STATE68250.html, SECRET, Secretary of State, 2009-07-01)
    cable = cable_from_raw(_raw("wikileaks-html/1988/01/88BAGHDAD28.html"))
    assert cable.id == "09STATE68250"
    assert (cable.created, cable.created_source) == ("2009-07-01", "declassify-estimate")
    assert cable.origin == "Secretary of State"
    assert cable.classification == "SECRET"
    # the header belongs to the 1988 cable: not kept as this one's
    assert (cable.dtg, cable.from_, cable.recipients, cable.precedence) == (None, None, [], None)
    assert cable.subject.lower().startswith("german test chamber")


def test_05muscat679_is_the_beijing_cable():
    cable = cable_from_raw(_raw("wikileaks-html/2005/04/05MUSCAT679.html"))
    assert (cable.origin, cable.classification) == ("Embassy Beijing", "CONFIDENTIAL")
    assert (cable.created, cable.created_source) == ("2008-06-12", "declassify-estimate")


def test_agreeing_cables_have_no_warning():
    [seed] = list(read_paths([SEED_CABLE_PREAMBLE]))
    assert cable_from_raw(seed).warnings == []
    assert cable_from_raw(_raw("wikileaks-html/2009/07/09STATE68250.html")).warnings == []


# The corpus has no disagreement in the serial or the year alone: these two
# are constructed from a real page with one metadata value changed.
def test_serial_only_disagreement_keeps_the_layout_id_and_warns():
    raw = copy.deepcopy(_raw("wikileaks-html/2009/07/09STATE68250.html"))
    raw.meta["id"] = "09STATE68205"
    cable = cable_from_raw(raw)
    assert cable.id == "09STATE68205"
    assert cable.origin == "Secretary of State"  # the layout's values stand
    [warning] = cable.warnings
    assert (warning["field"], warning["layout"], warning["text"]) == ("id", "09STATE68205", "09STATE68250")


def test_layout_date_against_the_dtg_warns():
    raw = copy.deepcopy(_raw("wikileaks-html/2008/03/08BEIJING1141.html"))  # DTG 260948Z MAR 08
    raw.meta["created"] = "2008-03-25T09:09:00"
    cable = cable_from_raw(raw)
    assert cable.created == "2008-03-25T09:09:00"  # the layout's date stands
    [warning] = cable.warnings
    assert (warning["field"], warning["layout"], warning["text"]) == (
        "created", "2008-03-25T09:09:00", "2008-03-26T09:48:00")  # the DTG's date


def test_sentence_case_serial_line_gives_the_classification():
    # "S e c r e t ulaanbaatar 000234" below the scraped page's header
    cable = cable_from_raw(_raw("scraped-text/09ULAANBAATAR234.txt"))
    assert cable.classification == "SECRET"


@pytest.mark.parametrize(
    "relative, precedence, dtg",
    [
        ("wikileaks-html/2009/07/09STATE68250.html", "PRIORITY", "011706Z JUL 09"),  # "P R 011706Z JUL 09"
        ("wikileaks-html/2009/09/09STATE97434.html", "IMMEDIATE", "182200Z SEP 09"),  # "O P 182200Z SEP 09"
    ],
)
def test_precedence_pair_before_the_dtg(relative, precedence, dtg):
    cable = cable_from_raw(_raw(relative))
    assert (cable.precedence, cable.dtg) == (precedence, dtg)
